// Watchlists over the cache's SQLite connection: statements bound, never concatenated.
#include "core/cache/watchlist_store.h"

#include <algorithm>

#include "core/cache/store_support.h"
#include "core/model/watchlist.h"

namespace retest {

using sqlite::Statement;
using sqlite::Use;

namespace {

std::string inQuotes(std::string_view s) {
    std::string out = "\"";  // appended: `"..." + std::string` trips GCC 12's -Wrestrict at -O3
    out += s;
    out += '"';
    return out;
}

std::string trimmedName(std::string_view name) {
    const auto first = name.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1));
}

}  // namespace

WatchlistStore::WatchlistStore(PriceCache& cache) : cache_(cache) {}

Result<std::vector<WatchlistInfo>> WatchlistStore::lists() const {
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db,
                  "SELECT w.id, w.name, (SELECT COUNT(*) FROM watchlist_members m "
                  "WHERE m.list_id = w.id) FROM watchlists w ORDER BY w.position, w.id") !=
        SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot read the watchlists");
    }
    Use q(s);
    std::vector<WatchlistInfo> out;
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        out.push_back(
            {q.columnInt64(0), q.columnText(1), static_cast<std::size_t>(q.columnInt64(2))});
    }
    if (rc != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot read the watchlists");
    }
    return out;
}

Result<std::int64_t> WatchlistStore::listId(std::string_view name) const {
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db, "SELECT id FROM watchlists WHERE name = ?1") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot read the watchlists");
    }
    const std::string trimmed = trimmedName(name);
    Use q(s);
    q.bind(1, std::string_view(trimmed));
    const int rc = q.step();
    if (rc == SQLITE_ROW) {
        return q.columnInt64(0);
    }
    if (rc != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot read the watchlists");
    }
    std::string known;
    if (auto all = lists()) {
        for (const WatchlistInfo& w : all.value()) {
            known += (known.empty() ? "" : ", ") + inQuotes(w.name);
        }
    }
    return Error{"no watchlist named " + inQuotes(trimmed) +
                 (known.empty() ? std::string(" (there are none)") : " (lists: " + known + ")")};
}

Result<std::vector<std::string>> WatchlistStore::members(std::string_view name) const {
    auto id = listId(name);
    if (!id) {
        return id.error();
    }
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db,
                  "SELECT symbol FROM watchlist_members WHERE list_id = ?1 ORDER BY position") !=
        SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot read a watchlist");
    }
    Use q(s);
    q.bind(1, *id);
    std::vector<std::string> out;
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        out.push_back(q.columnText(0));
    }
    if (rc != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot read a watchlist");
    }
    return out;
}

Result<std::vector<std::string>> WatchlistStore::batchSymbols(std::string_view name) const {
    if (!trimmedName(name).empty()) {
        auto listed = members(trimmedName(name));
        if (listed && listed->empty()) {
            return Error{"the watchlist \"" + trimmedName(name) + "\" is empty"};
        }
        return listed;
    }
    std::vector<std::string> out;
    auto all = lists();
    if (!all) {
        return all.error();
    }
    if (!all->empty()) {
        auto listed = members(all->front().name);
        if (!listed) {
            return listed.error();
        }
        out = std::move(listed.value());
    }
    auto cached = cache_.listSymbols();
    if (!cached) {
        return cached.error();
    }
    for (const SymbolInfo& info : cached.value()) {
        if (std::find(out.begin(), out.end(), info.symbol) == out.end()) {
            out.push_back(info.symbol);
        }
    }
    return out;
}

Result<Ok> WatchlistStore::create(std::string_view name) {
    if (auto problem = watchlistNameProblem(name)) {
        return Error{*problem};
    }
    const std::string trimmed = trimmedName(name);
    if (listId(trimmed)) {
        return Error{"a watchlist named " + inQuotes(trimmed) + " already exists"};
    }
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db,
                  "INSERT INTO watchlists(name, position) "
                  "VALUES(?1, (SELECT COALESCE(MAX(position), -1) + 1 FROM watchlists))") !=
        SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot create a watchlist");
    }
    Use q(s);
    q.bind(1, std::string_view(trimmed));
    if (q.step() != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(),
                                  "cannot create watchlist " + inQuotes(trimmed));
    }
    return Ok{};
}

Result<Ok> WatchlistStore::rename(std::string_view from, std::string_view to) {
    auto id = listId(from);
    if (!id) {
        return id.error();
    }
    if (auto problem = watchlistNameProblem(to)) {
        return Error{*problem};
    }
    const std::string trimmed = trimmedName(to);
    if (auto other = listId(trimmed); other && *other != *id) {
        return Error{"a watchlist named " + inQuotes(trimmed) + " already exists"};
    }
    sqlite3* db = cache_.connection();
    Statement s;
    if (s.prepare(db, "UPDATE watchlists SET name = ?1 WHERE id = ?2") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot rename a watchlist");
    }
    Use q(s);
    q.bind(1, std::string_view(trimmed)).bind(2, *id);
    if (q.step() != SQLITE_DONE) {
        return sqlite::storeError(db, cache_.path(), "cannot rename a watchlist");
    }
    return Ok{};
}

