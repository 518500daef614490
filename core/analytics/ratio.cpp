#include "core/analytics/ratio.h"

#include <algorithm>
#include <cctype>

#include "core/model/text.h"

namespace retest {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())) != 0) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())) != 0) {
        s.remove_suffix(1);
    }
    return s;
}

bool positive(const Bar& b) {
    return b.open > 0 && b.high > 0 && b.low > 0 && b.close > 0 && b.adjClose > 0;
}

}  // namespace

bool looksLikeRatio(std::string_view text) {
    return text.find(':') != std::string_view::npos;
}

bool isPlainSymbol(std::string_view text) {
    if (text.empty() || text.size() > 20) {  // as import accepts (csv_importer.h)
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '^' || c == '.' || c == '-' || c == '_' || c == '=';
    });
}

Result<RatioSymbol> parseRatioSymbol(std::string_view text) {
    const std::string shown(trim(text));
    const std::size_t colon = shown.find(':');
    if (colon == std::string::npos) {
        return Error{"\"" + shown + "\" is not a ratio symbol (expected A:B, e.g. IWM:SPY)"};
    }
    if (shown.find(':', colon + 1) != std::string::npos) {
        return Error{"\"" + shown + "\": a ratio has exactly two sides (A:B, e.g. IWM:SPY)"};
    }
    RatioSymbol r{toUpperAscii(trim(std::string_view(shown).substr(0, colon))),
                  toUpperAscii(trim(std::string_view(shown).substr(colon + 1)))};
    if (r.numerator.empty()) {
        return Error{"\"" + shown + "\" has no numerator (expected A:B, e.g. IWM:SPY)"};
    }
    if (r.denominator.empty()) {
        return Error{"\"" + shown + "\" has no denominator (expected A:B, e.g. IWM:SPY)"};
    }
    for (const std::string* side : {&r.numerator, &r.denominator}) {
        if (!isPlainSymbol(*side)) {
            return Error{"\"" + shown + "\": \"" + *side + "\" is not a symbol"};
        }
    }
    if (r.numerator == r.denominator) {
        return Error{"\"" + shown + "\" divides " + r.numerator +
                     " by itself (always 1); pick two different symbols"};
    }
    return r;
}

std::vector<Bar> ratioBars(std::span<const Bar> numerator, std::span<const Bar> denominator) {
    std::vector<Bar> out;
    out.reserve(std::min(numerator.size(), denominator.size()));
    auto a = numerator.begin();
    auto b = denominator.begin();
    while (a != numerator.end() && b != denominator.end()) {
        if (a->day < b->day) {
            ++a;
            continue;
        }
        if (b->day < a->day) {
            ++b;
            continue;
        }
        if (positive(*a) && positive(*b)) {
            Bar r;
            r.day = a->day;
            r.open = a->open / b->open;
            r.close = a->close / b->close;
            r.high = std::max({r.open, r.close, a->high / b->high});
            r.low = std::min({r.open, r.close, a->low / b->low});
            r.adjClose = a->adjClose / b->adjClose;
            out.push_back(r);
        }
        ++a;
        ++b;
    }
    return out;
}

}  // namespace retest
