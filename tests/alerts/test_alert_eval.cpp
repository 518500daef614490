// Alert conditions on hand-built bars: the first occurrence after the watched day, exactly.
#include <gtest/gtest.h>

#include "core/alerts/alert.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

Day day0() {
    return dayFromCivil(2025, 11, 3);
}

/// One bar a day from day0() with these closes; each bar spans close ± 1.
std::vector<Bar> bars(const std::vector<double>& closes) {
    std::vector<Bar> out;
    for (std::size_t i = 0; i < closes.size(); ++i) {
        const double c = closes[i];
        out.push_back(Bar{day0() + static_cast<Day>(i), c, c + 1, c - 1, c, c, 100});
    }
    return out;
}

/// Sessions Monday to Friday, 2025-11-03 .. 2025-11-14 (ten bars, no weekend), closing at 99.
std::vector<Bar> twoWeeksOfSessions() {
    std::vector<Bar> out;
    out.reserve(10);
    for (int i = 0; i < 10; ++i) {
        const Day d = day0() + i + (i >= 5 ? 2 : 0);
        out.push_back(Bar{d, 99, 99.5, 98.5, 99, 99, 100});
    }
    return out;
}

Alert alert(AlertKind kind, double low, std::size_t watchFromIndex, double high = -1) {
    Alert a;
    a.id = 1;
    a.symbol = "IWM";
    a.kind = kind;
    a.low = low;
    a.high = high < 0 ? low : high;
    a.watchFrom = day0() + static_cast<Day>(watchFromIndex);
    return a;
}

TEST(AlertEval, ACloseBelowFiresAtTheFirstWatchedBarThatClosesThrough) {
    const auto b = bars({250, 248, 245, 241, 236.79, 230});
    const auto f = evaluateAlert(alert(AlertKind::ClosesBelow, 240, 2), b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 4);
    EXPECT_EQ(f->close, 236.79);
    EXPECT_EQ(f->detail, "closed 236.79 below 240.00");
}

TEST(AlertEval, OldHistoryNeverFiresAnAlert) {
    // The only close below 240 is before the alert was created.
    const auto b = bars({250, 230, 245, 246, 247});
    EXPECT_FALSE(evaluateAlert(alert(AlertKind::ClosesBelow, 240, 2), b).has_value());
    // Nothing after the watched day at all.
    EXPECT_FALSE(evaluateAlert(alert(AlertKind::ClosesBelow, 240, 4), b).has_value());
}

TEST(AlertEval, ACloseAboveNeedsACrossingWhenPriceIsAlreadyAbove) {
    // Above at creation (110 > 100): the next occurrence is the close back above after 95.
    const auto b = bars({100, 110, 112, 108, 95, 105});
    const auto f = evaluateAlert(alert(AlertKind::ClosesAbove, 100, 1), b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 5);
}

TEST(AlertEval, APaneThresholdIsACloseAboveOnTheRateSymbol) {
    // ^TNX in percent: crosses 5 on the fourth watched bar.
    const auto b = bars({4.6, 4.7, 4.8, 4.9, 4.95, 5.02, 5.1});
    const auto f = evaluateAlert(alert(AlertKind::ClosesAbove, 5.0, 1), b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 5);
}

TEST(AlertEval, EnteringAZoneUsesTheBarsRange) {
    // Falling 1 a bar with ranges of ±1: the bar closing at 96 has its low (95) in 90..95.
    const auto b = bars({100, 99, 98, 97, 96, 95});
    const auto f = evaluateAlert(alert(AlertKind::EntersZone, 90, 0, 95), b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 4);
    EXPECT_EQ(f->detail, "traded 95.00–97.00 into 90.00–95.00, closed 96.00");
}

TEST(AlertEval, ANewAllTimeHighComparesWithEveryEarlierClose) {
    const auto b = bars({100, 120, 110, 115, 119, 121, 125});
    const auto f = evaluateAlert(alert(AlertKind::AllTimeHigh, 0, 2), b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 5);
    EXPECT_EQ(f->detail,
              "closed 121.00, a new all-time high (the previous highest close was 120.00)");
}

TEST(AlertEval, AFiredAlertDoesNotFireAgain) {
    Alert a = alert(AlertKind::ClosesBelow, 240, 0);
    a.state = AlertState::Fired;
    EXPECT_FALSE(evaluateAlert(a, bars({250, 230})).has_value());
}

// What the user typed is what the alert says: a ratio's 0.3555 is not "0.36" (which reads as
// already crossed at 0.3610), a zone edge's 240.125 not "240.12".
TEST(AlertEval, ThresholdsReadWithEveryDecimalGiven) {
    EXPECT_EQ(describeAlert(alert(AlertKind::ClosesBelow, 0.3555, 0)), "closes below 0.3555");
    EXPECT_EQ(describeAlert(alert(AlertKind::ClosesAbove, 250, 0)), "closes above 250.00");
    EXPECT_EQ(describeAlert(alert(AlertKind::EntersZone, 240.125, 0, 242.5)),
              "enters 240.125–242.50");
    EXPECT_EQ(describeAlert(alert(AlertKind::ClosesAbove, 4.125, 0)), "closes above 4.1250");
}