Result<Ok> WatchlistStore::remove(std::string_view name) {
    auto id = listId(name);
    if (!id) {
        return id.error();
    }
    auto all = lists();
    if (!all) {
        return all.error();
    }
    if (all->size() <= 1) {
        return Error{"cannot delete " + inQuotes(trimmedName(name)) +
                     ": it is the only watchlist (create another first)"};
    }
    sqlite3* db = cache_.connection();
    sqlite::WriteTransaction tx(db);
    Statement members;
    Statement list;
    if (!tx.begin() ||
        members.prepare(db, "DELETE FROM watchlist_members WHERE list_id = ?1") != SQLITE_OK ||
        list.prepare(db, "DELETE FROM watchlists WHERE id = ?1") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot delete a watchlist");
    }
    Use m(members);
    Use l(list);
    m.bind(1, *id);
    l.bind(1, *id);
    if (m.step() != SQLITE_DONE || l.step() != SQLITE_DONE || !tx.commit()) {
        return sqlite::storeError(db, cache_.path(), "cannot delete a watchlist");
    }
    return Ok{};
}

Result<std::vector<std::string>> WatchlistStore::checkedSymbols(
    std::span<const std::string> symbols, const std::vector<std::string>& existing,
    std::string_view listName) const {
    if (symbols.empty()) {
        return Error{"no symbol given"};
    }
    std::vector<std::string> out;
    std::string problems;
    for (const std::string& raw : symbols) {
        const std::string symbol = canonicalSymbol(raw);
        if (auto problem = symbolProblem(symbol)) {
            problems += *problem + "\n";
        } else if (std::find(existing.begin(), existing.end(), symbol) != existing.end()) {
            problems += symbol + " is already on " + inQuotes(trimmedName(listName)) + "\n";
        } else if (std::find(out.begin(), out.end(), symbol) != out.end()) {
            problems += symbol + " is given twice\n";
        } else {
            out.push_back(symbol);
        }
    }
    if (!problems.empty()) {
        problems.pop_back();
        return Error{problems};
    }
    return out;
}

Result<Ok> WatchlistStore::writeMembers(std::int64_t id, const std::vector<std::string>& symbols) {
    sqlite3* db = cache_.connection();
    sqlite::WriteTransaction tx(db);
    Statement clear;
    Statement insert;
    if (!tx.begin() ||
        clear.prepare(db, "DELETE FROM watchlist_members WHERE list_id = ?1") != SQLITE_OK ||
        insert.prepare(db,
                       "INSERT INTO watchlist_members(list_id, symbol, position) "
                       "VALUES(?1, ?2, ?3)") != SQLITE_OK) {
        return sqlite::storeError(db, cache_.path(), "cannot write a watchlist");
    }
    {
        Use c(clear);
        c.bind(1, id);
        if (c.step() != SQLITE_DONE) {
            return sqlite::storeError(db, cache_.path(), "cannot write a watchlist");
        }
    }
    for (std::size_t i = 0; i < symbols.size(); ++i) {
        Use q(insert);
        q.bind(1, id).bind(2, std::string_view(symbols[i])).bind(3, static_cast<std::int64_t>(i));
        if (q.step() != SQLITE_DONE) {
            return sqlite::storeError(db, cache_.path(), "cannot write a watchlist");
        }
    }
    if (!tx.commit()) {
        return sqlite::storeError(db, cache_.path(), "cannot write a watchlist");
    }
    return Ok{};
}

Result<std::vector<std::string>> WatchlistStore::add(std::string_view name,
                                                     std::span<const std::string> symbols) {
    auto id = listId(name);
    if (!id) {
        return id.error();
    }
    auto current = members(name);
    if (!current) {
        return current.error();
    }
    auto added = checkedSymbols(symbols, *current, name);
    if (!added) {
        return added.error();
    }
    std::vector<std::string> all = *current;
    all.insert(all.end(), added->begin(), added->end());
    if (auto w = writeMembers(*id, all); !w) {
        return w.error();
    }
    return added;
}

Result<Ok> WatchlistStore::setMembers(std::string_view name, std::span<const std::string> symbols) {
    auto id = listId(name);
    if (!id) {
        return id.error();
    }
    std::vector<std::string> all;
    if (!symbols.empty()) {
        auto checked = checkedSymbols(symbols, {}, name);
        if (!checked) {
            return checked.error();
        }
        all = std::move(checked.value());
    }
    return writeMembers(*id, all);
}

Result<Ok> WatchlistStore::takeMember(std::string_view name, std::string_view symbol,
                                      std::optional<std::size_t> reinsertAt) {
    auto current = members(name);
    if (!current) {
        return current.error();
    }
    const std::string s = canonicalSymbol(symbol);
    const auto it = std::find(current->begin(), current->end(), s);
    if (it == current->end()) {
        return Error{s + " is not on " + inQuotes(trimmedName(name))};
    }
    current->erase(it);
    if (reinsertAt) {
        const auto at = std::min(*reinsertAt, current->size());
        current->insert(current->begin() + static_cast<std::ptrdiff_t>(at), s);
    }
    return writeMembers(*listId(name), *current);
}

Result<Ok> WatchlistStore::removeSymbol(std::string_view name, std::string_view symbol) {
    return takeMember(name, symbol, std::nullopt);
}

Result<Ok> WatchlistStore::move(std::string_view name, std::string_view symbol, std::size_t index) {
    return takeMember(name, symbol, index);
}

}  // namespace retest
