// Imports a CSV price file into the cache: parse and validate everything first, then write all
// bars in one transaction. A file with any bad row writes nothing.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/cache/price_cache.h"
#include "core/csv/csv_import.h"
#include "core/model/result.h"
#include "core/model/symbol.h"

namespace retest {

struct ImportReport {
    std::string symbol;
    std::string file;
    CsvFormat format = CsvFormat::Generic;
    std::size_t bars = 0;            ///< bars written (inserted + updated + unchanged)
    std::size_t skippedMissing = 0;  ///< rows the file marks as missing (`null`)
    std::size_t duplicateRows = 0;   ///< identical repeated rows dropped
    std::string dateColumnGuessed;   ///< header of the column taken as the date by its content
    UpsertStats stats;
    Day firstDay = 0;
    Day lastDay = 0;
    /// One line for people: "^GSPC: 5105 bars 2000-01-03..2020-04-17 from a.csv (yahoo): …".
    std::string summary() const;
};

/// Parses `bytes` (named `fileName` in errors) and stores the bars under `symbol`.
/// Errors: the CSV error text ("FILE:LINE: REASON") or the cache's error; nothing is written.
Result<ImportReport> importCsvBytes(PriceCache& cache, std::string_view bytes,
                                    std::string_view fileName, std::string_view symbol,
                                    CsvFormat format, const SymbolMeta& meta = {});

/// Reads `path` and imports it; the symbol's source becomes "csv:<file name>".
Result<ImportReport> importCsvFile(PriceCache& cache, const std::filesystem::path& path,
                                   std::string_view symbol, CsvFormat format = CsvFormat::Auto);

}  // namespace retest
