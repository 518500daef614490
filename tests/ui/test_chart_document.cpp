// ChartDocument: what a chart shows for a symbol — timeframe, adjusted prices, "as of" dates,
// levels recomputed off the GUI thread (at most one at a time), and every edit (manual levels,
// drawings, sensitivity) undoable through the document's one history and kept in the cache.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <algorithm>
#include <chrono>
#include <thread>

#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/support/qt_printers.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_paths.h"
#include "ui/chart_document.h"
#include "ui/chart_document_commands.h"

namespace retest::test {
namespace {

class ChartDocumentTest : public ::testing::Test {
protected:
    void SetUp() override {
        cache = std::move(PriceCache::open(tmp.file("c.sqlite")).value());
        ASSERT_TRUE(importCsvFile(*cache, sampleCsv(), "^GSPC"));
    }
    TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(ChartDocumentTest, TimeframesResampleTheStoredDays) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    ASSERT_TRUE(doc.setSymbol(QStringLiteral("^GSPC")));
    EXPECT_EQ(doc.bars().size(), 5105U);
    doc.setTimeframe(Timeframe::Monthly);
    EXPECT_EQ(doc.bars().size(), 244U);  // Jan 2000 .. Apr 2020
    EXPECT_EQ(doc.dailyBars().size(), 5105U);
    EXPECT_EQ(formatIsoDate(doc.bars().back().day), "2020-04-17");
}

TEST_F(ChartDocumentTest, UntilHidesTheFutureFromBarsAndLevels) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setUntil(parseIsoDate("2007-12-31"));
    ASSERT_TRUE(doc.setSymbol(QStringLiteral("^GSPC")));
    EXPECT_EQ(formatIsoDate(doc.bars().back().day), "2007-12-31");
    ASSERT_TRUE(doc.levels().allTimeHigh);
    EXPECT_EQ(formatIsoDate(doc.levels().allTimeHigh->closeDay), "2007-10-09");
    doc.setUntil(std::nullopt);
    EXPECT_EQ(formatIsoDate(doc.bars().back().day), "2020-04-17");
    EXPECT_EQ(formatIsoDate(doc.levels().allTimeHigh->closeDay), "2020-02-19");
}

TEST_F(ChartDocumentTest, AdjustedPricesScaleByAdjustedClose) {
    // Two hand-made sessions, the first with a 2:1 split-style adjustment (adjClose = close/2).
    const std::vector<Bar> bars = {Bar{*parseIsoDate("2020-01-02"), 100, 110, 90, 104, 52, 10},
                                   Bar{*parseIsoDate("2020-01-03"), 52, 56, 50, 55, 55, 20}};
    ASSERT_TRUE(cache->upsertBars("SPLIT", bars));
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("SPLIT"));
    ASSERT_EQ(doc.bars().size(), 2U);
    // As traded by default: the prices chartists quote.
    EXPECT_FALSE(doc.adjusted());
    EXPECT_DOUBLE_EQ(doc.bars()[0].open, 100);
    EXPECT_DOUBLE_EQ(doc.bars()[0].close, 104);
    doc.setAdjusted(true);
    EXPECT_DOUBLE_EQ(doc.bars()[0].open, 50);
    EXPECT_DOUBLE_EQ(doc.bars()[0].high, 55);
    EXPECT_DOUBLE_EQ(doc.bars()[0].close, 52);
}

TEST_F(ChartDocumentTest, LevelsArriveFromTheBackgroundAndOnlyTheNewestCounts) {
    ui::ChartDocument doc(*cache);
    QSignalSpy spy(&doc, &ui::ChartDocument::levelsChanged);
    doc.setSymbol(QStringLiteral("^GSPC"));
    doc.setTimeframe(Timeframe::Weekly);  // a second request before the first finished
    ASSERT_TRUE(spy.wait(10000));
    RETEST_WAIT_FOR(!doc.levelsPending(), 10000);
    // Only the weekly analysis is kept: its as-of day is the last weekly bar.
    EXPECT_EQ(doc.levels().asOf, doc.bars().back().day);
    EXPECT_FALSE(doc.levels().zones.empty());
}

