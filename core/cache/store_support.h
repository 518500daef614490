// What the watchlist and alert stores share: a transaction guard on the cache's connection and
// errors that name the cache file. Private to core/cache.
#pragma once

#include <filesystem>
#include <string>

#include <sqlite3.h>

#include "core/cache/sqlite_statement.h"
#include "core/model/result.h"

namespace retest::sqlite {

/// BEGIN IMMEDIATE … COMMIT; rolls back unless commit() succeeded.
class WriteTransaction {
public:
    explicit WriteTransaction(sqlite3* db) : db_(db) {}
    ~WriteTransaction() {
        if (began_ && !committed_ && sqlite3_get_autocommit(db_) == 0) {
            exec(db_, "ROLLBACK");
        }
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    bool begin() { return began_ = exec(db_, "BEGIN IMMEDIATE") == SQLITE_OK; }
    bool commit() { return committed_ = exec(db_, "COMMIT") == SQLITE_OK; }

private:
    sqlite3* db_;
    bool began_ = false;
    bool committed_ = false;
};

/// "Price cache PATH: WHAT: sqlite's message".
inline Error storeError(sqlite3* db, const std::filesystem::path& path, const std::string& what) {
    return Error{"Price cache " + path.string() + ": " + what + ": " + sqlite3_errmsg(db)};
}

}  // namespace retest::sqlite
