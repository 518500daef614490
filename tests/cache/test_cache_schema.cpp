// Opening files the cache did not just create: an old schema is migrated with its data kept,
// a newer schema or a file that is not a database is refused with a clear message and left as
// it was.
#include <gtest/gtest.h>

#include <fstream>

#include <sqlite3.h>

#include "core/cache/price_cache.h"
#include "core/model/date.h"
#include "tests/cache/raw_sqlite.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using test::rawExec;

int rawUserVersion(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    const int version = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return version;
}

TEST(CacheSchema, VersionOneFileIsMigratedAndKeepsItsBars) {
    test::TempDir dir;
    const auto path = dir.file("old.db");
    rawExec(path, test::readFile(test::dataFile("cache/v1_with_data.sql")));
    ASSERT_EQ(rawUserVersion(path), 1);

    auto opened = PriceCache::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    auto& cache = *opened.value();
    EXPECT_EQ(rawUserVersion(path), PriceCache::schemaVersion());
    EXPECT_GE(PriceCache::schemaVersion(), 2);

    const Day jan3 = *parseIsoDate("2000-01-03");
    EXPECT_EQ(
        *cache.readAllBars("^GSPC"),
        (std::vector<Bar>{
            {jan3, 1469.25, 1478.0, 1438.359985, 1455.219971, 1455.219971, 931800000},
            {jan3 + 1, 1455.219971, 1455.219971, 1397.430054, 1399.420044, 1399.420044, 1009000000},
            {jan3 + 2, 1399.420044, 1413.27002, 1377.680054, 1402.109985, 1402.109985,
             1085500000}}));
    const SymbolInfo gspc = **cache.symbolInfo("^GSPC");
    EXPECT_EQ(gspc.description, "S&P 500");
    EXPECT_EQ(gspc.firstDay, jan3);
    EXPECT_EQ(gspc.lastDay, jan3 + 2);
    EXPECT_EQ(gspc.barCount, 3);
    EXPECT_EQ(gspc.lastRefreshUnix, 1700000000);

    // A symbol that only had bars is listed; a missing adjusted close reads as the close.
    auto list = cache.listSymbols();
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].symbol, "TEST");
    EXPECT_EQ((*list)[0].barCount, 1);
    EXPECT_EQ(cache.readAllBars("TEST")->at(0).adjClose, 81.0);

    // The new tables work and the upgraded file reopens without migrating again.
    ASSERT_TRUE(cache.addManualLevel("^GSPC", 1400, "support").ok());
    opened.value().reset();
    auto again = PriceCache::open(path);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ((*again)->manualLevels("^GSPC")->size(), 1u);
    EXPECT_EQ((*again)->readAllBars("^GSPC")->size(), 3u);
}

TEST(CacheSchema, NewerFileIsRefusedNamingPathAndVersions) {
    test::TempDir dir;
    const auto path = dir.file("future.db");
    // A future Retest cache: marked with Retest's application_id, unknown tables.
    rawExec(path,
            "CREATE TABLE future(x); PRAGMA user_version = 999; "
            "PRAGMA application_id = 1381258068;");
    auto opened = PriceCache::open(path);
    ASSERT_FALSE(opened.ok());
    const std::string& msg = opened.error().message;
    EXPECT_NE(msg.find(path.string()), std::string::npos) << msg;
    EXPECT_NE(msg.find("999"), std::string::npos) << msg;
    EXPECT_NE(msg.find(std::to_string(PriceCache::schemaVersion())), std::string::npos) << msg;
    EXPECT_EQ(rawUserVersion(path), 999);
}

TEST(CacheSchema, TextFileIsRefusedAndLeftUntouched) {
    test::TempDir dir;
    const auto path = dir.file("notes.db");
    const std::string text =
        "date,close\n2020-01-02,3257.85\nThese are my notes, not a database.\n";
    { std::ofstream(path, std::ios::binary) << text; }
    auto opened = PriceCache::open(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find(path.string()), std::string::npos)
        << opened.error().message;
    EXPECT_NE(opened.error().message.find("not"), std::string::npos);
    EXPECT_EQ(test::readFile(path), text);
    EXPECT_FALSE(std::filesystem::exists(path.string() + "-wal"));
    EXPECT_FALSE(std::filesystem::exists(path.string() + "-journal"));
}

TEST(CacheSchema, AnotherProgramsDatabaseIsRefusedAndLeftUntouched) {
    test::TempDir dir;
    const auto path = dir.file("other.db");
    rawExec(path, "CREATE TABLE contacts(name TEXT); INSERT INTO contacts VALUES('Ada');");
    const std::string bytes = test::readFile(path);
    auto opened = PriceCache::open(path);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find(path.string()), std::string::npos);
    EXPECT_NE(opened.error().message.find("another program"), std::string::npos);
    EXPECT_EQ(test::readFile(path), bytes);
}

TEST(CacheSchema, FolderInPlaceOfTheFileIsAnError) {
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("taken"));
    auto opened = PriceCache::open(dir.file("taken"));
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find(dir.file("taken").string()), std::string::npos);
}

}  // namespace
}  // namespace retest
