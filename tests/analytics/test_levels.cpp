// analyzeLevels() end to end on hand-built series: a double top at 130, broken, retested and
// held (or failed); manual levels; the stream appended bar by bar or in pieces; breakouts
// through two levels on one bar; inputs too short to analyse.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/analytics/level_engine.h"
#include "core/analytics/levels.h"
#include "core/model/date.h"
#include "tests/analytics/series_builder.h"
#include "tests/support/test_paths.h"

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
    // A flat year first: history enough for the tops to be records (LevelEngine::isRecord()).
    constexpr std::size_t y = test::kYearOfBars;
    const auto bars =
        test::barsFromCloses(test::afterAFlatYear(test::walk(doubleTopThenRetest(160))));
    const LevelAnalysis a = analyzeLevels(bars);
    EXPECT_EQ(a.asOf, bars.back().day);
    EXPECT_DOUBLE_EQ(a.lastClose, 160);
    ASSERT_TRUE(a.allTimeHigh);
    EXPECT_DOUBLE_EQ(a.allTimeHigh->high, 160.5);
    EXPECT_EQ(a.allTimeHigh->closeDay, bars.back().day);

    // Both tops are major peaks; the first one was the record, exceeded since.
    ASSERT_GE(a.majorPeaks.size(), 2U);
    EXPECT_EQ(a.majorPeaks[0].index, y + 30);
    EXPECT_EQ(a.majorPeaks[1].index, y + 70);
    ASSERT_TRUE(a.priorAllTimeHigh);
    EXPECT_DOUBLE_EQ(a.priorAllTimeHigh->price, 150.5);  // the 150 top was the last record

    const Zone* top = zoneHolding(a, 130.5);
    ASSERT_NE(top, nullptr);
    // The tops' close-to-wick span (130 .. 130.5) plus a tenth of an ATR: a chartist's line.
    EXPECT_DOUBLE_EQ(top->coreLow, 130);
    EXPECT_DOUBLE_EQ(top->coreHigh, 130.5);
    EXPECT_LT(top->high - top->low, 1.0);
    EXPECT_EQ(top->kind, LevelKind::Support);
    EXPECT_TRUE(top->flipped);
    EXPECT_TRUE(top->major);
    EXPECT_TRUE(top->record);
    EXPECT_EQ(top->name, "the Feb-2021 record high");  // top A, day 395 of a series from Jan 6
    EXPECT_EQ(top->id, "H2021-02-04");
    // Top A, top B (rejections from below), the breakout (passing through), the pullback
    // (a rejection from above).
    ASSERT_EQ(top->touches.size(), 4U);
    EXPECT_EQ(top->touches[0].index, y + 30);
    EXPECT_EQ(top->touches[1].index, y + 70);
    EXPECT_FALSE(top->touches[2].rejection);
    EXPECT_EQ(top->touches[3].index, y + 145);
    EXPECT_TRUE(top->touches[3].fromAbove);
    EXPECT_EQ(top->rejections, 3);
    EXPECT_NE(top->why.find("4 touches"), std::string::npos) << top->why;
    EXPECT_NE(top->why.find("3 rejections"), std::string::npos) << top->why;
    EXPECT_NE(top->why.find("flipped from resistance to support"), std::string::npos);

    const LevelEvent* ev = eventThrough(a, 130.5);
    ASSERT_NE(ev, nullptr);
    EXPECT_EQ(ev->type, LevelEventType::Breakout);
    // The first close above the tops' close (130) on the climb from 112: 131.
    EXPECT_EQ(ev->index, y + 107);
    EXPECT_DOUBLE_EQ(ev->close, 131);
    EXPECT_EQ(ev->id, "H2021-02-04/up/" + formatIsoDate(bars[y + 107].day));
    EXPECT_EQ(ev->name, top->name);
    EXPECT_EQ(ev->retest, RetestState::Held);
    // The pullback to 131 reached the zone (low 130.5) and closed above 130: tested and held.
    ASSERT_EQ(ev->history.size(), 2U);
    EXPECT_EQ(ev->history[0].state, RetestState::Retesting);
    EXPECT_EQ(ev->history[0].index, y + 145);
    EXPECT_EQ(ev->history[1].state, RetestState::Held);
    EXPECT_EQ(ev->history[1].index, y + 145);
    EXPECT_GT(ev->distancePct, 20);
    EXPECT_EQ(ev->description(),
              "Broke out above the Feb-2021 record high on " + formatIsoDate(bars[y + 107].day) +
                  " (close 131.00); retest held on " + formatIsoDate(bars[y + 145].day) +
                  "; now 22.5% above the zone");
    // The headline is the latest breakout through a record: the one above the 150 top, the
    // record before the last leg up.
    ASSERT_TRUE(a.headline);
    const LevelEvent& head = a.events[*a.headline];
    EXPECT_EQ(head.type, LevelEventType::Breakout);
    EXPECT_LE(head.low, 150.5);
    EXPECT_GE(head.high, 150.5);
}

