// RetestTracker, one bar at a time, on hand-made bars against a level whose core is 99..101
// and whose closing-basis lines are 100 (the peak's close) .. 99 (the trough's close). ATR 2:
// a near miss counts within 0.5 of the core, a failure needs two closes beyond 2 past it.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/analytics/atr.h"
#include "core/analytics/retest_tracker.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

constexpr double kAtr = 2.0;
const LevelBand kBand{99, 101, 99.5, 100};

Bar bar(double low, double high, double close) {
    return Bar{0, close, high, low, close, close, 0};
}

struct Replay {
    std::vector<LevelEventType> opened;              // every event opened, in order
    std::vector<std::pair<int, RetestState>> steps;  // (bar, state) for every change
};

Replay feed(RetestTracker& t, const std::vector<Bar>& bars, bool canOpen = true) {
    Replay run;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const TrackerStep s = t.step(bars[i], kAtr, kBand, canOpen, RetestRules{});
        if (s.opened) {
            run.opened.push_back(*s.opened);
        }
        for (const auto& st : s.state) {
            if (st) {
                run.steps.emplace_back(static_cast<int>(i), *st);
            }
        }
    }
    return run;
}

using S = RetestState;
using Steps = std::vector<std::pair<int, RetestState>>;

TEST(RetestTracker, BreakoutOnTheFirstCloseAboveTheRecordClose) {
    RetestTracker t(PriceSide::Below);
    // A close at 100 (the old record close) is not above it; 100.4 is, though still under
    // the old wick at 101: a breakout on a closing basis.
    const Replay run = feed(t, {bar(97, 99, 98), bar(98, 100.6, 100), bar(99.8, 100.8, 100.4)});
    ASSERT_EQ(run.opened.size(), 1U);
    EXPECT_EQ(run.opened[0], LevelEventType::Breakout);
    EXPECT_TRUE(t.open());
    EXPECT_EQ(t.state(), S::None);
    EXPECT_TRUE(run.steps.empty());
}

TEST(RetestTracker, NotRetestedWhilePriceStaysClearOfTheZone) {
    RetestTracker t(PriceSide::Below);
    // Lows of 101.6 and more stay beyond the near-miss allowance (101 + 0.25 ATR = 101.5).
    const Replay run = feed(t, {bar(98, 102, 101.8), bar(101.6, 104, 103), bar(102, 106, 105)});
    EXPECT_EQ(run.opened.size(), 1U);
    EXPECT_TRUE(run.steps.empty());
    EXPECT_EQ(t.state(), S::None);
}

TEST(RetestTracker, PullbackIntoTheZoneThenACloseBackAboveHolds) {
    RetestTracker t(PriceSide::Below);
    const Replay run = feed(t, {bar(98, 102, 101.8),   // 0 breakout
                                bar(101.6, 104, 103),  // 1 clear
                                bar(99.5, 103, 99.8),  // 2 back into the zone, close under the line
                                bar(99.2, 101, 100.9)});  // 3 close back above the line
    EXPECT_EQ(run.steps, (Steps{{2, S::Retesting}, {3, S::Held}}));
    EXPECT_EQ(t.state(), S::Held);
}

TEST(RetestTracker, NearMissWithinAQuarterAtrIsATestThatHeldTheSameDay) {
    RetestTracker t(PriceSide::Below);
    // Low 101.4: 0.4 above the core, within 0.25 ATR (0.5); it closes well above: tested, held.
    const Replay run = feed(t, {bar(98, 102, 101.8), bar(103, 106, 105), bar(101.4, 106, 105.5)});
    EXPECT_EQ(run.steps, (Steps{{2, S::Retesting}, {2, S::Held}}));
}

TEST(RetestTracker, HeldReopensOnACloseBackUnderTheLineAndHoldsAgain) {
    RetestTracker t(PriceSide::Below);
    const Replay run = feed(t, {bar(98, 102, 101.8), bar(99.5, 102, 101),  // 1 retest, held
                                bar(100.5, 103, 102.5),                    // 2 stays held
                                bar(98.5, 102, 99.6),                      // 3 close under 100
                                bar(99, 102, 101.5)});                     // 4 back above
    EXPECT_EQ(run.steps, (Steps{{1, S::Retesting}, {1, S::Held}, {3, S::Retesting}, {4, S::Held}}));
}

TEST(RetestTracker, NewVisitAfterGettingClearReopensEvenWithoutACloseInside) {
    RetestTracker t(PriceSide::Below);
    // After holding, price gets more than 2 ATR above the zone (low > 105), then dips back to
    // the zone intraday and closes above: a second retest, held.
    const Replay run = feed(
        t, {bar(98, 102, 101.8), bar(99.5, 102, 101), bar(106, 110, 109), bar(100.8, 108, 104)});
    EXPECT_EQ(run.steps, (Steps{{1, S::Retesting}, {1, S::Held}, {3, S::Retesting}, {3, S::Held}}));
}

TEST(RetestTracker, DipBeforePriceGotClearDoesNotReopen) {
    RetestTracker t(PriceSide::Below);
    const Replay run = feed(t, {bar(98, 102, 101.8), bar(99.5, 102, 101), bar(102, 104, 103.5),
                                bar(100.9, 104, 103)});  // intraday dip, never clear since
    EXPECT_EQ(run.steps, (Steps{{1, S::Retesting}, {1, S::Held}}));
}

