// Forward migrations of the price cache. To extend: append one entry to kMigrations; never edit
// a shipped one (users' files already ran it).
#include "core/cache/schema.h"

#include <array>
#include <cstdint>
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
    // v4: the user's watchlists (ordered lists of ordered symbols; "Small caps & sectors" is
    // the first list of every cache) and price alerts. watch_from: only bars after that day
    // can fire an alert. Members and alerts are never deleted with a symbol's bars.
    Migration{4, R"sql(
        CREATE TABLE watchlists(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL);
        CREATE TABLE watchlist_members(
            list_id INTEGER NOT NULL,
            symbol TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY(list_id, symbol)) WITHOUT ROWID;
        CREATE TABLE alerts(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            symbol TEXT NOT NULL,
            kind TEXT NOT NULL,
            low REAL NOT NULL DEFAULT 0,
            high REAL NOT NULL DEFAULT 0,
            note TEXT NOT NULL DEFAULT '',
            watch_from INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'armed',
            fired_day INTEGER,
            fired_close REAL,
            fired_detail TEXT,
            created INTEGER,
            fired_at INTEGER);
        CREATE INDEX alerts_by_symbol ON alerts(symbol, id);
        INSERT INTO watchlists(id, name, position) VALUES(1, 'Small caps & sectors', 0);
        INSERT INTO watchlist_members(list_id, symbol, position) VALUES
            (1, 'IWM', 0), (1, 'VTWO', 1), (1, 'KRE', 2), (1, 'XBI', 3), (1, 'XLI', 4),
            (1, 'SPY', 5), (1, 'QQQ', 6), (1, '^RUT', 7), (1, '^TNX', 8), (1, '^GSPC', 9);
    )sql"},
    // v5: a chart's market context, per symbol: compare overlays and indicator panes in their
    // order. thresholds: the pane's threshold lines as text ("5;4.25"); height: its stretch.
    Migration{5, R"sql(
        CREATE TABLE chart_context(
            symbol TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK(kind IN ('compare', 'pane')),
            target TEXT NOT NULL,
            thresholds TEXT NOT NULL DEFAULT '',
            height REAL NOT NULL DEFAULT 0,
            PRIMARY KEY(symbol, position)) WITHOUT ROWID;
    )sql"},
    // v6: a chart's level sensitivity, per symbol (the levels slider; none stored: 0.5).
    Migration{6, R"sql(
        CREATE TABLE chart_settings(
            symbol TEXT PRIMARY KEY,
            sensitivity REAL NOT NULL CHECK(sensitivity >= 0 AND sensitivity <= 1)) WITHOUT ROWID;
    )sql"},
    // v7: alerts on a trend line: its two days (its prices are in low and high).
    Migration{7, R"sql(
        ALTER TABLE alerts ADD COLUMN line_from INTEGER;
        ALTER TABLE alerts ADD COLUMN line_to INTEGER;
    )sql"},
};

Error sqlError(sqlite3* db, const std::filesystem::path& path, const std::string& what) {
    return Error{"Price cache " + path.string() + ": " + what + ": " + sqlite3_errmsg(db)};
}

std::string recoveryAdvice(const std::filesystem::path& path) {
    const std::string p = path.string();
    return "Retest will not write to it. To recover, keep a copy of the file, then either "
           "rebuild it with `sqlite3 '" +
           p + "' .recover | sqlite3 '" + p +
           ".recovered'` and open that with --db, or move it aside and import or fetch the "
           "prices again";
}

Error damaged(const std::filesystem::path& path, const std::string& detail) {
    return Error{"Price cache " + path.string() + " is damaged (" + detail + "). " +
                 recoveryAdvice(path)};
}

/// One integer from a pragma, or the SQLite result code as an Error text.
Result<std::int64_t> pragmaInt(sqlite3* db, const char* sql, int& rc) {
    sqlite::Statement stmt;
    rc = stmt.prepare(db, sql);
    if (rc == SQLITE_OK) {
        sqlite::Use use(stmt);
        rc = use.step();
        if (rc == SQLITE_ROW) {
            return use.columnInt64(0);
        }
    }
    return Error{};
}

Result<FileState> inspectNoTransaction(sqlite3* db, const std::filesystem::path& path) {
    int rc = SQLITE_OK;
    const auto readFailure = [&]() -> Error {
        if (rc == SQLITE_NOTADB) {
            return Error{"Price cache " + path.string() +
                         " is not a Retest price cache (not a SQLite database); it was left "
                         "untouched"};
        }
        if (rc == SQLITE_CORRUPT) {
            return damaged(path, sqlite3_errmsg(db));
        }
        return sqlError(db, path, "cannot read the schema");
    };
    auto appId = pragmaInt(db, "PRAGMA application_id", rc);
    if (!appId) {
        return readFailure();
    }
    auto version = pragmaInt(db, "PRAGMA user_version", rc);
    if (!version) {
        return readFailure();
    }
    auto objects = pragmaInt(db, "SELECT count(*) FROM sqlite_master", rc);
    if (!objects) {
        return readFailure();
    }
    auto retestTables = pragmaInt(db,
                                  "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                  "name IN ('symbols', 'bars')",
                                  rc);
    if (!retestTables) {
        return readFailure();
    }
    FileState state;
    state.version = static_cast<int>(*version);
    state.hasId = *appId == kApplicationId;
    const bool looksRetest = state.hasId || (*appId == 0 && *retestTables == 2 && *version >= 1);
    if (*appId == 0 && *objects == 0 && *version == 0) {
        state.kind = FileKind::Empty;
    } else if (!looksRetest) {
        state.kind = FileKind::Foreign;
    } else if (*version > currentVersion()) {
        state.kind = FileKind::Newer;
    } else {
        state.kind = FileKind::Retest;
    }
    return state;
}

