// Right-click ▸ Alert… everywhere a price is drawn: a row of the levels panel, a level's band on
// the chart, a horizontal line, zone or rectangle drawing, a pane's threshold. Each is driven as
// a user does it (the real context menu, the real dialog) in the whole window, and the stored
// alert is checked: kind, prices, symbol, note; the dock lists it and the chart marks it.
#include <gtest/gtest.h>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <functional>

#include "core/cache/alert_store.h"
#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/alerts/dated_bars.h"
#include "tests/support/qt_printers.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_paths.h"
#include "ui/alerts/alert_dialog.h"
#include "ui/alerts/alert_marks.h"
#include "ui/alerts/alerts_dock.h"
#include "ui/annotations/annotation_controller.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/indicator_pane.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart/qcp.h"
#include "ui/chart_document.h"
#include "ui/context/market_context.h"
#include "ui/levels/levels_panel.h"
#include "ui/main_window.h"

namespace retest {
namespace {

/// Answers the next context menu by picking `entry` (when it is there), then fills the alert
/// dialog that opens with `fill` and presses OK. Two timers: a Qt timer does not fire again
/// while its own slot runs, and the dialog opens inside the menu timer's slot.
class MenuDriver {
public:
    MenuDriver(QString entry, std::function<void(ui::AlertDialog&)> fill)
        : entry_(std::move(entry)), fill_(std::move(fill)) {
        menuTimer_.setInterval(10);
        dialogTimer_.setInterval(10);
        QObject::connect(&menuTimer_, &QTimer::timeout, [this] { onMenu(); });
        QObject::connect(&dialogTimer_, &QTimer::timeout, [this] { onDialog(); });
        menuTimer_.start();
        dialogTimer_.start();
    }
    QStringList entries;  ///< the menu's entries, as shown
    bool dialogShown = false;
    QString dialogTitle;
    QString problem;  ///< the dialog's complaint when OK did not store the alert

private:
    void onMenu() {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (menu == nullptr) {
            return;
        }
        menuTimer_.stop();
        QAction* wanted = nullptr;
        for (QAction* a : menu->actions()) {
            entries << a->text();
            if (a->text() == entry_) {
                wanted = a;
            }
        }
        menu->close();
        if (wanted != nullptr) {
            wanted->trigger();
        }
    }
    void onDialog() {
        auto* dialog = qobject_cast<ui::AlertDialog*>(QApplication::activeModalWidget());
        if (dialog == nullptr) {
            return;
        }
        dialogTimer_.stop();
        dialogShown = true;
        dialogTitle = dialog->windowTitle();
        if (fill_) {
            fill_(*dialog);
        }
        dialog->submit();
        problem = dialog->problem();
        if (dialog->isVisible()) {
            dialog->reject();
        }
    }
    QString entry_;
    std::function<void(ui::AlertDialog&)> fill_;
    QTimer menuTimer_;
    QTimer dialogTimer_;
};

class AlertMenusTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(importCsvFile(*cache, test::sampleCsv(), "^GSPC"));
        settings = std::make_unique<QSettings>(
            QString::fromStdString(tmp.file("retest.ini").string()), QSettings::IniFormat);
        settings->setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
        window = std::make_unique<ui::MainWindow>(*cache, *settings);
        window->resize(1500, 950);
        window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
        window->showSymbol(QStringLiteral("^GSPC"));
        ui::ChartDocument& doc = *window->document();
        RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
        RETEST_WAIT_FOR(doc.analysesRunning() == 0, 20000);
        RETEST_WAIT_FOR(window->levelOverlay()->bandCount() > 0, 20000);
    }
    std::vector<Alert> stored() const {
        auto all = AlertStore(*cache).all();
        EXPECT_TRUE(all.ok());
        return all ? all->alerts : std::vector<Alert>{};
    }
    /// Exactly one alert is stored, with these fields (prices to the cent).
    void expectOnlyAlert(const std::string& symbol, AlertKind kind, double low, double high,
                         const std::string& note) const {
        const auto alerts = stored();
        ASSERT_EQ(alerts.size(), 1u);
        EXPECT_EQ(alerts[0].symbol, symbol);
        EXPECT_EQ(alerts[0].kind, kind);
        EXPECT_NEAR(alerts[0].low, low, 0.005);
        EXPECT_NEAR(alerts[0].high, high, 0.005);
        EXPECT_EQ(alerts[0].note, note);
        // The dock lists it at once.
        EXPECT_EQ(window->alertsDock()->table()->rowCount(), 1);
    }
    /// A right click on the price chart at `pos`.
    void rightClickChart(QPoint pos) {
        QTest::mousePress(window->chartView()->plot(), Qt::RightButton, {}, pos);
        QTest::mouseRelease(window->chartView()->plot(), Qt::RightButton, {}, pos);
    }
    QPoint chartPoint(double price) const {
        ui::ChartView* view = window->chartView();
        const QRect r = view->priceRect()->rect();
        return {r.center().x(), qRound(view->priceAxis()->coordToPixel(price))};
    }
    std::int64_t draw(AnnotationKind kind, std::vector<AnchorPoint> points) {
        Annotation a;
        a.symbol = "^GSPC";
        a.kind = kind;
        a.points = std::move(points);
        return window->document()->addDrawing(a);
    }
    /// Days of the last bars shown, for drawings with dates.
    Day shownDay(int fromEnd) const {
        const auto& bars = window->document()->bars();
        return bars[bars.size() - 1 - static_cast<std::size_t>(fromEnd)].day;
    }

    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<ui::MainWindow> window;
};

