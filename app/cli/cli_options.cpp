#include "app/cli/cli_options.h"

#include <cmath>

#include "core/model/date.h"
#include "core/model/symbol.h"

namespace retest::cli {

ParseOutcome parseCommand(QCommandLineParser& parser, Context& ctx, const QString& command,
                          int positionalMin, int positionalMax) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    QStringList argv = ctx.args;
    argv.prepend(QStringLiteral("retest ") + command);
    if (!parser.parse(argv)) {
        ctx.err << "retest " << command << ": " << parser.errorText() << "\n\n"
                << parser.helpText();
        return ParseOutcome::Error;
    }
    if (parser.isSet(help)) {
        ctx.out << parser.helpText();
        return ParseOutcome::Done;
    }
    const auto n = parser.positionalArguments().size();
    if (n < positionalMin || (positionalMax >= 0 && n > positionalMax)) {
        ctx.err << "retest " << command << ": "
                << (n < positionalMin ? "missing argument" : "too many arguments") << "\n\n"
                << parser.helpText();
        return ParseOutcome::Error;
    }
    return ParseOutcome::Run;
}

std::optional<Day> parseDateOption(Context& ctx, const QString& option, const QString& value) {
    const auto day = parseIsoDate(value.toStdString());
    if (!day) {
        ctx.err << "retest: --" << option << " '" << value
                << "' is not a date (expected YYYY-MM-DD)" << Qt::endl;
    }
    return day;
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

}  // namespace retest::cli
