// The whole window, headless, driven as a user drives it: click and arrow keys in the
// watchlist switch the chart from the cache; layout and last symbol survive a restart.
#include <gtest/gtest.h>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <map>

#include "core/annotations/annotation.h"
#include "core/cache/annotation_store.h"
#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/support/qt_printers.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_paths.h"
#include "ui/annotations/annotation_controller.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"
#include "ui/chart_document.h"
#include "ui/levels/levels_panel.h"
#include "ui/main_window.h"
#include "ui/watchlist/watchlist_dock.h"
#include "ui/watchlist/watchlist_model.h"

namespace retest::test {
namespace {

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(importCsvFile(*cache, sampleCsv(), "^GSPC"));
        // The same real rows under a second name, so there are two cached symbols to switch.
        ASSERT_TRUE(importCsvFile(*cache, dataFile("cli/gspc-2019-12-yahoo.csv"), "GSPC19"));
    }

    /// Window settings in a scratch file; background refresh is off so no test goes online.
    std::unique_ptr<QSettings> settings() const {
        auto s = std::make_unique<QSettings>(
            QString::fromStdString(tmp.file("retest.ini").string()), QSettings::IniFormat);
        s->setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
        return s;
    }

    static QPoint rowCenter(QTableView* view, int row) {
        return view->visualRect(view->model()->index(row, 0)).center();
    }

    TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

/// Every QAction of the window with its shortcuts, plus the menus' Alt+letter mnemonics.
std::multimap<QString, QString> keySequencesOf(ui::MainWindow& w) {
    std::multimap<QString, QString> keys;  // sequence -> who
    for (QAction* a : w.findChildren<QAction*>()) {
        if (a->menu() != nullptr) {
            continue;  // a menu's own action: its mnemonic is counted below
        }
        for (const QKeySequence& k : a->shortcuts()) {
            keys.emplace(k.toString(), a->text());
        }
    }
    for (QAction* m : w.menuBar()->actions()) {
        const QKeySequence mnemonic = QKeySequence::mnemonic(m->text());
        if (!mnemonic.isEmpty()) {
            keys.emplace(mnemonic.toString(), QStringLiteral("menu ") + m->text());
        }
    }
    return keys;
}

TEST_F(MainWindowTest, NoTwoActionsOrMenusShareAKeyAndAltHAltVDraw) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1600, 1000);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
    const auto keys = keySequencesOf(w);
    ASSERT_GE(keys.size(), 15U);
    for (auto it = keys.begin(); it != keys.end(); it = keys.upper_bound(it->first)) {
        EXPECT_EQ(keys.count(it->first), 1U)
            << it->first.toStdString() << " is used by " << keys.count(it->first) << " actions";
    }
    EXPECT_EQ(keys.count(QStringLiteral("Alt+H")), 1U);
    EXPECT_EQ(keys.count(QStringLiteral("Alt+V")), 1U);

    // The TradingView drawing shortcuts pick their tools (no "ambiguous shortcut").
    auto* tools = w.annotations();
    w.chartView()->setFocus();
    QTest::keyClick(&w, Qt::Key_H, Qt::AltModifier);
    EXPECT_EQ(tools->tool(), ui::AnnotationController::Tool::HorizontalLine);
    QTest::keyClick(&w, Qt::Key_V, Qt::AltModifier);
    EXPECT_EQ(tools->tool(), ui::AnnotationController::Tool::DateMarker);
    QTest::keyClick(&w, Qt::Key_T, Qt::AltModifier);
    EXPECT_EQ(tools->tool(), ui::AnnotationController::Tool::TrendLine);
}

