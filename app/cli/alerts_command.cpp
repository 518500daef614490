// `retest alerts add|list|remove|rearm|check`: price alerts stored in the cache, checked
// against its bars (core/alerts).
#include "app/cli/alerts_command.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "app/cli/cli_options.h"
#include "app/cli/levels_json.h"
#include "core/alerts/alert_check.h"
#include "core/cache/alert_store.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "core/model/watchlist.h"

namespace retest::cli {

namespace {

constexpr const char* kUsageText =
    "Usage: retest alerts add SYM (--enters LOW HIGH | --closes-above P | --closes-below P\n"
    "                              | --closes-above-line DATE1 P1 DATE2 P2\n"
    "                              | --closes-below-line DATE1 P1 DATE2 P2\n"
    "                              | --retest held|failed | --ath) [--note TEXT]\n"
    "       retest alerts list [--json]\n"
    "       retest alerts remove ID\n"
    "       retest alerts rearm ID\n"
    "       retest alerts check [SYM...] [--json]\n"
    "\n"
    "An alert watches only the bars that arrive after it was created (or re-armed): old\n"
    "history never fires it. It fires once, at the first bar where its condition becomes\n"
    "true: a bar trading into LOW..HIGH after one that did not; a close above (below) P after\n"
    "a close at or below (above) it; the same against a trend line through (DATE1, P1) and\n"
    "(DATE2, P2), followed bar by bar on the daily bars and extended past its points, as the\n"
    "chart draws it; a breakout's or breakdown's retest becoming held or\n"
    "failed; a close above every earlier close. A pane threshold is a close above/below on\n"
    "the rate's symbol (retest alerts add ^TNX --closes-above 5). Then it stays fired until\n"
    "`rearm`. A ratio (IWM:SPY) is watched on the ratio of its two cached sides, and ^TNX\n"
    "without bars of its own on DGS10 standing in. An alert on a symbol without data\n"
    "waits, armed.\n"
    "\n"
    "`check` evaluates every armed alert against the cache and prints each that fired with\n"
    "its symbol and the date of the bar. Exit status: 0 when at least one alert fired, 3 when\n"
    "none did, 1 on an error, 2 for a wrong command line. `import` and `fetch` only store\n"
    "bars: run `retest fetch --watchlist && retest alerts check` (e.g. from cron).\n";

Day today() {
    const QDate d = QDate::currentDate();
    return dayFromCivil(d.year(), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

QString firedLine(const Alert& a) {
    QString line = QStringLiteral("FIRED #%1 %2 %3: %4 (%5)")
                       .arg(a.id)
                       .arg(toQString(a.symbol), isoDate(a.firedDay), toQString(describeAlert(a)),
                            toQString(a.firedDetail));
    if (!a.note.empty()) {
        line += QStringLiteral(" — ") + toQString(a.note);
    }
    return line;
}

QJsonObject alertJson(const Alert& a) {
    QJsonObject o{
        {QStringLiteral("id"), static_cast<qint64>(a.id)},
        {QStringLiteral("symbol"), toQString(a.symbol)},
        {QStringLiteral("condition"), toQString(alertKindName(a.kind))},
        {QStringLiteral("description"), toQString(describeAlert(a))},
        {QStringLiteral("note"), toQString(a.note)},
        {QStringLiteral("watchFrom"), isoDate(a.watchFrom)},
        {QStringLiteral("state"),
         a.state == AlertState::Fired ? QStringLiteral("fired") : QStringLiteral("armed")}};
    const bool line = isLineAlert(a.kind);
    const bool priced = isPricedAlert(a.kind);
    o.insert(QStringLiteral("low"), priced ? QJsonValue(round4(a.low)) : QJsonValue());
    o.insert(QStringLiteral("high"), priced ? QJsonValue(round4(a.high)) : QJsonValue());
    if (line) {  // the trend line: (lineFrom, low) to (lineTo, high)
        o.insert(QStringLiteral("lineFrom"), isoDate(a.lineFrom));
        o.insert(QStringLiteral("lineTo"), isoDate(a.lineTo));
    }
    const bool fired = a.state == AlertState::Fired;
    o.insert(QStringLiteral("firedDate"), fired ? QJsonValue(isoDate(a.firedDay)) : QJsonValue());
    o.insert(QStringLiteral("firedClose"), fired ? QJsonValue(round4(a.firedClose)) : QJsonValue());
    o.insert(QStringLiteral("firedDetail"),
             fired ? QJsonValue(toQString(a.firedDetail)) : QJsonValue());
    return o;
}

int fail(Context& ctx, const std::string& message) {
    ctx.err << "retest alerts: " << toQString(message) << Qt::endl;
    return kFailed;
}

int usage(Context& ctx, const QString& problem) {
    ctx.err << "retest alerts: " << problem << "\n\n" << kUsageText;
    return kUsage;
}

/// Parses `add SYM condition [--note TEXT]` into `a`; a message when the line is wrong.
QString parseAdd(const QStringList& args, Alert& a) {
    int conditions = 0;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& w = args[i];
        const auto need = [&](int n) { return i + n < args.size(); };
        if (w == QLatin1String("--enters") || w == QLatin1String("--closes-above") ||
            w == QLatin1String("--closes-below")) {
            ++conditions;
            const int n = w == QLatin1String("--enters") ? 2 : 1;
            if (!need(n)) {
                return w + (n == 2 ? QStringLiteral(" needs LOW and HIGH")
                                   : QStringLiteral(" needs a price"));
            }
            const auto low = parseFiniteNumber(args[i + 1]);
            const auto high = n == 2 ? parseFiniteNumber(args[i + 2]) : low;
            if (!low || !high) {
                return w + QStringLiteral(": '") + args[i + 1] +
                       (n == 2 ? QStringLiteral(" ") + args[i + 2] : QString()) +
                       QStringLiteral("' is not a price");
            }
            a.kind = n == 2 ? AlertKind::EntersZone
                            : (w == QLatin1String("--closes-above") ? AlertKind::ClosesAbove
                                                                    : AlertKind::ClosesBelow);
            a.low = *low;
            a.high = *high;
            i += n;
        } else if (w == QLatin1String("--closes-above-line") ||
                   w == QLatin1String("--closes-below-line")) {
            ++conditions;
            if (!need(4)) {
                return w + QStringLiteral(" needs DATE1 P1 DATE2 P2");
            }
            const auto d1 = parseIsoDate(args[i + 1].toStdString());
            const auto p1 = parseFiniteNumber(args[i + 2]);
            const auto d2 = parseIsoDate(args[i + 3].toStdString());
            const auto p2 = parseFiniteNumber(args[i + 4]);
            if (!d1 || !d2) {
                return w + QStringLiteral(": '") + args[i + (d1 ? 3 : 1)] +
                       QStringLiteral("' is not a date (YYYY-MM-DD)");
            }
            if (!p1 || !p2) {
                return w + QStringLiteral(": '") + args[i + (p1 ? 4 : 2)] +
                       QStringLiteral("' is not a price");
            }
            a.kind = w == QLatin1String("--closes-above-line") ? AlertKind::ClosesAboveLine
                                                               : AlertKind::ClosesBelowLine;
            a.setLine(*d1, *p1, *d2, *p2);
            i += 4;
        } else if (w == QLatin1String("--retest")) {
            ++conditions;
            if (!need(1) ||
                (args[i + 1] != QLatin1String("held") && args[i + 1] != QLatin1String("failed"))) {
                return QStringLiteral("--retest needs held or failed");
            }
            a.kind = args[++i] == QLatin1String("held") ? AlertKind::RetestHeld
                                                        : AlertKind::RetestFailed;
        } else if (w == QLatin1String("--ath")) {
            ++conditions;
            a.kind = AlertKind::AllTimeHigh;
        } else if (w == QLatin1String("--note")) {
            if (!need(1)) {
                return QStringLiteral("--note needs a text");
            }
            a.note = args[++i].toStdString();
        } else if (w.startsWith(QLatin1Char('-')) && parseFiniteNumber(w) == std::nullopt) {
            return QStringLiteral("unknown option '") + w + QLatin1Char('\'');
        } else if (a.symbol.empty()) {
            a.symbol = w.toStdString();
        } else {
            return QStringLiteral("unexpected '") + w + QLatin1Char('\'');
        }
    }
    if (a.symbol.empty()) {
        return QStringLiteral("add needs a symbol");
    }
    if (conditions != 1) {
        return QStringLiteral("add needs exactly one condition");
    }
    return {};
}

int add(Context& ctx, const QStringList& args) {
    Alert a;
    if (const QString problem = parseAdd(args, a); !problem.isEmpty()) {
        return usage(ctx, problem);
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    AlertStore store(*cache);
    auto id = addAlert(*cache, a, today());
    if (!id) {
        return fail(ctx, id.error().message);
    }
    const Alert stored = **store.find(*id);
    ctx.out << *id << Qt::endl;
    auto info = cache->symbolInfo(stored.symbol);
    SeriesRequest request;
    request.allowStandIn = true;
    const bool own = info && info.value() && info.value()->lastDay;
    const auto series =
        own ? Result<LoadedSeries>(Error{}) : loadSeries(*cache, stored.symbol, request);
    if (!own && series && !series->bars.empty()) {
        // A ratio or ^TNX: watched on the series computed from the symbols it is made of.
        const QString from = series->ratio
                                 ? QStringLiteral("the ratio of %1 and %2")
                                       .arg(toQString(series->ratio->numerator),
                                            toQString(series->ratio->denominator))
                                 : toQString(series->dataSymbol) + QStringLiteral(" standing in");
        ctx.err << "retest alerts: alert " << *id << " on " << toQString(stored.symbol) << " "
                << toQString(describeAlert(stored)) << " watches " << from << ", bars after "
                << isoDate(stored.watchFrom) << Qt::endl;
    } else if (info && !own) {
        ctx.err << "retest alerts: note: " << toQString(stored.symbol)
                << " has no cached data yet; alert " << *id << " waits, armed, for bars from "
                << isoDate(stored.watchFrom + 1) << Qt::endl;
    } else {
        ctx.err << "retest alerts: alert " << *id << " on " << toQString(stored.symbol) << " "
                << toQString(describeAlert(stored)) << " watches bars after "
                << isoDate(stored.watchFrom) << Qt::endl;
    }
    return kOk;
}

int list(Context& ctx, bool json) {
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    auto all = AlertStore(*cache).all();
    if (!all) {
        return fail(ctx, all.error().message);
    }
    for (const std::string& s : all->skipped) {
        ctx.err << "retest alerts: warning: " << toQString(s) << Qt::endl;
    }
    QJsonArray array;
    for (const Alert& a : all->alerts) {
        if (json) {
            array.append(alertJson(a));
            continue;
        }
        ctx.out << '#' << a.id << ' ' << toQString(a.symbol) << ' ' << toQString(describeAlert(a))
                << "  ";
        if (a.state == AlertState::Fired) {
            ctx.out << "fired " << isoDate(a.firedDay) << " (" << toQString(a.firedDetail) << ')';
        } else {
            ctx.out << "armed, watching bars after " << isoDate(a.watchFrom);
        }
        if (!a.note.empty()) {
            ctx.out << " — " << toQString(a.note);
        }
        ctx.out << '\n';
    }
    if (json) {
        ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    }
    ctx.out.flush();
    return kOk;
}

int byId(Context& ctx, const QStringList& args, bool rearm) {
    if (args.size() != 1) {
        return usage(ctx, rearm ? QStringLiteral("rearm needs one ID")
                                : QStringLiteral("remove needs one ID"));
    }
    bool ok = false;
    const qint64 id = args.front().toLongLong(&ok);
    if (!ok) {
        return usage(ctx,
                     QStringLiteral("'") + args.front() + QStringLiteral("' is not an alert id"));
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    auto done = rearm ? rearmAlert(*cache, id, today()) : AlertStore(*cache).remove(id);
    return done ? kOk : fail(ctx, done.error().message);
}

int check(Context& ctx, const QStringList& symbols, bool json) {
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    std::vector<std::string> only;
    for (const QString& s : symbols) {
        only.push_back(s.toStdString());
    }
    auto report = checkAlerts(*cache, only);
    if (!report) {
        return fail(ctx, report.error().message);
    }
    for (const std::string& s : report->skipped) {
        ctx.err << "retest alerts: warning: " << toQString(s) << Qt::endl;
    }
    for (const std::string& s : report->waiting) {
        ctx.err << "retest alerts: note: " << toQString(s) << Qt::endl;
    }
    if (json) {
        QJsonArray fired;
        for (const Alert& a : report->fired) {
            fired.append(alertJson(a));
        }
        QJsonArray waiting;
        for (const std::string& s : report->waiting) {
            waiting.append(toQString(s));
        }
        ctx.out << QJsonDocument(
                       QJsonObject{{QStringLiteral("fired"), fired},
                                   {QStringLiteral("armed"), static_cast<int>(report->armed)},
                                   {QStringLiteral("waiting"), waiting}})
                       .toJson(QJsonDocument::Indented);
    } else {
        for (const Alert& a : report->fired) {
            ctx.out << firedLine(a) << '\n';
        }
        ctx.out << report->fired.size() << " fired, " << report->armed << " armed\n";
    }
    ctx.out.flush();
    return report->fired.empty() ? kAlertsNothingFired : kOk;
}

}  // namespace

int runAlerts(Context& ctx) {
    const QStringList& args = ctx.args;
    if (args.isEmpty()) {
        return usage(ctx, QStringLiteral("missing subcommand"));
    }
    const QString sub = args.front();
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h") ||
        args.contains(QStringLiteral("--help"))) {
        ctx.out << kUsageText;
        ctx.out.flush();
        return kOk;
    }
    QStringList rest = args.mid(1);
    const bool json = rest.removeAll(QStringLiteral("--json")) > 0;
    if (sub == QLatin1String("add")) {
        return add(ctx, rest);
    }
    if (sub == QLatin1String("list")) {
        return rest.isEmpty() ? list(ctx, json)
                              : usage(ctx, QStringLiteral("list takes no arguments"));
    }
    if (sub == QLatin1String("remove") || sub == QLatin1String("rearm")) {
        return byId(ctx, rest, sub == QLatin1String("rearm"));
    }
    if (sub == QLatin1String("check")) {
        for (const QString& s : rest) {
            if (s.startsWith(QLatin1Char('-'))) {
                return usage(ctx, QStringLiteral("unknown option '") + s + QLatin1Char('\''));
            }
        }
        return check(ctx, rest, json);
    }
    return usage(ctx, QStringLiteral("unknown subcommand '") + sub + QLatin1Char('\''));
}

}  // namespace retest::cli
