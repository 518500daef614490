// The one rule for what a symbol is, used at every door (import, fetch, annotate, export,
// levels, watchlists): which characters, how long, and case folding so `iwm` is `IWM`.
// A ratio symbol `A:B` (e.g. `IWM:SPY`) is two plain symbols; splitRatioSymbol() checks both.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/model/result.h"

namespace retest {

/// The longest symbol accepted (Yahoo's longest real tickers are about 15 characters).
inline constexpr std::size_t kMaxSymbolLength = 24;

/// Validates one plain symbol and returns its canonical form (upper case). Allowed: ASCII
/// letters and digits, and `^ . - = _ &` (real tickers: `^RUT`, `BRK-B`, `BRK.B`, `EURUSD=X`,
/// `GC=F`, `M&M.NS`, `DGS10`); it must start with a letter, a digit or `^` and hold at least
/// one letter or digit. The Error says what is wrong, naming the symbol safely (control
/// characters and non-ASCII bytes shown as \xNN).
Result<std::string> normalizeSymbol(std::string_view text);

/// A symbol that may be a ratio `A:B`: both sides plain symbols, different from each other.
struct SymbolParts {
    std::string canonical;    ///< "IWM" or "IWM:SPY"
    std::string numerator;    ///< "IWM"
    std::string denominator;  ///< "SPY"; empty for a plain symbol
    bool isRatio() const { return !denominator.empty(); }
};
Result<SymbolParts> splitRatioSymbol(std::string_view text);

/// `text` made safe to print on one line: control characters, quotes, backslashes and
/// non-ASCII bytes become \xNN, and it is cut after 40 characters.
std::string printableSymbol(std::string_view text);

}  // namespace retest