TEST_F(MainWindowTest, TheStatusBarShowsOneMessageAtATime) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    QStatusBar* bar = w.statusBar();
    // A message that arrives before the window is shown (start-up refresh) included.
    bar->showMessage(QStringLiteral("Yahoo: offline"), 10000);
    w.resize(1600, 1000);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    const auto textsShown = [&] {
        int n = bar->currentMessage().isEmpty() ? 0 : 1;
        n += w.statusLine()->isVisible() && !w.statusLine()->text().isEmpty() ? 1 : 0;
        return n;
    };
    EXPECT_EQ(textsShown(), 1);
    EXPECT_FALSE(w.statusLine()->isVisible());

    // A symbol without data while a refresh message is up: still one line of text.
    w.showSymbol(QStringLiteral("^TNX"));
    EXPECT_TRUE(w.statusLine()->text().contains(QStringLiteral("no cached data")));
    EXPECT_EQ(textsShown(), 1);
    // A newer message replaces the older one.
    w.showMessage(QStringLiteral("Saved the chart to /tmp/x.png"));
    EXPECT_EQ(bar->currentMessage(), QStringLiteral("Saved the chart to /tmp/x.png"));
    EXPECT_EQ(textsShown(), 1);
    // When the message ends, the symbol line comes back.
    bar->clearMessage();
    EXPECT_TRUE(w.statusLine()->isVisible());
    EXPECT_EQ(textsShown(), 1);
    // Permanent widgets (refresh progress, offline badge) never sit on the text.
    const QRect line = w.statusLine()->geometry();
    for (QWidget* child : bar->findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
        if (child != w.statusLine() && child->isVisible() && child->width() > 0) {
            EXPECT_FALSE(child->geometry().intersects(line)) << child->metaObject()->className();
        }
    }
}

TEST_F(MainWindowTest, RangeButtonGoesDarkWhenTheUserZoomsOrPans) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1600, 1000);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QAction* oneMonth = nullptr;
    for (QAction* a : w.findChildren<QAction*>()) {
        if (a->text() == QStringLiteral("1M")) {
            oneMonth = a;
        }
    }
    ASSERT_NE(oneMonth, nullptr);
    oneMonth->trigger();
    EXPECT_TRUE(oneMonth->isChecked());
    EXPECT_EQ(w.chartView()->rangePreset(), ui::RangePreset::OneMonth);
    w.chartView()->setFocus();
    QTest::keyClick(w.chartView(), Qt::Key_Left);  // pan
    EXPECT_FALSE(oneMonth->isChecked());
    oneMonth->trigger();
    EXPECT_TRUE(oneMonth->isChecked());
    QTest::keyClick(w.chartView(), Qt::Key_Minus);  // zoom
    EXPECT_FALSE(oneMonth->isChecked());
}

TEST_F(MainWindowTest, LevelsPanelShowsEveryColumnWholeAt1600x1000) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1600, 1000);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QTableWidget* table = w.levelsPanel()->table();
    RETEST_WAIT_FOR(table->rowCount() > 3, 10000);
    QApplication::processEvents();
    QHeaderView* header = table->horizontalHeader();
    int right = 0;
    // The extras start hidden; the header's menu brings them back.
    EXPECT_TRUE(header->isSectionHidden(ui::LevelsPanel::ColTouches));
    EXPECT_TRUE(header->isSectionHidden(ui::LevelsPanel::ColFlipped));
    EXPECT_TRUE(header->isSectionHidden(ui::LevelsPanel::ColManual));
    ASSERT_EQ(header->actions().size(), 8);  // every column but the name
    for (int c = 0; c < table->columnCount(); ++c) {
        const std::string name = table->horizontalHeaderItem(c)->text().toStdString();
        if (c == ui::LevelsPanel::ColTouches || c == ui::LevelsPanel::ColFlipped ||
            c == ui::LevelsPanel::ColManual) {
            continue;
        }
        ASSERT_FALSE(header->isSectionHidden(c)) << name;
        right = std::max(right, header->sectionViewportPosition(c) + header->sectionSize(c));
        if (c == ui::LevelsPanel::ColName) {
            // The only column that may elide ("…"; the tooltip has it all), and only a long
            // label of the user's own: "the Jan-2018 record high" is read whole.
            const QFontMetrics metrics(table->font());
            for (int row = 0; row < table->rowCount(); ++row) {
                const QString text = table->item(row, c)->text();
                EXPECT_GE(header->sectionSize(c), metrics.horizontalAdvance(text) + 8)
                    << text.toStdString();
            }
            continue;
        }
        EXPECT_GE(header->sectionSize(c), header->sectionSizeHint(c)) << name;  // "Strength"
        EXPECT_GE(header->sectionSize(c),
                  static_cast<QAbstractItemView*>(table)->sizeHintForColumn(c))
            << name;
    }
    // Nothing scrolled off to the right, and the sort column sits early in the row.
    EXPECT_LE(right, table->viewport()->width());
    EXPECT_LE(header->visualIndex(ui::LevelsPanel::ColStrength), 3);
    EXPECT_EQ(header->sortIndicatorSection(), ui::LevelsPanel::ColStrength);
    // The panel took what it needs, and the chart still has most of the window.
    EXPECT_GE(w.chartView()->width(), 750);
    QAction* flipped =
        header->actions().at(ui::LevelsPanel::ColFlipped - ui::LevelsPanel::ColPrice);
    EXPECT_EQ(flipped->text(), QStringLiteral("Flipped"));
    flipped->trigger();
    EXPECT_FALSE(header->isSectionHidden(ui::LevelsPanel::ColFlipped));
}

