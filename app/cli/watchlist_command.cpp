// `retest watchlist list|show|create|delete|rename|add|remove|move|import|export`: the
// watchlists stored in the cache (core/cache/watchlist_store.h).
#include "app/cli/watchlist_command.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <optional>
#include <string>

#include "app/cli/cli_options.h"
#include "app/cli/levels_json.h"
#include "core/cache/watchlist_store.h"
#include "core/context/series_loader.h"
#include "core/model/text.h"
#include "core/model/watchlist.h"

namespace retest::cli {

namespace {

std::vector<std::string> toStd(const QStringList& list) {
    std::vector<std::string> out;
    for (const QString& s : list) {
        out.push_back(s.toStdString());
    }
    return out;
}

QString joined(const std::vector<std::string>& symbols) {
    QStringList out;
    for (const std::string& s : symbols) {
        out << toQString(s);
    }
    return out.join(QLatin1Char(' '));
}

/// The last bar of `symbol`'s series, as the window's watchlist shows it: its own, or the one
/// computed for it (a ratio such as IWM:SPY, ^TNX from DGS10); `standIn` names the stand-in.
std::optional<Bar> lastBar(PriceCache& cache, const std::string& symbol, std::string& standIn) {
    standIn.clear();
    auto series = loadSeriesTail(cache, symbol);
    if (!series || series->bars.empty()) {
        return std::nullopt;
    }
    if (series->standIn()) {
        standIn = series->dataSymbol;
    }
    return series->bars.back();
}

/// Notes (not errors) for symbols the cache has no bars of: they can wait on a list.
void noteMissingData(Context& ctx, PriceCache& cache, const std::vector<std::string>& symbols) {
    for (const std::string& s : symbols) {
        std::string standIn;
        if (!lastBar(cache, s, standIn)) {
            ctx.err << "retest watchlist: note: " << toQString(s)
                    << " has no cached data yet (retest fetch " << toQString(s)
                    << ", or retest import FILE --symbol " << toQString(s) << ")" << Qt::endl;
        }
    }
}

struct Sub {
    const char* name;
    int minArgs;
    int maxArgs;  // -1: any
    const char* usage;
};

constexpr Sub kSubs[] = {
    {"list", 0, 0, "list                      every list and its size"},
    {"show", 0, 1, "show [NAME]               the symbols of a list with their last close"},
    {"create", 1, 1, "create NAME               a new empty list"},
    {"delete", 1, 1, "delete NAME               delete a list (not the only one)"},
    {"rename", 2, 2, "rename NAME NEW_NAME       rename a list"},
    {"add", 2, -1, "add NAME SYM...           append symbols (duplicates are refused)"},
    {"remove", 2, -1, "remove NAME SYM...        take symbols off a list"},
    {"move", 3, 3, "move NAME SYM POSITION    move a symbol to POSITION (1 = first)"},
    {"import", 2, 2,
     "import NAME FILE          append (or with --replace set) the symbols of a text file,\n"
     "                            one a line; the list is created if needed"},
    {"export", 1, 2, "export NAME [FILE]        one symbol a line, to FILE or stdout"},
};

int fail(Context& ctx, const std::string& message) {
    ctx.err << "retest watchlist: " << toQString(message) << Qt::endl;
    return kFailed;
}

int show(Context& ctx, PriceCache& cache, WatchlistStore& store, const QString& name, bool json) {
    QString listName = name;
    if (listName.isEmpty()) {
        auto lists = store.lists();
        if (!lists || lists->empty()) {
            return fail(ctx, lists ? "there are no watchlists" : lists.error().message);
        }
        listName = toQString(lists->front().name);
    }
    auto members = store.members(listName.toStdString());
    if (!members) {
        return fail(ctx, members.error().message);
    }
    QJsonArray array;
    for (const std::string& s : *members) {
        std::string standIn;
        const std::optional<Bar> last = lastBar(cache, s, standIn);
        if (json) {
            QJsonObject row{
                {QStringLiteral("symbol"), toQString(s)},
                {QStringLiteral("lastDate"), last ? QJsonValue(isoDate(last->day)) : QJsonValue()},
                {QStringLiteral("last"), last ? QJsonValue(round4(last->close)) : QJsonValue()}};
            if (!standIn.empty()) {
                row.insert(QStringLiteral("standIn"), toQString(standIn));
            }
            array.append(row);
        } else if (!last) {
            ctx.out << toQString(s) << "  no cached data\n";
        } else {
            ctx.out << toQString(s) << "  " << isoDate(last->day) << "  "
                    << QString::fromStdString(formatPrice(last->close))
                    << (standIn.empty()
                            ? QString()
                            : QStringLiteral("  (%1 standing in)").arg(toQString(standIn)))
                    << '\n';
        }
    }
    if (json) {
        ctx.out << QJsonDocument(QJsonObject{{QStringLiteral("name"), listName},
                                             {QStringLiteral("symbols"), array}})
                       .toJson(QJsonDocument::Indented);
    } else if (members->empty()) {
        ctx.err << "retest watchlist: \"" << listName << "\" is empty" << Qt::endl;
    }
    ctx.out.flush();
    return kOk;
}

int importFile(Context& ctx, WatchlistStore& store, const QString& name, const QString& path,
               bool replace) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ctx, path.toStdString() + ": " + file.errorString().toStdString() +
                             "; nothing was added");
    }
    const QByteArray bytes = file.readAll();
    auto symbols =
        parseSymbolList(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                        path.toStdString());
    if (!symbols) {
        return fail(ctx, symbols.error().message + "\nNothing was added.");
    }
    if (symbols->empty()) {
        return fail(ctx, path.toStdString() + ": no symbol in the file; nothing was added");
    }
    const std::string list = name.toStdString();
    const bool existed = store.members(list).ok();
    if (!existed) {
        if (auto c = store.create(list); !c) {
            return fail(ctx, c.error().message);
        }
    }
    const Result<Ok> done = replace ? store.setMembers(list, *symbols) : [&]() -> Result<Ok> {
        auto added = store.add(list, *symbols);
        if (!added) {
            return added.error();
        }
        return Ok{};
    }();
    if (!done) {
        if (!existed) {
            (void)store.remove(list);
        }
        return fail(ctx, done.error().message + "\nNothing was added.");
    }
    ctx.out << "\"" << name << "\": " << (replace ? "set to " : "added ") << symbols->size()
            << (symbols->size() == 1 ? " symbol" : " symbols") << Qt::endl;
    return kOk;
}

