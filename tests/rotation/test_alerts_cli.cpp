// `retest alerts`: the IWM scenario of the issue on a hand-built series, exit statuses, JSON.
#include <gtest/gtest.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tests/rotation/board_fixtures.h"
#include "tests/support/qt_printers.h"

namespace retest::test {
namespace {

constexpr int kFired = 0;
constexpr int kNothingFired = 3;

class AlertsCliTest : public ::testing::Test {
protected:
    CliRun alerts(const QStringList& args) {
        return runCli(db, QStringList{QStringLiteral("alerts")} + args);
    }
    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

/// 245 falling 1 a session from 2025-11-03: 2025-11-12 closes 238+… (see below).
double iwm(std::size_t i) {
    return 247.0 - static_cast<double>(i);  // 11-03: 247 … 11-12: 240, 11-13: 239, 11-14: 238
}

TEST_F(AlertsCliTest, AnAlertFiresOnceWhenALaterImportBringsTheCloseThrough) {
    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-12", iwm);
    const CliRun add = alerts({QStringLiteral("add"), QStringLiteral("IWM"),
                               QStringLiteral("--closes-below"), QStringLiteral("239.5"),
                               QStringLiteral("--note"), QStringLiteral("old record zone")});
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    EXPECT_EQ(add.out, QStringLiteral("1\n"));
    EXPECT_TRUE(add.err.contains(QStringLiteral("watches bars after 2025-11-12")));
    EXPECT_EQ(alerts({QStringLiteral("check")}).code, kNothingFired);

    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-21", iwm);
    const CliRun check = alerts({QStringLiteral("check")});
    EXPECT_EQ(check.code, kFired) << check.err.toStdString();
    EXPECT_EQ(check.out,
              QStringLiteral("FIRED #1 IWM 2025-11-13: closes below 239.50 (closed 239.00 below "
                             "239.50) — old record zone\n1 fired, 0 armed\n"));
    const CliRun again = alerts({QStringLiteral("check"), QStringLiteral("--json")});
    EXPECT_EQ(again.code, kNothingFired);
    const QJsonObject o = QJsonDocument::fromJson(again.out.toUtf8()).object();
    EXPECT_TRUE(o[QStringLiteral("fired")].toArray().isEmpty());

    const CliRun list = alerts({QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonObject a = QJsonDocument::fromJson(list.out.toUtf8()).array()[0].toObject();
    EXPECT_EQ(a[QStringLiteral("state")].toString(), QStringLiteral("fired"));
    EXPECT_EQ(a[QStringLiteral("firedDate")].toString(), QStringLiteral("2025-11-13"));
    EXPECT_EQ(a[QStringLiteral("firedClose")].toDouble(), 239.0);
    EXPECT_EQ(a[QStringLiteral("condition")].toString(), QStringLiteral("closes-below"));
    EXPECT_EQ(a[QStringLiteral("watchFrom")].toString(), QStringLiteral("2025-11-12"));
}

// A falling trend line from 250 (11-03) to 241 (11-12), 9/7 a session, steeper than IWM's 1:
// the close gets above it on 11-18 (236 against 235.86), past the line's second point.
TEST_F(AlertsCliTest, ATrendLineAlertFollowsTheLinePastItsPoints) {
    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-12", iwm);
    const CliRun add =
        alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--closes-above-line"),
                QStringLiteral("2025-11-12"), QStringLiteral("241"), QStringLiteral("2025-11-03"),
                QStringLiteral("250")});  // the points in either order
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    const CliRun list = alerts({QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonObject a = QJsonDocument::fromJson(list.out.toUtf8()).array()[0].toObject();
    EXPECT_EQ(a[QStringLiteral("condition")].toString(), QStringLiteral("closes-above-line"));
    EXPECT_EQ(a[QStringLiteral("lineFrom")].toString(), QStringLiteral("2025-11-03"));
    EXPECT_EQ(a[QStringLiteral("low")].toDouble(), 250.0);
    EXPECT_EQ(a[QStringLiteral("lineTo")].toString(), QStringLiteral("2025-11-12"));
    EXPECT_EQ(a[QStringLiteral("high")].toDouble(), 241.0);

    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-21", iwm);
    const CliRun check = alerts({QStringLiteral("check")});
    EXPECT_EQ(check.code, kFired) << check.err.toStdString();
    EXPECT_EQ(check.out,
              QStringLiteral("FIRED #1 IWM 2025-11-18: closes above the trend line "
                             "250.00 (2025-11-03) → 241.00 (2025-11-12) (closed 236.00 "
                             "above the trend line (235.86 that day))\n1 fired, 0 armed\n"));
    const CliRun bad =
        alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--closes-below-line"),
                QStringLiteral("2025-11-03"), QStringLiteral("250"), QStringLiteral("2025-11-03"),
                QStringLiteral("241")});
    EXPECT_NE(bad.code, 0);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("on one day"))) << bad.err.toStdString();
    const CliRun notADate =
        alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--closes-below-line"),
                QStringLiteral("11/03"), QStringLiteral("250"), QStringLiteral("2025-11-12"),
                QStringLiteral("241")});
    EXPECT_EQ(notADate.code, 2);
    EXPECT_TRUE(notADate.err.contains(QStringLiteral("'11/03' is not a date")))
        << notADate.err.toStdString();
}

