// The alerts dock and the chart marks: a check after new bars fires once, shows the bar,
// marks the chart; a corrupt row is named and skipped.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

#include "core/model/date.h"
#include "tests/alerts/dated_bars.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"
#include "ui/alerts/alert_dialog.h"
#include "ui/alerts/alert_marks.h"
#include "ui/alerts/alerts_dock.h"
#include "ui/chart/chart_view.h"

namespace retest {
namespace {

using test::datedBar;

class AlertsUiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(cache
                        ->upsertBars("IWM", std::vector<Bar>{datedBar("2025-11-11", 242),
                                                             datedBar("2025-11-12", 241)})
                        .ok());
    }
    Alert below(double price) {
        Alert a;
        a.symbol = "IWM";
        a.kind = AlertKind::ClosesBelow;
        a.low = a.high = price;
        a.note = "old record";
        return a;
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(AlertsUiTest, ACheckAfterNewBarsFiresOnceShowsTheBarAndMarksTheChart) {
    ui::AlertsDock dock(*cache);
    ASSERT_EQ(dock.addAlert(below(240)), QString());
    ASSERT_EQ(dock.table()->rowCount(), 1);
    EXPECT_EQ(dock.table()->item(0, ui::AlertsDock::StateColumn)->text(), QStringLiteral("armed"));
    EXPECT_EQ(dock.table()->item(0, ui::AlertsDock::BarColumn)->text(),
              QStringLiteral("watching after 2025-11-12"));
    EXPECT_TRUE(dock.checkNow().empty());

    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{datedBar("2025-11-13", 236.79)}).ok());
    QSignalSpy fired(&dock, &ui::AlertsDock::alertFired);
    const auto first = dock.checkNow({QStringLiteral("IWM")});
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(fired.size(), 1);
    EXPECT_EQ(dock.table()->item(0, ui::AlertsDock::StateColumn)->text(), QStringLiteral("fired"));
    EXPECT_EQ(dock.table()->item(0, ui::AlertsDock::BarColumn)->text(),
              QStringLiteral("2025-11-13 (closed 236.79 below 240.00)"));
    EXPECT_TRUE(dock.checkNow().empty());
    EXPECT_EQ(dock.statusText(), QStringLiteral("0 armed, 1 fired"));

    ui::ChartView chart;
    chart.resize(800, 500);
    auto bars = cache->readAllBars("IWM").value();
    chart.setBars(bars, Timeframe::Daily);
    ui::AlertMarks marks(chart);
    ASSERT_EQ(dock.addAlert(below(230)), QString());
    marks.setAlerts(dock.alertsFor(QStringLiteral("iwm")));
    EXPECT_EQ(marks.firedMarks(), 1);
    EXPECT_EQ(marks.armedLines(), 1);
}

TEST_F(AlertsUiTest, ACorruptRowIsNamedAndTheOthersStillShow) {
    ui::AlertsDock dock(*cache);
    ASSERT_EQ(dock.addAlert(below(240)), QString());
    ASSERT_EQ(dock.addAlert(below(230)), QString());
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(cache->path().c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "UPDATE alerts SET low = -5, high = -5 WHERE id = 2", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(raw);
    dock.reload();
    EXPECT_EQ(dock.table()->rowCount(), 1);
    EXPECT_EQ(dock.statusText(), QStringLiteral("alert 2 on IWM: the price is negative; skipped"));
}

// The dialog keeps the decimals of the symbol's prices: a ratio's 0.3555 is stored as typed,
// not as 0.36 (which IWM:SPY at 0.3610 has already crossed); a stock's stay at two.
TEST(AlertDialogDecimals, ARatiosThresholdIsKeptAsTyped) {
    ui::AlertDialog ratio(alertChoicesForPrice("IWM:SPY", 0.3610, "IWM:SPY"), {});
    EXPECT_EQ(ratio.lowBox()->decimals(), 4);
    ratio.lowBox()->setValue(0.3555);
    EXPECT_DOUBLE_EQ(ratio.alert().low, 0.3555);
    ui::AlertDialog stock(alertChoicesForPrice("IWM", 246.16, "IWM"), {});
    EXPECT_EQ(stock.lowBox()->decimals(), 2);
}

TEST_F(AlertsUiTest, AnAlertWithBadNumbersIsRefusedWithTheReason) {
    ui::AlertsDock dock(*cache);
    Alert zone = below(0);
    zone.kind = AlertKind::EntersZone;
    zone.low = 10;
    zone.high = 5;
    EXPECT_EQ(dock.addAlert(zone),
              QStringLiteral(
                  "cannot add the alert on IWM: the zone's low 10.00 is above its high 5.0000"));
    EXPECT_EQ(dock.table()->rowCount(), 0);
}

}  // namespace
}  // namespace retest
