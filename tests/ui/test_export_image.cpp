// Chart export formats and looks: PNG/JPEG decode, PDF header, SVG is XML carrying the title
// and a drawing's label, a drawing changes the pixels at its price, scale doubles the pixels,
// the dark theme is dark, the decorations do not disturb the on-screen layout.
#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QXmlStreamReader>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_types.h"
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

// A horizontal line in the drawings' default blue, labelled, on both themes: the line keeps
// the user's colour, and its label reads at a text contrast (4.5:1) on the dark background as on
// the light one (the blue itself is 3.7:1 on the dark theme's background).
TEST(ExportImage, ADrawingsLabelIsReadableOnBothThemes) {
    for (const ChartTheme& theme : {ChartTheme::light(), ChartTheme::dark()}) {
        Fixture f(1000, 560);
        f.view.setTheme(theme);
        ImageOptions o = options(1000, 560);
        o.decorated = false;  // the screen's layout: the axis maps prices to these rows
        const QImage before = f.view.renderImage(o).convertToFormat(QImage::Format_RGB32);
        AnnotationLayer layer(f.view);
        Annotation line = makeHorizontalLine(3000, "Stop under 3,000");
        line.id = 1;
        layer.setAnnotations({line});
        const QImage image = f.view.renderImage(o).convertToFormat(QImage::Format_RGB32);
        ASSERT_EQ(image.size(), before.size());
        const int row = qRound(f.view.priceAxis()->coordToPixel(3000));
        const QRect pane = f.view.priceRect()->rect();
        const QColor blue = QColor::fromRgba(line.style.color);
        EXPECT_EQ(image.pixelColor(pane.center().x(), row), blue);
        // The label: right-aligned at the line's end, just above it; its pixels are those the
        // drawing changed there (candles pass behind it).
        double best = 1;
        int changed = 0;
        for (int y = row - 22; y <= row - 3; ++y) {
            for (int x = pane.right() - 160; x <= pane.right() - 4; ++x) {
                if (image.pixel(x, y) != before.pixel(x, y)) {
                    ++changed;
                    best = std::max(best, contrastRatio(image.pixelColor(x, y), theme.background));
                }
            }
        }
        EXPECT_GT(changed, 100);
        EXPECT_GE(best, 4.5) << theme.background.name().toStdString();
    }
    EXPECT_LT(contrastRatio(QColor(0x29, 0x62, 0xff), ChartTheme::dark().background), 4.5);
    EXPECT_EQ(readableOn(QColor(0x29, 0x62, 0xff), Qt::white), QColor(0x29, 0x62, 0xff));
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

/// Pixels of `image` within `area` that are close to `color` (each channel within `tolerance`).
int pixelsNear(const QImage& image, const QRect& area, QColor color, int tolerance = 40) {
    int n = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor p = image.pixelColor(x, y);
            n += std::abs(p.red() - color.red()) <= tolerance &&
                 std::abs(p.green() - color.green()) <= tolerance &&
                 std::abs(p.blue() - color.blue()) <= tolerance;
        }
    }
    return n;
}

TEST(ExportImage, SvgIsClippedToThePanesLikePngAndPdf) {
    Fixture f(1000, 600);
    // A magenta zone just below every visible price: PNG and PDF clip it away entirely; an
    // unclipped SVG painted it across the volume pane.
    AnnotationLayer layer(f.view);
    const QCPRange visible = f.view.priceAxis()->range();
    Annotation zone = makeZone(visible.lower - 0.25 * visible.size(),
                               visible.lower - 0.03 * visible.size(), "just below");
    zone.id = 3;
    zone.style.color = 0xFFFF00FF;
    layer.setAnnotations({zone});
    ImageOptions o = options(1000, 600);
    o.decorated = false;  // the screen's layout, so the pane rectangles below apply
    ASSERT_TRUE(f.view.exportImage(f.file("c.png"), o));
    ASSERT_TRUE(f.view.exportImage(f.file("c.svg"), o));
    const QImage png = QImage(f.file("c.png")).convertToFormat(QImage::Format_RGB32);
    QSvgRenderer renderer(f.file("c.svg"));
    ASSERT_TRUE(renderer.isValid());
    QImage svg(png.size(), QImage::Format_RGB32);
    svg.fill(Qt::white);
    {
        QPainter painter(&svg);
        renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(png.size())));
    }
    const QRect price = f.view.priceRect()->rect();
    const QRect volume = f.view.volumeRect()->rect();
    const QColor magenta(0xff, 0x00, 0xff);
    EXPECT_EQ(pixelsNear(png, png.rect(), magenta, 60), 0);
    EXPECT_EQ(pixelsNear(svg, svg.rect(), magenta, 60), 0) << "the zone spilled out of its pane";

    // Candles only inside the price pane: nothing candle-coloured in the left margin.
    const ChartTheme t = f.view.theme();
    const QRect margin(0, price.top(), price.left() - 1, price.height());
    for (const QColor& c : {t.up, t.down}) {
        EXPECT_EQ(pixelsNear(png, margin, c, 30), 0);
        EXPECT_EQ(pixelsNear(svg, margin, c, 30), 0) << "a candle was drawn outside the plot";
    }
    // And the two pictures agree where it matters: the panes look the same (a tolerant
    // comparison: antialiasing and text rendering differ a little).
    for (const QRect& pane : {price, volume}) {
        double diff = 0;
        for (int y = pane.top(); y <= pane.bottom(); ++y) {
            for (int x = pane.left(); x <= pane.right(); ++x) {
                const QColor a = png.pixelColor(x, y);
                const QColor b = svg.pixelColor(x, y);
                diff += std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                        std::abs(a.blue() - b.blue());
            }
        }
        EXPECT_LT(diff / (3.0 * pane.width() * pane.height()), 6.0);
    }
}

