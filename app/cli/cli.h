// The command-line interface of the `retest` binary: `retest [--db PATH] COMMAND [ARGS]`.
// With no command the binary opens the GUI instead (see app/main.cpp).
#pragma once

#include <QStringList>
#include <QTextStream>
#include <filesystem>
#include <memory>

#include "core/cache/price_cache.h"

namespace retest::cli {

/// What every command gets: its own arguments, where the cache is, and the two output streams.
struct Context {
    QStringList args;  ///< the words after the command name
    std::filesystem::path dbPath;
    QTextStream& out;
    QTextStream& err;
};

/// Exit statuses: 0 success, 1 the command failed, 2 the command line was wrong.
enum ExitCode : int { kOk = 0, kFailed = 1, kUsage = 2 };

/// Global options and the command name, split out of argv.
struct Invocation {
    std::filesystem::path dbPath;  ///< empty: the default location
    QString command;               ///< empty: open the GUI
    QStringList args;
    bool help = false;
    bool version = false;
    bool man = false;           ///< --man: print the manual page (roff) built from the help
    bool newWindow = false;     ///< GUI: open a window of its own, not the running one's
    bool importDialog = false;  ///< GUI: start with File ▸ Import CSV…
    QStringList files;          ///< GUI: CSV files to import (`retest FILE.csv`, the menu entry)
    QString error;              ///< set when the global options are wrong

    /// True when the window opens (no command, no --help/--version/--man, no error).
    bool opensGui() const;
};

Invocation parseInvocation(const QStringList& argv);

/// True for commands that render charts and so need a (headless) QApplication.
bool commandNeedsGui(const QString& command);

/// Runs a command; the Qt application object must already exist.
int run(const Invocation& invocation, QTextStream& out, QTextStream& err);

/// The overall help text (`retest --help`). `defaultDb` is shown as the default --db.
QString usage(const QString& defaultDb);
QString usage();

/// One command's `--help` text, exactly as `retest COMMAND --help` prints it; empty for an
/// unknown command. Opens no cache.
QString commandHelp(const QString& command);

/// The names of the commands, in help order.
QStringList commandNames();

/// The manual page (roff, section 1) made from the same text as `--help` and every
/// `COMMAND --help`, so the two cannot drift; `retest --man` prints it and the build installs it.
QString manPage();

/// "0.1.0" or, when built from a git checkout, "0.1.0 (git v0.1.0-3-gabc1234)".
QString versionString();

/// Opens the cache for a command, printing the error to ctx.err on failure.
std::unique_ptr<PriceCache> openCacheOrReport(Context& ctx);

int runImport(Context& ctx);
int runList(Context& ctx);
int runExport(Context& ctx);
int runLevels(Context& ctx);
int runScan(Context& ctx);

}  // namespace retest::cli
