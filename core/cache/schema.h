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

/// An Error naming `path` when a version-0 file already has tables: another program's
/// database, which the cache must not write its tables into.
Result<Ok> checkNotForeign(sqlite3* db, const std::filesystem::path& path, int version);

/// Runs every migration above the stored version, each in its own transaction that also bumps
/// user_version, so an interrupted upgrade leaves a consistent older version behind.
Result<Ok> migrate(sqlite3* db, const std::filesystem::path& path);

}  // namespace retest::schema
