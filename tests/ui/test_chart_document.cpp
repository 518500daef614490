// ChartDocument: what a chart shows for a symbol — timeframe, adjusted prices, "as of" dates,
// levels recomputed off the GUI thread, manual levels kept in the cache.
#include <gtest/gtest.h>
#include <QSignalSpy>
#include <QTest>

#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"
#include "ui/chart_document.h"

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
    EXPECT_DOUBLE_EQ(doc.bars()[0].open, 50);
    EXPECT_DOUBLE_EQ(doc.bars()[0].high, 55);
    EXPECT_DOUBLE_EQ(doc.bars()[0].close, 52);
    doc.setAdjusted(false);
    EXPECT_DOUBLE_EQ(doc.bars()[0].open, 100);
    EXPECT_DOUBLE_EQ(doc.bars()[0].close, 104);
}

TEST_F(ChartDocumentTest, LevelsArriveFromTheBackgroundAndOnlyTheNewestCounts) {
    ui::ChartDocument doc(*cache);
    QSignalSpy spy(&doc, &ui::ChartDocument::levelsChanged);
    doc.setSymbol(QStringLiteral("^GSPC"));
    doc.setTimeframe(Timeframe::Weekly);  // a second request before the first finished
    ASSERT_TRUE(spy.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!doc.levelsPending(), 10000);
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

TEST_F(ChartDocumentTest, AnUnknownSymbolIsEmptyWithAHelpfulMessage) {
    ui::ChartDocument doc(*cache);
    EXPECT_TRUE(doc.setSymbol(QStringLiteral("KRE")));
    EXPECT_TRUE(doc.bars().empty());
    EXPECT_TRUE(doc.emptyMessage().contains(QStringLiteral("No cached data for KRE")));
    EXPECT_TRUE(doc.emptyMessage().contains(QStringLiteral("Import")));
}

}  // namespace
}  // namespace retest::test
