// Rotation board and alert check benchmarks, printed as ratios against reading the same bars
// from the cache in the same run (the cost floor: the board cannot be faster than its reads).
//
// Inputs: the real S&P 500 sample (5,105 sessions) repeated back to back with dates shifted
// forward to 30 years (7,560 sessions), then rescaled per symbol by a slow drift of its own
// (so the board has spread), stored for N symbols in a temporary cache. Real price paths, no
// random numbers; the symbols are copies of one index, not 500 real stocks. Full size: 500 symbols
// (the "rotation over 500 symbols × 30 years in under 2 s"), a 50-symbol board (< 200 ms),
// 200 alerts after a refresh (< 1 ms each).
//   build-rel/tests/bench/bench_rotation
//   RETEST_BENCH_SMOKE=1 build-rel/tests/bench/bench_rotation   # 20 symbols, seconds
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "core/alerts/alert_check.h"
#include "core/cache/alert_store.h"
#include "core/cache/price_cache.h"
#include "core/rotation/rotation_board.h"
#include "tests/support/bench_env.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kSessions = 7560;  // 30 years of 252 sessions

using test::benchSmoke;  // a few symbols under CTest, to keep the benchmark working

std::size_t symbolCount() {
    return benchSmoke() ? 20 : 500;
}

std::string symbolName(std::size_t i) {
    return "S" + std::to_string(i);
}

struct Workspace {
    test::TempDir dir;
    std::unique_ptr<PriceCache> cache;
    std::vector<std::string> symbols;
};

/// The cache with every symbol, built once (the sample repeated, each symbol scaled).
Workspace& workspace() {
    static Workspace w;
    static const bool ready = [] {
        auto opened = PriceCache::open(w.dir.file("bench.sqlite"));
        if (!opened.ok()) {
            std::fprintf(stderr, "%s\n", opened.error().message.c_str());
            std::abort();
        }
        w.cache = std::move(opened.value());
        const std::vector<Bar>& sample = test::sampleBars();
        // Copies of the sample placed back to back, the last one where it really is: every
        // date stays in the past, as the cache's bar rules require.
        const Day span = sample.back().day - sample.front().day + 7;
        const std::size_t copies = (kSessions + sample.size() - 1) / sample.size();
        std::vector<Bar> base;
        for (std::size_t c = 0; c < copies; ++c) {
            const Day shift = -static_cast<Day>(copies - 1 - c) * span;
            for (const Bar& bar : sample) {
                Bar b = bar;
                b.day += shift;
                base.push_back(b);
            }
        }
        base.erase(base.begin(), base.end() - static_cast<std::ptrdiff_t>(kSessions));
        for (std::size_t i = 0; i <= symbolCount(); ++i) {
            // Symbol i: the base path with a drift of its own, so the board has spread.
            const std::string name = i == symbolCount() ? "SPY" : symbolName(i);
            std::vector<Bar> bars = base;
            for (std::size_t k = 0; k < bars.size(); ++k) {
                const double f =
                    1.0 + 0.00002 * static_cast<double>(i % 17) * static_cast<double>(k);
                bars[k].open *= f;
                bars[k].high *= f;
                bars[k].low *= f;
                bars[k].close *= f;
                bars[k].adjClose *= f;
            }
            if (!w.cache->upsertBars(name, bars).ok()) {
                std::abort();
            }
            if (name != "SPY") {
                w.symbols.push_back(name);
            }
        }
        return true;
    }();
    (void)ready;
    return w;
}

double readSeconds(const std::vector<std::string>& symbols) {
    Workspace& w = workspace();
    std::vector<Bar> bars;
    const auto start = Clock::now();
    for (const std::string& s : symbols) {
        (void)w.cache->readBars(s, std::numeric_limits<Day>::min(), std::numeric_limits<Day>::max(),
                                bars);
        benchmark::DoNotOptimize(bars.data());
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Totals {
    double seconds = 0;
    double baseline = 0;
    std::size_t runs = 0;
};
Totals boardAll;
Totals board50;
Totals alertCheck;
std::size_t alertCount = 0;

void runBoard(benchmark::State& state, std::size_t n, Totals& totals) {
    Workspace& w = workspace();
    const std::vector<std::string> symbols(w.symbols.begin(),
                                           w.symbols.begin() + static_cast<std::ptrdiff_t>(n));
    for (auto _ : state) {
        const double base = readSeconds(symbols);
        const auto start = Clock::now();
        auto board =
            computeRotationBoard(*w.cache, symbols, "SPY", std::numeric_limits<Day>::max());
        const double took = std::chrono::duration<double>(Clock::now() - start).count();
        if (!board.ok() || board->withData() != n) {
            state.SkipWithError("board failed");
            return;
        }
        state.SetIterationTime(took);
        totals.seconds += took;
        totals.baseline += base;
        ++totals.runs;
    }
    state.counters["symbols"] = static_cast<double>(n);
}

void BM_RotationAllSymbols(benchmark::State& state) {
    runBoard(state, symbolCount(), boardAll);
}
BENCHMARK(BM_RotationAllSymbols)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);

void BM_RotationBoard50(benchmark::State& state) {
    runBoard(state, std::min<std::size_t>(50, symbolCount()), board50);
}
BENCHMARK(BM_RotationBoard50)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);