TEST_F(ChartDocumentTest, ManualLevelsLiveInTheCacheAndJoinTheAnalysis) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    auto id = doc.addManualLevel(3000.0, QStringLiteral("round number"));
    ASSERT_TRUE(id);
    bool found = false;
    for (const Zone& z : doc.levels().zones) {
        found |= z.manual && z.low <= 3000.0 && z.high >= 3000.0;
    }
    EXPECT_TRUE(found);
    ui::ChartDocument again(*cache);
    again.setSynchronousLevels(true);
    again.setSymbol(QStringLiteral("^GSPC"));
    ASSERT_EQ(again.manualLevels().size(), 1U);
    EXPECT_EQ(again.manualLevels()[0].label, "round number");
    ASSERT_TRUE(again.removeManualLevel(*id));
    EXPECT_TRUE(again.manualLevels().empty());
}

/// The manual zones of an analysis, by their cache id.
std::vector<std::int64_t> manualZoneIds(const LevelAnalysis& a) {
    std::vector<std::int64_t> ids;
    for (const Zone& z : a.zones) {
        if (z.manual) {
            ids.push_back(z.manualId);
        }
    }
    return ids;
}

TEST_F(ChartDocumentTest, ManualLevelEditsUndoAndRedoThroughTheCache) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    QUndoStack& undo = doc.undoStack();
    const auto stored = [&] { return cache->manualLevels("^GSPC").value(); };

    auto id = doc.addManualLevel(1500, QStringLiteral("neckline"));
    ASSERT_TRUE(id);
    ASSERT_EQ(stored().size(), 1U);
    EXPECT_EQ(manualZoneIds(doc.levels()), std::vector<std::int64_t>{*id});  // identity, not price
    EXPECT_EQ(undo.count(), 1);

    ASSERT_TRUE(doc.editManualLevel(*id, 1550, QStringLiteral("new neckline")));
    EXPECT_DOUBLE_EQ(stored().front().price, 1550);
    EXPECT_EQ(stored().front().label, "new neckline");
    undo.undo();  // the edit
    EXPECT_DOUBLE_EQ(stored().front().price, 1500);
    EXPECT_EQ(stored().front().label, "neckline");
    undo.undo();  // the add
    EXPECT_TRUE(stored().empty());
    EXPECT_TRUE(doc.manualLevels().empty());
    EXPECT_TRUE(manualZoneIds(doc.levels()).empty());

    undo.redo();  // the add again, under its first id
    ASSERT_EQ(stored().size(), 1U);
    const std::int64_t now = doc.resolveManualId(*id);
    EXPECT_EQ(stored().front().id, now);
    EXPECT_EQ(manualZoneIds(doc.levels()), std::vector<std::int64_t>{now});
    undo.redo();  // the edit, on the re-added row
    EXPECT_DOUBLE_EQ(stored().front().price, 1550);

    ASSERT_TRUE(doc.removeManualLevel(*id));
    EXPECT_TRUE(stored().empty());
    undo.undo();
    ASSERT_EQ(stored().size(), 1U);
    EXPECT_DOUBLE_EQ(stored().front().price, 1550);
    EXPECT_EQ(stored().front().label, "new neckline");
    EXPECT_EQ(manualZoneIds(doc.levels()).size(), 1U);
}

TEST_F(ChartDocumentTest, DrawingEditsUndoAndRedoThroughTheCache) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    QSignalSpy changed(&doc, &ui::ChartDocument::drawingsChanged);
    const auto stored = [&] { return cache->annotationStore().ofSymbol("^GSPC").value(); };

    const std::int64_t id = doc.addDrawing(makeHorizontalLine(3000));
    ASSERT_NE(id, 0);
    ASSERT_EQ(stored().size(), 1U);
    EXPECT_EQ(doc.drawings().size(), 1U);
    EXPECT_GE(changed.count(), 1);

    Annotation moved = *doc.findDrawing(id);
    moved.points[0].price = 3100;
    ASSERT_TRUE(doc.editDrawing(moved, QStringLiteral("Move horizontal line")));
    EXPECT_DOUBLE_EQ(stored().front().points[0].price, 3100);
    ASSERT_TRUE(doc.removeDrawing(id));
    EXPECT_TRUE(stored().empty());

    QUndoStack& undo = doc.undoStack();
    undo.undo();  // remove
    ASSERT_EQ(stored().size(), 1U);
    EXPECT_DOUBLE_EQ(stored().front().points[0].price, 3100);
    undo.undo();  // move, on the row stored again under its id
    EXPECT_DOUBLE_EQ(stored().front().points[0].price, 3000);
    undo.undo();  // add
    EXPECT_TRUE(stored().empty());
    EXPECT_TRUE(doc.drawings().empty());
    undo.redo();
    undo.redo();
    undo.redo();
    EXPECT_TRUE(stored().empty());
    undo.undo();
    ASSERT_EQ(doc.drawings().size(), 1U);
    EXPECT_DOUBLE_EQ(doc.drawings().front().points[0].price, 3100);
    EXPECT_EQ(doc.findDrawing(id), &doc.drawings().front());

    // A refused drawing is no edit at all.
    Annotation bad = makeZone(3200, 3100);  // low above high
    EXPECT_EQ(doc.addDrawing(bad), 0);
    EXPECT_EQ(doc.drawings().size(), 1U);
}