int exportList(Context& ctx, WatchlistStore& store, const QString& name, const QString& path) {
    auto members = store.members(name.toStdString());
    if (!members) {
        return fail(ctx, members.error().message);
    }
    const std::string text = formatSymbolList(*members);
    if (path.isEmpty()) {
        ctx.out << toQString(text);
        ctx.out.flush();
        return kOk;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        return fail(ctx, path.toStdString() + ": " + file.errorString().toStdString());
    }
    ctx.out << "\"" << name << "\": " << members->size() << " symbols written to " << path
            << Qt::endl;
    return kOk;
}

int runSub(Context& ctx, PriceCache& cache, const QString& sub, const QStringList& a, bool replace,
           bool json) {
    WatchlistStore store(cache);
    const std::string name = a.value(0).toStdString();
    if (sub == QLatin1String("list")) {
        auto lists = store.lists();
        if (!lists) {
            return fail(ctx, lists.error().message);
        }
        QJsonArray array;
        for (const WatchlistInfo& w : *lists) {
            if (json) {
                array.append(QJsonObject{{QStringLiteral("name"), toQString(w.name)},
                                         {QStringLiteral("size"), static_cast<int>(w.size)}});
            } else {
                ctx.out << toQString(w.name) << "  " << w.size << '\n';
            }
        }
        if (json) {
            ctx.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        }
        ctx.out.flush();
        return kOk;
    }
    if (sub == QLatin1String("show")) {
        return show(ctx, cache, store, a.value(0), json);
    }
    if (sub == QLatin1String("import")) {
        return importFile(ctx, store, a[0], a[1], replace);
    }
    if (sub == QLatin1String("export")) {
        return exportList(ctx, store, a[0], a.value(1));
    }
    Result<Ok> done = Ok{};
    if (sub == QLatin1String("create")) {
        done = store.create(name);
    } else if (sub == QLatin1String("delete")) {
        done = store.remove(name);
    } else if (sub == QLatin1String("rename")) {
        done = store.rename(name, a[1].toStdString());
    } else if (sub == QLatin1String("add")) {
        auto added = store.add(name, toStd(a.mid(1)));
        if (!added) {
            return fail(ctx, added.error().message + "\nNothing was added.");
        }
        noteMissingData(ctx, cache, *added);
        ctx.out << "\"" << a[0] << "\": added " << joined(*added) << Qt::endl;
        return kOk;
    } else if (sub == QLatin1String("remove")) {
        for (const QString& s : a.mid(1)) {
            if (done = store.removeSymbol(name, s.toStdString()); !done) {
                break;
            }
        }
    } else if (sub == QLatin1String("move")) {
        bool ok = false;
        const int position = a[2].toInt(&ok);
        if (!ok || position < 1) {
            ctx.err << "retest watchlist: POSITION must be a whole number from 1" << Qt::endl;
            return kUsage;
        }
        done = store.move(name, a[1].toStdString(), static_cast<std::size_t>(position - 1));
    }
    return done ? kOk : fail(ctx, done.error().message);
}

}  // namespace

