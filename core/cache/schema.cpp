// Forward migrations of the price cache. To extend: append one entry to kMigrations; never edit
// a shipped one (users' files already ran it).
#include "core/cache/schema.h"

#include <array>
#include <string>

#include "core/cache/sqlite_statement.h"

namespace retest::schema {

namespace {

struct Migration {
    int version;      // user_version after this step
    const char* sql;  // trusted constant text
};

// v2 also keeps first/last day and bar count in `symbols` so listing symbols never scans bars.
constexpr std::array kMigrations{
    Migration{1, R"sql(
        CREATE TABLE symbols(
            symbol TEXT PRIMARY KEY,
            description TEXT,
            currency TEXT,
            source TEXT,
            last_refresh INTEGER);
        CREATE TABLE bars(
            symbol TEXT NOT NULL,
            day INTEGER NOT NULL,
            open REAL, high REAL, low REAL, close REAL, adj_close REAL, volume REAL,
            PRIMARY KEY(symbol, day)) WITHOUT ROWID;
    )sql"},
    Migration{2, R"sql(
        CREATE TABLE manual_levels(
            id INTEGER PRIMARY KEY,
            symbol TEXT NOT NULL,
            price REAL NOT NULL,
            label TEXT,
            created INTEGER);
        CREATE INDEX manual_levels_by_symbol ON manual_levels(symbol);
        CREATE TABLE corporate_actions(
            symbol TEXT NOT NULL,
            day INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK(kind IN ('split', 'dividend')),
            value REAL,
            PRIMARY KEY(symbol, day, kind)) WITHOUT ROWID;
        ALTER TABLE symbols ADD COLUMN first_day INTEGER;
        ALTER TABLE symbols ADD COLUMN last_day INTEGER;
        ALTER TABLE symbols ADD COLUMN bar_count INTEGER NOT NULL DEFAULT 0;
        INSERT OR IGNORE INTO symbols(symbol) SELECT DISTINCT symbol FROM bars;
        UPDATE symbols SET
            first_day = (SELECT MIN(day) FROM bars WHERE bars.symbol = symbols.symbol),
            last_day = (SELECT MAX(day) FROM bars WHERE bars.symbol = symbols.symbol),
            bar_count = (SELECT COUNT(*) FROM bars WHERE bars.symbol = symbols.symbol);
    )sql"},
    // v3: chart annotations, one row each, keyed by symbol but (like manual_levels) never
    // deleted with the symbol's bars. Points are columns (1 or 2 per kind; day2/price2 NULL
    // for one). AUTOINCREMENT: an id is never reused, so a stale id cannot hit another one.
    Migration{3, R"sql(
        CREATE TABLE annotations(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            symbol TEXT NOT NULL,
            kind TEXT NOT NULL,
            day1 INTEGER NOT NULL, price1 REAL NOT NULL,
            day2 INTEGER, price2 REAL,
            label TEXT NOT NULL DEFAULT '',
            color INTEGER NOT NULL,
            width REAL NOT NULL,
            line TEXT NOT NULL,
            extend_right INTEGER NOT NULL DEFAULT 0,
            font_size REAL NOT NULL,
            created INTEGER,
            updated INTEGER);
        CREATE INDEX annotations_by_symbol ON annotations(symbol, id);
    )sql"},
    // v4: a chart's market context, per symbol: compare overlays and indicator panes in their
    // order. thresholds: the pane's threshold lines as text ("5;4.25"); height: its stretch.
    Migration{4, R"sql(
        CREATE TABLE chart_context(
            symbol TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK(kind IN ('compare', 'pane')),
            target TEXT NOT NULL,
            thresholds TEXT NOT NULL DEFAULT '',
            height REAL NOT NULL DEFAULT 0,
            PRIMARY KEY(symbol, position)) WITHOUT ROWID;
    )sql"},
};

Error sqlError(sqlite3* db, const std::filesystem::path& path, const std::string& what) {
    return Error{"Price cache " + path.string() + ": " + what + ": " + sqlite3_errmsg(db)};
}

Result<Ok> runMigration(sqlite3* db, const std::filesystem::path& path, const Migration& m) {
    if (sqlite::exec(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
        return sqlError(db, path, "cannot start the schema upgrade");
    }
    // Another process may have upgraded the file between our check and the lock.
    auto stored = readVersion(db, path);
    if (!stored.ok() || *stored >= m.version) {
        sqlite::exec(db, "ROLLBACK");
        if (!stored.ok()) {
            return stored.error();
        }
        return Ok{};
    }
    const std::string bump = "PRAGMA user_version = " + std::to_string(m.version);
    if (sqlite::exec(db, m.sql) != SQLITE_OK || sqlite::exec(db, bump.c_str()) != SQLITE_OK) {
        Error e =
            sqlError(db, path, "cannot upgrade to schema version " + std::to_string(m.version));
        sqlite::exec(db, "ROLLBACK");
        return e;
    }
    if (sqlite::exec(db, "COMMIT") != SQLITE_OK) {
        Error e = sqlError(db, path, "cannot commit schema version " + std::to_string(m.version));
        sqlite::exec(db, "ROLLBACK");
        return e;
    }
    return Ok{};
}

}  // namespace

int currentVersion() {
    return kMigrations.back().version;
}

Result<int> readVersion(sqlite3* db, const std::filesystem::path& path) {
    sqlite::Statement stmt;
    int rc = stmt.prepare(db, "PRAGMA user_version");
    if (rc == SQLITE_OK) {
        sqlite::Use use(stmt);
        rc = use.step();
        if (rc == SQLITE_ROW) {
            return static_cast<int>(use.columnInt64(0));
        }
    }
    if (rc == SQLITE_NOTADB) {
        return Error{"Price cache " + path.string() +
                     " is not a Retest price cache (not a SQLite database); it was left "
                     "untouched"};
    }
    return sqlError(db, path, "cannot read the schema version");
}

Result<Ok> checkNotForeign(sqlite3* db, const std::filesystem::path& path, int version) {
    if (version != 0) {
        return Ok{};
    }
    sqlite::Statement stmt;
    if (stmt.prepare(db, "SELECT EXISTS(SELECT 1 FROM sqlite_master)") != SQLITE_OK) {
        return sqlError(db, path, "cannot read the schema");
    }
    sqlite::Use use(stmt);
    if (use.step() != SQLITE_ROW) {
        return sqlError(db, path, "cannot read the schema");
    }
    if (use.columnInt64(0) != 0) {
        return Error{"Price cache " + path.string() +
                     " is a database of another program (it has tables but no Retest schema "
                     "version); it was left untouched"};
    }
    return Ok{};
}

Result<Ok> migrate(sqlite3* db, const std::filesystem::path& path) {
    auto stored = readVersion(db, path);
    if (!stored.ok()) {
        return stored.error();
    }
    for (const Migration& m : kMigrations) {
        if (m.version <= *stored) {
            continue;
        }
        if (auto r = runMigration(db, path, m); !r.ok()) {
            return r.error();
        }
    }
    return Ok{};
}

}  // namespace retest::schema
