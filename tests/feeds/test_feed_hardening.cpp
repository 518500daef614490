// Issue 14 items 1, 5, 6 and 13 on the wire: a feed answer with one invalid bar is refused whole
// (naming symbol, provider, date and reason) and nothing is stored; slow-drip and endless
// servers are cut off by the total deadline and the body cap; Retry-After never overflows, its
// HTTP-date form is honoured, both capped; hostile symbols never reach the network.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <functional>

#include "core/feeds/http_fetch.h"
#include "core/feeds/refresh_plan.h"
#include "core/model/date.h"
#include "tests/feeds/feed_test_env.h"

namespace retest {
namespace {

using test::CannedResponse;

const QString kGspc = QStringLiteral("/v8/finance/chart/^GSPC");

using FeedHardeningTest = test::SeededFeedEnv;

std::vector<Bar> firstBars(std::size_t n) {
    return {test::sampleBars().begin(),
            test::sampleBars().begin() + static_cast<std::ptrdiff_t>(n)};
}

/// A real-shaped answer for the first `n` sample bars, with `edit` applied to its result object.
QByteArray editedBody(std::size_t n, const std::function<void(QJsonObject&)>& edit) {
    QJsonObject root = QJsonDocument::fromJson(test::yahooChartBody(firstBars(n))).object();
    QJsonObject chart = root[QStringLiteral("chart")].toObject();
    QJsonArray results = chart[QStringLiteral("result")].toArray();
    QJsonObject result = results.at(0).toObject();
    edit(result);
    results[0] = result;
    chart[QStringLiteral("result")] = results;
    root[QStringLiteral("chart")] = chart;
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

TEST_F(FeedHardeningTest, AnAnswerWithOneInvalidBarIsRefusedWhole) {
    std::vector<Bar> bars = firstBars(400);
    bars[350].high = bars[350].low - 1;  // high below the low
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(bars))});
    expectFailure(refreshOne(QStringLiteral("^GSPC")),
                  "^GSPC (yahoo): refused the answer, nothing was stored: bar 2001-05-23 (bar "
                  "351): low 1288.699951 is above high 1287.699951");

    bars = firstBars(400);
    bars[10].open = -bars[10].open;
    bars[10].volume = -5;
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(bars))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    EXPECT_NE(r.error.toStdString().find("(bar 11): open -"), std::string::npos)
        << r.error.toStdString();
    EXPECT_EQ(test::snapshot(*cache), before);
}

