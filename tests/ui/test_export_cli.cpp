// `retest export` end to end, in process: options (--scale, --theme, --no-annotations, SVG),
// drawings stored in the cache appear in the image, and --watchlist batch export writes one
// file per cached symbol and reports the watchlist symbols that have no data.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QTextStream>
#include <fstream>
#include <sstream>

#include "app/cli/cli.h"
#include "core/annotations/annotation.h"
#include "core/cache/price_cache.h"
#include "core/model/date.h"
#include "core/model/watchlist.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

using test::sampleBars;

struct CliResult {
    int code = -1;
    QString out;
    QString err;
};

class ExportCli : public ::testing::Test {
protected:
    void SetUp() override {
        auto cache = PriceCache::open(db);
        ASSERT_TRUE(cache);
        const auto& bars = sampleBars();
        ASSERT_TRUE(cache.value()->upsertBars("^GSPC", bars, {"S&P 500", "USD", "sample"}));
        // The sample's 2019 sessions under a second name, so the batch has two cached symbols.
        std::vector<Bar> slice;
        for (const Bar& b : bars) {
            if (civilFromDay(b.day).year == 2019) {
                slice.push_back(b);
            }
        }
        ASSERT_TRUE(
            cache.value()->upsertBars("SPX-2019", slice, {"S&P 500 (2019)", "USD", "sample"}));
    }

    CliResult run(QStringList args) {
        args.prepend(QString::fromStdString(db.string()));
        args.prepend(QStringLiteral("--db"));
        args.prepend(QStringLiteral("retest"));
        CliResult r;
        QTextStream out(&r.out);
        QTextStream err(&r.err);
        r.code = cli::run(cli::parseInvocation(args), out, err);
        out.flush();
        err.flush();
        return r;
    }
    QString path(const char* name) const { return QString::fromStdString(tmp.file(name).string()); }

    test::TempDir tmp;
    std::filesystem::path db = tmp.file("cache.sqlite");
};

TEST_F(ExportCli, ScaleThemeAndSvg) {
    CliResult r = run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                       path("a.png"), QStringLiteral("--size"), QStringLiteral("800x450"),
                       QStringLiteral("--scale"), QStringLiteral("2"), QStringLiteral("--theme"),
                       QStringLiteral("dark")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    const QImage img(path("a.png"));
    EXPECT_EQ(img.size(), QSize(1600, 900));
    EXPECT_LT(QColor(img.pixel(4, 4)).lightness(), 50);

    r = run({QStringLiteral("export"), QStringLiteral("^gspc"), QStringLiteral("--out"),
             path("a.svg"), QStringLiteral("--title"), QStringLiteral("My S&P view")});
    ASSERT_EQ(r.code, 0) << r.err.toStdString();
    QFile svg(path("a.svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    const QByteArray xml = svg.readAll();
    EXPECT_TRUE(xml.startsWith("<?xml"));
    EXPECT_TRUE(xml.contains("My S&amp;P view"));
    EXPECT_TRUE(xml.contains("Data: sample"));

    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                   path("b.png"), QStringLiteral("--scale"), QStringLiteral("9")})
                  .code,
              2);
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                   path("b.png"), QStringLiteral("--theme"), QStringLiteral("pink")})
                  .code,
              2);
    const CliResult help = run({QStringLiteral("export"), QStringLiteral("--help")});
    for (const char* opt : {"--scale", "--theme", "--no-levels", "--no-annotations", "--title",
                            "--watchlist", "--out-dir", "--format", ".svg"}) {
        EXPECT_TRUE(help.out.contains(QString::fromLatin1(opt))) << opt;
    }
}

