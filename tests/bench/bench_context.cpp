// Market context speed, headless at 1920x1080 on the real sample (5,105 daily bars):
// - a full repaint of the plain chart as a user sees it by default (candles, volume, the
//   levels overlay with its bands, tags and labels, axis labels, readout) against a naive
//   QCPFinancial drawing all 5,105 bars: target <= 1.0;
// - a full repaint with 1, 3 and 5 context series (1 and 3 compares; 4 compares + a ^TNX
//   pane) against the plain chart and the naive QCPFinancial;
// - adding a compare or a pane (cache read, rebasing, first paint): target < 30 ms;
// - a crosshair move over three panes (handler + crosshair layer redraw): target < 1 ms.
// Ratios are printed from the same run; nothing is asserted about time.
// Run: build-rel/tests/bench/bench_context [--benchmark_repetitions=5]
// On a busy machine, count instructions instead; fullRepaint() is one repaint:
//   valgrind --tool=callgrind --toggle-collect='*fullRepaint*' --callgrind-out-file=plain.cg
//       build-rel/tests/bench/bench_context --benchmark_filter=BM_PlainChart
// and the same for BM_NaiveFinancial; the total divided by the calls of fullRepaint
// (callgrind_annotate --tree=caller plain.cg) is one repaint. Instructions miss memory traffic
// (clearing and copying 1920x1080 buffers) and the work Qt hands to its thread pool, which the
// CPU time sees: use both.
#include <benchmark/benchmark.h>
#include <QApplication>
#include <QMouseEvent>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/cache/price_cache.h"
#include "core/import/csv_importer.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"
#include "ui/chart_document.h"
#include "ui/context/market_context.h"
#include "ui/document_chart.h"

namespace {

using namespace retest;

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;
const char* const kCompares[] = {"HALF", "TWICE", "WAVE", "DGS10"};

struct Fixture {
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    Fixture() {
        cache = std::move(PriceCache::open(tmp.file("bench.sqlite")).value());
        const auto dgs10 = std::filesystem::path(test::sampleCsv()).parent_path() / "dgs10.csv";
        if (!importCsvFile(*cache, test::sampleCsv(), "^GSPC") ||
            !importCsvFile(*cache, dgs10, "DGS10")) {
            std::abort();
        }
        // Other series of the same length and dates: the sample scaled and bent.
        std::vector<Bar> half, twice, wave;
        int i = 0;
        for (const Bar& b : test::sampleBars()) {
            const double k = 1.0 + 0.2 * std::sin(i++ / 90.0);
            half.push_back(Bar{b.day, b.open / 2, b.high / 2, b.low / 2, b.close / 2,
                               b.adjClose / 2, b.volume});
            twice.push_back(Bar{b.day, b.open * 2, b.high * 2, b.low * 2, b.close * 2,
                                b.adjClose * 2, b.volume});
            wave.push_back(Bar{b.day, b.open * k, b.high * k, b.low * k, b.close * k,
                               b.adjClose * k, b.volume});
        }
        if (!cache->upsertBars("HALF", half) || !cache->upsertBars("TWICE", twice) ||
            !cache->upsertBars("WAVE", wave)) {
            std::abort();
        }
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

/// The window's chart at 1920x1080 showing every bar, as the window sets it up: following a
/// document (bars, levels overlay, split/dividend markers) with the market context attached.
struct Chart {
    ui::ChartView view;
    ui::ChartDocument doc{*fixture().cache};
    std::unique_ptr<ui::DocumentChart> shown;
    ui::MarketContext context{view, *fixture().cache};
    Chart() {
        view.resize(kWidth, kHeight);
        view.show();
        QApplication::processEvents();
        doc.setSynchronousLevels(true);
        if (!doc.setSymbol(QStringLiteral("^GSPC")) || doc.levels().zones.empty()) {
            std::abort();
        }
        shown = std::make_unique<ui::DocumentChart>(doc, view);
        view.applyRangePreset(ui::RangePreset::Max);
        context.apply({QStringLiteral("^GSPC"), Timeframe::Daily, true, {}}, {});
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    }
};

/// One full repaint, the thing compared. Not inlined, so that callgrind can count it alone.
[[gnu::noinline]] void fullRepaint(QCustomPlot& plot) {
    plot.replot(QCustomPlot::rpImmediateRefresh);
}

void BM_NaiveFinancial(benchmark::State& state) {
    QCustomPlot plot;
    plot.resize(kWidth, kHeight);
    plot.show();
    QApplication::processEvents();
    auto* f = new QCPFinancial(plot.xAxis, plot.yAxis);
    QVector<QCPFinancialData> data;
    int i = 0;
    for (const Bar& b : test::sampleBars()) {
        data.append(QCPFinancialData(i++, b.open, b.high, b.low, b.close));
    }
    f->data()->set(data, true);
    f->setChartStyle(QCPFinancial::csCandlestick);
    f->setTwoColored(true);
    plot.rescaleAxes();
    for (auto _ : state) {
        fullRepaint(plot);
    }
}

void BM_PlainChart(benchmark::State& state) {
    Chart c;
    for (auto _ : state) {
        fullRepaint(*c.view.plot());
    }
}

/// 1: one compare; 3: three compares; 5: four compares and a ^TNX pane.
void BM_ContextSeries(benchmark::State& state) {
    Chart c;
    const auto n = static_cast<int>(state.range(0));
    for (int k = 0; k < std::min(n, 4); ++k) {
        if (!c.context.addCompare(QString::fromLatin1(kCompares[k]))) {
            std::abort();
        }
    }
    if (n == 5 && !c.context.addPane(QStringLiteral("^TNX"))) {
        std::abort();
    }
    for (auto _ : state) {
        fullRepaint(*c.view.plot());
    }
}

void BM_AddCompare(benchmark::State& state) {
    Chart c;
    for (auto _ : state) {
        if (!c.context.addCompare(QStringLiteral("WAVE"))) {
            std::abort();
        }
        c.view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        state.PauseTiming();
        c.context.removeCompare(QStringLiteral("WAVE"));
        state.ResumeTiming();
    }
}

void BM_AddPane(benchmark::State& state) {
    Chart c;
    for (auto _ : state) {
        if (!c.context.addPane(QStringLiteral("^TNX"))) {
            std::abort();
        }
        c.view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        state.PauseTiming();
        c.context.removePane(0);
        state.ResumeTiming();
    }
}

void BM_CrosshairThreePanes(benchmark::State& state) {
    Chart c;
    for (const char* s : {"^TNX", "HALF:TWICE", "WAVE"}) {
        if (!c.context.addPane(QString::fromLatin1(s))) {
            std::abort();
        }
    }
    c.view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCPAxisRect* pane = c.view.paneRects().at(1);
    const double y = pane->center().y();
    const double left = pane->left() + 10;
    int step = 0;
    for (auto _ : state) {
        const QPointF pos(left + (step++ % 1500), y);
        QMouseEvent move(QEvent::MouseMove, pos, c.view.plot()->mapToGlobal(pos), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(c.view.plot(), &move);
    }
}

BENCHMARK(BM_NaiveFinancial)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PlainChart)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ContextSeries)->Arg(1)->Arg(3)->Arg(5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AddCompare)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AddPane)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CrosshairThreePanes)->Unit(benchmark::kMicrosecond);

