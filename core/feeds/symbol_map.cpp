// The symbol table. Index and yield tickers are the ones that differ between providers;
// ordinary US tickers follow a rule instead of being listed.
#include "core/feeds/symbol_map.h"

#include <algorithm>
#include <cctype>

#include "core/model/text.h"

namespace retest {
namespace {

/// Letters, digits and '-' only: an exchange ticker, as opposed to "^SPX", "EURUSD=X", "x.de".
bool isPlainTicker(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

}  // namespace

const std::vector<SymbolMapping>& builtinSymbolMappings() {
    static const std::vector<SymbolMapping> table = {
        {"^GSPC", "^GSPC", "^spx"},   {"^SPX", "^GSPC", "^spx"},  {"^DJI", "^DJI", "^dji"},
        {"^IXIC", "^IXIC", "^ndq"},   {"^NDX", "^NDX", "^ndx"},   {"^RUT", "^RUT", ""},
        {"^TNX", "^TNX", "10usy.b"},  {"^VIX", "^VIX", ""},       {"^N225", "^N225", "^nkx"},
        {"^GDAXI", "^GDAXI", "^dax"}, {"^FTSE", "^FTSE", "^ukx"}, {"^FCHI", "^FCHI", "^cac"},
    };
    return table;
}

std::optional<std::string> providerSymbol(Provider provider, std::string_view symbol,
                                          const SymbolOverrides& overrides) {
    if (auto p = overrides.find(provider); p != overrides.end()) {
        if (auto it = p->second.find(std::string(symbol)); it != p->second.end()) {
            if (it->second.empty()) {
                return std::nullopt;
            }
            return it->second;
        }
    }
    const std::string key = toUpperAscii(symbol);
    for (const SymbolMapping& m : builtinSymbolMappings()) {
        if (m.symbol == key) {
            const std::string& mapped = provider == Provider::Yahoo ? m.yahoo : m.stooq;
            if (mapped.empty()) {
                return std::nullopt;
            }
            return mapped;
        }
    }
    if (provider == Provider::Yahoo) {
        return std::string(symbol);
    }
    return isPlainTicker(symbol) ? toLowerAscii(symbol) + ".us" : toLowerAscii(symbol);
}

}  // namespace retest
