// `retest list`: one line per cached symbol, machine-readable.
#include "app/cli/cli.h"
#include "app/cli/cli_options.h"
#include "core/model/date.h"

namespace retest::cli {

int runList(Context& ctx) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the cached symbols, one per line: SYMBOL FIRST_DATE LAST_DATE BARS\n"
                       "(separated by whitespace; nothing else is printed on stdout)."));
    if (auto r = parseCommand(parser, ctx, QStringLiteral("list"), 0, 0); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    auto symbols = cache->listSymbols();
    if (!symbols) {
        ctx.err << "retest list: " << QString::fromStdString(symbols.error().message) << Qt::endl;
        return kFailed;
    }
    for (const SymbolInfo& s : symbols.value()) {
        if (s.barCount == 0 || !s.firstDay || !s.lastDay) {
            continue;
        }
        ctx.out << QString::fromStdString(s.symbol) << ' '
                << QString::fromStdString(formatIsoDate(*s.firstDay)) << ' '
                << QString::fromStdString(formatIsoDate(*s.lastDay)) << ' ' << s.barCount << '\n';
    }
    ctx.out.flush();
    return kOk;
}

}  // namespace retest::cli