TEST_F(AlertsCliTest, CheckJsonNamesTheSymbolAndTheBarAndWaitingAlertsSaySo) {
    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-06", iwm);
    ASSERT_EQ(alerts({QStringLiteral("add"), QStringLiteral("iwm"), QStringLiteral("--enters"),
                      QStringLiteral("230"), QStringLiteral("241")})
                  .code,
              0);
    const CliRun waiting = alerts({QStringLiteral("add"), QStringLiteral("KRE"),
                                   QStringLiteral("--closes-above"), QStringLiteral("60")});
    ASSERT_EQ(waiting.code, 0);
    EXPECT_TRUE(
        waiting.err.contains(QStringLiteral("KRE has no cached data yet; alert 2 waits, armed")))
        << waiting.err.toStdString();
    // ^TNX has no bars of its own either, but the seeded DGS10 stands in (as in its pane).
    const CliRun yield = alerts({QStringLiteral("add"), QStringLiteral("^TNX"),
                                 QStringLiteral("--closes-above"), QStringLiteral("5")});
    ASSERT_EQ(yield.code, 0);
    EXPECT_TRUE(
        yield.err.contains(QStringLiteral("on ^TNX closes above 5.0000 watches DGS10 "
                                          "standing in")))
        << yield.err.toStdString();
    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-14", iwm);
    const CliRun check = alerts({QStringLiteral("check"), QStringLiteral("--json")});
    EXPECT_EQ(check.code, kFired);
    const QJsonObject o = QJsonDocument::fromJson(check.out.toUtf8()).object();
    const QJsonArray fired = o[QStringLiteral("fired")].toArray();
    ASSERT_EQ(fired.size(), 1);
    EXPECT_EQ(fired[0].toObject()[QStringLiteral("symbol")].toString(), QStringLiteral("IWM"));
    // 2025-11-10 closes 242 with a low of 241: the first bar reaching into 230..241.
    EXPECT_EQ(fired[0].toObject()[QStringLiteral("firedDate")].toString(),
              QStringLiteral("2025-11-10"));
    EXPECT_EQ(o[QStringLiteral("armed")].toInt(), 2);
    EXPECT_EQ(o[QStringLiteral("waiting")].toArray().size(), 1);
    EXPECT_TRUE(
        check.err.contains(QStringLiteral("note: KRE: no cached data yet; alert 2 waits, armed")))
        << check.err.toStdString();
}

TEST_F(AlertsCliTest, RearmRemoveAndWrongCommandLines) {
    importSeries(tmp, db, QStringLiteral("IWM"), "2025-11-03", "2025-11-05", iwm);
    ASSERT_EQ(alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--ath")}).code,
              0);
    ASSERT_EQ(alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--retest"),
                      QStringLiteral("held")})
                  .code,
              0);
    EXPECT_EQ(alerts({QStringLiteral("rearm"), QStringLiteral("1")}).code, 0);
    EXPECT_EQ(alerts({QStringLiteral("remove"), QStringLiteral("2")}).code, 0);
    const CliRun gone = alerts({QStringLiteral("remove"), QStringLiteral("2")});
    EXPECT_EQ(gone.code, 1);
    EXPECT_EQ(gone.err, QStringLiteral("retest alerts: no alert has id 2\n"));
    const CliRun list = alerts({QStringLiteral("list")});
    EXPECT_EQ(list.out,
              QStringLiteral("#1 IWM new all-time high  armed, watching bars after 2025-11-05\n"));
    EXPECT_EQ(alerts({QStringLiteral("add"), QStringLiteral("IWM")}).code, 2);
    EXPECT_EQ(alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--ath"),
                      QStringLiteral("--closes-above"), QStringLiteral("3")})
                  .code,
              2);
    const CliRun bad =
        alerts({QStringLiteral("add"), QStringLiteral("IWM"), QStringLiteral("--enters"),
                QStringLiteral("250"), QStringLiteral("240")});
    EXPECT_EQ(bad.code, 1);
    EXPECT_EQ(bad.err, QStringLiteral("retest alerts: cannot add the alert on IWM: the zone's low "
                                      "250.00 is above its high 240.00\n"));
    EXPECT_EQ(alerts({QStringLiteral("check"), QStringLiteral("--bogus")}).code, 2);
}

}  // namespace
}  // namespace retest::test
