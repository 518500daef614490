// The real S&P 500 sample through the CSV importer into the cache and back, as the first start
// of the app does.
#include <gtest/gtest.h>

#include "core/cache/price_cache.h"
#include "core/csv/csv_import.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

TEST(CacheSample, SampleRoundTripsThroughTheCache) {
    auto imported = readCsvFile(test::sampleCsv());
    ASSERT_TRUE(imported.ok()) << imported.error().message();
    const std::vector<Bar>& bars = imported->bars;
    ASSERT_GT(bars.size(), 5000u);

    test::TempDir dir;
    const auto path = dir.file("prices.db");
    {
        auto cache = PriceCache::open(path);
        ASSERT_TRUE(cache.ok()) << cache.error().message;
        auto stats = (*cache)->upsertBars("^GSPC", bars, SymbolMeta{"S&P 500", "USD", "sample"});
        ASSERT_TRUE(stats.ok()) << stats.error().message;
        EXPECT_EQ(stats->inserted, bars.size());
    }
    auto cache = PriceCache::open(path);
    ASSERT_TRUE(cache.ok()) << cache.error().message;
    EXPECT_EQ(*(*cache)->readAllBars("^GSPC"), bars);

    const SymbolInfo info = **(*cache)->symbolInfo("^GSPC");
    EXPECT_EQ(info.firstDay, parseIsoDate("2000-01-03"));
    EXPECT_EQ(info.lastDay, parseIsoDate("2020-04-17"));
    EXPECT_EQ(info.barCount, static_cast<std::int64_t>(bars.size()));

    // The 2008 crash as a chart would ask for it.
    std::vector<Bar> range;
    ASSERT_TRUE(
        (*cache)
            ->readBars("^GSPC", *parseIsoDate("2008-10-01"), *parseIsoDate("2008-10-31"), range)
            .ok());
    ASSERT_EQ(range.size(), 23u);
    EXPECT_EQ(formatIsoDate(range.front().day), "2008-10-01");
    EXPECT_EQ(formatIsoDate(range.back().day), "2008-10-31");

    // Importing the same file again changes nothing.
    auto again = (*cache)->upsertBars("^GSPC", bars);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->inserted, 0u);
    EXPECT_EQ(again->updated, 0u);
    EXPECT_EQ(again->unchanged, bars.size());
}

}  // namespace
}  // namespace retest
