// FeedRefresher: a queue of symbols, at most `maxInFlight` SymbolRefreshJobs at a time.
#include "core/feeds/feed_refresher.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <algorithm>

#include "core/feeds/symbol_refresh_job.h"

namespace retest {

FeedRefresher::FeedRefresher(PriceCache& cache, FeedSettings settings, QObject* parent)
    : QObject(parent),
      cache_(cache),
      settings_(std::move(settings)),
      network_(new QNetworkAccessManager(this)) {
    qRegisterMetaType<retest::SymbolRefreshResult>();
}

FeedRefresher::~FeedRefresher() {
    // Jobs are children; make sure none reports into a half-destroyed refresher.
    for (SymbolRefreshJob* job : active_) {
        job->disconnect(this);
    }
    active_.clear();
}

bool FeedRefresher::refresh(const QStringList& symbols, RefreshOptions options) {
    if (running_) {
        return false;
    }
    options_ = options;
    queue_.clear();
    results_.clear();
    for (const QString& s : symbols) {
        const QString symbol = s.trimmed();
        if (!symbol.isEmpty() && std::find(queue_.begin(), queue_.end(), symbol) == queue_.end()) {
            queue_.push_back(symbol);
        }
    }
    total_ = static_cast<int>(queue_.size());
    running_ = true;
    cancelling_ = false;
    Q_EMIT progress(0, total_);
    if (queue_.empty()) {
        running_ = false;
        Q_EMIT finished();
        return true;
    }
    startMore();
    return true;
}

void FeedRefresher::startMore() {
    const auto limit = static_cast<std::size_t>(std::max(settings_.fetch.maxInFlight, 1));
    while (!cancelling_ && !queue_.empty() && active_.size() < limit) {
        const QString symbol = queue_.front();
        queue_.pop_front();
        auto* job = new SymbolRefreshJob(
            cache_, *network_, settings_, options_, symbol,
            [this](SymbolRefreshJob* j, const SymbolRefreshResult& r) { onJobDone(j, r); }, this);
        active_.push_back(job);
        Q_EMIT symbolStarted(symbol);
        job->start();  // may finish synchronously (unknown mapping, cache error)
    }
}

void FeedRefresher::record(const SymbolRefreshResult& result) {
    results_.push_back(result);
    Q_EMIT symbolFinished(result);
    Q_EMIT progress(static_cast<int>(results_.size()), total_);
}

void FeedRefresher::onJobDone(SymbolRefreshJob* job, const SymbolRefreshResult& result) {
    active_.erase(std::remove(active_.begin(), active_.end(), job), active_.end());
    job->deleteLater();
    record(result);
    startMore();
    if (running_ && active_.empty() && queue_.empty()) {
        running_ = false;
        Q_EMIT finished();
    }
}

void FeedRefresher::cancel() {
    if (!running_ || cancelling_) {
        return;
    }
    cancelling_ = true;
    while (!queue_.empty()) {
        SymbolRefreshResult result;
        result.symbol = queue_.front();
        result.provider = settings_.provider;
        result.status = SymbolRefreshResult::Status::Cancelled;
        result.error = result.symbol + QStringLiteral(" (") +
                       QString::fromLatin1(providerName(settings_.provider)) +
                       QStringLiteral("): cancelled");
        queue_.pop_front();
        record(result);
    }
    const std::vector<SymbolRefreshJob*> jobs = active_;
    for (SymbolRefreshJob* job : jobs) {
        job->abort();  // reports through onJobDone, which emits finished() after the last
    }
}

std::vector<SymbolRefreshResult> FeedRefresher::refreshAndWait(const QStringList& symbols,
                                                               RefreshOptions options) {
    QEventLoop loop;
    connect(this, &FeedRefresher::finished, &loop, &QEventLoop::quit);
    if (!refresh(symbols, options)) {
        return {};
    }
    if (running_) {
        loop.exec();
    }
    std::vector<SymbolRefreshResult> ordered = results_;
    auto rank = [&](const SymbolRefreshResult& r) { return symbols.indexOf(r.symbol); };
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    return ordered;
}

}  // namespace retest
