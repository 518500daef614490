// The SQLite price cache: every statement is prepared once at open and reused, every write is
// one BEGIN IMMEDIATE ... COMMIT (rolled back on any error), values are always bound.
#include "core/cache/price_cache.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <system_error>
#include <thread>

#include "core/cache/schema.h"
#include "core/cache/sqlite_statement.h"
#include "core/model/bar_validation.h"
#include "core/model/date.h"

namespace retest {

using sqlite::Statement;
using sqlite::Use;

namespace {

constexpr int kWalRetryMs = 5;  // between two tries to switch a new file to WAL

// Named outside PriceCache so the helpers below can use it (PriceCache::Statements is private).
struct CacheStatements {
    sqlite::TransactionStatements tx;
    Statement selectBars, upsertBar, deleteBars;
    Statement upsertAction, selectActions, deleteActions;
    Statement upsertSymbol, updateSummary, deleteSymbol, selectSymbol, selectSymbols, anyBar;
    Statement dataVersion;
    Statement insertLevel, selectLevels, deleteLevel, updateLevel;
};

}  // namespace

struct PriceCache::Statements : CacheStatements {};

namespace {

constexpr const char* kSymbolColumns =
    "SELECT symbol, description, currency, source, first_day, last_day, bar_count, "
    "last_refresh FROM symbols ";

struct StatementSql {
    Statement CacheStatements::*member;
    std::string sql;
};

std::vector<StatementSql> statementSql() {
    using S = CacheStatements;
    return {
        {&S::selectBars,
         "SELECT day, open, high, low, close, adj_close, volume FROM bars "
         "WHERE symbol = ?1 AND day BETWEEN ?2 AND ?3 ORDER BY day"},
        {&S::upsertBar,
         "INSERT INTO bars(symbol, day, open, high, low, close, adj_close, volume) "
         "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(symbol, day) DO UPDATE SET "
         "open = excluded.open, high = excluded.high, low = excluded.low, "
         "close = excluded.close, adj_close = excluded.adj_close, volume = excluded.volume"},
        {&S::deleteBars, "DELETE FROM bars WHERE symbol = ?1"},
        {&S::upsertAction,
         "INSERT INTO corporate_actions(symbol, day, kind, value) VALUES(?1, ?2, ?3, ?4) "
         "ON CONFLICT(symbol, day, kind) DO UPDATE SET value = excluded.value"},
        // Splits before dividends on the same day ('split' > 'dividend'), as in the enum.
        {&S::selectActions,
         "SELECT day, kind, value FROM corporate_actions WHERE symbol = ?1 "
         "ORDER BY day, kind DESC"},
        {&S::deleteActions, "DELETE FROM corporate_actions WHERE symbol = ?1"},
        {&S::upsertSymbol,
         "INSERT INTO symbols(symbol, description, currency, source, last_refresh) "
         "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(symbol) DO UPDATE SET "
         "description = coalesce(excluded.description, description), "
         "currency = coalesce(excluded.currency, currency), "
         "source = coalesce(excluded.source, source), last_refresh = excluded.last_refresh"},
        // MIN/MAX are single primary-key seeks; the count is kept incrementally (?3 = replace).
        {&S::updateSummary,
         "UPDATE symbols SET "
         "first_day = (SELECT MIN(day) FROM bars WHERE symbol = ?1), "
         "last_day = (SELECT MAX(day) FROM bars WHERE symbol = ?1), "
         "bar_count = CASE WHEN ?3 THEN ?2 ELSE bar_count + ?2 END WHERE symbol = ?1"},
        {&S::deleteSymbol, "DELETE FROM symbols WHERE symbol = ?1"},
        {&S::selectSymbol, std::string(kSymbolColumns) + "WHERE symbol = ?1"},
        {&S::selectSymbols, std::string(kSymbolColumns) + "ORDER BY symbol"},
        {&S::anyBar, "SELECT EXISTS(SELECT 1 FROM bars)"},
        {&S::dataVersion, "PRAGMA data_version"},
        {&S::insertLevel,
         "INSERT INTO manual_levels(id, symbol, price, label, created) "
         "VALUES(?5, ?1, ?2, ?3, ?4)"},
        {&S::selectLevels,
         "SELECT id, symbol, price, label FROM manual_levels WHERE symbol = ?1 ORDER BY id"},
        {&S::deleteLevel, "DELETE FROM manual_levels WHERE id = ?1"},
        {&S::updateLevel, "UPDATE manual_levels SET price = ?2, label = ?3 WHERE id = ?1"},
    };
}

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

std::int64_t nowUnix() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

const char* kindText(CorporateAction::Kind kind) {
    return kind == CorporateAction::Kind::Split ? "split" : "dividend";
}

/// Bars sorted by day with one bar per day (the last one given wins), without copying when the
/// input already is (the usual case: parsers and feeds produce ascending days).
std::span<const Bar> normalized(std::span<const Bar> bars, std::vector<Bar>& storage) {
    const bool ascending = std::adjacent_find(bars.begin(), bars.end(), [](auto& a, auto& b) {
                               return a.day >= b.day;
                           }) == bars.end();
    if (ascending) {
        return bars;
    }
    storage.assign(bars.begin(), bars.end());
    std::stable_sort(storage.begin(), storage.end(),
                     [](const Bar& a, const Bar& b) { return a.day < b.day; });
    // Keep the last of each run of equal days.
    std::vector<Bar> unique;
    unique.reserve(storage.size());
    for (std::size_t i = 0; i < storage.size(); ++i) {
        if (i + 1 == storage.size() || storage[i + 1].day != storage[i].day) {
            unique.push_back(storage[i]);
        }
    }
    storage.swap(unique);
    return storage;
}

/// What a helper needs to talk to the database and to word its errors.
struct Ctx {
    sqlite3* db;
    CacheStatements& s;
    const std::filesystem::path& path;

