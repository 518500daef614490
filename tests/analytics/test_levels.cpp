// analyzeLevels() end to end on hand-built series: a double top at 130, broken, retested and
// held (or failed); manual levels; inputs too short to analyse.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/analytics/levels.h"
#include "tests/analytics/series_builder.h"

namespace retest {
namespace {

// 100 -> 130 (top A, bar 30) -> 110 -> 130 (top B, bar 70) -> 112 -> 150 -> 131 -> 160.
// Bars span close +- 0.5, so both tops have high 130.5 and the pullback low is 130.5.
std::vector<int> doubleTopThenRetest(int last) {
    return {100, 130, 110, 130, 112, 150, 131, last};
}

const Zone* zoneHolding(const LevelAnalysis& a, double price) {
    for (const Zone& z : a.zones) {
        if (z.low <= price && price <= z.high) {
            return &z;
        }
    }
    return nullptr;
}

const LevelEvent* eventThrough(const LevelAnalysis& a, double price) {
    for (const LevelEvent& e : a.events) {
        if (e.low <= price && price <= e.high) {
            return &e;
        }
    }
    return nullptr;
}

TEST(Levels, DoubleTopBreakoutRetestHeld) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(160)));
    const LevelAnalysis a = analyzeLevels(bars);
    EXPECT_EQ(a.asOf, bars.back().day);
    EXPECT_DOUBLE_EQ(a.lastClose, 160);
    ASSERT_TRUE(a.allTimeHigh);
    EXPECT_DOUBLE_EQ(a.allTimeHigh->high, 160.5);
    EXPECT_EQ(a.allTimeHigh->closeDay, bars.back().day);

    // Both tops are major peaks; the first one was the record, exceeded since.
    ASSERT_GE(a.majorPeaks.size(), 2U);
    EXPECT_EQ(a.majorPeaks[0].index, 30U);
    EXPECT_EQ(a.majorPeaks[1].index, 70U);
    ASSERT_TRUE(a.priorAllTimeHigh);
    EXPECT_DOUBLE_EQ(a.priorAllTimeHigh->price, 150.5);  // the 150 top was the last record

    const Zone* top = zoneHolding(a, 130.5);
    ASSERT_NE(top, nullptr);
    EXPECT_LT(top->high, 132);  // tight around the tops, not spread to the neighbours
    EXPECT_GT(top->low, 129);
    EXPECT_EQ(top->kind, LevelKind::Support);
    EXPECT_TRUE(top->flipped);
    EXPECT_TRUE(top->major);
    // Top A, top B (rejections from below), the breakout (passing through), the pullback
    // (a rejection from above).
    ASSERT_EQ(top->touches.size(), 4U);
    EXPECT_EQ(top->touches[0].index, 30U);
    EXPECT_EQ(top->touches[1].index, 70U);
    EXPECT_FALSE(top->touches[2].rejection);
    EXPECT_EQ(top->touches[3].index, 145U);
    EXPECT_TRUE(top->touches[3].fromAbove);
    EXPECT_EQ(top->rejections, 3);
    EXPECT_NE(top->why.find("4 touches"), std::string::npos) << top->why;
    EXPECT_NE(top->why.find("3 rejections"), std::string::npos) << top->why;
    EXPECT_NE(top->why.find("flipped from resistance to support"), std::string::npos);

    const LevelEvent* ev = eventThrough(a, 130.5);
    ASSERT_NE(ev, nullptr);
    EXPECT_EQ(ev->type, LevelEventType::Breakout);
    // The climb from 112 passes 130.5 + margin on its way to 150.
    EXPECT_GT(ev->index, 88U + 18U);
    EXPECT_LT(ev->index, 88U + 23U);
    EXPECT_EQ(ev->retest, RetestState::Held);
    ASSERT_EQ(ev->history.size(), 2U);
    EXPECT_EQ(ev->history[0].index, 145U);  // the pullback to 131
    EXPECT_EQ(ev->history[1].index, 146U);  // and the close back above the zone
    EXPECT_GT(ev->distancePct, 20);
    EXPECT_NE(ev->description.find("the 2020 high"), std::string::npos) << ev->description;
}

