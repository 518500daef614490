// Text helpers. ASCII case for names and codes ("yahoo", "1Y", CSV headers): one place, so
// every parser folds case the same way (non-ASCII bytes are left as they are). Joining pieces
// without temporaries, for the analysis's descriptions.
#pragma once

#include <algorithm>
#include <cctype>
#include <initializer_list>
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

}  // namespace retest
