// Checking alerts against the cache: read each symbol's bars once, evaluate its armed alerts,
// record every firing. Run after each import and refresh (and by `retest alerts check`).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/alerts/alert.h"
#include "core/cache/price_cache.h"

namespace retest {

struct AlertCheckReport {
    /// Alerts that fired in this check, as stored afterwards (state Fired, the firing bar).
    std::vector<Alert> fired;
    /// Armed alerts still waiting, including those whose symbol has no data.
    std::size_t armed = 0;
    /// "IWM: no cached data yet; alert 3 waits, armed" — one per symbol without bars.
    std::vector<std::string> waiting;
    /// Unreadable alert rows, skipped.
    std::vector<std::string> skipped;
};

/// Adds an armed alert watching the bars after the last day of `alert.symbol`'s series: its
/// own bars, or those computed for it (a ratio such as IWM:SPY, ^TNX from DGS10), so a bar
/// imported later for a day before `nowDay` is still watched. Without data, from `nowDay`.
Result<std::int64_t> addAlert(PriceCache& cache, const Alert& alert, Day nowDay);
/// Arms alert `id` again, watching the bars after its series' last day (as addAlert()).
Result<Ok> rearmAlert(PriceCache& cache, std::int64_t id, Day nowDay);

/// Checks every armed alert (or only those of `symbols` when not empty). A firing is stored
/// before the report returns, so a second check never reports it again.
Result<AlertCheckReport> checkAlerts(PriceCache& cache, std::span<const std::string> symbols = {});

}  // namespace retest
