// Alerts over the cache's SQLite connection.
#include "core/cache/alert_store.h"

#include <ctime>

#include "core/cache/store_support.h"
#include "core/model/watchlist.h"

namespace retest {

using sqlite::Statement;
using sqlite::Use;

namespace {

constexpr const char* kColumns =
    "SELECT id, symbol, kind, low, high, note, watch_from, state, fired_day, fired_close, "
    "fired_detail, created, fired_at, line_from, line_to FROM alerts ";

std::int64_t nowUnix() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

Result<Alert> fromRow(const Use& q) {
    Alert a;
    a.id = q.columnInt64(0);
    a.symbol = q.columnText(1);
    const std::string kind = q.columnText(2);
    const auto parsed = parseAlertKind(kind);
    if (!parsed) {
        return Error{"alert " + std::to_string(a.id) + " has an unknown condition \"" + kind +
                     "\""};
    }
    a.kind = *parsed;
    a.low = q.columnDouble(3);
    a.high = q.columnDouble(4);
    a.note = q.columnText(5);
    a.watchFrom = static_cast<Day>(q.columnInt64(6));
    const std::string state = q.columnText(7);
    if (state != "armed" && state != "fired") {
        return Error{"alert " + std::to_string(a.id) + " has an unknown state \"" + state + "\""};
    }
    a.state = state == "fired" ? AlertState::Fired : AlertState::Armed;
    if (a.state == AlertState::Fired) {
        a.firedDay = static_cast<Day>(q.columnInt64(8));
        a.firedClose = q.columnDouble(9);
        a.firedDetail = q.columnText(10);
        a.firedUnix = q.columnInt64(12);
    }
    a.createdUnix = q.columnInt64(11);
    a.lineFrom = static_cast<Day>(q.columnInt64(13));
    a.lineTo = static_cast<Day>(q.columnInt64(14));
    if (auto problem = symbolProblem(a.symbol)) {
        return Error{"alert " + std::to_string(a.id) + " has a bad symbol: " + *problem};
    }
    if (auto problem = alertProblem(a)) {
        return Error{"alert " + std::to_string(a.id) + " on " + a.symbol + ": " + *problem};
    }
    return a;
}

}  // namespace

AlertStore::AlertStore(PriceCache& cache) : cache_(cache) {}

Result<Day> AlertStore::watchStart(const std::string& symbol, Day nowDay,
                                   std::optional<Day> seriesLast) const {
    auto info = cache_.symbolInfo(symbol);
    if (!info) {
        return info.error();
    }
    if (info.value() && info.value()->lastDay) {
        return *info.value()->lastDay;
    }
    return seriesLast.value_or(nowDay - 1);
}

Result<std::int64_t> AlertStore::add(const Alert& alert, Day nowDay,
                                     std::optional<Day> seriesLast) {
    Alert a = alert;
    a.symbol = canonicalSymbol(a.symbol);
    if (auto problem = symbolProblem(a.symbol)) {
        return Error{"cannot add the alert: " + *problem};
    }
    const bool line = isLineAlert(a.kind);
    if (a.kind != AlertKind::EntersZone && !line) {
        a.high = a.low;
    }
    if (!line) {
        a.lineFrom = a.lineTo = 0;
    }
    if (auto problem = alertProblem(a)) {
        return Error{"cannot add the alert on " + a.symbol + ": " + *problem};
    }
    auto from = watchStart(a.symbol, nowDay, seriesLast);
    if (!from) {
        return from.error();
    }
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db,
                  "INSERT INTO alerts(symbol, kind, low, high, note, watch_from, state, created, "
                  "line_from, line_to) VALUES(?1, ?2, ?3, ?4, ?5, ?6, 'armed', ?7, ?8, ?9)") !=
        SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot add an alert");
    }
    const std::string_view kind = alertKindName(a.kind);
    Use q(s);
    q.bind(1, std::string_view(a.symbol)).bind(2, kind).bind(3, a.low).bind(4, a.high);
    q.bind(5, std::string_view(a.note)).bind(6, *from).bind(7, nowUnix());
    q.bind(8, static_cast<std::int64_t>(a.lineFrom)).bind(9, static_cast<std::int64_t>(a.lineTo));
    if (q.step() != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot add an alert");
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db));
}

