// The price cache's behaviour as the app sees it: what is written comes back, statistics are
// exact, writes are all or nothing, and the user's manual levels survive data replacement.
#include <gtest/gtest.h>

#include <cmath>
#include <ctime>
#include <limits>

#include "core/cache/price_cache.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using Kind = CorporateAction::Kind;

// Hand-made bars (not real prices): the close is the only thing that varies; every price is
// positive so the bar rules (core/model/bar_validation.h) pass.
Bar bar(Day day, double close) {
    return Bar{day, close * 0.95, close + 1, close * 0.9, close, close, 1000};
}

std::unique_ptr<PriceCache> openCache(const std::filesystem::path& path) {
    auto cache = PriceCache::open(path);
    EXPECT_TRUE(cache.ok()) << (cache.ok() ? "" : cache.error().message);
    return cache.ok() ? std::move(cache.value()) : nullptr;
}

std::vector<Bar> allBars(const PriceCache& cache, std::string_view symbol) {
    auto bars = cache.readAllBars(symbol);
    EXPECT_TRUE(bars.ok());
    return bars.ok() ? *bars : std::vector<Bar>{};
}

class PriceCacheTest : public ::testing::Test {
protected:
    test::TempDir dir;
    std::filesystem::path dbPath = dir.file("prices.db");
    std::unique_ptr<PriceCache> cache = openCache(dbPath);
};

TEST_F(PriceCacheTest, StartsEmptyAndRefusesAFolderThatDoesNotExist) {
    ASSERT_TRUE(cache);
    // Issue 13: a typo in a --db path must not create folders and a new cache.
    const auto typo = dir.file("nested/folder/prices.db");
    auto refused = PriceCache::open(typo);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().message,
              "Price cache " + typo.string() + ": the folder " + typo.parent_path().string() +
                  " does not exist; create it first or check the path (nothing was created)");
    EXPECT_FALSE(std::filesystem::exists(dir.file("nested")));
    EXPECT_TRUE(std::filesystem::exists(dbPath));
    EXPECT_EQ(cache->path(), dbPath);
    EXPECT_TRUE(*cache->isEmpty());
    EXPECT_TRUE(cache->listSymbols()->empty());
}

TEST_F(PriceCacheTest, BarsSurviveCloseAndReopen) {
    const std::vector<Bar> bars{Bar{100, 10.25, 11.5, 9.75, 11.0, 10.5, 123456789.0},
                                Bar{101, 11.0, 12.0, 10.0, 11.5, 11.25, 0.0},
                                Bar{105, 1e-6, 1e6, 1e-7, 0.1 + 0.2, 1.0 / 3.0, 4.5e12}};
    ASSERT_TRUE(cache->upsertBars("IWM", bars).ok());
    cache.reset();
    auto reopened = openCache(dbPath);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(allBars(*reopened, "IWM"), bars);  // bit-exact doubles
    EXPECT_FALSE(*reopened->isEmpty());
}

TEST_F(PriceCacheTest, TwoOpenCachesOnOneFileSeeEachOthersWrites) {
    // The app and the command-line tool may have the same file open at once.
    auto other = openCache(dbPath);
    ASSERT_TRUE(other);
    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{bar(1, 10)}).ok());
    EXPECT_EQ(allBars(*other, "IWM"), std::vector<Bar>{bar(1, 10)});
    ASSERT_TRUE(other->upsertBars("IWM", std::vector<Bar>{bar(2, 11)}).ok());
    EXPECT_EQ(allBars(*cache, "IWM"), (std::vector<Bar>{bar(1, 10), bar(2, 11)}));
    EXPECT_EQ((*cache->symbolInfo("IWM"))->barCount, 2);
}

TEST_F(PriceCacheTest, UpsertCountsInsertedUpdatedAndUnchangedDays) {
    auto first = cache->upsertBars("IWM", std::vector<Bar>{bar(1, 10), bar(2, 11), bar(3, 12)});
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->inserted, 3u);
    EXPECT_EQ(first->updated, 0u);
    EXPECT_EQ(first->unchanged, 0u);

    Bar volumeOnly = bar(3, 12);
    volumeOnly.volume = 999;
    auto second = cache->upsertBars(
        "IWM", std::vector<Bar>{bar(1, 10), bar(2, 11.5), volumeOnly, bar(4, 13)});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->inserted, 1u);
    EXPECT_EQ(second->updated, 2u);
    EXPECT_EQ(second->unchanged, 1u);
    EXPECT_EQ(allBars(*cache, "IWM"),
              (std::vector<Bar>{bar(1, 10), bar(2, 11.5), volumeOnly, bar(4, 13)}));
    EXPECT_EQ((*cache->symbolInfo("IWM"))->barCount, 4);
}

