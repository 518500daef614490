// Support/resistance analysis throughput: analyzeLevels() in bars per second on the real
// S&P 500 sample (5,105 daily bars) and on 10k and 1M-bar inputs built from it, against one
// ATR pass over the same bars (the cheapest useful walk over the data) measured in the run.
//
// The big inputs are the sample played forwards, then backwards in time, then forwards ...,
// each copy rescaled so it starts where the previous one ended: real daily moves, invented
// dates and price levels. Levels are revisited again and again, the worst case for touches:
// at 1M bars the same 72 zones hold 322,936 touches and 56,649 breakouts and breakdowns (a
// touch every 3 bars, an event every 18; the real sample has one every 6 and 30 bars). The
// summary also times the other extreme: the sample chained forwards, a climb to absurd prices
// whose history holds 10,190 levels at 1M bars, nearly all of them far below price.
//
//   cmake --build build-rel --target bench_levels && build-rel/tests/bench/bench_levels
//   RETEST_BENCH_SMOKE=1 build-rel/tests/bench/bench_levels   # seconds, 100k instead of 1M
// The last lines printed are the full analysis at 1M bars (goal >= 20 million bars/s), the
// cost of one appended bar, and a refresh that adds a day as the window makes it (LevelStream),
// each as a ratio against a pass over the same bars measured in the same run: the machine's
// speed cancels out.
// On a busy machine, count instructions instead: they repeat exactly from run to run.
//   RETEST_BENCH_SMOKE=1 valgrind --tool=callgrind --toggle-collect='retest::analyzeLevels*'
//       build-rel/tests/bench/bench_levels --benchmark_filter=NONE
// counts the summary's two analyses of the back-and-forth 100k bars (half the total is one;
// about 85 million instructions, some 850 a bar, in December 2026: 89 million before a swing's
// extreme close was found a run of 8 bars at a time and the walks read each bar's reach worked
// out once, 86 million before each level kept the bars where its visits went deeper, for past
// views, 88 million before a pivot just above a zone joined it instead of making a zone beside
// it, 92 million before a visit stepped its retest in its own loop, 103 million before each
// level walked the bars on its own).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "core/analytics/atr.h"
#include "core/analytics/level_engine.h"
#include "core/analytics/level_stream.h"
#include "core/analytics/levels.h"
#include "core/csv/csv_import.h"
#include "tests/support/bench_env.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using test::benchSmoke;

std::size_t bigSize() {
    return benchSmoke() ? 100'000 : 1'000'000;
}

using test::sampleBars;  // the real sample, read once

Bar scaled(const Bar& b, double k, bool reversed) {
    Bar s = b;
    s.open = (reversed ? b.close : b.open) * k;
    s.close = (reversed ? b.open : b.close) * k;
    s.high = b.high * k;
    s.low = b.low * k;
    s.adjClose = s.close;
    return s;
}

/// `count` bars: copies of the sample, each joined to the last (rescaled to start where it
/// ended). `backAndForth`: forwards, backwards, forwards ..., so price keeps revisiting the same
/// levels; else forwards again and again, a climb that never comes back: every stretch of bars
/// meets new levels, and the history holds thousands, most of them far below price.
std::vector<Bar> chainedCopies(std::size_t count, bool backAndForth) {
    const std::vector<Bar>& sample = sampleBars();
    std::vector<Bar> out;
    out.reserve(count);
    Day day = sample.front().day;
    for (bool reversed = false; out.size() < count; reversed = backAndForth && !reversed) {
        const double startPrice = reversed ? sample.back().close : sample.front().open;
        const double k = out.empty() ? 1.0 : out.back().close / startPrice;
        for (std::size_t j = 0; j < sample.size() && out.size() < count; ++j) {
            const std::size_t i = reversed ? sample.size() - 1 - j : j;
            Bar b = scaled(sample[i], k, reversed);
            const Day gap = i > 0 ? sample[i].day - sample[i - 1].day : 1;
            day += out.empty() ? 0 : gap;
            b.day = day;
            out.push_back(b);
        }
    }
    return out;
}

const std::vector<Bar>& input(std::size_t count) {
    static std::vector<Bar> bars;
    if (bars.size() != count) {
        bars = count == sampleBars().size() ? sampleBars() : chainedCopies(count, true);
    }
    return bars;
}

