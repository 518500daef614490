// `retest watchlist`: edits, import errors that add nothing, export, and clear messages.
#include <gtest/gtest.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "tests/rotation/board_fixtures.h"
#include "tests/support/qt_printers.h"

namespace retest::test {
namespace {

class WatchlistCliTest : public ::testing::Test {
protected:
    CliRun wl(const QStringList& args) {
        return runCli(db, QStringList{QStringLiteral("watchlist")} + args);
    }
    QString writeFile(const char* name, const QByteArray& text) {
        QString path = QString::fromStdString(tmp.file(name).string());
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text);
        return path;
    }
    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(WatchlistCliTest, ANewCacheListsTheDefaultList) {
    const CliRun r = wl({QStringLiteral("list")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("Small caps & sectors  10\n"));
    const CliRun show = wl({QStringLiteral("show"), QStringLiteral("--json")});
    const QJsonObject o = QJsonDocument::fromJson(show.out.toUtf8()).object();
    EXPECT_EQ(o[QStringLiteral("name")].toString(), QStringLiteral("Small caps & sectors"));
    const QJsonArray symbols = o[QStringLiteral("symbols")].toArray();
    ASSERT_EQ(symbols.size(), 10);
    EXPECT_EQ(symbols[9].toObject()[QStringLiteral("symbol")].toString(), QStringLiteral("^GSPC"));
    EXPECT_EQ(symbols[9].toObject()[QStringLiteral("lastDate")].toString(),
              QStringLiteral("2020-04-17"));
    EXPECT_TRUE(symbols[0].toObject()[QStringLiteral("last")].isNull());
}

TEST_F(WatchlistCliTest, CreateAddMoveRenameExportAndDelete) {
    ASSERT_EQ(wl({QStringLiteral("create"), QStringLiteral("Ratios")}).code, 0);
    const CliRun add =
        wl({QStringLiteral("add"), QStringLiteral("Ratios"), QStringLiteral("iwm:spy"),
            QStringLiteral("^gspc"), QStringLiteral("kre:spy")});
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    EXPECT_EQ(add.out, QStringLiteral("\"Ratios\": added IWM:SPY ^GSPC KRE:SPY\n"));
    EXPECT_TRUE(add.err.contains(QStringLiteral("note: IWM:SPY has no cached data yet")));
    EXPECT_FALSE(add.err.contains(QStringLiteral("^GSPC has no")));
    ASSERT_EQ(wl({QStringLiteral("move"), QStringLiteral("Ratios"), QStringLiteral("kre:spy"),
                  QStringLiteral("1")})
                  .code,
              0);
    ASSERT_EQ(
        wl({QStringLiteral("rename"), QStringLiteral("Ratios"), QStringLiteral("Pairs")}).code, 0);
    const QString out = QString::fromStdString(tmp.file("pairs.txt").string());
    ASSERT_EQ(wl({QStringLiteral("export"), QStringLiteral("Pairs"), out}).code, 0);
    QFile f(out);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), QByteArray("KRE:SPY\nIWM:SPY\n^GSPC\n"));
    ASSERT_EQ(wl({QStringLiteral("remove"), QStringLiteral("Pairs"), QStringLiteral("^GSPC")}).code,
              0);
    EXPECT_EQ(wl({QStringLiteral("export"), QStringLiteral("Pairs")}).out,
              QStringLiteral("KRE:SPY\nIWM:SPY\n"));
    ASSERT_EQ(wl({QStringLiteral("delete"), QStringLiteral("Pairs")}).code, 0);
    EXPECT_EQ(wl({QStringLiteral("list")}).out, QStringLiteral("Small caps & sectors  10\n"));
}

// A ratio of two cached symbols and ^TNX with DGS10 standing in have a series, as the window's
// watchlist shows them: `show` gives their last close, and `add` has nothing to note.
TEST_F(WatchlistCliTest, ARatioAndTheTnxStandInShowTheirLastClose) {
    const CliRun add = wl({QStringLiteral("add"), QStringLiteral("Small caps & sectors"),
                           QStringLiteral("^GSPC:DGS10")});
    ASSERT_EQ(add.code, 0) << add.err.toStdString();
    EXPECT_FALSE(add.err.contains(QStringLiteral("no cached data"))) << add.err.toStdString();
    const CliRun show = wl({QStringLiteral("show")});
    ASSERT_EQ(show.code, 0) << show.err.toStdString();
    const QStringList rows = show.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const auto row = [&](const QString& symbol) {
        for (const QString& r : rows) {
            if (r.startsWith(symbol + QStringLiteral("  "))) {
                return r;
            }
        }
        return QString();
    };
    EXPECT_TRUE(
        row(QStringLiteral("^GSPC:DGS10")).startsWith(QStringLiteral("^GSPC:DGS10  2020-04-17  ")))
        << show.out.toStdString();
    EXPECT_TRUE(row(QStringLiteral("^TNX")).endsWith(QStringLiteral("  (DGS10 standing in)")))
        << show.out.toStdString();
    EXPECT_EQ(row(QStringLiteral("IWM")), QStringLiteral("IWM  no cached data"));
    const CliRun json = wl({QStringLiteral("show"), QStringLiteral("--json")});
    for (const QJsonValue v :
         QJsonDocument::fromJson(json.out.toUtf8()).object()[QStringLiteral("symbols")].toArray()) {
        const QJsonObject o = v.toObject();
        if (o[QStringLiteral("symbol")].toString() == QStringLiteral("^TNX")) {
            EXPECT_EQ(o[QStringLiteral("standIn")].toString(), QStringLiteral("DGS10"));
            EXPECT_GT(o[QStringLiteral("last")].toDouble(), 0);
        }
    }
}

TEST_F(WatchlistCliTest, AFileWithJunkLinesNamesEachAndAddsNothing) {
    const QString path = writeFile("list.txt", "IWM\nnot a symbol\nKRE\nXBI;\nkre\n");
    const CliRun r = wl({QStringLiteral("import"), QStringLiteral("New list"), path});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err,
              QStringLiteral("retest watchlist: ") + path +
                  QStringLiteral(":2: \"NOT A SYMBOL\" has a space in it (one symbol a line)\n") +
                  path +
                  QStringLiteral(":4: \"XBI;\" is not a symbol (letters, digits and ^ . - = _ / : "
                                 "only)\n") +
                  path + QStringLiteral(":5: KRE is already on line 3\nNothing was added.\n"));
    EXPECT_EQ(wl({QStringLiteral("list")}).out, QStringLiteral("Small caps & sectors  10\n"));
}

