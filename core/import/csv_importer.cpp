#include "core/import/csv_importer.h"

#include <cctype>

#include "core/model/date.h"

namespace retest {

std::string ImportReport::summary() const {
    std::string s = symbol + ": " + std::to_string(bars) + " bars";
    if (bars > 0) {
        s += " " + formatIsoDate(firstDay) + ".." + formatIsoDate(lastDay);
    }
    s += " from " + file + " (" + std::string(csvFormatName(format)) +
         "): " + std::to_string(stats.inserted) + " new, " + std::to_string(stats.updated) +
         " updated, " + std::to_string(stats.unchanged) + " unchanged";
    if (skippedMissing > 0) {
        s += ", " + std::to_string(skippedMissing) + " missing rows skipped";
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

Result<std::string> normalizeSymbol(std::string_view text) {
    if (text.empty() || text.size() > 20) {
        return Error{"invalid symbol '" + std::string(text) + "': expected 1 to 20 characters"};
    }
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) == 0 && c != '^' && c != '.' && c != '-' && c != '=' && c != '_') {
            return Error{"invalid symbol '" + std::string(text) +
                         "': only letters, digits and ^ . - = _ are allowed"};
        }
        out.push_back(static_cast<char>(std::toupper(u)));
    }
    return out;
}

}  // namespace retest
