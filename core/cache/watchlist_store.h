// The user's watchlists in the price cache: named, ordered lists of symbols. Every write is
// one transaction on the cache's connection; a refused edit changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/cache/price_cache.h"

namespace retest {

struct WatchlistInfo {
    std::int64_t id = 0;
    std::string name;
    std::size_t size = 0;
};

class WatchlistStore {
public:
    /// Works on `cache`'s connection; `cache` must outlive the store.
    explicit WatchlistStore(PriceCache& cache);

    /// Every list in the user's order (the first is the default list).
    Result<std::vector<WatchlistInfo>> lists() const;
    /// The symbols of list `name` in order; an Error naming the list when there is none.
    Result<std::vector<std::string>> members(std::string_view name) const;
    /// The symbols a batch covers (`export --watchlist`, the window's watchlist export): list
    /// `name` alone (an Error when it is unknown or empty), or with no name the default (first)
    /// list in its order followed by every other cached symbol.
    Result<std::vector<std::string>> batchSymbols(std::string_view name = {}) const;

    /// A new empty list at the end. Errors: a bad or taken name.
    Result<Ok> create(std::string_view name);
    Result<Ok> rename(std::string_view from, std::string_view to);
    /// Refuses to delete the only list.
    Result<Ok> remove(std::string_view name);

    /// Appends `symbols` (spelled by canonicalSymbol) to list `name`, all or nothing: an
    /// invalid symbol, one already on the list or given twice refuses the whole call with a
    /// message naming each. Returns the symbols as stored.
    Result<std::vector<std::string>> add(std::string_view name,
                                         std::span<const std::string> symbols);
    /// An Error when the symbol is not on the list.
    Result<Ok> removeSymbol(std::string_view name, std::string_view symbol);
    /// Moves `symbol` to position `index` (clamped to the end).
    Result<Ok> move(std::string_view name, std::string_view symbol, std::size_t index);
    /// Replaces the list's members with `symbols` (same checks as add()).
    Result<Ok> setMembers(std::string_view name, std::span<const std::string> symbols);

private:
    Result<std::int64_t> listId(std::string_view name) const;
    Result<std::vector<std::string>> checkedSymbols(std::span<const std::string> symbols,
                                                    const std::vector<std::string>& existing,
                                                    std::string_view listName) const;
    Result<Ok> writeMembers(std::int64_t id, const std::vector<std::string>& symbols);
    /// Takes `symbol` off the list, then puts it back at `reinsertAt` when given.
    Result<Ok> takeMember(std::string_view name, std::string_view symbol,
                          std::optional<std::size_t> reinsertAt);

    PriceCache& cache_;
};

}  // namespace retest