TEST(AlertEval, BadNumbersAreNamed) {
    EXPECT_EQ(*alertProblem(alert(AlertKind::EntersZone, 10, 0, 5)),
              "the zone's low 10.00 is above its high 5.0000");
    EXPECT_FALSE(alertProblem(alert(AlertKind::AllTimeHigh, -1, 0)).has_value());
    EXPECT_EQ(parseAlertKind("closes-below"), AlertKind::ClosesBelow);
    EXPECT_FALSE(parseAlertKind("closes-sideways").has_value());
}

TEST(AlertEval, AnAlertOnAZoneUsesItsEdgesAndNamesIt) {
    Zone z;
    z.low = 242.06;
    z.high = 247.38;
    z.name = "the 2024 high";
    const Alert below = alertForZone("IWM", z, AlertKind::ClosesBelow);
    EXPECT_EQ(below.low, 242.06);
    EXPECT_EQ(describeAlert(below), "closes below 242.06");
    EXPECT_EQ(below.note, "the 2024 high 242.06–247.38");
    EXPECT_EQ(alertForZone("IWM", z, AlertKind::ClosesAbove).low, 247.38);
    const Alert enters = alertForZone("IWM", z, AlertKind::EntersZone);
    EXPECT_EQ(describeAlert(enters), "enters 242.06–247.38");
}

/// The real S&P 500 sample: the Oct-2007 record high broke out in 2013 and its retest held.
TEST(AlertEval, ARetestAlertFiresOnTheDayTheRetestHeldOrFailed) {
    const auto& b = test::sampleBars();
    const LevelAnalysis levels = analyzeLevels(b);
    Alert held = alert(AlertKind::RetestHeld, 0, 0);
    // Created in May 2013, after the April breakout above the 2007 high.
    held.watchFrom = *parseIsoDate("2013-05-01");
    const auto f = evaluateAlert(held, b, &levels);
    ASSERT_TRUE(f.has_value());
    // The first retest after that which held, as `retest levels ^GSPC` lists it.
    bool found = false;
    for (const LevelEvent& e : levels.events) {
        for (const RetestStep& s : e.history) {
            if (s.state == RetestState::Held && s.day > held.watchFrom) {
                EXPECT_GE(s.day, f->day);
                found = found || s.day == f->day;
            }
        }
    }
    EXPECT_TRUE(found);
    // "... the Oct-2007 record high ... retest held on 2013-06-21".
    EXPECT_EQ(formatIsoDate(f->day), "2013-06-21");
    EXPECT_NE(f->detail.find("the Oct-2007 record high"), std::string::npos) << f->detail;
    // Without a precomputed analysis the answer is the same.
    EXPECT_EQ(evaluateAlert(held, b)->day, f->day);
    Alert failed = held;
    failed.kind = AlertKind::RetestFailed;
    failed.watchFrom = *parseIsoDate("2020-04-17");  // the last bar: nothing to watch yet
    EXPECT_FALSE(evaluateAlert(failed, b, &levels).has_value());
}

TEST(AlertChoices, ALevelOffersEnteringItAndClosesBeyondEachEdge) {
    Zone z;
    z.low = 242.06;
    z.high = 247.38;
    z.name = "the Nov-2021 record high";
    const auto c = alertChoicesForZone("IWM", z);
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[0].kind, AlertKind::EntersZone);
    EXPECT_EQ(c[0].low, 242.06);
    EXPECT_EQ(c[0].high, 247.38);
    EXPECT_EQ(c[1].kind, AlertKind::ClosesAbove);
    EXPECT_EQ(c[1].low, 247.38);
    EXPECT_EQ(c[2].kind, AlertKind::ClosesBelow);
    EXPECT_EQ(c[2].low, 242.06);
    for (const Alert& a : c) {
        EXPECT_EQ(a.symbol, "IWM");
        EXPECT_EQ(a.note, "the Nov-2021 record high 242.06–247.38");
        EXPECT_FALSE(alertProblem(a).has_value());
    }
}

// A rising trend line through (day 0, 100) and (day 10, 110): one point a session on these
// daily bars. Price rides 1 above it, then closes under it on day 14 (line 114, close 113.5):
// past the line's second point, as the chart extends it.
TEST(AlertEval, ATrendLineIsFollowedBarByBarAndPastItsPoints) {
    std::vector<double> closes;
    closes.reserve(18);
    for (int i = 0; i < 18; ++i) {
        closes.push_back(100 + i + 1);
    }
    closes[14] = 113.5;
    closes[15] = 114.5;
    closes[16] = 117;
    const auto b = bars(closes);
    Alert below = alert(AlertKind::ClosesBelowLine, 100, 11, 110);
    below.lineFrom = day0();
    below.lineTo = day0() + 10;
    ASSERT_FALSE(alertProblem(below).has_value());
    const auto f = evaluateAlert(below, b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 14);
    EXPECT_EQ(f->detail, "closed 113.50 below the trend line (114.00 that day)");
    EXPECT_EQ(describeAlert(below),
              "closes below the trend line 100.00 (2025-11-03) → 110.00 (2025-11-13)");
    // Back above on day 16 (117 > 116), after 114.5 under 115 on day 15.
    Alert above = below;
    above.kind = AlertKind::ClosesAboveLine;
    above.watchFrom = day0() + 14;
    const auto g = evaluateAlert(above, b);
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->day, day0() + 16);
    // Both points on one day: no line.
    Alert flat = below;
    flat.lineTo = flat.lineFrom;
    EXPECT_TRUE(alertProblem(flat).has_value());
}