TEST_F(AlertMenusTest, ALevelRowOffersTheZoneAndStoresACloseBelowItsLow) {
    ui::LevelsPanel* panel = window->levelsPanel();
    QTableWidget* table = panel->table();
    int row = 0;
    while (row < table->rowCount() && table->isRowHidden(row)) {
        ++row;
    }
    ASSERT_LT(row, table->rowCount());
    const Zone zone = window->document()->levels().zones[std::size_t(panel->zoneAtRow(row))];
    const QPoint at = table->visualItemRect(table->item(row, 0)).center();

    QString presetLow;
    QStringList kinds;
    MenuDriver driver(QStringLiteral("Alert…"), [&](ui::AlertDialog& d) {
        for (int i = 0; i < d.kindBox()->count(); ++i) {
            kinds << d.kindBox()->itemText(i);
        }
        presetLow = QString::number(d.lowBox()->value(), 'f', 2);
        ASSERT_TRUE(d.selectKind(AlertKind::ClosesBelow));
    });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, table->viewport()->mapToGlobal(at));
    QApplication::sendEvent(table->viewport(), &event);

    EXPECT_TRUE(driver.entries.contains(QStringLiteral("Alert…")))
        << driver.entries.join(QStringLiteral(", ")).toStdString();
    ASSERT_TRUE(driver.dialogShown);
    EXPECT_EQ(driver.problem, QString());
    // Preset to the zone: entering it first, then a close above its high or below its low.
    EXPECT_EQ(kinds, (QStringList{QStringLiteral("Enters the zone"), QStringLiteral("Closes above"),
                                  QStringLiteral("Closes below")}));
    EXPECT_EQ(presetLow, QString::number(zone.low, 'f', 2));
    // The note names the level and its range ("the Feb-2020 record high 3337.75–3393.52").
    const std::string note = alertForZone("^GSPC", zone, AlertKind::ClosesBelow).note;
    EXPECT_EQ(note.rfind(zone.name, 0), 0u) << note;
    expectOnlyAlert("^GSPC", AlertKind::ClosesBelow, zone.low, zone.low, note);
    // The chart draws it as an armed line.
    EXPECT_EQ(window->alertMarks()->armedLines(), 1);
}

