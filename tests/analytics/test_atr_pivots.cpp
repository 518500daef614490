// ATR and zigzag swings on hand-built bars with known answers.
#include <gtest/gtest.h>

#include "core/analytics/atr.h"
#include "core/analytics/pivots.h"
#include "tests/analytics/series_builder.h"

namespace retest {
namespace {

TEST(Atr, ConstantRangeGivesThatRange) {
    const auto bars = test::barsFromCloses(std::vector<double>(30, 100.0), 1.0);
    const auto atr = wilderAtr(bars, 14);
    ASSERT_EQ(atr.size(), 30U);
    for (const double a : atr) {
        EXPECT_DOUBLE_EQ(a, 2.0);
    }
}

TEST(Atr, GapCountsInTrueRangeAndWilderSmoothsIt) {
    // Two bars of range 2, then a bar gapping up: prior close 100, range 108..110 -> TR 10.
    std::vector<Bar> bars = test::barsFromCloses({100, 100}, 1.0);
    bars.push_back(test::barAt(2, 109, 109, 1.0));
    const auto atr = wilderAtr(bars, 2);
    EXPECT_DOUBLE_EQ(atr[0], 2.0);
    EXPECT_DOUBLE_EQ(atr[1], 2.0);
    EXPECT_DOUBLE_EQ(atr[2], (2.0 * 1 + 10.0) / 2);  // Wilder: (prev * (p - 1) + TR) / p
    EXPECT_TRUE(wilderAtr({}, 14).empty());
}

TEST(Zigzag, FindsSwingsBiggerThanTheThresholdOnly) {
    // 100 -> 110 -> 104 (a 5.9% dip) -> 120 -> 100 -> 112, one point per bar.
    const auto bars = test::barsFromCloses(test::walk({100, 110, 104, 120, 100, 112}));
    const auto pivots = zigzagPercent(bars, 0.08);
    // The first bar is the low the 8% rise starts from; the 110 top and 104 dip are noise;
    // the rally from 100 to 112 at the end has not been confirmed by a fall.
    ASSERT_EQ(pivots.size(), 3U);
    EXPECT_FALSE(pivots[0].high);
    EXPECT_EQ(pivots[0].index, 0U);
    EXPECT_TRUE(pivots[1].high);
    EXPECT_EQ(pivots[1].index, 32U);  // 10 up, 6 down, 16 up
    EXPECT_DOUBLE_EQ(pivots[1].price, 120.5);
    EXPECT_EQ(pivots[1].day, test::seriesStart() + 32);
    // Confirmed when the low reached 120.5 * 0.92 = 110.86: close 111 has low 110.5.
    EXPECT_EQ(pivots[1].confirmIndex, 32U + 9U);
    EXPECT_FALSE(pivots[2].high);
    EXPECT_EQ(pivots[2].index, 52U);
    EXPECT_DOUBLE_EQ(pivots[2].price, 99.5);

    const auto finer = zigzagPercent(bars, 0.04);
    ASSERT_EQ(finer.size(), 5U);
    EXPECT_EQ(finer[1].index, 10U);
    EXPECT_TRUE(finer[1].high);
    EXPECT_EQ(finer[2].index, 16U);
    EXPECT_FALSE(finer[2].high);
}

TEST(Zigzag, AtrThresholdScalesWithVolatility) {
    const auto bars = test::barsFromCloses(test::walk({100, 110, 104, 120, 100, 112}));
    const std::vector<double> calm(bars.size(), 1.0);
    const std::vector<double> wild(bars.size(), 3.0);
    EXPECT_EQ(zigzagAtr(bars, calm, 5).size(), 5U);  // the 6-point dip counts at 5 x 1
    EXPECT_EQ(zigzagAtr(bars, wild, 5).size(), 2U);  // but not at 5 x 3, nor the last 12
}

TEST(Zigzag, ConfirmedPivotsDoNotDependOnLaterBars) {
    const auto bars = test::barsFromCloses(test::walk({100, 110, 104, 120, 100, 112, 90, 130}));
    const auto all = zigzagPercent(bars, 0.05);
    for (std::size_t cut = 1; cut <= bars.size(); ++cut) {
        const auto part = zigzagPercent(std::span(bars).first(cut), 0.05);
        std::size_t expected = 0;
        for (const Pivot& p : all) {
            expected += p.confirmIndex < cut ? 1 : 0;
        }
        ASSERT_EQ(part.size(), expected) << "cut " << cut;
        for (std::size_t k = 0; k < part.size(); ++k) {
            EXPECT_EQ(part[k].index, all[k].index);
        }
    }
}

TEST(Zigzag, TinyInputs) {
    EXPECT_TRUE(zigzagPercent({}, 0.1).empty());
    const auto one = test::barsFromCloses({100});
    EXPECT_TRUE(zigzagPercent(one, 0.1).empty());
}

}  // namespace
}  // namespace retest
