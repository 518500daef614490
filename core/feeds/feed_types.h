// Values shared by the online price providers: which provider, what a download yields.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cache/price_cache.h"
#include "core/model/bar.h"

namespace retest {

enum class Provider { Yahoo, Stooq };

/// "yahoo" or "stooq" (also the `source` stored in the cache).
std::string_view providerName(Provider provider);
/// "yahoo" / "stooq" (case-insensitive).
std::optional<Provider> parseProvider(std::string_view text);

/// One provider answer, parsed: bars ascending by day (one per day), splits and dividends.
struct FeedData {
    std::vector<Bar> bars;
    std::vector<CorporateAction> actions;
    std::string description;         ///< e.g. "S&P 500"; may be empty
    std::string currency;            ///< e.g. "USD"; may be empty
    std::size_t skippedMissing = 0;  ///< rows the provider sent as null (missing sessions)

    bool hasSplit() const;
};

}  // namespace retest