TEST_F(AlertMenusTest, ALevelBandOnTheChartOffersEnteringTheZoneUnderTheCursor) {
    ui::LevelOverlay* overlay = window->levelOverlay();
    ui::ChartView* view = window->chartView();
    const QRect plotArea = view->priceRect()->rect();
    QPoint at;
    int zone = -1;
    for (int z : overlay->shownZones()) {
        const double mid = (overlay->analysis().zones[std::size_t(z)].low +
                            overlay->analysis().zones[std::size_t(z)].high) /
                           2;
        const QPoint p = chartPoint(mid);
        if (plotArea.contains(p) && overlay->zoneAt(p) == z) {
            at = p;
            zone = z;
            break;
        }
    }
    ASSERT_GE(zone, 0) << "no band in view";
    const Zone z = overlay->analysis().zones[std::size_t(zone)];
    MenuDriver driver(QStringLiteral("Alert…"), {});
    rightClickChart(at);
    EXPECT_TRUE(driver.entries.contains(QStringLiteral("Alert…")))
        << driver.entries.join(QStringLiteral(", ")).toStdString();
    ASSERT_TRUE(driver.dialogShown);
    EXPECT_EQ(driver.dialogTitle, QStringLiteral("Alert on ^GSPC"));
    expectOnlyAlert("^GSPC", AlertKind::EntersZone, z.low, z.high,
                    alertForZone("^GSPC", z, AlertKind::EntersZone).note);
}

TEST_F(AlertMenusTest, AHorizontalLineOffersClosesAboveAndBelowItsPrice) {
    const double price = 2600;
    ASSERT_NE(draw(AnnotationKind::HorizontalLine, {{0, price}}), 0);
    QStringList kinds;
    MenuDriver driver(QStringLiteral("Alert…"), [&](ui::AlertDialog& d) {
        for (int i = 0; i < d.kindBox()->count(); ++i) {
            kinds << d.kindBox()->itemText(i);
        }
        d.noteEdit()->setText(QStringLiteral("my line"));
        ASSERT_TRUE(d.selectKind(AlertKind::ClosesBelow));
    });
    rightClickChart(chartPoint(price));
    EXPECT_TRUE(driver.entries.contains(QStringLiteral("Alert…")))
        << driver.entries.join(QStringLiteral(", ")).toStdString();
    ASSERT_TRUE(driver.dialogShown);
    EXPECT_EQ(kinds, (QStringList{QStringLiteral("Closes above"), QStringLiteral("Closes below")}));
    // A note the user typed survives a change of kind.
    expectOnlyAlert("^GSPC", AlertKind::ClosesBelow, price, price, "my line");
    EXPECT_EQ(window->alertMarks()->armedLines(), 1);
}

TEST_F(AlertMenusTest, ARectangleDrawingOffersItsPriceRange) {
    ASSERT_NE(draw(AnnotationKind::Rectangle, {{shownDay(40), 2950}, {shownDay(10), 2750}}), 0);
    MenuDriver driver(QStringLiteral("Alert…"), {});
    ui::ChartView* view = window->chartView();
    const auto& bars = window->document()->bars();
    const int index = static_cast<int>(bars.size()) - 25;
    rightClickChart(QPoint(qRound(view->timeAxis()->coordToPixel(index)),
                           qRound(view->priceAxis()->coordToPixel(2850))));
    EXPECT_TRUE(driver.entries.contains(QStringLiteral("Alert…")))
        << driver.entries.join(QStringLiteral(", ")).toStdString();
    ASSERT_TRUE(driver.dialogShown);
    expectOnlyAlert("^GSPC", AlertKind::EntersZone, 2750, 2950, "rectangle 2750.00–2950.00");
}