    Error plain(const std::string& what) const {
        return Error{"Price cache " + path.string() + ": " + what};
    }
    Error sql(const std::string& what) const { return plain(what + ": " + sqlite3_errmsg(db)); }
};

Result<Ok> loadBars(const Ctx& c, std::string_view symbol, Day from, Day to,
                    std::vector<Bar>& out) {
    out.clear();
    Use q(c.s.selectBars);
    q.bind(1, symbol).bind(2, from).bind(3, to);
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        Bar& b = out.emplace_back();
        b.day = static_cast<Day>(q.columnInt64(0));
        b.open = q.columnDouble(1);
        b.high = q.columnDouble(2);
        b.low = q.columnDouble(3);
        b.close = q.columnDouble(4);
        // Files written by other tools may lack the adjusted close; Bar says it equals close.
        b.adjClose = q.columnIsNull(5) ? b.close : q.columnDouble(5);
        b.volume = q.columnDouble(6);
    }
    if (rc != SQLITE_DONE) {
        return c.sql("cannot read the bars of " + std::string(symbol));
    }
    return Ok{};
}

Result<Ok> runSymbolStatement(const Ctx& c, Statement& stmt, std::string_view symbol,
                              const std::string& what) {
    Use u(stmt);
    u.bind(1, symbol);
    if (u.step() != SQLITE_DONE) {
        return c.sql("cannot " + what + " " + std::string(symbol));
    }
    return Ok{};
}

/// Writes the bars that are new or changed (all of them after a replace), counting each day.
Result<Ok> writeBars(const Ctx& c, std::string_view symbol, std::span<const Bar> bars,
                     const std::vector<Bar>& existing, bool replaceAll, UpsertStats& stats) {
    Use up(c.s.upsertBar);
    up.bind(1, symbol);
    std::size_t j = 0;
    for (const Bar& b : bars) {
        while (j < existing.size() && existing[j].day < b.day) {
            ++j;
        }
        const bool stored = j < existing.size() && existing[j].day == b.day;
        if (stored && existing[j] == b) {
            ++stats.unchanged;
            if (!replaceAll) {
                continue;
            }
        } else {
            ++(stored ? stats.updated : stats.inserted);
        }
        up.bind(2, b.day).bind(3, b.open).bind(4, b.high).bind(5, b.low).bind(6, b.close);
        up.bind(7, b.adjClose).bind(8, b.volume);
        if (up.step() != SQLITE_DONE) {
            return c.sql("cannot write the bar of " + std::string(symbol) + " on " +
                         formatIsoDate(b.day));
        }
        up.rewind();
    }
    return Ok{};
}

Result<Ok> writeActions(const Ctx& c, std::string_view symbol,
                        std::span<const CorporateAction> actions) {
    Use up(c.s.upsertAction);
    up.bind(1, symbol);
    for (const CorporateAction& a : actions) {
        const bool split = a.kind == CorporateAction::Kind::Split;
        if (!std::isfinite(a.value) || (split ? a.value <= 0 : a.value < 0)) {
            return c.plain(std::string(symbol) + " " + formatIsoDate(a.day) + ": " +
                           kindText(a.kind) + " value " + std::to_string(a.value) +
                           " is invalid; nothing was written");
        }
        up.bind(2, a.day).bind(3, std::string_view(kindText(a.kind))).bind(4, a.value);
        if (up.step() != SQLITE_DONE) {
            return c.sql("cannot write the " + std::string(kindText(a.kind)) + " of " +
                         std::string(symbol) + " on " + formatIsoDate(a.day));
        }
        up.rewind();
    }
    return Ok{};
}

Result<Ok> writeSymbol(const Ctx& c, std::string_view symbol, const SymbolMeta& meta,
                       std::int64_t countDelta, bool replaceAll) {
    {
        Use u(c.s.upsertSymbol);
        u.bind(1, symbol).bindTextOrNull(2, meta.description).bindTextOrNull(3, meta.currency);
        u.bindTextOrNull(4, meta.source).bind(5, nowUnix());
        if (u.step() != SQLITE_DONE) {
            return c.sql("cannot write the details of " + std::string(symbol));
        }
    }
    Use u(c.s.updateSummary);
    u.bind(1, symbol).bind(2, countDelta).bind(3, replaceAll ? 1 : 0);
    if (u.step() != SQLITE_DONE) {
        return c.sql("cannot update the summary of " + std::string(symbol));
    }
    return Ok{};
}

SymbolInfo symbolInfoFromRow(const Use& q) {
    SymbolInfo info;
    info.symbol = q.columnText(0);
    info.description = q.columnText(1);
    info.currency = q.columnText(2);
    info.source = q.columnText(3);
    if (!q.columnIsNull(4)) {
        info.firstDay = static_cast<Day>(q.columnInt64(4));
    }
    if (!q.columnIsNull(5)) {
        info.lastDay = static_cast<Day>(q.columnInt64(5));
    }
    info.barCount = q.columnInt64(6);
    if (!q.columnIsNull(7)) {
        info.lastRefreshUnix = q.columnInt64(7);
    }
    return info;
}

}  // namespace