TEST(AlertEval, ATrendLineSkipsWeekendsAsTheChartDoes) {
    // Two weeks of sessions (twoWeeksOfSessions). The line rises 1 a session from
    // Monday 3rd (100) to Friday 7th (104); on Friday 14th it stands at 109, not at 111 as
    // calendar days would have it. A close of 110 on the 14th is above it, 108 below.
    std::vector<Bar> b = twoWeeksOfSessions();
    Alert a = alert(AlertKind::ClosesAboveLine, 100, 8, 104);
    a.lineFrom = day0();
    a.lineTo = day0() + 4;
    b.back().close = 110;
    b.back().high = 110.5;
    const auto f = evaluateAlert(a, b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->detail, "closed 110.00 above the trend line (109.00 that day)");
}

TEST(AlertEval, ATrendLinePointOnAWeekendIsOnTheNextSessionAsTheChartDrawsIt) {
    // Two weeks of sessions; the line's first point is dated Saturday 8th, which the daily chart
    // draws on Monday 10th (bar 5). From 100 there to 104 on Friday 14th (bar 9): 1 a session,
    // so 103 on Thursday 13th. Placed a third of the way from Friday 7th to Monday by the
    // calendar, the line would stand at 103.14 that day and the close of 103.10 under it.
    std::vector<Bar> b = twoWeeksOfSessions();
    b[8] = Bar{day0() + 10, 103, 103.5, 102.5, 103.1, 103.1, 100};
    Alert a = alert(AlertKind::ClosesAboveLine, 100, 5, 104);
    a.lineFrom = day0() + 5;
    a.lineTo = day0() + 11;
    const auto f = evaluateAlert(a, b);
    ASSERT_TRUE(f.has_value());
    EXPECT_EQ(f->day, day0() + 10);
    EXPECT_EQ(f->detail, "closed 103.10 above the trend line (103.00 that day)");
}

TEST(AlertChoices, DrawingsOfferTheirPricesAndTrendLinesTheirLine) {
    Annotation line;
    line.symbol = "^TNX";
    line.kind = AnnotationKind::HorizontalLine;
    line.points = {{0, 5}};
    const auto l = alertChoicesForDrawing(line);
    ASSERT_EQ(l.size(), 2u);
    EXPECT_EQ(l[0].kind, AlertKind::ClosesAbove);
    EXPECT_EQ(l[1].kind, AlertKind::ClosesBelow);
    EXPECT_EQ(l[0].low, 5);
    EXPECT_EQ(l[0].symbol, "^TNX");
    EXPECT_EQ(l[0].note, "line 5.0000");
    line.label = "five percent";
    EXPECT_EQ(alertChoicesForDrawing(line)[1].note, "five percent");

    Annotation rect;
    rect.symbol = "IWM";
    rect.kind = AnnotationKind::Rectangle;
    rect.points = {{day0(), 230}, {day0() + 5, 220}};  // corners in any order
    const auto r = alertChoicesForDrawing(rect);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].kind, AlertKind::EntersZone);
    EXPECT_EQ(r[0].low, 220);
    EXPECT_EQ(r[0].high, 230);
    EXPECT_EQ(r[1].low, 230);  // closes above the top
    EXPECT_EQ(r[2].low, 220);  // closes below the bottom
    EXPECT_EQ(r[0].note, "rectangle 220.00–230.00");

    Annotation trend = rect;
    trend.kind = AnnotationKind::TrendLine;  // drawn right to left: the oldest point first
    trend.points = {{day0() + 5, 220}, {day0(), 230}};
    const auto t = alertChoicesForDrawing(trend);
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].kind, AlertKind::ClosesAboveLine);
    EXPECT_EQ(t[1].kind, AlertKind::ClosesBelowLine);
    EXPECT_EQ(t[0].lineFrom, day0());
    EXPECT_EQ(t[0].low, 230);
    EXPECT_EQ(t[0].lineTo, day0() + 5);
    EXPECT_EQ(t[0].high, 220);
    EXPECT_EQ(t[0].note, "trend line 230.00 → 220.00");
    Annotation note = line;
    note.kind = AnnotationKind::Note;
    EXPECT_TRUE(alertChoicesForDrawing(note).empty());
}

}  // namespace
}  // namespace retest