TEST_F(AlertMenusTest, ATrendLineOffersACloseBelowItFollowedPastItsPoints) {
    const auto& bars = window->document()->bars();
    const double p1 = bars[bars.size() - 60].close;
    const double p2 = bars[bars.size() - 20].close;
    ASSERT_NE(draw(AnnotationKind::TrendLine, {{shownDay(59), p1}, {shownDay(19), p2}}), 0);
    ui::ChartView* view = window->chartView();
    const int index = static_cast<int>(bars.size()) - 40;
    QStringList kinds;
    QString line;
    MenuDriver driver(QStringLiteral("Alert…"), [&](ui::AlertDialog& d) {
        for (int i = 0; i < d.kindBox()->count(); ++i) {
            kinds << d.kindBox()->itemText(i);
        }
        ASSERT_TRUE(d.selectKind(AlertKind::ClosesBelowLine));
        line = d.lineLabel()->text();
    });
    rightClickChart(QPoint(qRound(view->timeAxis()->coordToPixel(index)),
                           qRound(view->priceAxis()->coordToPixel((p1 + p2) / 2))));
    EXPECT_TRUE(driver.entries.contains(QStringLiteral("Extend Right")))
        << driver.entries.join(QStringLiteral(", ")).toStdString();
    ASSERT_TRUE(driver.dialogShown);
    EXPECT_EQ(kinds, (QStringList{QStringLiteral("Closes above the trend line"),
                                  QStringLiteral("Closes below the trend line")}));
    EXPECT_TRUE(line.contains(QString::fromStdString(formatIsoDate(shownDay(59)))))
        << line.toStdString();
    const auto two = [](double p) { return QString::number(p, 'f', 2).toStdString(); };
    expectOnlyAlert("^GSPC", AlertKind::ClosesBelowLine, p1, p2,
                    "trend line " + two(p1) + " → " + two(p2));
    const Alert stored = this->stored()[0];
    EXPECT_EQ(stored.lineFrom, shownDay(59));
    EXPECT_EQ(stored.lineTo, shownDay(19));
}

TEST_F(AlertMenusTest, APaneThresholdOffersACloseAboveItOnThePanesSymbol) {
    std::vector<Bar> yields;
    for (const Bar& b : window->document()->dailyBars()) {
        yields.push_back(test::datedBar(formatIsoDate(b.day).c_str(), 4.2));
    }
    ASSERT_TRUE(cache->upsertBars("^TNX", yields).ok());
    ASSERT_TRUE(window->addPane(QStringLiteral("^TNX")));
    const auto& panes = window->marketContext()->panes();
    ASSERT_EQ(panes.size(), 1u);
    ASSERT_EQ(panes[0]->thresholds(), std::vector<double>{5.0});
    window->chartView()->plot()->replot();
    QStringList kinds;
    MenuDriver driver(QStringLiteral("Alert on Threshold 5.00…"), [&](ui::AlertDialog& d) {
        for (int i = 0; i < d.kindBox()->count(); ++i) {
            kinds << d.kindBox()->itemText(i);
        }
    });
    const QPoint at = panes[0]->rect()->rect().center();
    QTest::mousePress(window->chartView()->plot(), Qt::RightButton, {}, at);
    EXPECT_TRUE(driver.entries.contains(QStringLiteral("Alert on Threshold 5.00…")))
        << driver.entries.join(QStringLiteral(", ")).toStdString();
    ASSERT_TRUE(driver.dialogShown);
    EXPECT_EQ(driver.dialogTitle, QStringLiteral("Alert on ^TNX"));
    EXPECT_EQ(kinds, (QStringList{QStringLiteral("Closes above"), QStringLiteral("Closes below")}));
    expectOnlyAlert("^TNX", AlertKind::ClosesAbove, 5.0, 5.0, "^TNX threshold 5.00");
}

TEST_F(AlertMenusTest, TheDialogStaysOpenAndSaysWhyWhenTheAlertIsRefused) {
    ASSERT_NE(draw(AnnotationKind::HorizontalLine, {{0, 2600}}), 0);
    MenuDriver driver(QStringLiteral("Alert…"), [](ui::AlertDialog& d) {
        d.symbolEdit()->setText(QStringLiteral("not a symbol!"));
    });
    rightClickChart(chartPoint(2600));
    ASSERT_TRUE(driver.dialogShown);
    EXPECT_TRUE(driver.problem.startsWith(QStringLiteral("cannot add the alert")))
        << driver.problem.toStdString();
    EXPECT_TRUE(stored().empty());
    EXPECT_EQ(window->alertsDock()->table()->rowCount(), 0);
}

}  // namespace
}  // namespace retest
