// `retest rotation`: the board's JSON as the issue defines it, lists and symbols, --until.
#include <gtest/gtest.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

#include "tests/rotation/board_fixtures.h"
#include "tests/support/qt_printers.h"

namespace retest::test {
namespace {

double accelerating(double i) {
    return 100 * std::exp((i / 400) * (i / 400));
}

class RotationCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        // SPY flat at 100; AAA rises faster and faster (leading), BBB falls 0.5 a session.
        importSeries(tmp, db, QStringLiteral("SPY"), "2024-01-02", "2025-10-31",
                     [](std::size_t) { return 100.0; });
        importSeries(tmp, db, QStringLiteral("AAA"), "2024-01-02", "2025-10-31",
                     [](std::size_t i) { return accelerating(static_cast<double>(i)); });
        importSeries(tmp, db, QStringLiteral("BBB"), "2025-06-02", "2025-10-31",
                     [](std::size_t i) { return 200.0 - 0.5 * static_cast<double>(i); });
    }
    QJsonArray board(const QStringList& args, int expectCode = 0) {
        const CliRun r = runCli(db, QStringList{QStringLiteral("rotation")} + args +
                                        QStringList{QStringLiteral("--json")});
        EXPECT_EQ(r.code, expectCode) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8()).array();
    }
    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(RotationCliTest, TheJsonHasOneObjectPerSymbolWithReturnsRsQuadrantAndDistances) {
    const QJsonArray a =
        board({QStringLiteral("aaa"), QStringLiteral("BBB"), QStringLiteral("SPY"),
               QStringLiteral("NOPE"), QStringLiteral("--until"), QStringLiteral("2025-10-03")});
    ASSERT_EQ(a.size(), 4);
    const QJsonObject aaa = a[0].toObject();
    EXPECT_EQ(aaa[QStringLiteral("symbol")].toString(), QStringLiteral("AAA"));
    EXPECT_EQ(aaa[QStringLiteral("asOf")].toString(), QStringLiteral("2025-10-03"));
    const QJsonObject returns = aaa[QStringLiteral("returns")].toObject();
    EXPECT_EQ(returns.keys(),
              (QStringList{QStringLiteral("1M"), QStringLiteral("1W"), QStringLiteral("1Y"),
                           QStringLiteral("3M"), QStringLiteral("6M"), QStringLiteral("YTD")}));
    // Session index of 2025-10-03 (a Friday: whole weeks) is 458 and of 2025-09-26 is 453.
    const double last = accelerating(458);
    const double weekAgo = accelerating(453);
    EXPECT_NEAR(aaa[QStringLiteral("last")].toDouble(), last, 1e-3);
    EXPECT_NEAR(returns[QStringLiteral("1W")].toDouble(), (last / weekAgo - 1) * 100, 1e-3);
    // Rising faster and faster against a flat benchmark: leading.
    EXPECT_EQ(aaa[QStringLiteral("quadrant")].toString(), QStringLiteral("leading"));
    EXPECT_GT(aaa[QStringLiteral("rs")].toDouble(), 100);
    EXPECT_GT(aaa[QStringLiteral("rsMomentum")].toDouble(), 100);
    EXPECT_NEAR(aaa[QStringLiteral("fromAthPct")].toDouble(), (last / (last + 1) - 1) * 100, 1e-3);
    EXPECT_TRUE(aaa.contains(QStringLiteral("fromHigh52wPct")));
    EXPECT_TRUE(aaa.contains(QStringLiteral("event")));
    EXPECT_EQ(aaa[QStringLiteral("tail")].toArray().size(), 8);

    // BBB started 2025-06-02: no YTD nor 1Y, 3M is there; falling steadily: lagging.
    const QJsonObject bbb = a[1].toObject();
    const QJsonObject bret = bbb[QStringLiteral("returns")].toObject();
    EXPECT_TRUE(bret[QStringLiteral("YTD")].isNull());
    EXPECT_TRUE(bret[QStringLiteral("1Y")].isNull());
    EXPECT_TRUE(bret[QStringLiteral("6M")].isNull());
    EXPECT_TRUE(bret[QStringLiteral("3M")].isDouble());
    EXPECT_LT(bbb[QStringLiteral("rs")].toDouble(), 100);

    const QJsonObject spy = a[2].toObject();
    EXPECT_TRUE(spy[QStringLiteral("benchmark")].toBool());
    EXPECT_TRUE(spy[QStringLiteral("quadrant")].isNull());

    const QJsonObject nope = a[3].toObject();
    EXPECT_EQ(nope[QStringLiteral("error")].toString(),
              QStringLiteral("no cached data up to 2025-10-03"));
    EXPECT_TRUE(nope[QStringLiteral("returns")].isNull());
}

