#include "core/import/csv_importer.h"

#include "core/model/date.h"

namespace retest {

std::string ImportReport::summary() const {
    std::string s = symbol + ": " + std::to_string(bars) + " bars";
    if (bars > 0) {
        // Appended piece by piece: `" " + std::string` trips GCC 12's -Wrestrict at -O3.
        s += ' ';
        s += formatIsoDate(firstDay);
        s += "..";
        s += formatIsoDate(lastDay);
    }
    s += " from " + file + " (" + std::string(csvFormatName(format)) +
         "): " + std::to_string(stats.inserted) + " new, " + std::to_string(stats.updated) +
         " updated, " + std::to_string(stats.unchanged) + " unchanged";
    if (skippedMissing > 0) {
        s += ", " + std::to_string(skippedMissing) + " missing rows skipped";
    }
    if (!dateColumnGuessed.empty()) {
        s += "; took column \"" + dateColumnGuessed +
             "\" as the date (no column is named date, and it holds a date on every row)";
    }
    if (duplicateRows > 0) {
        s += ", " + std::to_string(duplicateRows) + " repeated rows dropped";
    }
    return s;
}

namespace {

Result<ImportReport> store(PriceCache& cache, const CsvImport& csv, const std::string& file,
                           const std::string& symbol, const SymbolMeta& meta) {
    auto stats = cache.upsertBars(symbol, csv.bars, meta);
    if (!stats) {
        return Error{file + ": not imported: " + stats.error().message};
    }
    ImportReport report;
    report.symbol = symbol;
    report.file = file;
    report.format = csv.format;
    report.bars = csv.bars.size();
    report.skippedMissing = csv.skippedMissing;
    report.duplicateRows = csv.duplicateRows;
    report.dateColumnGuessed = csv.dateColumnGuessed;
    report.stats = stats.value();
    if (!csv.bars.empty()) {
        report.firstDay = csv.bars.front().day;
        report.lastDay = csv.bars.back().day;
    }
    return report;
}

}  // namespace

Result<ImportReport> importCsvBytes(PriceCache& cache, std::string_view bytes,
                                    std::string_view fileName, std::string_view symbol,
                                    CsvFormat format, const SymbolMeta& meta) {
    auto sym = normalizeSymbol(symbol);
    if (!sym) {
        return sym.error();
    }
    auto parsed = parseCsv(bytes, fileName, format);
    if (!parsed) {
        return Error{parsed.error().message()};
    }
    return store(cache, parsed.value(), std::string(fileName), *sym, meta);
}

Result<ImportReport> importCsvFile(PriceCache& cache, const std::filesystem::path& path,
                                   std::string_view symbol, CsvFormat format) {
    auto sym = normalizeSymbol(symbol);
    if (!sym) {
        return sym.error();
    }
    auto parsed = readCsvFile(path, format);
    if (!parsed) {
        return Error{parsed.error().message()};
    }
    SymbolMeta meta;
    meta.source = "csv:" + path.filename().string();
    return store(cache, parsed.value(), path.string(), *sym, meta);
}

}  // namespace retest
