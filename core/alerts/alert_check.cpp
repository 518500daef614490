// The alert check: one read of each symbol's bars, one level analysis for retest alerts.
#include "core/alerts/alert_check.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>

#include "core/cache/alert_store.h"
#include "core/model/watchlist.h"

namespace retest {

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
        if (auto r = cache.readBars(symbol, std::numeric_limits<Day>::min(),
                                    std::numeric_limits<Day>::max(), bars);
            !r) {
            return r.error();
        }
        if (bars.empty()) {
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