TEST(RetestTracker, TwoClosesThroughTheZoneFailThenANewBreakout) {
    RetestTracker t(PriceSide::Below);
    const Replay run = feed(t, {bar(98, 102, 101.8),    // 0 breakout
                                bar(96, 100, 96.5),     // 1 back in: retesting; 1 close past 97
                                bar(97, 99, 98),        // 2 not past 97: the count restarts
                                bar(95, 98, 96.9),      // 3 past 97 (one)
                                bar(94, 97, 95),        // 4 past 97 (two): failed
                                bar(97, 101, 100.5)});  // 5 a close above 100 again: new breakout
    EXPECT_EQ(run.steps, (Steps{{1, S::Retesting}, {4, S::Failed}}));
    ASSERT_EQ(run.opened.size(), 2U);
    EXPECT_EQ(run.opened[1], LevelEventType::Breakout);
    EXPECT_EQ(t.state(), S::None);
}

TEST(RetestTracker, OneDeepCloseIsNotAFailure) {
    RetestTracker t(PriceSide::Below);
    const Replay run =
        feed(t, {bar(98, 102, 101.8), bar(93, 100, 94), bar(93, 101, 100.5)});  // one close
    EXPECT_EQ(run.steps, (Steps{{1, S::Retesting}, {2, S::Held}}));
}

TEST(RetestTracker, BreakdownIsTheMirrorImage) {
    RetestTracker t(PriceSide::Above);
    const Replay run = feed(t, {bar(99, 102, 101),     // above: nothing
                                bar(98, 100, 99.2),    // close under 99.5 (the trough's close)
                                bar(96, 98.4, 97),     // clear below (high under 98.5)
                                bar(96, 100.5, 99.7),  // back up into the zone: retesting
                                bar(97, 99.8, 98)});   // close back under the line: held
    ASSERT_EQ(run.opened.size(), 1U);
    EXPECT_EQ(run.opened[0], LevelEventType::Breakdown);
    EXPECT_EQ(run.steps, (Steps{{3, S::Retesting}, {4, S::Held}}));
}

TEST(RetestTracker, FailedBreakdown) {
    RetestTracker t(PriceSide::Above);
    const Replay run = feed(t, {bar(98, 100, 99.2), bar(101, 104, 103.5), bar(102, 105, 104)});
    EXPECT_EQ(run.steps, (Steps{{1, S::Retesting}, {2, S::Failed}}));
    EXPECT_EQ(t.side(), PriceSide::Above);
    EXPECT_FALSE(t.open());
}

TEST(RetestTracker, UnknownSideLearnsFromTheFirstCloseOutside) {
    RetestTracker t(PriceSide::Unknown);
    const Replay run = feed(t, {bar(99, 101, 99.8), bar(101, 103, 102.5), bar(97, 100, 97.5)});
    // Inside, then above (side learnt, no event), then through: a breakdown.
    ASSERT_EQ(run.opened.size(), 1U);
    EXPECT_EQ(run.opened[0], LevelEventType::Breakdown);
}

TEST(RetestTracker, MinorLevelsMoveTheirSideWithoutEvents) {
    RetestTracker t(PriceSide::Below);
    const Replay run = feed(t, {bar(98, 102, 101.8), bar(99.5, 102, 101)}, /*canOpen=*/false);
    EXPECT_TRUE(run.opened.empty());
    EXPECT_TRUE(run.steps.empty());
    EXPECT_EQ(t.side(), PriceSide::Above);
    EXPECT_FALSE(t.open());
}

// The level engine skips the tracker on bars it calls quiet: on the real sample, against
// levels all over its price range, a quiet bar must never be one that changes anything, and
// most bars near a level are quiet (or the shortcut would be worthless).
TEST(RetestTracker, QuietBarsChangeNothing) {
    const std::vector<Bar>& bars = test::sampleBars();
    const std::vector<double> atr = wilderAtr(bars);
    std::size_t quiet = 0;
    std::size_t checked = 0;
    std::size_t events = 0;
    for (std::size_t pivot = 100; pivot < bars.size(); pivot += 97) {
        const double c = bars[pivot].close;
        const double a = atr[pivot];
        const LevelBand band{c - a, c + 0.5 * a, c - 0.6 * a, c};
        RetestTracker t(PriceSide::Unknown);
        for (std::size_t i = pivot + 1; i < bars.size(); ++i) {
            const bool isQuiet = t.quiet(bars[i], atr[i - 1], band, RetestRules{});
            const RetestTracker before = t;
            const TrackerStep s = t.step(bars[i], atr[i - 1], band, true, RetestRules{});
            const bool changed = s.opened || s.state[0] || !(t == before);
            events += s.opened ? 1 : 0;
            ASSERT_FALSE(isQuiet && changed) << "bar " << i << " of the level at " << c;
            const bool near = std::abs(bars[i].close - c) < 4 * atr[i - 1];
            quiet += isQuiet && near ? 1 : 0;
            checked += near ? 1 : 0;
        }
    }
    EXPECT_GT(events, 100U);  // the levels were crossed, retested, held and failed
    EXPECT_GT(quiet * 2, checked);
}

}  // namespace
}  // namespace retest