int PriceCache::schemaVersion() {
    return schema::currentVersion();
}

PriceCache::PriceCache(sqlite3* db, std::filesystem::path path)
    : db_(db), path_(std::move(path)), stmts_(std::make_unique<Statements>()) {}

PriceCache::~PriceCache() {
    stmts_.reset();  // statements must be finalized before the connection closes
    annotations_.reset();
    sqlite3_close_v2(db_);
}

Result<Ok> PriceCache::checkPath(const std::filesystem::path& path) {
    const std::string where = "Price cache " + path.string();
    if (path.empty()) {
        return Error{"Price cache: no file name given"};
    }
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::exists(status)) {
        if (!std::filesystem::is_regular_file(status)) {
            return Error{
                where + " is not a regular file (" +
                (std::filesystem::is_directory(status) ? "a folder" : "a device, pipe or socket") +
                "); give the path of a cache file; it was left untouched"};
        }
        return Ok{};
    }
    const std::filesystem::path folder =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    if (!std::filesystem::is_directory(folder, ec)) {
        return Error{where + ": the folder " + folder.string() +
                     " does not exist; create it first or check the path (nothing was created)"};
    }
    return Ok{};
}

Result<std::unique_ptr<PriceCache>> PriceCache::open(const std::filesystem::path& path,
                                                     const CacheOptions& options) {
    const std::string where = "Price cache " + path.string();
    if (auto usable = checkPath(path); !usable) {
        return usable.error();
    }
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    DbHandle db(raw);
    if (rc != SQLITE_OK) {
        return Error{where + ": cannot open: " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc))};
    }
    // Writers wait their turn: SQLite's busy handler retries with growing sleeps until this
    // much time has passed (ten large imports at once queue for their write lock).
    sqlite3_busy_timeout(db.get(), options.busyTimeoutMs);
    // Nothing is written (not even WAL mode, which rewrites the header) until the file is
    // known to be empty or a Retest cache.
    auto state = schema::inspect(db.get(), path);
    if (!state.ok()) {
        return state.error();
    }
    if (auto writable = schema::refuseUnlessWritable(*state, path); !writable) {
        return writable.error();
    }
    if (state->kind == schema::FileKind::Retest && options.checkIntegrity) {
        if (auto intact = schema::checkIntact(db.get(), path); !intact) {
            return intact.error();
        }
    }
    if (auto migrated = schema::migrate(db.get(), path); !migrated.ok()) {
        return migrated.error();
    }
    // Switching a new file to WAL needs it to itself. When several first opens race (ten
    // `retest import` at once), SQLite answers SQLITE_BUSY at once rather than wait in its busy
    // handler (waiting could deadlock): wait and try again, within the same timeout.
    int wal = SQLITE_BUSY;
    for (int waited = 0;; waited += kWalRetryMs) {
        wal = sqlite::exec(db.get(), "PRAGMA journal_mode = WAL");
        if ((wal != SQLITE_BUSY && wal != SQLITE_LOCKED) || waited >= options.busyTimeoutMs) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(kWalRetryMs));
    }
    if (wal != SQLITE_OK || sqlite::exec(db.get(), "PRAGMA synchronous = NORMAL") != SQLITE_OK ||
        sqlite::exec(db.get(), "PRAGMA foreign_keys = ON") != SQLITE_OK) {
        return Error{where + ": cannot configure: " + sqlite3_errmsg(db.get())};
    }
    std::unique_ptr<PriceCache> cache(new PriceCache(db.release(), path));
    if (cache->stmts_->tx.prepare(cache->db_) != SQLITE_OK) {
        return Error{where + ": cannot prepare transactions: " + sqlite3_errmsg(cache->db_)};
    }
    for (const StatementSql& s : statementSql()) {
        if ((cache->stmts_.get()->*s.member).prepare(cache->db_, s.sql) != SQLITE_OK) {
            return Error{where + ": cannot prepare \"" + s.sql +
                         "\": " + sqlite3_errmsg(cache->db_)};
        }
    }
    auto annotations = AnnotationStore::open(cache->db_, path);
    if (!annotations.ok()) {
        return annotations.error();
    }
    cache->annotations_ = std::move(annotations.value());
    return cache;
}

