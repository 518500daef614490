// Price cache benchmarks: CSV import throughput against the sqlite3 shell's `.import` of the
// same file measured in the same run, 30-year range reads, and listing 50 symbols.
//
// Inputs are the real S&P 500 sample (resources/sample/sp500-2000.csv) repeated back to back
// with dates shifted forward by whole copies, written to a temporary folder: the prices are
// real sessions, the later dates are not.
//
// Run (or scripts/bench-cache.sh [--smoke], which builds a Release tree in build-bench/):
//   cmake --build build-cache --target bench_cache
//   build-cache/tests/bench/bench_cache                        # full size (~100k-bar CSV)
//   RETEST_BENCH_SMOKE=1 build-cache/tests/bench/bench_cache   # seconds, small inputs
// The last line printed is the import ratio ours / sqlite3 (target >= 0.5). Needs `sqlite3`
// on PATH for the baseline; without it the baseline is skipped and no ratio is printed.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "core/cache/price_cache.h"
#include "core/csv/csv_import.h"
#include "core/model/date.h"
#include "tests/support/bench_env.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using Clock = std::chrono::steady_clock;

using test::benchSmoke;

using test::sampleBars;  // the real sample, read once

/// `count` bars: the sample again and again, each copy shifted past the end of the previous.
std::vector<Bar> repeatedSample(std::size_t count) {
    const std::vector<Bar>& sample = sampleBars();
    const Day span = sample.back().day - sample.front().day + 7;
    std::vector<Bar> out;
    out.reserve(count);
    for (Day shift = 0; out.size() < count; shift += span) {
        for (const Bar& b : sample) {
            if (out.size() == count) {
                break;
            }
            Bar s = b;
            s.day += shift;
            out.push_back(s);
        }
    }
    return out;
}

struct Workspace {
    test::TempDir dir;
    std::filesystem::path csv;
    std::size_t bars = 0;
};

/// The repeated sample as a Yahoo-style CSV (same layout as the sample file).
Workspace& importInput() {
    static Workspace w;
    static const bool ready = [] {
        w.csv = w.dir.file("sp500-repeated.csv");
        const std::vector<Bar> bars = repeatedSample(benchSmoke() ? 10'000 : 100'000);
        std::ofstream out(w.csv, std::ios::binary);
        out << "date,open,high,low,close,adjclose,volume\n";
        char line[256];
        for (const Bar& b : bars) {
            std::snprintf(line, sizeof line, "%s,%.6f,%.6f,%.6f,%.6f,%.6f,%.0f\n",
                          formatIsoDate(b.day).c_str(), b.open, b.high, b.low, b.close, b.adjClose,
                          b.volume);
            out << line;
        }
        w.bars = bars.size();
        return true;
    }();
    (void)ready;
    return w;
}

double oursBarsPerSecond = 0;
double sqliteBarsPerSecond = 0;

void freshFile(const std::filesystem::path& db) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(db.string() + suffix);
    }
}

void BM_ImportOurs(benchmark::State& state) {
    Workspace& ws = importInput();
    const auto db = ws.dir.file("ours.db");
    double seconds = 0;
    for (auto _ : state) {
        freshFile(db);
        const auto start = Clock::now();
        auto imported = readCsvFile(ws.csv);
        auto cache = PriceCache::open(db);
        if (!imported.ok() || !cache.ok()) {
            state.SkipWithError("import failed");
            return;
        }
        auto stats = (*cache)->upsertBars("^GSPC", imported->bars);
        cache.value().reset();  // closing (WAL checkpoint) is part of the job
        const std::chrono::duration<double> took = Clock::now() - start;
        if (!stats.ok() || stats->inserted != ws.bars) {
            state.SkipWithError("upsert failed");
            return;
        }
        state.SetIterationTime(took.count());
        seconds += took.count();
    }
    // Computed here rather than with kIsRate so it is plainly bars over the timed seconds.
    state.counters["bars/s"] = static_cast<double>(ws.bars * state.iterations()) / seconds;
    state.SetLabel(std::to_string(ws.bars) + " bars, sample repeated with shifted dates");
}

void BM_ImportSqlite3Shell(benchmark::State& state) {
    Workspace& ws = importInput();
    const auto db = ws.dir.file("shell.db");
    double seconds = 0;
    const std::string command =
        "sqlite3 '" + db.string() + "' -cmd '.mode csv' '.import " + ws.csv.string() + " bars'";
    for (auto _ : state) {
        freshFile(db);
        const auto start = Clock::now();
        const int rc = std::system(command.c_str());
        const std::chrono::duration<double> took = Clock::now() - start;
        if (rc != 0) {
            state.SkipWithError("sqlite3 shell not available or failed");
            return;
        }
        state.SetIterationTime(took.count());
        seconds += took.count();
    }
    // Computed here rather than with kIsRate so it is plainly bars over the timed seconds.
    state.counters["bars/s"] = static_cast<double>(ws.bars * state.iterations()) / seconds;
    state.SetLabel(std::to_string(ws.bars) + " bars, same CSV, sqlite3 .import");
}

