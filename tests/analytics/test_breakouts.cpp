// The breakout and retest state machine on one zone [99, 101], ATR 1, margin 0.5 ATR:
// a breakout needs a close above 101.5, a failure a close below 98.5. Bars span close +- 0.3.
#include <gtest/gtest.h>

#include "core/analytics/breakouts.h"
#include "tests/analytics/series_builder.h"

namespace retest {
namespace {

Zone zone99to101() {
    Zone z;
    z.low = 99;
    z.high = 101;
    z.price = 100;
    z.name = "the test level";
    return z;
}

std::vector<LevelEvent> track(const std::vector<double>& closes, StartSide side,
                              int confirmCloses = 1) {
    const std::vector<Bar> bars = test::barsFromCloses(closes, 0.3);
    const std::vector<double> atr(bars.size(), 1.0);
    LevelSettings settings;
    settings.confirmCloses = confirmCloses;
    return trackBreakouts(bars, atr, zone99to101(), 7, 0, side, settings);
}

Day dayOf(std::size_t i) {
    return test::seriesStart() + static_cast<Day>(i);
}

TEST(Breakouts, BreakoutPullbackIntoTheZoneAndHold) {
    //                    0   1   2    3    4    5      6      7      8    9
    const auto events =
        track({95, 97, 100, 102, 104, 103, 100.5, 100.8, 102.5, 105}, StartSide::Below);
    ASSERT_EQ(events.size(), 1U);
    const LevelEvent& ev = events[0];
    EXPECT_EQ(ev.type, LevelEventType::Breakout);
    EXPECT_EQ(ev.index, 3U);  // 100 is inside the zone; 102 clears 101 + 0.5
    EXPECT_EQ(ev.day, dayOf(3));
    EXPECT_EQ(ev.zone, 7U);
    EXPECT_DOUBLE_EQ(ev.level, 100);
    EXPECT_EQ(ev.retest, RetestState::Held);
    EXPECT_EQ(ev.retestDay, dayOf(8));
    ASSERT_EQ(ev.history.size(), 2U);
    EXPECT_EQ(ev.history[0].state, RetestState::Retesting);
    EXPECT_EQ(ev.history[0].day, dayOf(6));
    EXPECT_EQ(ev.history[1].state, RetestState::Held);
    EXPECT_EQ(ev.history[1].index, 8U);
    EXPECT_NEAR(ev.movePct, (105.0 / 102 - 1) * 100, 1e-9);
    EXPECT_NEAR(ev.distancePct, (105.0 - 101) / 101 * 100, 1e-9);
    EXPECT_NEAR(ev.distanceAtr, 4.0, 1e-9);
    EXPECT_EQ(ev.description, "Retest of the test level held on 2020-01-14, 4.0% above the zone");
}

TEST(Breakouts, NoRetestYet) {
    const auto events = track({95, 102, 104, 106}, StartSide::Below);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].retest, RetestState::None);
    EXPECT_EQ(events[0].retestDay, 0);
    EXPECT_TRUE(events[0].history.empty());
    EXPECT_EQ(
        events[0].description,
        "Broke out above the test level on 2020-01-07, not retested yet, 5.0% above the zone");
}

TEST(Breakouts, FailedBreakoutThenANewOne) {
    //                    0   1    2    3      4     5    6    7
    const auto events = track({95, 102, 103, 100.5, 98.0, 100, 102, 100.2}, StartSide::Below);
    ASSERT_EQ(events.size(), 2U);
    EXPECT_EQ(events[0].index, 1U);
    EXPECT_EQ(events[0].retest, RetestState::Failed);
    EXPECT_EQ(events[0].retestDay, dayOf(4));  // 98.0 < 99 - 0.5
    ASSERT_EQ(events[0].history.size(), 2U);
    EXPECT_EQ(events[0].history[0].state, RetestState::Retesting);
    EXPECT_EQ(events[0].history[0].index, 3U);
    EXPECT_EQ(events[1].type, LevelEventType::Breakout);
    EXPECT_EQ(events[1].index, 6U);
    EXPECT_EQ(events[1].retest, RetestState::Retesting);  // 100.2 is inside the zone now
    EXPECT_EQ(events[1].retestDay, dayOf(7));
    EXPECT_DOUBLE_EQ(events[1].distancePct, 0);
    EXPECT_EQ(events[1].description, "Retesting the test level since 2020-01-13, inside the zone");
}

