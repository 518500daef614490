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

namespace {

Result<Ok> seedResource(PriceCache& cache, const char* file, const char* symbol,
                        const SymbolMeta& meta) {
    const QString path = QStringLiteral(":/sample/") + QString::fromLatin1(file);
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        return Error{"the bundled sample is missing from this build (" + path.toStdString() + ")"};
    }
    const QByteArray bytes = in.readAll();
    auto report =
        importCsvBytes(cache, std::string_view(bytes.constData(), bytes.size()),
                       std::string(file) + " (bundled sample)", symbol, CsvFormat::Auto, meta);
    if (!report) {
        return report.error();
    }
    return Ok{};
}

}  // namespace

Result<Ok> seedSample(PriceCache& cache) {
    if (auto r = seedResource(cache, "sp500-2000.csv", kSampleSymbol,
                              {"S&P 500", "USD", "sample (Yahoo Finance via vega-datasets)"});
        !r) {
        return r;
    }
    // The 10-year yield beside it, so the first start can show a rates pane (^TNX maps to it).
    return seedResource(cache, "dgs10.csv", kYieldSampleSymbol,
                        {"US 10-year Treasury yield (%)", "", "sample (FRED DGS10)"});
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
