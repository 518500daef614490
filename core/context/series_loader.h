// Reading any symbol's daily bars from the price cache: a plain symbol as stored, a ratio
// symbol ("IWM:SPY") computed on the fly from its two sides on their common dates, and ^TNX
// shown from the bundled DGS10 where the cache has no ^TNX of its own. Used by the chart
// document, `levels`, `scan`, `export` and the compare overlays and panes. No Qt.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analytics/ratio.h"
#include "core/cache/price_cache.h"
#include "core/model/bar.h"
#include "core/model/result.h"
#include "core/model/watchlist.h"  // canonicalSymbol

namespace retest {

struct SeriesRequest {
    Day from = std::numeric_limits<Day>::min();
    Day to = std::numeric_limits<Day>::max();
    /// Read a stand-in (^TNX -> DGS10) when the symbol itself has no bars.
    bool allowStandIn = false;
};

struct LoadedSeries {
    std::string symbol;      ///< as asked, normalized: "IWM:SPY", "^TNX"
    std::string dataSymbol;  ///< whose bars these are: "DGS10" when it stands in for ^TNX
    std::optional<RatioSymbol> ratio;
    std::vector<Bar> bars;           ///< daily, ascending; empty for an unknown plain symbol
    std::optional<SymbolInfo> info;  ///< the cache's record (a made-up one for a ratio)

    bool standIn() const { return dataSymbol != symbol; }
};

/// The symbol whose data stands in for `symbol` when the cache has none of it (^TNX -> DGS10).
std::optional<std::string> standInFor(std::string_view symbol);

/// An Error naming the text when it is neither a plain symbol nor a valid ratio.
Result<Ok> checkSymbolText(std::string_view text);

/// Prices as the chart shows them by default: open, high, low and close scaled by
/// adjClose / close, so splits and dividends do not show as gaps.
void adjustForSplitsAndDividends(std::vector<Bar>& bars);

/// Reads `symbol`'s daily bars within the request's days. A plain symbol the cache does not
/// know gives no bars and no error (the caller decides what to say). A ratio is an Error when a
/// side has no bars (naming that side) or the sides share no date.
Result<LoadedSeries> loadSeries(const PriceCache& cache, std::string_view symbol,
                                const SeriesRequest& request = {});

/// loadSeries (a stand-in allowed) over the series' last two weeks only, which hold at least
/// two sessions across holidays: the last quote and the one before it without reading the whole
/// history. A ratio's last day is the earlier of its sides'. Used by the watchlist, `watchlist
/// show` and the alerts' watched day.
Result<LoadedSeries> loadSeriesTail(const PriceCache& cache, std::string_view symbol);

/// loadSeries, but no bars at all is an Error too: "no cached data for KRE".
Result<LoadedSeries> loadSeriesWithData(const PriceCache& cache, std::string_view symbol,
                                        const SeriesRequest& request = {});

}  // namespace retest
