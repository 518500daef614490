// `retest annotate` as a user types it, run in-process: every add form, listing as text and
// JSON, removal, export → import round trips, and a bad file refused with nothing changed.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
            add({"^GSPC", "--hline", "3393.52", "--label", "old ceiling = new floor?"}),
            add({"^gspc", "--zone", "2191.86", "2304.92", "--label", "retest zone"}),
            add({"^GSPC", "--note", "2020-03-23", "2191.86", "COVID", "low"}),
            add({"^GSPC", "--trend", "2020-03-23", "2191.86", "2020-04-17", "2830.88", "--label",
                 "recovery", "--extend-right"}),
            add({"^GSPC", "--rect", "2020-02-19", "3393.52", "2020-03-23", "2191.86"}),
            add({"^GSPC", "--arrow", "2020-03-20", "2100", "2020-03-24", "2344.44", "--color",
                 "#d32f2f"}),
            add({"^GSPC", "--vline", "2020-02-19", "--label", "top", "--line", "dot"}),
        };
    }

    TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(AnnotateCli, EveryAddFormPrintsItsIdAndListShowsIt) {
    const QStringList ids = addEveryForm();
    ASSERT_EQ(ids.size(), 7);
    EXPECT_EQ(QStringList(ids).removeDuplicates(), 0);
    const CliRun r = annotate({"^GSPC", "--list"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    EXPECT_EQ(lines(r.out),
              (QStringList{
                  ids[0] + " hline 3393.52 \"old ceiling = new floor?\"",
                  ids[1] + " zone 2191.86 2304.92 \"retest zone\"",
                  ids[2] + " note 2020-03-23 2191.86 \"COVID low\"",
                  ids[3] + " trend 2020-03-23 2191.86 2020-04-17 2830.88 \"recovery\"",
                  ids[4] + " rect 2020-02-19 3393.52 2020-03-23 2191.86",
                  ids[5] + " arrow 2020-03-20 2100 2020-03-24 2344.44",
                  ids[6] + " vline 2020-02-19 \"top\"",
              }));
    EXPECT_TRUE(annotate({"IWM", "--list"}).out.isEmpty());
}

TEST_F(AnnotateCli, ListJsonIsAnArrayOfTheDocumentedObjects) {
    const QStringList ids = addEveryForm();
    const CliRun r = annotate({"^GSPC", "--list", "--json"});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &err);
    ASSERT_EQ(err.error, QJsonParseError::NoError) << r.out.toStdString();
    ASSERT_TRUE(doc.isArray());
    const QJsonArray all = doc.array();
    ASSERT_EQ(all.size(), 7);
    const QJsonObject trend = all[3].toObject();
    EXPECT_EQ(trend.keys(), (QStringList{"id", "kind", "label", "points", "style"}));
    EXPECT_EQ(QString::number(trend["id"].toInteger()), ids[3]);
    EXPECT_EQ(trend["kind"].toString(), "trend");
    EXPECT_EQ(trend["label"].toString(), "recovery");
    const QJsonArray pts = trend["points"].toArray();
    ASSERT_EQ(pts.size(), 2);
    EXPECT_EQ(pts[1].toObject()["date"].toString(), "2020-04-17");
    EXPECT_EQ(pts[1].toObject()["price"].toDouble(), 2830.88);
    const QJsonObject style = trend["style"].toObject();
    EXPECT_EQ(style.keys(), (QStringList{"color", "extendRight", "fontSize", "line", "width"}));
    EXPECT_TRUE(style["extendRight"].toBool());
    EXPECT_EQ(all[5].toObject()["style"].toObject()["color"].toString(), "#d32f2f");
    EXPECT_EQ(all[6].toObject()["style"].toObject()["line"].toString(), "dot");
    EXPECT_FALSE(all[6].toObject()["points"].toArray()[0].toObject().contains("price"));
    EXPECT_FALSE(all[0].toObject()["points"].toArray()[0].toObject().contains("date"));
    EXPECT_EQ(annotate({"IWM", "--list", "--json"}).out.trimmed(), "[\n]");
}

TEST_F(AnnotateCli, RemoveDeletesOnlyThatAnnotationOfThatSymbol) {
    const QStringList ids = addEveryForm();
    const CliRun wrongSymbol = annotate({"IWM", "--remove", ids[2]});
    EXPECT_EQ(wrongSymbol.code, 1);
    EXPECT_TRUE(wrongSymbol.err.contains("no annotation " + ids[2] + " on IWM"))
        << wrongSymbol.err.toStdString();
    const CliRun r = annotate({"^GSPC", "--remove", ids[2]});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QStringList left = lines(annotate({"^GSPC", "--list"}).out);
    ASSERT_EQ(left.size(), 6);
    for (const QString& l : left) {
        EXPECT_FALSE(l.startsWith(ids[2] + ' ')) << l.toStdString();
    }
    EXPECT_EQ(annotate({"^GSPC", "--remove", ids[2]}).code, 1);
}

TEST_F(AnnotateCli, ExportThenImportIntoAnotherSymbolOfAnotherCacheKeepsEverything) {
    addEveryForm();
    const auto file = tmp.file("gspc-annotations.json");
    const CliRun ex = annotate({"^GSPC", "--export", qpath(file)});
    ASSERT_EQ(ex.code, 0) << ex.err.toStdString();
    EXPECT_TRUE(ex.out.contains("Exported 7 annotation(s) of ^GSPC")) << ex.out.toStdString();

    const auto otherDb = tmp.file("other.sqlite");
    // Annotations go only onto a symbol with prices: give SPY some first.
    ASSERT_EQ(runCli(otherDb, {"import", qpath(sampleCsv()), "--symbol", "SPY"}).code, 0);
    const CliRun im = annotate({"SPY", "--import", qpath(file)}, otherDb);
    ASSERT_EQ(im.code, 0) << im.err.toStdString();
    EXPECT_TRUE(im.out.contains("Imported 7 annotation(s) into SPY")) << im.out.toStdString();

    // Same annotations, new ids: compare the listings without their leading id.
    auto withoutIds = [](const QString& text) {
        QStringList out;
        for (const QString& l : lines(text)) {
            out << l.section(QLatin1Char(' '), 1);
        }
        return out;
    };
    const QStringList original = withoutIds(annotate({"^GSPC", "--list"}).out);
    EXPECT_EQ(withoutIds(annotate({"SPY", "--list"}, otherDb).out), original);
    // Styles too: the JSON of both, ids removed, is identical.
    auto jsonWithoutIds = [&](const QString& sym, const std::filesystem::path& dbPath) {
        QJsonArray a =
            QJsonDocument::fromJson(annotate({sym, "--list", "--json"}, dbPath).out.toUtf8())
                .array();
        for (qsizetype i = 0; i < a.size(); ++i) {
            QJsonObject o = a[i].toObject();
            o.remove("id");
            a[i] = o;
        }
        return a;
    };
    EXPECT_EQ(jsonWithoutIds("SPY", otherDb), jsonWithoutIds("^GSPC", db));

    // Importing again adds; --replace swaps the set.
    ASSERT_EQ(annotate({"SPY", "--import", qpath(file)}, otherDb).code, 0);
    EXPECT_EQ(lines(annotate({"SPY", "--list"}, otherDb).out).size(), 14);
    ASSERT_EQ(annotate({"SPY", "--import", qpath(file), "--replace"}, otherDb).code, 0);
    EXPECT_EQ(withoutIds(annotate({"SPY", "--list"}, otherDb).out), original);
}

TEST_F(AnnotateCli, BadFileIsRefusedNamingFileAnnotationAndReasonAndChangesNothing) {
    addEveryForm();
    const QString before = annotate({"^GSPC", "--list", "--json"}).out;
    const auto bad = dataFile("annotations/bad_third_missing_points.json");
    for (const QStringList& extra : {QStringList{}, QStringList{"--replace"}}) {
        const CliRun r = annotate(QStringList{"^GSPC", "--import", qpath(bad)} + extra);
        EXPECT_EQ(r.code, 1);
        EXPECT_TRUE(r.out.isEmpty());
        EXPECT_TRUE(r.err.contains(qpath(bad) + ": annotation 3: missing \"points\""))
            << r.err.toStdString();
        EXPECT_TRUE(r.err.contains("Nothing was imported")) << r.err.toStdString();
        EXPECT_EQ(annotate({"^GSPC", "--list", "--json"}).out, before);
    }
    const CliRun missing = annotate({"^GSPC", "--import", qpath(tmp.file("nope.json"))});
    EXPECT_EQ(missing.code, 1);
    EXPECT_TRUE(missing.err.contains("nope.json: cannot open the file: No such file"))
        << missing.err.toStdString();
    // Issue 14: `--import /dev/zero` hung, then aborted. A device is refused at once.
    const CliRun device = annotate({"^GSPC", "--import", "/dev/zero"});
    EXPECT_EQ(device.code, 1);
    EXPECT_TRUE(device.err.contains("/dev/zero: not a regular file")) << device.err.toStdString();
    EXPECT_EQ(annotate({"^GSPC", "--list", "--json"}).out, before);
}

// Issue 13: drawings for a symbol that is not in the cache were stored where nobody sees them.
TEST_F(AnnotateCli, ASymbolWithoutCachedPricesIsRefused) {
    for (const QStringList& args : {QStringList{"IWM", "--hline", "200"},
                                    QStringList{"IWM", "--note", "2020-03-23", "150", "low"},
                                    QStringList{"IWM", "--import", qpath(tmp.file("any.json"))}}) {
        const CliRun r = annotate(args);
        EXPECT_EQ(r.code, 1) << args.join(' ').toStdString();
        EXPECT_EQ(r.err.toStdString(),
                  "retest annotate: IWM has no prices in the cache; import or fetch them first "
                  "(nothing was stored)\n");
    }
    EXPECT_EQ(annotate({"IWM", "--list"}).out, "");
}

// Issue 14: numbers that are not finite and hostile symbols are command-line mistakes.
TEST_F(AnnotateCli, NonFiniteNumbersAndHostileSymbolsAreUsageErrors) {
    for (const QStringList& args :
         {QStringList{"^GSPC", "--hline", "nan"}, QStringList{"^GSPC", "--hline", "inf"},
          QStringList{"^GSPC", "--hline", "3000", "--width", "NaN"},
          QStringList{"^GSPC", "--zone", "-inf", "3000"}, QStringList{"A\nB", "--hline", "3000"},
          QStringList{"'; DROP TABLE bars;--", "--list"},
          QStringList{QString(30, QLatin1Char('A')), "--list"}}) {
        const CliRun r = annotate(args);
        EXPECT_EQ(r.code, 2) << args.join(' ').toStdString() << r.err.toStdString();
    }
    EXPECT_EQ(annotate({"^GSPC", "--list"}).out, "");
}

TEST_F(AnnotateCli, MistakesAreUsageErrorsThatStoreNothing) {
    struct Case {
        QStringList args;
        const char* says;
    };
    const Case cases[] = {
        {{"^GSPC"}, "say what to do"},
        {{"^GSPC", "--zone", "2191.86"}, "expected --zone LOW HIGH"},
        {{"^GSPC", "--trend", "2020-03-23", "2191.86", "2020-04-17"}, "expected --trend"},
        {{"^GSPC", "--hline", "3393.52", "3400"}, "expected --hline PRICE"},
        {{"^GSPC", "--hline", "abc"}, "PRICE 'abc' is not a price"},
        {{"^GSPC", "--note", "2020-02-30", "2191.86", "x"}, "DATE '2020-02-30' is not a date"},
        {{"^GSPC", "--zone", "2304.92", "2191.86"}, "low price (first point) is above"},
        {{"^GSPC", "--trend", "2020-03-23", "1", "2020-03-23", "2"}, "same date"},
        {{"^GSPC", "--hline", "1", "--list"}, "one action at a time"},
        {{"^GSPC", "--list", "--replace"}, "--replace goes with --import"},
        {{"^GSPC", "--hline", "1", "--color", "red"}, "--color 'red'"},
        {{"^GSPC", "--remove", "x1"}, "is not an annotation id"},
    };
    for (const Case& c : cases) {
        const CliRun r = annotate(c.args);
        EXPECT_EQ(r.code, 2) << c.args.join(' ').toStdString();
        EXPECT_TRUE(r.err.contains(QLatin1String(c.says)))
            << c.args.join(' ').toStdString() << " -> " << r.err.toStdString();
        EXPECT_TRUE(r.out.isEmpty());
    }
    EXPECT_TRUE(annotate({"^GSPC", "--list"}).out.isEmpty());
    const CliRun help = annotate({"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_TRUE(help.out.contains("--zone LOW HIGH")) << help.out.toStdString();
}

}  // namespace
}  // namespace retest::test
