// The refresh of one symbol: plan, fetch (again in full when a new split shows up), parse,
// then one PriceCache::applyUpdate. Internal to FeedRefresher.
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/feeds/feed_refresher.h"
#include "core/feeds/refresh_plan.h"
#include "core/model/result.h"

class QNetworkAccessManager;

namespace retest {

class SymbolRefreshJob : public QObject {
    Q_OBJECT
public:
    /// Called exactly once; the receiver may deleteLater() the job, not delete it.
    using Done = std::function<void(SymbolRefreshJob*, const SymbolRefreshResult&)>;
    SymbolRefreshJob(PriceCache& cache, QNetworkAccessManager& network,
                     const FeedSettings& settings, const RefreshOptions& options, QString symbol,
                     Done done, QObject* parent = nullptr);

    void start();
    void abort();
    const QString& symbol() const { return symbol_; }

private:
    void fetch();
    void onFetched(const FetchOutcome& outcome);
    /// Why the incremental answer `data` calls for a full reload (nullopt: it does not).
    Result<std::optional<std::string>> reloadReason(const FeedData& data) const;
    void write(const FeedData& data);
    void fail(const std::string& why, FetchOutcome::Failure failure = FetchOutcome::Failure::None);
    void complete(SymbolRefreshResult result);

    PriceCache& cache_;
    QNetworkAccessManager& network_;
    FeedSettings settings_;
    RefreshOptions options_;
    QString symbol_;
    Done done_;
    std::string providerSymbol_;
    RequestRange range_;
    bool replaceAll_ = false;
    bool fullReload_ = false;
    std::string reloadReason_;
    HttpFetch* fetch_ = nullptr;
    bool reported_ = false;
};

}  // namespace retest
