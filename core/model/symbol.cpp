// Symbol validation; see symbol.h.
#include "core/model/symbol.h"

#include <cstdio>

namespace retest {

namespace {

bool isAsciiAlnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isAllowedPunct(char c) {
    return c == '^' || c == '.' || c == '-' || c == '=' || c == '_' || c == '&';
}

char upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

}  // namespace

std::string printableSymbol(std::string_view text) {
    constexpr std::size_t kShown = 40;
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < kShown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\' || c == '\'') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02X", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (text.size() > kShown) {
        out += "...";
    }
    return out;
}

Result<std::string> normalizeSymbol(std::string_view text) {
    const auto bad = [&](const std::string& why) {
        return Error{"invalid symbol \"" + printableSymbol(text) + "\": " + why};
    };
    if (text.empty()) {
        return Error{"invalid symbol: it is empty"};
    }
    if (text.size() > kMaxSymbolLength) {
        return bad("longer than " + std::to_string(kMaxSymbolLength) + " characters");
    }
    std::string out;
    out.reserve(text.size());
    bool hasAlnum = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (isAsciiAlnum(c)) {
            hasAlnum = true;
        } else if (c == ':') {
            return bad("':' is only allowed between the two symbols of a ratio (A:B)");
        } else if (!isAllowedPunct(c)) {
            return bad("character " + std::to_string(i + 1) +
                       " is not allowed (use letters, digits and ^ . - = _ &)");
        }
        out += upper(c);
    }
    if (!isAsciiAlnum(text.front()) && text.front() != '^') {
        return bad("it must start with a letter, a digit or ^");
    }
    if (!hasAlnum) {
        return bad("it has no letter or digit");
    }
    return out;
}

Result<SymbolParts> splitRatioSymbol(std::string_view text) {
    const auto colon = text.find(':');
    if (colon == std::string_view::npos) {
        auto plain = normalizeSymbol(text);
        if (!plain) {
            return plain.error();
        }
        return SymbolParts{*plain, *plain, {}};
    }
    const std::string_view a = text.substr(0, colon);
    const std::string_view b = text.substr(colon + 1);
    const auto bad = [&](const std::string& why) {
        return Error{"invalid symbol \"" + printableSymbol(text) + "\" (a ratio A:B): " + why};
    };
    if (a.empty() || b.empty()) {
        return bad("a ratio needs a symbol on each side of ':' (e.g. IWM:SPY)");
    }
    if (b.find(':') != std::string_view::npos) {
        return bad("a ratio has exactly one ':'");
    }
    auto num = normalizeSymbol(a);
    if (!num) {
        return bad(num.error().message);
    }
    auto den = normalizeSymbol(b);
    if (!den) {
        return bad(den.error().message);
    }
    if (*num == *den) {
        return bad("both sides are " + *num + "; a ratio needs two different symbols");
    }
    return SymbolParts{*num + ":" + *den, *num, *den};
}

}  // namespace retest
