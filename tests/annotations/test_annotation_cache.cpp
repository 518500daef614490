// Annotations in the price cache: every kind stored and read back exactly, edits, all-or-nothing
// imports, and survival of everything the price data goes through (re-download, removal,
// schema upgrade).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include "core/cache/price_cache.h"
#include "core/csv/csv_import.h"
#include "core/model/date.h"
#include "tests/annotations/annotation_samples.h"
#include "tests/cache/raw_sqlite.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

class AnnotationCache : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened).value();
    }

    /// Stores the samples and returns them with their new ids.
    std::vector<Annotation> storeAll(const std::string& symbol) {
        std::vector<Annotation> all = test::everyKind(symbol);
        for (Annotation& a : all) {
            auto id = cache->annotationStore().add(a);
            EXPECT_TRUE(id.ok()) << id.error().message;
            a.id = id.ok() ? *id : 0;
        }
        return all;
    }

    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(AnnotationCache, EveryKindRoundTripsExactlyAndSurvivesReopening) {
    const std::vector<Annotation> stored = storeAll("^GSPC");
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);
    EXPECT_EQ(**cache->annotationStore().byId(stored[4].id), stored[4]);
    EXPECT_TRUE(cache->annotationStore().ofSymbol("IWM")->empty());
    EXPECT_EQ(*cache->annotationStore().byId(9999), std::nullopt);

    cache.reset();
    auto again = PriceCache::open(tmp.file("cache.sqlite"));
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(*(*again)->annotationStore().ofSymbol("^GSPC"), stored);
}

// Undo's restore: a removed annotation comes back exactly, under its id; an annotation whose id
// is taken (another row has it) gets a new one and the other row is untouched.
TEST_F(AnnotationCache, RestoreKeepsTheIdWhenItIsFree) {
    const std::vector<Annotation> stored = storeAll("^GSPC");
    ASSERT_TRUE(cache->annotationStore().remove(stored[2].id).ok());
    auto id = cache->annotationStore().restore(stored[2]);
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(*id, stored[2].id);
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);

    Annotation copy = stored[3];
    copy.label = "a copy";
    auto other = cache->annotationStore().restore(copy);  // stored[3] still has that id
    ASSERT_TRUE(other.ok()) << other.error().message;
    EXPECT_NE(*other, stored[3].id);
    EXPECT_EQ(**cache->annotationStore().byId(stored[3].id), stored[3]);
    EXPECT_EQ((*cache->annotationStore().byId(*other))->label, "a copy");
}

TEST_F(AnnotationCache, UpdateAndRemoveChangeOnlyTheirAnnotation) {
    std::vector<Annotation> stored = storeAll("^GSPC");
    Annotation moved = stored[1];
    moved.points = {{0, 2237.4}, {0, 2304.92}};
    moved.label = "retest zone (tightened)";
    ASSERT_TRUE(cache->annotationStore().update(moved).ok());
    stored[1] = moved;
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);

    ASSERT_TRUE(cache->annotationStore().remove(stored[0].id).ok());
    stored.erase(stored.begin());
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);

    auto gone = cache->annotationStore().remove(987654);
    ASSERT_FALSE(gone.ok());
    EXPECT_NE(gone.error().message.find("no annotation with id 987654"), std::string::npos);
    Annotation ghost = stored[0];
    ghost.id = 987654;
    EXPECT_FALSE(cache->annotationStore().update(ghost).ok());
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);
}

TEST_F(AnnotationCache, InvalidAnnotationsAreRefusedBeforeWriting) {
    auto zone = makeZone(2304.92, 2191.86);
    zone.symbol = "^GSPC";
    auto r = cache->annotationStore().add(zone);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("low price (first point) is above the high price"),
              std::string::npos)
        << r.error().message;
    auto noSymbol = cache->annotationStore().add(makeHorizontalLine(3393.52));
    ASSERT_FALSE(noSymbol.ok());
    EXPECT_NE(noSymbol.error().message.find("needs a symbol"), std::string::npos);
    EXPECT_TRUE(cache->annotationStore().ofSymbol("^GSPC")->empty());
}

