// The watchlist Retest ships with: small caps, their sectors and the broad market.
#pragma once

#include <array>
#include <string_view>

namespace retest {

/// "Small caps & sectors": what `scan` covers by default and the GUI lists first.
inline constexpr std::array<std::string_view, 10> kDefaultWatchlist = {
    "IWM", "VTWO", "KRE", "XBI", "XLI", "SPY", "QQQ", "^RUT", "^TNX", "^GSPC"};
inline constexpr std::string_view kDefaultWatchlistName = "Small caps & sectors";

}  // namespace retest