Result<Ok> setApplicationId(sqlite3* db, const std::filesystem::path& path) {
    const std::string sql = "PRAGMA application_id = " + std::to_string(kApplicationId);
    if (sqlite::exec(db, sql.c_str()) != SQLITE_OK) {
        return sqlError(db, path, "cannot mark the file as a Retest cache");
    }
    return Ok{};
}

/// Under the write lock: re-inspects, then runs `m` unless it already ran (or, with m null,
/// only marks the file as a Retest cache).
Result<Ok> runMigration(sqlite3* db, const std::filesystem::path& path, const Migration* m) {
    if (sqlite::exec(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
        return sqlError(db, path, "cannot start the schema upgrade");
    }
    const auto rollback = [&](Error e) {
        sqlite::exec(db, "ROLLBACK");
        return e;
    };
    // Another process may have created or upgraded the file between our check and the lock.
    auto state = inspectNoTransaction(db, path);
    if (!state) {
        return rollback(state.error());
    }
    if (auto writable = refuseUnlessWritable(*state, path); !writable) {
        return rollback(writable.error());
    }
    const bool needed = m != nullptr && state->version < m->version;
    if (!needed && state->hasId) {
        sqlite::exec(db, "ROLLBACK");
        return Ok{};
    }
    if (needed) {
        const std::string bump = "PRAGMA user_version = " + std::to_string(m->version);
        if (sqlite::exec(db, m->sql) != SQLITE_OK || sqlite::exec(db, bump.c_str()) != SQLITE_OK) {
            return rollback(sqlError(
                db, path, "cannot upgrade to schema version " + std::to_string(m->version)));
        }
    }
    if (auto marked = setApplicationId(db, path); !marked) {
        return rollback(marked.error());
    }
    if (sqlite::exec(db, "COMMIT") != SQLITE_OK) {
        return rollback(sqlError(db, path, "cannot commit the schema upgrade"));
    }
    return Ok{};
}

}  // namespace

int currentVersion() {
    return kMigrations.back().version;
}

Result<FileState> inspect(sqlite3* db, const std::filesystem::path& path) {
    // One read transaction: the three reads see the same state of the file.
    if (sqlite::exec(db, "BEGIN") != SQLITE_OK) {
        return sqlError(db, path, "cannot read the schema");
    }
    auto state = inspectNoTransaction(db, path);
    sqlite::exec(db, "COMMIT");
    return state;
}

Result<Ok> refuseUnlessWritable(const FileState& state, const std::filesystem::path& path) {
    const std::string where = "Price cache " + path.string();
    switch (state.kind) {
        case FileKind::Empty:
        case FileKind::Retest:
            return Ok{};
        case FileKind::Newer:
            return Error{where + " was written by a newer version of Retest (schema version " +
                         std::to_string(state.version) + "; this build supports up to " +
                         std::to_string(currentVersion()) + "); it was left untouched"};
        case FileKind::Foreign:
            break;
    }
    return Error{where +
                 " is a database of another program (it is not marked as a Retest cache and "
                 "lacks Retest's tables); it was left untouched"};
}

Result<Ok> migrate(sqlite3* db, const std::filesystem::path& path) {
    auto state = inspect(db, path);
    if (!state) {
        return state.error();
    }
    for (const Migration& m : kMigrations) {
        if (m.version <= state->version) {
            continue;
        }
        if (auto r = runMigration(db, path, &m); !r.ok()) {
            return r.error();
        }
    }
    if (!state->hasId) {  // a cache from before application_id: mark it
        return runMigration(db, path, nullptr);
    }
    return Ok{};
}

Result<Ok> checkIntact(sqlite3* db, const std::filesystem::path& path) {
    sqlite::Statement stmt;
    int rc = stmt.prepare(db, "PRAGMA quick_check(1)");
    if (rc == SQLITE_OK) {
        sqlite::Use use(stmt);
        rc = use.step();
        if (rc == SQLITE_ROW) {
            const std::string verdict = use.columnText(0);
            if (verdict == "ok") {
                return Ok{};
            }
            return damaged(path, "SQLite's quick_check reports: " + verdict);
        }
    }
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
        return damaged(path, sqlite3_errmsg(db));
    }
    return sqlError(db, path, "cannot check the file");
}

}  // namespace retest::schema
