// Chart export formats and looks: PNG/JPEG decode, PDF header, SVG is XML carrying the title
// and a drawing's label, a drawing changes the pixels at its price, scale doubles the pixels,
// the dark theme is dark, the decorations do not disturb the on-screen layout.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QXmlStreamReader>
#include <fstream>
#include <sstream>

#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"

namespace retest::ui {
namespace {

using test::sampleBars;

struct Fixture {
    ChartView view;
    test::TempDir dir;
    explicit Fixture(int w = 1200, int h = 675) {
        view.resize(w, h);
        view.plot()->setViewport(QRect(0, 0, w, h));
        view.setBars(sampleBars(), Timeframe::Daily);
        view.setDateRange(*parseIsoDate("2019-04-17"), *parseIsoDate("2020-04-17"));
        view.setTitle(QStringLiteral("^GSPC · S&P 500 · Daily · 2019-04-17 – 2020-04-17"));
    }
    QString file(const char* name) const { return QString::fromStdString(dir.file(name).string()); }
};

ImageOptions options(int w, int h, double scale = 1.0) {
    ImageOptions o;
    o.width = w;
    o.height = h;
    o.scale = scale;
    o.footer = QStringLiteral("Data: sample · as of 2020-04-17");
    o.legendLevels = true;
    o.legendAnnotations = true;
    return o;
}

TEST(ExportImage, EveryFormatIsValid) {
    Fixture f;
    AnnotationLayer layer(f.view);
    Annotation line = makeHorizontalLine(3000, "Round number 3000");
    line.id = 1;
    layer.setAnnotations({line});
    QString error;
    for (const char* name : {"c.png", "c.jpg", "c.pdf", "c.svg"}) {
        ASSERT_TRUE(f.view.exportImage(f.file(name), options(1200, 675), &error))
            << name << ": " << error.toStdString();
    }
    EXPECT_EQ(QImage(f.file("c.png")).size(), QSize(1200, 675));
    EXPECT_EQ(QImage(f.file("c.jpg")).size(), QSize(1200, 675));
    EXPECT_EQ(test::readFile(f.dir.file("c.pdf")).substr(0, 5), "%PDF-");

    QFile svg(f.file("c.svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    const QByteArray xml = svg.readAll();
    QXmlStreamReader reader(xml);
    int elements = 0;
    while (!reader.atEnd()) {
        elements += reader.readNext() == QXmlStreamReader::StartElement;
    }
    EXPECT_FALSE(reader.hasError()) << reader.errorString().toStdString();
    EXPECT_GT(elements, 100);
    const QString text = QString::fromUtf8(xml);
    EXPECT_TRUE(text.contains(QStringLiteral("S&amp;P 500"))) << "title missing";
    EXPECT_TRUE(text.contains(QStringLiteral("Round number 3000"))) << "annotation label missing";
    EXPECT_TRUE(text.contains(QStringLiteral("Data: sample"))) << "footer missing";
    EXPECT_TRUE(text.contains(QStringLiteral("Resistance"))) << "legend missing";
    // Only the four images: no temporary file left behind.
    EXPECT_EQ(QDir(f.file("")).entryList(QDir::Files | QDir::Hidden).size(), 4);
}

TEST(ExportImage, AHorizontalLineChangesThePixelsAtItsPrice) {
    Fixture f(1000, 560);
    ImageOptions o = options(1000, 560);
    o.decorated = false;  // same layout as the screen, so the axis maps prices to these rows
    const QImage before = f.view.renderImage(o);
    AnnotationLayer layer(f.view);
    Annotation line = makeHorizontalLine(3000);
    line.id = 7;
    line.style.color = 0xFFFF00FF;  // magenta: found nowhere else on the chart
    line.style.width = 2;
    layer.setAnnotations({line});
    const QImage after = f.view.renderImage(o);
    ASSERT_EQ(before.size(), after.size());
    const int row = qRound(f.view.priceAxis()->coordToPixel(3000));
    const QRect pane = f.view.priceRect()->rect();
    int magentaOnRow = 0;
    int changedElsewhere = 0;
    for (int y = pane.top(); y <= pane.bottom(); ++y) {
        for (int x = pane.left(); x <= pane.right(); ++x) {
            const bool changed = before.pixel(x, y) != after.pixel(x, y);
            if (std::abs(y - row) <= 2) {
                magentaOnRow += qRed(after.pixel(x, y)) > 200 && qBlue(after.pixel(x, y)) > 200 &&
                                qGreen(after.pixel(x, y)) < 80;
            } else {
                changedElsewhere += changed;
            }
        }
    }
    EXPECT_GT(magentaOnRow, pane.width() * 9 / 10);
    EXPECT_EQ(changedElsewhere, 0);
}

TEST(ExportImage, ScaleTwoDoublesThePixelsAndVectorFormatsIgnoreIt) {
    Fixture f;
    QString error;
    ASSERT_TRUE(f.view.exportImage(f.file("x2.png"), options(800, 450, 2.0), &error))
        << error.toStdString();
    EXPECT_EQ(QImage(f.file("x2.png")).size(), QSize(1600, 900));
    ASSERT_TRUE(f.view.exportImage(f.file("x3.jpg"), options(600, 400, 3.0), &error));
    EXPECT_EQ(QImage(f.file("x3.jpg")).size(), QSize(1800, 1200));
    ASSERT_TRUE(f.view.exportImage(f.file("x2.svg"), options(800, 450, 2.0), &error));
    QFile svg(f.file("x2.svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    EXPECT_TRUE(svg.readAll().contains("viewBox=\"0 0 800 450\""));
}

TEST(ExportImage, DarkThemeBackgroundIsDarkAndLightIsLight) {
    Fixture f;
    const QImage light = f.view.renderImage(options(800, 450));
    f.view.setTheme(ChartTheme::dark());
    const QImage dark = f.view.renderImage(options(800, 450));
    ASSERT_FALSE(dark.isNull());
    for (const QPoint p : {QPoint(3, 3), QPoint(400, 440), QPoint(796, 200)}) {
        EXPECT_LT(QColor(dark.pixel(p)).lightness(), 50) << p.x() << "," << p.y();
        EXPECT_GT(QColor(light.pixel(p)).lightness(), 240) << p.x() << "," << p.y();
    }
}

TEST(ExportImage, DecorationsTakeRoomOnlyDuringTheExport) {
    Fixture f;
    f.view.plot()->replot();
    const QRect pane = f.view.priceRect()->rect();
    ImageOptions plain = options(1200, 675);
    plain.decorated = false;
    const QImage bare = f.view.renderImage(plain);
    const QImage decorated = f.view.renderImage(options(1200, 675));
    f.view.plot()->replot();
    EXPECT_EQ(f.view.priceRect()->rect(), pane);
    EXPECT_EQ(f.view.plot()->plotLayout()->rowCount(), 3);
    // The footer strip is drawn in the bottom rows only when decorated.
    int footerInk = 0;
    for (int y = 650; y < 675; ++y) {
        for (int x = 0; x < 400; ++x) {
            footerInk += decorated.pixel(x, y) != bare.pixel(x, y);
        }
    }
    EXPECT_GT(footerInk, 50);
    EXPECT_TRUE(f.view.lastPriceText().startsWith(QStringLiteral("2874.56  +")))
        << f.view.lastPriceText().toStdString();
}

TEST(ExportImage, BadOptionsAndFoldersFailWithoutAFile) {
    Fixture f;
    QString error;
    EXPECT_FALSE(f.view.exportImage(f.file("a.bmp"), options(800, 450), &error));
    EXPECT_TRUE(error.contains(QStringLiteral(".bmp")));
    EXPECT_FALSE(f.view.exportImage(f.file("a.png"), options(10, 10), &error));
    EXPECT_FALSE(f.view.exportImage(f.file("no/such/dir/a.png"), options(800, 450), &error));
    EXPECT_TRUE(f.view.renderImage(options(10, 10)).isNull());
    EXPECT_TRUE(QDir(f.file("")).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

}  // namespace
}  // namespace retest::ui