bool isWatchlistName(PriceCache& cache, const QString& name) {
    return WatchlistStore(cache).members(name.toStdString()).ok();
}

std::optional<QStringList> watchlistSymbols(Context& ctx, PriceCache& cache, const QString& name,
                                            const QString& command) {
    WatchlistStore store(cache);
    std::string list = name.toStdString();
    if (list.empty()) {
        auto lists = store.lists();
        if (!lists || lists->empty()) {
            ctx.err << "retest " << command << ": "
                    << (lists ? QStringLiteral("there are no watchlists")
                              : toQString(lists.error().message))
                    << Qt::endl;
            return std::nullopt;
        }
        list = lists->front().name;
    }
    auto members = store.members(list);
    if (!members) {
        ctx.err << "retest " << command << ": " << toQString(members.error().message) << Qt::endl;
        return std::nullopt;
    }
    if (members->empty()) {
        ctx.err << "retest " << command << ": the watchlist \"" << toQString(list)
                << "\" is empty (retest watchlist add \"" << toQString(list) << "\" SYM...)"
                << Qt::endl;
        return std::nullopt;
    }
    QStringList out;
    for (const std::string& s : *members) {
        out << toQString(s);
    }
    return out;
}

int runWatchlist(Context& ctx) {
    QCommandLineParser p;
    QString description = QStringLiteral(
        "Watchlists stored in the cache. A new cache has \"Small caps & sectors\" first.\n"
        "Symbols are trimmed and upper-cased; ratio symbols (IWM:SPY) are fine.\n\nSubcommands:\n");
    for (const Sub& s : kSubs) {
        description += QStringLiteral("  ") + QLatin1String(s.usage) + QLatin1Char('\n');
    }
    p.setApplicationDescription(description);
    p.addPositionalArgument(QStringLiteral("SUBCOMMAND"), QStringLiteral("See above."),
                            QStringLiteral("SUBCOMMAND [ARGS...]"));
    p.addOption({QStringLiteral("replace"),
                 QStringLiteral("import: replace the list's symbols instead of appending.")});
    p.addOption({QStringLiteral("json"), QStringLiteral("list, show: print JSON.")});
    if (auto r = parseCommand(p, ctx, QStringLiteral("watchlist"), 1, -1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    const QStringList args = p.positionalArguments();
    const QString& sub = args.front();
    const QStringList rest = args.mid(1);
    for (const Sub& s : kSubs) {
        if (sub != QLatin1String(s.name)) {
            continue;
        }
        if (rest.size() < s.minArgs || (s.maxArgs >= 0 && rest.size() > s.maxArgs)) {
            ctx.err << "retest watchlist: usage: retest watchlist " << QLatin1String(s.usage)
                    << Qt::endl;
            return kUsage;
        }
        auto cache = openCacheOrReport(ctx);
        if (!cache) {
            return kFailed;
        }
        return runSub(ctx, *cache, sub, rest, p.isSet(QStringLiteral("replace")),
                      p.isSet(QStringLiteral("json")));
    }
    ctx.err << "retest watchlist: unknown subcommand '" << sub << "'\n\n"
            << commandHelpText(p, QStringLiteral("watchlist"));
    return kUsage;
}

}  // namespace retest::cli