Result<UpsertStats> PriceCache::upsertBars(std::string_view symbol, std::span<const Bar> bars,
                                           const SymbolMeta& meta) {
    return applyUpdate(symbol, SymbolUpdate{bars, {}, meta, false});
}

Result<UpsertStats> PriceCache::replaceBars(std::string_view symbol, std::span<const Bar> bars,
                                            const SymbolMeta& meta) {
    return applyUpdate(symbol, SymbolUpdate{bars, {}, meta, true});
}

Result<UpsertStats> PriceCache::applyUpdate(std::string_view symbol, const SymbolUpdate& update) {
    const Ctx c{db_, *stmts_, path_};
    if (symbol.empty()) {
        return c.plain("cannot store bars without a symbol name");
    }
    // The last gate for every source: no bar that breaks the bar rules is ever stored. (A day
    // given twice is allowed here, the last one wins: sources refuse those themselves.)
    const Day latest = latestBarDay();
    for (std::size_t i = 0; i < update.bars.size(); ++i) {
        if (auto why = checkBar(update.bars[i], latest)) {
            return c.plain(std::string(symbol) + ": bar " +
                           BarProblem{i, update.bars[i].day, *why}.describe() +
                           "; nothing was written");
        }
    }
    std::vector<Bar> sortedCopy;
    const std::span<const Bar> bars = normalized(update.bars, sortedCopy);
    sqlite::Transaction tx(db_, stmts_->tx);
    if (!tx.begin()) {
        return c.sql("cannot start writing " + std::string(symbol));
    }
    // Only the stored days the update can touch are read, to classify each day exactly.
    std::vector<Bar> existing;
    if (update.replaceAll) {
        if (auto r = loadBars(c, symbol, std::numeric_limits<Day>::min(),
                              std::numeric_limits<Day>::max(), existing);
            !r.ok()) {
            return r.error();
        }
        for (Statement* del : {&stmts_->deleteBars, &stmts_->deleteActions}) {
            if (auto r = runSymbolStatement(c, *del, symbol, "clear the data of"); !r.ok()) {
                return r.error();
            }
        }
    } else if (!bars.empty()) {
        if (auto r = loadBars(c, symbol, bars.front().day, bars.back().day, existing); !r.ok()) {
            return r.error();
        }
    }
    UpsertStats stats;
    if (auto r = writeBars(c, symbol, bars, existing, update.replaceAll, stats); !r.ok()) {
        return r.error();
    }
    if (auto r = writeActions(c, symbol, update.actions); !r.ok()) {
        return r.error();
    }
    const auto countDelta =
        static_cast<std::int64_t>(update.replaceAll ? bars.size() : stats.inserted);
    if (auto r = writeSymbol(c, symbol, update.meta, countDelta, update.replaceAll); !r.ok()) {
        return r.error();
    }
    if (!tx.commit()) {
        return c.sql("cannot save the update of " + std::string(symbol));
    }
    return stats;
}

