// One symbol's refresh. All cache access happens here, on the event-loop thread.
#include "core/feeds/symbol_refresh_job.h"

#include <QDateTime>

#include "core/cache/price_cache.h"
#include "core/feeds/stooq_parser.h"
#include "core/feeds/yahoo_chart_parser.h"
#include "core/model/bar_validation.h"
#include "core/model/date.h"
#include "core/model/symbol.h"

namespace retest {
namespace {

std::string providerTitle(Provider p) {
    return p == Provider::Yahoo ? "Yahoo" : "Stooq";
}

}  // namespace

SymbolRefreshJob::SymbolRefreshJob(PriceCache& cache, QNetworkAccessManager& network,
                                   const FeedSettings& settings, const RefreshOptions& options,
                                   QString symbol, Done done, QObject* parent)
    : QObject(parent),
      cache_(cache),
      network_(network),
      settings_(settings),
      options_(options),
      symbol_(std::move(symbol)),
      done_(std::move(done)) {}

void SymbolRefreshJob::start() {
    const Provider provider = settings_.provider;
    if (auto valid = normalizeSymbol(symbol_.toStdString()); !valid) {
        fail(valid.error().message);
        return;
    } else {
        symbol_ = QString::fromStdString(*valid);
    }
    auto mapped = providerSymbol(provider, symbol_.toStdString(), settings_.overrides);
    if (!mapped) {
        fail("no " + providerTitle(provider) + " symbol is known for " + symbol_.toStdString() +
             "; add one in the symbol mapping");
        return;
    }
    providerSymbol_ = *mapped;
    auto info = cache_.symbolInfo(symbol_.toStdString());
    if (!info) {
        fail("cannot read the cache: " + info.error().message);
        return;
    }
    const std::optional<Day> last = info->has_value() ? (*info)->lastDay : std::nullopt;
    range_ = planRequest(last, options_.full, options_.since, settings_.overlapSessions);
    replaceAll_ = options_.full;
    fullReload_ = options_.full && last.has_value();
    fetch();
}

void SymbolRefreshJob::fetch() {
    const QString& base = settings_.baseUrl(settings_.provider);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QUrl url =
        settings_.provider == Provider::Yahoo
            ? yahooChartUrl(base, providerSymbol_, range_.from, now)
            : stooqCsvUrl(base, providerSymbol_, range_.from, static_cast<Day>(now / 86400));
    fetch_ = new HttpFetch(
        network_, url, settings_.fetch, [this](const FetchOutcome& o) { onFetched(o); }, this);
    fetch_->start();
}

void SymbolRefreshJob::onFetched(const FetchOutcome& outcome) {
    fetch_->deleteLater();
    fetch_ = nullptr;
    const bool yahoo = settings_.provider == Provider::Yahoo;
    if (outcome.failure == FetchOutcome::Failure::Cancelled) {
        SymbolRefreshResult result;
        result.status = SymbolRefreshResult::Status::Cancelled;
        result.failure = outcome.failure;
        complete(std::move(result));
        return;
    }
    if (!outcome.ok()) {
        // Yahoo explains an unknown symbol in the body of its 404.
        const std::string why = yahoo ? yahooChartErrorText(outcome.body) : std::string();
        fail(why.empty() ? outcome.error : why + " (" + outcome.error + ")", outcome.failure);
        return;
    }
    auto data = yahoo ? parseYahooChart(outcome.body) : parseStooqCsv(outcome.body);
    if (!data) {
        fail(data.error().message);
        return;
    }
    // Every source's bars pass the same rules as an imported file; one bad bar refuses the
    // whole answer.
    if (auto problem = validateBars(data->bars)) {
        fail("refused the answer, nothing was stored: bar " + problem->describe());
        return;
    }
    for (const CorporateAction& a : data->actions) {
        if (a.day < earliestBarDay() || a.day > latestBarDay()) {
            fail("refused the answer, nothing was stored: a corporate action dated " +
                 formatIsoDate(a.day) + " is outside " + formatIsoDate(earliestBarDay()) + ".." +
                 formatIsoDate(latestBarDay()));
            return;
        }
    }
    if (range_.incremental) {
        auto reason = reloadReason(*data);
        if (!reason) {
            fail("cannot read the cache: " + reason.error().message);
            return;
        }
        if (reason->has_value()) {
            range_ = RequestRange{options_.since, false};
            replaceAll_ = true;
            fullReload_ = true;
            reloadReason_ = **reason;
            fetch();
            return;
        }
    }
    write(*data);
}

Result<std::optional<std::string>> SymbolRefreshJob::reloadReason(const FeedData& data) const {
    const std::string symbol = symbol_.toStdString();
    auto actions = cache_.corporateActions(symbol);
    if (!actions) {
        return actions.error();
    }
    std::vector<Bar> overlap;
    if (!data.bars.empty()) {
        if (auto read =
                cache_.readBars(symbol, data.bars.front().day, data.bars.back().day, overlap);
            !read) {
            return read.error();
        }
    }
    return fullReloadReason(data, *actions, overlap);
}

void SymbolRefreshJob::write(const FeedData& data) {
    SymbolUpdate update;
    update.bars = data.bars;
    update.actions = data.actions;
    update.meta =
        SymbolMeta{data.description, data.currency, std::string(providerName(settings_.provider))};
    update.replaceAll = replaceAll_;
    auto stats = cache_.applyUpdate(symbol_.toStdString(), update);
    if (!stats) {
        fail("cannot write the cache: " + stats.error().message);
        return;
    }
    SymbolRefreshResult result;
    result.status = SymbolRefreshResult::Status::Updated;
    result.inserted = stats->inserted;
    result.updated = stats->updated;
    result.unchanged = stats->unchanged;
    result.skippedMissing = data.skippedMissing;
    result.fullReload = fullReload_;
    result.reloadReason = QString::fromStdString(reloadReason_);
    if (auto info = cache_.symbolInfo(symbol_.toStdString()); info && info->has_value()) {
        result.firstDay = (*info)->firstDay;
        result.lastDay = (*info)->lastDay;
    }
    complete(std::move(result));
}

void SymbolRefreshJob::abort() {
    if (fetch_) {
        fetch_->abort();  // reports Cancelled through onFetched
    } else if (!reported_) {
        SymbolRefreshResult result;
        result.status = SymbolRefreshResult::Status::Cancelled;
        complete(std::move(result));
    }
}

void SymbolRefreshJob::fail(const std::string& why, FetchOutcome::Failure failure) {
    SymbolRefreshResult result;
    result.status = SymbolRefreshResult::Status::Failed;
    result.failure = failure;
    result.error = QString::fromStdString(why);
    complete(std::move(result));
}

void SymbolRefreshJob::complete(SymbolRefreshResult result) {
    if (reported_) {
        return;
    }
    reported_ = true;
    result.symbol = symbol_;
    result.provider = settings_.provider;
    if (result.status == SymbolRefreshResult::Status::Failed) {
        result.error = symbol_ + QStringLiteral(" (") +
                       QString::fromLatin1(providerName(settings_.provider)) +
                       QStringLiteral("): ") + result.error;
    } else if (result.status == SymbolRefreshResult::Status::Cancelled) {
        result.error = symbol_ + QStringLiteral(" (") +
                       QString::fromLatin1(providerName(settings_.provider)) +
                       QStringLiteral("): cancelled");
    }
    if (done_) {
        done_(this, result);
    }
}

}  // namespace retest
