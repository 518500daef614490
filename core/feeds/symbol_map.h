// What each provider calls a symbol: one built-in table plus the user's overrides.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/feeds/feed_types.h"

namespace retest {

/// User overrides per provider: symbol as the user types it -> provider's symbol.
/// An empty provider symbol means "this provider does not carry it".
using SymbolOverrides = std::map<Provider, std::map<std::string, std::string>>;

struct SymbolMapping {
    std::string symbol;  ///< as the user types it, e.g. "^GSPC"
    std::string yahoo;   ///< e.g. "^GSPC"
    std::string stooq;   ///< e.g. "^spx"; empty when Stooq has no such series
};

/// The built-in table (well-known indices and yields whose names differ between providers).
const std::vector<SymbolMapping>& builtinSymbolMappings();

/// The provider's name for `symbol`: the user's override, else the table, else the rule
/// (Yahoo: unchanged; Stooq: lower case, plain tickers get ".us"). nullopt when the provider
/// is known not to carry it.
std::optional<std::string> providerSymbol(Provider provider, std::string_view symbol,
                                          const SymbolOverrides& overrides = {});

}  // namespace retest
