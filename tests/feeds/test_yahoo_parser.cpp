// Yahoo chart API parsing on a real-shaped answer, the whole sample, and broken answers.
#include <gtest/gtest.h>

#include "core/feeds/yahoo_chart_parser.h"
#include "core/model/date.h"
#include "tests/feeds/provider_bodies.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

QByteArray fixture(const char* name) {
    return QByteArray::fromStdString(test::readFile(test::dataFile(std::string("feeds/") + name)));
}

Day d(const char* iso) {
    return *parseIsoDate(iso);
}

TEST(YahooChartParser, ReadsSessionsSkipsNullsAndDropsTheTrailingDuplicate) {
    auto data = parseYahooChart(fixture("yahoo_gspc_2020-04-13_17.json"));
    ASSERT_TRUE(data.ok()) << data.error().message;
    ASSERT_EQ(data->bars.size(), 4u);
    EXPECT_EQ(data->skippedMissing, 1u);
    EXPECT_EQ(data->bars[0], (Bar{d("2020-04-13"), 2782.459961, 2782.459961, 2721.169922,
                                  2761.629883, 2761.629883, 5274310000}));
    EXPECT_EQ(data->bars[1].day, d("2020-04-14"));
    EXPECT_EQ(data->bars[2].day, d("2020-04-16"));  // 04-15 was null: skipped, not zeros
    EXPECT_EQ(data->bars[3], (Bar{d("2020-04-17"), 2842.429932, 2879.219971, 2830.879883,
                                  2874.560059, 2874.560059, 5792140000}));
    EXPECT_EQ(data->description, "S&P 500");
    EXPECT_EQ(data->currency, "USD");
    EXPECT_TRUE(data->actions.empty());
}

TEST(YahooChartParser, TheWholeRealSampleRoundTrips) {
    const auto& sample = test::sampleBars();
    ASSERT_EQ(sample.size(), 5105u);
    auto data = parseYahooChart(test::yahooChartBody(sample));
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->bars, sample);
    EXPECT_EQ(formatIsoDate(data->bars.front().day), "2000-01-03");
    EXPECT_EQ(formatIsoDate(data->bars.back().day), "2020-04-17");
}

TEST(YahooChartParser, DatesAreTheExchangesNotUtc) {
    // 09:30 in Sydney (AEDT) is 22:30 UTC the previous day: the UTC date would be wrong.
    const std::vector<Bar> bars(test::sampleBars().begin(), test::sampleBars().begin() + 3);
    test::YahooBodyOptions options;
    options.timezone = "Australia/Sydney";
    options.gmtoffset = 39600;
    options.nullRows.clear();
    auto data = parseYahooChart(test::yahooChartBody(bars, options));
    ASSERT_TRUE(data.ok()) << data.error().message;
    ASSERT_EQ(data->bars.size(), 3u);
    EXPECT_EQ(formatIsoDate(data->bars[0].day), "2000-01-03");
    EXPECT_EQ(formatIsoDate(data->bars[2].day), "2000-01-05");
}

TEST(YahooChartParser, UnknownZoneNameFallsBackToGmtOffset) {
    QByteArray body = fixture("yahoo_gspc_2020-04-13_17.json");
    body.replace("\"America/New_York\"", "\"Mars/Olympus_Mons\"");
    auto data = parseYahooChart(body);
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->bars.front().day, d("2020-04-13"));
    EXPECT_EQ(data->bars.back().day, d("2020-04-17"));
}

TEST(YahooChartParser, ReadsSplitsAndDividendsOnTheirTradingDays) {
    const std::vector<Bar> bars(test::sampleBars().end() - 5, test::sampleBars().end());
    test::YahooBodyOptions options;
    options.actions = {{d("2020-04-14"), CorporateAction::Kind::Split, 4.0},
                       {d("2020-04-16"), CorporateAction::Kind::Dividend, 0.82}};
    auto data = parseYahooChart(test::yahooChartBody(bars, options));
    ASSERT_TRUE(data.ok()) << data.error().message;
    ASSERT_EQ(data->actions.size(), 2u);
    EXPECT_EQ(data->actions[0],
              (CorporateAction{d("2020-04-14"), CorporateAction::Kind::Split, 4.0}));
    EXPECT_EQ(data->actions[1],
              (CorporateAction{d("2020-04-16"), CorporateAction::Kind::Dividend, 0.82}));
    EXPECT_TRUE(data->hasSplit());
}

TEST(YahooChartParser, NoAdjCloseMeansAdjCloseEqualsClose) {
    std::vector<Bar> bars(test::sampleBars().end() - 2, test::sampleBars().end());
    test::YahooBodyOptions options;
    options.withAdjClose = false;
    bars[0].adjClose = 1.0;  // must not leak into the answer
    auto data = parseYahooChart(test::yahooChartBody(bars, options));
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(data->bars[0].adjClose, data->bars[0].close);
}

TEST(YahooChartParser, ChartErrorIsTheMessage) {
    auto data = parseYahooChart(fixture("yahoo_unknown_symbol.json"));
    ASSERT_FALSE(data.ok());
    EXPECT_EQ(data.error().message, "No data found, symbol may be delisted");
    EXPECT_EQ(yahooChartErrorText(fixture("yahoo_unknown_symbol.json")),
              "No data found, symbol may be delisted");
    EXPECT_EQ(yahooChartErrorText(fixture("yahoo_gspc_2020-04-13_17.json")), "");
}

TEST(YahooChartParser, BrokenAnswersAreErrorsSayingWhy) {
    const QByteArray good = fixture("yahoo_gspc_2020-04-13_17.json");
    auto truncated = parseYahooChart(good.left(good.size() / 2));
    ASSERT_FALSE(truncated.ok());
    EXPECT_NE(truncated.error().message.find("truncated"), std::string::npos);

    auto html = parseYahooChart("<!DOCTYPE html><html><body>Consent</body></html>");
    ASSERT_FALSE(html.ok());
    EXPECT_EQ(html.error().message, "received an HTML page instead of chart data");

    EXPECT_EQ(parseYahooChart("").error().message, "empty answer");
    EXPECT_EQ(parseYahooChart("{\"foo\":1}").error().message,
              "not a chart API answer (no \"chart\" object)");

    QByteArray shortClose = good;
    shortClose.replace("\"close\":[2761.629883,", "\"close\":[");
    EXPECT_EQ(parseYahooChart(shortClose).error().message,
              "malformed answer: 'close' has 5 values for 6 timestamps");

    QByteArray noData = good;
    noData.replace(
        "\"timestamp\":[1586784600,1586871000,1586957400,1587043800,1587130200,"
        "1587153602],",
        "");
    EXPECT_EQ(parseYahooChart(noData).error().message, "no price data in the answer");
}

TEST(YahooChartParser, AllNullSessionsAreAnError) {
    const std::vector<Bar> bars(test::sampleBars().begin(), test::sampleBars().begin() + 2);
    test::YahooBodyOptions options;
    options.nullRows = {0, 1};
    auto data = parseYahooChart(test::yahooChartBody(bars, options));
    ASSERT_FALSE(data.ok());
    EXPECT_EQ(data.error().message, "no price data in the answer (all 2 sessions are null)");
}

}  // namespace
}  // namespace retest