TEST(Breakouts, ReturnAfterHoldReopensTheRetest) {
    //                    0   1    2      3    4      5    6      7
    const auto events = track({95, 102, 100.5, 102, 102.5, 103, 100.8, 101.6}, StartSide::Below);
    ASSERT_EQ(events.size(), 1U);
    const auto& h = events[0].history;
    ASSERT_EQ(h.size(), 4U);
    EXPECT_EQ(h[0].state, RetestState::Retesting);
    EXPECT_EQ(h[0].index, 2U);
    EXPECT_EQ(h[1].state, RetestState::Held);
    EXPECT_EQ(h[1].index, 3U);
    // Bar 4 (low 102.2) is a full ATR clear of the zone, so the dip at bar 6 is a new retest.
    EXPECT_EQ(h[2].state, RetestState::Retesting);
    EXPECT_EQ(h[2].index, 6U);
    EXPECT_EQ(h[3].state, RetestState::Held);
    EXPECT_EQ(h[3].index, 7U);
    EXPECT_EQ(events[0].retest, RetestState::Held);
    EXPECT_EQ(events[0].retestDay, dayOf(7));
}

TEST(Breakouts, ReopenedRetestIsReportedWithItsNewDate) {
    const auto events = track({95, 102, 100.5, 102, 102.5, 103, 100.8}, StartSide::Below);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].retest, RetestState::Retesting);
    EXPECT_EQ(events[0].retestDay, dayOf(6));
}

TEST(Breakouts, DipBeforePriceGotClearDoesNotReopen) {
    // After the hold at bar 3, bar 4's low 101.1 is not a full ATR clear; bar 5 dips again.
    const auto events = track({95, 102, 100.5, 102, 101.4, 100.9, 101.8}, StartSide::Below);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].history.size(), 2U);
    EXPECT_EQ(events[0].retest, RetestState::Held);
    EXPECT_EQ(events[0].retestDay, dayOf(3));
}

TEST(Breakouts, BreakdownIsTheMirrorImage) {
    //                    0    1    2   3   4   5     6     7
    const auto events = track({105, 103, 100, 98, 96, 99.5, 97.5, 95}, StartSide::Above);
    ASSERT_EQ(events.size(), 1U);
    const LevelEvent& ev = events[0];
    EXPECT_EQ(ev.type, LevelEventType::Breakdown);
    EXPECT_EQ(ev.index, 3U);
    ASSERT_EQ(ev.history.size(), 2U);
    EXPECT_EQ(ev.history[0].state, RetestState::Retesting);
    EXPECT_EQ(ev.history[0].index, 5U);  // high 99.8 reaches back into the zone
    EXPECT_EQ(ev.history[1].state, RetestState::Held);
    EXPECT_EQ(ev.history[1].index, 6U);  // closed back below 99
    EXPECT_NEAR(ev.distancePct, (95.0 - 99) / 99 * 100, 1e-9);
    EXPECT_NEAR(ev.distanceAtr, -4.0, 1e-9);
    EXPECT_NEAR(ev.movePct, (95.0 / 98 - 1) * 100, 1e-9);
}

TEST(Breakouts, FailedBreakdown) {
    const auto events = track({105, 98, 96, 99.5, 102}, StartSide::Above);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].retest, RetestState::Failed);
    EXPECT_EQ(events[0].retestDay, dayOf(4));
    EXPECT_EQ(events[0].description,
              "Breakdown below the test level failed on 2020-01-10, 1.0% above the zone");
}

TEST(Breakouts, ConsecutiveClosesConfirm) {
    // One close above the margin is not enough when two are required.
    const auto events = track({95, 102, 100, 102, 103, 104}, StartSide::Below, 2);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].index, 4U);
}

TEST(Breakouts, UnknownSideLearnsFromTheFirstDecisiveClose) {
    // Starts inside the zone: the first close above the margin only sets the side.
    EXPECT_TRUE(track({100, 102, 104}, StartSide::Unknown).empty());
    const auto events = track({100, 97, 98, 102}, StartSide::Unknown);
    ASSERT_EQ(events.size(), 1U);
    EXPECT_EQ(events[0].type, LevelEventType::Breakout);
    EXPECT_EQ(events[0].index, 3U);
}

TEST(Breakouts, NamesAndDistanceWords) {
    EXPECT_EQ(retestStateName(RetestState::None), "none");
    EXPECT_EQ(retestStateName(RetestState::Retesting), "retesting");
    EXPECT_EQ(retestStateName(RetestState::Held), "held");
    EXPECT_EQ(retestStateName(RetestState::Failed), "failed");
    EXPECT_EQ(levelEventTypeName(LevelEventType::Breakout), "breakout");
    EXPECT_EQ(levelEventTypeName(LevelEventType::Breakdown), "breakdown");
    EXPECT_EQ(levelKindName(LevelKind::Support), "support");
    EXPECT_EQ(describeDistance(0.43), "0.4% above the zone");
    EXPECT_EQ(describeDistance(-2.06), "2.1% below the zone");
}

}  // namespace
}  // namespace retest
