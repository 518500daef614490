// The board over the cache is computed in parallel: the same rows, in the order asked, as one
// symbol after another would give, and missing or bad symbols named in their place.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <memory>
#include <stdexcept>

#include "core/model/date.h"
#include "core/model/parallel.h"
#include "core/rotation/rotation_board.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

TEST(ParallelFor, EveryIndexRunsExactlyOnceAndTheFirstExceptionReachesTheCaller) {
    std::vector<std::atomic<int>> runs(1000);
    parallelFor(
        runs.size(), [&](std::size_t i) { ++runs[i]; }, 4);
    for (const auto& r : runs) {
        EXPECT_EQ(r.load(), 1);
    }
    EXPECT_THROW(parallelFor(
                     100,
                     [](std::size_t i) {
                         if (i == 7) {
                             throw std::runtime_error("job 7");
                         }
                     },
                     3),
                 std::runtime_error);
    parallelFor(0, [](std::size_t) { FAIL() << "no index to run"; });
}

/// A fresh cache of its own for each test.
class RotationBoardOverTheCache : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(RotationBoardOverTheCache, ParallelRowsEqualTheSerialOnesInTheOrderAsked) {
    std::vector<std::string> asked;
    for (int i = 0; i < 12; ++i) {
        // The real sample, rescaled per symbol.
        const std::vector<Bar> bars = test::scaledSampleBars(1.0 + 0.05 * i);
        const std::string symbol = "S" + std::to_string(i);
        ASSERT_TRUE(cache->upsertBars(i == 0 ? "SPY" : symbol, bars).ok());
        asked.push_back(i == 0 ? "spy" : symbol);
        if (i == 5) {
            asked.emplace_back("NODATA");
            asked.emplace_back("bad symbol!");
        }
    }
    const Day until = test::sampleBars()[4000].day;
    auto board = computeRotationBoard(*cache, asked, "SPY", until);
    ASSERT_TRUE(board.ok()) << board.error().message;
    ASSERT_EQ(board->entries.size(), asked.size());
    const auto spy = cache->readAllBars("SPY").value();
    for (std::size_t k = 0; k < asked.size(); ++k) {
        const BoardEntry& e = board->entries[k];
        if (asked[k] == "NODATA") {
            EXPECT_EQ(e.error, "no cached data up to " + formatIsoDate(until));
            continue;
        }
        if (asked[k] == "bad symbol!") {
            EXPECT_FALSE(e.error.empty());
            continue;
        }
        ASSERT_TRUE(e.error.empty()) << e.symbol << ": " << e.error;
        const auto bars = cache->readAllBars(e.symbol).value();
        const RotationRow serial = rotationRow(bars, spy, until);
        EXPECT_EQ(e.symbol, k == 0 ? "SPY" : asked[k]);
        EXPECT_EQ(e.row.asOf, serial.asOf);
        EXPECT_EQ(e.row.last, serial.last);
        EXPECT_EQ(e.row.returns, serial.returns);
        EXPECT_EQ(e.row.fromAthPct, serial.fromAthPct);
        EXPECT_EQ(e.row.levels.zones.size(), serial.levels.zones.size());
        EXPECT_EQ(e.row.levels.events.size(), serial.levels.events.size());
        if (k == 0) {
            EXPECT_TRUE(e.benchmark);
            EXPECT_FALSE(e.row.quadrant.has_value());
        } else {
            EXPECT_EQ(e.row.rsRatio, serial.rsRatio);
            EXPECT_EQ(e.row.quadrant, serial.quadrant);
        }
    }
}