// Undoing a removal (or redoing an add) stores the row under its own id again: the manual
// zone's id ("M<id>") and its events' ids in JSON stay, and `retest annotate --remove ID` still
// names the drawing. Only when the command line took the id meanwhile does it get a new one,
// which the first id still finds.
TEST_F(ChartDocumentTest, UndoingARemovalKeepsTheRowsId) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    QUndoStack& undo = doc.undoStack();

    const auto level = doc.addManualLevel(1500, QStringLiteral("neckline"));
    ASSERT_TRUE(level);
    const std::int64_t drawing = doc.addDrawing(makeHorizontalLine(3000));
    ASSERT_NE(drawing, 0);
    ASSERT_TRUE(doc.removeManualLevel(*level));
    ASSERT_TRUE(doc.removeDrawing(drawing));
    undo.undo();
    undo.undo();
    ASSERT_EQ(cache->manualLevels("^GSPC").value().size(), 1U);
    EXPECT_EQ(cache->manualLevels("^GSPC").value().front().id, *level);
    EXPECT_EQ(manualZoneIds(doc.levels()), std::vector<std::int64_t>{*level});
    ASSERT_EQ(cache->annotationStore().ofSymbol("^GSPC").value().size(), 1U);
    EXPECT_EQ(cache->annotationStore().ofSymbol("^GSPC").value().front().id, drawing);
    EXPECT_EQ(doc.resolveManualId(*level), *level);

    undo.undo();  // the drawing's add
    undo.undo();  // the level's add
    undo.redo();
    undo.redo();
    EXPECT_EQ(cache->manualLevels("^GSPC").value().front().id, *level);
    EXPECT_EQ(cache->annotationStore().ofSymbol("^GSPC").value().front().id, drawing);

    // The command line stores a level under the removed one's id: the undo gives a new id.
    ASSERT_TRUE(doc.removeManualLevel(*level));
    ASSERT_TRUE(cache->restoreManualLevel(ManualLevel{*level, "^GSPC", 1234, "from the CLI"}));
    undo.undo();
    const auto levels = cache->manualLevels("^GSPC").value();
    ASSERT_EQ(levels.size(), 2U);
    const std::int64_t moved = doc.resolveManualId(*level);
    EXPECT_NE(moved, *level);
    EXPECT_TRUE(std::any_of(levels.begin(), levels.end(), [&](const ManualLevel& m) {
        return m.id == moved && m.label == "neckline";
    }));
    EXPECT_TRUE(std::any_of(levels.begin(), levels.end(), [&](const ManualLevel& m) {
        return m.id == *level && m.label == "from the CLI";
    }));
}

TEST_F(ChartDocumentTest, SensitivityChangesInOneRunMergeIntoOneUndoStep) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    const std::size_t before = doc.levels().zones.size();
    doc.setSensitivity(0.7);
    doc.setSensitivity(0.9);  // a dragged slider
    const std::size_t many = doc.levels().zones.size();
    EXPECT_GT(many, before);
    EXPECT_EQ(doc.undoStack().count(), 1);
    doc.undoStack().undo();
    EXPECT_DOUBLE_EQ(doc.levelSettings().sensitivity, 0.5);
    EXPECT_EQ(doc.levels().zones.size(), before);
    doc.undoStack().redo();
    EXPECT_DOUBLE_EQ(doc.levelSettings().sensitivity, 0.9);
    EXPECT_EQ(doc.levels().zones.size(), many);
    // A second drag a moment later is a step of its own: undo takes back only that one.
    std::this_thread::sleep_for(ui::SensitivityCommand::kRun + std::chrono::milliseconds(100));
    doc.setSensitivity(0.3);
    EXPECT_EQ(doc.undoStack().count(), 2);
    doc.undoStack().undo();
    EXPECT_DOUBLE_EQ(doc.levelSettings().sensitivity, 0.9);
}

