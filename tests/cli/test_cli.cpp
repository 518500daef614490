// The commands as a user types them: their output, exit status and what they leave behind.
#include <gtest/gtest.h>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/cache/price_cache.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

QString path(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

QStringList lines(const QString& text) {
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

class CliTest : public ::testing::Test {
protected:
    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(CliTest, ListOnAFreshCacheShowsTheSeededSample) {
    const CliRun r = runCli(db, {QStringLiteral("list")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    // The S&P 500 sample and the 10-year yield (FRED DGS10) beside it.
    EXPECT_EQ(lines(r.out), (QStringList{QStringLiteral("DGS10 1990-01-02 2025-12-31 9005"),
                                         QStringLiteral("^GSPC 2000-01-03 2020-04-17 5105")}));
    EXPECT_TRUE(r.err.isEmpty());
}

TEST_F(CliTest, ImportReportsWhatItStoredAndListShowsIt) {
    const CliRun r =
        runCli(db, {QStringLiteral("import"), path(dataFile("cli/gspc-2019-12-yahoo.csv")),
                    QStringLiteral("--symbol"), QStringLiteral("gspc19")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("GSPC19: 27 bars 2019-12-02..2020-01-09")))
        << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("1 missing rows skipped"))) << r.out.toStdString();
    const CliRun list = runCli(db, {QStringLiteral("list")});
    EXPECT_EQ(lines(list.out), (QStringList{QStringLiteral("DGS10 1990-01-02 2025-12-31 9005"),
                                            QStringLiteral("GSPC19 2019-12-02 2020-01-09 27"),
                                            QStringLiteral("^GSPC 2000-01-03 2020-04-17 5105")}))
        << list.out.toStdString();
}

TEST_F(CliTest, ABadFileIsRefusedWithLineAndReasonAndTheCacheIsUnchanged) {
    ASSERT_EQ(runCli(db, {QStringLiteral("import"), path(dataFile("cli/gspc-2019-12-yahoo.csv")),
                          QStringLiteral("--symbol"), QStringLiteral("GSPC19")})
                  .code,
              0);
    const CliRun before = runCli(db, {QStringLiteral("list")});
    const CliRun r =
        runCli(db, {QStringLiteral("import"), path(dataFile("cli/bad-low-above-close.csv")),
                    QStringLiteral("--symbol"), QStringLiteral("GSPC19")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("bad-low-above-close.csv:5:")))
        << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("low"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("cache is unchanged"))) << r.err.toStdString();
    EXPECT_TRUE(r.out.isEmpty());
    EXPECT_EQ(runCli(db, {QStringLiteral("list")}).out, before.out);
}

TEST_F(CliTest, UsageMistakesExitWithTwo) {
    EXPECT_EQ(runCli(db, {QStringLiteral("import"), QStringLiteral("x.csv")}).code, 2);
    EXPECT_EQ(runCli(db, {QStringLiteral("frobnicate")}).code, 2);
    EXPECT_EQ(runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC")}).code, 2);
    EXPECT_EQ(
        runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                    path(tmp.file("a.png")), QStringLiteral("--size"), QStringLiteral("big")})
            .code,
        2);
    const CliRun help = runCli(db, {QStringLiteral("levels"), QStringLiteral("--help")});
    EXPECT_EQ(help.code, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("--until"))) << help.out.toStdString();
}

TEST_F(CliTest, ExportWritesAnImageOfTheRequestedSize) {
    const auto png = tmp.file("gspc.png");
    const CliRun r =
        runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                    path(png), QStringLiteral("--size"), QStringLiteral("800x450"),
                    QStringLiteral("--range"), QStringLiteral("6M")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QImage image(path(png));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.size(), QSize(800, 450));

    const auto pdf = tmp.file("gspc.pdf");
    ASSERT_EQ(
        runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                    path(pdf), QStringLiteral("--from"), QStringLiteral("2008-01-01"),
                    QStringLiteral("--to"), QStringLiteral("2009-12-31"),
                    QStringLiteral("--timeframe"), QStringLiteral("W")})
            .code,
        0);
    EXPECT_EQ(readFile(pdf).substr(0, 5), "%PDF-");
}