// A peak above every earlier bar is a record only with a year of history before it: a series
// that starts in January 2020 does not hold the 2018 high its first top was under (^RUT's
// Jan-2020 high, 1,715, was 27 points below it). The same double top without the flat year
// is "the Feb-2020 high", and its breakout is through a major level, not a record.
TEST(Levels, APeakIsARecordOnlyWithAYearOfHistoryBeforeIt) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(160)));
    const LevelAnalysis a = analyzeLevels(bars);
    const Zone* top = zoneHolding(a, 130.5);
    ASSERT_NE(top, nullptr);
    EXPECT_TRUE(top->major);
    EXPECT_FALSE(top->record);
    EXPECT_EQ(top->name, "the Feb-2020 high");
    EXPECT_EQ(top->touches.size(), 4U);  // the same tests of it
    const LevelEvent* ev = eventThrough(a, 130.5);
    ASSERT_NE(ev, nullptr);
    EXPECT_EQ(ev->index, 107U);  // the same breakout
    EXPECT_FALSE(ev->record);
    EXPECT_EQ(ev->retest, RetestState::Held);
    EXPECT_EQ(ev->description().rfind("Broke out above the Feb-2020 high on ", 0), 0U)
        << ev->description();
    // No top of half a year of history is an old all-time high.
    EXPECT_FALSE(a.priorAllTimeHigh);
    for (const Zone& z : a.zones) {
        EXPECT_FALSE(z.record) << z.name;
    }
}

// headlineEvent(): the latest live breakout through a major record, else the live one nearest
// to price; a breakout price left more than 10 ATRs (or 25 %) behind over a year ago is not live.
TEST(Levels, AHeadlineBreakoutPriceLeftBehindLongAgoGivesWayToTheLevelPriceIsAt) {
    const Day today = *parseIsoDate("2025-12-31");
    LevelEvent old;  // through a record, held long ago, far below price now
    old.id = "old";
    old.index = 100;
    old.day = today - 1400;
    old.record = true;
    old.retest = RetestState::Held;
    old.history = {RetestStep{RetestState::Held, 120, today - 1370, 0}};
    old.distanceAtr = 30;
    LevelEvent near;  // through a lesser level, just under price
    near.id = "near";
    near.index = 900;
    near.day = today - 200;
    near.distanceAtr = 2;
    const std::size_t last = 1000;
    auto headline = [&](const LevelEvent& a, const LevelEvent& b) {
        const std::vector<LevelEvent> events = {a, b};
        const auto h = headlineEvent(events, last, today);
        return h ? events[*h].id : std::string("none");
    };
    EXPECT_EQ(headline(old, near), "near");
    LevelEvent recent = old;  // the same, its retest held within the year
    recent.history.back().day = today - 300;
    EXPECT_EQ(headline(recent, near), "old");
    LevelEvent back = old;  // the same, with price come back within 10 ATRs of it
    back.distanceAtr = 9;
    back.distancePct = 20;
    EXPECT_EQ(headline(back, near), "old");
    // On monthly bars ten ATRs are a long way: ^TNX's 2021 breakout, held in January 2022, is 6
    // monthly ATRs but 114 % under the yield at the end of 2025. Far in percent is far too.
    LevelEvent monthly = back;
    monthly.distanceAtr = 6;
    monthly.distancePct = 114;
    EXPECT_EQ(headline(monthly, near), "near");
    LevelEvent untested = old;  // never retested: its own day counts
    untested.history.clear();
    untested.retest = RetestState::None;
    untested.day = today - 300;
    EXPECT_EQ(headline(untested, near), "old");
    near.distanceAtr = 6;  // nothing within 5 ATRs of price: no headline rather than history
    EXPECT_EQ(headline(old, near), "none");
}

// A breakout price ran away from is still the headline while its story is recent: XBI broke
// out above its Nov-2024 high on 2025-10-08, held it the next day, and ended 2025 7 ATRs (13 %)
// above it, with no other event near price. Three months on without a move, it is not.
TEST(Levels, ABreakoutPriceRanAwayFromIsTheHeadlineForThreeMonths) {
    const Day today = *parseIsoDate("2025-12-31");
    LevelEvent ran;
    ran.id = "ran";
    ran.index = 940;
    ran.day = today - 84;
    ran.retest = RetestState::Held;
    ran.history = {RetestStep{RetestState::Retesting, 941, today - 83, 0},
                   RetestStep{RetestState::Held, 941, today - 83, 0}};
    ran.distanceAtr = 6.9;
    ran.distancePct = 13.4;
    const std::size_t last = 1000;
    auto headline = [&](const std::vector<LevelEvent>& events) {
        const auto h = headlineEvent(events, last, today);
        return h ? events[*h].id : std::string("none");
    };
    EXPECT_EQ(headline({ran}), "ran");
    LevelEvent untested = ran;  // not retested yet: the day it broke out counts
    untested.history.clear();
    untested.retest = RetestState::None;
    EXPECT_EQ(headline({untested}), "ran");
    LevelEvent stale = ran;  // held 100 days ago, nothing since
    stale.history.back().day = today - 100;
    EXPECT_EQ(headline({stale}), "none");
    LevelEvent near = stale;  // an older event within 5 ATRs of price is nearer: it answers
    near.id = "near";
    near.distanceAtr = -3;
    near.distancePct = -6;
    EXPECT_EQ(headline({ran, near}), "near");
}

