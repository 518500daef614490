// Calendar days on a chart's bar axis: what the chart draws a drawing's point on, and what a
// line alert follows.
#include <gtest/gtest.h>

#include "core/analytics/bar_axis.h"
#include "core/analytics/resample.h"
#include "core/model/date.h"

namespace retest {
namespace {

Day iso(const char* text) {
    return *parseIsoDate(text);
}

/// Sessions Thursday 2020-01-02 .. Friday 2020-01-24, Monday the 20th a holiday.
std::vector<Bar> sessions() {
    std::vector<Bar> out;
    for (Day d = iso("2020-01-02"); d <= iso("2020-01-24"); ++d) {
        if (weekdayOf(d) < 5 && d != iso("2020-01-20")) {
            out.push_back(Bar{d, 10, 11, 9, 10, 10, 100});
        }
    }
    return out;
}

TEST(BarAxis, ASessionIsItsBarAndADayWithoutOneIsTheNextSession) {
    const auto bars = sessions();
    ASSERT_EQ(bars.size(), 16U);
    EXPECT_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2020-01-02")), 0);
    EXPECT_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2020-01-06")), 2);
    // Saturday and Sunday are drawn on Monday, the holiday on Tuesday.
    EXPECT_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2020-01-04")), 2);
    EXPECT_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2020-01-05")), 2);
    EXPECT_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2020-01-20")), 12);
    EXPECT_EQ(bars[12].day, iso("2020-01-21"));
    // Every session's day gives its bar back.
    for (std::size_t i = 0; i < bars.size(); ++i) {
        EXPECT_EQ(barAxisDay(bars, Timeframe::Daily, static_cast<double>(i)), bars[i].day);
        EXPECT_EQ(barAxisDay(bars, Timeframe::Daily, static_cast<double>(i) + 0.4), bars[i].day);
    }
}

TEST(BarAxis, PastEitherEndASessionIsSevenFifthsOfADay) {
    const auto bars = sessions();
    // Two weeks after Friday the 24th: ten sessions on.
    EXPECT_DOUBLE_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2020-02-07")), 15 + 10);
    EXPECT_EQ(barAxisDay(bars, Timeframe::Daily, 25), iso("2020-02-07"));
    // A week before the first bar: five sessions back.
    EXPECT_DOUBLE_EQ(barAxisPosition(bars, Timeframe::Daily, iso("2019-12-26")), -5);
    EXPECT_EQ(barAxisDay(bars, Timeframe::Daily, -5), iso("2019-12-26"));
}

TEST(BarAxis, OnWeeklyBarsADayIsTheWeekThatHoldsIt) {
    const auto weeks = resample(sessions(), Timeframe::Weekly);
    ASSERT_EQ(weeks.size(), 4U);  // weeks ending 3, 10, 17, 24 January
    EXPECT_EQ(barAxisPosition(weeks, Timeframe::Weekly, iso("2020-01-08")), 1);
    EXPECT_EQ(barAxisPosition(weeks, Timeframe::Weekly, iso("2020-01-11")), 1);  // Saturday
    EXPECT_EQ(barAxisPosition(weeks, Timeframe::Weekly, iso("2020-01-13")), 2);  // Monday
    EXPECT_EQ(barAxisDay(weeks, Timeframe::Weekly, 2), iso("2020-01-17"));
    // Two weeks past the last one.
    EXPECT_DOUBLE_EQ(barAxisPosition(weeks, Timeframe::Weekly, iso("2020-02-07")), 5);
}

TEST(BarAxis, NoBarsIsTheOrigin) {
    EXPECT_EQ(barAxisPosition({}, Timeframe::Daily, iso("2020-01-02")), 0);
    EXPECT_EQ(barAxisDay({}, Timeframe::Daily, 3), 0);
}

}  // namespace
}  // namespace retest
