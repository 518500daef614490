// A failed write must leave the cache exactly as it was: bars, actions and symbol details. The
// failures are forced midway through the transaction (an invalid bar after valid ones, or a
// trigger installed by another connection that aborts a later statement).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include <sqlite3.h>

#include "core/cache/price_cache.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using Kind = CorporateAction::Kind;

// Hand-made bars (not real prices).
Bar bar(Day day, double close) {
    return Bar{day, close - 0.5, close + 1, close - 1, close, close, 1000};
}

void rawExec(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

struct Snapshot {
    std::vector<Bar> bars;
    std::vector<CorporateAction> actions;
    std::vector<SymbolInfo> symbols;
};

class AtomicityTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(dbPath);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        const std::vector<CorporateAction> actions{{2, Kind::Split, 2.0}};
        ASSERT_TRUE(
            cache
                ->applyUpdate("IWM", {std::vector<Bar>{bar(1, 10), bar(2, 11), bar(3, 12)}, actions,
                                      SymbolMeta{"Russell 2000", "USD", "csv"}, false})
                .ok());
        before = snapshot();
    }

    Snapshot snapshot() const {
        return Snapshot{*cache->readAllBars("IWM"), *cache->corporateActions("IWM"),
                        *cache->listSymbols()};
    }

    void expectUnchanged() const {
        const Snapshot now = snapshot();
        EXPECT_EQ(now.bars, before.bars);
        EXPECT_EQ(now.actions, before.actions);
        ASSERT_EQ(now.symbols.size(), before.symbols.size());
        for (std::size_t i = 0; i < now.symbols.size(); ++i) {
            const SymbolInfo& a = now.symbols[i];
            const SymbolInfo& b = before.symbols[i];
            EXPECT_EQ(a.symbol, b.symbol);
            EXPECT_EQ(a.description, b.description);
            EXPECT_EQ(a.source, b.source);
            EXPECT_EQ(a.firstDay, b.firstDay);
            EXPECT_EQ(a.lastDay, b.lastDay);
            EXPECT_EQ(a.barCount, b.barCount);
            EXPECT_EQ(a.lastRefreshUnix, b.lastRefreshUnix);
        }
    }

    /// An update that touches everything: new, changed and identical days, actions, metadata.
    SymbolUpdate bigUpdate(bool replaceAll) {
        updateBars = {bar(1, 10), bar(2, 99), bar(4, 13), bar(5, 14)};
        updateActions = {{4, Kind::Dividend, 0.5}, {2, Kind::Split, 3.0}};
        return SymbolUpdate{updateBars, updateActions, SymbolMeta{"changed", "EUR", "yahoo"},
                            replaceAll};
    }

    test::TempDir dir;
    std::filesystem::path dbPath = dir.file("prices.db");
    std::unique_ptr<PriceCache> cache;
    Snapshot before;
    std::vector<Bar> updateBars;
    std::vector<CorporateAction> updateActions;
};

TEST_F(AtomicityTest, NonFiniteBarMidwayIsRefusedAndNothingIsWritten) {
    for (double bad : {std::nan(""), std::numeric_limits<double>::infinity()}) {
        SymbolUpdate update = bigUpdate(false);
        updateBars[3].high = bad;  // after a new day and a changed day were written
        auto result = cache->applyUpdate("IWM", update);
        ASSERT_FALSE(result.ok());
        EXPECT_NE(result.error().message.find("IWM"), std::string::npos);
        EXPECT_NE(result.error().message.find("1970-01-06"), std::string::npos)
            << result.error().message;
        EXPECT_NE(result.error().message.find(dbPath.string()), std::string::npos);
        expectUnchanged();
    }
}

TEST_F(AtomicityTest, InvalidSplitIsRefusedAndNothingIsWritten) {
    SymbolUpdate update = bigUpdate(true);
    updateActions[1].value = 0;
    EXPECT_FALSE(cache->applyUpdate("IWM", update).ok());
    expectUnchanged();
}

TEST_F(AtomicityTest, DatabaseErrorWhileWritingActionsRollsBackAReplace) {
    // The replace has already deleted and rewritten every bar when the trigger fires.
    rawExec(dbPath,
            "CREATE TRIGGER fail_actions BEFORE INSERT ON corporate_actions "
            "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    auto result = cache->applyUpdate("IWM", bigUpdate(true));
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("disk on fire"), std::string::npos)
        << result.error().message;
    expectUnchanged();
}

TEST_F(AtomicityTest, DatabaseErrorAtTheLastStepRollsBackEverything) {
    rawExec(dbPath,
            "CREATE TRIGGER fail_symbols BEFORE UPDATE ON symbols "
            "BEGIN SELECT RAISE(ABORT, 'no more room'); END");
    EXPECT_FALSE(cache->applyUpdate("IWM", bigUpdate(false)).ok());
    expectUnchanged();

    // Once the obstacle is gone the very same update goes through.
    rawExec(dbPath, "DROP TRIGGER fail_symbols");
    auto ok = cache->applyUpdate("IWM", bigUpdate(false));
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->inserted, 2u);
    EXPECT_EQ(ok->updated, 1u);
    EXPECT_EQ(ok->unchanged, 1u);
}

}  // namespace
}  // namespace retest
