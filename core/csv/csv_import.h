// CSV price files -> bars, or an error naming the file, the line and the reason.
// Pure: bytes in, values out. No I/O except readCsvFile(), no Qt, no SQLite.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/bar.h"
#include "core/model/result.h"

namespace retest {

enum class CsvFormat {
    Auto,     ///< decide from the header line
    Yahoo,    ///< Date,Open,High,Low,Close,Adj Close,Volume; `null` rows are missing days
    Stooq,    ///< Date,Open,High,Low,Close,Volume
    Generic,  ///< any delimiter of , ; TAB; columns found by (case-insensitive) name
};

/// "auto", "yahoo", "stooq", "generic" (case-insensitive).
std::optional<CsvFormat> parseCsvFormat(std::string_view text);
std::string_view csvFormatName(CsvFormat format);

struct CsvError {
    std::string file;      ///< the name the caller gave (usually the path)
    std::size_t line = 0;  ///< 1-based physical line; 0 when the error is about the whole file
    std::string reason;    ///< e.g. "low 101.5 is above close 100.2"
    /// "FILE:LINE: REASON" (or "FILE: REASON" when line is 0).
    std::string message() const;
};

struct CsvImport {
    std::vector<Bar> bars;                  ///< sorted by day, one per day
    CsvFormat format = CsvFormat::Generic;  ///< the layout actually recognised
    std::size_t dataRows = 0;               ///< data lines read (excluding header and blank lines)
    std::size_t skippedMissing = 0;         ///< rows the format marks as missing (`null`), skipped
    std::size_t duplicateRows = 0;          ///< identical repeats of a date, dropped
    /// Set when no column is named date and this one was taken because it holds a date on
    /// every row (its header text, e.g. "%Y-%m-%d").
    std::string dateColumnGuessed;
};

/// Parses a whole file's bytes. `fileName` only labels errors.
Result<CsvImport, CsvError> parseCsv(std::string_view bytes, std::string_view fileName,
                                     CsvFormat format = CsvFormat::Auto);

/// The largest CSV file read (256 MiB: about 3 million daily bars, far beyond any real history).
inline constexpr std::size_t kMaxCsvFileBytes = std::size_t{256} << 20;

/// Reads the file then parseCsv(); unreadable files, anything that is not a regular file
/// (a device, a FIFO, a folder) and files over kMaxCsvFileBytes are a CsvError with line 0.
Result<CsvImport, CsvError> readCsvFile(const std::filesystem::path& path,
                                        CsvFormat format = CsvFormat::Auto);

}  // namespace retest
