// The real `retest` binary, as a shell user runs it: stdout, stderr, exit status, no display.
#include <gtest/gtest.h>
#include <QProcess>
#include <QProcessEnvironment>

#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

struct Process {
    int code = -1;
    QString out;
    QString err;
};

Process runRetest(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));  // export must pick a headless platform itself
    env.remove(QStringLiteral("XDG_RUNTIME_DIR"));  // no login session (cron, ssh, CI)
    p.setProcessEnvironment(env);
    p.start(QString::fromStdString((binaryDir() / "app" / "retest").string()), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

TEST(RetestBinary, ListPrintsOnlyDataLinesOnStdout) {
    TempDir tmp;
    const QString db = QString::fromStdString(tmp.file("c.sqlite").string());
    const Process r = runRetest({QStringLiteral("--db"), db, QStringLiteral("list")});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("DGS10 1990-01-02 2025-12-31 9005\n"
                                    "^GSPC 2000-01-03 2020-04-17 5105\n"));
}

TEST(RetestBinary, ExportNeedsNoDisplay) {
    TempDir tmp;
    const QString db = QString::fromStdString(tmp.file("c.sqlite").string());
    const QString png = QString::fromStdString(tmp.file("a.png").string());
    const Process r = runRetest({QStringLiteral("--db"), db, QStringLiteral("export"),
                                 QStringLiteral("^GSPC"), QStringLiteral("--out"), png});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(readFile(tmp.file("a.png")).substr(1, 3), "PNG");
    EXPECT_EQ(r.out, png + QLatin1Char('\n'));
    EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();  // no word from Qt about the session
}

TEST(RetestBinary, ErrorsGoToStderrWithNonZeroStatus) {
    TempDir tmp;
    const QString db = QString::fromStdString(tmp.file("c.sqlite").string());
    const Process r = runRetest({QStringLiteral("--db"), db, QStringLiteral("import"),
                                 QStringLiteral("/nonexistent/prices.csv"),
                                 QStringLiteral("--symbol"), QStringLiteral("X")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_TRUE(r.err.contains(QStringLiteral("/nonexistent/prices.csv"))) << r.err.toStdString();
    const Process help = runRetest({QStringLiteral("--help")});
    EXPECT_EQ(help.code, 0);
    for (const char* cmd : {"import", "list", "export", "levels", "scan", "fetch"}) {
        EXPECT_TRUE(help.out.contains(QLatin1String(cmd))) << cmd;
    }
}

}  // namespace
}  // namespace retest::test
