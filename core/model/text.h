// Text helpers. ASCII case for names and codes ("yahoo", "1Y", CSV headers): one place, so
// every parser folds case the same way (non-ASCII bytes are left as they are). Joining pieces
// without temporaries, for the analysis's descriptions. Prices with the decimals their
// magnitude needs, for the chart and the command line alike.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>

namespace retest {

inline std::string toLowerAscii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

inline std::string toUpperAscii(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/// Appends the pieces to `out` in order.
inline void appendText(std::string& out, std::initializer_list<std::string_view> parts) {
    std::size_t size = out.size();
    for (const std::string_view part : parts) {
        size += part.size();
    }
    out.reserve(size);
    for (const std::string_view part : parts) {
        out += part;
    }
}

/// The pieces appended in order. (Text is built by appending: `"literal" + std::string` trips
/// GCC 12's -Wrestrict false positive at -O3, and Release builds are warning-free.)
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::string out;
    appendText(out, parts);
    return out;
}

/// The decimals a price of this magnitude is written with: two from 10 up ("2874.56"), four
/// below ("4.1600" for a yield, "0.3610" for a ratio). The chart, the level lists, the tables
/// and the descriptions all follow it.
inline int priceDecimals(double magnitude) {
    return std::fabs(magnitude) < 10 ? 4 : 2;
}

/// A price with priceDecimals() of its magnitude, or of `reference`'s when given, so a change
/// of -4.98 on a 3283 close reads "-4.98", not "-4.9800".
inline std::string formatPrice(double price,
                               double reference = std::numeric_limits<double>::quiet_NaN()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", priceDecimals(std::isnan(reference) ? price : reference),
                  price);
    return buf;
}

/// `v` with `decimals` digits after the point and its sign: "+75.01", "-0.40". A value that
/// rounds to zero has no sign ("0.00", never "-0.0000"): too small to show is neither up nor down.
inline std::string signedText(double v, int decimals) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%+.*f", decimals, v);
    const bool zero = std::none_of(buf, buf + std::char_traits<char>::length(buf),
                                   [](char c) { return c >= '1' && c <= '9'; });
    return zero && (buf[0] == '+' || buf[0] == '-') ? std::string(buf + 1) : std::string(buf);
}

/// A change in price with the decimals of the price it is a change of (formatPrice()).
inline std::string formatChange(double change, double reference) {
    return signedText(change, priceDecimals(reference));
}

}  // namespace retest
