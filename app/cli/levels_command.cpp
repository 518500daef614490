// `retest levels SYM …` and `retest scan [SYM …]`: the analytics of core/analytics/levels.h
// as text for people or JSON for scripts.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <limits>

#include "app/cli/cli.h"
#include "app/cli/cli_options.h"
#include "app/cli/levels_json.h"
#include "app/cli/watchlist_command.h"
#include "core/analytics/levels.h"
#include "core/analytics/resample.h"
#include "core/context/level_inputs.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "core/model/symbol.h"
#include "core/model/text.h"

namespace retest::cli {

namespace {

/// 0.3610 for a ratio, 2874.56 for an index; with `reference`, the decimals of its magnitude
/// (an ATR of 6.54 on a 617.85 close).
QString price(double v, double reference = std::numeric_limits<double>::quiet_NaN()) {
    return QString::fromStdString(formatPrice(v, reference));
}
/// Options shared by `levels` and `scan`.
struct AnalysisOptions {
    std::optional<Day> until;
    Timeframe timeframe = Timeframe::Daily;
    std::optional<double> sensitivity;  ///< else each symbol's, as last chosen in the window
    bool json = false;
};

struct SymbolAnalysis {
    QString symbol;
    QString error;        ///< non-empty: nothing to analyse
    bool noData = false;  ///< the error is only that the cache holds no bars for it
    LevelAnalysis analysis;
};

SymbolAnalysis analyse(PriceCache& cache, const QString& symbol, const AnalysisOptions& opt) {
    SymbolAnalysis out{toQString(canonicalSymbol(symbol.toStdString())), {}, false, {}};
    const std::string sym = out.symbol.toStdString();
    SeriesRequest request;
    // --until: the bars after that day are never read, so nothing can leak from them.
    request.to = opt.until.value_or(std::numeric_limits<Day>::max());
    // A plain symbol or a ratio (IWM:SPY, computed from the cache on common dates).
    auto series = loadSeries(cache, sym, request);
    if (!series) {
        out.error = toQString(series.error().message);
        // A well-formed ratio whose side has no bars (or no common date) only lacks data.
        out.noData = static_cast<bool>(splitRatioSymbol(sym));
        return out;
    }
    const std::vector<Bar>& daily = series->bars;
    if (daily.empty()) {
        out.error = opt.until ? QStringLiteral("no cached data up to %1").arg(isoDate(*opt.until))
                              : QStringLiteral("no cached data");
        out.noData = true;
        return out;
    }
    const std::vector<Bar> bars = resample(daily, opt.timeframe);
    const LevelInputs in = levelInputsFor(cache, sym, opt.sensitivity);
    // Weekly and monthly bars are read through the daily bars they were built from (pivots on
    // the day of the extreme, verdicts on daily closes); daily bars need nothing more.
    const bool daysBehind = opt.timeframe != Timeframe::Daily;
    out.analysis = analyzeLevels(bars, in.settings, in.manual,
                                 daysBehind ? std::span<const Bar>(daily) : std::span<const Bar>());
    return out;
}

QJsonObject levelsJson(const SymbolAnalysis& s) {
    const LevelAnalysis& a = s.analysis;
    QJsonArray zones;
    for (const Zone& z : a.zones) {
        zones.append(zoneJson(z, a.lastClose));
    }
    QJsonArray events;
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        events.append(eventJson(a, i));
    }
    return {
        {QStringLiteral("symbol"), s.symbol},
        {QStringLiteral("asOf"), isoDate(a.asOf)},
        {QStringLiteral("last"), round4(a.lastClose)},
        {QStringLiteral("atr"), round4(a.atr)},
        {QStringLiteral("allTimeHigh"), allTimeHighJson(a)},
        {QStringLiteral("levels"), zones},
        {QStringLiteral("hiddenLevels"), static_cast<int>(a.hiddenZones)},
        {QStringLiteral("events"), events},
        {QStringLiteral("headline"), a.headline ? QJsonValue(toQString(a.events[*a.headline].id))
                                                : QJsonValue(QJsonValue::Null)}};
}

/// "2013-03-28 breakout the Oct-2007 record high [1563.51–1577.73], retest held 2013-06-21".
QString eventText(const LevelEvent& e) {
    return QStringLiteral("%1 %2 %3 [%4–%5], %6")
        .arg(isoDate(e.day), toQString(levelEventTypeName(e.type)), toQString(e.name), price(e.low),
             price(e.high), toQString(retestSummary(e.retest, e.retestDay)));
}

void printLevelsText(QTextStream& out, const SymbolAnalysis& s, Timeframe tf) {
    const LevelAnalysis& a = s.analysis;
    out << s.symbol << "  " << toQString(timeframeName(tf)) << " as of " << isoDate(a.asOf)
        << "  last " << price(a.lastClose) << "  ATR " << price(a.atr, a.lastClose) << '\n';
    if (a.allTimeHigh) {
        out << "All-time high " << price(a.allTimeHigh->high) << " on "
            << isoDate(a.allTimeHigh->highDay) << " (highest close " << price(a.allTimeHigh->close)
            << " on " << isoDate(a.allTimeHigh->closeDay) << ")\n";
    }
    if (a.headline) {
        out << "Now: " << toQString(a.events[*a.headline].description()) << '\n';
    }
    out << "\nLevels (high to low):\n";
    for (auto it = a.zones.rbegin(); it != a.zones.rend(); ++it) {
        const Zone& z = *it;
        if (!z.shown) {
            continue;
        }
        const auto touches = static_cast<int>(z.touches.size());
        out << QStringLiteral("  %1  %2–%3  %4  %5 %6  strength %7  %8  %9\n")
                   .arg(price(z.price), 10)
                   .arg(price(z.low), price(z.high))
                   .arg(toQString(levelKindName(z.kind)), -10)
                   .arg(touches, 2)
                   .arg(touches == 1 ? QStringLiteral("touch  ") : QStringLiteral("touches"))
                   .arg(z.strength, 3, 'f', 0)
                   .arg(toQString(zoneDistanceText(z, a.lastClose)), 7)
                   .arg(toQString(z.name));
        out << "      " << toQString(z.why) << '\n';
    }
    if (a.hiddenZones > 0) {
        out << "  (" << a.hiddenZones << (a.hiddenZones == 1 ? " more level" : " more levels")
            << (a.sensitivity >= 1.0 ? " hidden, the weakest far from price; --json lists all)\n"
                                     : " hidden; a higher --sensitivity shows them, --json "
                                       "lists all)\n");
    }
    out << "\nBreakouts and breakdowns (oldest first):\n";
    if (a.events.empty()) {
        out << "  none\n";
    }
    for (const LevelEvent& e : a.events) {
        out << "  " << eventText(e) << "\n      " << toQString(e.description()) << '\n';
    }
    out.flush();
}

QJsonObject scanJson(const SymbolAnalysis& s) {
    if (!s.error.isEmpty()) {
        return {{QStringLiteral("symbol"), s.symbol},
                {QStringLiteral("error"), s.error},
                {QStringLiteral("last"), QJsonValue()},
                {QStringLiteral("nearestSupport"), QJsonValue()},
                {QStringLiteral("nearestResistance"), QJsonValue()},
                {QStringLiteral("allTimeHigh"), QJsonValue()},
                {QStringLiteral("event"), QJsonValue()}};
    }
    const LevelAnalysis& a = s.analysis;
    const Zone* sup = nearestShownZone(a, LevelKind::Support);
    const Zone* res = nearestShownZone(a, LevelKind::Resistance);
    return {{QStringLiteral("symbol"), s.symbol},
            {QStringLiteral("asOf"), isoDate(a.asOf)},
            {QStringLiteral("last"), round4(a.lastClose)},
            {QStringLiteral("nearestSupport"),
             sup ? QJsonValue(zoneJson(*sup, a.lastClose)) : QJsonValue()},
            {QStringLiteral("nearestResistance"),
             res ? QJsonValue(zoneJson(*res, a.lastClose)) : QJsonValue()},
            {QStringLiteral("allTimeHigh"), allTimeHighJson(a)},
            {QStringLiteral("event"), a.headline ? eventJson(a, *a.headline) : QJsonValue()}};
}

QString scanLine(const SymbolAnalysis& s) {
    if (!s.error.isEmpty()) {
        return QStringLiteral("%1  %2").arg(s.symbol, -6).arg(s.error);
    }
    const LevelAnalysis& a = s.analysis;
    // "2458.86 (-0.9%)", "2458.86 (inside 2439.43–2469.80)", "258.20 (+4.9%, all-time high)"
    const auto zoneText = [&](const Zone& z) {
        if (inZone(z, a.lastClose)) {
            return QStringLiteral("%1 (inside %2–%3)")
                .arg(price(z.price), price(z.low), price(z.high));
        }
        return QStringLiteral("%1 (%2)").arg(price(z.price),
                                             toQString(zoneDistanceText(z, a.lastClose)));
    };
    const Zone* support = nearestShownZone(a, LevelKind::Support);
    const std::optional<Overhead> over = overhead(a);
    const QString below = support ? zoneText(*support) : QStringLiteral("none");
    QString above = QStringLiteral("none");
    if (over && over->zone != nullptr) {
        above = zoneText(*over->zone);
    } else if (over) {
        above = QStringLiteral("%1 (%2, all-time high)")
                    .arg(price(over->price),
                         signedPercent((over->price / a.lastClose - 1.0) * 100.0, 1));
    }
    QString line = QStringLiteral("%1  %2  last %3  support %4  resistance %5")
                       .arg(s.symbol, -6)
                       .arg(isoDate(a.asOf), price(a.lastClose), below, above);
    line += QStringLiteral("  ") +
            (a.headline ? eventText(a.events[*a.headline]) + QStringLiteral(" (") +
                              toQString(a.events[*a.headline].description()) + QLatin1Char(')')
                        : QStringLiteral("no live breakout"));
    return line;
}

void addAnalysisOptions(QCommandLineParser& p) {
    p.addOption({QStringLiteral("until"),
                 QStringLiteral("Compute as if the data ended on DATE (YYYY-MM-DD)."),
                 QStringLiteral("DATE")});
    p.addOption({QStringLiteral("sensitivity"),
                 QStringLiteral("0 (only major levels) to 1 (many levels); default: the "
                                "symbol's, as last set in the window, else 0.5."),
                 QStringLiteral("S"), QStringLiteral("0.5")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of text.")});
}

std::optional<AnalysisOptions> readAnalysisOptions(QCommandLineParser& p, Context& ctx,
                                                   bool withTimeframe) {
    AnalysisOptions opt;
    opt.json = p.isSet(QStringLiteral("json"));
    if (p.isSet(QStringLiteral("until"))) {
        opt.until = parseDateOption(ctx, QStringLiteral("until"), p.value(QStringLiteral("until")));
        if (!opt.until) {
            return std::nullopt;
        }
    }
    const auto sensitivity = readSensitivityOption(p);
    if (!sensitivity) {
        ctx.err << "retest: " << sensitivity.error() << Qt::endl;
        return std::nullopt;
    }
    opt.sensitivity = sensitivity.value();
    if (withTimeframe) {
        const auto tf = parseTimeframe(p.value(QStringLiteral("timeframe")).toStdString());
        if (!tf) {
            ctx.err << "retest: --timeframe must be D, W or M" << Qt::endl;
            return std::nullopt;
        }
        opt.timeframe = *tf;
    }
    return opt;
}

}  // namespace

int runLevels(Context& ctx) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Support and resistance zones of SYMBOL, its all-time high, and every breakout or\n"
        "breakdown through a major level with the state of its retest (not retested yet,\n"
        "retesting since, retest held, failed; in JSON none, retesting, held, failed). Each\n"
        "level explains itself: touches, dates, strength."));
    p.addPositionalArgument(QStringLiteral("SYMBOL"),
                            QStringLiteral("A cached symbol, or a ratio such as IWM:SPY."));
    addAnalysisOptions(p);
    p.addOption({QStringLiteral("timeframe"), QStringLiteral("D (default), W or M."),
                 QStringLiteral("TF"), QStringLiteral("D")});
    if (auto r = parseCommand(p, ctx, QStringLiteral("levels"), 1, 1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    const auto opt = readAnalysisOptions(p, ctx, true);
    if (!opt) {
        return kUsage;
    }
    const auto symbol =
        parseSeriesArgument(ctx, QStringLiteral("levels"), p.positionalArguments().front());
    if (!symbol) {
        return kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    const SymbolAnalysis s = analyse(*cache, *symbol, *opt);
    if (!s.error.isEmpty()) {
        ctx.err << "retest levels: " << s.symbol << ": " << s.error << Qt::endl;
        return kFailed;
    }
    if (opt->json) {
        ctx.out << QJsonDocument(levelsJson(s)).toJson(QJsonDocument::Indented);
        ctx.out.flush();
    } else {
        printLevelsText(ctx.out, s, opt->timeframe);
    }
    return kOk;
}

int runScan(Context& ctx) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "For each SYMBOL (default: the first watchlist) the nearest support and resistance (the\n"
        "all-time high when no level is above price), and the breakout or breakdown that answers\n"
        "\"is it holding?\": the latest one through the prior record, else through the level\n"
        "nearest to price, that is still live (not failed, or failed in the last four weeks; not\n"
        "left more than 10 ATRs or 25% behind over a year ago), with its retest state; one\n"
        "line per symbol (or JSON).\n"
        "Exit status: 0 when at least one symbol was analysed and the others only lack\n"
        "cached data; 1 when none had data or one failed for another reason."));
    p.addPositionalArgument(QStringLiteral("SYMBOL"),
                            QStringLiteral("Symbols (or ratios such as IWM:SPY) to scan."),
                            QStringLiteral("[SYMBOL...]"));
    addAnalysisOptions(p);
    if (auto r = parseCommand(p, ctx, QStringLiteral("scan"), 0, -1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    const auto opt = readAnalysisOptions(p, ctx, false);
    if (!opt) {
        return kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    QStringList symbols = p.positionalArguments();
    if (symbols.isEmpty()) {
        // The first stored watchlist ("Small caps & sectors" in a new cache).
        const auto list = watchlistSymbols(ctx, *cache, {}, QStringLiteral("scan"));
        if (!list) {
            return kFailed;
        }
        symbols = *list;
    }
    QJsonArray array;
    int analysed = 0;
    int failed = 0;
    for (const QString& symbol : symbols) {
        const SymbolAnalysis s = analyse(*cache, symbol, *opt);
        analysed += s.error.isEmpty() ? 1 : 0;
        failed += !s.error.isEmpty() && !s.noData ? 1 : 0;
        if (opt->json) {
            array.append(scanJson(s));
        } else {
            ctx.out << scanLine(s) << '\n';
        }
    }
    if (opt->json) {
        ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    }
    ctx.out.flush();
    // The same rule as `export --watchlist`: 0 when at least one symbol was analysed and the
    // others only lack data; 1 when none was (all skipped) or one failed for another reason.
    if (analysed == 0) {
        ctx.err << "retest scan: none of the symbols has cached data" << Qt::endl;
        return kFailed;
    }
    return failed == 0 ? kOk : kFailed;
}

}  // namespace retest::cli
