// The price cache's schema as an ordered list of forward migrations, tracked by
// PRAGMA user_version. Private to core/cache.
#pragma once

#include <filesystem>

#include <sqlite3.h>

#include "core/model/result.h"

namespace retest::schema {

/// The version the last migration produces.
int currentVersion();

/// PRAGMA application_id of every Retest cache: "RTST". Files without it are Retest caches
/// only when their tables and user_version say so (caches made before the id existed).
inline constexpr int kApplicationId = 0x52545354;

/// What a file is, read without writing anything to it.
enum class FileKind {
    Empty,    ///< no schema at all: a new file, Retest may create its tables
    Retest,   ///< a Retest cache of this or an older version
    Newer,    ///< a Retest cache written by a newer build
    Foreign,  ///< another program's database: never written
};

struct FileState {
    FileKind kind = FileKind::Empty;
    int version = 0;     ///< PRAGMA user_version
    bool hasId = false;  ///< application_id is already kApplicationId
};

/// Reads application_id, user_version and the table names in one read transaction (a
/// consistent snapshot even while another process creates the schema). An Error naming `path`
/// when the file is not a SQLite database or cannot be read.
Result<FileState> inspect(sqlite3* db, const std::filesystem::path& path);

/// The refusal for a Foreign or Newer file ("… it was left untouched"); Ok otherwise.
Result<Ok> refuseUnlessWritable(const FileState& state, const std::filesystem::path& path);

/// Runs every migration above the stored version, each in its own BEGIN IMMEDIATE transaction
/// that re-inspects the file under the write lock (another process may have created or
/// upgraded it meanwhile) and also bumps user_version and sets application_id, so an
/// interrupted upgrade leaves a consistent older version behind.
Result<Ok> migrate(sqlite3* db, const std::filesystem::path& path);

/// PRAGMA quick_check: an Error saying how to recover when the file is damaged.
Result<Ok> checkIntact(sqlite3* db, const std::filesystem::path& path);

}  // namespace retest::schema