// --to alone ends the range there: the year before it (or --range), not all the history.
TEST_F(ExportCli, ToWithoutFromShowsTheRangeEndingThatDay) {
    const auto titleOf = [&](const QStringList& range) {
        const CliResult r = run(QStringList{QStringLiteral("export"), QStringLiteral("^GSPC"),
                                            QStringLiteral("--out"), path("to.svg"),
                                            QStringLiteral("--to"), QStringLiteral("2014-10-20")} +
                                range);
        EXPECT_EQ(r.code, 0) << r.err.toStdString();
        QFile svg(path("to.svg"));
        EXPECT_TRUE(svg.open(QIODevice::ReadOnly));
        return QString::fromUtf8(svg.readAll());
    };
    EXPECT_TRUE(titleOf({}).contains(QStringLiteral("Daily · 2013-10-21 – 2014-10-20")));
    EXPECT_TRUE(titleOf({QStringLiteral("--range"), QStringLiteral("3M")})
                    .contains(QStringLiteral("Daily · 2014-07-21 – 2014-10-20")));
    EXPECT_TRUE(titleOf({QStringLiteral("--from"), QStringLiteral("2014-01-02")})
                    .contains(QStringLiteral("Daily · 2014-01-02 – 2014-10-20")));
}

TEST_F(ExportCli, StoredDrawingsAppearUnlessNoAnnotations) {
    {
        auto cache = PriceCache::open(db);
        Annotation line = makeHorizontalLine(3000, "3000");
        line.symbol = "^GSPC";
        line.style.color = 0xFFFF00FF;
        line.style.width = 3;
        ASSERT_TRUE(cache.value()->annotationStore().add(line));
    }
    const QStringList common{QStringLiteral("--size"), QStringLiteral("900x500"),
                             QStringLiteral("--from"), QStringLiteral("2019-04-17"),
                             QStringLiteral("--to"),   QStringLiteral("2020-04-17")};
    ASSERT_EQ(run(QStringList{QStringLiteral("export"), QStringLiteral("^GSPC"),
                              QStringLiteral("--out"), path("with.png")} +
                  common)
                  .code,
              0);
    ASSERT_EQ(
        run(QStringList{QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                        path("without.png"), QStringLiteral("--no-annotations")} +
            common)
            .code,
        0);
    const auto magenta = [](const QImage& img) {
        int n = 0;
        for (int y = 0; y < img.height(); ++y) {
            for (int x = 0; x < img.width(); ++x) {
                const QRgb p = img.pixel(x, y);
                n += qRed(p) > 200 && qBlue(p) > 200 && qGreen(p) < 80;
            }
        }
        return n;
    };
    EXPECT_GT(magenta(QImage(path("with.png"))), 500);
    EXPECT_EQ(magenta(QImage(path("without.png"))), 0);
}

TEST_F(ExportCli, WatchlistBatchWritesCachedSymbolsAndReportsTheRest) {
    // The folder (and its parent) does not exist yet: created like `mkdir -p`.
    const QString dir = path("exports/today");
    ASSERT_FALSE(QDir(dir).exists());
    const CliResult r =
        run({QStringLiteral("export"), QStringLiteral("--watchlist"), QStringLiteral("--out-dir"),
             dir, QStringLiteral("--format"), QStringLiteral("jpg"), QStringLiteral("--size"),
             QStringLiteral("600x400")});
    // Some written, the rest only lacking data: success, as `scan` in the same situation.
    EXPECT_EQ(r.code, 0) << r.err.toStdString();
    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    files.sort();
    EXPECT_EQ(files, (QStringList{QStringLiteral("GSPC.jpg"), QStringLiteral("SPX-2019.jpg")}));
    EXPECT_EQ(QImage(dir + QStringLiteral("/GSPC.jpg")).size(), QSize(600, 400));
    for (std::string_view s : kDefaultWatchlist) {
        if (s != "^GSPC") {
            EXPECT_TRUE(r.err.contains(QString::fromLatin1(s.data(), qsizetype(s.size())) +
                                       QStringLiteral(": skipped")))
                << s;
        }
    }
    EXPECT_TRUE(r.err.contains(QStringLiteral("2 written, 9 skipped (no data), 0 failed")))
        << r.err.toStdString();
    // A file where the folder should be is refused, and nothing is written.
    QFile blocker(path("not-a-dir"));
    ASSERT_TRUE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const CliResult blocked = run({QStringLiteral("export"), QStringLiteral("--watchlist"),
                                   QStringLiteral("--out-dir"), path("not-a-dir")});
    EXPECT_EQ(blocked.code, 1);
    EXPECT_TRUE(blocked.err.contains(QStringLiteral("not a folder"))) << blocked.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("--watchlist")}).code, 2);
    EXPECT_EQ(
        run({QStringLiteral("export"), QStringLiteral("--watchlist"), QStringLiteral("--out-dir"),
             dir, QStringLiteral("--format"), QStringLiteral("gif")})
            .code,
        2);
}

