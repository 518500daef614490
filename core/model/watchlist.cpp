// Symbol spelling and the watchlist text format.
#include "core/model/watchlist.h"

#include <algorithm>
#include <cctype>

namespace retest {

namespace {

std::string_view trimmed(std::string_view s) {
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

bool symbolChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("^.-=_/:").find(c) != std::string_view::npos;
}

}  // namespace

std::string canonicalSymbol(std::string_view text) {
    const std::string_view t = trimmed(text);
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (std::isspace(c) != 0) {
            // Spaces around a ratio's colon go ("IWM : SPY"); others stay, for the caller to
            // refuse ("SPY QQQ" is two symbols).
            const std::size_t next = t.find_first_not_of(" \t", i);
            const bool besideColon = (!out.empty() && out.back() == ':') ||
                                     (next != std::string_view::npos && t[next] == ':');
            if (besideColon) {
                continue;
            }
        }
        out += static_cast<char>(std::toupper(c));
    }
    return out;
}

namespace {

/// "\"SYMBOL\" " + why, built by appending: `"..." + std::string` trips GCC 12's -Wrestrict at -O3.
std::string quotedProblem(std::string_view symbol, std::string_view why) {
    std::string text = "\"";
    text += symbol;
    text += why;
    return text;
}

}  // namespace

std::optional<std::string> symbolProblem(std::string_view symbol) {
    if (symbol.empty()) {
        return "an empty symbol";
    }
    if (symbol.size() > 32) {
        return quotedProblem(symbol.substr(0, 32), "…\" is longer than 32 characters");
    }
    for (char c : symbol) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            return quotedProblem(symbol, "\" has a space in it (one symbol a line)");
        }
        if (!symbolChar(c)) {
            return quotedProblem(symbol,
                                 "\" is not a symbol (letters, digits and ^ . - = _ / : only)");
        }
    }
    return std::nullopt;
}

std::optional<std::string> watchlistNameProblem(std::string_view name) {
    name = trimmed(name);
    if (name.empty()) {
        return "a watchlist needs a name";
    }
    if (name.find_first_of("\r\n") != std::string_view::npos) {
        return "a watchlist name cannot have a line break";
    }
    if (name.size() > 100) {
        return "a watchlist name is at most 100 characters";
    }
    return std::nullopt;
}

Result<std::vector<std::string>> parseSymbolList(std::string_view text, std::string_view source) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    std::vector<std::string> symbols;
    std::vector<std::size_t> lineOf;
    std::string errors;
    std::size_t lineNo = 0;
    while (!text.empty()) {
        ++lineNo;
        const std::size_t eol = text.find('\n');
        const std::string_view raw = text.substr(0, eol);
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
        const std::string_view line = trimmed(raw);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const std::string symbol = canonicalSymbol(line);
        const std::string where = std::string(source) + ":" + std::to_string(lineNo) + ": ";
        if (auto problem = symbolProblem(symbol)) {
            errors += where + *problem + "\n";
            continue;
        }
        const auto seen = std::find(symbols.begin(), symbols.end(), symbol);
        if (seen != symbols.end()) {
            errors += where + symbol + " is already on line " +
                      std::to_string(lineOf[static_cast<std::size_t>(seen - symbols.begin())]) +
                      "\n";
            continue;
        }
        symbols.push_back(symbol);
        lineOf.push_back(lineNo);
    }
    if (!errors.empty()) {
        errors.pop_back();
        return Error{errors};
    }
    return symbols;
}

std::string formatSymbolList(const std::vector<std::string>& symbols) {
    std::string out;
    for (const std::string& s : symbols) {
        out += s + "\n";
    }
    return out;
}

}  // namespace retest
