// Line and field splitting for CSV price files: string_views into the caller's bytes, no
// allocation, inline so the per-row hot loop stays in one function after optimisation.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace retest::csv_detail {

/// Physical lines of a buffer; '\n' ends a line and a trailing '\r' is dropped (CRLF files).
class LineReader {
public:
    explicit LineReader(std::string_view bytes) : rest_(bytes) {}

    /// The next line, or false at the end. lineNumber() is then its 1-based number.
    bool next(std::string_view& line) {
        if (done_) {
            return false;
        }
        const char* begin = rest_.data();
        const void* nl = rest_.empty() ? nullptr : std::memchr(begin, '\n', rest_.size());
        if (nl == nullptr) {
            line = rest_;
            done_ = true;
            if (line.empty()) {
                return false;  // the file ended with a newline: no extra empty line
            }
        } else {
            const auto len = static_cast<std::size_t>(static_cast<const char*>(nl) - begin);
            line = rest_.substr(0, len);
            rest_.remove_prefix(len + 1);
        }
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        ++lineNumber_;
        return true;
    }

    std::size_t lineNumber() const { return lineNumber_; }

private:
    std::string_view rest_;
    std::size_t lineNumber_ = 0;
    bool done_ = false;
};

inline std::string_view trimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') {
        s.remove_prefix(1);
    }
    while (!s.empty() && s.back() == ' ') {
        s.remove_suffix(1);
    }
    return s;
}

/// True for lines holding nothing but spaces and delimiters (spreadsheets pad with ",,,,").
inline bool isBlankLine(std::string_view line, char delim) {
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != delim) {
            return false;
        }
    }
    return true;
}

/// What is wrong with a line's quoting (RFC 4180), if anything.
enum class QuoteProblem {
    None,
    Unterminated,    ///< a quoted field has no closing quote on its line
    TextAfterQuote,  ///< `"2010-01-04"XYZ`: only a delimiter may follow a closing quote
    QuoteInField,    ///< `ab"c`: a quote inside an unquoted field
};

struct SplitResult {
    std::size_t count = 0;  ///< fields on the line (may exceed the capacity given)
    QuoteProblem problem = QuoteProblem::None;
    std::size_t problemField = 0;  ///< 1-based field the problem is in
};

/// "unterminated quoted field 3" and the like; empty for QuoteProblem::None.
inline std::string quoteProblemText(const SplitResult& r) {
    const std::string field = " (field " + std::to_string(r.problemField) + ")";
    switch (r.problem) {
        case QuoteProblem::None:
            return {};
        case QuoteProblem::Unterminated:
            return "unterminated quoted field" + field;
        case QuoteProblem::TextAfterQuote:
            return "text after the closing quote" + field +
                   "; a quoted field must end at a delimiter";
        case QuoteProblem::QuoteInField:
            return "a quote inside an unquoted field" + field +
                   "; quote the whole field and double the quote";
    }
    return {};
}

/// Splits `line` at `delim` into at most `capacity` views in `out`; counts the rest. Strict
/// RFC 4180 quoting: a field in double quotes loses its quotes (a doubled quote inside stays
/// doubled: price fields never contain one), only spaces may sit between a closing quote and
/// the delimiter, and an unquoted field may not contain a quote. Surrounding spaces are trimmed.
inline SplitResult splitFields(std::string_view line, char delim, std::string_view* out,
                               std::size_t capacity) {
    SplitResult r;
    std::size_t pos = 0;
    const std::size_t n = line.size();
    const auto problem = [&](QuoteProblem p) {
        r.problem = p;
        r.problemField = r.count + 1;
        return r;
    };
    while (true) {
        while (pos < n && line[pos] == ' ' && delim != ' ') {
            ++pos;
        }
        std::string_view field;
        if (pos < n && line[pos] == '"') {
            const std::size_t start = ++pos;
            while (pos < n && (line[pos] != '"' || (pos + 1 < n && line[pos + 1] == '"'))) {
                pos += line[pos] == '"' ? 2 : 1;
            }
            if (pos >= n) {
                return problem(QuoteProblem::Unterminated);
            }
            field = line.substr(start, pos - start);
            ++pos;  // the closing quote
            while (pos < n && line[pos] == ' ' && delim != ' ') {
                ++pos;
            }
            if (pos < n && line[pos] != delim) {
                return problem(QuoteProblem::TextAfterQuote);
            }
        } else {
            const std::size_t start = pos;
            while (pos < n && line[pos] != delim) {
                if (line[pos] == '"') {
                    return problem(QuoteProblem::QuoteInField);
                }
                ++pos;
            }
            field = trimSpaces(line.substr(start, pos - start));
        }
        if (r.count < capacity) {
            out[r.count] = field;
        }
        ++r.count;
        if (pos >= n) {
            return r;
        }
        ++pos;  // the delimiter
    }
}

}  // namespace retest::csv_detail
