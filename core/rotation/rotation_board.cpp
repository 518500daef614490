// The rotation board over the cache: one read per symbol, bars after `until` never read; the
// rows computed in parallel.
#include "core/rotation/rotation_board.h"

#include <algorithm>
#include <limits>
#include <mutex>
#include <optional>

#include "core/context/level_inputs.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "core/model/parallel.h"
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
        board.benchmarkProblem =
            "the benchmark " + board.benchmark + " has no cached data" +
            (until == std::numeric_limits<Day>::max() ? "" : " up to " + formatIsoDate(until)) +
            "; relative strength and quadrants are left empty";
    }
    // The cache's connection reads one symbol at a time; the rows (a level analysis each, the
    // costly part) are computed on every core meanwhile.
    board.entries.resize(symbols.size());
    std::mutex readMutex;
    std::optional<Error> readError;
    parallelFor(symbols.size(), [&](std::size_t k) {
        BoardEntry& e = board.entries[k];
        e.symbol = canonicalSymbol(symbols[k]);
        e.benchmark = e.symbol == board.benchmark;
        if (auto problem = symbolProblem(e.symbol)) {
            e.error = *problem;
            return;
        }
        std::vector<Bar> bars;
        std::string problem;
        // The symbol's levels as its chart, `levels` and `scan` analyse them: its manual
        // levels, and the sensitivity last chosen on its chart unless the caller set one.
        RotationSettings own = settings;
        LevelInputs in;
        {
            const std::lock_guard lock(readMutex);
            if (readError) {
                return;
            }
            SeriesRequest request;
            request.to = until;
            request.allowStandIn = true;
            if (auto series = loadSeries(cache, e.symbol, request)) {
                bars = std::move(series->bars);
                e.standIn = series->standIn() ? series->dataSymbol : std::string();
            } else if (looksLikeRatio(e.symbol)) {
                problem = series.error().message;  // a side without bars, or no common date
            } else {
                readError = series.error();
                return;
            }
            in = levelInputsFor(cache, e.symbol, settings.levelSensitivity);
        }
        own.levels.sensitivity = in.settings.sensitivity;
        if (!problem.empty()) {
            e.error = problem;
            return;
        }
        if (bars.empty()) {
            e.error = until == std::numeric_limits<Day>::max()
                          ? "no cached data"
                          : "no cached data up to " + formatIsoDate(until);
            return;
        }
        e.row = rotationRow(bars, benchBars, until, own, in.manual);
        if (e.benchmark) {
            e.row.rsRatio.reset();
            e.row.rsMomentum.reset();
            e.row.quadrant.reset();
            e.row.tail.clear();
        }
    });
    if (readError) {
        return *readError;
    }
    for (const BoardEntry& e : board.entries) {
        board.day = e.error.empty() ? std::max(board.day, e.row.asOf) : board.day;
    }
    return board;
}

}  // namespace retest