TEST(Levels, DoubleTopBreakoutThatFails) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(120)));
    const LevelAnalysis a = analyzeLevels(bars);
    const Zone* top = zoneHolding(a, 130.5);
    ASSERT_NE(top, nullptr);
    EXPECT_EQ(top->kind, LevelKind::Resistance);
    const LevelEvent* ev = eventThrough(a, 130.5);
    ASSERT_NE(ev, nullptr);
    EXPECT_EQ(ev->retest, RetestState::Failed);
    ASSERT_EQ(ev->history.size(), 2U);
    EXPECT_EQ(ev->history[0].state, RetestState::Retesting);
    EXPECT_EQ(ev->history[0].index, 145U);
    // Failed once a close is below the zone by half an ATR: a few bars under 129.7.
    EXPECT_GT(ev->history[1].index, 146U);
    EXPECT_LT(ev->history[1].index, 150U);
    EXPECT_LT(ev->distancePct, 0);
    EXPECT_LT(ev->distanceAtr, 0);
}

TEST(Levels, ManualLevelsBecomeTrackedZones) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(160)));
    const std::vector<ManualLevelInput> manual = {{140.0, "my line"}, {-5, "ignored"}};
    const LevelAnalysis a = analyzeLevels(bars, {}, manual);
    const Zone* z = zoneHolding(a, 140.0);
    ASSERT_NE(z, nullptr);
    EXPECT_TRUE(z->manual);
    EXPECT_EQ(z->name, "my line");
    EXPECT_DOUBLE_EQ(z->price, 140.0);
    EXPECT_EQ(z->kind, LevelKind::Support);
    // Broken on the way to 150, failed on the pullback to 131, broken again on the way to 160.
    std::vector<const LevelEvent*> through;
    for (const LevelEvent& e : a.events) {
        if (e.low <= 140.0 && 140.0 <= e.high) {
            through.push_back(&e);
        }
    }
    ASSERT_EQ(through.size(), 2U);
    EXPECT_EQ(through[0]->type, LevelEventType::Breakout);
    EXPECT_EQ(through[0]->retest, RetestState::Failed);
    EXPECT_NE(through[0]->description.find("my line"), std::string::npos)
        << through[0]->description;
    EXPECT_EQ(through[1]->type, LevelEventType::Breakout);
    EXPECT_GT(through[1]->index, 146U);
    EXPECT_EQ(through[1]->retest, RetestState::None);
}

TEST(Levels, ManualLevelOnADetectedZoneMergesIntoIt) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(160)));
    const std::vector<ManualLevelInput> manual = {{130.2, ""}};
    const LevelAnalysis a = analyzeLevels(bars, {}, manual);
    const Zone* z = zoneHolding(a, 130.5);
    ASSERT_NE(z, nullptr);
    EXPECT_TRUE(z->manual);
    EXPECT_EQ(z->name, "manual level 130.20");
    EXPECT_EQ(z->touches.size(), 4U);
    for (std::size_t i = 1; i < a.zones.size(); ++i) {
        EXPECT_LT(a.zones[i - 1].high, a.zones[i].low);
    }
}

TEST(Levels, TooFewBarsGiveEmptyResults) {
    EXPECT_EQ(analyzeLevels({}).asOf, 0);
    EXPECT_FALSE(analyzeLevels({}).allTimeHigh);
    for (const std::size_t n : {1U, 2U, 5U}) {
        const auto bars = test::barsFromCloses(test::walk({100, 100 + static_cast<int>(n) - 1}));
        const LevelAnalysis a = analyzeLevels(bars, {}, std::vector<ManualLevelInput>{{100, "x"}});
        EXPECT_EQ(a.asOf, bars.back().day);
        EXPECT_TRUE(a.events.empty());
        EXPECT_TRUE(a.majorPeaks.empty());
        for (const Zone& z : a.zones) {
            EXPECT_TRUE(z.manual);  // nothing detected in so few bars
        }
    }
}

TEST(Levels, SensitivityOutOfRangeIsClamped) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(160)));
    LevelSettings low;
    low.sensitivity = -3;
    LevelSettings zero;
    zero.sensitivity = 0;
    EXPECT_EQ(analyzeLevels(bars, low).zones.size(), analyzeLevels(bars, zero).zones.size());
}

}  // namespace
}  // namespace retest