/// A cache holding `symbols` symbols of `barsEach` bars (the repeated sample).
struct FilledCache {
    test::TempDir dir;
    std::unique_ptr<PriceCache> cache;
    std::vector<Bar> bars;
};

FilledCache& filledCache() {
    static FilledCache f;
    static const bool ready = [] {
        f.bars = repeatedSample(7'600);  // ~30 years of sessions
        f.cache = std::move(PriceCache::open(f.dir.file("filled.db")).value());
        const int symbols = benchSmoke() ? 5 : 50;
        for (int i = 0; i < symbols; ++i) {
            (void)f.cache->upsertBars("SYM" + std::to_string(100 + i), f.bars);
        }
        return true;
    }();
    (void)ready;
    return f;
}

void BM_Read30Years(benchmark::State& state) {
    FilledCache& fc = filledCache();
    std::vector<Bar> out;
    for (auto _ : state) {
        if (!fc.cache->readBars("SYM100", fc.bars.front().day, fc.bars.back().day, out).ok() ||
            out.size() != fc.bars.size()) {
            state.SkipWithError("read failed");
            return;
        }
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["bars/s"] = benchmark::Counter(
        static_cast<double>(out.size() * state.iterations()), benchmark::Counter::kIsRate);
    state.SetLabel(std::to_string(out.size()) + " daily bars (sample repeated), target < 2 ms");
}

/// The floor for BM_Read30Years: the same rows stepped through SQLite's C API with nothing else.
void BM_Read30YearsRawSqlite(benchmark::State& state) {
    FilledCache& fc = filledCache();
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    sqlite3_open_v2(fc.cache->path().c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                    nullptr);
    sqlite3_prepare_v2(db,
                       "SELECT day, open, high, low, close, adj_close, volume FROM bars "
                       "WHERE symbol = 'SYM100' AND day BETWEEN ?1 AND ?2 ORDER BY day",
                       -1, &stmt, nullptr);
    std::size_t rows = 0;
    for (auto _ : state) {
        sqlite3_bind_int(stmt, 1, fc.bars.front().day);
        sqlite3_bind_int(stmt, 2, fc.bars.back().day);
        double sum = 0;
        rows = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            sum += static_cast<double>(sqlite3_column_int(stmt, 0));
            for (int col = 1; col <= 6; ++col) {
                sum += sqlite3_column_double(stmt, col);
            }
            ++rows;
        }
        sqlite3_reset(stmt);
        benchmark::DoNotOptimize(sum);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    if (rows != fc.bars.size()) {
        state.SkipWithError("raw read failed");
        return;
    }
    state.counters["bars/s"] = benchmark::Counter(static_cast<double>(rows * state.iterations()),
                                                  benchmark::Counter::kIsRate);
    state.SetLabel(std::to_string(rows) + " bars, bare sqlite3_step loop (floor)");
}

void BM_ListSymbols(benchmark::State& state) {
    FilledCache& fc = filledCache();
    std::size_t n = 0;
    for (auto _ : state) {
        auto list = fc.cache->listSymbols();
        n = list.ok() ? list->size() : 0;
        benchmark::DoNotOptimize(n);
    }
    state.SetLabel(std::to_string(n) + " symbols x " + std::to_string(fc.bars.size()) + " bars");
}

BENCHMARK(BM_ImportOurs)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportSqlite3Shell)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Read30Years)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Read30YearsRawSqlite)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ListSymbols)->Unit(benchmark::kMicrosecond);

/// Keeps the import rates so main() can print the ratio after the table.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& run : runs) {
            const auto it = run.counters.find("bars/s");
            if (it == run.counters.end() || run.error_occurred) {
                continue;
            }
            const std::string name = run.benchmark_name();
            if (name.rfind("BM_ImportOurs", 0) == 0) {
                oursBarsPerSecond = it->second.value;
            } else if (name.rfind("BM_ImportSqlite3Shell", 0) == 0) {
                sqliteBarsPerSecond = it->second.value;
            }
        }
        ConsoleReporter::ReportRuns(runs);
    }
};

}  // namespace
}  // namespace retest

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    retest::RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    std::fflush(stdout);
    if (retest::oursBarsPerSecond > 0 && retest::sqliteBarsPerSecond > 0) {
        std::printf(
            "Import ratio ours/sqlite3 .import = %.2f (%.0f vs %.0f bars/s, target >= 0.5)\n",
            retest::oursBarsPerSecond / retest::sqliteBarsPerSecond, retest::oursBarsPerSecond,
            retest::sqliteBarsPerSecond);
    }
    return 0;
}