// Weekly and monthly bars are read through their days, so one bar can hold two events of one
// level: KRE broke out above its Jan-2020 high on 2025-06-10, failed on 06-16 and broke out
// again on 06-24, all in June's monthly bar. At the end of June the later breakout is the
// story, as on the daily chart, not the failure it undid.
TEST(Levels, OfTwoEventsOnOneBarTheLaterDayIsTheHeadline) {
    const Day today = *parseIsoDate("2025-06-30");
    LevelEvent first;
    first.id = "06-10";
    first.index = 65;
    first.day = *parseIsoDate("2025-06-10");
    first.retest = RetestState::Failed;
    first.history = {RetestStep{RetestState::Failed, 65, *parseIsoDate("2025-06-16"), 56.49}};
    first.distanceAtr = 0.2;
    first.distancePct = 1.3;
    LevelEvent second = first;
    second.id = "06-24";
    second.day = *parseIsoDate("2025-06-24");
    second.retest = RetestState::None;
    second.history.clear();
    const std::vector<LevelEvent> events = {first, second};
    const auto h = headlineEvent(events, 65, today);
    ASSERT_TRUE(h);
    EXPECT_EQ(events[*h].id, "06-24");
}

// A failure stays the headline for four weeks on every timeframe, not for 20 bars: on monthly
// bars that was 20 months (KRE's breakout that failed in March 2023 still led its monthly chart
// in June 2024, while the daily chart had long moved on).
TEST(Levels, AFailureIsTheHeadlineForFourWeeksOnEveryTimeframe) {
    const Day today = *parseIsoDate("2025-12-31");
    LevelEvent failed;
    failed.id = "failed";
    failed.index = 60;
    failed.day = today - 170;
    failed.retest = RetestState::Failed;
    failed.history = {RetestStep{RetestState::Failed, 61, today - 150, 0}};
    failed.distanceAtr = -1;
    failed.distancePct = -4;
    auto headline = [&](const LevelEvent& e, std::size_t last) {
        const std::vector<LevelEvent> events = {e};
        const auto h = headlineEvent(events, last, today);
        return h ? events[*h].id : std::string("none");
    };
    EXPECT_EQ(headline(failed, 66), "none");  // monthly: five bars, five months
    LevelEvent recent = failed;               // failed three weeks ago
    recent.history.back().day = today - 21;
    EXPECT_EQ(headline(recent, 64), "failed");  // weekly: three bars
    recent.history.back().day = today - 35;     // five weeks ago
    EXPECT_EQ(headline(recent, 66), "none");
}

// The lists (levels, scan, the rotation board) say where a retest stands in words, not
// "retest none" or "retest retesting".
TEST(Levels, ARetestStateReadsInWords) {
    const Day day = *parseIsoDate("2025-12-29");
    EXPECT_EQ(retestSummary(RetestState::None, day), "not retested yet");
    EXPECT_EQ(retestSummary(RetestState::Retesting, day), "retesting since 2025-12-29");
    EXPECT_EQ(retestSummary(RetestState::Held, day), "retest held 2025-12-29");
    EXPECT_EQ(retestSummary(RetestState::Failed, day), "failed 2025-12-29");
    EXPECT_EQ(retestSummary(RetestState::Retesting), "retesting");
    EXPECT_EQ(retestSummary(RetestState::Held), "retest held");
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
    // Held at the pullback to 131, retesting again on the close at 130, failed on the second
    // close more than an ATR (1.5) under the zone's bottom (130): 128 on bar 148, 127 on 149.
    ASSERT_EQ(ev->history.size(), 4U);
    EXPECT_EQ(ev->history[2].state, RetestState::Retesting);
    EXPECT_EQ(ev->history[2].index, 146U);
    EXPECT_EQ(ev->history[3].state, RetestState::Failed);
    EXPECT_EQ(ev->history[3].index, 149U);
    EXPECT_LT(ev->distancePct, 0);
    EXPECT_LT(ev->distanceAtr, 0);
    EXPECT_NE(
        ev->description().find("failed on " + formatIsoDate(bars[149].day) + " (close 127.00)"),
        std::string::npos)
        << ev->description();
}