// A row reads a symbol as its chart and `scan` do: its manual levels, the sensitivity last
// chosen on its chart, the nearest shown levels and the headline event, not the newest one.
TEST_F(RotationBoardOverTheCache, EachSymbolIsAnalysedAsOnItsChartWithTheHeadlineEvent) {
    const std::vector<Bar>& bars = test::sampleBars();
    ASSERT_TRUE(cache->upsertBars("SPY", bars).ok());
    ASSERT_TRUE(cache->upsertBars("GSPC", bars).ok());
    ASSERT_TRUE(cache->setLevelSensitivity("GSPC", 0.7).ok());
    const auto manual = cache->addManualLevel("GSPC", 1500, "my line");
    ASSERT_TRUE(manual.ok()) << manual.error().message;

    // 2014-10-20: the February breakout above the Jan-2014 record high held its retest in the
    // October dip (2014-10-15); the newest event is a breakout above the Jul-2014 record high
    // that failed on 2014-10-02, further from price.
    const Day until = *parseIsoDate("2014-10-20");
    const std::vector<std::string> asked = {"GSPC", "SPY"};
    auto board = computeRotationBoard(*cache, asked, "SPY", until);
    ASSERT_TRUE(board.ok()) << board.error().message;
    const RotationRow& spy = board->entries[1].row;
    EXPECT_DOUBLE_EQ(spy.levels.sensitivity, 0.5);  // none stored: the default
    const LevelEvent* headline = spy.headlineEvent();
    ASSERT_NE(headline, nullptr);
    EXPECT_EQ(headline->id, "H2014-01-15/up/2014-02-27");
    EXPECT_NE(spy.levels.events.back().id, headline->id);
    ASSERT_NE(spy.nearestSupport(), nullptr);
    EXPECT_TRUE(spy.nearestSupport()->shown);
    ASSERT_NE(spy.nearestResistance(), nullptr);
    EXPECT_TRUE(spy.nearestResistance()->shown);

    // GSPC, the same bars: at its own sensitivity with its manual level, as `levels` gives it.
    const RotationRow& gspc = board->entries[0].row;
    LevelSettings own;
    own.sensitivity = 0.7;
    const std::vector<ManualLevelInput> inputs = {{1500, "my line", manual.value()}};
    const LevelAnalysis expected = analyzeLevels(barsAsOf(bars, until), own, inputs);
    EXPECT_DOUBLE_EQ(gspc.levels.sensitivity, 0.7);
    EXPECT_TRUE(std::any_of(gspc.levels.zones.begin(), gspc.levels.zones.end(),
                            [&](const Zone& z) { return z.manual && z.name == "my line"; }));
    ASSERT_TRUE(expected.headline);
    ASSERT_NE(gspc.headlineEvent(), nullptr);
    EXPECT_EQ(gspc.headlineEvent()->id, expected.events[*expected.headline].id);
    EXPECT_NE(gspc.headlineEvent()->id, headline->id);  // the sensitivity mattered

    // A sensitivity set for the board applies to every symbol.
    RotationSettings settings;
    settings.levelSensitivity = 0.2;
    auto fixed = computeRotationBoard(*cache, asked, "SPY", until, settings);
    ASSERT_TRUE(fixed.ok()) << fixed.error().message;
    EXPECT_DOUBLE_EQ(fixed->entries[0].row.levels.sensitivity, 0.2);
    EXPECT_DOUBLE_EQ(fixed->entries[1].row.levels.sensitivity, 0.2);
}

// Any series the chart can show has a row: a ratio computed from its two sides, ^TNX from
// DGS10 when the cache has no ^TNX (said so), and a ratio missing a side names that side.
TEST_F(RotationBoardOverTheCache, RatiosAndTheTnxStandInHaveRows) {
    const std::vector<Bar>& bars = test::sampleBars();
    const std::vector<Bar> half = test::scaledSampleBars(0.5);
    ASSERT_TRUE(cache->upsertBars("SPY", bars).ok());
    ASSERT_TRUE(cache->upsertBars("HALF", half).ok());
    ASSERT_TRUE(cache->upsertBars("DGS10", half).ok());
    const std::vector<std::string> asked = {"HALF:SPY", "^TNX", "NOPE:SPY"};
    auto board = computeRotationBoard(*cache, asked, "SPY", bars.back().day);
    ASSERT_TRUE(board.ok()) << board.error().message;
    const BoardEntry& ratio = board->entries[0];
    ASSERT_TRUE(ratio.error.empty()) << ratio.error;
    EXPECT_DOUBLE_EQ(ratio.row.last, 0.5);
    EXPECT_TRUE(ratio.standIn.empty());
    const BoardEntry& tnx = board->entries[1];
    ASSERT_TRUE(tnx.error.empty()) << tnx.error;
    EXPECT_EQ(tnx.standIn, "DGS10");
    EXPECT_DOUBLE_EQ(tnx.row.last, half.back().close);
    EXPECT_NE(board->entries[2].error.find("NOPE"), std::string::npos) << board->entries[2].error;
}

}  // namespace
}  // namespace retest
