// CSV price files -> bars. One pass over the bytes with string_views and std::from_chars; the
// only allocations are the output vectors (reserved up front) and, on failure, the error text.
#include "core/csv/csv_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "core/csv/csv_tokenizer.h"
#include "core/model/bar_validation.h"
#include "core/model/bounded_file.h"
#include "core/model/date.h"
#include "core/model/text.h"

namespace retest {

namespace {

using csv_detail::LineReader;
using csv_detail::splitFields;

enum Col : int { kDate, kOpen, kHigh, kLow, kClose, kAdj, kVolume, kColCount };
constexpr std::array<std::string_view, kColCount> kColName = {"date",  "open",      "high",  "low",
                                                              "close", "adj close", "volume"};

constexpr std::string_view kYahooHeader = "Date,Open,High,Low,Close,Adj Close,Volume";
constexpr std::string_view kStooqHeader = "Date,Open,High,Low,Close,Volume";
// Stooq leaves the volume column out for indices.
constexpr std::string_view kStooqHeaderNoVolume = "Date,Open,High,Low,Close";

struct Layout {
    CsvFormat format = CsvFormat::Generic;
    char delim = ',';
    std::size_t headerLine = 1;
    std::size_t fieldCount = 0;
    std::array<int, kColCount> index{};  // field position of each column, -1 when absent
};

CsvError fail(std::string_view file, std::size_t line, std::string reason) {
    return CsvError{std::string(file), line, std::move(reason)};
}

/// A field as shown in an error: quoted, and cut short so one bad row cannot flood a dialog.
std::string quoted(std::string_view text) {
    constexpr std::size_t kMax = 60;
    std::string out = "\"";
    out += text.substr(0, kMax);
    if (text.size() > kMax) {
        out += "...";
    }
    out += '"';
    return out;
}

/// Strict UTF-8: no overlong forms, no UTF-16 surrogates (ED A0..BF), nothing above U+10FFFF.
bool isValidUtf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        // The range the first continuation byte must fall in (narrower after E0, ED, F0, F4).
        unsigned char lo = 0x80;
        unsigned char hi = 0xBF;
        if (c < 0x80) {
            extra = 0;
        } else if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (extra > 0 && i + extra >= s.size()) {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

/// The delimiter used most often in the header line, outside quotes; ',' on a tie or none.
char sniffDelimiter(std::string_view header) {
    std::size_t comma = 0;
    std::size_t semicolon = 0;
    std::size_t tab = 0;
    bool inQuotes = false;
    for (char c : header) {
        if (c == '"') {
            inQuotes = !inQuotes;
        } else if (!inQuotes) {
            comma += c == ',';
            semicolon += c == ';';
            tab += c == '\t';
        }
    }
    if (semicolon > comma && semicolon >= tab) {
        return ';';
    }
    if (tab > comma && tab > semicolon) {
        return '\t';
    }
    return ',';
}

/// Which column a header name means (case-insensitive, common aliases), or -1.
int columnFor(std::string_view name) {
    struct Alias {
        std::string_view name;
        int col;
    };
    static constexpr std::array<Alias, 18> kAliases = {{
        {"date", kDate},
        {"open", kOpen},
        {"high", kHigh},
        {"low", kLow},
        {"close", kClose},
        {"adj close", kAdj},
        {"adjclose", kAdj},
        {"adj_close", kAdj},
        {"adj. close", kAdj},
        {"adjusted close", kAdj},
        {"volume", kVolume},
        {"vol", kVolume},
        {"data", kDate},
        {"otwarcie", kOpen},  // Stooq's Polish headers
        {"najwyzszy", kHigh},
        {"najnizszy", kLow},
        {"zamkniecie", kClose},
        {"wolumen", kVolume},
    }};
    for (const Alias& a : kAliases) {
        if (equalsIgnoringCase(name, a.name)) {
            return a.col;
        }
    }
    return -1;
}

/// For an explicit Yahoo/Stooq request: the header it must have, and whether `header` has it.
bool headerMatchesFormat(CsvFormat format, std::string_view header) {
    switch (format) {
        case CsvFormat::Yahoo:
            return equalsIgnoringCase(header, kYahooHeader);
        case CsvFormat::Stooq:
            return equalsIgnoringCase(header, kStooqHeader) ||
                   equalsIgnoringCase(header, kStooqHeaderNoVolume);
        default:
            return true;
    }
}

CsvFormat recogniseFormat(std::string_view header) {
    if (headerMatchesFormat(CsvFormat::Yahoo, header)) {
        return CsvFormat::Yahoo;
    }
    if (headerMatchesFormat(CsvFormat::Stooq, header)) {
        return CsvFormat::Stooq;
    }
    return CsvFormat::Generic;
}

Result<Layout, CsvError> buildLayout(std::string_view header, std::size_t headerLine,
                                     CsvFormat requested, std::string_view file) {
    if (!isValidUtf8(header)) {
        return fail(file, headerLine, "the header is not valid UTF-8 text; is this a CSV file?");
    }
    Layout layout;
    layout.headerLine = headerLine;
    if (requested == CsvFormat::Yahoo || requested == CsvFormat::Stooq) {
        if (!headerMatchesFormat(requested, header)) {
            const std::string_view expected =
                requested == CsvFormat::Yahoo ? kYahooHeader : kStooqHeader;
            return fail(file, headerLine,
                        "header " + quoted(header) + " is not a " +
                            (requested == CsvFormat::Yahoo ? "Yahoo" : "Stooq") +
                            " header; expected " + quoted(expected));
        }
        layout.format = requested;
    } else {
        layout.format = requested == CsvFormat::Auto ? recogniseFormat(header) : requested;
    }
    layout.delim = layout.format == CsvFormat::Generic ? sniffDelimiter(header) : ',';

    std::vector<std::string_view> names(header.size() + 1);
    const auto split = splitFields(header, layout.delim, names.data(), names.size());
    if (split.problem != csv_detail::QuoteProblem::None) {
        return fail(file, headerLine, "header: " + csv_detail::quoteProblemText(split));
    }
    layout.fieldCount = split.count;
    layout.index.fill(-1);
    for (std::size_t i = 0; i < split.count; ++i) {
        const int col = columnFor(names[i]);
        if (col < 0) {
            continue;  // extra columns (e.g. "Dividends") are allowed and ignored
        }
        if (layout.index[col] >= 0) {
            return fail(file, headerLine,
                        "column " + quoted(names[i]) + " appears twice (columns " +
                            std::to_string(layout.index[col] + 1) + " and " +
                            std::to_string(i + 1) + ")");
        }
        layout.index[col] = static_cast<int>(i);
    }
    // A missing date column may still be found by content (see findDateColumn), once the
    // price columns are all there.
    const bool pricesNamed =
        std::all_of(layout.index.begin() + kOpen, layout.index.begin() + kClose + 1,
                    [](int i) { return i >= 0; });
    for (int col = pricesNamed ? kOpen : kDate; col <= kClose; ++col) {
        if (layout.index[col] < 0) {
            return fail(file, headerLine,
                        "missing required column " + quoted(kColName[col]) + " in header " +
                            quoted(header) + " (needed: date, open, high, low, close)");
        }
    }
    return layout;
}

bool isNullMarker(std::string_view text) {
    return equalsIgnoringCase(text, "null");
}

enum class NumStatus { Ok, Empty, NotNumber };

/// A finite decimal (its sign and range are checkBar()'s business). In `;`/TAB files a decimal
/// comma ("1469,25") is accepted, as European spreadsheets write it.
NumStatus parseNumber(std::string_view text, char delim, double& out) {
    if (text.empty()) {
        return NumStatus::Empty;
    }
    char buf[64];
    if (delim != ',' && text.size() < sizeof buf && text.find(',') != std::string_view::npos) {
        std::copy(text.begin(), text.end(), buf);
        std::replace(buf, buf + text.size(), ',', '.');
        text = std::string_view(buf, text.size());
    }
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    if (ec != std::errc() || ptr != end || !std::isfinite(out)) {
        return NumStatus::NotNumber;
    }
    return NumStatus::Ok;
}

enum class RowOutcome { Bar, Missing, Error };

/// Parses and checks data rows of one layout; reuses one field buffer for the whole file.
class RowParser {
public:
    RowParser(const Layout& layout, std::string_view file, Day latest)
        : layout_(layout), file_(file), latest_(latest), fields_(layout.fieldCount) {}

    RowOutcome parse(std::string_view line, std::size_t lineNo, Bar& bar, CsvError& error);

private:
    std::string_view field(int col) const { return fields_[layout_.index[col]]; }
    bool number(int col, double& out, std::size_t lineNo, CsvError& error) const;

    const Layout& layout_;
    std::string_view file_;
    Day latest_;
    std::vector<std::string_view> fields_;
};

bool RowParser::number(int col, double& out, std::size_t lineNo, CsvError& error) const {
    const std::string_view text = field(col);
    const NumStatus status = parseNumber(text, layout_.delim, out);
    if (status == NumStatus::Ok) {
        return true;
    }
    const std::string name(kColName[col]);
    switch (status) {
        case NumStatus::Ok:
            return true;
        case NumStatus::Empty:
            error = fail(file_, lineNo, name + " is empty");
            return false;
        case NumStatus::NotNumber:
            error = fail(file_, lineNo, name + " " + quoted(text) + " is not a number");
            return false;
    }
    return false;
}

RowOutcome RowParser::parse(std::string_view line, std::size_t lineNo, Bar& bar, CsvError& error) {
    const auto split = splitFields(line, layout_.delim, fields_.data(), fields_.size());
    if (split.problem != csv_detail::QuoteProblem::None) {
        error = fail(file_, lineNo, csv_detail::quoteProblemText(split));
        return RowOutcome::Error;
    }
    if (split.count != layout_.fieldCount) {
        error = fail(file_, lineNo,
                     "wrong number of fields: expected " + std::to_string(layout_.fieldCount) +
                         " like the header, found " + std::to_string(split.count));
        return RowOutcome::Error;
    }
    const auto day = parseIsoDate(field(kDate));
    if (!day) {
        error =
            fail(file_, lineNo, "invalid date " + quoted(field(kDate)) + " (expected YYYY-MM-DD)");
        return RowOutcome::Error;
    }
    for (int col = kOpen; col <= kAdj; ++col) {
        if (layout_.index[col] >= 0 && isNullMarker(field(col))) {
            return RowOutcome::Missing;
        }
    }
    bar.day = *day;
    if (!number(kOpen, bar.open, lineNo, error) || !number(kHigh, bar.high, lineNo, error) ||
        !number(kLow, bar.low, lineNo, error) || !number(kClose, bar.close, lineNo, error)) {
        return RowOutcome::Error;
    }
    bar.adjClose = bar.close;
    if (layout_.index[kAdj] >= 0 && !number(kAdj, bar.adjClose, lineNo, error)) {
        return RowOutcome::Error;
    }
    bar.volume = 0;
    if (layout_.index[kVolume] >= 0) {
        const std::string_view vol = field(kVolume);
        // An absent volume is common (indices, hand-made files) and means "unknown", i.e. 0.
        if (!vol.empty() && !isNullMarker(vol) && !number(kVolume, bar.volume, lineNo, error)) {
            return RowOutcome::Error;
        }
    }
    // The rules every source shares (positive prices, low <= open, close <= high, dates).
    if (auto why = checkBar(bar, latest_)) {
        error = fail(file_, lineNo, std::move(*why));
        return RowOutcome::Error;
    }
    return RowOutcome::Bar;
}

/// A header without a column named date (an R export names it by its format, "%Y-%m-%d"): the
/// one other column holding a YYYY-MM-DD date on every data row becomes the date, and its
/// name goes to `guessed`. Otherwise the usual "missing required column" error.
Result<Ok, CsvError> findDateColumn(Layout& layout, std::string_view header, LineReader rows,
                                    std::string_view file, std::string& guessed) {
    const auto missing = [&](const std::string& why) {
        return fail(file, layout.headerLine,
                    "missing required column \"date\" in header " + quoted(header) +
                        " (needed: date, open, high, low, close)" + why);
    };
    std::vector<bool> candidate(layout.fieldCount, true);
    for (int col = 0; col < kColCount; ++col) {
        if (layout.index[col] >= 0) {
            candidate[static_cast<std::size_t>(layout.index[col])] = false;
        }
    }
    std::vector<std::string_view> fields(layout.fieldCount);
    std::string_view line;
    std::size_t dataRows = 0;
    while (rows.next(line)) {
        if (csv_detail::isBlankLine(line, layout.delim)) {
            continue;
        }
        const auto split = splitFields(line, layout.delim, fields.data(), fields.size());
        if (split.problem != csv_detail::QuoteProblem::None || split.count != layout.fieldCount) {
            return missing("");
        }
        ++dataRows;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (candidate[i] && !parseIsoDate(fields[i])) {
                candidate[i] = false;
            }
        }
    }
    const auto found =
        static_cast<std::size_t>(std::count(candidate.begin(), candidate.end(), true));
    if (dataRows == 0 || found != 1) {
        return missing(found > 1 ? "; more than one column holds dates, name one of them date"
                                 : "");
    }
    const auto at = static_cast<std::size_t>(std::find(candidate.begin(), candidate.end(), true) -
                                             candidate.begin());
    std::vector<std::string_view> names(layout.fieldCount);
    splitFields(header, layout.delim, names.data(), names.size());
    guessed = std::string(names[at]);
    layout.index[kDate] = static_cast<int>(at);
    return Ok{};
}

/// Sorts by day (stable, so file order breaks ties) and drops identical repeats; a date that
/// repeats with other values is an error naming both lines.
Result<Ok, CsvError> sortAndDedup(std::vector<Bar>& bars, std::vector<std::uint32_t>& lines,
                                  std::size_t& duplicates, std::string_view file) {
    const auto byDay = [](const Bar& a, const Bar& b) { return a.day < b.day; };
    if (!std::is_sorted(bars.begin(), bars.end(), byDay)) {
        std::vector<std::uint32_t> order(bars.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return bars[a].day < bars[b].day;
        });
        std::vector<Bar> sortedBars;
        std::vector<std::uint32_t> sortedLines;
        sortedBars.reserve(bars.size());
        sortedLines.reserve(bars.size());
        for (std::uint32_t i : order) {
            sortedBars.push_back(bars[i]);
            sortedLines.push_back(lines[i]);
        }
        bars.swap(sortedBars);
        lines.swap(sortedLines);
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (kept > 0 && bars[i].day == bars[kept - 1].day) {
            if (bars[i] == bars[kept - 1]) {
                ++duplicates;
                continue;
            }
            const std::uint32_t first = std::min(lines[kept - 1], lines[i]);
            const std::uint32_t second = std::max(lines[kept - 1], lines[i]);
            return fail(file, second,
                        "date " + formatIsoDate(bars[i].day) + " appears on lines " +
                            std::to_string(first) + " and " + std::to_string(second) +
                            " with different values");
        }
        bars[kept] = bars[i];
        lines[kept] = lines[i];
        ++kept;
    }
    bars.resize(kept);
    return Ok{};
}

/// Whole-file checks before any row is read: emptiness and binary content.
Result<Ok, CsvError> checkFileBytes(std::string_view bytes, std::string_view file) {
    const auto nul = bytes.find('\0');
    if (nul != std::string_view::npos) {
        const auto line = 1 + std::count(bytes.begin(), bytes.begin() + nul, '\n');
        return fail(file, 0,
                    "binary content (a NUL byte on line " + std::to_string(line) +
                        "); this is not a CSV text file");
    }
    const bool allBlank = std::all_of(bytes.begin(), bytes.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    });
    if (allBlank) {
        return fail(file, 0, "the file is empty");
    }
    return Ok{};
}

}  // namespace