TEST_F(ChartDocumentTest, SensitivityIsRememberedPerSymbolInTheCache) {
    ASSERT_TRUE(importCsvFile(*cache, sampleCsv(), "OTHER"));
    {
        ui::ChartDocument doc(*cache);
        doc.setSynchronousLevels(true);
        doc.setSymbol(QStringLiteral("^GSPC"));
        doc.setSensitivity(0.8);
        doc.setSymbol(QStringLiteral("OTHER"));  // never changed there: the default
        EXPECT_DOUBLE_EQ(doc.levelSettings().sensitivity, 0.5);
        doc.setSymbol(QStringLiteral("^GSPC"));
        EXPECT_DOUBLE_EQ(doc.levelSettings().sensitivity, 0.8);
    }
    // The next session (a new window on the same cache) opens ^GSPC as it was left.
    ui::ChartDocument next(*cache);
    next.setSynchronousLevels(true);
    next.setSymbol(QStringLiteral("^GSPC"));
    EXPECT_DOUBLE_EQ(next.levelSettings().sensitivity, 0.8);
    EXPECT_DOUBLE_EQ(next.levels().sensitivity, 0.8);
    // Undo writes the cache too.
    next.setSensitivity(0.3);
    next.undoStack().undo();
    EXPECT_EQ(cache->levelSensitivity("^GSPC").value(), 0.8);
    EXPECT_FALSE(cache->setLevelSensitivity("^GSPC", 1.5));  // refused, nothing changed
    EXPECT_EQ(cache->levelSensitivity("^GSPC").value(), 0.8);
}

TEST_F(ChartDocumentTest, AFailedWriteIsReportedAndLeavesNoUndoStep) {
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    auto id = doc.addManualLevel(1500, QString());
    ASSERT_TRUE(id);
    ASSERT_TRUE(cache->removeManualLevel(*id));  // another process removed it meanwhile
    QSignalSpy errors(&doc, &ui::ChartDocument::errorOccurred);
    const auto removed = doc.removeManualLevel(*id);
    EXPECT_FALSE(removed);
    ASSERT_EQ(errors.count(), 1);
    EXPECT_TRUE(errors.front().front().toString().contains(QStringLiteral("no manual level")));
    EXPECT_EQ(doc.undoStack().count(), 1);  // only the add
}

TEST_F(ChartDocumentTest, SwitchingSymbolsClearsTheHistoryAndLoadsTheirEdits) {
    ASSERT_TRUE(cache->addManualLevel("GSPC2", 1000, "other").ok());
    ASSERT_TRUE(importCsvFile(*cache, sampleCsv(), "GSPC2"));
    ui::ChartDocument doc(*cache);
    doc.setSynchronousLevels(true);
    doc.setSymbol(QStringLiteral("^GSPC"));
    ASSERT_NE(doc.addDrawing(makeHorizontalLine(3000)), 0);
    ASSERT_TRUE(doc.undoStack().canUndo());
    doc.setSymbol(QStringLiteral("GSPC2"));
    EXPECT_FALSE(doc.undoStack().canUndo());
    EXPECT_TRUE(doc.drawings().empty());
    ASSERT_EQ(doc.manualLevels().size(), 1U);
    EXPECT_EQ(doc.manualLevels().front().label, "other");
}

TEST_F(ChartDocumentTest, HoldingAKeyCoalescesAnalysesAndRunsOneAtATime) {
    ASSERT_TRUE(importCsvFile(*cache, sampleCsv(), "GSPC2"));
    ui::ChartDocument doc(*cache);
    const QString symbols[] = {QStringLiteral("^GSPC"), QStringLiteral("GSPC2")};
    for (int i = 0; i < 40; ++i) {  // 40 switches faster than one analysis takes
        doc.setSymbol(symbols[i % 2]);
        EXPECT_LE(doc.analysesRunning(), 1);
    }
    EXPECT_LE(doc.analysesStarted(), 2) << "requests made while one runs are coalesced";
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    RETEST_WAIT_FOR(doc.analysesRunning() == 0, 5000);
    EXPECT_EQ(doc.peakAnalysesRunning(), 1);
    EXPECT_LE(doc.analysesStarted(), 2);
    EXPECT_EQ(doc.levels().asOf, doc.bars().back().day);
}

