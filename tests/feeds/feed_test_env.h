// Shared setup of the refresh tests: a temporary cache, a local server and fast settings,
// plus a snapshot of everything the cache holds to prove a failed refresh changed nothing.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "core/cache/price_cache.h"
#include "core/feeds/feed_refresher.h"
#include "tests/feeds/local_http_server.h"
#include "tests/feeds/provider_bodies.h"
#include "tests/support/test_paths.h"

namespace retest::test {

struct SymbolSnapshot {
    std::string symbol, description, currency, source;
    std::optional<Day> firstDay, lastDay;
    std::int64_t barCount = 0;
    std::optional<std::int64_t> lastRefresh;
    std::vector<Bar> bars;
    std::vector<CorporateAction> actions;
    friend bool operator==(const SymbolSnapshot&, const SymbolSnapshot&) = default;
};

inline std::vector<SymbolSnapshot> snapshot(const PriceCache& cache) {
    std::vector<SymbolSnapshot> out;
    const std::vector<SymbolInfo> symbols = cache.listSymbols().value();
    for (const SymbolInfo& info : symbols) {
        out.push_back({info.symbol, info.description, info.currency, info.source, info.firstDay,
                       info.lastDay, info.barCount, info.lastRefreshUnix,
                       cache.readAllBars(info.symbol).value(),
                       cache.corporateActions(info.symbol).value()});
    }
    return out;
}

class FeedEnv : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(dir.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        settings.yahooBaseUrl = server.baseUrl();
        settings.stooqBaseUrl = server.baseUrl();
        // Generous transfer timeout: a loaded CI machine (ASan, two cores) must never make
        // a normal answer time out. Tests of timeouts set their own.
        settings.fetch.timeoutMs = 20000;
        // Retries wait no real time: the delay asked for is recorded instead (injected clock).
        settings.fetch.waitBeforeRetry = [this](int ms) {
            retryDelays.push_back(ms);
            return 0;
        };
    }

    /// The first `count` sample bars stored under ^GSPC, as an earlier import would leave them.
    void seedGspc(std::size_t count) {
        const std::vector<Bar> bars(sampleBars().begin(),
                                    sampleBars().begin() + static_cast<std::ptrdiff_t>(count));
        ASSERT_TRUE(cache->upsertBars("^GSPC", bars, {"S&P 500", "USD", "sample"}).ok());
    }

    SymbolRefreshResult refreshOne(const QString& symbol, RefreshOptions options = {}) {
        FeedRefresher refresher(*cache, settings);
        auto results = refresher.refreshAndWait({symbol}, options);
        EXPECT_EQ(results.size(), 1u);
        return results.empty() ? SymbolRefreshResult{} : results.front();
    }

    TempDir dir;
    std::unique_ptr<PriceCache> cache;
    LocalHttpServer server;
    FeedSettings settings;
    std::vector<int> retryDelays;  ///< every retry delay HttpFetch asked for, in order
};

/// FeedEnv with 300 sample bars of ^GSPC already cached, to prove failures change nothing.
class SeededFeedEnv : public FeedEnv {
protected:
    void SetUp() override {
        FeedEnv::SetUp();
        seedGspc(300);
        before = snapshot(*cache);
    }
    /// The refresh failed with exactly `message` and the cache did not change.
    void expectFailure(const SymbolRefreshResult& r, const std::string& message) {
        EXPECT_EQ(r.status, SymbolRefreshResult::Status::Failed);
        EXPECT_EQ(r.error.toStdString(), message);
        EXPECT_EQ(snapshot(*cache), before);
    }
    std::vector<SymbolSnapshot> before;
};

}  // namespace retest::test
