// The bar rules every source shares: each rule refuses what it should, with a reason.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "core/model/bar_validation.h"
#include "core/model/date.h"

namespace retest {
namespace {

Bar good(Day day) {
    return Bar{day, 100, 102, 99, 101, 101, 1000};
}

const Day kToday = dayFromCivil(2024, 6, 3);

TEST(BarValidation, AcceptsAnOrdinaryBar) {
    EXPECT_EQ(checkBar(good(kToday), kToday + 1), std::nullopt);
    EXPECT_EQ(checkBar(good(dayFromCivil(1900, 1, 1)), kToday), std::nullopt);
}

TEST(BarValidation, RefusesNonFiniteAndNonPositivePrices) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    Bar b = good(kToday);
    b.open = -5;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "open -5 is negative");
    b = good(kToday);
    b.low = 0;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "low 0 is zero (prices must be positive)");
    b = good(kToday);
    b.high = inf;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "high inf is not a finite number");
    b = good(kToday);
    b.adjClose = nan;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "adj close nan is not a finite number");
    b = good(kToday);
    b.volume = -1;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "volume -1 is negative");
    b.volume = nan;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "volume nan is not a finite number");
}

TEST(BarValidation, RefusesPricesOutsideTheSessionRange) {
    Bar b = good(kToday);
    b.high = 98;  // below the low 99
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "low 99 is above high 98");
    b = good(kToday);
    b.close = 103.5;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "close 103.5 is above high 102");
    b = good(kToday);
    b.open = 98.25;
    EXPECT_EQ(checkBar(b, kToday).value_or(""), "low 99 is above open 98.25");
}

TEST(BarValidation, RefusesDatesBefore1900AndAfterTomorrow) {
    EXPECT_EQ(checkBar(good(dayFromCivil(1899, 12, 31)), kToday).value_or(""),
              "date 1899-12-31 is outside 1900-01-01..2024-06-03");
    EXPECT_NE(checkBar(good(kToday + 2), kToday + 1), std::nullopt);
    EXPECT_NE(checkBar(good(-10'000'000), kToday), std::nullopt);
    EXPECT_EQ(checkBar(good(kToday + 1), kToday + 1), std::nullopt);
    // The real clock: tomorrow is allowed, the day after is not.
    EXPECT_EQ(checkBar(good(latestBarDay()), latestBarDay()), std::nullopt);
    EXPECT_NE(validateBars(std::vector<Bar>{good(latestBarDay() + 1)}), std::nullopt);
}

TEST(BarValidation, RefusesADayTwiceWithDifferentValuesInAnyOrder) {
    std::vector<Bar> bars = {good(kToday - 2), good(kToday), good(kToday - 1), good(kToday)};
    EXPECT_EQ(validateBars(bars, kToday), std::nullopt) << "identical repeats are harmless";
    bars[3].close = 100.5;
    const auto problem = validateBars(bars, kToday);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->index, 3u);
    EXPECT_EQ(problem->describe(),
              "2024-06-03 (bar 4): the day appears twice with different values (bars 2 and 4)");
}

TEST(BarValidation, NamesTheFirstBadBar) {
    std::vector<Bar> bars = {good(kToday - 2), good(kToday - 1), good(kToday)};
    bars[1].low = 200;
    const auto problem = validateBars(bars, kToday);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->index, 1u);
    EXPECT_EQ(problem->day, kToday - 1);
    EXPECT_EQ(problem->describe(), "2024-06-02 (bar 2): low 200 is above high 102");
}

}  // namespace
}  // namespace retest
