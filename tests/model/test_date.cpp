#include <gtest/gtest.h>

#include "core/model/date.h"
#include "core/model/timeframe.h"

namespace retest {
namespace {

TEST(Date, ParsesAndFormatsIsoDates) {
    ASSERT_EQ(parseIsoDate("1970-01-01"), 0);
    ASSERT_EQ(parseIsoDate("2000-01-03"), 10959);
    EXPECT_EQ(formatIsoDate(10959), "2000-01-03");
    EXPECT_EQ(formatIsoDate(*parseIsoDate("2020-02-29")), "2020-02-29");
    EXPECT_EQ(formatIsoDate(-1), "1969-12-31");
}

TEST(Date, RejectsWhatIsNotACalendarDate) {
    EXPECT_FALSE(parseIsoDate("2019-02-29"));
    EXPECT_FALSE(parseIsoDate("2020-13-01"));
    EXPECT_FALSE(parseIsoDate("2020-1-01"));
    EXPECT_FALSE(parseIsoDate("20200101"));
    EXPECT_FALSE(parseIsoDate("2020-01-0x"));
    EXPECT_FALSE(parseIsoDate("+020-01-01"));
    EXPECT_FALSE(parseIsoDate(""));
}

TEST(Date, WeekdayMondayIsZero) {
    EXPECT_EQ(weekdayOf(*parseIsoDate("2000-01-03")), 0);  // a Monday
    EXPECT_EQ(weekdayOf(*parseIsoDate("1970-01-01")), 3);  // a Thursday
    EXPECT_EQ(weekdayOf(*parseIsoDate("1969-12-28")), 6);  // a Sunday before the epoch
}

TEST(Timeframe, ParsesCodesAndNames) {
    EXPECT_EQ(parseTimeframe("d"), Timeframe::Daily);
    EXPECT_EQ(parseTimeframe("W"), Timeframe::Weekly);
    EXPECT_EQ(parseTimeframe("monthly"), Timeframe::Monthly);
    EXPECT_FALSE(parseTimeframe("Y"));
    EXPECT_EQ(timeframeCode(Timeframe::Weekly), "W");
}

}  // namespace
}  // namespace retest