TEST_F(WatchlistCliTest, ImportingCreatesAppendsOrReplacesAndRefusesDuplicates) {
    const QString path = writeFile("list.txt", "# mine\r\nxlk\r\nXLF\r\n");
    const CliRun created = wl({QStringLiteral("import"), QStringLiteral("Tech"), path});
    ASSERT_EQ(created.code, 0) << created.err.toStdString();
    EXPECT_EQ(created.out, QStringLiteral("\"Tech\": added 2 symbols\n"));
    const CliRun again = wl({QStringLiteral("import"), QStringLiteral("Tech"), path});
    EXPECT_EQ(again.code, 1);
    EXPECT_EQ(again.err, QStringLiteral("retest watchlist: XLK is already on \"Tech\"\nXLF is "
                                        "already on \"Tech\"\nNothing was added.\n"));
    const QString other = writeFile("other.txt", "SPY\n");
    ASSERT_EQ(
        wl({QStringLiteral("import"), QStringLiteral("Tech"), other, QStringLiteral("--replace")})
            .code,
        0);
    EXPECT_EQ(wl({QStringLiteral("export"), QStringLiteral("Tech")}).out, QStringLiteral("SPY\n"));
}

TEST_F(WatchlistCliTest, UnknownListsAndDuplicatesGetClearMessages) {
    const CliRun unknown = wl({QStringLiteral("show"), QStringLiteral("Nope")});
    EXPECT_EQ(unknown.code, 1);
    EXPECT_EQ(unknown.err, QStringLiteral("retest watchlist: no watchlist named \"Nope\" (lists: "
                                          "\"Small caps & sectors\")\n"));
    const CliRun dup =
        wl({QStringLiteral("add"), QStringLiteral("Small caps & sectors"), QStringLiteral("iwm")});
    EXPECT_EQ(dup.code, 1);
    EXPECT_EQ(dup.err,
              QStringLiteral("retest watchlist: IWM is already on \"Small caps & sectors\"\n"
                             "Nothing was added.\n"));
    EXPECT_EQ(wl({QStringLiteral("frobnicate")}).code, 2);
    EXPECT_EQ(wl({QStringLiteral("add"), QStringLiteral("x")}).code, 2);
}

TEST_F(WatchlistCliTest, ScanWithoutSymbolsCoversTheFirstList) {
    ASSERT_EQ(wl({QStringLiteral("remove"), QStringLiteral("Small caps & sectors"),
                  QStringLiteral("IWM"), QStringLiteral("VTWO"), QStringLiteral("KRE"),
                  QStringLiteral("XBI"), QStringLiteral("XLI"), QStringLiteral("SPY"),
                  QStringLiteral("QQQ"), QStringLiteral("^RUT"), QStringLiteral("^TNX")})
                  .code,
              0);
    const CliRun scan = runCli(db, {QStringLiteral("scan"), QStringLiteral("--json")});
    ASSERT_EQ(scan.code, 0) << scan.err.toStdString();
    const QJsonArray a = QJsonDocument::fromJson(scan.out.toUtf8()).array();
    ASSERT_EQ(a.size(), 1);
    EXPECT_EQ(a[0].toObject()[QStringLiteral("symbol")].toString(), QStringLiteral("^GSPC"));
}

}  // namespace
}  // namespace retest::test
