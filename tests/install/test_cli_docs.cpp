// The command line as documentation: `COMMAND --help` names the command, the man page and the
// shell completions carry every command and option the help shows, --version, and file
// arguments (`retest FILE.csv`, as the menu entry runs it).
#include <gtest/gtest.h>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

#include "app/cli/cli.h"
#include "app/version.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

/// Every `--option` a help text shows.
QSet<QString> optionsIn(const QString& help) {
    static const QRegularExpression kOption(QStringLiteral("(?<![\\w-])--[a-z][a-z0-9-]*"));
    QSet<QString> options;
    for (auto it = kOption.globalMatch(help); it.hasNext();) {
        options.insert(it.next().captured(0));
    }
    return options;
}

/// The options a help text lists (one per line, as Qt lays them out), not those it mentions.
QSet<QString> declaredOptionsIn(const QString& help) {
    static const QRegularExpression kDeclared(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z][a-z0-9-]*)"),
                                              QRegularExpression::MultilineOption);
    QSet<QString> options;
    for (auto it = kDeclared.globalMatch(help); it.hasNext();) {
        options.insert(it.next().captured(1));
    }
    return options;
}

/// A completion script's case arm for `command`: from "command)" to its ";;".
QString armOf(const QString& script, const QString& command) {
    const QRegularExpression start(QStringLiteral("\\n\\s+") + QRegularExpression::escape(command) +
                                   QStringLiteral("\\)"));
    const QRegularExpressionMatch m = start.match(script);
    if (!m.hasMatch()) {
        return {};
    }
    const qsizetype end = script.indexOf(QStringLiteral(";;"), m.capturedEnd());
    return script.mid(m.capturedEnd(), end < 0 ? -1 : end - m.capturedEnd());
}

QString readText(const char* path) {
    QFile f(QString::fromLatin1(path));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << path;
    return QString::fromUtf8(f.readAll());
}

TEST(CommandHelp, UsageLineNamesRetestAndTheCommand) {
    TempDir tmp;
    const CliRun levels =
        runCli(tmp.file("c.sqlite"), {QStringLiteral("levels"), QStringLiteral("--help")});
    EXPECT_EQ(levels.code, 0);
    EXPECT_TRUE(levels.out.startsWith(QStringLiteral("Usage: retest levels [options] SYMBOL\n")))
        << levels.out.toStdString();
    for (const QString& command : cli::commandNames()) {
        EXPECT_TRUE(cli::commandHelp(command).startsWith(QStringLiteral("Usage: retest ") +
                                                         command + QLatin1Char(' ')))
            << command.toStdString();
    }
    // The same line when the command line is wrong.
    const CliRun missing = runCli(tmp.file("c.sqlite"), {QStringLiteral("levels")});
    EXPECT_EQ(missing.code, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("Usage: retest levels [options] SYMBOL")))
        << missing.err.toStdString();
}

TEST(CommandHelp, AskingForHelpCreatesNoCache) {
    TempDir tmp;
    for (const QString& command : cli::commandNames()) {
        const CliRun r = runCli(tmp.file("c.sqlite"), {command, QStringLiteral("--help")});
        EXPECT_EQ(r.code, 0) << command.toStdString();
    }
    EXPECT_FALSE(std::filesystem::exists(tmp.file("c.sqlite")));
}

TEST(ManPage, HoldsEveryCommandAndOptionTheHelpShows) {
    const QString man = cli::manPage();
    EXPECT_TRUE(man.contains(QStringLiteral(".TH RETEST 1")));
    EXPECT_TRUE(man.contains(QStringLiteral(".SH SYNOPSIS")));
    EXPECT_TRUE(man.contains(QStringLiteral(".SH \"EXIT STATUS\"")));
    const auto asRoff = [](QString s) {
        return s.replace(QLatin1Char('-'), QStringLiteral("\\-"));
    };
    for (const QString& option : optionsIn(cli::usage())) {
        EXPECT_TRUE(man.contains(asRoff(option))) << option.toStdString();
    }
    for (const QString& command : cli::commandNames()) {
        const QString help = cli::commandHelp(command);
        EXPECT_TRUE(man.contains(QStringLiteral(".SH \"RETEST ") + command.toUpper()))
            << command.toStdString();
        // The command's synopsis, description and options, word for word.
        const QString usageLine = help.section(QLatin1Char('\n'), 0, 0).mid(7);
        EXPECT_TRUE(man.contains(QStringLiteral(".B ") + asRoff(usageLine)))
            << usageLine.toStdString();
        for (const QString& option : optionsIn(help)) {
            EXPECT_TRUE(man.contains(asRoff(option)))
                << command.toStdString() << " " << option.toStdString();
        }
    }
    // The page names the default cache for everyone, not the path of whoever built it.
    EXPECT_FALSE(man.contains(QString::fromLocal8Bit(qgetenv("HOME")) + QStringLiteral("/.local")));
}