/// Alerts on the first symbols (one of each kind in turn: a fifth are retest alerts, each
/// needing the level analysis of its symbol's 30 years), checked after a refresh that appends
/// one bar to each; armed again between runs. The baseline reads every one of these symbols'
/// whole history.
void BM_AlertCheckAfterRefresh(benchmark::State& state) {
    Workspace& w = workspace();
    const std::size_t n = std::min<std::size_t>(benchSmoke() ? 20 : 200, w.symbols.size());
    AlertStore store(*w.cache);
    std::vector<std::int64_t> ids;
    const AlertKind kinds[] = {AlertKind::ClosesAbove, AlertKind::ClosesBelow,
                               AlertKind::EntersZone, AlertKind::AllTimeHigh,
                               AlertKind::RetestHeld};
    for (std::size_t i = 0; i < n; ++i) {
        Alert a;
        a.symbol = w.symbols[i];
        a.kind = kinds[i % 5];
        a.low = 1e9;  // never reached: every check evaluates the whole watched span
        a.high = 1e9;
        ids.push_back(*store.add(a, 0));
    }
    alertCount = n;
    // The refresh: one new session per symbol after the alerts were created.
    std::vector<Bar> last;
    for (std::size_t i = 0; i < n; ++i) {
        (void)w.cache->readBars(w.symbols[i], std::numeric_limits<Day>::min(),
                                std::numeric_limits<Day>::max(), last);
        Bar next = last.back();
        next.day += 1;
        next.open = next.high = next.low = next.close = next.adjClose = last.back().close * 0.99;
        (void)w.cache->upsertBars(w.symbols[i], std::vector<Bar>{next});
    }
    const std::vector<std::string> symbols(w.symbols.begin(),
                                           w.symbols.begin() + static_cast<std::ptrdiff_t>(n));
    for (auto _ : state) {
        // Every alert armed again on the same watched day, so each run checks the same work.
        if (sqlite3_exec(w.cache->connection(),
                         "UPDATE alerts SET state = 'armed', fired_day = NULL, "
                         "fired_close = NULL, fired_detail = NULL, fired_at = NULL",
                         nullptr, nullptr, nullptr) != SQLITE_OK) {
            state.SkipWithError("re-arming failed");
            return;
        }
        const double base = readSeconds(symbols);
        const auto start = Clock::now();
        auto report = checkAlerts(*w.cache);
        const double took = std::chrono::duration<double>(Clock::now() - start).count();
        if (!report.ok()) {
            state.SkipWithError("check failed");
            return;
        }
        state.SetIterationTime(took);
        alertCheck.seconds += took;
        alertCheck.baseline += base;
        ++alertCheck.runs;
    }
    for (std::int64_t id : ids) {
        (void)store.remove(id);
    }
    state.counters["alerts"] = static_cast<double>(n);
}
BENCHMARK(BM_AlertCheckAfterRefresh)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

void printRatio(const char* what, const Totals& t, double perItem, const char* unit) {
    if (t.runs == 0 || t.baseline <= 0) {
        return;
    }
    const double each = t.seconds / static_cast<double>(t.runs);
    std::printf("%s: %.1f ms (%.3f ms per %s), %.1fx the time to read the same bars\n", what,
                each * 1e3, each * 1e3 / perItem, unit, t.seconds / t.baseline);
}

}  // namespace
}  // namespace retest

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    using namespace retest;
    const auto n = static_cast<double>(symbolCount());
    printRatio("rotation, all symbols", boardAll, n, "symbol");
    printRatio("rotation board, 50 symbols", board50, std::min(50.0, n), "symbol");
    printRatio("alert check after a refresh", alertCheck, static_cast<double>(alertCount), "alert");
    benchmark::Shutdown();
    return 0;
}