TEST_F(ChartDocumentTest, CurrentAnalysisIsTheNewSymbolsEvenRightAfterASwitch) {
    std::vector<Bar> half;
    ASSERT_TRUE(cache->readBars("^GSPC", 0, *parseIsoDate("2010-12-31"), half));
    ASSERT_TRUE(cache->upsertBars("OLD", half));
    ui::ChartDocument doc(*cache);
    doc.setSymbol(QStringLiteral("^GSPC"));
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    doc.setSymbol(QStringLiteral("OLD"));
    EXPECT_TRUE(doc.levelsPending());
    EXPECT_EQ(doc.currentAnalysis().asOf, *parseIsoDate("2010-12-31"));
    EXPECT_FALSE(doc.levelsPending());
    EXPECT_EQ(doc.levels().asOf, *parseIsoDate("2010-12-31"));
    // The background job of the switch finishes later and changes nothing.
    RETEST_WAIT_FOR(doc.analysesRunning() == 0, 20000);
    QTest::qWait(50);
    EXPECT_EQ(doc.levels().asOf, *parseIsoDate("2010-12-31"));
}

TEST_F(ChartDocumentTest, ARefreshThatAddsADayAnalysesThatDayNotTheHistory) {
    std::vector<Bar> all;
    ASSERT_TRUE(cache->readBars("^GSPC", 0, *parseIsoDate("2020-12-31"), all));
    const std::span<const Bar> bars(all);
    ASSERT_TRUE(cache->upsertBars("GROW", bars.first(all.size() - 1)));
    ui::ChartDocument doc(*cache);
    doc.setSymbol(QStringLiteral("GROW"));
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    EXPECT_GT(doc.lastAnalysedBars(), all.size());  // daily, weekly and monthly, from scratch
    ASSERT_TRUE(cache->upsertBars("GROW", bars.last(1)));  // what a refresh stores
    doc.reload();
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    // The new day on the daily view; on the weekly and monthly views their last bar (revised
    // or new) and at most the one it completed.
    EXPECT_LE(doc.lastAnalysedBars(), 5U);
    // ... and the chart reads exactly as a fresh look at the same bars.
    ui::ChartDocument fresh(*cache);
    fresh.setSynchronousLevels(true);
    fresh.setSymbol(QStringLiteral("GROW"));
    const LevelAnalysis& a = doc.levels();
    const LevelAnalysis& b = fresh.levels();
    EXPECT_EQ(a.asOf, all.back().day);
    ASSERT_EQ(a.zones.size(), b.zones.size());
    for (std::size_t k = 0; k < a.zones.size(); ++k) {
        EXPECT_EQ(a.zones[k].id, b.zones[k].id);
        EXPECT_EQ(a.zones[k].why, b.zones[k].why);
    }
    ASSERT_EQ(a.events.size(), b.events.size());
    for (std::size_t k = 0; k < a.events.size(); ++k) {
        EXPECT_EQ(a.events[k].description(), b.events[k].description());
    }
    ASSERT_EQ(a.higherTimeframe.size(), b.higherTimeframe.size());
    for (std::size_t k = 0; k < a.higherTimeframe.size(); ++k) {
        EXPECT_EQ(a.higherTimeframe[k].id, b.higherTimeframe[k].id);
    }
    // A change of sensitivity is a new analysis of everything.
    doc.setSensitivity(0.8);
    RETEST_WAIT_FOR(!doc.levelsPending(), 20000);
    EXPECT_GT(doc.lastAnalysedBars(), all.size());
}

TEST_F(ChartDocumentTest, AnUnknownSymbolIsEmptyWithAHelpfulMessage) {
    ui::ChartDocument doc(*cache);
    EXPECT_TRUE(doc.setSymbol(QStringLiteral("KRE")));
    EXPECT_TRUE(doc.bars().empty());
    EXPECT_TRUE(doc.emptyMessage().contains(QStringLiteral("No cached data for KRE")));
    EXPECT_TRUE(doc.emptyMessage().contains(QStringLiteral("Import")));
}

}  // namespace
}  // namespace retest::test