// A second top a little above the first (QQQ's Dec-2024 and Feb-2025 records, 1.66 apart with
// an ATR of 6.33): its close is at the first top and only its wick goes higher. A chartist draws
// one zone over both, not two side by side, and the climb over it is one breakout. A wick
// further off is a top of its own: a zone never takes in more than an ATR that way.
TEST(Levels, ASecondTopJustAboveTheFirstWidensItsZone) {
    constexpr std::size_t y = test::kYearOfBars;
    const auto base =
        test::barsFromCloses(test::afterAFlatYear(test::walk(doubleTopThenRetest(160))));
    // Top B closes at 130 like top A; its wick reaches 131.25, half an ATR (1.5) above A's
    // 130.5 and beyond the quarter ATR that makes it a test of A's zone by itself.
    auto bars = base;
    bars[y + 70].high = 131.25;
    const LevelAnalysis a = analyzeLevels(bars);
    const Zone* top = zoneHolding(a, 130.5);
    ASSERT_NE(top, nullptr);
    EXPECT_EQ(zoneHolding(a, 131.25), top) << "the second top has a zone of its own";
    EXPECT_DOUBLE_EQ(top->coreLow, 130);
    EXPECT_DOUBLE_EQ(top->coreHigh, 131.25);
    EXPECT_EQ(top->name, "the Feb-2021 record high");
    EXPECT_NE(top->why.find("the Feb-2021 record high 130.50 (close 130.00) and the Mar-2021 "
                            "record high 131.25 (close 130.00)"),
              std::string::npos)
        << top->why;
    const auto ups = std::count_if(a.events.begin(), a.events.end(), [](const LevelEvent& e) {
        return e.type == LevelEventType::Breakout && e.low <= 131.25 && e.high >= 130;
    });
    EXPECT_EQ(ups, 1);

    // A wick at 132: the two tops would span 2 points, more than an ATR.
    bars = base;
    bars[y + 70].high = 132;
    const LevelAnalysis apart = analyzeLevels(bars);
    const Zone* first = zoneHolding(apart, 130.5);
    ASSERT_NE(first, nullptr);
    EXPECT_LT(first->high, 131);
    EXPECT_NE(zoneHolding(apart, 132), first);
}

/// Bars of `n` days each (the last one may be shorter), dated by their last day: a coarser
/// chart, as a weekly one is of the daily bars.
std::vector<Bar> grouped(const std::vector<Bar>& days, std::size_t n) {
    std::vector<Bar> out;
    for (std::size_t i = 0; i < days.size(); i += n) {
        Bar b = days[i];
        for (std::size_t k = i + 1; k < std::min(i + n, days.size()); ++k) {
            b.high = std::max(b.high, days[k].high);
            b.low = std::min(b.low, days[k].low);
            b.close = b.adjClose = days[k].close;
            b.day = days[k].day;
        }
        out.push_back(b);
    }
    return out;
}

// The breakout above the double top, then a two-day plunge to 127 and straight back to 140:
// on daily closes the breakout failed on the second day, though no close of a two-day bar
// shows two closes under the zone. Read with its days, the coarser chart says what the daily
// chart says, on the same day, and reports the new breakout the next day.
TEST(Levels, ACoarserChartGivesTheDailyVerdictOnItsDay) {
    std::vector<double> closes = test::walk({100, 130, 110, 130, 112, 150, 131, 140});
    // Flat at 140 for a few days, so that the plunge starts a two-day bar.
    closes.resize(closes.size() + (closes.size() % 2 == 0 ? 4 : 5), 140);
    const std::size_t plunge = closes.size();
    closes.insert(closes.end(), {127, 127});
    const std::vector<double> after = test::walk({140, 150});
    closes.insert(closes.end(), after.begin(), after.end());
    const auto days = test::barsFromCloses(closes);
    const auto coarse = grouped(days, 2);

    const LevelAnalysis daily = analyzeLevels(days);
    const LevelAnalysis read = analyzeLevels(coarse, {}, {}, days);
    const LevelAnalysis alone = analyzeLevels(coarse);
    ASSERT_GE(daily.events.size(), 1U);
    ASSERT_GE(read.events.size(), 1U);
    ASSERT_GE(alone.events.size(), 1U);
    EXPECT_EQ(read.events.front().id, daily.events.front().id);  // the top's day, not its bar's
    const LevelEvent& failed = read.events.front();
    EXPECT_EQ(failed.retest, RetestState::Failed) << failed.description();
    EXPECT_EQ(failed.retestDay, days[plunge + 1].day);
    EXPECT_EQ(failed.history.back().index, (plunge + 1) / 2);  // the two-day bar of that day
    EXPECT_EQ(daily.events.front().retestDay, failed.retestDay);
    EXPECT_NE(alone.events.front().retest, RetestState::Failed) << "no two bars closed under";

    ASSERT_EQ(read.events.size(), 2U);
    ASSERT_EQ(daily.events.size(), 2U);
    EXPECT_EQ(read.events[1].id, daily.events[1].id);
    EXPECT_EQ(read.events[1].day, days[plunge + 2].day);
    EXPECT_EQ(read.events[1].index, (plunge + 2) / 2);
}