TEST_F(AnnotationCache, ReplaceIsAllOrNothing) {
    const std::vector<Annotation> before = storeAll("^GSPC");
    std::vector<Annotation> incoming = test::everyKind("ELSEWHERE");
    incoming[5].points[1].price = std::numeric_limits<double>::quiet_NaN();
    auto refused = cache->annotationStore().replace("^GSPC", incoming);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("annotation 6: arrow: the price of point 2"),
              std::string::npos)
        << refused.error().message;
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), before);

    incoming.pop_back();
    incoming[5].points[1].price = 2344.44;
    auto ids = cache->annotationStore().replace("^GSPC", incoming);
    ASSERT_TRUE(ids.ok()) << ids.error().message;
    ASSERT_EQ(ids->size(), 6u);
    const auto now = *cache->annotationStore().ofSymbol("^GSPC");
    ASSERT_EQ(now.size(), 6u);
    for (std::size_t i = 0; i < now.size(); ++i) {
        EXPECT_EQ(now[i].id, (*ids)[i]);
        EXPECT_EQ(now[i].symbol, "^GSPC");
        EXPECT_EQ(now[i].points, incoming[i].points);
        EXPECT_GT(now[i].id, before.back().id);  // fresh ids, never the file's
    }
    ASSERT_TRUE(cache->annotationStore().append("^GSPC", std::span(incoming).first(1)).ok());
    EXPECT_EQ(cache->annotationStore().ofSymbol("^GSPC")->size(), 7u);
}

TEST_F(AnnotationCache, PriceDataChangesNeverDeleteAnnotations) {
    auto csv = readCsvFile(test::sampleCsv());
    ASSERT_TRUE(csv.ok()) << csv.error().message();
    const std::vector<Bar>& bars = csv->bars;
    ASSERT_TRUE(cache->upsertBars("^GSPC", bars).ok());
    const std::vector<Annotation> stored = storeAll("^GSPC");

    ASSERT_TRUE(cache->replaceBars("^GSPC", std::span(bars).first(100)).ok());
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);
    const CorporateAction split{bars[50].day, CorporateAction::Kind::Split, 2.0};
    ASSERT_TRUE(
        cache->applyUpdate("^GSPC", SymbolUpdate{bars, std::span(&split, 1), {}, true}).ok());
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);
    ASSERT_TRUE(cache->removeSymbol("^GSPC").ok());
    EXPECT_TRUE(cache->readAllBars("^GSPC")->empty());
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);
    ASSERT_TRUE(cache->upsertBars("^GSPC", bars).ok());  // re-import
    EXPECT_EQ(*cache->annotationStore().ofSymbol("^GSPC"), stored);
    EXPECT_EQ(cache->readAllBars("^GSPC")->size(), bars.size());
}

using test::rawExec;

/// The schema version that added annotations (later versions keep them).
constexpr int kAnnotationSchemaVersion = 3;

/// Opens an old-schema file, checks its data survived, and stores every kind in it.
void migrateAndAnnotate(const std::filesystem::path& path) {
    auto opened = PriceCache::open(path);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    PriceCache& cache = *opened.value();
    EXPECT_GE(PriceCache::schemaVersion(), kAnnotationSchemaVersion);
    const auto bars = *cache.readAllBars("^GSPC");
    ASSERT_EQ(bars.size(), 3u);
    EXPECT_EQ(bars[0].day, *parseIsoDate("2000-01-03"));
    EXPECT_EQ(bars[2].close, 1402.109985);
    EXPECT_EQ((**cache.symbolInfo("^GSPC")).description, "S&P 500");
    EXPECT_TRUE(cache.annotationStore().ofSymbol("^GSPC")->empty());
    std::vector<Annotation> all = test::everyKind("^GSPC");
    for (Annotation& a : all) {
        a.id = *cache.annotationStore().add(a);
    }
    EXPECT_EQ(*cache.annotationStore().ofSymbol("^GSPC"), all);
}

TEST(AnnotationMigration, VersionOneFileGainsAnnotationsKeepingItsBars) {
    test::TempDir dir;
    const auto path = dir.file("v1.db");
    rawExec(path, test::readFile(test::dataFile("cache/v1_with_data.sql")));
    migrateAndAnnotate(path);
}

TEST(AnnotationMigration, VersionTwoFileGainsAnnotationsKeepingLevelsAndActions) {
    test::TempDir dir;
    const auto path = dir.file("v2.db");
    rawExec(path, test::readFile(test::dataFile("annotations/v2_with_data.sql")));
    migrateAndAnnotate(path);
    auto cache = PriceCache::open(path);
    ASSERT_TRUE(cache.ok()) << cache.error().message;
    const auto levels = *(*cache)->manualLevels("^GSPC");
    ASSERT_EQ(levels.size(), 1u);
    EXPECT_EQ(levels[0].price, 1400.0);
    EXPECT_EQ(levels[0].label, "round number");
    EXPECT_EQ(*(*cache)->corporateActions("^GSPC"),
              (std::vector<CorporateAction>{
                  {*parseIsoDate("2000-01-04"), CorporateAction::Kind::Dividend, 0.5}}));
    EXPECT_EQ((*cache)->annotationStore().ofSymbol("^GSPC")->size(), 7u);
}

}  // namespace
}  // namespace retest
