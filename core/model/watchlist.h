// Watchlists: the list Retest ships with, the one rule that turns typed text into a symbol,
// and the text format lists are imported from and exported to (one symbol a line).
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/result.h"

namespace retest {

/// "Small caps & sectors": what `scan` covers by default and the first list of a new cache.
inline constexpr std::array<std::string_view, 10> kDefaultWatchlist = {
    "IWM", "VTWO", "KRE", "XBI", "XLI", "SPY", "QQQ", "^RUT", "^TNX", "^GSPC"};
inline constexpr std::string_view kDefaultWatchlistName = "Small caps & sectors";

/// Trimmed and upper-cased, a ratio as "A:B" (no spaces around the colon): how every
/// watchlist, alert, chart and command spells a symbol it was given.
std::string canonicalSymbol(std::string_view text);

/// Why a normalized symbol cannot be one (empty, spaces, characters outside A-Z 0-9 and
/// ^ . - = _ / :, longer than 32), or std::nullopt when it can. Ratio symbols "IWM:SPY" pass.
std::optional<std::string> symbolProblem(std::string_view symbol);

/// A list name trimmed; why it cannot be one (empty, a line break, over 100 characters).
std::optional<std::string> watchlistNameProblem(std::string_view name);

/// A list file: one symbol a line; blank lines and lines starting with '#' are skipped; CRLF
/// and a UTF-8 BOM are fine. Every bad line (not a symbol, or a symbol given twice) is named
/// as "SOURCE:LINE: reason", one a line, in one Error; then nothing should be added.
Result<std::vector<std::string>> parseSymbolList(std::string_view text, std::string_view source);

/// The text form of a list: each symbol on its own line, ending with a newline.
std::string formatSymbolList(const std::vector<std::string>& symbols);

}  // namespace retest
