// `retest annotate` as a user types it, run in-process: every add form, listing as text and
// JSON, removal, export → import round trips, and a bad file refused with nothing changed.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <fstream>

#include "tests/cli/cli_runner.h"
#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

QString qpath(const std::filesystem::path& p) {
    return QString::fromStdString(p.string());
}

QStringList lines(const QString& text) {
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

class AnnotateCli : public ::testing::Test {
protected:
    /// `retest --db DB annotate ARGS…`
    CliRun annotate(const QStringList& args, const std::filesystem::path& dbPath = {}) {
        return runCli(dbPath.empty() ? db : dbPath, QStringList{QStringLiteral("annotate")} + args);
    }
    /// Adds and returns the printed id (fails the test unless it is a lone number).
    QString add(const QStringList& args) {
        const CliRun r = annotate(args);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        EXPECT_TRUE(r.err.isEmpty()) << r.err.toStdString();
        bool number = false;
        r.out.trimmed().toLongLong(&number);
        EXPECT_TRUE(number && r.out.endsWith(QLatin1Char('\n')) && lines(r.out).size() == 1)
            << r.out.toStdString();
        return r.out.trimmed();
    }
    /// One of each form, on ^GSPC (the seeded sample), with real sample prices.
    QStringList addEveryForm() {
        return {
            add({QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("3393.52"),
                 QStringLiteral("--label"), QStringLiteral("old ceiling = new floor?")}),
            add({QStringLiteral("^gspc"), QStringLiteral("--zone"), QStringLiteral("2191.86"),
                 QStringLiteral("2304.92"), QStringLiteral("--label"),
                 QStringLiteral("retest zone")}),
            add({QStringLiteral("^GSPC"), QStringLiteral("--note"), QStringLiteral("2020-03-23"),
                 QStringLiteral("2191.86"), QStringLiteral("COVID"), QStringLiteral("low")}),
            add({QStringLiteral("^GSPC"), QStringLiteral("--trend"), QStringLiteral("2020-03-23"),
                 QStringLiteral("2191.86"), QStringLiteral("2020-04-17"), QStringLiteral("2830.88"),
                 QStringLiteral("--label"), QStringLiteral("recovery"),
                 QStringLiteral("--extend-right")}),
            add({QStringLiteral("^GSPC"), QStringLiteral("--rect"), QStringLiteral("2020-02-19"),
                 QStringLiteral("3393.52"), QStringLiteral("2020-03-23"),
                 QStringLiteral("2191.86")}),
            add({QStringLiteral("^GSPC"), QStringLiteral("--arrow"), QStringLiteral("2020-03-20"),
                 QStringLiteral("2100"), QStringLiteral("2020-03-24"), QStringLiteral("2344.44"),
                 QStringLiteral("--color"), QStringLiteral("#d32f2f")}),
            add({QStringLiteral("^GSPC"), QStringLiteral("--vline"), QStringLiteral("2020-02-19"),
                 QStringLiteral("--label"), QStringLiteral("top"), QStringLiteral("--line"),
                 QStringLiteral("dot")}),
        };
    }

    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(AnnotateCli, EveryAddFormPrintsItsIdAndListShowsIt) {
    const QStringList ids = addEveryForm();
    ASSERT_EQ(ids.size(), 7);
    EXPECT_EQ(QStringList(ids).removeDuplicates(), 0);
    const CliRun r = annotate({QStringLiteral("^GSPC"), QStringLiteral("--list")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(
        lines(r.out),
        (QStringList{
            ids[0] + QStringLiteral(" hline 3393.52 \"old ceiling = new floor?\""),
            ids[1] + QStringLiteral(" zone 2191.86 2304.92 \"retest zone\""),
            ids[2] + QStringLiteral(" note 2020-03-23 2191.86 \"COVID low\""),
            ids[3] + QStringLiteral(" trend 2020-03-23 2191.86 2020-04-17 2830.88 \"recovery\""),
            ids[4] + QStringLiteral(" rect 2020-02-19 3393.52 2020-03-23 2191.86"),
            ids[5] + QStringLiteral(" arrow 2020-03-20 2100 2020-03-24 2344.44"),
            ids[6] + QStringLiteral(" vline 2020-02-19 \"top\""),
        }));
    EXPECT_TRUE(annotate({QStringLiteral("IWM"), QStringLiteral("--list")}).out.isEmpty());
    // A line dragged in the window sits at a pixel's price: listed as prices are shown.
    const QString dragged = add(
        {QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("227.94062580442545")});
    EXPECT_TRUE(annotate({QStringLiteral("^GSPC"), QStringLiteral("--list")})
                    .out.contains(dragged + QStringLiteral(" hline 227.94\n")));
}

TEST_F(AnnotateCli, ListJsonIsAnArrayOfTheDocumentedObjects) {
    const QStringList ids = addEveryForm();
    const CliRun r =
        annotate({QStringLiteral("^GSPC"), QStringLiteral("--list"), QStringLiteral("--json")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &err);
    ASSERT_EQ(err.error, QJsonParseError::NoError) << r.out.toStdString();
    ASSERT_TRUE(doc.isArray());
    const QJsonArray all = doc.array();
    ASSERT_EQ(all.size(), 7);
    const QJsonObject trend = all[3].toObject();
    EXPECT_EQ(trend.keys(),
              (QStringList{QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("label"),
                           QStringLiteral("points"), QStringLiteral("style")}));
    EXPECT_EQ(QString::number(trend[QStringLiteral("id")].toInteger()), ids[3]);
    EXPECT_EQ(trend[QStringLiteral("kind")].toString(), QStringLiteral("trend"));
    EXPECT_EQ(trend[QStringLiteral("label")].toString(), QStringLiteral("recovery"));
    const QJsonArray pts = trend[QStringLiteral("points")].toArray();
    ASSERT_EQ(pts.size(), 2);
    EXPECT_EQ(pts[1].toObject()[QStringLiteral("date")].toString(), QStringLiteral("2020-04-17"));
    EXPECT_EQ(pts[1].toObject()[QStringLiteral("price")].toDouble(), 2830.88);
    const QJsonObject style = trend[QStringLiteral("style")].toObject();
    EXPECT_EQ(style.keys(), (QStringList{QStringLiteral("color"), QStringLiteral("extendRight"),
                                         QStringLiteral("fontSize"), QStringLiteral("line"),
                                         QStringLiteral("width")}));
    EXPECT_TRUE(style[QStringLiteral("extendRight")].toBool());
    EXPECT_EQ(
        all[5].toObject()[QStringLiteral("style")].toObject()[QStringLiteral("color")].toString(),
        QStringLiteral("#d32f2f"));
    EXPECT_EQ(
        all[6].toObject()[QStringLiteral("style")].toObject()[QStringLiteral("line")].toString(),
        QStringLiteral("dot"));
    EXPECT_FALSE(all[6].toObject()[QStringLiteral("points")].toArray()[0].toObject().contains(
        QStringLiteral("price")));
    EXPECT_FALSE(all[0].toObject()[QStringLiteral("points")].toArray()[0].toObject().contains(
        QStringLiteral("date")));
    EXPECT_EQ(annotate({QStringLiteral("IWM"), QStringLiteral("--list"), QStringLiteral("--json")})
                  .out.trimmed(),
              QStringLiteral("[\n]"));
}

TEST_F(AnnotateCli, RemoveDeletesOnlyThatAnnotationOfThatSymbol) {
    const QStringList ids = addEveryForm();
    const CliRun wrongSymbol =
        annotate({QStringLiteral("IWM"), QStringLiteral("--remove"), ids[2]});
    EXPECT_EQ(wrongSymbol.code, 1);
    EXPECT_TRUE(wrongSymbol.err.contains(QStringLiteral("no annotation ") + ids[2] +
                                         QStringLiteral(" on IWM")))
        << wrongSymbol.err.toStdString();
    const CliRun r = annotate({QStringLiteral("^GSPC"), QStringLiteral("--remove"), ids[2]});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QStringList left =
        lines(annotate({QStringLiteral("^GSPC"), QStringLiteral("--list")}).out);
    ASSERT_EQ(left.size(), 6);
    for (const QString& l : left) {
        EXPECT_FALSE(l.startsWith(ids[2] + QLatin1Char(' '))) << l.toStdString();
    }
    EXPECT_EQ(annotate({QStringLiteral("^GSPC"), QStringLiteral("--remove"), ids[2]}).code, 1);
}

TEST_F(AnnotateCli, ExportThenImportIntoAnotherSymbolOfAnotherCacheKeepsEverything) {
    addEveryForm();
    const auto file = tmp.file("gspc-annotations.json");
    const CliRun ex = annotate({QStringLiteral("^GSPC"), QStringLiteral("--export"), qpath(file)});
    ASSERT_EQ(ex.code, 0) << ex.err.toStdString();
    EXPECT_TRUE(ex.out.contains(QStringLiteral("Exported 7 annotation(s) of ^GSPC")))
        << ex.out.toStdString();

    const auto otherDb = tmp.file("other.sqlite");
    // Annotations go only onto a symbol with prices: give SPY some first.
    ASSERT_EQ(runCli(otherDb, {QStringLiteral("import"), qpath(sampleCsv()),
                               QStringLiteral("--symbol"), QStringLiteral("SPY")})
                  .code,
              0);
    const CliRun im =
        annotate({QStringLiteral("SPY"), QStringLiteral("--import"), qpath(file)}, otherDb);
    ASSERT_EQ(im.code, 0) << im.err.toStdString();
    EXPECT_TRUE(im.out.contains(QStringLiteral("Imported 7 annotation(s) into SPY")))
        << im.out.toStdString();

    // Same annotations, new ids: compare the listings without their leading id.
    auto withoutIds = [](const QString& text) {
        QStringList out;
        for (const QString& l : lines(text)) {
            out << l.section(QLatin1Char(' '), 1);
        }
        return out;
    };
    const QStringList original =
        withoutIds(annotate({QStringLiteral("^GSPC"), QStringLiteral("--list")}).out);
    EXPECT_EQ(withoutIds(annotate({QStringLiteral("SPY"), QStringLiteral("--list")}, otherDb).out),
              original);
    // Styles too: the JSON of both, ids removed, is identical.
    auto jsonWithoutIds = [&](const QString& sym, const std::filesystem::path& dbPath) {
        QJsonArray a =
            QJsonDocument::fromJson(
                annotate({sym, QStringLiteral("--list"), QStringLiteral("--json")}, dbPath)
                    .out.toUtf8())
                .array();
        for (qsizetype i = 0; i < a.size(); ++i) {
            QJsonObject o = a[i].toObject();
            o.remove(QStringLiteral("id"));
            a[i] = o;
        }
        return a;
    };
    EXPECT_EQ(jsonWithoutIds(QStringLiteral("SPY"), otherDb),
              jsonWithoutIds(QStringLiteral("^GSPC"), db));

    // Importing again adds; --replace swaps the set.
    ASSERT_EQ(
        annotate({QStringLiteral("SPY"), QStringLiteral("--import"), qpath(file)}, otherDb).code,
        0);
    EXPECT_EQ(
        lines(annotate({QStringLiteral("SPY"), QStringLiteral("--list")}, otherDb).out).size(), 14);
    ASSERT_EQ(annotate({QStringLiteral("SPY"), QStringLiteral("--import"), qpath(file),
                        QStringLiteral("--replace")},
                       otherDb)
                  .code,
              0);
    EXPECT_EQ(withoutIds(annotate({QStringLiteral("SPY"), QStringLiteral("--list")}, otherDb).out),
              original);
}

TEST_F(AnnotateCli, BadFileIsRefusedNamingFileAnnotationAndReasonAndChangesNothing) {
    addEveryForm();
    const QString before =
        annotate({QStringLiteral("^GSPC"), QStringLiteral("--list"), QStringLiteral("--json")}).out;
    const auto bad = dataFile("annotations/bad_third_missing_points.json");
    for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--replace")}}) {
        const CliRun r = annotate(
            QStringList{QStringLiteral("^GSPC"), QStringLiteral("--import"), qpath(bad)} + extra);
        EXPECT_EQ(r.code, 1);
        EXPECT_TRUE(r.out.isEmpty());
        EXPECT_TRUE(
            r.err.contains(qpath(bad) + QStringLiteral(": annotation 3: missing \"points\"")))
            << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(QStringLiteral("Nothing was imported"))) << r.err.toStdString();
        EXPECT_EQ(
            annotate({QStringLiteral("^GSPC"), QStringLiteral("--list"), QStringLiteral("--json")})
                .out,
            before);
    }
    const CliRun missing = annotate(
        {QStringLiteral("^GSPC"), QStringLiteral("--import"), qpath(tmp.file("nope.json"))});
    EXPECT_EQ(missing.code, 1);
    EXPECT_TRUE(
        missing.err.contains(QStringLiteral("nope.json: cannot open the file: No such file")))
        << missing.err.toStdString();
    // Issue 14: `--import /dev/zero` hung, then aborted. A device is refused at once.
    const CliRun device = annotate(
        {QStringLiteral("^GSPC"), QStringLiteral("--import"), QStringLiteral("/dev/zero")});
    EXPECT_EQ(device.code, 1);
    EXPECT_TRUE(device.err.contains(QStringLiteral("/dev/zero: not a regular file")))
        << device.err.toStdString();
    EXPECT_EQ(
        annotate({QStringLiteral("^GSPC"), QStringLiteral("--list"), QStringLiteral("--json")}).out,
        before);
}

// Drawings made on ^GSPC (2,100 to 3,400) imported into a symbol that trades at 15 to 18:
// refused, naming both price ranges, with nothing stored; --force imports them anyway.
TEST_F(AnnotateCli, DrawingsFarFromTheSymbolsPricesAreRefusedUnlessForced) {
    addEveryForm();
    const auto file = tmp.file("gspc.json");
    ASSERT_EQ(annotate({QStringLiteral("^GSPC"), QStringLiteral("--export"), qpath(file)}).code, 0);
    const auto csv = tmp.file("TINY.csv");
    {
        std::ofstream out(csv);
        out << "Date,Open,High,Low,Close,Volume\n"
               "2020-03-20,16,17,15,16.5,1000\n"
               "2020-03-23,16.5,18,16,17,1000\n";
    }
    ASSERT_EQ(runCli(db, {QStringLiteral("import"), qpath(csv), QStringLiteral("--symbol"),
                          QStringLiteral("TINY")})
                  .code,
              0);
    const CliRun refused =
        annotate({QStringLiteral("TINY"), QStringLiteral("--import"), qpath(file)});
    EXPECT_EQ(refused.code, 1);
    EXPECT_TRUE(refused.err.contains(QStringLiteral(
        "its annotations lie between 2100.00 and 3393.52, far from TINY's prices (15.00 to "
        "18.00): were they drawn on another symbol? --force imports them anyway")))
        << refused.err.toStdString();
    EXPECT_TRUE(refused.err.contains(QStringLiteral("Nothing was imported")));
    EXPECT_EQ(annotate({QStringLiteral("TINY"), QStringLiteral("--list")}).out, QString());

    const CliRun forced = annotate({QStringLiteral("TINY"), QStringLiteral("--import"), qpath(file),
                                    QStringLiteral("--force")});
    EXPECT_EQ(forced.code, 0) << forced.err.toStdString();
    EXPECT_EQ(lines(annotate({QStringLiteral("TINY"), QStringLiteral("--list")}).out).size(), 7);
}

// Issue 13: drawings for a symbol that is not in the cache were stored where nobody sees them.
TEST_F(AnnotateCli, ASymbolWithoutCachedPricesIsRefused) {
    for (const QStringList& args :
         {QStringList{QStringLiteral("IWM"), QStringLiteral("--hline"), QStringLiteral("200")},
          QStringList{QStringLiteral("IWM"), QStringLiteral("--note"), QStringLiteral("2020-03-23"),
                      QStringLiteral("150"), QStringLiteral("low")},
          QStringList{QStringLiteral("IWM"), QStringLiteral("--import"),
                      qpath(tmp.file("any.json"))}}) {
        const CliRun r = annotate(args);
        EXPECT_EQ(r.code, 1) << args.join(QLatin1Char(' ')).toStdString();
        EXPECT_EQ(r.err.toStdString(),
                  "retest annotate: IWM has no prices in the cache; import or fetch them first "
                  "(nothing was stored)\n");
    }
    EXPECT_EQ(annotate({QStringLiteral("IWM"), QStringLiteral("--list")}).out, QStringLiteral(""));
}

// Issue 14: numbers that are not finite and hostile symbols are command-line mistakes.
TEST_F(AnnotateCli, NonFiniteNumbersAndHostileSymbolsAreUsageErrors) {
    for (const QStringList& args :
         {QStringList{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("nan")},
          QStringList{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("inf")},
          QStringList{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("3000"),
                      QStringLiteral("--width"), QStringLiteral("NaN")},
          QStringList{QStringLiteral("^GSPC"), QStringLiteral("--zone"), QStringLiteral("-inf"),
                      QStringLiteral("3000")},
          QStringList{QStringLiteral("A\nB"), QStringLiteral("--hline"), QStringLiteral("3000")},
          QStringList{QStringLiteral("'; DROP TABLE bars;--"), QStringLiteral("--list")},
          QStringList{QString(30, QLatin1Char('A')), QStringLiteral("--list")}}) {
        const CliRun r = annotate(args);
        EXPECT_EQ(r.code, 2) << args.join(QLatin1Char(' ')).toStdString() << r.err.toStdString();
    }
    EXPECT_EQ(annotate({QStringLiteral("^GSPC"), QStringLiteral("--list")}).out,
              QStringLiteral(""));
}

TEST_F(AnnotateCli, MistakesAreUsageErrorsThatStoreNothing) {
    struct Case {
        QStringList args;
        const char* says;
    };
    const Case cases[] = {
        {{QStringLiteral("^GSPC")}, "say what to do"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--zone"), QStringLiteral("2191.86")},
         "expected --zone LOW HIGH"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--trend"), QStringLiteral("2020-03-23"),
          QStringLiteral("2191.86"), QStringLiteral("2020-04-17")},
         "expected --trend"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("3393.52"),
          QStringLiteral("3400")},
         "expected --hline PRICE"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("abc")},
         "PRICE 'abc' is not a price"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--note"), QStringLiteral("2020-02-30"),
          QStringLiteral("2191.86"), QStringLiteral("x")},
         "DATE '2020-02-30' is not a date"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--zone"), QStringLiteral("2304.92"),
          QStringLiteral("2191.86")},
         "low price (first point) is above"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--trend"), QStringLiteral("2020-03-23"),
          QStringLiteral("1"), QStringLiteral("2020-03-23"), QStringLiteral("2")},
         "same date"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("1"),
          QStringLiteral("--list")},
         "one action at a time"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--list"), QStringLiteral("--replace")},
         "--replace goes with --import"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--list"), QStringLiteral("--force")},
         "--force goes with --import"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--hline"), QStringLiteral("1"),
          QStringLiteral("--color"), QStringLiteral("red")},
         "--color 'red'"},
        {{QStringLiteral("^GSPC"), QStringLiteral("--remove"), QStringLiteral("x1")},
         "is not an annotation id"},
    };
    for (const Case& c : cases) {
        const CliRun r = annotate(c.args);
        EXPECT_EQ(r.code, 2) << c.args.join(QLatin1Char(' ')).toStdString();
        EXPECT_TRUE(r.err.contains(QLatin1String(c.says)))
            << c.args.join(QLatin1Char(' ')).toStdString() << " -> " << r.err.toStdString();
        EXPECT_TRUE(r.out.isEmpty());
    }
    EXPECT_TRUE(annotate({QStringLiteral("^GSPC"), QStringLiteral("--list")}).out.isEmpty());
    const CliRun help = annotate({QStringLiteral("--help")});
    EXPECT_EQ(help.code, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("--zone LOW HIGH"))) << help.out.toStdString();
}

}  // namespace
}  // namespace retest::test
