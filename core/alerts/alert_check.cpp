// The alert check: one read of each symbol's bars, one level analysis for retest alerts.
#include "core/alerts/alert_check.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "core/cache/alert_store.h"
#include "core/model/watchlist.h"

namespace retest {

namespace {

/// How far before the watched day a price alert reads, to find the bar before the first
/// watched one (the longest market closure is a few days; a month is ample).
constexpr Day kPreviousBarDays = 31;

}  // namespace

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
    std::vector<Bar> bars;
    for (const auto& [symbol, alerts] : bySymbol) {
        auto info = cache.symbolInfo(symbol);
        if (!info) {
            return info.error();
        }
        if (!info.value() || !info.value()->lastDay) {
            std::string ids;
            for (const Alert* a : alerts) {
                ids += (ids.empty() ? "" : ", ") + std::to_string(a->id);
            }
            report.waiting.push_back(symbol + ": no cached data yet; alert" +
                                     (alerts.size() > 1 ? "s " : " ") + ids +
                                     (alerts.size() > 1 ? " wait" : " waits") + ", armed");
            report.armed += alerts.size();
            continue;
        }
        // Nothing after any alert's watched day: nothing to read (the usual case after a
        // refresh that brought nothing for this symbol).
        // Price conditions need only the bars since the earliest watched day (and the one
        // before it); all-time highs and retests need the whole history.
        Day earliestWatch = std::numeric_limits<Day>::max();
        Day from = std::numeric_limits<Day>::max();
        for (const Alert* a : alerts) {
            earliestWatch = std::min(earliestWatch, a->watchFrom);
            const bool history = a->kind == AlertKind::AllTimeHigh ||
                                 a->kind == AlertKind::RetestHeld ||
                                 a->kind == AlertKind::RetestFailed;
            from = std::min(
                from, history ? std::numeric_limits<Day>::min() : a->watchFrom - kPreviousBarDays);
        }
        if (*info.value()->lastDay <= earliestWatch) {
            report.armed += alerts.size();
            continue;
        }
        if (auto r = cache.readBars(symbol, from, std::numeric_limits<Day>::max(), bars); !r) {
            return r.error();
        }
        std::optional<LevelAnalysis> levels;
        for (const Alert* a : alerts) {
            // The level analysis is the costly part: only when a retest alert has new bars.
            const bool retest =
                (a->kind == AlertKind::RetestHeld || a->kind == AlertKind::RetestFailed) &&
                bars.back().day > a->watchFrom;
            if (retest && !levels) {
                levels = analyzeLevels(bars);
            }
            const auto firing = evaluateAlert(*a, bars, retest ? &*levels : nullptr);
            if (!firing) {
                ++report.armed;
                continue;
            }
            if (auto w = store.markFired(a->id, *firing); !w) {
                return w.error();
            }
            Alert fired = *a;
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
