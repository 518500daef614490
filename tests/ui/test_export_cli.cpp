// `retest export` end to end, in process: options (--scale, --theme, --no-annotations, SVG),
// drawings stored in the cache appear in the image, and --watchlist batch export writes one
// file per cached symbol and reports the watchlist symbols that have no data.
#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTextStream>
#include <fstream>
#include <sstream>

#include "app/cli/cli.h"
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
        const auto bars = sampleBars();
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

TEST_F(ExportCli, StoredDrawingsAppearUnlessNoAnnotations) {
    {
        auto cache = PriceCache::open(db);
        Annotation line = makeHorizontalLine(3000, "3000");
        line.symbol = "^GSPC";
        line.style.color = 0xFFFF00FF;
        line.style.width = 3;
        ASSERT_TRUE(cache.value()->addAnnotation(line));
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
    const QString dir = path("out");
    ASSERT_TRUE(QDir().mkpath(dir));
    const CliResult r =
        run({QStringLiteral("export"), QStringLiteral("--watchlist"), QStringLiteral("--out-dir"),
             dir, QStringLiteral("--format"), QStringLiteral("jpg"), QStringLiteral("--size"),
             QStringLiteral("600x400")});
    EXPECT_EQ(r.code, 1);  // watchlist symbols without data count as failures
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
    EXPECT_TRUE(r.err.contains(QStringLiteral("2 written, 9 skipped or failed")))
        << r.err.toStdString();
    EXPECT_EQ(run({QStringLiteral("export"), QStringLiteral("--watchlist")}).code, 2);
    EXPECT_EQ(
        run({QStringLiteral("export"), QStringLiteral("--watchlist"), QStringLiteral("--out-dir"),
             dir, QStringLiteral("--format"), QStringLiteral("gif")})
            .code,
        2);
}

}  // namespace
}  // namespace retest
