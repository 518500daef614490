// Helpers every command uses to parse its options and report mistakes the same way.
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <optional>

#include "app/cli/cli.h"
#include "core/model/bar.h"
#include "core/model/result.h"

namespace retest::cli {

enum class ParseOutcome { Run, Done, Error };

/// The parser's help text with the usage line reading `Usage: retest COMMAND [options] …`.
QString commandHelpText(const QCommandLineParser& parser, const QString& command);

/// Parses ctx.args for `command`. Prints the help (Done) or the mistake plus help (Error).
/// `positionalMin`/`Max` bound the positional arguments (-1: no upper bound).
ParseOutcome parseCommand(QCommandLineParser& parser, Context& ctx, const QString& command,
                          int positionalMin, int positionalMax);

/// Parses a YYYY-MM-DD option value; prints an error naming the option when it is not one.
/// A YYYY-MM-DD option value, or "--OPTION 'VALUE' is not a date (expected YYYY-MM-DD)".
Result<Day, QString> readDateOption(const QString& option, const QString& value);
std::optional<Day> parseDateOption(Context& ctx, const QString& option, const QString& value);

/// A finite number, or nullopt for text, NaN and infinities. Every numeric option goes through
/// this, so `--scale NaN` or `--sensitivity inf` is a usage error (exit 2), never a value.
std::optional<double> parseFiniteNumber(const QString& text);

/// --sensitivity S: nullopt when not given (each symbol's own, as last chosen in the window),
/// else a number from 0 to 1, or the error "--sensitivity must be a number from 0 to 1".
Result<std::optional<double>, QString> readSensitivityOption(const QCommandLineParser& parser);

/// The canonical form of a SYMBOL argument (core/model/symbol.h: allowed characters, length,
/// upper case), or nullopt after printing "retest COMMAND: invalid symbol …" (exit 2).
std::optional<QString> parseSymbolArgument(Context& ctx, const QString& command,
                                           const QString& text);
/// parseSymbolArgument(), but a ratio `A:B` of two different plain symbols is accepted too
/// (`levels`, `scan` and `export` chart ratios).
std::optional<QString> parseSeriesArgument(Context& ctx, const QString& command,
                                           const QString& text);

}  // namespace retest::cli
