// The price cache's schema as an ordered list of forward migrations, tracked by
// PRAGMA user_version. Private to core/cache.
#pragma once

#include <filesystem>

#include <sqlite3.h>

#include "core/model/result.h"

namespace retest::schema {

/// The version the last migration produces.
int currentVersion();

/// Reads PRAGMA user_version; an Error naming `path` when the file is not a SQLite database.
Result<int> readVersion(sqlite3* db, const std::filesystem::path& path);

/// Runs every migration above the stored version, each in its own transaction that also bumps
/// user_version, so an interrupted upgrade leaves a consistent older version behind.
Result<Ok> migrate(sqlite3* db, const std::filesystem::path& path);

}  // namespace retest::schema