TEST(ShellCompletion, BashAndZshOfferEveryCommandAndOption) {
    for (const char* path : {RETEST_DESKTOP_DIR "/retest.bash", RETEST_DESKTOP_DIR "/_retest"}) {
        const QString script = readText(path);
        for (const QString& option : optionsIn(cli::usage())) {
            EXPECT_TRUE(script.contains(option)) << path << ": " << option.toStdString();
        }
        for (const QString& command : cli::commandNames()) {
            EXPECT_TRUE(script.contains(command)) << path << ": " << command.toStdString();
            for (const QString& option : optionsIn(cli::commandHelp(command))) {
                if (option == QStringLiteral("--help-all")) {
                    continue;  // Qt's own, for its GUI options; not ours to offer
                }
                EXPECT_TRUE(script.contains(option))
                    << path << ": " << command.toStdString() << " " << option.toStdString();
            }
        }
        // Each option a command lists is offered after that command, not merely somewhere.
        for (const QString& command : cli::commandNames()) {
            const QString arm = armOf(script, command);
            for (const QString& option : declaredOptionsIn(cli::commandHelp(command))) {
                if (option != QStringLiteral("--help-all")) {
                    EXPECT_TRUE(arm.contains(option))
                        << path << ": " << command.toStdString() << " " << option.toStdString();
                }
            }
        }
        // Cached symbols come from the user's own cache.
        EXPECT_TRUE(script.contains(QStringLiteral("retest")) &&
                    script.contains(QStringLiteral(" list")))
            << path;
    }
}

TEST(Version, IsTheProjectVersionPlusGitDescription) {
    TempDir tmp;
    const CliRun r = runCli(tmp.file("c.sqlite"), {QStringLiteral("--version")});
    EXPECT_EQ(r.code, 0);
    EXPECT_TRUE(r.out.startsWith(QStringLiteral("retest ") + QLatin1String(app::kVersion)))
        << r.out.toStdString();
    EXPECT_EQ(QString::fromLatin1(app::kVersion), QStringLiteral(RETEST_PROJECT_VERSION));
    if (*app::kGitDescription != '\0') {
        EXPECT_TRUE(r.out.contains(QStringLiteral("(git ") + QLatin1String(app::kGitDescription) +
                                   QLatin1Char(')')))
            << r.out.toStdString();
    }
}

TEST(FileArguments, CsvFilesOnTheCommandLineGoToTheWindow) {
    const auto inv = cli::parseInvocation(
        {QStringLiteral("retest"), QStringLiteral("IWM.csv"), QStringLiteral("/tmp/kre")});
    EXPECT_TRUE(inv.opensGui());
    EXPECT_EQ(inv.files, (QStringList{QStringLiteral("IWM.csv"), QStringLiteral("/tmp/kre")}));
    const auto typo = cli::parseInvocation({QStringLiteral("retest"), QStringLiteral("lsit")});
    EXPECT_FALSE(typo.opensGui());
    EXPECT_EQ(typo.command, QStringLiteral("lsit"));
    const auto action =
        cli::parseInvocation({QStringLiteral("retest"), QStringLiteral("--import")});
    EXPECT_TRUE(action.opensGui());
    EXPECT_TRUE(action.importDialog);
}

TEST(FileArguments, MissingFileIsRefusedClearlyAndCreatesNothing) {
    TempDir tmp;
    QProcess p;
    p.setWorkingDirectory(QString::fromStdString(tmp.path().string()));
    p.start(QString::fromStdString((binaryDir() / "app" / "retest").string()),
            {QStringLiteral("--db"), QString::fromStdString(tmp.file("c.sqlite").string()),
             QStringLiteral("nonexistent.csv")});
    ASSERT_TRUE(p.waitForFinished(60000));
    EXPECT_EQ(p.exitCode(), 1);
    EXPECT_EQ(QString::fromUtf8(p.readAllStandardError()),
              QStringLiteral("retest: cannot open nonexistent.csv: no such file\n"));
    EXPECT_FALSE(std::filesystem::exists(tmp.file("c.sqlite")));
}

}  // namespace
}  // namespace retest::test
