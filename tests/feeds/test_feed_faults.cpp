// What goes wrong on the wire: each fault gives one clear message naming symbol, provider and
// cause, and leaves the cache exactly as it was.
#include <QTcpServer>

#include "tests/feeds/feed_test_env.h"

namespace retest {
namespace {

using test::CannedResponse;

const QString kIwm = QStringLiteral("/v8/finance/chart/IWM");
const QString kGspc = QStringLiteral("/v8/finance/chart/^GSPC");

using FeedFaultTest = test::SeededFeedEnv;

TEST_F(FeedFaultTest, UnknownSymbolSaysWhatYahooSaid) {
    server.route(kIwm, {CannedResponse::withStatus(404, "Not Found", test::yahooNotFoundBody())});
    expectFailure(refreshOne(QStringLiteral("IWM")),
                  "IWM (yahoo): No data found, symbol may be delisted (HTTP 404 Not Found)");
    EXPECT_EQ(server.hits(kIwm), 1);  // a 404 is not retried
}

TEST_F(FeedFaultTest, TooManyRequestsHonoursRetryAfterThenSucceeds) {
    CannedResponse busy = CannedResponse::withStatus(429, "Too Many Requests");
    busy.headers = {{"Retry-After", "1"}};
    server.route(kGspc, {busy, CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(retryDelays, std::vector<int>{1000});  // the server's 1 s, not the 1 s backoff
    EXPECT_EQ(server.hits(kGspc), 2);
    EXPECT_EQ(r.inserted, test::sampleBars().size() - 300);
}

TEST_F(FeedFaultTest, ServerErrorThreeTimesGivesUp) {
    server.route(kGspc, {CannedResponse::withStatus(500, "Internal Server Error")});
    expectFailure(refreshOne(QStringLiteral("^GSPC")),
                  "^GSPC (yahoo): HTTP 500 Internal Server Error after 3 attempts");
    EXPECT_EQ(server.hits(kGspc), 3);
    EXPECT_EQ(retryDelays, (std::vector<int>{1000, 2000}));  // exponential backoff
}

TEST_F(FeedFaultTest, ServerErrorThenSuccessRecovers) {
    server.route(kGspc, {CannedResponse::withStatus(503, "Service Unavailable"),
                         CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(server.hits(kGspc), 2);
}

TEST_F(FeedFaultTest, ConnectionCutMidBody) {
    CannedResponse cut = CannedResponse::ok(test::yahooChartBody(test::sampleBars()));
    cut.mode = CannedResponse::Mode::Truncated;
    server.route(kGspc, {cut});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    EXPECT_EQ(r.status, SymbolRefreshResult::Status::Failed);
    EXPECT_TRUE(r.error.startsWith(QStringLiteral("^GSPC (yahoo): connection closed before")))
        << r.error.toStdString();
    EXPECT_EQ(test::snapshot(*cache), before);
}

TEST_F(FeedFaultTest, TruncatedJson) {
    const QByteArray body = test::yahooChartBody(test::sampleBars());
    server.route(kGspc, {CannedResponse::ok(body.left(body.size() - 40))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    EXPECT_TRUE(r.error.startsWith(QStringLiteral("^GSPC (yahoo): malformed or truncated JSON")))
        << r.error.toStdString();
    EXPECT_EQ(test::snapshot(*cache), before);
}

TEST_F(FeedFaultTest, HtmlInsteadOfJson) {
    server.route(kGspc, {CannedResponse::ok(
                            "<!DOCTYPE html><html><head><title>Consent</title></head></html>",
                            "text/html")});
    expectFailure(refreshOne(QStringLiteral("^GSPC")),
                  "^GSPC (yahoo): received an HTML page instead of chart data");
}

TEST_F(FeedFaultTest, StalledConnectionTimesOut) {
    CannedResponse stall;
    stall.mode = CannedResponse::Mode::Stall;
    server.route(kGspc, {stall});
    settings.fetch.timeoutMs = 300;  // a server that never answers: no load makes this flaky
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    expectFailure(r, "^GSPC (yahoo): no answer within 300 ms (timed out)");
    EXPECT_EQ(r.failure, FetchOutcome::Failure::Timeout);
    EXPECT_FALSE(r.offline());
}

TEST_F(FeedFaultTest, NoServerMeansOffline) {
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();  // nothing listens there any more
    settings.yahooBaseUrl = QStringLiteral("http://127.0.0.1:") + QString::number(port);
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    expectFailure(r, "^GSPC (yahoo): connection refused by 127.0.0.1");
    EXPECT_TRUE(r.offline());
}

TEST_F(FeedFaultTest, StooqNoDataIsAnError) {
    settings.provider = Provider::Stooq;
    server.route(QStringLiteral("/q/d/l/?s=iwm.us"), {CannedResponse::ok("No data", "text/plain")});
    expectFailure(refreshOne(QStringLiteral("IWM")),
                  "IWM (stooq): No data (unknown symbol or no sessions in the requested range)");
}

TEST_F(FeedFaultTest, NoProviderSymbolIsAnErrorWithoutARequest) {
    settings.provider = Provider::Stooq;
    expectFailure(refreshOne(QStringLiteral("^RUT")),
                  "^RUT (stooq): no Stooq symbol is known for ^RUT; add one in the symbol "
                  "mapping");
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(FeedFaultTest, OneFailureDoesNotStopTheOthers) {
    server.route(kIwm, {CannedResponse::withStatus(500, "Internal Server Error")});
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    FeedRefresher refresher(*cache, settings);
    const auto results = refresher.refreshAndWait({QStringLiteral("IWM"), QStringLiteral("^GSPC")});
    ASSERT_EQ(results.size(), 2u);
    EXPECT_FALSE(results[0].ok());
    EXPECT_TRUE(results[1].ok());
    EXPECT_EQ(cache->readAllBars("^GSPC").value(), test::sampleBars());
    EXPECT_EQ(cache->symbolInfo("IWM").value(), std::nullopt);
}

}  // namespace
}  // namespace retest
