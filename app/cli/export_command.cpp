// `retest export SYM --out FILE …`: renders the same chart widget the window shows, headless.
#include <QRegularExpression>

#include "app/cli/cli.h"
#include "app/cli/cli_options.h"
#include "core/model/date.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/chart_view.h"
#include "ui/chart_document.h"

namespace retest::cli {

namespace {

struct ExportOptions {
    QString symbol;
    QString out;
    std::optional<ui::RangePreset> range;
    std::optional<Day> from;
    std::optional<Day> to;
    Timeframe timeframe = Timeframe::Daily;
    int width = 1600;
    int height = 900;
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

std::optional<ExportOptions> readOptions(QCommandLineParser& p, Context& ctx) {
    ExportOptions o;
    o.symbol = p.positionalArguments().front().toUpper();
    o.out = p.value(QStringLiteral("out"));
    if (o.out.isEmpty()) {
        ctx.err << "retest export: --out FILE is required (.png, .jpg or .pdf)" << Qt::endl;
        return std::nullopt;
    }
    if (p.isSet(QStringLiteral("range"))) {
        o.range = ui::parseRangePreset(p.value(QStringLiteral("range")).toStdString());
        if (!o.range) {
            ctx.err << "retest export: --range must be one of 1M 3M 6M YTD 1Y 5Y MAX" << Qt::endl;
            return std::nullopt;
        }
    }
    for (const char* name : {"from", "to"}) {
        const QString opt = QString::fromLatin1(name);
        if (p.isSet(opt)) {
            const auto day = parseDateOption(ctx, opt, p.value(opt));
            if (!day) {
                return std::nullopt;
            }
            (opt == QLatin1String("from") ? o.from : o.to) = day;
        }
    }
    if (o.from && o.to && *o.from > *o.to) {
        ctx.err << "retest export: --from is after --to" << Qt::endl;
        return std::nullopt;
    }
    const auto tf = parseTimeframe(p.value(QStringLiteral("timeframe")).toStdString());
    if (!tf) {
        ctx.err << "retest export: --timeframe must be D, W or M" << Qt::endl;
        return std::nullopt;
    }
    o.timeframe = *tf;
    if (p.isSet(QStringLiteral("size")) &&
        !parseSize(p.value(QStringLiteral("size")), o.width, o.height)) {
        ctx.err << "retest export: --size must be WIDTHxHEIGHT, from 200x150 to 10000x10000"
                << Qt::endl;
        return std::nullopt;
    }
    return o;
}

}  // namespace

int runExport(Context& ctx) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Render SYMBOL's chart, exactly as the window draws it, to an image file. No display\n"
        "is needed. The format follows the extension of --out: .png, .jpg/.jpeg or .pdf.\n"
        "The range is --from/--to if given, else --range (default 1Y), ending at the last bar."));
    p.addPositionalArgument(QStringLiteral("SYMBOL"), QStringLiteral("A cached symbol."));
    p.addOptions({
        {QStringLiteral("out"), QStringLiteral("Image file to write."), QStringLiteral("FILE")},
        {QStringLiteral("range"), QStringLiteral("1M, 3M, 6M, YTD, 1Y (default), 5Y or MAX."),
         QStringLiteral("RANGE")},
        {QStringLiteral("from"), QStringLiteral("First date shown (YYYY-MM-DD)."),
         QStringLiteral("DATE")},
        {QStringLiteral("to"), QStringLiteral("Last date shown (YYYY-MM-DD)."),
         QStringLiteral("DATE")},
        {QStringLiteral("timeframe"), QStringLiteral("D (default), W or M."), QStringLiteral("TF"),
         QStringLiteral("D")},
        {QStringLiteral("size"), QStringLiteral("Image size in pixels; default 1600x900."),
         QStringLiteral("WxH")},
    });
    if (auto r = parseCommand(p, ctx, QStringLiteral("export"), 1, 1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    const auto opt = readOptions(p, ctx);
    if (!opt) {
        return kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    ui::ChartDocument doc(*cache);
    doc.setTimeframe(opt->timeframe);
    if (!doc.setSymbol(opt->symbol)) {
        ctx.err << "retest export: " << opt->symbol << ": " << doc.loadError() << Qt::endl;
        return kFailed;
    }
    const auto& bars = doc.bars();
    if (bars.empty()) {
        ctx.err << "retest export: no cached data for " << opt->symbol
                << " (import a CSV or fetch it first; `retest list` shows what is cached)"
                << Qt::endl;
        return kFailed;
    }
    ui::ChartView view;
    view.resize(opt->width, opt->height);
    view.setBars(bars, doc.timeframe());
    if (opt->from || opt->to) {
        const Day from = opt->from.value_or(bars.front().day);
        const Day to = opt->to.value_or(bars.back().day);
        if (to < bars.front().day || from > bars.back().day) {
            ctx.err << "retest export: " << opt->symbol << " has no bars between "
                    << QString::fromStdString(formatIsoDate(from)) << " and "
                    << QString::fromStdString(formatIsoDate(to))
                    << " (cached: " << QString::fromStdString(formatIsoDate(bars.front().day))
                    << " to " << QString::fromStdString(formatIsoDate(bars.back().day)) << ")"
                    << Qt::endl;
            return kFailed;
        }
        view.setDateRange(from, to);
    } else {
        view.applyRangePreset(opt->range.value_or(ui::RangePreset::OneYear));
    }
    const auto [first, last] = view.visibleBarRange();
    const auto clampIndex = [&](int i) {
        return std::size_t(std::clamp(i, 0, static_cast<int>(bars.size()) - 1));
    };
    view.setTitle(doc.title(bars[clampIndex(first)].day, bars[clampIndex(last)].day));
    QString error;
    if (!view.saveImage(opt->out, opt->width, opt->height, 1.0, &error)) {
        ctx.err << "retest export: " << error << Qt::endl;
        return kFailed;
    }
    ctx.out << opt->out << Qt::endl;
    return kOk;
}

}  // namespace retest::cli