TEST_F(RotationCliTest, UntilIgnoresLaterBars) {
    const QJsonObject early =
        board({QStringLiteral("AAA"), QStringLiteral("--until"), QStringLiteral("2025-06-30")})[0]
            .toObject();
    EXPECT_EQ(early[QStringLiteral("asOf")].toString(), QStringLiteral("2025-06-30"));
    const QJsonObject late = board({QStringLiteral("AAA")})[0].toObject();
    EXPECT_EQ(late[QStringLiteral("asOf")].toString(), QStringLiteral("2025-10-31"));
    EXPECT_LT(early[QStringLiteral("last")].toDouble(), late[QStringLiteral("last")].toDouble());
}

// A symbol whose data ends before the others' says so on its line of the table.
TEST_F(RotationCliTest, ARowWhoseDataEndsEarlierSaysSo) {
    importSeries(tmp, db, QStringLiteral("OLD"), "2024-01-02", "2025-06-30",
                 [](std::size_t) { return 50.0; });
    const CliRun r = runCli(db, {QStringLiteral("rotation"), QStringLiteral("AAA"),
                                 QStringLiteral("OLD"), QStringLiteral("SPY")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QStringList lines = r.out.split(QLatin1Char('\n'));
    ASSERT_GE(lines.size(), 4);
    EXPECT_TRUE(lines[2].startsWith(QStringLiteral("OLD")));
    EXPECT_TRUE(lines[2].endsWith(QStringLiteral("(data ends 2025-06-30)")))
        << lines[2].toStdString();
    EXPECT_FALSE(lines[1].contains(QStringLiteral("data ends"))) << lines[1].toStdString();
    const CliRun then =
        runCli(db, {QStringLiteral("rotation"), QStringLiteral("AAA"), QStringLiteral("OLD"),
                    QStringLiteral("--until"), QStringLiteral("2025-06-30")});
    EXPECT_FALSE(then.out.contains(QStringLiteral("data ends"))) << then.out.toStdString();
}

TEST_F(RotationCliTest, AListNameGivesItsSymbolsAndAnEmptyListIsAnError) {
    ASSERT_EQ(
        runCli(db, {QStringLiteral("watchlist"), QStringLiteral("create"), QStringLiteral("Mine")})
            .code,
        0);
    ASSERT_EQ(runCli(db, {QStringLiteral("watchlist"), QStringLiteral("add"),
                          QStringLiteral("Mine"), QStringLiteral("BBB"), QStringLiteral("AAA")})
                  .code,
              0);
    const QJsonArray a = board({QStringLiteral("Mine")});
    ASSERT_EQ(a.size(), 2);
    EXPECT_EQ(a[0].toObject()[QStringLiteral("symbol")].toString(), QStringLiteral("BBB"));

    ASSERT_EQ(
        runCli(db, {QStringLiteral("watchlist"), QStringLiteral("create"), QStringLiteral("Empty")})
            .code,
        0);
    const CliRun empty = runCli(db, {QStringLiteral("rotation"), QStringLiteral("Empty")});
    EXPECT_EQ(empty.code, 1);
    EXPECT_EQ(
        empty.err.trimmed(),
        QStringLiteral("retest rotation: the watchlist \"Empty\" is empty (retest watchlist add "
                       "\"Empty\" SYM...)"));
}

TEST_F(RotationCliTest, TheDefaultIsTheFirstListAndATableForPeople) {
    const CliRun r = runCli(db, {QStringLiteral("rotation")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 11);  // header + the 10 symbols of "Small caps & sectors"
    EXPECT_TRUE(lines[0].startsWith(QStringLiteral("SYMBOL"))) << lines[0].toStdString();
    EXPECT_TRUE(lines[1].startsWith(QStringLiteral("IWM       no cached data")))
        << lines[1].toStdString();
    EXPECT_TRUE(lines[6].startsWith(QStringLiteral("SPY"))) << lines[6].toStdString();
    EXPECT_TRUE(lines[6].contains(QStringLiteral("benchmark")));
}

TEST_F(RotationCliTest, AMissingBenchmarkLeavesRelativeStrengthEmptyAndSaysSo) {
    const CliRun r = runCli(
        db, {QStringLiteral("rotation"), QStringLiteral("AAA"), QStringLiteral("--benchmark"),
             QStringLiteral("QQQ"), QStringLiteral("--json")});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.err.contains(QStringLiteral("the benchmark QQQ has no cached data")));
    const QJsonObject aaa = QJsonDocument::fromJson(r.out.toUtf8()).array()[0].toObject();
    EXPECT_TRUE(aaa[QStringLiteral("quadrant")].isNull());
    EXPECT_TRUE(aaa[QStringLiteral("returns")].toObject()[QStringLiteral("1Y")].isDouble());
    // A benchmark whose data starts later than the day asked for has data, just not by then.
    const CliRun early = runCli(
        db, {QStringLiteral("rotation"), QStringLiteral("AAA"), QStringLiteral("--benchmark"),
             QStringLiteral("BBB"), QStringLiteral("--until"), QStringLiteral("2025-05-01")});
    EXPECT_EQ(early.code, 0);
    EXPECT_TRUE(early.err.contains(
        QStringLiteral("the benchmark BBB has no cached data up to 2025-05-01;")))
        << early.err.toStdString();
}

// The board's levels and event are the ones `scan` gives: the headline ("is it holding?"),
// not the newest event, and the nearest shown levels, at the symbol's own sensitivity.
TEST_F(RotationCliTest, LevelsAndEventAreTheOnesScanGives) {
    const QString csv = QString::fromStdString(sampleCsv().string());
    ASSERT_EQ(runCli(db, {QStringLiteral("import"), csv, QStringLiteral("--symbol"),
                          QStringLiteral("GSPC")})
                  .code,
              0);
    const QStringList asOf = {QStringLiteral("--until"), QStringLiteral("2014-10-20")};
    const QJsonObject row = board(QStringList{QStringLiteral("GSPC")} + asOf)[0].toObject();
    const CliRun scan = runCli(
        db, QStringList{QStringLiteral("scan"), QStringLiteral("GSPC"), QStringLiteral("--json")} +
                asOf);
    ASSERT_EQ(scan.code, 0) << scan.err.toStdString();
    const QJsonObject scanned = QJsonDocument::fromJson(scan.out.toUtf8()).array()[0].toObject();
    const QJsonObject event = row[QStringLiteral("event")].toObject();
    EXPECT_EQ(event[QStringLiteral("id")].toString(),
              QStringLiteral("H2014-01-15/up/2014-02-27"));  // held; a newer one failed
    EXPECT_EQ(event, scanned[QStringLiteral("event")].toObject());
    for (const QString& key :
         {QStringLiteral("nearestSupport"), QStringLiteral("nearestResistance")}) {
        EXPECT_EQ(row[key].toObject()[QStringLiteral("id")],
                  scanned[key].toObject()[QStringLiteral("id")])
            << key.toStdString();
        EXPECT_FALSE(row[key].toObject()[QStringLiteral("id")].toString().isEmpty());
    }
    // What price has to clear above every level: the all-time high, as `scan` gives it.
    const QJsonObject ath = row[QStringLiteral("allTimeHigh")].toObject();
    EXPECT_EQ(ath, scanned[QStringLiteral("allTimeHigh")].toObject());
    EXPECT_EQ(ath[QStringLiteral("highDate")].toString(), QStringLiteral("2014-09-19"));
    // The text table names the level as everywhere else.
    const CliRun text =
        runCli(db, QStringList{QStringLiteral("rotation"), QStringLiteral("GSPC")} + asOf);
    EXPECT_TRUE(text.out.contains(
        QStringLiteral("2014-02-27 breakout the Jan-2014 record high, retest held")))
        << text.out.toStdString();
}

// A ratio is a board row like any symbol, and its prices keep the four decimals they need
// ("0.3610", not "0.36"), in the board and in `levels`.
TEST_F(RotationCliTest, ARatioHasARowAndItsPricesReadWithFourDecimals) {
    const QStringList asOf = {QStringLiteral("--until"), QStringLiteral("2025-10-03")};
    const QString ratio = QString::number(accelerating(458) / 100, 'f', 4);
    const QJsonObject row = board(QStringList{QStringLiteral("aaa:spy")} + asOf)[0].toObject();
    EXPECT_EQ(row[QStringLiteral("symbol")].toString(), QStringLiteral("AAA:SPY"));
    EXPECT_FALSE(row.contains(QStringLiteral("error")))
        << row[QStringLiteral("error")].toString().toStdString();
    EXPECT_NEAR(row[QStringLiteral("last")].toDouble(), accelerating(458) / 100, 1e-4);
    const CliRun text =
        runCli(db, QStringList{QStringLiteral("rotation"), QStringLiteral("AAA:SPY")} + asOf);
    EXPECT_TRUE(
        text.out.contains(QStringLiteral("AAA:SPY  ") + QString(10 - ratio.size(), u' ') + ratio))
        << text.out.toStdString();
    const CliRun levels =
        runCli(db, QStringList{QStringLiteral("levels"), QStringLiteral("AAA:SPY")} + asOf);
    ASSERT_EQ(levels.code, 0) << levels.err.toStdString();
    EXPECT_TRUE(levels.out.contains(QStringLiteral("last ") + ratio)) << levels.out.toStdString();
    EXPECT_TRUE(levels.out.contains(QRegularExpression(QStringLiteral("ATR 0\\.\\d{4}\\n"))))
        << levels.out.toStdString();
    // An ATR of a few points on a price in the hundreds keeps two decimals.
    const CliRun aaa =
        runCli(db, QStringList{QStringLiteral("levels"), QStringLiteral("AAA")} + asOf);
    EXPECT_TRUE(aaa.out.contains(QRegularExpression(QStringLiteral("ATR \\d+\\.\\d{2}\\n"))))
        << aaa.out.toStdString();
    const CliRun missing =
        runCli(db, QStringList{QStringLiteral("rotation"), QStringLiteral("NOPE:SPY")});
    EXPECT_TRUE(missing.out.contains(QStringLiteral("no cached data for NOPE")))
        << missing.out.toStdString();
}

}  // namespace
}  // namespace retest::test