// Price back inside a zone it broke through is testing it from the new side: the old ceiling
// is support while the breakout lives (the old floor resistance after a breakdown), though the
// close sits under the tops' wick (over the bottoms' wick).
TEST(Levels, AZoneUnderRetestAfterABreakoutIsSupport) {
    // Before any breakout, a close inside the zone under its price is resistance.
    const LevelAnalysis before =
        analyzeLevels(test::barsFromCloses(test::walk({100, 130, 110, 130})));
    const Zone* ceiling = zoneHolding(before, 130.5);
    ASSERT_NE(ceiling, nullptr);
    EXPECT_EQ(ceiling->kind, LevelKind::Resistance);

    // Broken out on bar 107, back to 130 (inside the zone, under the 130.5 wick) on bar 146.
    const auto bars = test::barsFromCloses(test::walk({100, 130, 110, 130, 112, 150, 131, 130}));
    const LevelAnalysis a = analyzeLevels(bars);
    const Zone* top = zoneHolding(a, 130.5);
    ASSERT_NE(top, nullptr);
    ASSERT_LE(top->low, a.lastClose);
    ASSERT_LT(a.lastClose, top->price);
    const LevelEvent* ev = eventThrough(a, 130.5);
    ASSERT_NE(ev, nullptr);
    EXPECT_EQ(ev->retest, RetestState::Retesting);
    EXPECT_EQ(top->kind, LevelKind::Support);
    EXPECT_TRUE(top->flipped);
    EXPECT_NE(top->why.find("flipped from resistance to support"), std::string::npos) << top->why;
}

TEST(Levels, AZoneUnderRetestAfterABreakdownIsResistance) {
    // The double top above, upside down: bottoms at 170 (low 169.5), broken down on bar 107,
    // back to 170 (inside the zone, over the 169.5 wick) on bar 146.
    const auto bars = test::barsFromCloses(test::walk({200, 170, 190, 170, 188, 150, 169, 170}));
    const LevelAnalysis a = analyzeLevels(bars);
    const Zone* bottom = zoneHolding(a, 169.5);
    ASSERT_NE(bottom, nullptr);
    ASSERT_GT(a.lastClose, bottom->price);
    ASSERT_LE(a.lastClose, bottom->high);
    const LevelEvent* ev = eventThrough(a, 169.5);
    ASSERT_NE(ev, nullptr);
    EXPECT_EQ(ev->type, LevelEventType::Breakdown);
    EXPECT_EQ(ev->retest, RetestState::Retesting);
    EXPECT_EQ(bottom->kind, LevelKind::Resistance);
    EXPECT_TRUE(bottom->flipped);
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
    EXPECT_NE(through[0]->description().find("my line"), std::string::npos)
        << through[0]->description();
    EXPECT_EQ(through[1]->type, LevelEventType::Breakout);
    EXPECT_GT(through[1]->index, 146U);
    EXPECT_EQ(through[1]->retest, RetestState::None);
}

// Your own levels are shown in addition to the default set: drawing one at 225 on IWM hid
// "the Feb-2023 high" by taking its place among the nearest major levels.
TEST(Levels, AManualLevelHidesNoDetectedLevel) {
    const auto& bars = test::sampleBars();
    const LevelAnalysis plain = analyzeLevels(bars);
    std::vector<std::string> shownBefore;
    for (const Zone& z : plain.zones) {
        if (z.shown) {
            shownBefore.push_back(z.id);
        }
    }
    ASSERT_GE(shownBefore.size(), 3U);
    // Manual levels at prices around the last close, where they would take the nearest places.
    const double last = plain.lastClose;
    for (const double price : {last * 0.97, last * 1.02, last * 0.9, last * 1.1}) {
        SCOPED_TRACE(price);
        const std::vector<ManualLevelInput> manual = {{price, "mine", 7}};
        const LevelAnalysis a = analyzeLevels(bars, {}, manual);
        std::vector<std::string> shown;
        for (const Zone& z : a.zones) {
            if (z.shown && !z.manual) {
                shown.push_back(z.id);
            }
        }
        EXPECT_EQ(shown, shownBefore);
        EXPECT_EQ(a.hiddenZones, plain.hiddenZones);
    }
}

