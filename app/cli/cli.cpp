#include "app/cli/cli.h"

#include <QCoreApplication>

#include "app/app_setup.h"
#include "app/cli/alerts_command.h"
#include "app/cli/fetch_command.h"
#include "app/cli/rotation_command.h"
#include "app/cli/watchlist_command.h"

namespace retest::cli {

namespace {

struct CommandEntry {
    const char* name;
    int (*run)(Context&);
    bool needsGui;
    const char* summary;
};

int runFetch(Context& ctx) {
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
    {"scan", &runScan, false, "nearest levels and latest breakout/retest for many symbols"},
    {"fetch", &runFetch, false, "download or refresh daily bars from an online provider"},
    {"annotate", &runAnnotate, false, "add, list, remove, export or import a symbol's annotations"},
    {"rotation", &runRotation, false, "returns, relative strength and RRG quadrant of a watchlist"},
    {"watchlist", &runWatchlist, false, "list, show, edit, import or export watchlists"},
    {"alerts", &runAlerts, false, "add, list, remove, re-arm or check price alerts"},
};

const CommandEntry* findCommand(const QString& name) {
    for (const CommandEntry& c : kCommands) {
        if (name == QLatin1String(c.name)) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

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

QString usage() {
    QString text = QStringLiteral(
        "Usage: retest [--db PATH] [COMMAND [ARGS...]]\n"
        "\n"
        "Retest charts daily prices with their support and resistance zones, breakouts and\n"
        "retests. With no command it opens the window; with a command it works headless.\n"
        "\n"
        "Commands:\n");
    for (const CommandEntry& c : kCommands) {
        text += QStringLiteral("  %1  %2\n")
                    .arg(QLatin1String(c.name), -8)
                    .arg(QLatin1String(c.summary));
    }
    text += QStringLiteral(
                "\n"
                "Options:\n"
                "  --db PATH   the price cache (SQLite) to use; default: %1\n"
                "  --help      this text; `retest COMMAND --help` describes a command\n"
                "  --version   the version\n"
                "\n"
                "An empty cache is seeded with the bundled S&P 500 sample (^GSPC, 2000-2020).\n")
                .arg(QString::fromStdString(app::defaultDatabasePath().string()));
    return text;
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
        out << "retest " << QCoreApplication::applicationVersion() << Qt::endl;
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
