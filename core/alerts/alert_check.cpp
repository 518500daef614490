// The alert check: per symbol with new bars (its own, or a ratio's or stand-in's computed from
// other symbols), one read of the bars its alerts need and at most
// one level analysis (retest alerts), shared by all of that symbol's alerts; all-time highs
// take the earlier record from one SQL MAX instead of the whole history. Symbols are
// evaluated in parallel (the reads one at a time), the firings stored afterwards in order.
#include "core/alerts/alert_check.h"

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <optional>

#include "core/cache/alert_store.h"
#include "core/context/level_inputs.h"
#include "core/context/series_loader.h"
#include "core/model/parallel.h"
#include "core/model/watchlist.h"

namespace retest {

namespace {

/// How far before the watched day a price alert reads, to find the bar before the first
/// watched one (the longest market closure is a few days; a month is ample).
constexpr Day kPreviousBarDays = 31;

bool isRetest(AlertKind k) {
    return k == AlertKind::RetestHeld || k == AlertKind::RetestFailed;
}

/// One symbol's armed alerts with bars after (some of) their watched days.
struct SymbolWork {
    std::string symbol;
    std::vector<const Alert*> alerts;
    Day from = 0;  ///< the first day read
    bool highs = false;
    /// A ratio (IWM:SPY) or a stand-in (^TNX from DGS10): its bars, computed from others.
    std::optional<std::vector<Bar>> derived;
    std::string derivedFrom;                          ///< "DGS10" for a stand-in, empty otherwise
    std::vector<std::optional<AlertFiring>> firings;  ///< per alert
};

/// Reads what `work`'s alerts need (under `readMutex`: the cache's connection is shared) and
/// evaluates them.
Result<Ok> evaluateSymbol(PriceCache& cache, std::mutex& readMutex, SymbolWork& work) {
    std::vector<Bar> bars;
    std::optional<double> highestBefore;
    if (work.derived) {
        bars = std::move(*work.derived);
    } else {
        const std::lock_guard lock(readMutex);
        if (auto r = cache.readBars(work.symbol, work.from, std::numeric_limits<Day>::max(), bars);
            !r) {
            return r.error();
        }
        if (work.highs && work.from != std::numeric_limits<Day>::min()) {
            auto best = AlertStore(cache).highestCloseBefore(work.symbol, work.from);
            if (!best) {
                return best.error();
            }
            highestBefore = *best;
        }
    }
    std::optional<LevelAnalysis> levels;
    work.firings.resize(work.alerts.size());
    for (std::size_t i = 0; i < work.alerts.size(); ++i) {
        const Alert& a = *work.alerts[i];
        // The level analysis is the costly part: only when a retest alert has new bars. It is
        // the chart's: the symbol's own levels and sensitivity, so the retests are the ones
        // the user sees.
        const bool retest = isRetest(a.kind) && !bars.empty() && bars.back().day > a.watchFrom;
        if (retest && !levels) {
            LevelInputs in;
            {
                const std::lock_guard lock(readMutex);
                in = levelInputsFor(cache, work.symbol);
            }
            levels = analyzeLevels(bars, in.settings, in.manual);
        }
        work.firings[i] = evaluateAlert(a, bars, retest ? &*levels : nullptr, highestBefore);
        if (work.firings[i] && !work.derivedFrom.empty()) {
            work.firings[i]->detail += " (" + work.derivedFrom + " standing in)";
        }
    }
    return Ok{};
}

/// The last day of the series computed for `symbol` when it has no bars of its own.
Result<std::optional<Day>> computedSeriesLast(PriceCache& cache, const std::string& symbol) {
    auto info = cache.symbolInfo(canonicalSymbol(symbol));
    if (!info) {
        return info.error();
    }
    if (info.value() && info.value()->lastDay) {
        return std::optional<Day>();  // its own bars: the store reads their last day
    }
    auto series = loadSeriesTail(cache, symbol);
    if (!series || series->bars.empty()) {
        return std::optional<Day>();  // no data (yet): the alert waits from today
    }
    return std::optional<Day>(series->bars.back().day);
}

}  // namespace

Result<std::int64_t> addAlert(PriceCache& cache, const Alert& alert, Day nowDay) {
    auto last = computedSeriesLast(cache, alert.symbol);
    if (!last) {
        return last.error();
    }
    return AlertStore(cache).add(alert, nowDay, *last);
}

Result<Ok> rearmAlert(PriceCache& cache, std::int64_t id, Day nowDay) {
    AlertStore store(cache);
    auto a = store.find(id);
    if (!a) {
        return a.error();
    }
    if (!a.value()) {
        return Error{"no alert has id " + std::to_string(id)};
    }
    auto last = computedSeriesLast(cache, a.value()->symbol);
    if (!last) {
        return last.error();
    }
    return store.rearm(id, nowDay, *last);
}

Result<AlertCheckReport> checkAlerts(PriceCache& cache, std::span<const std::string> symbols) {
    AlertStore store(cache);
    auto stored = store.all();
    if (!stored) {
        return stored.error();
    }
    AlertCheckReport report;
    report.skipped = std::move(stored->skipped);
    std::map<std::string, std::vector<const Alert*>> bySymbol;
    for (const Alert& a : stored->alerts) {
        const bool wanted =
            symbols.empty() || std::any_of(symbols.begin(), symbols.end(), [&](const auto& s) {
                return canonicalSymbol(s) == a.symbol;
            });
        if (a.state == AlertState::Armed && wanted) {
            bySymbol[a.symbol].push_back(&a);
        }
    }
    std::vector<SymbolWork> work;
    for (auto& [symbol, alerts] : bySymbol) {
        auto info = cache.symbolInfo(symbol);
        if (!info) {
            return info.error();
        }
        // The last day with bars (none yet: the minimum, and `hasBars` false).
        const std::optional<Day> cachedLast = info.value() ? info.value()->lastDay : std::nullopt;
        Day lastDay = cachedLast.value_or(std::numeric_limits<Day>::min());
        bool hasBars = cachedLast.has_value();
        // Price conditions and all-time highs need only the bars since the earliest watched
        // day and the one before it; trend lines the bars since their first point (they run
        // bar by bar); retests the whole history.
        SymbolWork w;
        w.symbol = symbol;
        w.from = std::numeric_limits<Day>::max();
        Day earliestWatch = std::numeric_limits<Day>::max();
        for (const Alert* a : alerts) {
            earliestWatch = std::min(earliestWatch, a->watchFrom);
            w.from = std::min(w.from, isRetest(a->kind) ? std::numeric_limits<Day>::min()
                                                        : a->watchFrom - kPreviousBarDays);
            if (isLineAlert(a->kind)) {
                w.from = std::min(
                    {w.from, a->lineFrom - kPreviousBarDays, a->lineTo - kPreviousBarDays});
            }
            w.highs = w.highs || a->kind == AlertKind::AllTimeHigh;
        }
        if (!hasBars) {
            // No bars of its own: a ratio of two cached symbols, or ^TNX from DGS10, still
            // has a series; anything else waits. It is computed from the days the alerts read
            // (all of them for an all-time high: there is no SQL MAX of a computed series),
            // and from all days only when those have none, to tell old data from no data.
            SeriesRequest request;
            request.allowStandIn = true;
            request.from = w.highs ? std::numeric_limits<Day>::min() : w.from;
            auto series = loadSeries(cache, symbol, request);
            if ((!series || series->bars.empty()) &&
                request.from != std::numeric_limits<Day>::min()) {
                request.from = std::numeric_limits<Day>::min();
                series = loadSeries(cache, symbol, request);
            }
            std::string why = "no cached data yet";
            if (series && !series->bars.empty()) {
                lastDay = series->bars.back().day;
                hasBars = true;
                w.derivedFrom = series->standIn() ? series->dataSymbol : std::string();
                w.derived = std::move(series->bars);
            } else if (!series) {
                why = series.error().message;
            }
            if (!hasBars) {
                std::string ids;
                for (const Alert* a : alerts) {
                    ids += (ids.empty() ? "" : ", ") + std::to_string(a->id);
                }
                report.waiting.push_back(symbol + ": " + why + "; alert" +
                                         (alerts.size() > 1 ? "s " : " ") + ids +
                                         (alerts.size() > 1 ? " wait" : " waits") + ", armed");
                report.armed += alerts.size();
                continue;
            }
        }
        // Nothing after any alert's watched day: nothing to read (the usual case after a
        // refresh that brought nothing for this symbol).
        if (lastDay <= earliestWatch) {
            report.armed += alerts.size();
            continue;
        }
        w.alerts = std::move(alerts);
        work.push_back(std::move(w));
    }

    std::mutex readMutex;
    std::mutex errorMutex;
    std::optional<Error> failure;
    parallelFor(work.size(), [&](std::size_t k) {
        if (auto r = evaluateSymbol(cache, readMutex, work[k]); !r) {
            const std::lock_guard lock(errorMutex);
            failure = failure.value_or(r.error());
        }
    });
    if (failure) {
        return *failure;
    }

    for (const SymbolWork& w : work) {
        for (std::size_t i = 0; i < w.alerts.size(); ++i) {
            const Alert& a = *w.alerts[i];
            const std::optional<AlertFiring>& firing = w.firings[i];
            if (!firing) {
                ++report.armed;
                continue;
            }
            if (auto r = store.markFired(a.id, *firing); !r) {
                return r.error();
            }
            Alert fired = a;
            fired.state = AlertState::Fired;
            fired.firedDay = firing->day;
            fired.firedClose = firing->close;
            fired.firedDetail = firing->detail;
            report.fired.push_back(std::move(fired));
        }
    }
    return report;
}

}  // namespace retest