TEST(Levels, ManualLevelOnADetectedZoneIsTheUsersOwnZoneBesideIt) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(160)));
    const std::vector<ManualLevelInput> manual = {{130.2, "", 42}};
    const LevelAnalysis a = analyzeLevels(bars, {}, manual);
    const auto mine =
        std::find_if(a.zones.begin(), a.zones.end(), [](const Zone& z) { return z.manual; });
    ASSERT_NE(mine, a.zones.end());
    EXPECT_EQ(mine->name, "manual level 130.20");
    EXPECT_EQ(mine->manualId, 42);
    EXPECT_EQ(mine->id, "M42");
    EXPECT_TRUE(mine->shown);
    // The detected double top is still there, with its own name and events.
    const auto top = std::find_if(a.zones.begin(), a.zones.end(), [](const Zone& z) {
        return !z.manual && z.name == "the Feb-2020 high";
    });
    ASSERT_NE(top, a.zones.end());
    EXPECT_EQ(top->manualId, 0);
    for (std::size_t i = 1; i < a.zones.size(); ++i) {
        EXPECT_LE(a.zones[i - 1].price, a.zones[i].price) << "zones not sorted by price";
    }
}

// A refresh appends bars: the engine fed one bar at a time, or in chunks, gives exactly the
// analysis of the whole array, and every event of a prefix is still there, unchanged but for
// its retest state, once more bars arrive.
TEST(Levels, AppendingBarsIsTheSameAsAnalysingTheWhole) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(120)));
    const LevelAnalysis whole = analyzeLevels(bars);
    LevelEngine engine;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        engine.append(bars[i]);
        const LevelAnalysis now = engine.analysis();
        const LevelAnalysis cut = analyzeLevels(std::span(bars).first(i + 1));
        ASSERT_EQ(now.events.size(), cut.events.size()) << "at bar " << i;
        for (std::size_t k = 0; k < now.events.size(); ++k) {
            EXPECT_EQ(now.events[k].id, cut.events[k].id);
            EXPECT_EQ(now.events[k].description(), cut.events[k].description());
            EXPECT_EQ(now.events[k].id, whole.events[k].id) << "an event moved at bar " << i;
            EXPECT_EQ(now.events[k].day, whole.events[k].day);
        }
    }
    const LevelAnalysis last = engine.analysis();
    ASSERT_EQ(last.zones.size(), whole.zones.size());
    for (std::size_t k = 0; k < last.zones.size(); ++k) {
        EXPECT_EQ(last.zones[k].id, whole.zones[k].id);
        EXPECT_EQ(last.zones[k].why, whole.zones[k].why);
    }
}

// A rally dips into the 130 peak's zone from below and closes just under it (the visit goes
// on), then price gaps away for good: the gap bar ends the visit, a rejection. That bar comes
// nowhere near the zone, and neither does any bar after it; a refresh bringing them all at
// once must still step the level on the gap bar, as one pass over the whole history does.
TEST(Levels, AVisitEndsOnTheBarThatLeavesHoweverTheBarsArrive) {
    std::vector<double> closes = test::walk({100, 130, 110, 124});
    // Flat bars first, so the refresh starts a run of 64 bars (a walk passes over whole runs).
    closes.insert(closes.begin(), 63 - closes.size() % 64, 100.0);
    std::vector<Bar> bars = test::barsFromCloses(closes);
    const LevelAnalysis before = analyzeLevels(bars);
    const auto peak = std::find_if(before.zones.begin(), before.zones.end(),
                                   [](const Zone& z) { return z.low <= 130 && 130 <= z.high; });
    ASSERT_NE(peak, before.zones.end());
    const double atr = before.atr;
    const std::size_t dip = bars.size();
    ASSERT_EQ((dip + 1) % 64, 0U);
    const double dipClose = peak->low - 0.6 * atr;  // within a visit's clearance of one ATR
    bars.push_back(Bar{bars.back().day + 1, bars.back().close, peak->low + 0.1, dipClose - 0.2,
                       dipClose, dipClose, 1000});
    const double away = peak->low - 4 * atr;
    for (int k = 0; k < 100; ++k) {
        bars.push_back(Bar{bars.back().day + 1, k == 0 ? dipClose : away, away + 0.2, away - 0.2,
                           away, away, 1000});
    }
    const LevelAnalysis whole = analyzeLevels(bars);
    const auto zone = std::find_if(whole.zones.begin(), whole.zones.end(),
                                   [](const Zone& z) { return z.low <= 130 && 130 <= z.high; });
    ASSERT_NE(zone, whole.zones.end());
    ASSERT_FALSE(zone->touches.empty());
    const LevelTouch& last = zone->touches.back();
    EXPECT_EQ(last.index, dip);
    EXPECT_FALSE(last.fromAbove);
    EXPECT_TRUE(last.rejection);

    LevelEngine engine;  // the history up to the dip, then a refresh with the rest
    engine.append(std::span(bars).first(dip + 1));
    engine.append(std::span(bars).subspan(dip + 1));
    const LevelAnalysis fed = engine.analysis();
    ASSERT_EQ(fed.zones.size(), whole.zones.size());
    for (std::size_t k = 0; k < fed.zones.size(); ++k) {
        EXPECT_EQ(fed.zones[k].why, whole.zones[k].why) << fed.zones[k].name;
        EXPECT_EQ(fed.zones[k].touches.size(), whole.zones[k].touches.size());
    }
}