TEST_F(ExportCli, AHugeImageIsRefusedWithExit2BeforeRendering) {
    QElapsedTimer timer;
    timer.start();
    const CliResult r =
        run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
             path("huge.png"), QStringLiteral("--size"), QStringLiteral("10000x10000"),
             QStringLiteral("--scale"), QStringLiteral("4")});
    EXPECT_EQ(r.code, 2);
    EXPECT_LT(timer.elapsed(), 3000);  // refused up front (rendering it took 77 s and 7 GB)
    EXPECT_TRUE(r.err.contains(QStringLiteral("1600.0 million pixels"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("the limit is 40 million"))) << r.err.toStdString();
    EXPECT_FALSE(QFile::exists(path("huge.png")));
    // The same with --watchlist, and a scale that is not a number.
    EXPECT_EQ(
        run({QStringLiteral("export"), QStringLiteral("--watchlist"), QStringLiteral("--out-dir"),
             path("batch"), QStringLiteral("--size"), QStringLiteral("8000x6000")})
            .code,
        2);
    EXPECT_FALSE(QDir(path("batch")).exists());
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
                   path("nan.png"), QStringLiteral("--scale"), QStringLiteral("nan")})
                  .code,
              2);
    // The limit is in --help.
    const CliResult help = run({QStringLiteral("export"), QStringLiteral("--help")});
    EXPECT_TRUE(help.out.contains(QStringLiteral("at most 40 million pixels")))
        << help.out.toStdString();
    // PDF and SVG ignore the scale, so 3000x2000 at scale 4 is fine for them.
    const CliResult svg =
        run({QStringLiteral("export"), QStringLiteral("^GSPC"), QStringLiteral("--out"),
             path("wide.svg"), QStringLiteral("--size"), QStringLiteral("3000x2000"),
             QStringLiteral("--scale"), QStringLiteral("4")});
    EXPECT_EQ(svg.code, 0) << svg.err.toStdString();
}

TEST_F(ExportCli, TheLegendNamesDrawingsOnlyWhenSomeAreInView) {
    {
        auto cache = PriceCache::open(db);
        ASSERT_TRUE(cache);
        // A line far above every price of the last year: stored, but not in the picture.
        Annotation far = makeHorizontalLine(9000);
        far.symbol = "^GSPC";
        ASSERT_TRUE(cache.value()->annotationStore().add(far));
    }
    const QStringList common{QStringLiteral("export"), QStringLiteral("^GSPC"),
                             QStringLiteral("--out")};
    ASSERT_EQ(run(common + QStringList{path("none.svg")}).code, 0);
    QFile none(path("none.svg"));
    ASSERT_TRUE(none.open(QIODevice::ReadOnly));
    EXPECT_FALSE(QString::fromUtf8(none.readAll()).contains(QStringLiteral("Drawings")));
    {
        auto cache = PriceCache::open(db);
        ASSERT_TRUE(cache);
        Annotation near = makeHorizontalLine(2900);
        near.symbol = "^GSPC";
        ASSERT_TRUE(cache.value()->annotationStore().add(near));
    }
    ASSERT_EQ(run(common + QStringList{path("some.svg")}).code, 0);
    QFile some(path("some.svg"));
    ASSERT_TRUE(some.open(QIODevice::ReadOnly));
    EXPECT_TRUE(QString::fromUtf8(some.readAll()).contains(QStringLiteral("Drawings")));
}

}  // namespace
}  // namespace retest