TEST_F(PriceCacheTest, UnsortedInputIsStoredByDayAndTheLastDuplicateWins) {
    auto stats = cache->upsertBars("IWM", std::vector<Bar>{bar(5, 1), bar(2, 2), bar(5, 3)});
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->inserted, 2u);
    EXPECT_EQ(allBars(*cache, "IWM"), (std::vector<Bar>{bar(2, 2), bar(5, 3)}));
}

TEST_F(PriceCacheTest, ReplaceBarsDropsDaysNotInTheNewDataAndItsActions) {
    const std::vector<CorporateAction> split{{2, Kind::Split, 2.0}};
    ASSERT_TRUE(
        cache
            ->applyUpdate("IWM",
                          {std::vector<Bar>{bar(1, 10), bar(2, 11), bar(3, 12)}, split, {}, false})
            .ok());
    auto stats = cache->replaceBars("IWM", std::vector<Bar>{bar(2, 11), bar(3, 12.5), bar(4, 13)});
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->inserted, 1u);
    EXPECT_EQ(stats->updated, 1u);
    EXPECT_EQ(stats->unchanged, 1u);
    EXPECT_EQ(allBars(*cache, "IWM"), (std::vector<Bar>{bar(2, 11), bar(3, 12.5), bar(4, 13)}));
    EXPECT_TRUE(cache->corporateActions("IWM")->empty());
    const auto info = **cache->symbolInfo("IWM");
    EXPECT_EQ(info.barCount, 3);
    EXPECT_EQ(info.firstDay, 2);
    EXPECT_EQ(info.lastDay, 4);
}

TEST_F(PriceCacheTest, SymbolInfoReportsRangeCountMetadataAndRefreshTime) {
    const auto before = static_cast<std::int64_t>(std::time(nullptr));
    ASSERT_TRUE(cache
                    ->upsertBars("^GSPC", std::vector<Bar>{bar(20, 1), bar(10, 2), bar(30, 3)},
                                 SymbolMeta{"S&P 500", "USD", "sample"})
                    .ok());
    const auto after = static_cast<std::int64_t>(std::time(nullptr));
    auto info = cache->symbolInfo("^GSPC");
    ASSERT_TRUE(info.ok() && info->has_value());
    const SymbolInfo& i = **info;
    EXPECT_EQ(i.symbol, "^GSPC");
    EXPECT_EQ(i.description, "S&P 500");
    EXPECT_EQ(i.currency, "USD");
    EXPECT_EQ(i.source, "sample");
    EXPECT_EQ(i.firstDay, 10);
    EXPECT_EQ(i.lastDay, 30);
    EXPECT_EQ(i.barCount, 3);
    ASSERT_TRUE(i.lastRefreshUnix.has_value());
    EXPECT_GE(*i.lastRefreshUnix, before);
    EXPECT_LE(*i.lastRefreshUnix, after);

    // Empty metadata leaves stored values; non-empty replaces them.
    ASSERT_TRUE(
        cache->upsertBars("^GSPC", std::vector<Bar>{bar(40, 4)}, SymbolMeta{"", "", "yahoo"}).ok());
    const SymbolInfo j = **cache->symbolInfo("^GSPC");
    EXPECT_EQ(j.description, "S&P 500");
    EXPECT_EQ(j.currency, "USD");
    EXPECT_EQ(j.source, "yahoo");
    EXPECT_EQ(j.lastDay, 40);
    EXPECT_EQ(j.barCount, 4);
}

TEST_F(PriceCacheTest, ListSymbolsIsSortedAndIncludesMetadataOnlySymbols) {
    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{bar(1, 1)}).ok());
    ASSERT_TRUE(cache->upsertBars("^GSPC", std::vector<Bar>{bar(1, 1), bar(2, 2)}).ok());
    ASSERT_TRUE(cache->applyUpdate("AAPL", SymbolUpdate{{}, {}, {"Apple", "USD", ""}, false}).ok());
    auto list = cache->listSymbols();
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].symbol, "AAPL");
    EXPECT_EQ((*list)[1].symbol, "IWM");
    EXPECT_EQ((*list)[2].symbol, "^GSPC");
    EXPECT_EQ((*list)[0].barCount, 0);
    EXPECT_FALSE((*list)[0].firstDay.has_value());
    EXPECT_EQ((*list)[0].description, "Apple");
    EXPECT_EQ((*list)[2].barCount, 2);
}

