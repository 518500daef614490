// Refreshes symbols from an online provider into the PriceCache, asynchronously on the
// calling thread's event loop: a few requests in flight, progress signals, cancel().
// Each symbol is written with one PriceCache::applyUpdate, so a failure leaves it unchanged.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "core/feeds/feed_types.h"
#include "core/feeds/http_fetch.h"
#include "core/feeds/symbol_map.h"

class QNetworkAccessManager;

namespace retest {

class PriceCache;

struct FeedSettings {
    Provider provider = Provider::Yahoo;
    QString yahooBaseUrl = QStringLiteral("https://query1.finance.yahoo.com");
    QString stooqBaseUrl = QStringLiteral("https://stooq.com");
    SymbolOverrides overrides;
    FetchPolicy fetch;
    int overlapSessions = 5;  ///< re-fetched sessions before the last cached day (corrections)

    const QString& baseUrl(Provider p) const {
        return p == Provider::Yahoo ? yahooBaseUrl : stooqBaseUrl;
    }
};

struct RefreshOptions {
    bool full = false;         ///< re-download the whole history and replace what is stored
    std::optional<Day> since;  ///< download from this day (at least)
};

struct SymbolRefreshResult {
    enum class Status { Updated, Failed, Cancelled };
    QString symbol;
    Provider provider = Provider::Yahoo;
    Status status = Status::Failed;
    FetchOutcome::Failure failure = FetchOutcome::Failure::None;  ///< for Failed via network
    QString error;  ///< "IWM (yahoo): HTTP 500 Internal Server Error after 3 attempts"
    std::size_t inserted = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t skippedMissing = 0;
    bool fullReload = false;      ///< the whole history was replaced (asked, or see reloadReason)
    QString reloadReason;         ///< e.g. "new split on 2020-08-31"; empty when asked or none
    std::optional<Day> firstDay;  ///< of the cache after the update
    std::optional<Day> lastDay;

    bool ok() const { return status == Status::Updated; }
    /// True when the failure says "no network" rather than "the server said no".
    bool offline() const { return failure == FetchOutcome::Failure::Network; }
};

class SymbolRefreshJob;

class FeedRefresher : public QObject {
    Q_OBJECT
public:
    FeedRefresher(PriceCache& cache, FeedSettings settings, QObject* parent = nullptr);
    ~FeedRefresher() override;

    const FeedSettings& settings() const { return settings_; }
    /// Takes effect for the next refresh().
    void setSettings(FeedSettings settings) { settings_ = std::move(settings); }

    /// Starts refreshing; ignored (returns false) while a refresh is running.
    bool refresh(const QStringList& symbols, RefreshOptions options = {});
    /// Stops: in-flight requests are aborted, queued symbols are reported Cancelled.
    void cancel();
    bool isRunning() const { return running_; }
    /// Results of the current or last refresh, in completion order.
    const std::vector<SymbolRefreshResult>& results() const { return results_; }

    /// refresh() then wait (a local event loop) until finished; returns the results in the
    /// order of `symbols`.
    std::vector<SymbolRefreshResult> refreshAndWait(const QStringList& symbols,
                                                    RefreshOptions options = {});

Q_SIGNALS:
    void symbolStarted(const QString& symbol);
    void symbolFinished(const retest::SymbolRefreshResult& result);
    void progress(int done, int total);
    void finished();

private:
    void startMore();
    void onJobDone(SymbolRefreshJob* job, const SymbolRefreshResult& result);
    void record(const SymbolRefreshResult& result);

    PriceCache& cache_;
    FeedSettings settings_;
    QNetworkAccessManager* network_;
    RefreshOptions options_;
    std::deque<QString> queue_;
    std::vector<SymbolRefreshJob*> active_;
    std::vector<SymbolRefreshResult> results_;
    int total_ = 0;
    bool running_ = false;
    bool cancelling_ = false;
};

}  // namespace retest

Q_DECLARE_METATYPE(retest::SymbolRefreshResult)
