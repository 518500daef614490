// Issue 14 items 5, 6, 10 and 12 and issue 13 items 10 and 17, as a user meets them on the
// command line: every numeric option refuses NaN and infinities with exit 2, hostile symbols
// are refused at every door (and `iwm` is `IWM`), device files and missing folders are refused
// before anything is created, and an R export's date column is found by its content.
#include <gtest/gtest.h>

#include <QDir>
#include <fstream>

#include "tests/cli/cli_runner.h"
#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

QString qpath(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

class CliHardening : public ::testing::Test {
protected:
    CliRun run(const QStringList& args) { return runCli(db, args); }
    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(CliHardening, EveryNumericOptionRefusesNaNAndInfinityWithExit2) {
    const QString png = qpath(tmp.file("x.png"));
    for (const QString& bad : {QStringLiteral("NaN"), QStringLiteral("nan"), QStringLiteral("inf"),
                               QStringLiteral("-inf"), QStringLiteral("Infinity")}) {
        for (const QStringList& args :
             {QStringList{QStringLiteral("levels"), QStringLiteral("^GSPC"),
                          QStringLiteral("--sensitivity"), bad},
              QStringList{QStringLiteral("scan"), QStringLiteral("^GSPC"),
                          QStringLiteral("--sensitivity"), bad},
              QStringList{QStringLiteral("export"), QStringLiteral("^GSPC"),
                          QStringLiteral("--out"), png, QStringLiteral("--scale"), bad},
              QStringList{QStringLiteral("annotate"), QStringLiteral("^GSPC"),
                          QStringLiteral("--hline"), bad},
              QStringList{QStringLiteral("annotate"), QStringLiteral("^GSPC"),
                          QStringLiteral("--hline"), QStringLiteral("3000"),
                          QStringLiteral("--width"), bad}}) {
            const CliRun r = run(args);
            EXPECT_EQ(r.code, 2) << args.join(QLatin1Char(' ')).toStdString() << "\n"
                                 << r.err.toStdString();
            EXPECT_TRUE(r.out.isEmpty()) << args.join(QLatin1Char(' ')).toStdString();
        }
    }
    EXPECT_FALSE(std::filesystem::exists(tmp.file("x.png")));
}

// Usage errors name what was typed and exit 2, as the help says, wherever they are caught.
TEST_F(CliHardening, UsageErrorsNameWhatWasTypedAndExit2) {
    const CliRun one =
        run({QStringLiteral("levels"), QStringLiteral("^GSPC"), QStringLiteral("--bogus")});
    EXPECT_EQ(one.code, 2);
    EXPECT_TRUE(one.err.startsWith(QStringLiteral("retest levels: Unknown option '--bogus'.")))
        << one.err.toStdString();
    const CliRun two =
        run({QStringLiteral("scan"), QStringLiteral("-x"), QStringLiteral("--foo=3")});
    EXPECT_EQ(two.code, 2);
    EXPECT_TRUE(two.err.startsWith(QStringLiteral("retest scan: Unknown options: '-x', '--foo'.")))
        << two.err.toStdString();
    const QString gif = QString::fromStdString(tmp.file("chart.gif").string());
    const CliRun format =
        run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"), gif});
    EXPECT_EQ(format.code, 2);
    EXPECT_EQ(format.err, QStringLiteral("retest export: Unsupported image format \".gif\": use "
                                         ".png, .jpg, .jpeg, .pdf or .svg\n"));
    EXPECT_FALSE(std::filesystem::exists(tmp.file("chart.gif")));
    const CliRun sub = run({QStringLiteral("watchlist"), QStringLiteral("bogus")});
    EXPECT_EQ(sub.code, 2);
    EXPECT_TRUE(
        sub.err.contains(QStringLiteral("\n\nUsage: retest watchlist [options] SUBCOMMAND")))
        << sub.err.toStdString();
}

TEST_F(CliHardening, HostileSymbolsAreRefusedAtEveryDoorAndNothingIsStored) {
    const QString csv = qpath(sampleCsv());
    const QStringList hostile = {QStringLiteral("A\nB"),
                                 QStringLiteral("'; DROP TABLE bars;--"),
                                 QString(10'000, QLatin1Char('A')),
                                 QString::fromUtf8("\xF0\x9F\x9A\x80"),  // emoji
                                 QString::fromUtf8("\xE2\x80\xAEIWM"),   // right-to-left override
                                 QString::fromUtf8("IWM\xE2\x80\x8B"),   // zero-width space
                                 QStringLiteral(""),
                                 QStringLiteral("IWM SPY")};
    for (const QString& sym : hostile) {
        for (const QStringList& args :
             {QStringList{QStringLiteral("import"), csv, QStringLiteral("--symbol"), sym},
              QStringList{QStringLiteral("fetch"), sym},
              QStringList{QStringLiteral("annotate"), sym, QStringLiteral("--hline"),
                          QStringLiteral("3000")},
              QStringList{QStringLiteral("export"), sym, QStringLiteral("--out"),
                          qpath(tmp.file("s.png"))},
              QStringList{QStringLiteral("levels"), sym}}) {
            const CliRun r = run(args);
            EXPECT_EQ(r.code, 2) << args.join(QLatin1Char(' ')).toStdString();
            // The whole message, symbol included, is on the first line.
            const QString first = r.err.section(QLatin1Char('\n'), 0, 0);
            EXPECT_TRUE(first.contains(QStringLiteral("invalid symbol")))
                << args.join(QLatin1Char(' ')).toStdString() << "\n"
                << r.err.toStdString();
            EXPECT_TRUE(first.endsWith(QLatin1Char(')')) || first.contains(QStringLiteral(": ")))
                << r.err.toStdString();
        }
    }
    const CliRun list = run({QStringLiteral("list")});
    ASSERT_EQ(list.code, 0);
    // Only the bundled samples, DGS10 and ^GSPC.
    EXPECT_EQ(list.out.count(QLatin1Char('\n')), 2) << list.out.toStdString();
}

TEST_F(CliHardening, LowerAndUpperCaseNameTheSameSymbol) {
    ASSERT_EQ(run({QStringLiteral("import"), qpath(sampleCsv()), QStringLiteral("--symbol"),
                   QStringLiteral("iwm")})
                  .code,
              0);
    ASSERT_EQ(run({QStringLiteral("import"), qpath(sampleCsv()), QStringLiteral("--symbol"),
                   QStringLiteral("IWM")})
                  .code,
              0);
    const CliRun list = run({QStringLiteral("list")});
    EXPECT_TRUE(list.out.contains(QStringLiteral("IWM 2000-01-03 2020-04-17 5105\n")))
        << list.out.toStdString();
    EXPECT_FALSE(list.out.contains(QStringLiteral("iwm")));
    EXPECT_EQ(run({QStringLiteral("levels"), QStringLiteral("iwm")}).code, 0);
    EXPECT_EQ(run({QStringLiteral("annotate"), QStringLiteral("Iwm"), QStringLiteral("--hline"),
                   QStringLiteral("1500")})
                  .code,
              0);
    EXPECT_EQ(run({QStringLiteral("annotate"), QStringLiteral("IWM"), QStringLiteral("--list")})
                  .out.count(QLatin1Char('\n')),
              1);
}

// Issue 13 item 10: a typo in --db created folders and a new cache, exit 0.
TEST_F(CliHardening, ADbInAFolderThatDoesNotExistIsRefused) {
    const auto typo = tmp.file("no/such/folder/cache.sqlite");
    const CliRun r = runCli(typo, {QStringLiteral("list")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("does not exist"))) << r.err.toStdString();
    EXPECT_FALSE(std::filesystem::exists(tmp.file("no")));
}

// Issue 14 item 12: `--db /dev/null` as root left /dev/null-journal behind.
TEST_F(CliHardening, ADeviceAsTheDatabaseIsRefusedBeforeSqliteOpensIt) {
    const bool journalBefore = std::filesystem::exists("/dev/null-journal");
    const CliRun r = runCli("/dev/null", {QStringLiteral("list")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("/dev/null is not a regular file")))
        << r.err.toStdString();
    EXPECT_EQ(std::filesystem::exists("/dev/null-journal"), journalBefore);
}

// Issue 14 item 5: `import /dev/zero` must not read forever.
TEST_F(CliHardening, ImportRefusesDevicesAndFolders) {
    for (const QString& path : {QStringLiteral("/dev/zero"), qpath(tmp.path())}) {
        const CliRun r = run(
            {QStringLiteral("import"), path, QStringLiteral("--symbol"), QStringLiteral("IWM")});
        EXPECT_EQ(r.code, 1);
        EXPECT_TRUE(r.err.contains(QStringLiteral("not a regular file"))) << r.err.toStdString();
    }
}

// Issue 13 item 17: an R export names its date column "%Y-%m-%d".
TEST_F(CliHardening, AnImportTakesTheOnlyDateColumnAndSaysSo) {
    const auto file = tmp.file("r-export.csv");
    std::ofstream(file) << "\"%Y-%m-%d\";Open;High;Low;Close;Volume\n"
                           "2000-01-03;1469.25;1478;1438.359985;1455.219971;931800000\n"
                           "2000-01-04;1455.219971;1455.219971;1397.430054;1399.420044;"
                           "1009000000\n";
    const CliRun r = run({QStringLiteral("import"), qpath(file), QStringLiteral("--symbol"),
                          QStringLiteral("GSPCR")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral(
        "took column \"%Y-%m-%d\" as the date (no column is named date, and it holds a date on "
        "every row)")))
        << r.out.toStdString();
    EXPECT_TRUE(run({QStringLiteral("list")})
                    .out.contains(QStringLiteral("GSPCR 2000-01-03 2000-01-04 2\n")));
}

}  // namespace
}  // namespace retest::test
