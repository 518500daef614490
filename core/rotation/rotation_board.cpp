// The rotation board over the cache: one read per symbol, bars after `until` never read.
#include "core/rotation/rotation_board.h"

#include <limits>

#include "core/model/date.h"
#include "core/model/watchlist.h"

namespace retest {

std::size_t RotationBoard::withData() const {
    std::size_t n = 0;
    for (const BoardEntry& e : entries) {
        n += e.error.empty() ? 1 : 0;
    }
    return n;
}

Result<RotationBoard> computeRotationBoard(const PriceCache& cache,
                                           std::span<const std::string> symbols,
                                           const std::string& benchmark, Day until,
                                           const RotationSettings& settings) {
    constexpr Day kFirst = std::numeric_limits<Day>::min();
    RotationBoard board;
    board.benchmark = canonicalSymbol(benchmark);
    std::vector<Bar> benchBars;
    if (auto r = cache.readBars(board.benchmark, kFirst, until, benchBars); !r) {
        return r.error();
    }
    if (benchBars.empty()) {
        board.benchmarkProblem = "the benchmark " + board.benchmark +
                                 " has no cached data; relative strength and quadrants are "
                                 "left empty";
    }
    std::vector<Bar> bars;
    for (const std::string& raw : symbols) {
        BoardEntry e;
        e.symbol = canonicalSymbol(raw);
        e.benchmark = e.symbol == board.benchmark;
        if (auto problem = symbolProblem(e.symbol)) {
            e.error = *problem;
        } else if (auto r = cache.readBars(e.symbol, kFirst, until, bars); !r) {
            return r.error();
        } else if (bars.empty()) {
            e.error = until == std::numeric_limits<Day>::max()
                          ? "no cached data"
                          : "no cached data up to " + formatIsoDate(until);
        } else {
            e.row = rotationRow(bars, benchBars, until, settings);
            if (e.benchmark) {
                e.row.rsRatio.reset();
                e.row.rsMomentum.reset();
                e.row.quadrant.reset();
                e.row.tail.clear();
            }
        }
        board.entries.push_back(std::move(e));
    }
    return board;
}

}  // namespace retest