TEST_F(PriceCacheTest, UnknownSymbolIsEmptyNotAnError) {
    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{bar(1, 1)}).ok());
    std::vector<Bar> out{bar(9, 9)};
    ASSERT_TRUE(cache->readBars("NOPE", 0, 100, out).ok());
    EXPECT_TRUE(out.empty());
    EXPECT_FALSE(cache->symbolInfo("NOPE")->has_value());
    EXPECT_TRUE(cache->corporateActions("NOPE")->empty());
    EXPECT_TRUE(cache->manualLevels("NOPE")->empty());
    EXPECT_TRUE(cache->removeSymbol("NOPE").ok());
    EXPECT_EQ(allBars(*cache, "IWM").size(), 1u);
}

TEST_F(PriceCacheTest, ReadBarsIsInclusiveAndReusesTheCallersBuffer) {
    ASSERT_TRUE(
        cache->upsertBars("IWM", std::vector<Bar>{bar(1, 1), bar(2, 2), bar(3, 3), bar(4, 4)})
            .ok());
    std::vector<Bar> out;
    out.reserve(64);
    const Bar* storage = out.data();
    ASSERT_TRUE(cache->readBars("IWM", 2, 3, out).ok());
    EXPECT_EQ(out, (std::vector<Bar>{bar(2, 2), bar(3, 3)}));
    EXPECT_EQ(out.data(), storage);
    ASSERT_TRUE(cache->readBars("IWM", 5, 9, out).ok());
    EXPECT_TRUE(out.empty());
}

TEST_F(PriceCacheTest, CorporateActionsRoundTripSortedAndUpsertedByDayAndKind) {
    const std::vector<CorporateAction> actions{
        {30, Kind::Dividend, 0.25}, {10, Kind::Split, 2.0}, {10, Kind::Dividend, 0.5}};
    ASSERT_TRUE(cache->applyUpdate("IWM", {{}, actions, {}, false}).ok());
    const std::vector<CorporateAction> revised{{30, Kind::Dividend, 0.3}};
    ASSERT_TRUE(cache->applyUpdate("IWM", {{}, revised, {}, false}).ok());
    cache.reset();
    auto reopened = openCache(dbPath);
    EXPECT_EQ(*reopened->corporateActions("IWM"),
              (std::vector<CorporateAction>{
                  {10, Kind::Split, 2.0}, {10, Kind::Dividend, 0.5}, {30, Kind::Dividend, 0.3}}));
}

TEST_F(PriceCacheTest, RemoveSymbolDropsPricesButKeepsManualLevels) {
    const std::vector<CorporateAction> div{{1, Kind::Dividend, 0.1}};
    ASSERT_TRUE(cache->applyUpdate("IWM", {std::vector<Bar>{bar(1, 1)}, div, {}, false}).ok());
    ASSERT_TRUE(cache->addManualLevel("IWM", 150.5, "neckline").ok());
    ASSERT_TRUE(cache->removeSymbol("IWM").ok());
    EXPECT_TRUE(allBars(*cache, "IWM").empty());
    EXPECT_TRUE(cache->corporateActions("IWM")->empty());
    EXPECT_FALSE(cache->symbolInfo("IWM")->has_value());
    EXPECT_TRUE(cache->listSymbols()->empty());
    EXPECT_TRUE(*cache->isEmpty());
    ASSERT_EQ(cache->manualLevels("IWM")->size(), 1u);
}

TEST_F(PriceCacheTest, ManualLevelsAddListRemoveAndSurviveReplaceBars) {
    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{bar(1, 150)}).ok());
    auto a = cache->addManualLevel("IWM", 150.5, "neckline");
    auto b = cache->addManualLevel("IWM", 120.25, "");
    auto c = cache->addManualLevel("SPY", 400, "round number");
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_NE(*a, *b);

    ASSERT_TRUE(cache->replaceBars("IWM", std::vector<Bar>{bar(2, 151)}).ok());
    auto levels = cache->manualLevels("IWM");
    ASSERT_TRUE(levels.ok());
    ASSERT_EQ(levels->size(), 2u);
    EXPECT_EQ((*levels)[0].id, *a);
    EXPECT_EQ((*levels)[0].symbol, "IWM");
    EXPECT_EQ((*levels)[0].price, 150.5);
    EXPECT_EQ((*levels)[0].label, "neckline");
    EXPECT_EQ((*levels)[1].price, 120.25);
    EXPECT_EQ((*levels)[1].label, "");

    ASSERT_TRUE(cache->removeManualLevel(*a).ok());
    EXPECT_EQ(cache->manualLevels("IWM")->size(), 1u);
    auto again = cache->removeManualLevel(*a);
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find(std::to_string(*a)), std::string::npos);
    EXPECT_EQ(cache->manualLevels("SPY")->size(), 1u);
    EXPECT_FALSE(cache->addManualLevel("IWM", std::nan(""), "x").ok());
}

}  // namespace
}  // namespace retest