TEST(ExportImage, AHugeExportIsRefusedBeforeRendering) {
    Fixture f;
    QString error;
    QElapsedTimer timer;
    timer.start();
    EXPECT_FALSE(f.view.exportImage(f.file("huge.png"), options(10000, 10000, 4), &error));
    EXPECT_LT(timer.elapsed(), 2000);  // refused, not rendered (that took 77 s and 7 GB)
    EXPECT_TRUE(error.contains(QStringLiteral("limit is 40 million"))) << error.toStdString();
    EXPECT_FALSE(f.view.exportImage(f.file("huge.svg"), options(9000, 9000), &error));
    EXPECT_TRUE(f.view.renderImage(options(8000, 8000)).isNull());
    EXPECT_TRUE(QDir(f.file("")).entryList(QDir::Files | QDir::Hidden).isEmpty());
    // For vectors the scale does not count: 2400x1800 at 4 is refused as PNG, fine as SVG.
    EXPECT_FALSE(f.view.exportImage(f.file("big.png"), options(2400, 1800, 4), &error));
    EXPECT_TRUE(f.view.exportImage(f.file("big.svg"), options(2400, 1800, 4), &error))
        << error.toStdString();
}

TEST(ExportImage, OnlyDrawingsInViewCountForTheLegend) {
    Fixture f;
    AnnotationLayer layer(f.view);
    EXPECT_EQ(layer.countInView(), 0);
    Annotation above = makeHorizontalLine(9000);  // far above the 2019-2020 prices
    above.id = 1;
    Annotation before = makeDateMarker(*parseIsoDate("2005-03-01"));  // years before the view
    before.id = 2;
    Annotation trend = makeTwoPoint(AnnotationKind::TrendLine, {*parseIsoDate("2001-01-02"), 1300},
                                    {*parseIsoDate("2002-01-02"), 1100});
    trend.id = 3;
    layer.setAnnotations({above, before, trend});
    EXPECT_EQ(layer.countInView(), 0);
    // A trend line that runs on to the right edge reaches into the view.
    Annotation extended = trend;
    extended.id = 4;
    extended.points = {{*parseIsoDate("2018-01-02"), 2500}, {*parseIsoDate("2018-06-01"), 2600}};
    extended.style.extendRight = true;
    Annotation inside = makeHorizontalLine(3000);
    inside.id = 5;
    layer.setAnnotations({above, before, trend, extended, inside});
    EXPECT_EQ(layer.countInView(), 2);
    layer.setVisible(false);
    EXPECT_EQ(layer.countInView(), 0);
}

TEST(ExportImage, AHorizontalLineGetsItsPriceTagOnTheAxis) {
    Fixture f(1000, 560);
    AnnotationLayer layer(f.view);
    Annotation line = makeHorizontalLine(3000);
    line.id = 9;
    line.style.color = 0xFFFF00FF;
    layer.setAnnotations({line});
    ImageOptions o = options(1000, 560);
    o.decorated = false;
    const QImage image = f.view.renderImage(o).convertToFormat(QImage::Format_RGB32);
    const QRect pane = f.view.priceRect()->rect();
    const auto y = f.view.axisTagY(&layer, 0);
    ASSERT_TRUE(y.has_value());
    EXPECT_NEAR(*y, f.view.priceAxis()->coordToPixel(3000), 1.0);  // nothing else to avoid
    // A magenta box right of the pane, on the line's row, with the price in it.
    const QRect axis(pane.right() + 1, qRound(*y) - 6, 40, 12);
    EXPECT_GT(pixelsNear(image, axis, QColor(0xff, 0x00, 0xff), 40), 150);
    // No price tick label is drawn under the tag.
    const QCPAxis* a = f.view.priceAxis();
    const auto ticks = a->tickVector();
    const auto labels = a->tickVectorLabels();
    const double half =
        (ChartView::axisTagHeight() + QFontMetrics(a->tickLabelFont()).height()) / 2.0;
    for (int i = 0; i < ticks.size(); ++i) {
        if (!labels[i].isEmpty()) {
            EXPECT_GE(std::fabs(a->coordToPixel(ticks[i]) - *y), half - 1)
                << labels[i].toStdString();
        }
    }
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
