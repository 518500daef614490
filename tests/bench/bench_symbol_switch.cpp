// What a user feels when clicking through the watchlist: a symbol switch is a cache read of
// 5,000 daily bars plus the chart's setBars and first paint, headless at 1600x1000.
// Target: < 50 ms per switch. Printed next to two baselines from the same run: the cache read
// alone and a repaint of an unchanged chart (the fixed cost of drawing a full window).
// Run: build/tests/bench/bench_symbol_switch [--benchmark_repetitions=5]
#include <benchmark/benchmark.h>
#include <QApplication>
#include <cstdio>
#include <limits>

#include "core/cache/price_cache.h"
#include "core/import/csv_importer.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"

namespace {

using namespace retest;

struct Fixture {
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    Fixture() {
        cache = std::move(PriceCache::open(tmp.file("bench.sqlite")).value());
        // The real sample, 5,105 daily bars: the size of a 20-year daily history.
        if (!importCsvFile(*cache, test::sampleCsv(), "^GSPC")) {
            std::abort();
        }
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void readBars(std::vector<Bar>& out) {
    if (!fixture().cache->readBars("^GSPC", std::numeric_limits<Day>::min(),
                                   std::numeric_limits<Day>::max(), out)) {
        std::abort();
    }
}

void BM_CacheReadOnly(benchmark::State& state) {
    std::vector<Bar> bars;
    for (auto _ : state) {
        readBars(bars);
        benchmark::DoNotOptimize(bars.data());
    }
    state.counters["bars"] = static_cast<double>(bars.size());
}

void BM_RepaintUnchanged(benchmark::State& state) {
    std::vector<Bar> bars;
    readBars(bars);
    ui::ChartView view;
    view.resize(1600, 1000);
    view.show();
    view.setBars(bars, Timeframe::Daily);
    view.applyRangePreset(ui::RangePreset::Max);
    for (auto _ : state) {
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    }
}

void BM_SymbolSwitch(benchmark::State& state) {
    std::vector<Bar> bars;
    ui::ChartView view;
    view.resize(1600, 1000);
    view.show();
    QApplication::processEvents();
    for (auto _ : state) {
        readBars(bars);
        view.setBars(bars, Timeframe::Daily);
        view.applyRangePreset(ui::RangePreset::Max);
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    }
    state.counters["bars"] = static_cast<double>(bars.size());
}

BENCHMARK(BM_CacheReadOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RepaintUnchanged)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SymbolSwitch)->Unit(benchmark::kMillisecond);

/// Prints the runs and, at the end, the switch against its target and its baselines.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& r : runs) {
            if (r.run_type == Run::RT_Iteration || r.aggregate_name == "mean") {
                ms_[r.run_name.function_name] = r.GetAdjustedRealTime();
            }
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        const double sw = ms_["BM_SymbolSwitch"];
        const double read = ms_["BM_CacheReadOnly"];
        const double paint = ms_["BM_RepaintUnchanged"];
        std::printf("\nsymbol switch (read + setBars + first paint of 5105 bars, 1600x1000):\n");
        std::printf("  %.2f ms = %.2f x the 50 ms target\n", sw, sw / 50.0);
        if (read > 0 && paint > 0) {
            std::printf(
                "  = %.1f x the cache read alone (%.2f ms), %.2f x a repaint of an "
                "unchanged chart (%.2f ms)\n",
                sw / read, read, sw / paint, paint);
        }
    }

private:
    std::map<std::string, double> ms_;
};

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
