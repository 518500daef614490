// Watchlists stored in the cache: the default list, edits, persistence and refused edits.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>

#include "core/cache/watchlist_store.h"
#include "core/model/date.h"
#include "core/model/watchlist.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

/// The schema version that added watchlists and alerts.
constexpr int kWatchlistSchemaVersion = 4;

std::vector<std::string> defaultSymbols() {
    return {kDefaultWatchlist.begin(), kDefaultWatchlist.end()};
}

class WatchlistStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(db);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
    }
    void reopen() {
        cache.reset();
        SetUp();
    }
    test::TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
    std::unique_ptr<PriceCache> cache;
};

TEST_F(WatchlistStoreTest, ANewCacheHasTheDefaultListFirst) {
    EXPECT_GE(PriceCache::schemaVersion(), kWatchlistSchemaVersion);
    WatchlistStore store(*cache);
    const auto lists = store.lists();
    ASSERT_TRUE(lists.ok()) << lists.error().message;
    ASSERT_EQ(lists->size(), 1u);
    EXPECT_EQ(lists->front().name, kDefaultWatchlistName);
    EXPECT_EQ(*store.members(kDefaultWatchlistName), defaultSymbols());
}

TEST_F(WatchlistStoreTest, EditsSurviveReopening) {
    {
        WatchlistStore store(*cache);
        ASSERT_TRUE(store.create(" Rates ").ok());
        const std::vector<std::string> add = {"^tnx", "dgs10", "IWM:SPY"};
        const auto added = store.add("Rates", add);
        ASSERT_TRUE(added.ok()) << added.error().message;
        EXPECT_EQ(*added, (std::vector<std::string>{"^TNX", "DGS10", "IWM:SPY"}));
        ASSERT_TRUE(store.move("Rates", "iwm:spy", 0).ok());
        ASSERT_TRUE(store.removeSymbol("Rates", "DGS10").ok());
        ASSERT_TRUE(store.rename("Rates", "Rates & ratios").ok());
    }
    reopen();
    WatchlistStore store(*cache);
    const auto lists = *store.lists();
    ASSERT_EQ(lists.size(), 2u);
    EXPECT_EQ(lists[1].name, "Rates & ratios");
    EXPECT_EQ(lists[1].size, 2u);
    EXPECT_EQ(*store.members("Rates & ratios"), (std::vector<std::string>{"IWM:SPY", "^TNX"}));
    ASSERT_TRUE(store.remove("Rates & ratios").ok());
    EXPECT_EQ(store.lists()->size(), 1u);
}

// What a batch (export --watchlist, the window's watchlist export) covers: the user's default
// list in the user's order, then what else is cached; or one named list.
TEST_F(WatchlistStoreTest, ABatchIsTheDefaultListInItsOrderThenTheOtherCachedSymbols) {
    const std::vector<Bar> bars = {Bar{*parseIsoDate("2025-01-02"), 10, 11, 9, 10.5, 10.5, 100}};
    ASSERT_TRUE(cache->upsertBars("ZZZ", bars));
    ASSERT_TRUE(cache->upsertBars("KRE", bars));  // on the list: not listed twice
    WatchlistStore store(*cache);
    ASSERT_TRUE(store.move(kDefaultWatchlistName, "^GSPC", 0).ok());
    std::vector<std::string> expected = defaultSymbols();
    std::rotate(expected.begin(), expected.end() - 1, expected.end());  // ^GSPC first
    expected.emplace_back("ZZZ");
    EXPECT_EQ(*store.batchSymbols(), expected);
    ASSERT_TRUE(store.create("Rates").ok());
    ASSERT_TRUE(store.add("Rates", std::vector<std::string>{"^TNX"}).ok());
    EXPECT_EQ(*store.batchSymbols(" Rates "), (std::vector<std::string>{"^TNX"}));
    ASSERT_TRUE(store.create("Empty").ok());
    ASSERT_FALSE(store.batchSymbols("Empty").ok());
    EXPECT_EQ(store.batchSymbols("Empty").error().message, "the watchlist \"Empty\" is empty");
    EXPECT_FALSE(store.batchSymbols("Nope").ok());
}

TEST_F(WatchlistStoreTest, DuplicatesAndBadSymbolsRefuseTheWholeAddWithEachNamed) {
    WatchlistStore store(*cache);
    const std::vector<std::string> add = {"NEW1", "iwm", "bad sym", "NEW1"};
    const auto r = store.add(kDefaultWatchlistName, add);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "IWM is already on \"Small caps & sectors\"\n"
              "\"BAD SYM\" has a space in it (one symbol a line)\n"
              "NEW1 is given twice");
    EXPECT_EQ(*store.members(kDefaultWatchlistName), defaultSymbols());
}

TEST_F(WatchlistStoreTest, UnknownListsNamesAndTheLastListGetClearMessages) {
    WatchlistStore store(*cache);
    const auto missing = store.members("Nope");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().message,
              "no watchlist named \"Nope\" (lists: \"Small caps & sectors\")");
    EXPECT_EQ(store.create("Small caps & sectors").error().message,
              "a watchlist named \"Small caps & sectors\" already exists");
    EXPECT_EQ(store.create("  ").error().message, "a watchlist needs a name");
    EXPECT_EQ(store.remove(kDefaultWatchlistName).error().message,
              "cannot delete \"Small caps & sectors\": it is the only watchlist (create another "
              "first)");
    EXPECT_EQ(store.removeSymbol(kDefaultWatchlistName, "AAPL").error().message,
              "AAPL is not on \"Small caps & sectors\"");
}

TEST_F(WatchlistStoreTest, AnOlderCacheIsMigratedAndGetsTheDefaultList) {
    cache.reset();
    std::filesystem::remove(db);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    // A version-2 file with data, as an older Retest left it.
    const std::string sql = test::readFile(test::dataFile("annotations/v2_with_data.sql"));
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    auto opened = PriceCache::open(db);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    cache = std::move(opened.value());
    WatchlistStore store(*cache);
    EXPECT_EQ(*store.members(kDefaultWatchlistName), defaultSymbols());
    EXPECT_EQ(cache->readAllBars("^GSPC")->size(), 3u);
}

}  // namespace
}  // namespace retest