Result<std::vector<CorporateAction>> PriceCache::corporateActions(std::string_view symbol) const {
    const Ctx c{db_, *stmts_, path_};
    std::vector<CorporateAction> out;
    Use q(stmts_->selectActions);
    q.bind(1, symbol);
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        CorporateAction& a = out.emplace_back();
        a.day = static_cast<Day>(q.columnInt64(0));
        a.kind = q.columnText(1) == "split" ? CorporateAction::Kind::Split
                                            : CorporateAction::Kind::Dividend;
        a.value = q.columnDouble(2);
    }
    if (rc != SQLITE_DONE) {
        return c.sql("cannot read the corporate actions of " + std::string(symbol));
    }
    return out;
}

Result<Ok> PriceCache::readBars(std::string_view symbol, Day from, Day to,
                                std::vector<Bar>& out) const {
    return loadBars(Ctx{db_, *stmts_, path_}, symbol, from, to, out);
}

Result<std::vector<Bar>> PriceCache::readAllBars(std::string_view symbol) const {
    std::vector<Bar> out;
    if (auto r =
            readBars(symbol, std::numeric_limits<Day>::min(), std::numeric_limits<Day>::max(), out);
        !r.ok()) {
        return r.error();
    }
    return out;
}

Result<std::vector<SymbolInfo>> PriceCache::listSymbols() const {
    std::vector<SymbolInfo> out;
    Use q(stmts_->selectSymbols);
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        out.push_back(symbolInfoFromRow(q));
    }
    if (rc != SQLITE_DONE) {
        return Ctx{db_, *stmts_, path_}.sql("cannot list the symbols");
    }
    return out;
}

Result<std::optional<SymbolInfo>> PriceCache::symbolInfo(std::string_view symbol) const {
    Use q(stmts_->selectSymbol);
    q.bind(1, symbol);
    const int rc = q.step();
    if (rc == SQLITE_ROW) {
        return std::optional<SymbolInfo>(symbolInfoFromRow(q));
    }
    if (rc != SQLITE_DONE) {
        return Ctx{db_, *stmts_, path_}.sql("cannot read the details of " + std::string(symbol));
    }
    return std::optional<SymbolInfo>();
}