TEST_F(FeedHardeningTest, AbsurdOffsetsAndTimestampsAreRefused) {
    // gmtoffset 1e20 collapsed every session into one bar dated in year -1.
    server.route(kGspc, {CannedResponse::ok(editedBody(400, [](QJsonObject& result) {
                     QJsonObject meta = result[QStringLiteral("meta")].toObject();
                     meta[QStringLiteral("exchangeTimezoneName")] = QStringLiteral("Nowhere/None");
                     meta[QStringLiteral("gmtoffset")] = 1e20;
                     result[QStringLiteral("meta")] = meta;
                 }))});
    expectFailure(refreshOne(QStringLiteral("^GSPC")),
                  "^GSPC (yahoo): malformed answer: gmtoffset 1e+20 is not a time zone offset (at "
                  "most 18 hours)");

    // Timestamps of +-1e15 stored bars dated -28716 and 32654.
    for (double stamp : {1e15, -1e15}) {
        server.route(kGspc, {CannedResponse::ok(editedBody(400, [stamp](QJsonObject& result) {
                         QJsonArray ts = result[QStringLiteral("timestamp")].toArray();
                         ts[7] = stamp;
                         result[QStringLiteral("timestamp")] = ts;
                     }))});
        expectFailure(refreshOne(QStringLiteral("^GSPC")),
                      "^GSPC (yahoo): malformed answer: timestamp 7 is not a time between years 1 "
                      "and 9999");
    }
    // In range for the type but before 1900: the bar rules refuse it.
    server.route(kGspc, {CannedResponse::ok(editedBody(400, [](QJsonObject& result) {
                     QJsonArray ts = result[QStringLiteral("timestamp")].toArray();
                     ts[0] = -3e9;  // 1874
                     result[QStringLiteral("timestamp")] = ts;
                 }))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    EXPECT_NE(r.error.toStdString().find("is outside 1900-01-01.."), std::string::npos)
        << r.error.toStdString();
    EXPECT_EQ(test::snapshot(*cache), before);
}

TEST_F(FeedHardeningTest, HostileSymbolsNeverReachTheNetwork) {
    for (const char* name : {"A\nB", "'; DROP TABLE bars;--", "IWM\xE2\x80\x8B", "^^"}) {
        const auto r = refreshOne(QString::fromUtf8(name));
        EXPECT_EQ(r.status, SymbolRefreshResult::Status::Failed) << name;
        EXPECT_NE(r.error.toStdString().find("invalid symbol"), std::string::npos)
            << r.error.toStdString();
    }
    EXPECT_TRUE(server.requests().isEmpty());
    EXPECT_EQ(test::snapshot(*cache), before);
}

TEST_F(FeedHardeningTest, ALowerCaseSymbolIsFetchedAndStoredInUpperCase) {
    server.route(QStringLiteral("/v8/finance/chart/IWM"),
                 {CannedResponse::ok(test::yahooChartBody(firstBars(20)))});
    const auto r = refreshOne(QStringLiteral("iwm"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(cache->readAllBars("IWM")->size(), 20u);
    EXPECT_EQ(cache->symbolInfo("iwm").value(), std::nullopt);
}

// A server dripping a byte every 50 ms never trips the 20 s idle timeout; the total deadline
// ends it.
TEST_F(FeedHardeningTest, ASlowDripServerIsCutOffByTheTotalDeadline) {
    CannedResponse drip = CannedResponse::ok(test::yahooChartBody(firstBars(400)));
    drip.mode = CannedResponse::Mode::Drip;
    drip.intervalMs = 50;
    server.route(kGspc, {drip});
    settings.fetch.totalTimeoutMs = 600;
    settings.fetch.maxAttempts = 1;
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    expectFailure(r,
                  "^GSPC (yahoo): no complete answer within 600 ms (the server is too slow; "
                  "timed out)");
    EXPECT_EQ(r.failure, FetchOutcome::Failure::Timeout);
}

// An endless body used to end in std::bad_alloc and exit 134.
TEST_F(FeedHardeningTest, AnEndlessBodyIsCutOffAtTheSizeCap) {
    CannedResponse endless = CannedResponse::ok("x");
    endless.mode = CannedResponse::Mode::Endless;
    server.route(kGspc, {endless});
    settings.fetch.maxBodyBytes = qint64{2} << 20;
    expectFailure(refreshOne(QStringLiteral("^GSPC")),
                  "^GSPC (yahoo): the answer is larger than the limit of 2 MiB; refused");
    // An announced length over the cap is refused before the body is read.
    server.route(kGspc, {CannedResponse::ok(QByteArray(3 << 20, ' '))});
    expectFailure(refreshOne(QStringLiteral("^GSPC")),
                  "^GSPC (yahoo): the answer is larger than the limit of 2 MiB; refused");
}

TEST(RetryAfter, DelaySecondsNeverOverflowAndAreCapped) {
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
    EXPECT_EQ(parseRetryAfterMs("120", now), 120'000);
    EXPECT_EQ(parseRetryAfterMs(" 0 ", now), 0);
    // 3e6 s * 1000 overflowed int; a 30-digit value is simply "very long".
    EXPECT_GT(parseRetryAfterMs("3000000", now).value(), 2'000'000'000);
    EXPECT_GT(parseRetryAfterMs("999999999999999999999999999999", now).value(), 60'000);
    EXPECT_EQ(parseRetryAfterMs("soon", now), std::nullopt);
    EXPECT_EQ(parseRetryAfterMs("-5", now), std::nullopt);
    EXPECT_EQ(parseRetryAfterMs("", now), std::nullopt);

    FetchPolicy policy;
    EXPECT_EQ(retryDelayMs(policy, 1, parseRetryAfterMs("3000000", now)), 60'000);
    EXPECT_EQ(retryDelayMs(policy, 1, parseRetryAfterMs("99999999999999999999", now)), 60'000);
    EXPECT_EQ(retryDelayMs(policy, 1, std::nullopt), 1000);
    EXPECT_EQ(retryDelayMs(policy, 3, std::nullopt), 4000);
    EXPECT_EQ(retryDelayMs(policy, 40, std::nullopt), 60'000);  // backoff capped too
}

TEST(RetryAfter, HttpDatesAreHonouredAndCapped) {
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
    // 1700000000 is Tue, 14 Nov 2023 22:13:20 GMT.
    EXPECT_EQ(parseRetryAfterMs("Tue, 14 Nov 2023 22:13:50 GMT", now), 30'000);
    EXPECT_EQ(parseRetryAfterMs("Tue, 14 Nov 2023 22:00:00 GMT", now), 0);  // already past
    FetchPolicy policy;
    EXPECT_EQ(retryDelayMs(policy, 1, parseRetryAfterMs("Fri, 01 Jan 2100 00:00:00 GMT", now)),
              60'000);
}

TEST_F(FeedHardeningTest, AnHttpDateRetryAfterIsWaitedFor) {
    QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
    settings.fetch.now = [now] { return now; };
    CannedResponse busy = CannedResponse::withStatus(503, "Service Unavailable");
    busy.headers = {{"Retry-After", "Tue, 14 Nov 2023 22:13:27 GMT"}};
    server.route(kGspc, {busy, CannedResponse::ok(test::yahooChartBody(firstBars(310)))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(retryDelays, std::vector<int>{7000});
}

TEST(SymbolUrls, SymbolsArePercentEncodedInUrls) {
    const QUrl yahoo = yahooChartUrl(QStringLiteral("http://h"), "M&M.NS", std::nullopt, 0);
    EXPECT_EQ(yahoo.toString(QUrl::FullyEncoded).toStdString().substr(0, 31),
              "http://h/v8/finance/chart/M%26M");
    const QUrl stooq = stooqCsvUrl(QStringLiteral("http://h"), "m&m.ns", std::nullopt, 0);
    EXPECT_NE(stooq.toString(QUrl::FullyEncoded).toStdString().find("s=m%26m.ns&i=d"),
              std::string::npos)
        << stooq.toString(QUrl::FullyEncoded).toStdString();
}

}  // namespace
}  // namespace retest
