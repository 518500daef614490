#include "app/cli/cli_options.h"

#include <QCoreApplication>
#include <cmath>

#include "core/model/date.h"
#include "core/model/symbol.h"

namespace retest::cli {

QString commandHelpText(const QCommandLineParser& parser, const QString& command) {
    // Qt starts the usage line with argv[0] (a long path, or the test binary); name the command.
    QString text = parser.helpText();
    const QString program = QCoreApplication::instance() != nullptr
                                ? QCoreApplication::arguments().value(0)
                                : QStringLiteral("<executable_name>");
    const QString prefix = QStringLiteral("Usage: ") + program;
    if (!program.isEmpty() && text.startsWith(prefix)) {
        text.replace(0, prefix.size(), QStringLiteral("Usage: retest ") + command);
    }
    return text;
}

namespace {

// Qt names an unknown option without its dashes ("Unknown option 'bogus'."): name it as typed.
QString errorWithDashes(const QCommandLineParser& parser, const QStringList& args) {
    const QStringList unknown = parser.unknownOptionNames();
    if (unknown.isEmpty()) {
        return parser.errorText();
    }
    QStringList typed;
    for (const QString& name : unknown) {
        QString shown = QStringLiteral("--") + name;
        for (const QString& arg : args) {
            const QString bare = arg.section(QLatin1Char('='), 0, 0);
            if (bare == QStringLiteral("-") + name || bare == QStringLiteral("--") + name) {
                shown = bare;
                break;
            }
        }
        typed << QLatin1Char('\'') + shown + QLatin1Char('\'');
    }
    return (unknown.size() == 1 ? QStringLiteral("Unknown option ")
                                : QStringLiteral("Unknown options: ")) +
           typed.join(QStringLiteral(", ")) + QLatin1Char('.');
}

}  // namespace

ParseOutcome parseCommand(QCommandLineParser& parser, Context& ctx, const QString& command,
                          int positionalMin, int positionalMax) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QStringList argv = ctx.args;
    argv.prepend(QStringLiteral("retest ") + command);
    if (!parser.parse(argv)) {
        ctx.err << "retest " << command << ": " << errorWithDashes(parser, ctx.args) << "\n\n"
                << commandHelpText(parser, command);
        return ParseOutcome::Error;
    }
    if (parser.isSet(help)) {
        ctx.out << commandHelpText(parser, command);
        return ParseOutcome::Done;
    }
    const auto n = parser.positionalArguments().size();
    if (n < positionalMin || (positionalMax >= 0 && n > positionalMax)) {
        ctx.err << "retest " << command << ": "
                << (n < positionalMin ? "missing argument" : "too many arguments") << "\n\n"
                << commandHelpText(parser, command);
        return ParseOutcome::Error;
    }
    return ParseOutcome::Run;
}

Result<Day, QString> readDateOption(const QString& option, const QString& value) {
    if (const auto day = parseIsoDate(value.toStdString())) {
        return *day;
    }
    return QString(QStringLiteral("--") + option + QStringLiteral(" '") + value +
                   QStringLiteral("' is not a date (expected YYYY-MM-DD)"));
}

std::optional<Day> parseDateOption(Context& ctx, const QString& option, const QString& value) {
    const auto day = readDateOption(option, value);
    if (!day) {
        ctx.err << "retest: " << day.error() << Qt::endl;
        return std::nullopt;
    }
    return day.value();
}

Result<std::optional<double>, QString> readSensitivityOption(const QCommandLineParser& parser) {
    const QString option = QStringLiteral("sensitivity");
    if (!parser.isSet(option)) {
        return std::optional<double>();
    }
    const auto value = parseFiniteNumber(parser.value(option));
    if (!value || *value < 0 || *value > 1) {
        return QStringLiteral("--sensitivity must be a number from 0 to 1");
    }
    return std::optional<double>(value);
}

std::optional<double> parseFiniteNumber(const QString& text) {
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

std::optional<QString> parseSymbolArgument(Context& ctx, const QString& command,
                                           const QString& text) {
    auto symbol = normalizeSymbol(text.toStdString());
    if (!symbol) {
        ctx.err << "retest " << command << ": " << QString::fromStdString(symbol.error().message)
                << Qt::endl;
        return std::nullopt;
    }
    return QString::fromStdString(*symbol);
}

std::optional<QString> parseSeriesArgument(Context& ctx, const QString& command,
                                           const QString& text) {
    auto parts = splitRatioSymbol(text.toStdString());
    if (!parts) {
        ctx.err << "retest " << command << ": " << QString::fromStdString(parts.error().message)
                << Qt::endl;
        return std::nullopt;
    }
    return QString::fromStdString(parts->canonical);
}

}  // namespace retest::cli
