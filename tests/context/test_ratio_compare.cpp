// Ratio bars, ratio symbol parsing, rebasing and relative strength on hand-built series with
// exact answers: common dates only, gaps on either side, zero prices.
#include <gtest/gtest.h>

#include <cmath>

#include "core/analytics/compare.h"
#include "core/analytics/ratio.h"
#include "core/model/date.h"

namespace retest {
namespace {

Bar bar(Day day, double o, double h, double l, double c) {
    return Bar{day, o, h, l, c, c, 100};
}

TEST(RatioSymbol, ParsesAndNormalizes) {
    auto r = parseRatioSymbol(" iwm : spy ");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->numerator, "IWM");
    EXPECT_EQ(r->denominator, "SPY");
    EXPECT_EQ(r->text(), "IWM:SPY");
    EXPECT_TRUE(parseRatioSymbol("^RUT:^GSPC").ok());
}

TEST(RatioSymbol, RejectsBadTextNamingWhatIsWrong) {
    const auto message = [](std::string_view text) {
        auto r = parseRatioSymbol(text);
        EXPECT_FALSE(r.ok()) << text;
        return r.ok() ? std::string() : r.error().message;
    };
    EXPECT_NE(message("IWM:").find("no denominator"), std::string::npos);
    EXPECT_NE(message(":SPY").find("no numerator"), std::string::npos);
    EXPECT_NE(message("SPY:spy").find("SPY by itself"), std::string::npos);
    EXPECT_NE(message("A:B:C").find("exactly two sides"), std::string::npos);
    EXPECT_NE(message("IWM:S P$Y").find("not a symbol"), std::string::npos);
    EXPECT_NE(message("IWM").find("not a ratio"), std::string::npos);
    EXPECT_TRUE(looksLikeRatio("A:"));
    EXPECT_FALSE(looksLikeRatio("IWM"));
}

TEST(RatioBars, UsesOnlyCommonDatesAndBuildsHonestOhlc) {
    const std::vector<Bar> a{bar(1, 10, 12, 9, 11), bar(2, 11, 13, 10, 12), bar(4, 12, 12, 8, 9),
                             bar(5, 9, 10, 8, 10)};
    const std::vector<Bar> b{bar(1, 5, 6, 4, 5), bar(3, 5, 5, 5, 5), bar(4, 4, 5, 3, 3),
                             bar(6, 2, 2, 2, 2)};
    const std::vector<Bar> r = ratioBars(a, b);
    ASSERT_EQ(r.size(), 2u);  // days 1 and 4 only: 2 and 5 lack B, 3 and 6 lack A
    EXPECT_EQ(r[0].day, 1);
    EXPECT_DOUBLE_EQ(r[0].open, 2.0);
    EXPECT_DOUBLE_EQ(r[0].close, 11.0 / 5.0);
    EXPECT_DOUBLE_EQ(r[0].high, 2.2);  // max(open 2, close 2.2, highs 12/6 = 2)
    EXPECT_DOUBLE_EQ(r[0].low, 2.0);   // min(open 2, close 2.2, lows 9/4 = 2.25)
    EXPECT_EQ(r[1].day, 4);
    EXPECT_DOUBLE_EQ(r[1].open, 3.0);
    EXPECT_DOUBLE_EQ(r[1].close, 3.0);
    EXPECT_DOUBLE_EQ(r[1].high, 3.0);       // highs 12/5 = 2.4 is below open/close
    EXPECT_DOUBLE_EQ(r[1].low, 8.0 / 3.0);  // lows 8/3
    for (const Bar& x : r) {
        EXPECT_LE(x.low, std::min(x.open, x.close));
        EXPECT_GE(x.high, std::max(x.open, x.close));
        EXPECT_EQ(x.volume, 0);
    }
}

TEST(RatioBars, SkipsDaysWithoutAPositivePriceAndAdjustsByBothSides) {
    std::vector<Bar> a{bar(1, 10, 10, 10, 10), bar(2, 10, 10, 10, 10)};
    std::vector<Bar> b{bar(1, 0, 0, 0, 0), bar(2, 4, 4, 4, 4)};
    a[1].adjClose = 9;
    b[1].adjClose = 2;
    const std::vector<Bar> r = ratioBars(a, b);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].day, 2);
    EXPECT_DOUBLE_EQ(r[0].close, 2.5);
    EXPECT_DOUBLE_EQ(r[0].adjClose, 4.5);
    EXPECT_TRUE(ratioBars(a, {}).empty());
}

TEST(Compare, AlignsClosesAsOfEachSessionWithGaps) {
    const std::vector<Bar> base{bar(1, 1, 1, 1, 1), bar(2, 1, 1, 1, 1), bar(3, 1, 1, 1, 1),
                                bar(5, 1, 1, 1, 1)};
    const std::vector<Bar> other{bar(2, 20, 20, 20, 20), bar(4, 40, 40, 40, 40)};
    const std::vector<double> v = alignCloses(base, other);
    ASSERT_EQ(v.size(), 4u);
    EXPECT_TRUE(std::isnan(v[0]));  // before the other's first bar
    EXPECT_EQ(v[1], 20);
    EXPECT_EQ(v[2], 20);  // day 3 missing: the previous close
    EXPECT_EQ(v[3], 40);  // day 5: the close of day 4
}

TEST(Compare, RebasesToPercentFromTheGivenBar) {
    const double nan = std::nan("");
    const std::vector<double> v{50, nan, 100, 110, 90};
    const std::vector<double> p = rebasePercent(v, 1);  // index 1 has no value: base is 100
    EXPECT_DOUBLE_EQ(p[0], -50);
    EXPECT_TRUE(std::isnan(p[1]));
    EXPECT_DOUBLE_EQ(p[2], 0);
    EXPECT_NEAR(p[3], 10, 1e-12);
    EXPECT_NEAR(p[4], -10, 1e-12);
    EXPECT_EQ(rebaseIndex(v, 1), std::optional<std::size_t>(2));
    EXPECT_DOUBLE_EQ(percentChange(v, 3, 4).value(), (90.0 / 110.0 - 1) * 100);
    EXPECT_FALSE(percentChange(v, 3, 2).has_value());  // before the base
    const std::vector<double> none{nan, 0};
    EXPECT_TRUE(std::isnan(rebasePercent(none, 0)[1]));
}

TEST(Compare, RelativeStrengthRisesWhenTheSymbolBeatsTheBenchmark) {
    const std::vector<Bar> iwm{bar(1, 0, 0, 0, 200), bar(2, 0, 0, 0, 220), bar(3, 0, 0, 0, 210)};
    const std::vector<Bar> spy{bar(1, 0, 0, 0, 400), bar(3, 0, 0, 0, 400), bar(4, 0, 0, 0, 1)};
    const std::vector<Bar> rs = relativeStrength(iwm, spy);
    ASSERT_EQ(rs.size(), 2u);  // common days 1 and 3
    EXPECT_DOUBLE_EQ(rs[0].close, 100);
    EXPECT_DOUBLE_EQ(rs[1].close, 105);  // IWM +5 %, SPY flat
    EXPECT_EQ(rs[1].day, 3);
}

}  // namespace
}  // namespace retest
