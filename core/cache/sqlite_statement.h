// Thin RAII wrappers over SQLite's C API for the price cache: a prepared statement that is
// prepared once and reused, a guard that resets it after each use, and a transaction guard
// that rolls back unless committed. Private to core/cache.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace retest::sqlite {

/// A statement prepared once (SQLITE_PREPARE_PERSISTENT) and reused for every call.
class Statement {
public:
    Statement() = default;
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Statement& operator=(Statement&& other) noexcept;

    /// SQLITE_OK or the error code; the message is in sqlite3_errmsg(db).
    int prepare(sqlite3* db, std::string_view sql);
    sqlite3_stmt* get() const { return stmt_; }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

/// One use of a prepared statement: binds by 1-based index, steps, and on destruction resets
/// the statement and clears its bindings so the next use starts clean (and read locks end).
class Use {
public:
    explicit Use(const Statement& stmt) : s_(stmt.get()) {}
    ~Use();
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;

    /// The text is not copied: it must outlive this Use (never bind a temporary).
    Use& bind(int index, std::string_view text);
    Use& bind(int index, double value);
    Use& bind(int index, std::int64_t value);
    Use& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Use& bindNull(int index);
    /// NULL for an empty string, the text otherwise.
    Use& bindTextOrNull(int index, std::string_view text);

    /// True when the bindings all succeeded (a bind fails only on misuse or out of memory).
    bool bindsOk() const { return bindRc_ == SQLITE_OK; }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    /// Resets for another run keeping the bindings (bulk writes rebind only what changes).
    void rewind();

    double columnDouble(int col) const { return sqlite3_column_double(s_, col); }
    std::int64_t columnInt64(int col) const { return sqlite3_column_int64(s_, col); }
    bool columnIsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
    /// Empty for NULL.
    std::string columnText(int col) const;

private:
    sqlite3_stmt* s_;
    int bindRc_ = SQLITE_OK;
};

/// Runs trusted constant SQL (migrations, pragmas); never user input.
int exec(sqlite3* db, const char* sql);

/// The three statements a write transaction needs, prepared once per store.
struct TransactionStatements {
    Statement begin;  ///< BEGIN IMMEDIATE: take the write lock up front (waits its turn)
    Statement commit;
    Statement rollback;
    /// SQLITE_OK or the first error.
    int prepare(sqlite3* db);
};

/// One write transaction: begin() takes the write lock, and unless commit() succeeded the
/// destructor rolls back, so every early return leaves the file as it was.
class Transaction {
public:
    Transaction(sqlite3* db, const TransactionStatements& s) : db_(db), s_(s) {}
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /// False when the lock could not be had (the message is in sqlite3_errmsg()).
    bool begin();
    bool commit();

private:
    sqlite3* db_;
    const TransactionStatements& s_;
    bool began_ = false;
    bool committed_ = false;
};

}  // namespace retest::sqlite