// In a small window the docks give way, not the chart: the levels table scrolls, and the chart
// keeps room for a year of daily candles and its readout.
TEST_F(MainWindowTest, ASmallWindowKeepsTheChartReadable) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1100, 750);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    RETEST_WAIT_FOR(w.levelsPanel()->table()->rowCount() > 3, 10000);
    QApplication::processEvents();
    EXPECT_GE(w.chartView()->width(), 480);
    EXPECT_LE(w.width(), 1100);
}

TEST_F(MainWindowTest, OpensOnTheSampleAsCandles) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_EQ(w.chartView()->bars().size(), 5105U);
    EXPECT_FALSE(w.chartView()->isEmptyStateShown());
    EXPECT_TRUE(w.chartView()->title().startsWith(QStringLiteral("^GSPC · S&P 500")) ||
                w.chartView()->title().startsWith(QStringLiteral("^GSPC · Daily")))
        << w.chartView()->title().toStdString();
    EXPECT_EQ(w.watchlistDock()->currentSymbol(), QStringLiteral("^GSPC"));
}

// `retest annotate ^GSPC --note ...` in a terminal while the window is open: the window reads
// the cache again and shows the note (the timer does this every two seconds). Its own edits
// are not read back.
TEST_F(MainWindowTest, WhatAnotherProcessWritesToTheCacheShowsUp) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    ASSERT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_FALSE(w.showCacheChanges());

    Annotation own = makeNote({*parseIsoDate("2020-03-23"), 2191.86}, "from the window");
    ASSERT_GT(w.document()->addDrawing(own), 0);
    EXPECT_FALSE(w.showCacheChanges());  // its own write

    {
        auto other = PriceCache::open(tmp.file("cache.sqlite"));  // the command line's
        ASSERT_TRUE(other) << other.error().message;
        Annotation note = makeNote({*parseIsoDate("2020-04-17"), 2874.56}, "from the CLI");
        note.symbol = "^GSPC";
        ASSERT_TRUE(other.value()->annotationStore().add(note));
    }
    // The user had panned to 2008: a new drawing does not move the view.
    w.chartView()->setDateRange(*parseIsoDate("2008-01-01"), *parseIsoDate("2008-12-31"));
    const auto panned = w.chartView()->visibleBarRange();
    EXPECT_EQ(w.document()->drawings().size(), 1U);
    EXPECT_TRUE(w.showCacheChanges());
    ASSERT_EQ(w.document()->drawings().size(), 2U);
    EXPECT_EQ(w.document()->drawings().back().label, "from the CLI");
    EXPECT_EQ(w.chartView()->visibleBarRange(), panned);
    EXPECT_FALSE(w.showCacheChanges());  // nothing new since
}

TEST_F(MainWindowTest, ClickAndArrowKeysSwitchSymbols) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QTableView* view = w.watchlistDock()->view();
    auto* model = qobject_cast<ui::WatchlistModel*>(view->model());
    ASSERT_NE(model, nullptr);
    // The default list comes first, then every other cached symbol.
    EXPECT_EQ(model->symbolAt(0), QStringLiteral("IWM"));
    const int gspc19 = model->rowOf(QStringLiteral("GSPC19"));
    ASSERT_GE(gspc19, 10);

    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, gspc19));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("GSPC19"));
    EXPECT_EQ(w.chartView()->bars().size(), 27U);

    // Up from GSPC19 is ^GSPC (last of the default list), then ^TNX, which has no data.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Up);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_EQ(w.chartView()->bars().size(), 5105U);
    QTest::keyClick(view, Qt::Key_Up);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^TNX"));
    EXPECT_TRUE(w.chartView()->isEmptyStateShown());
    EXPECT_TRUE(
        w.chartView()->emptyStateMessage().contains(QStringLiteral("No cached data for ^TNX")));
    QTest::keyClick(view, Qt::Key_Down);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_FALSE(w.chartView()->isEmptyStateShown());

    // With the chart focused (clicked), Up/Down still go through the watchlist.
    QWidget* chart = w.chartView()->plot();
    chart->setFocus();
    QTest::keyClick(chart, Qt::Key_Down);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("GSPC19"));
    EXPECT_EQ(w.watchlistDock()->currentSymbol(), QStringLiteral("GSPC19"));
    QTest::keyClick(chart, Qt::Key_Up);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    QTest::keyClick(chart, Qt::Key_Left);  // the chart's own keys stay the chart's
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
}

