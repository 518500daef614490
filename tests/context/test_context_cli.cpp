// The command line with market context, in process: `levels` and `scan` on ratio symbols (the
// JSON `symbol` is the ratio), `export` with --compare, --pane and --threshold (the pixels of
// the compare line, the alert-coloured yield line and its shading are in the image), and every
// bad --compare/--pane/--threshold fails naming the symbol and leaves no file.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/cache/price_cache.h"
#include "core/import/csv_importer.h"
#include "tests/cli/cli_runner.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using test::sampleBars;

using CliResult = test::CliRun;

/// The sample divided by a constant: every ratio bar is exactly the sample's bar / 100.
constexpr double kFlat = 100.0;

class ContextCli : public ::testing::Test {
protected:
    void SetUp() override {
        auto cache = PriceCache::open(db);
        ASSERT_TRUE(cache);
        ASSERT_TRUE(cache.value()->upsertBars("^GSPC", sampleBars(), {"S&P 500", "USD", "sample"}));
        std::vector<Bar> flat;
        for (const Bar& b : sampleBars()) {
            flat.push_back(Bar{b.day, kFlat, kFlat, kFlat, kFlat, kFlat, 0});
        }
        ASSERT_TRUE(cache.value()->upsertBars("FLAT", flat));
        std::vector<Bar> half;
        for (const Bar& b : sampleBars()) {
            half.push_back(Bar{b.day, b.open / 2, b.high / 2, b.low / 2, b.close / 2,
                               b.adjClose / 2, b.volume});
        }
        ASSERT_TRUE(cache.value()->upsertBars("HALF", half));
        const auto dgs10 = std::filesystem::path(test::sampleCsv()).parent_path() / "dgs10.csv";
        ASSERT_TRUE(importCsvFile(*cache.value(), dgs10, "DGS10"));
    }

    CliResult run(const QStringList& args) const { return test::runCli(db, args); }
    QJsonDocument json(const QStringList& args) {
        const CliResult r = run(args);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        return QJsonDocument::fromJson(r.out.toUtf8());
    }
    QString path(const char* name) const { return QString::fromStdString(tmp.file(name).string()); }

    test::TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(ContextCli, LevelsOfARatioAreTheLevelsOfItsBarsScaled) {
    const QJsonObject plain =
        json({QStringLiteral("levels"), QStringLiteral("^GSPC"), QStringLiteral("--json")})
            .object();
    const QJsonObject ratio =
        json({QStringLiteral("levels"), QStringLiteral("^gspc:flat"), QStringLiteral("--json")})
            .object();
    EXPECT_EQ(ratio.value(QStringLiteral("symbol")).toString(), QStringLiteral("^GSPC:FLAT"));
    EXPECT_NEAR(ratio.value(QStringLiteral("last")).toDouble() * kFlat,
                plain.value(QStringLiteral("last")).toDouble(), 0.01);
    const QJsonArray a = plain.value(QStringLiteral("levels")).toArray();
    const QJsonArray b = ratio.value(QStringLiteral("levels")).toArray();
    ASSERT_FALSE(a.isEmpty());
    ASSERT_EQ(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        EXPECT_NEAR(b[i].toObject().value(QStringLiteral("price")).toDouble() * kFlat,
                    a[i].toObject().value(QStringLiteral("price")).toDouble(), 0.01);
        EXPECT_EQ(b[i].toObject().value(QStringLiteral("kind")),
                  a[i].toObject().value(QStringLiteral("kind")));
    }
    const QJsonArray ea = plain.value(QStringLiteral("events")).toArray();
    const QJsonArray eb = ratio.value(QStringLiteral("events")).toArray();
    ASSERT_EQ(ea.size(), eb.size());
    ASSERT_FALSE(ea.isEmpty());
    EXPECT_EQ(eb.last().toObject().value(QStringLiteral("date")),
              ea.last().toObject().value(QStringLiteral("date")));
}

TEST_F(ContextCli, ScanTakesRatiosAndNamesTheMissingSide) {
    const CliResult r =
        run({QStringLiteral("scan"), QStringLiteral("HALF:FLAT"), QStringLiteral("HALF:KRE"),
             QStringLiteral("FLAT:FLAT"), QStringLiteral("--json")});
    // HALF:KRE only lacks data; FLAT:FLAT is no symbol at all: a failure (scan's exit rule).
    ASSERT_EQ(r.code, 1) << r.err.toStdString();
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 3);
    EXPECT_EQ(rows[0].toObject().value(QStringLiteral("symbol")).toString(),
              QStringLiteral("HALF:FLAT"));
    EXPECT_TRUE(rows[0].toObject().value(QStringLiteral("last")).isDouble());
    EXPECT_TRUE(rows[0].toObject().value(QStringLiteral("error")).isUndefined());
    EXPECT_TRUE(rows[1]
                    .toObject()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("no cached data for KRE (the denominator")));
    EXPECT_TRUE(rows[2]
                    .toObject()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("by itself")));

    // A malformed ratio is a wrong command line (exit 2), named with what is missing.
    const CliResult missing = run({QStringLiteral("levels"), QStringLiteral("IWM:")});
    EXPECT_EQ(missing.code, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("a symbol on each side")))
        << missing.err.toStdString();
}

