// The watchlist Retest ships with: small caps, their sectors and the broad market.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace retest {

/// "Small caps & sectors": what `scan` covers by default and the GUI lists first.
inline constexpr std::array<std::string_view, 10> kDefaultWatchlist = {
    "IWM", "VTWO", "KRE", "XBI", "XLI", "SPY", "QQQ", "^RUT", "^TNX", "^GSPC"};
inline constexpr std::string_view kDefaultWatchlistName = "Small caps & sectors";

/// The symbols the window lists and a batch covers: the default watchlist in its order, then
/// every other cached symbol in the order given.
inline std::vector<std::string> watchlistThenCached(const std::vector<std::string>& cached) {
    std::vector<std::string> out(kDefaultWatchlist.begin(), kDefaultWatchlist.end());
    for (const std::string& s : cached) {
        if (std::find(out.begin(), out.end(), s) == out.end()) {
            out.push_back(s);
        }
    }
    return out;
}

}  // namespace retest
