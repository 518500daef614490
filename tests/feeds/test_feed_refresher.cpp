// Whole refreshes against the local server: full history, incremental with corrections,
// a split forcing a full reload, Stooq, several symbols at once, and cancel().
#include <QTimer>
#include <QUrlQuery>

#include "core/feeds/refresh_plan.h"
#include "core/model/date.h"
#include "tests/feeds/feed_test_env.h"

namespace retest {
namespace {

using test::CannedResponse;
using test::sampleBars;

const QString kGspc = QStringLiteral("/v8/finance/chart/^GSPC");
const std::size_t N = sampleBars().size();  // 5105 sessions, 2000-01-03..2020-04-17

std::vector<Bar> slice(std::size_t from, std::size_t to) {
    return {sampleBars().begin() + static_cast<std::ptrdiff_t>(from),
            sampleBars().begin() + static_cast<std::ptrdiff_t>(to)};
}

QString queryValue(const QString& target, const char* name) {
    return QUrlQuery(QUrl(target)).queryItemValue(QLatin1String(name));
}

class FeedRefresherTest : public test::FeedEnv {};

TEST_F(FeedRefresherTest, FullHistoryIntoAnEmptyCache) {
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(sampleBars()))});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.inserted, 5105u);
    EXPECT_EQ(r.updated, 0u);
    EXPECT_FALSE(r.fullReload);
    EXPECT_EQ(formatIsoDate(*r.firstDay), "2000-01-03");
    EXPECT_EQ(formatIsoDate(*r.lastDay), "2020-04-17");
    EXPECT_EQ(cache->readAllBars("^GSPC").value(), sampleBars());
    const auto info = cache->symbolInfo("^GSPC").value();
    EXPECT_EQ(info->description, "S&P 500");
    EXPECT_EQ(info->currency, "USD");
    EXPECT_EQ(info->source, "yahoo");
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(queryValue(server.requests()[0], "period1"), QStringLiteral("-2208988800"));
    EXPECT_EQ(queryValue(server.requests()[0], "events"), QStringLiteral("div,split"));
}

TEST_F(FeedRefresherTest, IncrementalRefreshOverlapsAndTakesCorrections) {
    seedGspc(N - 5);  // up to 2020-04-09
    std::vector<Bar> tail = slice(N - 10, N);
    tail[2].close += 1.25;  // the provider corrected a session we already hold
    tail[2].adjClose += 1.25;
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(tail))});

    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.inserted, 5u);
    EXPECT_EQ(r.updated, 1u);
    EXPECT_EQ(r.unchanged, 4u);
    const Day last = sampleBars()[N - 6].day;
    EXPECT_EQ(queryValue(server.requests().at(0), "period1"),
              QString::number(qint64{weekdaysBefore(last, 5)} * 86400));
    std::vector<Bar> expected = sampleBars();
    expected[N - 8] = tail[2];
    EXPECT_EQ(cache->readAllBars("^GSPC").value(), expected);
}

TEST_F(FeedRefresherTest, ANewSplitReplacesTheWholeHistory) {
    seedGspc(N - 5);
    const Day splitDay = sampleBars()[N - 3].day;
    test::YahooBodyOptions withSplit;
    withSplit.actions = {{splitDay, CorporateAction::Kind::Split, 4.0}};
    // After a 4:1 split Yahoo restates every earlier session divided by 4.
    std::vector<Bar> restated = slice(10, N);
    for (Bar& b : restated) {
        if (b.day < splitDay) {
            b.open /= 4, b.high /= 4, b.low /= 4, b.close /= 4, b.adjClose /= 4, b.volume *= 4;
        }
    }
    const std::vector<Bar> tail(restated.end() - 9, restated.end());
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(tail, withSplit)),
                         CannedResponse::ok(test::yahooChartBody(restated, withSplit))});

    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_TRUE(r.fullReload);
    EXPECT_EQ(r.reloadReason.toStdString(), "new split on " + formatIsoDate(splitDay));
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_EQ(queryValue(server.requests()[1], "period1"), QStringLiteral("-2208988800"));
    EXPECT_EQ(cache->readAllBars("^GSPC").value(), restated);  // old unsplit bars are gone
    EXPECT_EQ(cache->corporateActions("^GSPC").value(),
              (std::vector<CorporateAction>{{splitDay, CorporateAction::Kind::Split, 4.0}}));

    // The split is known now: the next refresh stays incremental.
    const auto again = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(again.ok()) << again.error.toStdString();
    EXPECT_FALSE(again.fullReload);
    EXPECT_EQ(server.requests().size(), 3);
}

TEST_F(FeedRefresherTest, FullOnDemandReplacesStoredBars) {
    seedGspc(200);
    server.route(kGspc, {CannedResponse::ok(test::yahooChartBody(slice(100, 300)))});
    const auto r = refreshOne(QStringLiteral("^GSPC"), RefreshOptions{true, std::nullopt});
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_TRUE(r.fullReload);
    EXPECT_EQ(cache->readAllBars("^GSPC").value(), slice(100, 300));
}

