// Any symbol read from a real cache file: plain symbols, ratio symbols computed on the fly
// (a missing side named, no common dates explained), ^TNX shown from DGS10 only where the
// cache has no ^TNX, and the compare set and panes remembered per symbol (schema v4).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "core/cache/price_cache.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

// The schema version that adds chart_context; compared by name (renumbered at merges).
constexpr int kChartContextSchemaVersion = 5;

Bar bar(Day day, double close) {
    return Bar{day, close, close + 1, close - 1, close, close, 1000};
}

class SeriesLoaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(dir.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(cache->upsertBars(
            "IWM", std::vector<Bar>{bar(1, 200), bar(2, 210), bar(3, 220), bar(5, 230)}));
        ASSERT_TRUE(cache->upsertBars(
            "SPY", std::vector<Bar>{bar(1, 400), bar(3, 400), bar(4, 410), bar(5, 460)}));
        ASSERT_TRUE(cache->upsertBars("OLD", std::vector<Bar>{bar(-100, 5), bar(-99, 6)}));
        ASSERT_TRUE(cache->upsertBars("DGS10", std::vector<Bar>{bar(1, 4.5), bar(2, 5.1)}));
    }
    std::string error(std::string_view symbol, const SeriesRequest& r = {}) {
        auto s = loadSeries(*cache, symbol, r);
        EXPECT_FALSE(s.ok()) << symbol;
        return s.ok() ? std::string() : s.error().message;
    }
    test::TempDir dir;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(SeriesLoaderTest, RatioIsComputedOnCommonDates) {
    auto s = loadSeries(*cache, "iwm:spy");
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->symbol, "IWM:SPY");
    ASSERT_TRUE(s->ratio.has_value());
    ASSERT_EQ(s->bars.size(), 3u);  // days 1, 3, 5
    EXPECT_DOUBLE_EQ(s->bars[0].close, 0.5);
    EXPECT_DOUBLE_EQ(s->bars[1].close, 0.55);
    EXPECT_DOUBLE_EQ(s->bars[2].close, 0.5);
    ASSERT_TRUE(s->info.has_value());
    EXPECT_EQ(s->info->barCount, 3);
    EXPECT_EQ(s->info->description, "IWM / SPY");
}

TEST_F(SeriesLoaderTest, RatioHonoursTheRequestedDays) {
    SeriesRequest r;
    r.to = 3;
    auto s = loadSeries(*cache, "IWM:SPY", r);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->bars.size(), 2u);
    EXPECT_EQ(s->bars.back().day, 3);
}

TEST_F(SeriesLoaderTest, BadRatiosNameTheSymbolAndTheProblem) {
    const std::string missing = error("IWM:KRE");
    EXPECT_NE(missing.find("IWM:KRE"), std::string::npos) << missing;
    EXPECT_NE(missing.find("no cached data for KRE (the denominator of IWM:KRE)"),
              std::string::npos)
        << missing;
    EXPECT_NE(error("KRE:IWM").find("KRE (the numerator of KRE:IWM)"), std::string::npos);
    const std::string disjoint = error("IWM:OLD");
    EXPECT_NE(disjoint.find("no common dates"), std::string::npos) << disjoint;
    EXPECT_NE(error("SPY:SPY").find("by itself"), std::string::npos);
    EXPECT_NE(error("SPY:").find("no denominator"), std::string::npos);
    EXPECT_NE(error(":SPY").find("no numerator"), std::string::npos);
    EXPECT_NE(error("S$Y").find("not a symbol"), std::string::npos);
}

TEST_F(SeriesLoaderTest, UnknownPlainSymbolHasNoBarsAndWithDataSaysSo) {
    auto s = loadSeries(*cache, "KRE");
    ASSERT_TRUE(s.ok());
    EXPECT_TRUE(s->bars.empty());
    auto with = loadSeriesWithData(*cache, "kre");
    ASSERT_FALSE(with.ok());
    EXPECT_NE(with.error().message.find("no cached data for KRE"), std::string::npos);
}

TEST_F(SeriesLoaderTest, TnxStandsInFromDgs10OnlyWithoutItsOwnData) {
    SeriesRequest r;
    r.allowStandIn = true;
    auto s = loadSeries(*cache, "^tnx", r);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->symbol, "^TNX");
    EXPECT_EQ(s->dataSymbol, "DGS10");
    EXPECT_TRUE(s->standIn());
    EXPECT_EQ(s->bars.size(), 2u);
    EXPECT_TRUE(loadSeries(*cache, "^TNX")->bars.empty());  // not asked for

    ASSERT_TRUE(cache->upsertBars("^TNX", std::vector<Bar>{bar(7, 4.0)}));
    auto own = loadSeries(*cache, "^TNX", r);
    ASSERT_TRUE(own.ok());
    EXPECT_FALSE(own->standIn());
    ASSERT_EQ(own->bars.size(), 1u);
    EXPECT_EQ(own->bars[0].day, 7);
}

TEST_F(SeriesLoaderTest, ChartContextIsRememberedPerSymbolInOrder) {
    using Kind = ChartContextItem::Kind;
    const std::vector<ChartContextItem> items{{Kind::Compare, "KRE", {}, 0},
                                              {Kind::Compare, "SPY", {}, 0},
                                              {Kind::Pane, "^TNX", {5.0, 4.25}, 1.5}};
    ASSERT_TRUE(cache->setChartContext("IWM", items));
    ASSERT_TRUE(
        cache->setChartContext("SPY", std::vector<ChartContextItem>{{Kind::Pane, "DGS10", {}, 0}}));
    cache.reset();
    auto reopened = PriceCache::open(dir.file("cache.sqlite"));
    ASSERT_TRUE(reopened.ok());
    cache = std::move(reopened.value());
    EXPECT_EQ(cache->chartContext("IWM").value(), items);
    EXPECT_EQ(cache->chartContext("SPY").value().size(), 1u);
    EXPECT_TRUE(cache->chartContext("QQQ").value().empty());
    // A bad item stores nothing: the old set stays.
    const std::vector<ChartContextItem> bad{{Kind::Compare, "XLI", {}, 0},
                                            {Kind::Compare, "", {}, 0}};
    EXPECT_FALSE(cache->setChartContext("IWM", bad));
    EXPECT_EQ(cache->chartContext("IWM").value(), items);
    ASSERT_TRUE(cache->setChartContext("IWM", {}));
    EXPECT_TRUE(cache->chartContext("IWM").value().empty());

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir.file("cache.sqlite").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_GE(sqlite3_column_int(stmt, 0), kChartContextSchemaVersion);
    EXPECT_EQ(sqlite3_column_int(stmt, 0), PriceCache::schemaVersion());
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

}  // namespace
}  // namespace retest