TEST_F(CliTest, ExportFailuresLeaveNoFile) {
    const auto png = tmp.file("nothing.png");
    const CliRun unknown = runCli(
        db, {QStringLiteral("export"), QStringLiteral("KRE"), QStringLiteral("--out"), path(png)});
    EXPECT_EQ(unknown.code, 1);
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("no cached data for KRE")))
        << unknown.err.toStdString();
    const CliRun outOfRange =
        runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                    path(png), QStringLiteral("--from"), QStringLiteral("1990-01-01"),
                    QStringLiteral("--to"), QStringLiteral("1990-12-31")});
    EXPECT_EQ(outOfRange.code, 1);
    const auto gif = tmp.file("chart.gif");
    EXPECT_EQ(runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC"),
                          QStringLiteral("--out"), path(gif)})
                  .code,
              2);  // a usage error, refused before anything is read
    EXPECT_FALSE(std::filesystem::exists(png));
    EXPECT_FALSE(std::filesystem::exists(gif));
    // No half-written or temporary image either: only the cache's own files remain.
    for (const auto& entry : std::filesystem::directory_iterator(tmp.path())) {
        EXPECT_EQ(entry.path().filename().string().rfind("cache.sqlite", 0), 0U)
            << entry.path().string();
    }
}

TEST_F(CliTest, LevelsJsonHasTheAllTimeHighAndThe2013Breakout) {
    const CliRun r =
        runCli(db, {QStringLiteral("levels"), QStringLiteral("^GSPC"), QStringLiteral("--json")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(o[QStringLiteral("symbol")].toString(), QStringLiteral("^GSPC"));
    EXPECT_EQ(o[QStringLiteral("asOf")].toString(), QStringLiteral("2020-04-17"));
    const QJsonObject ath = o[QStringLiteral("allTimeHigh")].toObject();
    EXPECT_NEAR(ath[QStringLiteral("close")].toDouble(), 3386.15, 0.01);
    EXPECT_EQ(ath[QStringLiteral("closeDate")].toString(), QStringLiteral("2020-02-19"));
    EXPECT_NEAR(ath[QStringLiteral("high")].toDouble(), 3393.52, 0.01);
    const QJsonArray levels = o[QStringLiteral("levels")].toArray();
    ASSERT_FALSE(levels.isEmpty());
    for (const auto& l : levels) {
        const QJsonObject z = l.toObject();
        EXPECT_LE(z[QStringLiteral("low")].toDouble(), z[QStringLiteral("high")].toDouble());
        EXPECT_FALSE(z[QStringLiteral("why")].toString().isEmpty());
    }
    bool breakout2013 = false;
    for (const auto& e : o[QStringLiteral("events")].toArray()) {
        const QJsonObject ev = e.toObject();
        breakout2013 |= ev[QStringLiteral("type")].toString() == QStringLiteral("breakout") &&
                        ev[QStringLiteral("date")].toString().startsWith(QStringLiteral("2013-"));
    }
    EXPECT_TRUE(breakout2013) << r.out.toStdString();
}

// The sensitivity a user set on a chart in the window is the one `levels` reads, unless told.
TEST_F(CliTest, LevelsUseTheSensitivityChosenInTheWindow) {
    const auto levelCount = [this](const QStringList& extra) {
        const CliRun r = runCli(db, QStringList{QStringLiteral("levels"), QStringLiteral("^GSPC"),
                                                QStringLiteral("--json")} +
                                        extra);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8())
            .object()[QStringLiteral("levels")]
            .toArray()
            .size();
    };
    const qsizetype standard = levelCount({});
    {
        auto cache = PriceCache::open(db);
        ASSERT_TRUE(cache);
        ASSERT_TRUE(cache.value()->setLevelSensitivity("^GSPC", 1.0));
    }
    const qsizetype many = levelCount({});
    EXPECT_GT(many, standard);
    EXPECT_EQ(levelCount({QStringLiteral("--sensitivity"), QStringLiteral("0.5")}), standard);
}

// `export` draws the levels at the sensitivity set in the window, or at --sensitivity: each
// level drawn carries a price tag, so an SVG of a crowded view holds more text elements.
TEST_F(CliTest, ExportDrawsTheLevelsAtTheChosenSensitivity) {
    const auto svg = tmp.file("gspc.svg");
    const auto textsDrawn = [&](const QStringList& extra) {
        const CliRun r = runCli(db, QStringList{QStringLiteral("export"), QStringLiteral("^GSPC"),
                                                QStringLiteral("--out"), path(svg),
                                                QStringLiteral("--range"), QStringLiteral("5Y")} +
                                        extra);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        const std::string text = readFile(svg);
        std::size_t count = 0;
        for (std::size_t at = text.find("<text"); at != std::string::npos;
             at = text.find("<text", at + 1)) {
            ++count;
        }
        return count;
    };
    const std::size_t few = textsDrawn({QStringLiteral("--sensitivity"), QStringLiteral("0")});
    const std::size_t many = textsDrawn({QStringLiteral("--sensitivity"), QStringLiteral("1")});
    EXPECT_GT(many, few);
    {
        auto cache = PriceCache::open(db);
        ASSERT_TRUE(cache);
        ASSERT_TRUE(cache.value()->setLevelSensitivity("^GSPC", 1.0));
    }
    EXPECT_EQ(textsDrawn({}), many);  // the window's choice
    EXPECT_EQ(textsDrawn({QStringLiteral("--sensitivity"), QStringLiteral("0")}), few);

    std::filesystem::remove(svg);
    const CliRun bad =
        runCli(db, {QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                    path(svg), QStringLiteral("--sensitivity"), QStringLiteral("1.5")});
    EXPECT_EQ(bad.code, 2);
    EXPECT_TRUE(bad.err.contains(QStringLiteral("--sensitivity must be a number from 0 to 1")))
        << bad.err.toStdString();
    EXPECT_FALSE(std::filesystem::exists(svg));
}

TEST_F(CliTest, LevelsUntilSeesOnlyThePast) {
    const CliRun r =
        runCli(db, {QStringLiteral("levels"), QStringLiteral("^GSPC"), QStringLiteral("--until"),
                    QStringLiteral("2007-12-31"), QStringLiteral("--json")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    EXPECT_EQ(o[QStringLiteral("asOf")].toString(), QStringLiteral("2007-12-31"));
    const QJsonObject ath = o[QStringLiteral("allTimeHigh")].toObject();
    EXPECT_NEAR(ath[QStringLiteral("close")].toDouble(), 1565.15, 0.01);
    EXPECT_EQ(ath[QStringLiteral("closeDate")].toString(), QStringLiteral("2007-10-09"));
    for (const auto& e : o[QStringLiteral("events")].toArray()) {
        EXPECT_LE(e.toObject()[QStringLiteral("date")].toString(), QStringLiteral("2007-12-31"));
    }
    EXPECT_EQ(runCli(db, {QStringLiteral("levels"), QStringLiteral("^GSPC"),
                          QStringLiteral("--until"), QStringLiteral("2007-13-01")})
                  .code,
              2);
}

// The levels issue's contract for scripts: ids on every level and event, event names equal to
// their level's, a headline; and an event seen with --until is the same event later on.
TEST_F(CliTest, LevelsJsonIdsNamesAndHeadlineAreStableOverTime) {
    auto levelsAsOf = [&](const QString& until) {
        QStringList args{QStringLiteral("levels"), QStringLiteral("^GSPC"),
                         QStringLiteral("--json")};
        if (!until.isEmpty()) {
            args << QStringLiteral("--until") << until;
        }
        const CliRun r = runCli(db, args);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    };
    const QJsonObject then = levelsAsOf(QStringLiteral("2013-12-31"));
    QHash<QString, QString> levelName;
    for (const auto& l : then[QStringLiteral("levels")].toArray()) {
        const QJsonObject z = l.toObject();
        ASSERT_FALSE(z[QStringLiteral("id")].toString().isEmpty());
        EXPECT_TRUE(z[QStringLiteral("shown")].isBool());
        levelName.insert(z[QStringLiteral("id")].toString(), z[QStringLiteral("name")].toString());
    }
    EXPECT_GT(then[QStringLiteral("hiddenLevels")].toInt(), 0);
    QHash<QString, QJsonObject> eventsThen;
    for (const auto& e : then[QStringLiteral("events")].toArray()) {
        const QJsonObject ev = e.toObject();
        EXPECT_EQ(ev[QStringLiteral("name")].toString(),
                  levelName.value(ev[QStringLiteral("levelId")].toString()));
        eventsThen.insert(ev[QStringLiteral("id")].toString(), ev);
    }
    const QString headline = then[QStringLiteral("headline")].toString();
    ASSERT_TRUE(eventsThen.contains(headline)) << headline.toStdString();
    const QJsonObject head = eventsThen.value(headline);
    EXPECT_EQ(head[QStringLiteral("name")].toString(), QStringLiteral("the Oct-2007 record high"));
    EXPECT_EQ(head[QStringLiteral("date")].toString(), QStringLiteral("2013-03-28"));
    EXPECT_EQ(head[QStringLiteral("retest")].toObject()[QStringLiteral("state")].toString(),
              QStringLiteral("held"));
    // The close it crossed: the 2007 record close, under the record high it is named for.
    EXPECT_DOUBLE_EQ(head[QStringLiteral("line")].toDouble(), 1565.15);
    EXPECT_LT(head[QStringLiteral("close")].toDouble(), 1576.09);

    const QJsonObject now = levelsAsOf({});
    QHash<QString, QJsonObject> eventsNow;
    for (const auto& e : now[QStringLiteral("events")].toArray()) {
        eventsNow.insert(e.toObject()[QStringLiteral("id")].toString(), e.toObject());
    }
    for (auto it = eventsThen.cbegin(); it != eventsThen.cend(); ++it) {
        ASSERT_TRUE(eventsNow.contains(it.key())) << "vanished: " << it.key().toStdString();
        const QJsonObject later = eventsNow.value(it.key());
        EXPECT_EQ(later[QStringLiteral("date")], it.value()[QStringLiteral("date")]);
        EXPECT_EQ(later[QStringLiteral("low")], it.value()[QStringLiteral("low")]);
        EXPECT_EQ(later[QStringLiteral("name")], it.value()[QStringLiteral("name")]);
    }

    const CliRun text = runCli(db, {QStringLiteral("levels"), QStringLiteral("^GSPC"),
                                    QStringLiteral("--until"), QStringLiteral("2013-12-31")});
    ASSERT_EQ(text.code, 0);
    EXPECT_TRUE(text.out.contains(QStringLiteral(
        "Now: Broke out above the Oct-2007 record high (record close 1,565.15) on 2013-03-28 "
        "(close 1,569.19)")))
        << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("more levels hidden")));
    EXPECT_TRUE(text.out.contains(QStringLiteral("a higher --sensitivity shows them")));
    EXPECT_FALSE(text.out.contains(QStringLiteral(" 1 touches")));
    // At full sensitivity nothing higher exists: the note says what the hidden ones are.
    const CliRun most = runCli(
        db, {QStringLiteral("levels"), QStringLiteral("^GSPC"), QStringLiteral("--until"),
             QStringLiteral("2013-12-31"), QStringLiteral("--sensitivity"), QStringLiteral("1")});
    ASSERT_EQ(most.code, 0);
    EXPECT_TRUE(most.out.contains(QStringLiteral("hidden, the weakest far from price")))
        << most.out.toStdString();
    EXPECT_FALSE(most.out.contains(QStringLiteral("a higher --sensitivity")));
}

TEST_F(CliTest, ScanCoversTheWatchlistAndSaysWhatIsMissing) {
    const CliRun r = runCli(db, {QStringLiteral("scan")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QStringList out = lines(r.out);
    ASSERT_EQ(out.size(), 10) << r.out.toStdString();
    EXPECT_TRUE(out[0].startsWith(QStringLiteral("IWM"))) << out[0].toStdString();
    EXPECT_TRUE(out[0].contains(QStringLiteral("no cached data")));
    EXPECT_TRUE(out[9].startsWith(QStringLiteral("^GSPC"))) << out[9].toStdString();
    EXPECT_TRUE(out[9].contains(QStringLiteral("last 2874.56"))) << out[9].toStdString();

    const CliRun json = runCli(db, {QStringLiteral("scan"), QStringLiteral("^GSPC"),
                                    QStringLiteral("KRE"), QStringLiteral("--json")});
    ASSERT_EQ(json.code, 0);
    const QJsonArray a = QJsonDocument::fromJson(json.out.toUtf8()).array();
    ASSERT_EQ(a.size(), 2);
    const QJsonObject gspc = a[0].toObject();
    EXPECT_NEAR(gspc[QStringLiteral("last")].toDouble(), 2874.56, 0.01);
    EXPECT_TRUE(gspc[QStringLiteral("nearestSupport")].isObject());
    EXPECT_LT(gspc[QStringLiteral("nearestSupport")].toObject()[QStringLiteral("price")].toDouble(),
              2874.56);
    EXPECT_TRUE(gspc[QStringLiteral("event")].isObject());
    EXPECT_NEAR(gspc[QStringLiteral("allTimeHigh")].toObject()[QStringLiteral("high")].toDouble(),
                3393.52, 0.01);
    EXPECT_TRUE(a[1].toObject()[QStringLiteral("nearestSupport")].isNull());
}

// Days after a new record, before the pullback makes a level of it, nothing is drawn above
// price but the all-time high: that is the resistance a trader watches, not "none".
TEST_F(CliTest, ScanNamesTheAllTimeHighAsResistanceWhenNoLevelIsAbove) {
    const CliRun r = runCli(db, {QStringLiteral("scan"), QStringLiteral("^GSPC"),
                                 QStringLiteral("--until"), QStringLiteral("2017-08-10")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_TRUE(
        r.out.contains(QStringLiteral("last 2438.21  support 2193.81 (-10.0%)  "
                                      "resistance 2490.87 (+2.2%, all-time high)")))
        << r.out.toStdString();
    // At the sample's end the Feb-2020 record is a level of its own.
    const CliRun last = runCli(db, {QStringLiteral("scan"), QStringLiteral("^GSPC")});
    EXPECT_FALSE(last.out.contains(QStringLiteral("all-time high)"))) << last.out.toStdString();
}

// On the sample's last day price closed inside the Jan-2018 record it had just broken out of (a
// zone that holds the Feb-2020 low 17 points under it too). The support's line (2872.87) is under
// that close here; it can be above it (^RUT the day after its 2025 breakout read "support 2458.86
// (+0.4%)"): either way a zone price is inside reads "inside" (the unit test
// DistanceToAZoneIsInsideWithinItAndToItsPriceOutside has the line above). The previous text,
// "(-0.1%)", fails this test.
TEST_F(CliTest, ScanAndLevelsSayPriceIsInsideTheZoneItIsRetesting) {
    const CliRun scan = runCli(db, {QStringLiteral("scan"), QStringLiteral("^GSPC")});
    ASSERT_EQ(scan.code, 0) << scan.err.toStdString();
    EXPECT_TRUE(
        scan.out.contains(QStringLiteral("last 2874.56  support 2872.87 (inside 2853.92–2874.79)")))
        << scan.out.toStdString();
    const CliRun levels = runCli(db, {QStringLiteral("levels"), QStringLiteral("^GSPC")});
    ASSERT_EQ(levels.code, 0) << levels.err.toStdString();
    EXPECT_TRUE(levels.out.contains(QStringLiteral("91   inside  the Jan-2018 record high")))
        << levels.out.toStdString();
}

// One exit-status rule with `export --watchlist`: some done and the rest only without data is
// success; none with data ("all skipped") is a failure.
TEST_F(CliTest, ScanExitStatusSeparatesAllSkippedFromSomeDone) {
    const CliRun some = runCli(db, {QStringLiteral("scan"), QStringLiteral("KRE"),
                                    QStringLiteral("^GSPC"), QStringLiteral("IWM")});
    EXPECT_EQ(some.code, 0) << some.err.toStdString();
    const CliRun none =
        runCli(db, {QStringLiteral("scan"), QStringLiteral("KRE"), QStringLiteral("IWM")});
    EXPECT_EQ(none.code, 1);
    EXPECT_TRUE(none.err.contains(QStringLiteral("none of the symbols has cached data")))
        << none.err.toStdString();
    const CliRun help = runCli(db, {QStringLiteral("scan"), QStringLiteral("--help")});
    EXPECT_TRUE(help.out.contains(QStringLiteral("Exit status: 0 when at least one symbol")))
        << help.out.toStdString();
}

}  // namespace
}  // namespace retest::test