void setRate(benchmark::State& state, std::size_t bars) {
    state.counters["bars/s"] =
        benchmark::Counter(static_cast<double>(bars) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

void BM_AnalyzeLevels_RealSample(benchmark::State& state) {
    const auto& bars = input(sampleBars().size());
    for (auto _ : state) {
        benchmark::DoNotOptimize(analyzeLevels(bars));
    }
    setRate(state, bars.size());
}

void BM_AnalyzeLevels_SampleBackAndForth(benchmark::State& state) {
    const auto& bars = input(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(analyzeLevels(bars));
    }
    setRate(state, bars.size());
}

void BM_BaselineAtrOnly_SampleBackAndForth(benchmark::State& state) {
    const auto& bars = input(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        benchmark::DoNotOptimize(wilderAtr(bars, 14));
    }
    setRate(state, bars.size());
}

void registerAll() {
    const auto big = static_cast<std::int64_t>(bigSize());
    benchmark::RegisterBenchmark("AnalyzeLevels/real_sp500_sample_5k", BM_AnalyzeLevels_RealSample)
        ->Unit(benchmark::kMillisecond);
    for (const std::int64_t n : {std::int64_t{10'000}, big}) {
        benchmark::RegisterBenchmark("AnalyzeLevels/sample_back_and_forth_rescaled",
                                     BM_AnalyzeLevels_SampleBackAndForth)
            ->Arg(n)
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark("BaselineAtrOnly/sample_back_and_forth_rescaled",
                                     BM_BaselineAtrOnly_SampleBackAndForth)
            ->Arg(n)
            ->Unit(benchmark::kMillisecond);
    }
}

template <typename F>
/// The CPU time `f` takes on this thread: other processes on a busy machine do not count.
double secondsFor(F&& f) {
    const auto now = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
    };
    const double start = now();
    f();
    return now() - start;
}

struct Summary {
    double analysisRate = 0;  // bars/s, full analysis
    double atrRate = 0;       // bars/s, ATR only
    double climbRate = 0;     // bars/s, full analysis of chainedCopies(n, false)
    double climbAtrRate = 0;  // bars/s, ATR only, on the same bars
    std::size_t climbLevels = 0;
    double appendSeconds = 0;    // one appended bar, streaming engine (append only)
    double refreshSeconds = 0;   // one appended bar plus a fresh analysis snapshot
    double streamSeconds = 0;    // the window's refresh: LevelStream::update with one more bar
    std::size_t streamBars = 0;  // bars it put through the engine
    double revisedSeconds = 0;   // LevelStream::update with today's bar revised
    std::size_t revisedBars = 0;
};

Summary summarize() {
    const auto& bars = input(bigSize());
    Summary out;
    // The analysis and its baseline take turns, and each is timed by its fastest round: on a
    // shared machine a burst of load slows whatever runs then, and the least time is the
    // closest to what the code itself costs. The ratio compares like with like.
    const int rounds = benchSmoke() ? 2 : 7;
    std::size_t zones = 0;
    double atrSum = 0;
    double analysis = HUGE_VAL;
    double atr = HUGE_VAL;
    for (int r = 0; r < rounds; ++r) {
        analysis =
            std::min(analysis, secondsFor([&] { zones += analyzeLevels(bars).zones.size(); }));
        atr = std::min(atr, secondsFor([&] { atrSum += wilderAtr(bars, 14).back(); }));
    }
    out.analysisRate = static_cast<double>(bars.size()) / analysis;
    out.atrRate = static_cast<double>(bars.size()) / atr;
    {
        const std::vector<Bar> climb = chainedCopies(bars.size(), false);
        double climbing = HUGE_VAL;
        double climbAtr = HUGE_VAL;
        for (int r = 0; r < rounds; ++r) {
            // LevelEngine::analyze() is what analyzeLevels() calls; called directly, it stays
            // out of the callgrind count below, which is the back-and-forth input's.
            climbing = std::min(climbing, secondsFor([&] {
                                    const LevelAnalysis a = LevelEngine::analyze(climb);
                                    out.climbLevels = a.zones.size();
                                }));
            climbAtr =
                std::min(climbAtr, secondsFor([&] { atrSum += wilderAtr(climb, 14).back(); }));
        }
        out.climbRate = static_cast<double>(climb.size()) / climbing;
        out.climbAtrRate = static_cast<double>(climb.size()) / climbAtr;
    }
    double t = 0;
    // A refresh: the engine holds all but the last `extra` bars, then takes them one by one,
    // on a copy each round so every round appends the same bars. The fastest round counts:
    // the first also grows the copy's buffers, which a real engine has room in ahead (append()
    // of many bars reserves it), and later copies reuse them.
    const std::size_t extra = 2000;
    LevelEngine settled;
    settled.append(std::span(bars).first(bars.size() - extra));
    LevelEngine engine;
    double appending = HUGE_VAL;
    for (int r = 0; r < rounds; ++r) {
        engine = settled;
        appending = std::min(appending, secondsFor([&] {
                                 for (std::size_t i = bars.size() - extra; i < bars.size(); ++i) {
                                     engine.append(bars[i]);
                                 }
                             }));
    }
    out.appendSeconds = appending / static_cast<double>(extra);
    const int snapshots = 5;
    t = secondsFor([&] {
        for (int r = 0; r < snapshots; ++r) {
            zones += engine.analysis().zones.size();
        }
    });
    out.refreshSeconds = out.appendSeconds + t / snapshots;
    // The window's path (ChartDocument): the stream saw yesterday's bars; today's arrives.
    LevelStream stream;
    stream.update(std::span(bars).first(bars.size() - 1));
    t = secondsFor([&] { zones += stream.update(bars).zones.size(); });
    out.streamSeconds = t;
    out.streamBars = stream.lastAnalysedBars();
    // An intraday refresh revising today's bar (after the first, which settles the rest once).
    std::vector<Bar> revised(bars.begin(), bars.end());
    for (int r = 0; r < 2; ++r) {
        revised.back().close = r == 0 ? revised.back().low : revised.back().high;
        t = secondsFor([&] { zones += stream.update(revised).zones.size(); });
    }
    out.revisedSeconds = t;
    out.revisedBars = stream.lastAnalysedBars();
    benchmark::DoNotOptimize(zones);
    benchmark::DoNotOptimize(atrSum);
    return out;
}

}  // namespace
}  // namespace retest

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    retest::registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    const retest::Summary s = retest::summarize();
    const double atrPerBar = 1.0 / s.atrRate;
    std::printf(
        "analyzeLevels on %zu bars (sample back and forth, rescaled): %.1f million bars/s "
        "(goal >= 20), %.1fx the time of an ATR-only pass (%.0f million bars/s)\n",
        retest::bigSize(), s.analysisRate / 1e6, s.atrRate / s.analysisRate, s.atrRate / 1e6);
    std::printf(
        "analyzeLevels on %zu bars (the sample chained forwards, a climb that never comes back: "
        "%zu levels): %.1f million bars/s, %.1fx the time of an ATR-only pass\n",
        retest::bigSize(), s.climbLevels, s.climbRate / 1e6, s.climbAtrRate / s.climbRate);
    std::printf(
        "one appended bar on %zu: %.0f ns (%.1fx one bar of the ATR pass; re-analysing "
        "everything costs %.0fx as much); with a fresh snapshot for the chart %.2f ms (%.4fx "
        "re-analysing)\n",
        retest::bigSize(), s.appendSeconds * 1e9, s.appendSeconds / atrPerBar,
        static_cast<double>(retest::bigSize()) / (s.appendSeconds * s.analysisRate),
        s.refreshSeconds * 1e3,
        s.refreshSeconds * s.analysisRate / static_cast<double>(retest::bigSize()));
    std::printf(
        "a refresh that adds a day, as the window does it (LevelStream: %zu bar through the "
        "engine, a fresh snapshot): %.2f ms (%.4fx re-analysing)\n",
        s.streamBars, s.streamSeconds * 1e3,
        s.streamSeconds * s.analysisRate / static_cast<double>(retest::bigSize()));
    std::printf(
        "a refresh that revises today's bar (%zu bar through the engine, on a copy of the "
        "settled history): %.2f ms (%.4fx re-analysing)\n",
        s.revisedBars, s.revisedSeconds * 1e3,
        s.revisedSeconds * s.analysisRate / static_cast<double>(retest::bigSize()));
    return 0;
}