// A view ending while price is in a zone reads that visit as a touch at its deepest bar so far,
// with no rejection yet, as the bars up to that day do (`levels --until`): the whole history,
// where the next bar went deeper and the visit ended as a rejection, dates it on that bar.
TEST(Levels, AVisitUnderWayOnAPastViewsLastDayIsATouchAtItsDeepestBarSoFar) {
    std::vector<Bar> bars =
        test::barsFromCloses(test::afterAFlatYear(test::walk({100, 130, 110, 130, 112, 150, 133})));
    const LevelAnalysis before = analyzeLevels(bars);
    const Zone* top = zoneHolding(before, 130.5);
    ASSERT_NE(top, nullptr);
    const double zoneTop = top->high;
    const auto add = [&](double high, double low, double close) {
        bars.push_back(Bar{bars.back().day + 1, bars.back().close, high, low, close, close, 1000});
    };
    const std::size_t into = bars.size();
    add(133.2, zoneTop + 0.05, 131.6);  // its low reaches the zone's top
    add(131.9, 130.2, 131.2);           // deeper, into the zone
    for (double c = 132; c <= 145; c += 1) {
        add(c + 0.5, c - 0.5, c);  // and away up
    }
    const LevelAnalysis whole = analyzeLevels(bars);
    const auto holding = [](const LevelAnalysis& a) {
        const auto it = std::find_if(a.zones.begin(), a.zones.end(),
                                     [](const Zone& z) { return z.id == "H2021-02-04"; });
        return it == a.zones.end() ? nullptr : &*it;
    };
    const Zone* now = holding(whole);
    ASSERT_NE(now, nullptr);
    ASSERT_FALSE(now->touches.empty());
    EXPECT_EQ(now->touches.back().index, into + 1);  // the deepest bar of the visit
    EXPECT_TRUE(now->touches.back().rejection);      // it left upwards

    const LevelAnalysis cut = analyzeLevels(std::span<const Bar>(bars).first(into + 1));
    const Zone* then = holding(cut);
    ASSERT_NE(then, nullptr);
    ASSERT_FALSE(then->touches.empty());
    EXPECT_EQ(then->touches.back().index, into);
    EXPECT_FALSE(then->touches.back().rejection);

    const auto k = static_cast<std::size_t>(now - whole.zones.data());
    const std::vector<LevelEvent> events = eventsAsOf(whole, bars, into);
    const Zone asOf = zoneAsOf(*now, into, zoneKindsAsOf(whole, events, bars, into)[k], bars);
    ASSERT_EQ(asOf.touches.size(), then->touches.size());
    for (std::size_t t = 0; t < asOf.touches.size(); ++t) {
        EXPECT_EQ(asOf.touches[t].index, then->touches[t].index);
        EXPECT_EQ(asOf.touches[t].rejection, then->touches[t].rejection);
    }
    EXPECT_EQ(asOf.lastTouch, bars[into].day);
    EXPECT_EQ(asOf.rejections, then->rejections);
    EXPECT_EQ(asOf.why, then->why);
}

// The engine fed bar by bar (as refreshes feed it) and in pairs of bars.
std::vector<LevelAnalysis> fedInPieces(const std::vector<Bar>& bars) {
    std::vector<LevelAnalysis> out;
    for (const std::size_t piece : {1U, 2U}) {
        LevelEngine engine;
        for (std::size_t i = 0; i < bars.size(); i += piece) {
            engine.append(std::span(bars).subspan(i, std::min(piece, bars.size() - i)));
        }
        out.push_back(engine.analysis());
    }
    return out;
}

// Up through the double top at 130, then one bar collapses from 150 to 100: the close far
// through the level is the first of two that fail the breakout, and the second comes the next
// day, with price far out of the level's reach. However the bars arrive, the failure is dated
// that day.
TEST(Levels, ABreakoutThatCollapsesFailsTheNextDayHoweverTheBarsArrive) {
    std::vector<double> closes = test::walk({100, 130, 110, 130, 112, 150});
    const std::size_t collapse = closes.size();
    for (const double c : {100, 99, 98, 97, 96, 95}) {
        closes.push_back(c);
    }
    const auto bars = test::barsFromCloses(closes);
    std::vector<LevelAnalysis> analyses = fedInPieces(bars);
    analyses.push_back(analyzeLevels(bars));
    for (const LevelAnalysis& a : analyses) {
        const LevelEvent* breakout = eventThrough(a, 130);
        ASSERT_NE(breakout, nullptr);
        EXPECT_EQ(breakout->type, LevelEventType::Breakout);
        EXPECT_EQ(breakout->retest, RetestState::Failed);
        EXPECT_EQ(breakout->retestDay, bars[collapse + 1].day);
    }
}

