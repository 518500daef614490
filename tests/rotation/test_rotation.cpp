// Returns, relative strength and RRG quadrants on hand-built series with known answers.
#include <gtest/gtest.h>

#include <cmath>

#include "core/analytics/rotation.h"
#include "core/model/date.h"

namespace retest {
namespace {

Day d(const char* iso) {
    return *parseIsoDate(iso);
}

Bar bar(Day day, double close) {
    return Bar{day, close, close + 1, close - 1, close, close, 1000};
}

/// One bar per weekday from `first` to `last`; close = f(index).
template <typename F>
std::vector<Bar> weekdays(Day first, Day last, F close) {
    std::vector<Bar> bars;
    for (Day day = first; day <= last; ++day) {
        if (weekdayOf(day) < 5) {
            bars.push_back(bar(day, close(bars.size())));
        }
    }
    return bars;
}

/// One bar per week (on Fridays) from 2024-01-05 with the given closes.
std::vector<Bar> weekly(const std::vector<double>& closes) {
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < closes.size(); ++i) {
        bars.push_back(bar(d("2024-01-05") + static_cast<Day>(7 * i), closes[i]));
    }
    return bars;
}

double closeOn(const std::vector<Bar>& bars, Day day) {
    return bars[*lastIndexOnOrBefore(bars, day)].close;
}

TEST(RotationReturns, PeriodsStartOnTheSameCalendarDayEarlierClampedToTheMonthEnd) {
    EXPECT_EQ(periodAnchor(d("2025-09-30"), ReturnPeriod::Week1), d("2025-09-23"));
    EXPECT_EQ(periodAnchor(d("2025-09-30"), ReturnPeriod::Month1), d("2025-08-30"));
    EXPECT_EQ(periodAnchor(d("2025-03-31"), ReturnPeriod::Month1), d("2025-02-28"));
    EXPECT_EQ(periodAnchor(d("2024-03-31"), ReturnPeriod::Month1), d("2024-02-29"));
    EXPECT_EQ(periodAnchor(d("2025-01-15"), ReturnPeriod::Month3), d("2024-10-15"));
    EXPECT_EQ(periodAnchor(d("2025-08-31"), ReturnPeriod::Month6), d("2025-02-28"));
    EXPECT_EQ(periodAnchor(d("2024-02-29"), ReturnPeriod::Year1), d("2023-02-28"));
    EXPECT_EQ(periodAnchor(d("2025-09-30"), ReturnPeriod::Ytd), d("2024-12-31"));
    EXPECT_EQ(periodAnchor(d("2025-01-02"), ReturnPeriod::Ytd), d("2024-12-31"));
}

TEST(RotationReturns, EachPeriodRunsFromTheLastCloseOnOrBeforeItsAnchor) {
    // Close = 100 + index over weekdays 2024-01-02 .. 2025-09-30 (a Tuesday).
    const auto bars =
        weekdays(d("2024-01-02"), d("2025-09-30"), [](std::size_t i) { return 100.0 + i; });
    const double last = bars.back().close;
    // 1W: 2025-09-23 is a Tuesday with a bar.
    EXPECT_NEAR(*periodReturn(bars, ReturnPeriod::Week1), (last / (last - 5) - 1) * 100, 1e-9);
    // 1M: 2025-08-30 is a Saturday: the base is Friday 2025-08-29.
    EXPECT_NEAR(*periodReturn(bars, ReturnPeriod::Month1),
                (last / closeOn(bars, d("2025-08-29")) - 1) * 100, 1e-9);
    EXPECT_EQ(closeOn(bars, d("2025-08-30")), closeOn(bars, d("2025-08-29")));
    // YTD: 2024-12-31 is a Tuesday with a bar; 1Y: 2024-09-30 a Monday.
    EXPECT_NEAR(*periodReturn(bars, ReturnPeriod::Ytd),
                (last / closeOn(bars, d("2024-12-31")) - 1) * 100, 1e-9);
    EXPECT_NEAR(*periodReturn(bars, ReturnPeriod::Year1),
                (last / closeOn(bars, d("2024-09-30")) - 1) * 100, 1e-9);
    // By hand for one of them: 2024-09-30 is weekday number 194 of the series (0-based).
    EXPECT_EQ(closeOn(bars, d("2024-09-30")), 100.0 + 194);
}

TEST(RotationReturns, TooShortAHistoryGivesNoReturnInsteadOfAShorterOne) {
    // 2025-04-01 .. 2025-09-30: no bar on or before 2024-12-31 nor 2024-09-30.
    const auto bars = weekdays(d("2025-04-01"), d("2025-09-30"), [](std::size_t) { return 50.0; });
    EXPECT_FALSE(periodReturn(bars, ReturnPeriod::Ytd).has_value());
    EXPECT_FALSE(periodReturn(bars, ReturnPeriod::Year1).has_value());
    // 6M anchor 2025-03-30 precedes the first bar as well; 3M (2025-06-30) does not.
    EXPECT_FALSE(periodReturn(bars, ReturnPeriod::Month6).has_value());
    EXPECT_NEAR(*periodReturn(bars, ReturnPeriod::Month3), 0.0, 1e-12);
    EXPECT_FALSE(periodReturn({}, ReturnPeriod::Week1).has_value());
}

TEST(RotationRs, RatioAndMomentumFollowTheDocumentedFormulasOnCommonWeeks) {
    RotationSettings s;
    s.ratioWeeks = 2;
    s.momentumWeeks = 1;
    // RS = 100 * symbol / benchmark = 100, 110, 110.
    const auto symbol = weekly({100, 110, 121});
    const auto benchmark = weekly({100, 100, 110});
    const auto series = rotationSeries(symbol, benchmark, s);
    ASSERT_EQ(series.size(), 1u);
    const double ratioBefore = 100.0 * 110 / 105;  // RS 110 over the mean of 100 and 110
    EXPECT_NEAR(series[0].rsRatio, 100.0, 1e-9);   // 110 over the mean of 110 and 110
    EXPECT_NEAR(series[0].rsMomentum, 100.0 * 100.0 / ratioBefore, 1e-9);
    EXPECT_EQ(series[0].day, d("2024-01-19"));
    EXPECT_EQ(quadrantOf(series[0].rsRatio, series[0].rsMomentum), Quadrant::Weakening);
}

TEST(RotationRs, OnlyWeeksBothSeriesHaveCount) {
    RotationSettings s;
    s.ratioWeeks = 2;
    s.momentumWeeks = 1;
    auto symbol = weekly({100, 110, 999, 121});
    auto benchmark = weekly({100, 100, 100, 110});
    benchmark.erase(benchmark.begin() + 2);  // the benchmark misses week 3: its 999 is ignored
    const auto series = rotationSeries(symbol, benchmark, s);
    ASSERT_EQ(series.size(), 1u);
    EXPECT_NEAR(series[0].rsRatio, 100.0, 1e-9);
}

TEST(RotationQuadrants, TheFourQuadrantsAroundOneHundred) {
    EXPECT_EQ(quadrantOf(101, 101), Quadrant::Leading);
    EXPECT_EQ(quadrantOf(101, 99), Quadrant::Weakening);
    EXPECT_EQ(quadrantOf(99, 99), Quadrant::Lagging);
    EXPECT_EQ(quadrantOf(99, 101), Quadrant::Improving);
    EXPECT_EQ(quadrantOf(100, 100), Quadrant::Leading);
    EXPECT_EQ(quadrantName(Quadrant::Improving), "improving");
}

/// 20 flat weeks against a flat benchmark, then `tail` relative closes.
Quadrant quadrantAfter(std::vector<double> tail) {
    std::vector<double> closes(20, 100.0);
    closes.insert(closes.end(), tail.begin(), tail.end());
    const auto symbol = weekly(closes);
    const auto benchmark = weekly(std::vector<double>(closes.size(), 50.0));
    const RotationRow row = rotationRow(symbol, benchmark, symbol.back().day);
    EXPECT_TRUE(row.quadrant.has_value());
    return row.quadrant.value_or(Quadrant::Lagging);
}

TEST(RotationQuadrants, TheRotationOfAnOutperformerThatStallsAndOfAnUnderperformer) {
    // Outperforming faster and faster: leading.
    EXPECT_EQ(quadrantAfter({101, 103, 106, 110, 115}), Quadrant::Leading);
    // Outperformed, then stalled: still above its mean but losing momentum: weakening.
    EXPECT_EQ(quadrantAfter({105, 110, 115, 120, 120, 120, 120}), Quadrant::Weakening);
    // Underperforming faster and faster: lagging.
    EXPECT_EQ(quadrantAfter({99, 97, 94, 90, 85}), Quadrant::Lagging);
    // Underperformed, then stalled: below its mean but recovering: improving.
    EXPECT_EQ(quadrantAfter({95, 90, 85, 80, 80, 80, 80}), Quadrant::Improving);
}

TEST(RotationRow, AsOfADaySeesNothingAfterIt) {
    const auto symbol = weekdays(d("2023-01-02"), d("2025-12-31"), [](std::size_t i) {
        return 100 + std::sin(i * 0.05) * 20 + i * 0.05;
    });
    const auto benchmark =
        weekdays(d("2023-01-02"), d("2025-12-31"), [](std::size_t i) { return 200 + i * 0.1; });
    const Day asOf = d("2025-09-30");
    const RotationRow full = rotationRow(symbol, benchmark, asOf);
    const auto cut = std::span<const Bar>(symbol).first(*lastIndexOnOrBefore(symbol, asOf) + 1);
    const auto cutBench =
        std::span<const Bar>(benchmark).first(*lastIndexOnOrBefore(benchmark, asOf) + 1);
    const RotationRow truncated = rotationRow(cut, cutBench, d("2030-01-01"));
    EXPECT_EQ(full.asOf, asOf);
    EXPECT_EQ(full.last, truncated.last);
    EXPECT_EQ(full.returns, truncated.returns);
    EXPECT_EQ(full.rsRatio, truncated.rsRatio);
    EXPECT_EQ(full.rsMomentum, truncated.rsMomentum);
    EXPECT_EQ(full.fromAthPct, truncated.fromAthPct);
    ASSERT_EQ(full.tail.size(), 8u);
    EXPECT_LE(full.tail.back().day, asOf);
    EXPECT_EQ(full.levels.asOf, asOf);
}

TEST(RotationRow, DistancesFromTheHighsUseHighsOfTheLastYearAndOfAllBars) {
    std::vector<Bar> bars =
        weekdays(d("2023-01-02"), d("2025-09-30"), [](std::size_t) { return 100.0; });
    bars[10].high = 200;                                           // early 2023: the all-time high
    bars[*lastIndexOnOrBefore(bars, d("2025-03-03"))].high = 125;  // within 52 weeks
    const RotationRow row = rotationRow(bars, bars, d("2025-09-30"));
    EXPECT_NEAR(*row.fromAthPct, -50.0, 1e-9);
    EXPECT_NEAR(*row.fromHigh52wPct, -20.0, 1e-9);
    // Against itself the relative strength is flat: exactly 100 and 100.
    EXPECT_NEAR(*row.rsRatio, 100.0, 1e-9);
    EXPECT_NEAR(*row.rsMomentum, 100.0, 1e-9);
}

TEST(RotationRow, NoBarsUpToTheDayGivesAnEmptyRow) {
    const auto bars = weekly({100, 101});
    const RotationRow row = rotationRow(bars, bars, d("2020-01-01"));
    EXPECT_EQ(row.asOf, 0);
    EXPECT_FALSE(row.quadrant.has_value());
    EXPECT_FALSE(row.returns[0].has_value());
}

}  // namespace
}  // namespace retest