Result<StoredAlerts> AlertStore::all() const {
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db, std::string(kColumns) + "ORDER BY id") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot read the alerts");
    }
    Use q(s);
    StoredAlerts out;
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        auto a = fromRow(q);
        if (a) {
            out.alerts.push_back(std::move(a.value()));
        } else {
            out.skipped.push_back(a.error().message + "; skipped");
        }
    }
    if (rc != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot read the alerts");
    }
    return out;
}

Result<std::optional<Alert>> AlertStore::find(std::int64_t id) const {
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db, std::string(kColumns) + "WHERE id = ?1") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot read an alert");
    }
    Use q(s);
    q.bind(1, id);
    const int rc = q.step();
    if (rc == SQLITE_DONE) {
        return std::optional<Alert>();
    }
    if (rc != SQLITE_ROW) {
        return sqlite::storeError(db, cache_.path(), "cannot read an alert");
    }
    auto a = fromRow(q);
    if (!a) {
        return a.error();
    }
    return std::optional<Alert>(std::move(a.value()));
}

namespace {

/// Runs a one-row UPDATE/DELETE; an Error when no alert has the id.
Result<Ok> changeOne(sqlite3* db, const std::filesystem::path& path, Statement& s, std::int64_t id,
                     const std::string& what) {
    Use q(s);
    q.bind(1, id);
    if (q.step() != SQLITE_DONE) {
        return sqlite::storeError(db, path, "cannot " + what + " alert " + std::to_string(id));
    }
    if (sqlite3_changes(db) == 0) {
        return Error{"no alert has id " + std::to_string(id)};
    }
    return Ok{};
}

}  // namespace

Result<Ok> AlertStore::remove(std::int64_t id) {
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db, "DELETE FROM alerts WHERE id = ?1") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot remove an alert");
    }
    return changeOne(db, cache_.path(), s, id, "remove");
}

Result<Ok> AlertStore::markFired(std::int64_t id, const AlertFiring& firing) {
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db,
                  "UPDATE alerts SET state = 'fired', fired_day = ?2, fired_close = ?3, "
                  "fired_detail = ?4, fired_at = ?5 WHERE id = ?1") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot record a fired alert");
    }
    Use q(s);
    q.bind(1, id).bind(2, firing.day).bind(3, firing.close);
    q.bind(4, std::string_view(firing.detail)).bind(5, nowUnix());
    if (q.step() != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot record a fired alert");
    }
    if (sqlite3_changes(db) == 0) {
        return Error{"no alert has id " + std::to_string(id)};
    }
    return Ok{};
}

Result<Ok> AlertStore::rearm(std::int64_t id, Day nowDay, std::optional<Day> seriesLast) {
    auto a = find(id);
    if (!a) {
        return a.error();
    }
    if (!a.value()) {
        return Error{"no alert has id " + std::to_string(id)};
    }
    auto from = watchStart(a.value()->symbol, nowDay, seriesLast);
    if (!from) {
        return from.error();
    }
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db,
                  "UPDATE alerts SET state = 'armed', watch_from = ?2, fired_day = NULL, "
                  "fired_close = NULL, fired_detail = NULL, fired_at = NULL WHERE id = ?1") !=
        SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot re-arm an alert");
    }
    Use q(s);
    q.bind(1, id).bind(2, *from);
    if (q.step() != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot re-arm alert " + std::to_string(id));
    }
    return Ok{};
}

Result<std::optional<double>> AlertStore::highestCloseBefore(std::string_view symbol,
                                                             Day day) const {
    sqlite3* db = cache_.connection();
    Statement s;
    // The primary key (symbol, day) bounds the scan to the symbol's earlier days.
    if (s.prepare(db, "SELECT MAX(close) FROM bars WHERE symbol = ?1 AND day < ?2") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot read the highest close");
    }
    Use q(s);
    q.bind(1, symbol).bind(2, static_cast<std::int64_t>(day));
    if (q.step() != SQLITE_ROW) {
        return sqlite::storeError(db, cache_.path(), "cannot read the highest close");
    }
    if (q.columnIsNull(0)) {
        return std::optional<double>();
    }
    return std::optional<double>(q.columnDouble(0));
}

}  // namespace retest
