// `retest fetch` run in-process against the local server: what the user reads and the exit code.
#include "app/cli/fetch_command.h"
#include "tests/feeds/feed_test_env.h"

namespace retest {
namespace {

using test::CannedResponse;

class FetchCommandTest : public test::FeedEnv {
protected:
    int run(const QStringList& args) {
        outText.clear();
        errText.clear();
        QTextStream out(&outText), err(&errText);
        return cli::runFetchCommand(args, *cache, out, err, settings);
    }
    QString outText, errText;
};

TEST_F(FetchCommandTest, PrintsOneLinePerSymbol) {
    seedGspc(test::sampleBars().size() - 4);
    server.route(QStringLiteral("/v8/finance/chart/^GSPC"),
                 {CannedResponse::ok(test::yahooChartBody(
                     std::vector<Bar>(test::sampleBars().end() - 9, test::sampleBars().end())))});
    EXPECT_EQ(run({QStringLiteral("^GSPC")}), 0);
    EXPECT_EQ(outText, QStringLiteral("^GSPC  yahoo  +4 new  0 updated  2000-01-03..2020-04-17\n"));
    EXPECT_EQ(errText, QString());
}

TEST_F(FetchCommandTest, BaseUrlAndProviderOptions) {
    settings.stooqBaseUrl = QStringLiteral("http://127.0.0.1:1");  // must be overridden
    server.route(QStringLiteral("/q/d/l/?s=^spx"),
                 {CannedResponse::ok(test::stooqCsvBody(test::sampleBars()), "text/csv")});
    EXPECT_EQ(run({QStringLiteral("^GSPC"), QStringLiteral("--provider"), QStringLiteral("stooq"),
                   QStringLiteral("--base-url"), server.baseUrl()}),
              0)
        << errText.toStdString();
    EXPECT_EQ(outText,
              QStringLiteral("^GSPC  stooq  +5105 new  0 updated  2000-01-03..2020-04-17\n"));
}

TEST_F(FetchCommandTest, FailuresGoToErrAndTheExitCode) {
    server.route(QStringLiteral("/v8/finance/chart/IWM"),
                 {CannedResponse::withStatus(500, "Internal Server Error")});
    server.route(QStringLiteral("/v8/finance/chart/^GSPC"),
                 {CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    EXPECT_EQ(run({QStringLiteral("IWM"), QStringLiteral("^GSPC")}), 1);
    EXPECT_EQ(errText,
              QStringLiteral("retest fetch: IWM (yahoo): HTTP 500 Internal Server Error after 3 "
                             "attempts\n"));
    EXPECT_TRUE(outText.startsWith(QStringLiteral("^GSPC  yahoo  +5105 new")));
}

TEST_F(FetchCommandTest, SinceAndFullShapeTheRequest) {
    seedGspc(100);
    server.route(QStringLiteral("/v8/finance/chart/^GSPC"),
                 {CannedResponse::ok(test::yahooChartBody(std::vector<Bar>(
                     test::sampleBars().begin() + 50, test::sampleBars().begin() + 60)))});
    EXPECT_EQ(run({QStringLiteral("^GSPC"), QStringLiteral("--full"), QStringLiteral("--since"),
                   QStringLiteral("2000-03-15")}),
              0);
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_TRUE(server.requests()[0].contains(QStringLiteral("period1=953078400")))
        << server.requests()[0].toStdString();
    EXPECT_EQ(cache->readAllBars("^GSPC").value().size(), 10u);  // --full replaced the rest
    EXPECT_TRUE(outText.contains(QStringLiteral("(full history re-downloaded)")));
}

TEST_F(FetchCommandTest, UsageErrors) {
    EXPECT_EQ(run({}), 2);
    EXPECT_TRUE(errText.startsWith(QStringLiteral("retest fetch: no symbol given")));
    EXPECT_EQ(
        run({QStringLiteral("IWM"), QStringLiteral("--provider"), QStringLiteral("bloomberg")}), 2);
    EXPECT_TRUE(errText.startsWith(QStringLiteral("retest fetch: unknown provider \"bloomberg\"")));
    EXPECT_EQ(run({QStringLiteral("IWM"), QStringLiteral("--since"), QStringLiteral("2020-13-01")}),
              2);
    EXPECT_TRUE(errText.contains(QStringLiteral("--since '2020-13-01' is not a date")));
    EXPECT_EQ(run({QStringLiteral("IWM"), QStringLiteral("--bogus")}), 2);
    EXPECT_TRUE(server.requests().isEmpty());
}

TEST_F(FetchCommandTest, Help) {
    EXPECT_EQ(run({QStringLiteral("--help")}), 0);
    EXPECT_TRUE(outText.startsWith(QStringLiteral("Usage: retest fetch [options] SYMBOL")));
    EXPECT_TRUE(outText.contains(QStringLiteral("--base-url")));
}

}  // namespace
}  // namespace retest
