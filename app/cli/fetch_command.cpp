// The `fetch` command: options -> FeedSettings/RefreshOptions, then FeedRefresher's
// synchronous run, then one summary line per symbol.
#include "app/cli/fetch_command.h"

#include <QCommandLineParser>
#include <QSettings>
#include <QUrl>

#include "app/cli/cli_options.h"
#include "core/cache/watchlist_store.h"
#include "core/feeds/feed_settings_store.h"
#include "core/model/date.h"
#include "core/model/symbol.h"

namespace retest::cli {
namespace {

struct FetchArgs {
    QStringList symbols;
    FeedSettings settings;
    RefreshOptions options;
};

void addOptions(QCommandLineParser& parser) {
    parser.setApplicationDescription(QStringLiteral(
        "Download daily bars of each SYMBOL from an online provider into the cache.\n"
        "Refreshes incrementally from the last cached day (re-reading a few sessions to pick\n"
        "up corrections); downloads the whole history when the symbol is new, with --full, or\n"
        "when a new split appears."));
    parser.addPositionalArgument(QStringLiteral("SYMBOL"),
                                 QStringLiteral("Symbols as you type them: IWM, ^GSPC, ^RUT …"),
                                 QStringLiteral("SYMBOL [SYMBOL...]"));
    parser.addOption({QStringLiteral("provider"), QStringLiteral("yahoo (default) or stooq."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("base-url"),
                      QStringLiteral("The provider's address (default: the real service)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("full"),
                      QStringLiteral("Re-download the whole history and replace what is cached.")});
    parser.addOption({QStringLiteral("since"),
                      QStringLiteral("Download from this day at least (YYYY-MM-DD)."),
                      QStringLiteral("DATE")});
    parser.addOption(
        {QStringLiteral("watchlist"),
         QStringLiteral("Also fetch every symbol of the first watchlist (or --list).")});
    parser.addOption({QStringLiteral("list"),
                      QStringLiteral("With --watchlist: the watchlist to fetch."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("deadline"),
                      QStringLiteral("Give up on a request that has not completed after this "
                                     "many seconds, even while bytes still arrive (default 120)."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("max-size"),
                      QStringLiteral("Refuse an answer larger than this many MiB (default 64)."),
                      QStringLiteral("MIB")});
    parser.addHelpOption();
}

/// A positive finite number of `unit`s within [1, max], as an int count of `scale`s.
std::optional<qint64> boundedOption(const QCommandLineParser& parser, const QString& name,
                                    double max, double scale) {
    const auto v = parseFiniteNumber(parser.value(name));
    if (!v || *v <= 0 || *v > max) {
        return std::nullopt;
    }
    return static_cast<qint64>(*v * scale);
}

/// Appends the symbols of the watchlist chosen by --watchlist/--list; an error message or "".
QString addWatchlist(const QCommandLineParser& parser, PriceCache& cache, QStringList& symbols) {
    WatchlistStore store(cache);
    std::string name = parser.value(QStringLiteral("list")).toStdString();
    if (name.empty()) {
        auto lists = store.lists();
        if (!lists || lists->empty()) {
            return lists ? QStringLiteral("there are no watchlists")
                         : QString::fromStdString(lists.error().message);
        }
        name = lists->front().name;
    }
    auto members = store.members(name);
    if (!members) {
        return QString::fromStdString(members.error().message);
    }
    if (members->empty()) {
        return QStringLiteral("the watchlist \"") + QString::fromStdString(name) +
               QStringLiteral("\" is empty");
    }
    for (const std::string& s : *members) {
        if (!symbols.contains(QString::fromStdString(s), Qt::CaseInsensitive)) {
            symbols << QString::fromStdString(s);
        }
    }
    return {};
}

/// Fills `fetch` from the parsed options; an error message when an option is wrong.
QString readOptions(const QCommandLineParser& parser, FetchArgs& fetch) {
    if (parser.isSet(QStringLiteral("provider"))) {
        const QString name = parser.value(QStringLiteral("provider"));
        auto provider = parseProvider(name.toStdString());
        if (!provider) {
            return QStringLiteral("unknown provider \"") + name +
                   QStringLiteral("\" (use yahoo or stooq)");
        }
        fetch.settings.provider = *provider;
    }
    if (parser.isSet(QStringLiteral("base-url"))) {
        const QString base = parser.value(QStringLiteral("base-url"));
        const QUrl url(base);
        if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
            return QStringLiteral("--base-url \"") + base +
                   QStringLiteral("\" is not an http(s) address");
        }
        (fetch.settings.provider == Provider::Yahoo ? fetch.settings.yahooBaseUrl
                                                    : fetch.settings.stooqBaseUrl) = base;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const auto day =
            readDateOption(QStringLiteral("since"), parser.value(QStringLiteral("since")));
        if (!day) {
            return day.error();
        }
        fetch.options.since = day.value();
    }
    if (parser.isSet(QStringLiteral("deadline"))) {
        const auto ms = boundedOption(parser, QStringLiteral("deadline"), 3600, 1000);
        if (!ms || *ms < 1) {
            return QStringLiteral("--deadline must be a number of seconds from 0.001 to 3600");
        }
        fetch.settings.fetch.totalTimeoutMs = static_cast<int>(*ms);
    }
    if (parser.isSet(QStringLiteral("max-size"))) {
        const auto bytes = boundedOption(parser, QStringLiteral("max-size"), 4096, 1 << 20);
        if (!bytes || *bytes < 1) {
            return QStringLiteral("--max-size must be a number of MiB from 1 to 4096");
        }
        fetch.settings.fetch.maxBodyBytes = *bytes;
    }
    fetch.options.full = parser.isSet(QStringLiteral("full"));
    if (parser.positionalArguments().isEmpty() && !parser.isSet(QStringLiteral("watchlist"))) {
        return QStringLiteral("no symbol given");
    }
    for (const QString& text : parser.positionalArguments()) {
        auto symbol = normalizeSymbol(text.toStdString());
        if (!symbol) {
            return QString::fromStdString(symbol.error().message);
        }
        if (!fetch.symbols.contains(QString::fromStdString(*symbol))) {  // `iwm IWM` is one
            fetch.symbols << QString::fromStdString(*symbol);
        }
    }
    return {};
}

/// Qt's help text, with the usage line naming the command rather than the test binary.
QString helpText(const QCommandLineParser& parser) {
    QString text = parser.helpText();
    const qsizetype eol = text.indexOf(QLatin1Char('\n'));
    return QStringLiteral("Usage: retest fetch [options] SYMBOL [SYMBOL...] | --watchlist") +
           text.mid(eol);
}

QString summaryLine(const SymbolRefreshResult& r) {
    QString line = r.symbol + QStringLiteral("  ") +
                   QString::fromLatin1(providerName(r.provider).data()) + QStringLiteral("  +") +
                   QString::number(r.inserted) + QStringLiteral(" new  ") +
                   QString::number(r.updated) + QStringLiteral(" updated");
    if (r.firstDay && r.lastDay) {
        line += QStringLiteral("  ") + QString::fromStdString(formatIsoDate(*r.firstDay)) +
                QStringLiteral("..") + QString::fromStdString(formatIsoDate(*r.lastDay));
    }
    if (r.fullReload) {
        line += r.reloadReason.isEmpty() ? QStringLiteral("  (full history re-downloaded)")
                                         : QStringLiteral("  (full history re-downloaded: ") +
                                               r.reloadReason + QLatin1Char(')');
    }
    if (r.skippedMissing > 0) {
        line += QStringLiteral("  ") + QString::number(r.skippedMissing) +
                QStringLiteral(" missing sessions skipped");
    }
    return line;
}

}  // namespace

QString fetchHelpText() {
    QCommandLineParser parser;
    addOptions(parser);
    return helpText(parser);
}

int runFetchCommand(const QStringList& args, PriceCache& cache, QTextStream& out,
                    QTextStream& err) {
    QSettings settings;
    return runFetchCommand(args, cache, out, err, loadFeedSettings(settings));
}

int runFetchCommand(const QStringList& args, PriceCache& cache, QTextStream& out, QTextStream& err,
                    const FeedSettings& defaults) {
    QCommandLineParser parser;
    addOptions(parser);
    const QStringList argv = QStringList{QStringLiteral("retest fetch")} + args;
    const QString usage = helpText(parser);
    if (!parser.parse(argv)) {
        err << "retest fetch: " << parser.errorText() << "\n\n" << usage;
        err.flush();
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << usage;
        out.flush();
        return 0;
    }
    FetchArgs fetch{{}, defaults, {}};
    if (const QString problem = readOptions(parser, fetch); !problem.isEmpty()) {
        err << "retest fetch: " << problem << "\n\n" << usage;
        err.flush();
        return 2;
    }
    if (parser.isSet(QStringLiteral("watchlist"))) {
        if (const QString problem = addWatchlist(parser, cache, fetch.symbols);
            !problem.isEmpty()) {
            err << "retest fetch: " << problem << '\n';
            err.flush();
            return 1;
        }
    }
    FeedRefresher refresher(cache, fetch.settings);
    const auto results = refresher.refreshAndWait(fetch.symbols, fetch.options);
    int failures = 0;
    for (const SymbolRefreshResult& r : results) {
        if (r.ok()) {
            out << summaryLine(r) << '\n';
        } else {
            ++failures;
            err << "retest fetch: " << r.error << '\n';
        }
    }
    out.flush();
    err.flush();
    return failures == 0 ? 0 : 1;
}

}  // namespace retest::cli
