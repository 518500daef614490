#include "app/cli/cli.h"

#include <QCoreApplication>

#include "app/app_setup.h"
#include "app/cli/alerts_command.h"
#include "app/cli/annotate_command.h"
#include "app/cli/fetch_command.h"
#include "app/cli/rotation_command.h"
#include "app/cli/watchlist_command.h"
#include "app/version.h"

namespace retest::cli {

namespace {

struct CommandEntry {
    const char* name;
    int (*run)(Context&);
    bool needsGui;
    const char* summary;
};

int runFetch(Context& ctx) {
    // `fetch --help` needs no cache: a help request must never create one.
    if (ctx.args.contains(QStringLiteral("--help")) || ctx.args.contains(QStringLiteral("-h"))) {
        ctx.out << fetchHelpText();
        return kOk;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    return runFetchCommand(ctx.args, *cache, ctx.out, ctx.err);
}

constexpr CommandEntry kCommands[] = {
    {"import", &runImport, false, "import a CSV file of daily bars into the cache"},
    {"list", &runList, false, "list cached symbols: SYMBOL FIRST_DATE LAST_DATE BARS"},
    {"export", &runExport, true,
     "render a chart to PNG, JPEG, PDF or SVG (one symbol or --watchlist)"},
    {"levels", &runLevels, false, "support/resistance zones, breakouts and retests of a symbol"},
    {"scan", &runScan, false, "nearest levels and the live breakout/retest of many symbols"},
    {"fetch", &runFetch, false, "download or refresh daily bars from an online provider"},
    {"annotate", &runAnnotate, false, "add, list, remove, export or import a symbol's annotations"},
    {"rotation", &runRotation, false, "returns, relative strength and RRG quadrant of a watchlist"},
    {"watchlist", &runWatchlist, false, "list, show, edit, import or export watchlists"},
    {"alerts", &runAlerts, false, "add, list, remove, re-arm or check price alerts"},
};

/// The options `retest` itself takes, for `--help` and the manual page alike.
struct GlobalOption {
    const char* name;
    const char* summary;
};

constexpr GlobalOption kGlobalOptions[] = {
    {"--db PATH", "the price cache (SQLite) to use; default: %1"},
    {"--help", "this text; `retest COMMAND --help` describes a command"},
    {"--version", "the version"},
    {"--man", "print the manual page (roff), made from this help"},
    {"--new-window", "open a window of its own even when Retest is already running"},
    {"--import", "open the window with File > Import CSV..."},
};

constexpr const char* kSynopsis[] = {
    "retest [--db PATH] [--new-window | --import] [FILE.csv...]",
    "retest [--db PATH] COMMAND [ARGS...]",
    "retest --help | --version | --man | COMMAND --help",
};

constexpr const char* kDescription =
    "Retest charts daily prices with their support and resistance zones, breakouts and\n"
    "retests. With no command it opens the window; with a command it works headless.\n"
    "CSV files named on the command line are imported in the window, which asks for their\n"
    "symbol (suggesting it from a file name such as IWM.csv); when a Retest window is\n"
    "already open, the files go to it.";

constexpr const char* kSampleNote =
    "An empty cache is seeded with the bundled S&P 500 sample (^GSPC, 2000-2020).";

const CommandEntry* findCommand(const QString& name) {
    for (const CommandEntry& c : kCommands) {
        if (name == QLatin1String(c.name)) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

namespace {

/// A word that is no command but names a file: it has a folder or an extension.
bool looksLikeFile(const QString& word) {
    return findCommand(word) == nullptr &&
           (word.contains(QLatin1Char('/')) || word.contains(QLatin1Char('.')));
}

}  // namespace

bool Invocation::opensGui() const {
    return command.isEmpty() && !help && !version && !man && error.isEmpty();
}

Invocation parseInvocation(const QStringList& argv) {
    Invocation inv;
    // Global options may stand anywhere; --db is taken out before the command sees its args.
    for (qsizetype i = 1; i < argv.size(); ++i) {
        const QString& a = argv[i];
        if (a == QLatin1String("--db") || a.startsWith(QLatin1String("--db="))) {
            QString value;
            if (a == QLatin1String("--db")) {
                if (i + 1 >= argv.size()) {
                    inv.error = QStringLiteral("--db needs a path");
                    return inv;
                }
                value = argv[++i];
            } else {
                value = a.mid(5);
            }
            if (value.isEmpty()) {
                inv.error = QStringLiteral("--db needs a path");
                return inv;
            }
            inv.dbPath = std::filesystem::path(value.toStdString());
        } else if (inv.command.isEmpty() &&
                   (a == QLatin1String("--help") || a == QLatin1String("-h"))) {
            inv.help = true;
        } else if (inv.command.isEmpty() && a == QLatin1String("--version")) {
            inv.version = true;
        } else if (inv.command.isEmpty() && a == QLatin1String("--man")) {
            inv.man = true;
        } else if (inv.command.isEmpty() && a == QLatin1String("--new-window")) {
            inv.newWindow = true;
        } else if (inv.command.isEmpty() && a == QLatin1String("--import")) {
            inv.importDialog = true;
        } else if (inv.command.isEmpty() && !a.startsWith(QLatin1Char('-')) &&
                   (!inv.files.isEmpty() || looksLikeFile(a))) {
            // `retest prices.csv` (the menu entry's Exec line): files for the window.
            inv.files << a;
        } else if (inv.command.isEmpty() && !a.startsWith(QLatin1Char('-'))) {
            inv.command = a;
        } else if (inv.command.isEmpty()) {
            // Qt's own GUI options (-platform xcb, -qwindowgeometry WxH …) belong to the GUI.
            static const QStringList kQtOptionsWithValue = {
                QStringLiteral("-platform"),      QStringLiteral("-qwindowgeometry"),
                QStringLiteral("-geometry"),      QStringLiteral("-style"),
                QStringLiteral("-stylesheet"),    QStringLiteral("-display"),
                QStringLiteral("-qwindowtitle"),  QStringLiteral("-qwindowicon"),
                QStringLiteral("-platformtheme"), QStringLiteral("-plugin")};
            if (kQtOptionsWithValue.contains(a)) {
                ++i;
            }
            continue;
        } else {
            inv.args.push_back(a);
        }
    }
    return inv;
}

bool commandNeedsGui(const QString& command) {
    const CommandEntry* c = findCommand(command);
    return c != nullptr && c->needsGui;
}

QString usage(const QString& defaultDb) {
    QString text = QStringLiteral("Usage: ");
    for (const char* line : kSynopsis) {
        text += (line == kSynopsis[0] ? QString() : QStringLiteral("       ")) +
                QLatin1String(line) + QLatin1Char('\n');
    }
    text += QLatin1Char('\n') + QLatin1String(kDescription) + QStringLiteral("\n\nCommands:\n");
    for (const CommandEntry& c : kCommands) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(QLatin1String(c.name), -9)
                    .arg(QLatin1String(c.summary));
    }
    text += QStringLiteral("\nOptions:\n");
    for (const GlobalOption& o : kGlobalOptions) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(QLatin1String(o.name), -12)
                    .arg(QString::fromLatin1(o.summary).replace(QStringLiteral("%1"), defaultDb));
    }
    text += QLatin1Char('\n') + QLatin1String(kSampleNote) + QLatin1Char('\n');
    return text;
}

QString usage() {
    return usage(QString::fromStdString(app::defaultDatabasePath().string()));
}

QStringList commandNames() {
    QStringList names;
    for (const CommandEntry& c : kCommands) {
        names << QLatin1String(c.name);
    }
    return names;
}

QString commandHelp(const QString& command) {
    const CommandEntry* c = findCommand(command);
    if (c == nullptr) {
        return {};
    }
    QString out;
    QString err;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    // Every command answers --help before it opens the cache, so no path is ever touched.
    Context ctx{{QStringLiteral("--help")}, {}, outStream, errStream};
    c->run(ctx);
    outStream.flush();
    return out;
}

QString versionString() {
    const QString git = QString::fromLatin1(app::kGitDescription);
    return git.isEmpty() ? QString::fromLatin1(app::kVersion)
                         : QString::fromLatin1(app::kVersion) + QStringLiteral(" (git ") + git +
                               QLatin1Char(')');
}

std::unique_ptr<PriceCache> openCacheOrReport(Context& ctx) {
    auto cache = app::openCache(ctx.dbPath);
    if (!cache) {
        ctx.err << "retest: " << QString::fromStdString(cache.error().message) << Qt::endl;
        return nullptr;
    }
    return std::move(cache.value());
}

int run(const Invocation& inv, QTextStream& out, QTextStream& err) {
    if (!inv.error.isEmpty()) {
        err << "retest: " << inv.error << "\n\n" << usage();
        return kUsage;
    }
    if (inv.version) {
        out << "retest " << versionString() << Qt::endl;
        return kOk;
    }
    if (inv.man) {
        out << manPage();
        return kOk;
    }
    if (inv.help && inv.command.isEmpty()) {
        out << usage();
        return kOk;
    }
    const CommandEntry* c = findCommand(inv.command);
    if (c == nullptr) {
        err << "retest: unknown command '" << inv.command << "'\n\n" << usage();
        return kUsage;
    }
    Context ctx{inv.args, inv.dbPath.empty() ? app::defaultDatabasePath() : inv.dbPath, out, err};
    return c->run(ctx);
}

}  // namespace retest::cli