/// Pixels close to `c` in the image (a tolerance for antialiasing).
int countNear(const QImage& img, const QColor& c, int tolerance = 40) {
    int n = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            const QColor p = img.pixelColor(x, y);
            n += std::abs(p.red() - c.red()) + std::abs(p.green() - c.green()) +
                     std::abs(p.blue() - c.blue()) <
                 tolerance;
        }
    }
    return n;
}

TEST_F(ContextCli, ExportDrawsComparesAndAnAlertingRatesPane) {
    const QString out = path("ctx.png");
    const CliResult r =
        run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--compare"),
             QStringLiteral("FLAT"), QStringLiteral("--pane"), QStringLiteral("^TNX"),
             QStringLiteral("--threshold"), QStringLiteral("^TNX=5"), QStringLiteral("--from"),
             QStringLiteral("2000-01-01"), QStringLiteral("--to"), QStringLiteral("2000-12-31"),
             QStringLiteral("--size"), QStringLiteral("1200x800"), QStringLiteral("--out"), out});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QImage img(out);
    ASSERT_EQ(img.size(), QSize(1200, 800));
    // The compare line (first palette colour) and the yield above 5 % in the alert colour.
    EXPECT_GT(countNear(img, QColor(230, 126, 34)), 300);
    EXPECT_GT(countNear(img, QColor(224, 0, 0)), 300);

    // Without the pane and compare, neither colour is there.
    const QString plain = path("plain.png");
    ASSERT_EQ(
        run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--from"),
             QStringLiteral("2000-01-01"), QStringLiteral("--to"), QStringLiteral("2000-12-31"),
             QStringLiteral("--size"), QStringLiteral("1200x800"), QStringLiteral("--out"), plain})
            .code,
        0);
    const QImage none(plain);
    EXPECT_LT(countNear(none, QColor(230, 126, 34)), 20);
    EXPECT_LT(countNear(none, QColor(224, 0, 0), 20), 20);
}

TEST_F(ContextCli, BadContextSymbolsFailNamingThemAndLeaveNoFile) {
    const QString out = path("bad.png");
    const auto exportWith = [&](const QStringList& extra) {
        QStringList args{QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                         out};
        return run(args + extra);
    };
    CliResult r = exportWith({QStringLiteral("--compare"), QStringLiteral("FLAT,NOPE")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("NOPE"))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(out));

    r = exportWith({QStringLiteral("--pane"), QStringLiteral("HALF:KRE")});
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.err.contains(QStringLiteral("KRE"))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(out));

    r = exportWith({QStringLiteral("--pane"), QStringLiteral("FLAT:FLAT")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("FLAT:FLAT"))) << r.err.toStdString();

    r = exportWith({QStringLiteral("--compare"), QStringLiteral("HALF:")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("no denominator"))) << r.err.toStdString();

    r = exportWith({QStringLiteral("--threshold"), QStringLiteral("^TNX=5")});
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("^TNX is not a --pane"))) << r.err.toStdString();

    r = exportWith({QStringLiteral("--pane"), QStringLiteral("DGS10"),
                    QStringLiteral("--threshold"), QStringLiteral("DGS10=high")});
    EXPECT_EQ(r.code, 2);
    EXPECT_FALSE(QFile::exists(out));
}

}  // namespace
}  // namespace retest
