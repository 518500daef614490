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

/// <user data dir>/retest/retest.sqlite, e.g. ~/.local/share/retest/retest.sqlite.
std::filesystem::path defaultDatabasePath();

/// Opens (creating and migrating) the cache at `path` and, when it holds no bars at all, stores
/// the bundled S&P 500 sample as ^GSPC. The folder must exist, except the default data folder
/// (defaultDatabasePath()'s), which is created.
Result<std::unique_ptr<PriceCache>> openCache(const std::filesystem::path& path);

/// Stores the bundled sample under ^GSPC (what openCache does on an empty cache).
Result<Ok> seedSample(PriceCache& cache);

}  // namespace retest::app
