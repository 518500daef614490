#include "tests/cli/cli_runner.h"

#include <QTextStream>

#include "app/cli/cli.h"

namespace retest::test {

CliRun runCli(const std::filesystem::path& db, const QStringList& args) {
    QStringList argv{QStringLiteral("retest"), QStringLiteral("--db"),
                     QString::fromStdString(db.string())};
    argv += args;
    CliRun r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = cli::run(cli::parseInvocation(argv), out, err);
    out.flush();
    err.flush();
    return r;
}

}  // namespace retest::test
