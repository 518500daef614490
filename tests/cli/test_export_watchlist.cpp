// `retest export --watchlist [NAME]` uses the watchlists stored in the cache: the default list
// (the first stored one, in its stored order) then the other cached symbols, or one named list.
#include <gtest/gtest.h>
#include <QDir>
#include <QFileInfo>

#include "tests/cli/cli_runner.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

/// The file names an export printed, in its order.
QStringList written(const CliRun& r) {
    QStringList names;
    for (const QString& line : r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        names << QFileInfo(line).fileName();
    }
    return names;
}

class ExportWatchlistCli : public ::testing::Test {
protected:
    void SetUp() override {
        const CliRun imported =
            runCli(db, {QStringLiteral("import"), path(dataFile("cli/gspc-2019-12-yahoo.csv")),
                        QStringLiteral("--symbol"), QStringLiteral("GSPC19")});
        ASSERT_EQ(imported.code, 0) << imported.err.toStdString();
    }
    CliRun exportTo(const QString& dir, const QStringList& extra) {
        return runCli(db, QStringList{QStringLiteral("export"), QStringLiteral("--watchlist")} +
                              extra +
                              QStringList{QStringLiteral("--out-dir"), dir,
                                          QStringLiteral("--size"), QStringLiteral("400x300"),
                                          QStringLiteral("--range"), QStringLiteral("1M")});
    }
    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(ExportWatchlistCli, TheDefaultListIsTheStoredOneInItsStoredOrder) {
    const QString list = QStringLiteral("Small caps & sectors");
    // GSPC19 joins the stored default list and moves to its top: it is exported first, before
    // ^GSPC (the list's last member) and DGS10 (cached, on no list).
    ASSERT_EQ(runCli(db, {QStringLiteral("watchlist"), QStringLiteral("add"), list,
                          QStringLiteral("GSPC19")})
                  .code,
              0);
    ASSERT_EQ(runCli(db, {QStringLiteral("watchlist"), QStringLiteral("move"), list,
                          QStringLiteral("GSPC19"), QStringLiteral("1")})
                  .code,
              0);
    const CliRun r = exportTo(path(tmp.file("all")), {});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(written(r), (QStringList{QStringLiteral("GSPC19.png"), QStringLiteral("GSPC.png"),
                                       QStringLiteral("DGS10.png")}));
    EXPECT_TRUE(r.err.contains(QStringLiteral("IWM: skipped"))) << r.err.toStdString();
}

TEST_F(ExportWatchlistCli, ANamedListExportsOnlyItsMembers) {
    ASSERT_EQ(
        runCli(db, {QStringLiteral("watchlist"), QStringLiteral("create"), QStringLiteral("Mine")})
            .code,
        0);
    ASSERT_EQ(
        runCli(db, {QStringLiteral("watchlist"), QStringLiteral("add"), QStringLiteral("Mine"),
                    QStringLiteral("GSPC19"), QStringLiteral("KRE"), QStringLiteral("^GSPC")})
            .code,
        0);
    const QString dir = path(tmp.file("mine"));
    const CliRun r = exportTo(dir, {QStringLiteral("Mine")});
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(written(r), (QStringList{QStringLiteral("GSPC19.png"), QStringLiteral("GSPC.png")}));
    EXPECT_TRUE(r.err.contains(QStringLiteral("KRE: skipped"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("2 written, 1 skipped (no data), 0 failed")))
        << r.err.toStdString();
    QStringList files = QDir(dir).entryList(QDir::Files);
    files.sort();
    EXPECT_EQ(files, (QStringList{QStringLiteral("GSPC.png"), QStringLiteral("GSPC19.png")}));

    // `--list NAME` says the same as `--watchlist NAME`.
    const CliRun same =
        exportTo(path(tmp.file("mine2")), {QStringLiteral("--list"), QStringLiteral("Mine")});
    EXPECT_EQ(same.code, 0) << same.err.toStdString();
    EXPECT_EQ(written(same), written(r));
}

TEST_F(ExportWatchlistCli, AnUnknownOrEmptyListIsRefusedAndNothingIsCreated) {
    const QString dir = path(tmp.file("none"));
    const CliRun unknown = exportTo(dir, {QStringLiteral("Nope")});
    EXPECT_EQ(unknown.code, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("no watchlist named \"Nope\"")))
        << unknown.err.toStdString();
    ASSERT_EQ(
        runCli(db, {QStringLiteral("watchlist"), QStringLiteral("create"), QStringLiteral("Empty")})
            .code,
        0);
    const CliRun empty = exportTo(dir, {QStringLiteral("Empty")});
    EXPECT_EQ(empty.code, 1);
    EXPECT_TRUE(empty.err.contains(QStringLiteral("the watchlist \"Empty\" is empty")))
        << empty.err.toStdString();
    EXPECT_FALSE(QDir(dir).exists());
    // Naming the list twice is a command-line error.
    EXPECT_EQ(
        exportTo(dir, {QStringLiteral("Empty"), QStringLiteral("--list"), QStringLiteral("Empty")})
            .code,
        2);
}

}  // namespace
}  // namespace retest::test