Result<bool> PriceCache::isEmpty() const {
    Use q(stmts_->anyBar);
    if (q.step() != SQLITE_ROW) {
        return Ctx{db_, *stmts_, path_}.sql("cannot read the bars");
    }
    return q.columnInt64(0) == 0;
}

Result<std::int64_t> PriceCache::dataVersion() const {
    Use q(stmts_->dataVersion);
    if (q.step() != SQLITE_ROW) {
        return Ctx{db_, *stmts_, path_}.sql("cannot read the data version");
    }
    return q.columnInt64(0);
}

Result<Ok> PriceCache::removeSymbol(std::string_view symbol) {
    const Ctx c{db_, *stmts_, path_};
    sqlite::Transaction tx(db_, stmts_->tx);
    if (!tx.begin()) {
        return c.sql("cannot start removing " + std::string(symbol));
    }
    // Manual levels and annotations are the user's work: deliberately kept.
    for (Statement* del : {&stmts_->deleteBars, &stmts_->deleteActions, &stmts_->deleteSymbol}) {
        if (auto r = runSymbolStatement(c, *del, symbol, "remove"); !r.ok()) {
            return r.error();
        }
    }
    if (!tx.commit()) {
        return c.sql("cannot save the removal of " + std::string(symbol));
    }
    return Ok{};
}

Result<std::int64_t> PriceCache::addManualLevel(std::string_view symbol, double price,
                                                std::string_view label) {
    return restoreManualLevel(ManualLevel{0, std::string(symbol), price, std::string(label)});
}

Result<std::int64_t> PriceCache::restoreManualLevel(const ManualLevel& level) {
    const Ctx c{db_, *stmts_, path_};
    if (level.symbol.empty() || !std::isfinite(level.price)) {
        return c.plain("a manual level needs a symbol and a finite price");
    }
    const auto insert = [&](std::int64_t id) {
        Use u(stmts_->insertLevel);
        u.bind(1, std::string_view(level.symbol))
            .bind(2, level.price)
            .bindTextOrNull(3, level.label)
            .bind(4, nowUnix());
        if (id > 0) {
            u.bind(5, id);
        } else {
            u.bindNull(5);
        }
        return u.step();
    };
    int rc = insert(level.id);
    if (level.id > 0 && (rc & 0xff) == SQLITE_CONSTRAINT) {
        rc = insert(0);  // the id is taken (another level, added since): a new one
    }
    if (rc != SQLITE_DONE) {
        return c.sql("cannot save the level of " + level.symbol);
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::vector<ManualLevel>> PriceCache::manualLevels(std::string_view symbol) const {
    std::vector<ManualLevel> out;
    Use q(stmts_->selectLevels);
    q.bind(1, symbol);
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        out.push_back(
            ManualLevel{q.columnInt64(0), q.columnText(1), q.columnDouble(2), q.columnText(3)});
    }
    if (rc != SQLITE_DONE) {
        return Ctx{db_, *stmts_, path_}.sql("cannot read the levels of " + std::string(symbol));
    }
    return out;
}

Result<Ok> PriceCache::updateManualLevel(std::int64_t id, double price, std::string_view label) {
    const Ctx c{db_, *stmts_, path_};
    if (!std::isfinite(price)) {
        return c.plain("a manual level needs a finite price");
    }
    Use u(stmts_->updateLevel);
    u.bind(1, id).bind(2, price).bindTextOrNull(3, label);
    if (u.step() != SQLITE_DONE) {
        return c.sql("cannot change level " + std::to_string(id));
    }
    if (sqlite3_changes(db_) == 0) {
        return c.plain("there is no manual level with id " + std::to_string(id));
    }
    return Ok{};
}

Result<Ok> PriceCache::removeManualLevel(std::int64_t id) {
    const Ctx c{db_, *stmts_, path_};
    Use u(stmts_->deleteLevel);
    u.bind(1, id);
    if (u.step() != SQLITE_DONE) {
        return c.sql("cannot remove level " + std::to_string(id));
    }
    if (sqlite3_changes(db_) == 0) {
        return c.plain("there is no manual level with id " + std::to_string(id));
    }
    return Ok{};
}

}  // namespace retest
