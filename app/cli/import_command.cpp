// `retest import FILE --symbol SYM [--format auto|yahoo|stooq|generic]`
#include "app/cli/cli.h"
#include "app/cli/cli_options.h"
#include "core/import/csv_importer.h"

namespace retest::cli {

int runImport(Context& ctx) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Import a CSV file of daily bars into the cache under SYMBOL.\n"
        "Layouts: Yahoo download (Date,Open,High,Low,Close,Adj Close,Volume; `null` rows are\n"
        "skipped), Stooq (Date,Open,High,Low,Close,Volume), or any file with those columns\n"
        "separated by , ; or TAB. Dates are YYYY-MM-DD. A file with any invalid row is refused\n"
        "with its line number and reason, and the cache is left as it was. Only regular files\n"
        "up to 256 MiB are read."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The CSV file."));
    const QCommandLineOption symbol(QStringLiteral("symbol"),
                                    QStringLiteral("Symbol to store the bars under (required)."),
                                    QStringLiteral("SYM"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("auto (default), yahoo, stooq or generic."),
                                    QStringLiteral("FORMAT"), QStringLiteral("auto"));
    parser.addOptions({symbol, format});
    if (auto r = parseCommand(parser, ctx, QStringLiteral("import"), 1, 1);
        r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    if (!parser.isSet(symbol)) {
        ctx.err << "retest import: --symbol is required\n\n"
                << commandHelpText(parser, QStringLiteral("import"));
        return kUsage;
    }
    const auto fmt = parseCsvFormat(parser.value(format).toStdString());
    if (!fmt) {
        ctx.err << "retest import: unknown --format '" << parser.value(format)
                << "' (auto, yahoo, stooq or generic)" << Qt::endl;
        return kUsage;
    }
    const auto sym = parseSymbolArgument(ctx, QStringLiteral("import"), parser.value(symbol));
    if (!sym) {
        return kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    const std::filesystem::path file(parser.positionalArguments().front().toStdString());
    auto report = importCsvFile(*cache, file, sym->toStdString(), *fmt);
    if (!report) {
        ctx.err << "retest import: " << QString::fromStdString(report.error().message)
                << "\nNothing was imported; the cache is unchanged." << Qt::endl;
        return kFailed;
    }
    ctx.out << QString::fromStdString(report->summary()) << Qt::endl;
    return kOk;
}

}  // namespace retest::cli