/// Prints the runs, then the comparisons in CPU time (this machine is shared: wall time
/// mostly measures the other processes) with the wall time beside it. With repetitions, the
/// median of each is compared (one busy moment moves a mean, not a median).
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& r : runs) {
            if (r.run_type == Run::RT_Iteration || r.aggregate_name == "median") {
                const double toMs = r.time_unit == benchmark::kMicrosecond ? 1e-3 : 1.0;
                // run_name: the benchmark's name without "_median" and the like.
                cpu_[r.run_name.str()] = r.GetAdjustedCPUTime() * toMs;
                wall_[r.run_name.str()] = r.GetAdjustedRealTime() * toMs;
            }
        }
    }
    void Finalize() override {
        ConsoleReporter::Finalize();
        const auto ran = [&](const std::string& name) { return cpu_.count(name) > 0; };
        const auto ratio = [&](const std::string& a, const std::string& b) {
            return ran(a) && ran(b) && cpu_[b] > 0 ? cpu_[a] / cpu_[b] : 0.0;
        };
        const std::string naive = "BM_NaiveFinancial";
        const std::string plain = "BM_PlainChart";
        std::printf("\nfull repaint at %dx%d of 5105 daily bars, CPU time (wall in brackets):\n",
                    kWidth, kHeight);
        const auto line = [&](const char* what, const std::string& name) {
            if (!ran(name)) {
                std::printf("  %-22s  not run\n", what);
                return false;
            }
            std::printf("  %-22s %7.2f ms (%.2f)", what, cpu_[name], wall_[name]);
            return true;
        };
        if (line("naive QCPFinancial", naive)) {
            std::printf("\n");
        }
        if (line("plain chart", plain)) {
            std::printf(" = %.2f x naive\n", ratio(plain, naive));
        }
        for (const int n : {1, 3, 5}) {
            const std::string name = "BM_ContextSeries/" + std::to_string(n);
            const std::string what = std::to_string(n) + " context series";
            if (line(what.c_str(), name)) {
                std::printf(" = %.2f x plain, %.2f x naive\n", ratio(name, plain),
                            ratio(name, naive));
            }
        }
        if (ran(naive) && ran(plain)) {
            const double r = ratio(plain, naive);
            std::printf("plain chart / naive QCPFinancial: %.2f (target <= 1.0): %s\n", r,
                        r <= 1.0 ? "met" : "MISSED");
        }
        const auto target = [&](const char* what, const std::string& name, double limit) {
            if (!ran(name)) {
                std::printf("%-34s not run\n", what);
                return;
            }
            std::printf("%-34s %7.3f ms (%.3f) - target < %.0f ms: %s\n", what, cpu_[name],
                        wall_[name], limit, cpu_[name] < limit ? "met" : "MISSED");
        };
        target("add a compare (read + first paint)", "BM_AddCompare", 30);
        target("add a pane (read + first paint)", "BM_AddPane", 30);
        target("crosshair move over three panes", "BM_CrosshairThreePanes", 1);
    }

private:
    std::map<std::string, double> cpu_;
    std::map<std::string, double> wall_;
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