// A series of closes only (the 10-year yield from FRED) is drawn as a line: its candles were
// scattered dashes. A symbol with real bars goes back to the chosen style.
TEST_F(MainWindowTest, ASeriesOfClosesOnlyIsDrawnAsALine) {
    std::vector<Bar> closes;
    for (const Bar& b : sampleBars()) {
        closes.push_back(Bar{b.day, b.close, b.close, b.close, b.close, b.close, 0});
    }
    ASSERT_TRUE(cache->upsertBars("CLOSES", closes));
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    w.showSymbol(QStringLiteral("^GSPC"));
    EXPECT_EQ(w.chartView()->style(), ui::ChartStyle::Candles);
    w.showSymbol(QStringLiteral("CLOSES"));
    EXPECT_EQ(w.chartView()->style(), ui::ChartStyle::Line);
    w.showSymbol(QStringLiteral("^GSPC"));
    EXPECT_EQ(w.chartView()->style(), ui::ChartStyle::Candles);
}

TEST_F(MainWindowTest, LastSymbolAndViewChoicesPersist) {
    {
        auto s = settings();
        ui::MainWindow w(*cache, *s);
        w.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
        w.showSymbol(QStringLiteral("GSPC19"));
        w.document()->setTimeframe(Timeframe::Weekly);
        auto* lists = qobject_cast<ui::WatchlistModel*>(w.watchlistDock()->view()->model());
        ASSERT_NE(lists, nullptr);
        ASSERT_TRUE(lists->createList(QStringLiteral("Second")).isEmpty());
        ASSERT_TRUE(lists->addSymbol(QStringLiteral("GSPC19")).isEmpty());
        w.close();
    }
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("GSPC19"));
    EXPECT_EQ(w.document()->timeframe(), Timeframe::Weekly);
    EXPECT_EQ(w.watchlistDock()->currentSymbol(), QStringLiteral("GSPC19"));
    // The list last shown comes back, not the first stored one.
    auto* lists = qobject_cast<ui::WatchlistModel*>(w.watchlistDock()->view()->model());
    ASSERT_NE(lists, nullptr);
    EXPECT_EQ(lists->currentList(), QStringLiteral("Second"));
    EXPECT_EQ(w.watchlistDock()->listChooser()->currentText(), QStringLiteral("Second"));
}

TEST_F(MainWindowTest, ImportReportsAndRefusesBadFilesWithoutTouchingTheCache) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    const auto before = cache->listSymbols().value().size();
    const QString bad = QString::fromStdString(dataFile("cli/bad-low-above-close.csv").string());
    const QString report =
        w.importFiles({bad}, [](const QString&) { return QStringLiteral("BAD"); });
    EXPECT_TRUE(report.contains(QStringLiteral("bad-low-above-close.csv:5:")))
        << report.toStdString();
    EXPECT_EQ(cache->listSymbols().value().size(), before);

    const QString good = QString::fromStdString(dataFile("cli/gspc-2019-12-yahoo.csv").string());
    const QString ok = w.importFiles({good}, [](const QString&) { return QStringLiteral("new1"); });
    EXPECT_TRUE(ok.contains(QStringLiteral("NEW1: 27 bars"))) << ok.toStdString();
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("NEW1"));
    EXPECT_GE(qobject_cast<ui::WatchlistModel*>(w.watchlistDock()->view()->model())
                  ->rowOf(QStringLiteral("NEW1")),
              0);
}

TEST_F(MainWindowTest, CtrlShiftCCopiesTheChartImageToTheClipboard) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QImage image = QGuiApplication::clipboard()->image();
    ASSERT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 600);
    EXPECT_GE(image.height(), 300);
}

}  // namespace
}  // namespace retest::test
