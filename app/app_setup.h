// Start-up wiring shared by the GUI and the command line: where the cache lives, opening it,
// and seeding the bundled sample into an empty cache.
#pragma once

#include <filesystem>
#include <memory>

#include "core/cache/price_cache.h"
#include "core/model/result.h"

namespace retest::app {

/// The symbol the bundled sample is stored under.
inline constexpr const char* kSampleSymbol = "^GSPC";
/// The symbol the bundled 10-year Treasury yield (FRED DGS10) is stored under.
inline constexpr const char* kYieldSampleSymbol = "DGS10";

/// <user data dir>/retest/retest.sqlite, e.g. ~/.local/share/retest/retest.sqlite.
std::filesystem::path defaultDatabasePath();

/// Opens (creating and migrating) the cache at `path` and, when it holds no bars at all, stores
/// the bundled S&P 500 sample as ^GSPC and the bundled 10-year yield as DGS10. The folder must
/// exist, except the default data folder (defaultDatabasePath()'s), which is created.
Result<std::unique_ptr<PriceCache>> openCache(const std::filesystem::path& path);

/// Stores the bundled samples under ^GSPC and DGS10 (what openCache does on an empty cache).
Result<Ok> seedSample(PriceCache& cache);

}  // namespace retest::app
