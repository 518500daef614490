#include <gtest/gtest.h>

#include "core/analytics/resample.h"
#include "core/model/date.h"

namespace retest {
namespace {

Bar bar(const char* iso, double o, double h, double l, double c, double v) {
    return Bar{*parseIsoDate(iso), o, h, l, c, c, v};
}

TEST(Resample, WeeklyBarsSpanMondayToFriday) {
    // Thursday, Friday of one week; Monday..Wednesday of the next (holiday Tuesday missing).
    const std::vector<Bar> daily = {
        bar("2020-01-02", 10, 12, 9, 11, 100),
        bar("2020-01-03", 11, 13, 10, 12, 200),
        bar("2020-01-06", 12, 15, 11, 14, 300),
        bar("2020-01-08", 14, 14.5, 8, 9, 400),
    };
    const auto weekly = resample(daily, Timeframe::Weekly);
    ASSERT_EQ(weekly.size(), 2U);
    EXPECT_EQ(weekly[0], bar("2020-01-03", 10, 13, 9, 12, 300));
    EXPECT_EQ(weekly[1], bar("2020-01-08", 12, 15, 8, 9, 700));
}

TEST(Resample, MonthlyBarsAreDatedByTheirLastSession) {
    const std::vector<Bar> daily = {
        bar("2020-01-30", 10, 11, 9, 10, 1),
        bar("2020-01-31", 10, 12, 10, 11, 1),
        bar("2020-02-03", 11, 11, 7, 8, 1),
        bar("2020-03-02", 8, 9, 8, 9, 5),
    };
    const auto monthly = resample(daily, Timeframe::Monthly);
    ASSERT_EQ(monthly.size(), 3U);
    EXPECT_EQ(formatIsoDate(monthly[0].day), "2020-01-31");
    EXPECT_EQ(monthly[0].open, 10);
    EXPECT_EQ(monthly[0].high, 12);
    EXPECT_EQ(monthly[0].volume, 2);
    EXPECT_EQ(monthly[1], bar("2020-02-03", 11, 11, 7, 8, 1));
    EXPECT_EQ(formatIsoDate(monthly[2].day), "2020-03-02");
}

TEST(Resample, WeeksAcrossYearEndStayTogether) {
    // 2019-12-30 (Mon) .. 2020-01-03 (Fri) is one ISO week.
    const std::vector<Bar> daily = {bar("2019-12-30", 1, 2, 1, 2, 1),
                                    bar("2019-12-31", 2, 3, 2, 3, 1),
                                    bar("2020-01-02", 3, 4, 3, 4, 1)};
    EXPECT_EQ(resample(daily, Timeframe::Weekly).size(), 1U);
    EXPECT_EQ(resample(daily, Timeframe::Monthly).size(), 2U);
}

TEST(Resample, DailyAndEmptyPassThrough) {
    const std::vector<Bar> daily = {bar("2020-01-02", 1, 2, 1, 2, 1)};
    EXPECT_EQ(resample(daily, Timeframe::Daily), daily);
    EXPECT_TRUE(resample({}, Timeframe::Monthly).empty());
}

}  // namespace
}  // namespace retest
