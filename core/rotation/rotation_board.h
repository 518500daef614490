// The rotation board of a list of symbols: each symbol's bars read from the cache up to a day
// (a ratio such as IWM:SPY computed from its sides, ^TNX from DGS10 when it has no bars of its
// own, as the chart shows them) and turned into a RotationRow against the benchmark. Shared by
// `retest rotation` and the rotation dock.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/analytics/rotation.h"
#include "core/cache/price_cache.h"

namespace retest {

struct BoardEntry {
    std::string symbol;  ///< normalized
    std::string error;   ///< non-empty: no row ("no cached data", a bad symbol, …)
    /// Whose bars the row is made of when another's stand in ("DGS10" for ^TNX), else empty.
    std::string standIn;
    bool benchmark = false;  ///< the benchmark itself: its relative strength means nothing
    RotationRow row;
};

struct RotationBoard {
    std::string benchmark;
    /// Empty, or why relative strength is missing ("the benchmark QQQ has no cached data").
    std::string benchmarkProblem;
    std::vector<BoardEntry> entries;  ///< in the order asked
    /// The day the board is as of: the latest last bar among its rows (0 with none).
    Day day = 0;
    std::size_t withData() const;
    /// Whether `e` has a row whose data ends before the board's day (a symbol not refreshed,
    /// or the bundled sample): its returns and relative strength are of another time.
    bool behind(const BoardEntry& e) const { return e.error.empty() && e.row.asOf < day; }
};

/// Reads each symbol's bars with day <= `until` (never later ones) and the benchmark's, and
/// computes the rows. An Error only when the cache cannot be read.
Result<RotationBoard> computeRotationBoard(const PriceCache& cache,
                                           std::span<const std::string> symbols,
                                           const std::string& benchmark, Day until,
                                           const RotationSettings& settings = {});

}  // namespace retest
