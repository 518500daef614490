// Which dates a refresh asks for, the URLs it builds, and when a split forces a full reload.
#include <gtest/gtest.h>

#include <QUrlQuery>

#include "core/feeds/refresh_plan.h"
#include "core/model/date.h"

namespace retest {
namespace {

Day d(const char* iso) {
    return *parseIsoDate(iso);
}

TEST(RefreshPlan, WeekdaysBeforeSkipsWeekends) {
    EXPECT_EQ(formatIsoDate(weekdaysBefore(d("2020-04-17"), 5)), "2020-04-10");  // Fri -> Fri
    EXPECT_EQ(formatIsoDate(weekdaysBefore(d("2020-04-13"), 1)), "2020-04-10");  // Mon -> Fri
    EXPECT_EQ(weekdaysBefore(d("2020-04-13"), 0), d("2020-04-13"));
}

TEST(RefreshPlan, IncrementalWithOverlapFullWhenAskedOrEmpty) {
    const RequestRange inc = planRequest(d("2020-04-17"), false, std::nullopt, 5);
    EXPECT_TRUE(inc.incremental);
    EXPECT_EQ(inc.from, d("2020-04-10"));

    const RequestRange full = planRequest(d("2020-04-17"), true, std::nullopt, 5);
    EXPECT_FALSE(full.incremental);
    EXPECT_EQ(full.from, std::nullopt);

    const RequestRange empty = planRequest(std::nullopt, false, d("2010-01-04"), 5);
    EXPECT_FALSE(empty.incremental);
    EXPECT_EQ(empty.from, d("2010-01-04"));

    const RequestRange earlier = planRequest(d("2020-04-17"), false, d("2019-01-02"), 5);
    EXPECT_TRUE(earlier.incremental);
    EXPECT_EQ(earlier.from, d("2019-01-02"));
}

TEST(RefreshPlan, YahooUrl) {
    const QUrl url = yahooChartUrl(QStringLiteral("https://query1.finance.yahoo.com/"), "^GSPC",
                                   d("2020-04-10"), 1587168000);
    EXPECT_EQ(url.toString(QUrl::FullyEncoded).toStdString(),
              "https://query1.finance.yahoo.com/v8/finance/chart/%5EGSPC?period1=1586476800&"
              "period2=1587168000&interval=1d&events=div,split");
    const QUrl all = yahooChartUrl(QStringLiteral("http://127.0.0.1:1"), "IWM", std::nullopt, 5);
    EXPECT_EQ(QUrlQuery(all).queryItemValue(QStringLiteral("period1")),
              QStringLiteral("-2208988800"));
}

TEST(RefreshPlan, StooqUrl) {
    EXPECT_EQ(stooqCsvUrl(QStringLiteral("https://stooq.com"), "iwm.us", std::nullopt, 0)
                  .toString(QUrl::FullyEncoded)
                  .toStdString(),
              "https://stooq.com/q/d/l/?s=iwm.us&i=d");
    EXPECT_EQ(
        stooqCsvUrl(QStringLiteral("https://stooq.com"), "^spx", d("2020-04-10"), d("2020-04-20"))
            .toString(QUrl::FullyEncoded)
            .toStdString(),
        "https://stooq.com/q/d/l/?s=%5Espx&d1=20200410&d2=20200420&i=d");
}

TEST(RefreshPlan, NewCorporateActionsForceAFullReload) {
    const CorporateAction split{d("2020-08-31"), CorporateAction::Kind::Split, 4.0};
    const CorporateAction dividend{d("2020-08-07"), CorporateAction::Kind::Dividend, 0.82};
    FeedData fresh;
    EXPECT_EQ(fullReloadReason(fresh, {}, {}), std::nullopt);
    fresh.actions = {dividend};
    EXPECT_EQ(fullReloadReason(fresh, {}, {}), "new dividend on 2020-08-07");
    EXPECT_EQ(fullReloadReason(fresh, std::vector<CorporateAction>{dividend}, {}), std::nullopt);
    fresh.actions = {dividend, split};
    EXPECT_EQ(fullReloadReason(fresh, std::vector<CorporateAction>{dividend}, {}),
              "new split on 2020-08-31");
    EXPECT_EQ(fullReloadReason(fresh, std::vector<CorporateAction>{dividend, split}, {}),
              std::nullopt);
}

TEST(RefreshPlan, RestatedOverlapForcesAFullReloadSmallCorrectionsDoNot) {
    const Bar stored{d("2020-04-13"), 2782.46, 2782.46, 2721.17, 2761.63, 2761.63, 5274310000};
    FeedData fresh;
    fresh.bars = {stored};
    fresh.bars[0].close = 2761.63 * 1.2;  // large, but a real session can move that much
    EXPECT_EQ(fullReloadReason(fresh, {}, std::vector<Bar>{stored}), std::nullopt);
    fresh.bars[0].close = 2761.63 / 4;  // what a 4:1 split restatement looks like
    const auto reason = fullReloadReason(fresh, {}, std::vector<Bar>{stored});
    ASSERT_TRUE(reason.has_value());
    EXPECT_EQ(reason->rfind("history restated (close on 2020-04-13 was 2761.63", 0), 0u) << *reason;
}

}  // namespace
}  // namespace retest
