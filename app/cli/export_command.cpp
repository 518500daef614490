// `retest export SYM --out FILE …` and `retest export --watchlist [NAME] --out-dir DIR …`: render
// the same chart widget the window shows, headless, with levels, drawings, legend and footer.
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "app/cli/cli.h"
#include "app/cli/cli_options.h"
#include "core/cache/watchlist_store.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/chart/chart_types.h"
#include "ui/export/symbol_export.h"

namespace retest::cli {

namespace {

struct ExportOptions {
    QString symbol;  ///< empty with --watchlist
    QString list;    ///< --watchlist NAME (or --list NAME); empty: the default list
    QString out;
    QString outDir;
    ui::ImageFormat format = ui::ImageFormat::Png;
    ui::SymbolExportRequest request;
};

bool parseSize(const QString& text, int& w, int& h) {
    static const QRegularExpression re(QStringLiteral("^(\\d{2,5})[xX](\\d{2,5})$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        return false;
    }
    w = m.captured(1).toInt();
    h = m.captured(2).toInt();
    return w >= 200 && h >= 150 && w <= 10000 && h <= 10000;
}

bool fail(Context& ctx, const QString& message) {
    ctx.err << "retest export: " << message << Qt::endl;
    return false;
}

bool fail(Context& ctx, const char* message) {
    return fail(ctx, QString::fromUtf8(message));
}

bool readTarget(QCommandLineParser& p, Context& ctx, ExportOptions& o) {
    const bool watchlist = p.isSet(QStringLiteral("watchlist"));
    if (!watchlist && p.positionalArguments().isEmpty()) {
        return fail(ctx, "missing SYMBOL (or --watchlist)");
    }
    if (!watchlist && p.isSet(QStringLiteral("list"))) {
        return fail(ctx, "--list NAME goes with --watchlist");
    }
    if (!watchlist) {
        const auto symbol =
            parseSeriesArgument(ctx, QStringLiteral("export"), p.positionalArguments().front());
        if (!symbol) {
            return false;
        }
        o.symbol = *symbol;
        o.out = p.value(QStringLiteral("out"));
        if (o.out.isEmpty()) {
            return fail(ctx, "--out FILE is required (.png, .jpg, .pdf or .svg)");
        }
        return true;  // the extension is checked in runExport(), before the cache is opened
    }
    // `--watchlist NAME`: the word after the flag names the list (or `--list NAME`).
    o.list = p.positionalArguments().isEmpty() ? p.value(QStringLiteral("list"))
                                               : p.positionalArguments().front();
    if (!p.positionalArguments().isEmpty() && p.isSet(QStringLiteral("list"))) {
        return fail(ctx, "name the list once: --watchlist NAME or --watchlist --list NAME");
    }
    if (p.isSet(QStringLiteral("list")) && o.list.trimmed().isEmpty()) {
        return fail(ctx, "--list needs a watchlist name");
    }
    o.outDir = p.value(QStringLiteral("out-dir"));
    if (o.outDir.isEmpty()) {
        return fail(ctx, "--watchlist needs --out-dir DIR");
    }
    const auto format = ui::parseImageFormat(p.value(QStringLiteral("format")).toStdString());
    if (!format) {
        return fail(ctx, "--format must be png, jpg, pdf or svg");
    }
    o.format = *format;
    return true;
}

bool readRange(QCommandLineParser& p, Context& ctx, ui::SymbolExportRequest& r) {
    if (p.isSet(QStringLiteral("range"))) {
        r.range = ui::parseRangePreset(p.value(QStringLiteral("range")).toStdString());
        if (!r.range) {
            return fail(ctx, "--range must be one of 1M 3M 6M YTD 1Y 5Y MAX");
        }
    }
    for (const char* name : {"from", "to"}) {
        const QString opt = QString::fromLatin1(name);
        if (p.isSet(opt)) {
            const auto day = parseDateOption(ctx, opt, p.value(opt));
            if (!day) {
                return false;
            }
            (opt == QLatin1String("from") ? r.from : r.to) = day;
        }
    }
    if (r.from && r.to && *r.from > *r.to) {
        return fail(ctx, "--from is after --to");
    }
    const auto tf = parseTimeframe(p.value(QStringLiteral("timeframe")).toStdString());
    if (!tf) {
        return fail(ctx, "--timeframe must be D, W or M");
    }
    r.timeframe = *tf;
    return true;
}

bool readLook(QCommandLineParser& p, Context& ctx, ui::SymbolExportRequest& r) {
    if (p.isSet(QStringLiteral("size")) &&
        !parseSize(p.value(QStringLiteral("size")), r.image.width, r.image.height)) {
        return fail(ctx, "--size must be WIDTHxHEIGHT, from 200x150 to 10000x10000");
    }
    if (p.isSet(QStringLiteral("scale"))) {
        const auto scale = parseFiniteNumber(p.value(QStringLiteral("scale")));
        r.image.scale = scale.value_or(0);
        if (!scale || r.image.scale < 1 || r.image.scale > 4) {
            return fail(ctx, "--scale must be a number from 1 to 4");
        }
    }
    if (p.isSet(QStringLiteral("quality"))) {
        bool ok = false;
        r.image.jpegQuality = p.value(QStringLiteral("quality")).toInt(&ok);
        if (!ok || r.image.jpegQuality < 1 || r.image.jpegQuality > 100) {
            return fail(ctx, "--quality must be from 1 to 100");
        }
    }
    const auto theme = ui::parseChartTheme(p.value(QStringLiteral("theme")).toStdString());
    if (!theme) {
        return fail(ctx, "--theme must be light or dark");
    }
    r.theme = *theme;
    r.levels = !p.isSet(QStringLiteral("no-levels"));
    const auto sensitivity = readSensitivityOption(p);
    if (!sensitivity) {
        return fail(ctx, sensitivity.error());
    }
    r.sensitivity = sensitivity.value();
    r.annotations = !p.isSet(QStringLiteral("no-annotations"));
    r.title = p.value(QStringLiteral("title"));
    return true;
}

/// --compare A,B  --pane SYM (repeatable)  --threshold SYM=V (repeatable): the chart's market
/// context. Symbols are checked as text here; unknown ones fail the export, naming them.
bool readContext(QCommandLineParser& p, Context& ctx, const ExportOptions& o,
                 ui::SymbolExportRequest& r) {
    QStringList compares;
    for (const QString& list : p.values(QStringLiteral("compare"))) {
        compares << list.split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    const QStringList panes = p.values(QStringLiteral("pane"));
    const QStringList thresholds = p.values(QStringLiteral("threshold"));
    if (compares.isEmpty() && panes.isEmpty() && thresholds.isEmpty()) {
        return true;
    }
    if (!o.outDir.isEmpty()) {
        return fail(ctx, "--compare, --pane and --threshold need a SYMBOL, not --watchlist");
    }
    std::vector<ChartContextItem> items;
    for (const QString& s : compares + panes) {
        if (auto ok = checkSymbolText(s.toStdString()); !ok) {
            ctx.err << "retest export: " << (compares.contains(s) ? "--compare " : "--pane ")
                    << QString::fromStdString(ok.error().message) << Qt::endl;
            return false;
        }
        const bool pane = items.size() >= static_cast<std::size_t>(compares.size());
        items.push_back({pane ? ChartContextItem::Kind::Pane : ChartContextItem::Kind::Compare,
                         canonicalSymbol(s.toStdString()),
                         pane ? ui::defaultThresholds(s) : std::vector<double>{}, 0});
    }
    if (compares.size() > ui::CompareLayer::kMaxSeries) {
        return fail(ctx, "--compare takes at most 4 symbols");
    }
    std::vector<std::string> set;  // panes whose thresholds --threshold replaces
    for (const QString& t : thresholds) {
        const qsizetype eq = t.lastIndexOf(QLatin1Char('='));
        const auto parsed = eq > 0 ? parseFiniteNumber(t.mid(eq + 1)) : std::nullopt;
        if (!parsed) {
            ctx.err << "retest export: --threshold " << t << ": expected SYMBOL=VALUE, e.g. ^TNX=5"
                    << Qt::endl;
            return false;
        }
        const double value = *parsed;
        const std::string symbol = canonicalSymbol(t.left(eq).toStdString());
        const auto pane = std::find_if(items.begin(), items.end(), [&](const ChartContextItem& i) {
            return i.kind == ChartContextItem::Kind::Pane && i.target == symbol;
        });
        if (pane == items.end()) {
            ctx.err << "retest export: --threshold " << t << ": " << QString::fromStdString(symbol)
                    << " is not a --pane" << Qt::endl;
            return false;
        }
        if (std::find(set.begin(), set.end(), symbol) == set.end()) {
            pane->thresholds.clear();
            set.push_back(symbol);
        }
        pane->thresholds.push_back(value);
    }
    r.context = std::move(items);
    return true;
}

void addOptions(QCommandLineParser& p) {
    p.setApplicationDescription(
        QStringLiteral(
            "Render SYMBOL's chart, as the window draws it (levels, drawings, a legend and a\n"
            "footer with the data source included), to an image file. No display is needed.\n"
            "The format follows the extension of --out: .png, .jpg/.jpeg, .pdf or .svg (PDF and\n"
            "SVG are vector drawings). --watchlist writes the default watchlist (the first\n"
            "stored list) and every other cached symbol to --out-dir as SYMBOL.EXT;\n"
            "--watchlist NAME writes only the stored list NAME. Symbols without data are\n"
            "reported and skipped.\n"
            "The range is --from to --to (or the last bar) if --from is given, else --range\n"
            "(default 1Y) ending at --to or the last bar.\n"
            "An image may have at most %1 million pixels (width x height x scale^2; PDF and SVG\n"
            "count scale 1); a larger request is refused (exit 2) before anything is rendered.\n"
            "Exit status with --watchlist: 0 when at least one image was written and the other\n"
            "symbols were only skipped for lack of data; 1 when none was written or one failed.")
            .arg(ui::kMaxExportPixels / 1e6, 0, 'f', 0));
    p.addPositionalArgument(
        QStringLiteral("SYMBOL"),
        QStringLiteral("A cached symbol, or a ratio such as IWM:SPY; with --watchlist, "
                       "the name of a stored list."),
        QStringLiteral("[SYMBOL]"));
    const auto opt = [](const char* name, const char* help, const char* value = nullptr,
                        const char* def = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromUtf8(help));
        if (value != nullptr) {
            o.setValueName(QString::fromLatin1(value));
        }
        if (def != nullptr) {
            o.setDefaultValue(QString::fromLatin1(def));
        }
        return o;
    };
    p.addOptions({
        opt("out", "Image file to write (.png, .jpg, .jpeg, .pdf, .svg).", "FILE"),
        opt("watchlist",
            "Export the default watchlist and every other cached symbol, or with a NAME "
            "(--watchlist NAME) only that stored list (needs --out-dir)."),
        opt("list", "With --watchlist: the stored list to export.", "NAME"),
        opt("out-dir", "Folder for --watchlist images (created if missing).", "DIR"),
        opt("format", "Format for --watchlist: png (default), jpg, pdf or svg.", "FMT", "png"),
        opt("range", "1M, 3M, 6M, YTD, 1Y (default), 5Y or MAX.", "RANGE"),
        opt("from", "First date shown (YYYY-MM-DD).", "DATE"),
        opt("to",
            "Last date shown (YYYY-MM-DD); levels, breakouts and retests are computed as of "
            "that day.",
            "DATE"),
        opt("timeframe", "D (default), W or M.", "TF", "D"),
        opt("size",
            "Image size in pixels; default 1600x900 (e.g. 1200x675, 1920x1080, "
            "1080x1080).",
            "WxH"),
        opt("scale",
            "Pixel density 1 (default) to 4: --scale 2 doubles the pixel size of "
            "PNG/JPEG (PDF and SVG ignore it).",
            "N"),
        opt("quality", "JPEG quality 1-100; default 92.", "Q"),
        opt("theme", "light (default) or dark.", "THEME", "light"),
        opt("no-levels", "Leave out the support/resistance levels."),
        opt("sensitivity",
            "Levels from 0 (only major levels) to 1 (many levels); default: the symbol's, as "
            "last set in the window, else 0.5.",
            "S"),
        opt("no-annotations", "Leave out the drawings (lines, zones, notes, …)."),
        opt("title", "Title text instead of \"SYMBOL · Name · Timeframe · from – to\".", "TEXT"),
        opt("compare",
            "Compare with up to 4 symbols (comma-separated; ratios such as IWM:SPY too), drawn "
            "as % change from the first bar shown.",
            "SYM,SYM"),
        opt("pane",
            "Show SYM in a pane under the price (repeatable). ^TNX uses DGS10 when the cache "
            "has no ^TNX and starts with a 5.00 threshold.",
            "SYM"),
        opt("threshold", "A threshold line in SYM's pane (repeatable), e.g. ^TNX=5.", "SYM=V"),
    });
}

// Exit status: 0 when at least one image was written and every other symbol was only skipped
// for lack of data; 1 when none was written (all skipped) or any symbol failed otherwise.
int runBatch(Context& ctx, PriceCache& cache, const ExportOptions& o) {
    QString problem;
    const QStringList symbols = ui::batchExportSymbols(cache, &problem, o.list);
    if (!problem.isEmpty()) {
        ctx.err << "retest export: " << problem << Qt::endl;
        return kFailed;
    }
    if (QFileInfo(o.outDir).exists() && !QFileInfo(o.outDir).isDir()) {
        ctx.err << "retest export: not a folder: " << o.outDir << Qt::endl;
        return kFailed;
    }
    if (!QDir().mkpath(o.outDir)) {  // like mkdir -p
        ctx.err << "retest export: cannot create the folder " << o.outDir << Qt::endl;
        return kFailed;
    }
    int written = 0;
    int skipped = 0;
    int failed = 0;
    const QStringList names = ui::batchExportFileNames(symbols, o.format);  // unique
    for (qsizetype i = 0; i < symbols.size(); ++i) {
        const QString& symbol = symbols[i];
        const QString path = QDir(o.outDir).filePath(names[i]);
        const ui::ExportOutcome r = ui::exportSymbol(cache, symbol, o.request, path);
        if (r.status == ui::ExportStatus::Written) {
            ctx.out << path << Qt::endl;
            ++written;
        } else {
            const bool noData = r.status == ui::ExportStatus::NoData;
            ctx.err << "retest export: " << symbol << ": "
                    << (noData ? QStringLiteral("skipped, ") : QStringLiteral("failed, "))
                    << r.message << Qt::endl;
            ++(noData ? skipped : failed);
        }
    }
    ctx.err << "retest export: " << written << " written, " << skipped << " skipped (no data), "
            << failed << " failed" << Qt::endl;
    return written > 0 && failed == 0 ? kOk : kFailed;
}

}  // namespace

int runExport(Context& ctx) {
    QCommandLineParser p;
    addOptions(p);
    if (auto r = parseCommand(p, ctx, QStringLiteral("export"), 0, 1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    ExportOptions o;
    if (!readTarget(p, ctx, o) || !readRange(p, ctx, o.request) || !readLook(p, ctx, o.request) ||
        !readContext(p, ctx, o, o.request)) {
        return kUsage;
    }
    // Refused before the cache is opened or anything is rendered.
    const auto format = o.outDir.isEmpty() ? ui::imageFormatForPath(o.out) : o.format;
    if (!format) {
        ctx.err << "retest export: " << ui::unsupportedFormatError(o.out) << Qt::endl;
        return kUsage;
    }
    const ui::ImageOptions& image = o.request.image;
    if (const QString tooBig = ui::exportPixelLimitError(image.width, image.height, image.scale,
                                                         format && ui::isVectorFormat(*format));
        !tooBig.isEmpty()) {
        ctx.err << "retest export: " << tooBig << Qt::endl;
        return kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    if (!o.outDir.isEmpty()) {
        return runBatch(ctx, *cache, o);
    }
    const ui::ExportOutcome r = ui::exportSymbol(*cache, o.symbol, o.request, o.out);
    if (r.status == ui::ExportStatus::NoData) {
        ctx.err << "retest export: no cached data for " << o.symbol
                << " (import a CSV or fetch it first; `retest list` shows what is cached)"
                << Qt::endl;
        return kFailed;
    }
    if (r.status != ui::ExportStatus::Written) {
        ctx.err << "retest export: " << r.message << Qt::endl;
        return kFailed;
    }
    ctx.out << o.out << Qt::endl;
    return kOk;
}

}  // namespace retest::cli