std::optional<CsvFormat> parseCsvFormat(std::string_view text) {
    for (CsvFormat f : {CsvFormat::Auto, CsvFormat::Yahoo, CsvFormat::Stooq, CsvFormat::Generic}) {
        if (equalsIgnoringCase(text, csvFormatName(f))) {
            return f;
        }
    }
    return std::nullopt;
}

std::string_view csvFormatName(CsvFormat format) {
    switch (format) {
        case CsvFormat::Auto:
            return "auto";
        case CsvFormat::Yahoo:
            return "yahoo";
        case CsvFormat::Stooq:
            return "stooq";
        case CsvFormat::Generic:
            return "generic";
    }
    return "generic";
}

std::string CsvError::message() const {
    if (line == 0) {
        return file + ": " + reason;
    }
    return file + ":" + std::to_string(line) + ": " + reason;
}

Result<CsvImport, CsvError> parseCsv(std::string_view bytes, std::string_view fileName,
                                     CsvFormat format) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
        bytes.remove_prefix(3);
    }
    if (auto checked = checkFileBytes(bytes, fileName); !checked) {
        return checked.error();
    }
    LineReader reader(bytes);
    std::string_view line;
    while (reader.next(line) && csv_detail::trimSpaces(line).empty()) {
    }
    const std::string_view header = line;
    auto layout = buildLayout(header, reader.lineNumber(), format, fileName);
    if (!layout) {
        return layout.error();
    }

    CsvImport out;
    if (layout->index[kDate] < 0) {
        if (auto found = findDateColumn(*layout, header, reader, fileName, out.dateColumnGuessed);
            !found) {
            return found.error();
        }
    }
    out.format = layout->format;
    const auto estimate = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
    out.bars.reserve(estimate + 1);
    std::vector<std::uint32_t> lines;
    lines.reserve(estimate + 1);

    RowParser rows(*layout, fileName, latestBarDay());
    CsvError error;
    Bar bar;
    while (reader.next(line)) {
        if (csv_detail::isBlankLine(line, layout->delim)) {
            continue;
        }
        ++out.dataRows;
        switch (rows.parse(line, reader.lineNumber(), bar, error)) {
            case RowOutcome::Bar:
                out.bars.push_back(bar);
                lines.push_back(static_cast<std::uint32_t>(reader.lineNumber()));
                break;
            case RowOutcome::Missing:
                ++out.skippedMissing;
                break;
            case RowOutcome::Error:
                return error;
        }
    }
    if (out.dataRows == 0) {
        return fail(fileName, 0, "no data rows after the header");
    }
    if (out.bars.empty()) {
        return fail(fileName, 0,
                    "all " + std::to_string(out.dataRows) +
                        " data rows are marked missing (null); there are no prices to import");
    }
    if (auto sorted = sortAndDedup(out.bars, lines, out.duplicateRows, fileName); !sorted) {
        return sorted.error();
    }
    return out;
}

Result<CsvImport, CsvError> readCsvFile(const std::filesystem::path& path, CsvFormat format) {
    auto bytes = readBoundedFile(path, kMaxCsvFileBytes);
    if (!bytes) {
        // The message already starts with the path.
        const std::string& m = bytes.error().message;
        const std::string name = path.string();
        return fail(name, 0, m.substr(std::min(m.size(), name.size() + 2)));
    }
    return parseCsv(*bytes, path.string(), format);
}

}  // namespace retest