TEST_F(FeedRefresherTest, StooqDownloadUsesStooqsSymbol) {
    settings.provider = Provider::Stooq;
    server.route(QStringLiteral("/q/d/l/?s=^spx"),
                 {CannedResponse::ok(test::stooqCsvBody(sampleBars()), "text/csv")});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.inserted, N);
    EXPECT_EQ(cache->symbolInfo("^GSPC").value()->source, "stooq");
    EXPECT_EQ(cache->readAllBars("^GSPC").value().back().close, sampleBars().back().close);
}

TEST_F(FeedRefresherTest, StooqRestatedHistoryIsDetectedByTheOverlap) {
    // Stooq sends no split events; after a 4:1 split its whole history is simply divided by 4.
    seedGspc(N - 5);
    settings.provider = Provider::Stooq;
    std::vector<Bar> restated = sampleBars();
    for (Bar& b : restated) {
        b.open /= 4, b.high /= 4, b.low /= 4, b.close /= 4, b.adjClose = b.close;
    }
    const std::vector<Bar> tail(restated.end() - 10, restated.end());
    server.route(QStringLiteral("/q/d/l/?s=^spx"),
                 {CannedResponse::ok(test::stooqCsvBody(tail), "text/csv"),
                  CannedResponse::ok(test::stooqCsvBody(restated), "text/csv")});
    const auto r = refreshOne(QStringLiteral("^GSPC"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_TRUE(r.fullReload);
    EXPECT_TRUE(r.reloadReason.startsWith(QStringLiteral("history restated")));
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_TRUE(server.requests()[0].contains(QStringLiteral("d1=")));
    EXPECT_FALSE(server.requests()[1].contains(QStringLiteral("d1=")));
    const auto stored = cache->readAllBars("^GSPC").value();
    ASSERT_EQ(stored.size(), N);
    EXPECT_NEAR(stored.front().close, sampleBars().front().close / 4, 1e-6);
}

TEST_F(FeedRefresherTest, SeveralSymbolsAtMostThreeInFlightWithProgress) {
    const QStringList symbols = {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                                 QStringLiteral("D"), QStringLiteral("E")};
    for (const QString& s : symbols) {
        CannedResponse answer = CannedResponse::ok(test::yahooChartBody(slice(0, 20)));
        answer.delayMs = 150;
        server.route(QStringLiteral("/v8/finance/chart/") + s, {answer});
    }
    FeedRefresher refresher(*cache, settings);
    int started = 0, finishedOne = 0, finished = 0;
    std::vector<std::pair<int, int>> progress;
    QObject::connect(&refresher, &FeedRefresher::symbolStarted, [&] { ++started; });
    QObject::connect(&refresher, &FeedRefresher::symbolFinished, [&] { ++finishedOne; });
    QObject::connect(&refresher, &FeedRefresher::finished, [&] { ++finished; });
    QObject::connect(&refresher, &FeedRefresher::progress,
                     [&](int done, int total) { progress.emplace_back(done, total); });
    const auto results = refresher.refreshAndWait(symbols);
    ASSERT_EQ(results.size(), 5u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(results[static_cast<std::size_t>(i)].symbol, symbols[i]);
        EXPECT_TRUE(results[static_cast<std::size_t>(i)].ok());
    }
    EXPECT_EQ(server.maxConcurrent(), 3);
    EXPECT_EQ(started, 5);
    EXPECT_EQ(finishedOne, 5);
    EXPECT_EQ(finished, 1);
    ASSERT_EQ(progress.size(), 6u);
    EXPECT_EQ(progress.front(), std::make_pair(0, 5));
    EXPECT_EQ(progress.back(), std::make_pair(5, 5));
    EXPECT_EQ(cache->listSymbols().value().size(), 5u);
}

TEST_F(FeedRefresherTest, CancelStopsEverythingAndWritesNothing) {
    seedGspc(100);
    const auto before = test::snapshot(*cache);
    CannedResponse stall;
    stall.mode = CannedResponse::Mode::Stall;
    settings.fetch.timeoutMs = 10000;
    for (const char* s : {"^GSPC", "IWM", "QQQ", "DIA"}) {
        server.route(QStringLiteral("/v8/finance/chart/") + QLatin1String(s), {stall});
    }
    FeedRefresher refresher(*cache, settings);
    int finished = 0;
    QObject::connect(&refresher, &FeedRefresher::finished, [&] { ++finished; });
    QTimer::singleShot(100, &refresher, &FeedRefresher::cancel);
    const auto results = refresher.refreshAndWait({QStringLiteral("^GSPC"), QStringLiteral("IWM"),
                                                   QStringLiteral("QQQ"), QStringLiteral("DIA")});
    ASSERT_EQ(results.size(), 4u);
    for (const auto& r : results) {
        EXPECT_EQ(r.status, SymbolRefreshResult::Status::Cancelled) << r.symbol.toStdString();
    }
    EXPECT_EQ(results[3].error, QStringLiteral("DIA (yahoo): cancelled"));
    EXPECT_EQ(finished, 1);
    EXPECT_FALSE(refresher.isRunning());
    EXPECT_EQ(test::snapshot(*cache), before);
}

}  // namespace
}  // namespace retest
