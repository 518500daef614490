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
    QString error;  ///< set when the global options are wrong
};

Invocation parseInvocation(const QStringList& argv);

/// True for commands that render charts and so need a (headless) QApplication.
bool commandNeedsGui(const QString& command);

/// Runs a command; the Qt application object must already exist.
int run(const Invocation& invocation, QTextStream& out, QTextStream& err);

/// The overall help text (`retest --help`).
QString usage();

/// Opens the cache for a command, printing the error to ctx.err on failure.
std::unique_ptr<PriceCache> openCacheOrReport(Context& ctx);

int runImport(Context& ctx);
int runList(Context& ctx);
int runExport(Context& ctx);
int runLevels(Context& ctx);
int runScan(Context& ctx);
int runAnnotate(Context& ctx);

}  // namespace retest::cli
