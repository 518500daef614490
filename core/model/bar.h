// One trading session's prices. The unit every parser produces, the cache stores and every
// analytic consumes: a plain value in a contiguous array, no Qt.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>

namespace retest {

/// Days since 1970-01-01 (the civil calendar, no time zone). ISO strings exist only at the edges.
using Day = std::int32_t;

struct Bar {
    Day day = 0;
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    /// Close adjusted for splits and dividends; equals `close` when the source gives none.
    double adjClose = 0;
    double volume = 0;

    friend bool operator==(const Bar&, const Bar&) = default;
};

/// A series of closes only (a yield or a rate from FRED): no bar has a range, so candles
/// would be dashes. False with no bars.
inline bool closesOnly(std::span<const Bar> bars) {
    return !bars.empty() && std::all_of(bars.begin(), bars.end(), [](const Bar& b) {
        return b.open == b.close && b.high == b.close && b.low == b.close;
    });
}

}  // namespace retest