// A bar that gaps through two levels breaks out of both; the events are listed from the lower
// level up, whether the bar came alone or with the rest.
TEST(Levels, BreakoutsThroughTwoLevelsOnOneBarAreListedFromTheLowerUp) {
    std::vector<double> closes = test::walk({100, 140, 105, 130, 110, 130, 112});
    const std::size_t gap = closes.size();
    for (const double c : {150, 151, 152, 153}) {
        closes.push_back(c);
    }
    const auto bars = test::barsFromCloses(closes);
    std::vector<LevelAnalysis> analyses = fedInPieces(bars);
    analyses.push_back(analyzeLevels(bars));
    for (const LevelAnalysis& a : analyses) {
        std::vector<const LevelEvent*> onGap;
        for (const LevelEvent& e : a.events) {
            if (e.index == gap) {
                onGap.push_back(&e);
            }
        }
        ASSERT_EQ(onGap.size(), 2U);
        EXPECT_EQ(onGap[0]->type, LevelEventType::Breakout);
        EXPECT_EQ(onGap[1]->type, LevelEventType::Breakout);
        EXPECT_LE(onGap[0]->low, 130);
        EXPECT_GE(onGap[0]->high, 130);
        EXPECT_LE(onGap[1]->low, 140);
        EXPECT_GE(onGap[1]->high, 140);
    }
}

// A refresh that revises the last bar copies an engine (LevelStream): the copy and the original
// each keep their own bars, and a moved engine takes them along.
TEST(Levels, CopiedAndMovedEnginesKeepTheirOwnBars) {
    const auto bars = test::barsFromCloses(test::walk(doubleTopThenRetest(120)));
    const std::span<const Bar> all(bars);
    const auto idsOf = [](const LevelAnalysis& a) {
        std::vector<std::string> ids;
        for (const LevelEvent& e : a.events) {
            ids.push_back(e.id + " " + e.description());
        }
        for (const Zone& z : a.zones) {
            ids.push_back(z.id + " " + z.why);
        }
        return ids;
    };
    LevelEngine original;
    original.append(all.first(100));
    LevelEngine copy = original;
    copy.append(all.subspan(100));
    EXPECT_EQ(idsOf(original.analysis()), idsOf(analyzeLevels(all.first(100))));
    EXPECT_EQ(idsOf(copy.analysis()), idsOf(analyzeLevels(all)));
    copy = original;  // assigned over an engine with more bars
    EXPECT_EQ(copy.bars().size(), 100U);
    EXPECT_EQ(idsOf(copy.analysis()), idsOf(analyzeLevels(all.first(100))));

    LevelEngine moved = std::move(copy);
    EXPECT_EQ(idsOf(moved.analysis()), idsOf(analyzeLevels(all.first(100))));
    EXPECT_TRUE(copy.bars().empty());  // NOLINT(bugprone-use-after-move): what is left is empty
    EXPECT_EQ(copy.analysis().asOf, 0);
    original = std::move(moved);
    EXPECT_EQ(idsOf(original.analysis()), idsOf(analyzeLevels(all.first(100))));
    EXPECT_TRUE(moved.bars().empty());  // NOLINT(bugprone-use-after-move)
}

TEST(Levels, TooFewBarsGiveEmptyResults) {
    EXPECT_EQ(analyzeLevels({}).asOf, 0);
    EXPECT_FALSE(analyzeLevels({}).allTimeHigh);
    // Manual levels with no bars yet (a symbol whose history has not arrived).
    const std::vector<ManualLevelInput> lines{{100, "x"}};
    EXPECT_EQ(analyzeLevels({}, {}, lines).asOf, 0);
    LevelEngine waiting({}, lines);
    waiting.append(std::span<const Bar>{});
    EXPECT_EQ(waiting.analysis().asOf, 0);
    const auto first = test::barsFromCloses({101});
    waiting.append(first);
    EXPECT_EQ(waiting.analysis().asOf, first.front().day);
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

// A retest from inside the zone: the support's line (its record wick) can be above the close. The
// lists say "inside", not "+0.4%", so a support never reads as above price.
TEST(Levels, DistanceToAZoneIsInsideWithinItAndToItsPriceOutside) {
    Zone z;
    z.low = 2439.43;
    z.high = 2469.80;
    z.price = 2458.86;
    EXPECT_EQ(zoneDistanceText(z, 2448.77), "inside");
    EXPECT_EQ(zoneDistancePct(z, 2448.77), 0);
    EXPECT_TRUE(inZone(z, 2439.43));
    EXPECT_TRUE(inZone(z, 2469.80));
    EXPECT_EQ(zoneDistanceText(z, 2305.11), "+6.7%");
    EXPECT_NEAR(zoneDistancePct(z, 2305.11), (2458.86 / 2305.11 - 1) * 100, 1e-9);
    EXPECT_EQ(zoneDistanceText(z, 2600), "-5.4%");
    EXPECT_FALSE(inZone(z, 2469.81));
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
