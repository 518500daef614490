// The views of a ChartDocument, headless: rebuilt from the document alone they show what it
// holds; deleting document, chart, bindings and docks in any order is safe; in the window,
// holding Down through the watchlist leaves at most one analysis running, and Ctrl+Z undoes a
// manual level just as it undoes a drawing.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <algorithm>
#include <array>
#include <numeric>

#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_paths.h"
#include "ui/annotations/annotation_controller.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart_document.h"
#include "ui/document_chart.h"
#include "ui/export/export_controller.h"
#include "ui/levels/levels_panel.h"
#include "ui/main_window.h"
#include "ui/watchlist/watchlist_dock.h"

namespace retest::ui {
namespace {

/// The zones the chart draws: the default selection and every manual level.
int shownZones(const LevelAnalysis& a) {
    return static_cast<int>(std::count_if(a.zones.begin(), a.zones.end(),
                                          [](const Zone& z) { return z.shown || z.manual; }));
}

class DocumentViews : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened);
        cache = std::move(opened.value());
        ASSERT_TRUE(importCsvFile(*cache, test::sampleCsv(), "^GSPC"));
    }
    /// Window settings in a scratch file; background refresh off so nothing goes online.
    std::unique_ptr<QSettings> windowSettings() const {
        auto s = std::make_unique<QSettings>(
            QString::fromStdString(tmp.file("retest.ini").string()), QSettings::IniFormat);
        s->setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
        return s;
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(DocumentViews, AreRebuiltFromTheDocumentAlone) {
    ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    ASSERT_TRUE(doc.addManualLevel(1234.5, QStringLiteral("mine")));
    ASSERT_NE(doc.addDrawing(makeHorizontalLine(3000)), 0);
    ASSERT_NE(doc.addDrawing(makeHorizontalLine(2500)), 0);
    const auto manual = std::find_if(doc.levels().zones.begin(), doc.levels().zones.end(),
                                     [](const Zone& z) { return z.manual; });
    ASSERT_NE(manual, doc.levels().zones.end());
    doc.selectLevel(manual->id);
    doc.setShowAutoLevels(false);

    // Views made now, from nothing but the document.
    ChartView view;
    view.resize(1200, 700);
    DocumentChart chart(doc, view);
    LevelsPanel panel(doc);
    AnnotationController tools(view, doc);
    EXPECT_EQ(view.bars().size(), doc.bars().size());
    LevelOverlay& overlay = *chart.levelOverlay();
    EXPECT_EQ(overlay.bandCount(), 1) << "auto levels are off: only the manual one";
    EXPECT_EQ(overlay.highlightedZone(), doc.zoneIndex(manual->id));
    EXPECT_EQ(tools.layer().count(), 2);
    EXPECT_FALSE(panel.autoLevelsBox()->isChecked());
    int visible = 0;
    for (int row = 0; row < panel.table()->rowCount(); ++row) {
        visible += !panel.table()->isRowHidden(row);
    }
    EXPECT_EQ(visible, 1);
    const auto selected = panel.table()->selectedItems();
    ASSERT_FALSE(selected.isEmpty());
    EXPECT_EQ(panel.zoneAtRow(selected.front()->row()), doc.zoneIndex(manual->id));

    // They follow the document, never each other: an undo reaches all of them.
    doc.setShowAutoLevels(true);
    EXPECT_TRUE(panel.autoLevelsBox()->isChecked());
    EXPECT_EQ(overlay.bandCount(), shownZones(doc.levels()));
    doc.undoStack().undo();  // the second line
    EXPECT_EQ(tools.layer().count(), 1);
    doc.undoStack().undo();  // the first line
    doc.undoStack().undo();  // the manual level
    EXPECT_EQ(tools.layer().count(), 0);
    EXPECT_EQ(overlay.bandCount(), shownZones(doc.levels()));
    EXPECT_EQ(panel.table()->rowCount(), static_cast<int>(doc.levels().zones.size()));
    EXPECT_EQ(overlay.highlightedZone(), -1) << "the selected level is gone";
}

TEST_F(DocumentViews, SelectionIsByIdAndSurvivesARecomputation) {
    ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    ChartView view;
    view.resize(1200, 700);
    DocumentChart chart(doc, view);
    LevelsPanel panel(doc);
    ASSERT_TRUE(panel.selectZone(panel.zoneAtRow(0)));
    const std::string id = doc.selectedLevelId();
    ASSERT_FALSE(id.empty());
    // A manual level far below everything shifts every zone's index, not its id.
    ASSERT_TRUE(doc.addManualLevel(500, QString()));
    doc.selectLevel(id);
    EXPECT_EQ(doc.levels().zones[static_cast<std::size_t>(doc.zoneIndex(id))].id, id);
    EXPECT_EQ(chart.levelOverlay()->highlightedZone(), doc.zoneIndex(id));
    const auto selected = panel.table()->selectedItems();
    ASSERT_FALSE(selected.isEmpty());
    EXPECT_EQ(panel.zoneAtRow(selected.front()->row()), doc.zoneIndex(id));
}

TEST_F(DocumentViews, DeletingInAnyOrderIsSafe) {
    std::vector<Bar> few;
    ASSERT_TRUE(cache->readBars("^GSPC", 0, *parseIsoDate("2001-06-30"), few));
    ASSERT_TRUE(cache->upsertBars("FEW", few));
    std::array<int, 5> order{};
    std::iota(order.begin(), order.end(), 0);
    int runs = 0;
    do {
        auto doc = std::make_unique<ChartDocument>(*cache);
        doc->setSynchronousLevels(true);
        doc->setSymbol(QStringLiteral("FEW"));
        auto view = std::make_unique<ChartView>();
        auto chart = std::make_unique<DocumentChart>(*doc, *view);
        auto panel = std::make_unique<LevelsPanel>(*doc);
        auto tools = std::make_unique<AnnotationController>(*view, *doc);
        ASSERT_TRUE(doc->addManualLevel(100, QString()));
        for (const int what : order) {
            switch (what) {
                case 0:
                    doc.reset();
                    break;
                case 1:
                    view.reset();
                    break;
                case 2:
                    chart.reset();
                    break;
                case 3:
                    panel.reset();
                    break;
                case 4:
                    tools.reset();
                    break;
                default:
                    break;
            }
            if (doc) {  // whatever is left keeps working
                doc->setSensitivity(doc->levelSettings().sensitivity > 0.5 ? 0.3 : 0.8);
                doc->addDrawing(makeHorizontalLine(120));
                doc->undoStack().undo();
            }
        }
        ++runs;
    } while (std::next_permutation(order.begin(), order.end()));
    EXPECT_EQ(runs, 120);
}

TEST_F(DocumentViews, HoldingDownThroughTheWatchlistLeavesAtMostOneAnalysisRunning) {
    for (const char* name : {"IWM", "VTWO", "KRE", "XBI", "XLI", "SPY", "QQQ", "^RUT", "^TNX"}) {
        ASSERT_TRUE(importCsvFile(*cache, test::sampleCsv(), name));
    }
    auto settings = windowSettings();
    MainWindow w(*cache, *settings);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QTableView* list = w.watchlistDock()->view();
    list->setFocus();
    w.watchlistDock()->selectSymbol(QStringLiteral("IWM"));
    ChartDocument& doc = *w.document();
    const int before = doc.analysesStarted();
    // Auto-repeat: key presses as fast as the window takes them, events processed in between.
    for (int i = 0; i < 9; ++i) {
        QTest::keyPress(list, Qt::Key_Down, Qt::NoModifier);
        QApplication::processEvents();
        EXPECT_LE(doc.analysesRunning(), 1);
    }
    QTest::keyRelease(list, Qt::Key_Down, Qt::NoModifier);
    EXPECT_EQ(doc.symbol(), QStringLiteral("^GSPC"));
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    RETEST_WAIT_FOR(doc.analysesRunning() == 0, 20000);
    EXPECT_EQ(doc.peakAnalysesRunning(), 1);
    EXPECT_LE(doc.analysesStarted() - before, 9);
    EXPECT_EQ(doc.levels().asOf, doc.bars().back().day);
    EXPECT_EQ(w.levelOverlay()->analysis().asOf, doc.bars().back().day);

    // Repeats faster than an analysis (queued key events): stale requests are coalesced.
    const int burst = doc.analysesStarted();
    for (int i = 0; i < 9; ++i) {
        QTest::keyPress(list, Qt::Key_Up, Qt::NoModifier);
        EXPECT_LE(doc.analysesRunning(), 1);
    }
    EXPECT_EQ(doc.symbol(), QStringLiteral("IWM"));
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    RETEST_WAIT_FOR(doc.analysesRunning() == 0, 20000);
    EXPECT_LE(doc.analysesStarted() - burst, 2) << "one for the first key, one for the last";
    EXPECT_EQ(doc.peakAnalysesRunning(), 1);
    EXPECT_EQ(w.levelOverlay()->analysis().asOf, doc.bars().back().day);
}

TEST_F(DocumentViews, CtrlZUndoesAManualLevelAsItUndoesALine) {
    auto settings = windowSettings();
    MainWindow w(*cache, *settings);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    ChartDocument& doc = *w.document();
    ASSERT_NE(doc.addDrawing(makeHorizontalLine(3000)), 0);
    ASSERT_TRUE(w.levelsPanel()->addLevel(1500, QStringLiteral("mine"), true));
    ASSERT_EQ(cache->manualLevels("^GSPC").value().size(), 1U);
    w.chartView()->setFocus();
    QTest::keyClick(w.chartView(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_TRUE(cache->manualLevels("^GSPC").value().empty());
    EXPECT_EQ(cache->annotationStore().ofSymbol("^GSPC").value().size(), 1U);
    QTest::keyClick(w.chartView(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_TRUE(cache->annotationStore().ofSymbol("^GSPC").value().empty());
    QTest::keyClick(w.chartView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    EXPECT_EQ(cache->annotationStore().ofSymbol("^GSPC").value().size(), 1U);
}

TEST_F(DocumentViews, CacheErrorsReachTheStatusBarAndTheExport) {
    // A drawing row this version cannot read (written by hand, as a damaged or newer file has).
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(tmp.file("cache.sqlite").c_str(), &db), SQLITE_OK);
        ASSERT_EQ(
            sqlite3_exec(db,
                         "INSERT INTO annotations(symbol, kind, day1, price1, color, width, "
                         "line, font_size) VALUES('^GSPC', 'spiral', 0, 1, 0, 1, 'solid', 10)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
        sqlite3_close(db);
    }
    auto settings = windowSettings();
    MainWindow w(*cache, *settings);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_TRUE(w.statusBar()->currentMessage().contains(QStringLiteral("spiral")))
        << w.statusBar()->currentMessage().toStdString();
    EXPECT_EQ(w.chartView()->bars().size(), 5105U) << "the prices still show";

    const QString out = QString::fromStdString(tmp.file("chart.png").string());
    QString error;
    EXPECT_FALSE(w.exportController()->saveCurrent(out, ExportSettings{}, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("spiral"))) << error.toStdString();
    EXPECT_FALSE(QFile::exists(out));
}

}  // namespace
}  // namespace retest::ui
