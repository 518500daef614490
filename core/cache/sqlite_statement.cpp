// RAII wrappers over sqlite3_stmt; see sqlite_statement.h.
#include "core/cache/sqlite_statement.h"

#include <utility>

namespace retest::sqlite {

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

int Statement::prepare(sqlite3* db, std::string_view sql) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
}

Use::~Use() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
}

Use& Use::bind(int index, std::string_view text) {
    // SQLITE_STATIC: no copy per row; the destructor clears bindings before `text` can die.
    const int rc =
        sqlite3_bind_text(s_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        bindRc_ = rc;
    }
    return *this;
}

Use& Use::bind(int index, double value) {
    const int rc = sqlite3_bind_double(s_, index, value);
    if (rc != SQLITE_OK) {
        bindRc_ = rc;
    }
    return *this;
}

Use& Use::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(s_, index, value);
    if (rc != SQLITE_OK) {
        bindRc_ = rc;
    }
    return *this;
}

Use& Use::bindNull(int index) {
    const int rc = sqlite3_bind_null(s_, index);
    if (rc != SQLITE_OK) {
        bindRc_ = rc;
    }
    return *this;
}

Use& Use::bindTextOrNull(int index, std::string_view text) {
    return text.empty() ? bindNull(index) : bind(index, text);
}

void Use::rewind() {
    sqlite3_reset(s_);
}

int Use::step() {
    if (bindRc_ != SQLITE_OK) {
        return bindRc_;
    }
    return sqlite3_step(s_);
}

std::string Use::columnText(int col) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    if (text == nullptr) {
        return {};
    }
    return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s_, col)));
}

int exec(sqlite3* db, const char* sql) {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}

int TransactionStatements::prepare(sqlite3* db) {
    int rc = begin.prepare(db, "BEGIN IMMEDIATE");
    if (rc == SQLITE_OK) {
        rc = commit.prepare(db, "COMMIT");
    }
    if (rc == SQLITE_OK) {
        rc = rollback.prepare(db, "ROLLBACK");
    }
    return rc;
}

Transaction::~Transaction() {
    if (began_ && !committed_ && sqlite3_get_autocommit(db_) == 0) {
        Use(s_.rollback).step();
    }
}

bool Transaction::begin() {
    began_ = Use(s_.begin).step() == SQLITE_DONE;
    return began_;
}

bool Transaction::commit() {
    committed_ = Use(s_.commit).step() == SQLITE_DONE;
    return committed_;
}

}  // namespace retest::sqlite
