#include "app/app_setup.h"

#include <QFile>
#include <QStandardPaths>
#include <system_error>

#include "core/import/csv_importer.h"

namespace retest::app {

std::filesystem::path defaultDatabasePath() {
    // Generic, not per-organisation: ~/.local/share/retest/retest.sqlite is easy to find.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return std::filesystem::path(dir.toStdString()) / "retest" / "retest.sqlite";
}

Result<Ok> seedSample(PriceCache& cache) {
    QFile file(QStringLiteral(":/sample/sp500-2000.csv"));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{"the bundled sample is missing from this build (:/sample/sp500-2000.csv)"};
    }
    const QByteArray bytes = file.readAll();
    SymbolMeta meta;
    meta.description = "S&P 500";
    meta.currency = "USD";
    meta.source = "sample (Yahoo Finance via vega-datasets)";
    auto report =
        importCsvBytes(cache, std::string_view(bytes.constData(), bytes.size()),
                       "sp500-2000.csv (bundled sample)", kSampleSymbol, CsvFormat::Auto, meta);
    if (!report) {
        return report.error();
    }
    return Ok{};
}

Result<std::unique_ptr<PriceCache>> openCache(const std::filesystem::path& path) {
    // Only Retest's own data folder is created; a typo in a --db path must not make a new
    // cache somewhere unexpected (PriceCache::open refuses a missing folder).
    const std::filesystem::path defaultFolder = defaultDatabasePath().parent_path();
    if (path.has_parent_path() && path.parent_path() == defaultFolder) {
        std::error_code ec;
        std::filesystem::create_directories(defaultFolder, ec);
        if (ec) {
            return Error{"Price cache " + path.string() + ": cannot create folder " +
                         defaultFolder.string() + ": " + ec.message()};
        }
    }
    auto cache = PriceCache::open(path);
    if (!cache) {
        return cache.error();
    }
    auto empty = cache.value()->isEmpty();
    if (!empty) {
        return empty.error();
    }
    if (empty.value()) {
        auto seeded = seedSample(*cache.value());
        if (!seeded) {
            return seeded.error();
        }
    }
    return std::move(cache.value());
}

}  // namespace retest::app
