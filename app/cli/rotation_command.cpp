// `retest rotation [LIST|SYM...] [--benchmark SPY] [--until DATE] [--json]`: the rotation
// board of core/analytics/rotation.h as a table or JSON.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <limits>

#include "app/cli/cli.h"
#include "app/cli/cli_options.h"
#include "app/cli/levels_json.h"
#include "app/cli/rotation_command.h"
#include "app/cli/watchlist_command.h"
#include "core/model/date.h"
#include "core/model/text.h"
#include "core/rotation/rotation_board.h"

namespace retest::cli {

namespace {

QJsonValue number(const std::optional<double>& v) {
    return v ? QJsonValue(round4(*v)) : QJsonValue();
}

QJsonObject rowJson(const BoardEntry& b) {
    QJsonObject o{{QStringLiteral("symbol"), toQString(b.symbol)}};
    if (!b.error.empty()) {
        o.insert(QStringLiteral("error"), toQString(b.error));
        for (const char* key : {"last", "returns", "rs", "rsMomentum", "quadrant", "fromHigh52wPct",
                                "fromAthPct", "allTimeHigh", "event"}) {
            o.insert(QLatin1String(key), QJsonValue());
        }
        return o;
    }
    const RotationRow& r = b.row;
    QJsonObject returns;
    for (std::size_t p = 0; p < kReturnPeriodCount; ++p) {
        returns.insert(toQString(returnPeriodName(kReturnPeriods[p])), number(r.returns[p]));
    }
    QJsonArray tail;
    for (const RotationPoint& t : r.tail) {
        tail.append(QJsonObject{{QStringLiteral("date"), isoDate(t.day)},
                                {QStringLiteral("rs"), round4(t.rsRatio)},
                                {QStringLiteral("rsMomentum"), round4(t.rsMomentum)}});
    }
    const Zone* sup = r.nearestSupport();
    const Zone* res = r.nearestResistance();
    o.insert(QStringLiteral("asOf"), isoDate(r.asOf));
    if (!b.standIn.empty()) {
        o.insert(QStringLiteral("standIn"), toQString(b.standIn));  // whose bars these are
    }
    o.insert(QStringLiteral("last"), round4(r.last));
    o.insert(QStringLiteral("returns"), returns);
    o.insert(QStringLiteral("benchmark"), b.benchmark);
    o.insert(QStringLiteral("rs"), number(r.rsRatio));
    o.insert(QStringLiteral("rsMomentum"), number(r.rsMomentum));
    o.insert(QStringLiteral("quadrant"),
             r.quadrant ? QJsonValue(toQString(quadrantName(*r.quadrant))) : QJsonValue());
    o.insert(QStringLiteral("tail"), tail);
    o.insert(QStringLiteral("fromHigh52wPct"), number(r.fromHigh52wPct));
    o.insert(QStringLiteral("fromAthPct"), number(r.fromAthPct));
    o.insert(QStringLiteral("nearestSupport"),
             sup ? QJsonValue(zoneJson(*sup, r.last)) : QJsonValue());
    o.insert(QStringLiteral("nearestResistance"),
             res ? QJsonValue(zoneJson(*res, r.last)) : QJsonValue());
    // Above every level, the board's resistance is the all-time high: the same as `scan`'s.
    o.insert(QStringLiteral("allTimeHigh"), allTimeHighJson(r.levels));
    o.insert(QStringLiteral("event"),
             r.levels.headline ? eventJson(r.levels, *r.levels.headline) : QJsonValue());
    return o;
}

QString pct(const std::optional<double>& v, int width) {
    return v ? QStringLiteral("%1").arg(*v, width, 'f', 1) : QStringLiteral("%1").arg(u"—", width);
}

QString rowText(const RotationBoard& board, const BoardEntry& b) {
    if (!b.error.empty()) {
        return QStringLiteral("%1  %2").arg(toQString(b.symbol), -8).arg(toQString(b.error));
    }
    const RotationRow& r = b.row;
    QString line = QStringLiteral("%1 %2")
                       .arg(toQString(b.symbol), -8)
                       .arg(QString::fromStdString(formatPrice(r.last)), 10);
    for (const auto& ret : r.returns) {
        line += pct(ret, 7);
    }
    const bool rs = r.quadrant.has_value();
    line += rs ? QStringLiteral(" %1 %2  %3")
                     .arg(*r.rsRatio, 7, 'f', 2)
                     .arg(*r.rsMomentum, 7, 'f', 2)
                     .arg(toQString(quadrantName(*r.quadrant)), -9)
               : QStringLiteral(" %1 %2  %3")
                     .arg(u"—", 7)
                     .arg(u"—", 7)
                     .arg(b.benchmark ? QStringLiteral("benchmark") : QStringLiteral("—"), -9);
    line += pct(r.fromHigh52wPct, 7) + pct(r.fromAthPct, 7);
    if (const LevelEvent* e = r.headlineEvent()) {
        line += QStringLiteral("  %1 %2 %3, %4")
                    .arg(isoDate(e->day), toQString(levelEventTypeName(e->type)),
                         toQString(e->name), toQString(retestSummary(e->retest)));
    }
    if (!b.standIn.empty()) {
        line += QStringLiteral("  (%1 standing in)").arg(toQString(b.standIn));
    }
    if (board.behind(b)) {
        line += QStringLiteral("  (data ends %1)").arg(isoDate(r.asOf));
    }
    return line;
}

QString header() {
    QString h =
        QStringLiteral("%1 %2").arg(QStringLiteral("SYMBOL"), -8).arg(QStringLiteral("LAST"), 10);
    for (ReturnPeriod p : kReturnPeriods) {
        h += QStringLiteral("%1").arg(toQString(returnPeriodName(p)), 7);
    }
    h += QStringLiteral(" %1 %2  %3")
             .arg(QStringLiteral("RS"), 7)
             .arg(QStringLiteral("MOM"), 7)
             .arg(QStringLiteral("QUADRANT"), -9);
    h +=
        QStringLiteral("%1%2  EVENT").arg(QStringLiteral("52W%"), 7).arg(QStringLiteral("ATH%"), 7);
    return h;
}

}  // namespace

int runRotation(Context& ctx) {
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "The rotation board: for each symbol of LIST (default: the first watchlist) or the\n"
        "SYMBOLs given, the last close; returns over 1W 1M 3M 6M YTD 1Y in percent (each from\n"
        "the last close on or before the same calendar day a week or N months earlier; YTD\n"
        "from the last close of the previous year; empty when the history is too short);\n"
        "relative strength against the benchmark (RS-Ratio, 100 * RS / its 10-week mean, with\n"
        "RS = 100 * close / benchmark close on weekly closes) and its momentum (100 * RS-Ratio /\n"
        "RS-Ratio 4 weeks earlier); the RRG quadrant (leading: both >= 100; weakening: ratio\n"
        ">= 100, momentum < 100; lagging: both < 100; improving: ratio < 100, momentum >= 100);\n"
        "the distance from the 52-week and all-time highs; the nearest shown support and\n"
        "resistance and the all-time high (JSON); and the breakout or breakdown that answers\n"
        "\"is it holding?\", as `scan` gives it. Levels are analysed as on each symbol's chart\n"
        "(its manual levels and sensitivity)."));
    p.addPositionalArgument(QStringLiteral("LIST|SYMBOL"),
                            QStringLiteral("A watchlist name, or symbols (ratios such as "
                                           "IWM:SPY too)."),
                            QStringLiteral("[LIST|SYMBOL...]"));
    p.addOption({QStringLiteral("benchmark"), QStringLiteral("Benchmark symbol; default SPY."),
                 QStringLiteral("SYM"), QStringLiteral("SPY")});
    p.addOption({QStringLiteral("until"),
                 QStringLiteral("The board as of DATE (YYYY-MM-DD): later bars are ignored."),
                 QStringLiteral("DATE")});
    p.addOption({QStringLiteral("tail"),
                 QStringLiteral("Weekly points in each JSON tail; default 8."), QStringLiteral("N"),
                 QStringLiteral("8")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON instead of a table.")});
    if (auto r = parseCommand(p, ctx, QStringLiteral("rotation"), 0, -1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    Day until = std::numeric_limits<Day>::max();
    if (p.isSet(QStringLiteral("until"))) {
        const auto d =
            parseDateOption(ctx, QStringLiteral("until"), p.value(QStringLiteral("until")));
        if (!d) {
            return kUsage;
        }
        until = *d;
    }
    RotationSettings settings;
    bool ok = false;
    settings.tailWeeks = p.value(QStringLiteral("tail")).toInt(&ok);
    if (!ok || settings.tailWeeks < 1 || settings.tailWeeks > 520) {
        ctx.err << "retest rotation: --tail must be a whole number from 1 to 520" << Qt::endl;
        return kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    QStringList symbols = p.positionalArguments();
    if (symbols.isEmpty() || (symbols.size() == 1 && isWatchlistName(*cache, symbols.front()))) {
        const auto list =
            watchlistSymbols(ctx, *cache, symbols.value(0), QStringLiteral("rotation"));
        if (!list) {
            return kFailed;
        }
        symbols = *list;
    }
    std::vector<std::string> wanted;
    for (const QString& sym : symbols) {
        wanted.push_back(sym.toStdString());
    }
    auto board = computeRotationBoard(
        *cache, wanted, p.value(QStringLiteral("benchmark")).toStdString(), until, settings);
    if (!board) {
        ctx.err << "retest rotation: " << toQString(board.error().message) << Qt::endl;
        return kFailed;
    }
    if (!board->benchmarkProblem.empty()) {
        ctx.err << "retest rotation: " << toQString(board->benchmarkProblem)
                << " (import or fetch it, or choose --benchmark)" << Qt::endl;
    }
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const BoardEntry& b : board->entries) {
            array.append(rowJson(b));
        }
        ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        ctx.out << header() << '\n';
        for (const BoardEntry& b : board->entries) {
            ctx.out << rowText(*board, b) << '\n';
        }
    }
    ctx.out.flush();
    if (board->withData() == 0) {
        ctx.err << "retest rotation: none of the symbols has cached data" << Qt::endl;
        return kFailed;
    }
    return kOk;
}

}  // namespace retest::cli
