// What the cheaper repaint must not change for the user: the window shows exactly what the
// chart's layers draw (opaque bottom buffer, recorded crosshair buffer, in either theme), the
// volume bars fill the very pixels QCPBars fills, and the session axis' kept ticks follow the
// range, the axis width and the bars.
#include <gtest/gtest.h>

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <cstdlib>
#include <vector>

#include "tests/support/test_paths.h"
#include "ui/chart/chart_plot.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/compare_layer.h"
#include "ui/chart/qcp.h"
#include "ui/chart/session_ticker.h"

namespace retest::ui {
namespace {

/// Pixels where `a` and `b` (same size) differ by more than `tolerance` in a channel.
int differingPixels(const QImage& a, const QImage& b, int tolerance) {
    EXPECT_EQ(a.size(), b.size());
    int count = 0;
    for (int y = 0; y < std::min(a.height(), b.height()); ++y) {
        for (int x = 0; x < std::min(a.width(), b.width()); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            count += std::abs(qRed(p) - qRed(q)) > tolerance ||
                     std::abs(qGreen(p) - qGreen(q)) > tolerance ||
                     std::abs(qBlue(p) - qBlue(q)) > tolerance;
        }
    }
    return count;
}

/// Colour steps that blending into a transparent buffer first may round differently.
constexpr int kRounding = 3;

/// The sample at 1Y in a shown 1200x700 chart, with the crosshair on a bar of the price pane.
struct Hovered {
    ChartView view;
    Hovered() {
        // Exports draw tick labels directly, the screen from cached label pixmaps (a shade
        // apart on glyph edges): here both draw them directly, so every pixel must agree.
        view.plot()->setPlottingHint(QCP::phCacheLabels, false);
        view.resize(1200, 700);
        view.show();
        QApplication::processEvents();
        view.setBars(test::sampleBars(), Timeframe::Daily);
        view.applyRangePreset(RangePreset::OneYear);
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const QPointF pos(view.timeAxis()->coordToPixel(view.visibleBarRange().first + 60),
                          view.priceRect()->center().y());
        QMouseEvent move(QEvent::MouseMove, pos, view.plot()->mapToGlobal(pos), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(view.plot(), &move);
    }
    /// What the window shows (the widget painting its buffers).
    QImage screen() { return view.plot()->grab().toImage().convertToFormat(QImage::Format_RGB32); }
    /// Every layer drawn straight onto one image, no buffers (as exports draw).
    QImage direct() {
        return view.plot()
            ->toPixmap(view.plot()->width(), view.plot()->height())
            .toImage()
            .convertToFormat(QImage::Format_RGB32);
    }
};

TEST(ChartPlot, WindowShowsWhatTheLayersDrawCrosshairIncluded) {
    Hovered h;
    ASSERT_GE(h.view.hoveredBar(), 0);
    const QImage screen = h.screen();
    EXPECT_EQ(differingPixels(screen, h.direct(), kRounding), 0);
    // The crosshair (dashed lines, price and date tags) is really on screen...
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(h.view.plot(), &leave);
    ASSERT_EQ(h.view.hoveredBar(), -1);
    EXPECT_GT(differingPixels(screen, h.screen(), 48), 400);
    // ...and the bottom buffer is the chart's own background where nothing is drawn.
    EXPECT_EQ(screen.pixel(h.view.priceRect()->left() + 3, h.view.priceRect()->bottom() - 3),
              h.view.theme().background.rgb());
}

TEST(ChartPlot, AThemeChangeRepaintsTheWholeBackground) {
    Hovered h;
    h.view.setTheme(ChartTheme::dark());
    h.view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QImage screen = h.screen();
    EXPECT_EQ(differingPixels(screen, h.direct(), kRounding), 0);
    const QRgb dark = ChartTheme::dark().background.rgb();
    EXPECT_EQ(screen.pixel(2, 2), dark);  // the margin outside the panes too
    EXPECT_EQ(screen.pixel(h.view.priceRect()->left() + 3, h.view.priceRect()->bottom() - 3), dark);
}

TEST(ChartPlot, CompareLegendOnTheCrosshairLayerIsOnScreen) {
    Hovered h;
    CompareLayer compare(h.view, QStringLiteral("^GSPC"));
    const std::vector<Bar> half = test::scaledSampleBars(0.5);
    const QImage before = h.screen();
    ASSERT_TRUE(compare.add({QStringLiteral("HALF"), half}));
    h.view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    // The legend entry's box, found by asking the legend what is under each pixel. (Only the
    // box is compared: an antialiased line of the main layer is drawn a shade differently by
    // QCustomPlot on screen and in exports, buffers or not.)
    QRect box;
    const QRect price = h.view.priceRect()->rect();
    for (int y = price.top(); y < price.top() + 120; ++y) {
        for (int x = price.center().x(); x < price.right(); ++x) {
            if (compare.legendHit(QPoint(x, y)) == QStringLiteral("HALF")) {
                box |= QRect(x, y, 1, 1);
            }
        }
    }
    ASSERT_GT(box.width(), 30);
    const QImage screen = h.screen().copy(box);
    EXPECT_EQ(differingPixels(screen, h.direct().copy(box), kRounding), 0);
    EXPECT_GT(differingPixels(screen, before.copy(box), 48), 40);  // the legend text is there
}

/// Renders `bars` (after giving them the volume pane's look) alone on a 420x320 plot.
QImage renderBars(QCustomPlot& plot, QCPBars* bars) {
    QVector<QCPBarsData> data;
    // Heights in pixels from 1 to over 200, edges off the pixel grid: strips of 64 rows must
    // tile every one of them exactly.
    const double values[] = {0.4, 3.7, 61.3, 64.0, 95.6, 96.2, 128.5, 150.25, 199.9, 240.6};
    for (int i = 0; i < 10; ++i) {
        data.append(QCPBarsData(i, values[i]));
    }
    bars->data()->set(data, true);
    bars->setWidthType(QCPBars::wtPlotCoords);
    bars->setWidth(0.72);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(0x12, 0x93, 0x6f, 90));
    bars->setAntialiased(false);
    plot.xAxis->setRange(-0.6, 9.6);
    plot.yAxis->setRange(0, 250.3);
    plot.xAxis->grid()->setVisible(true);  // the bars are translucent: grid lines show through
    return plot.toPixmap(420, 320).toImage().convertToFormat(QImage::Format_RGB32);
}

TEST(VolumeBars, FillExactlyThePixelsQCPBarsFills) {
    QCustomPlot plot;
    const QImage empty = plot.toPixmap(420, 320).toImage().convertToFormat(QImage::Format_RGB32);
    auto* stock = new QCPBars(plot.xAxis, plot.yAxis);
    const QImage expected = renderBars(plot, stock);
    const double tallest =
        std::abs(stock->valueAxis()->coordToPixel(240.6) - stock->valueAxis()->coordToPixel(0));
    ASSERT_GT(tallest, 200);  // several strips
    plot.removePlottable(stock);
    const QImage drawn = renderBars(plot, new VolumeBars(plot.xAxis, plot.yAxis));
    EXPECT_GT(differingPixels(expected, empty, 0), 3000);  // the bars are there
    EXPECT_EQ(differingPixels(drawn, expected, 0), 0);
}

/// Labels a fresh SessionTicker (nothing kept) gives `axis` for its range now.
QVector<QString> freshLabels(QCPAxis* axis, const std::vector<Day>& days) {
    SessionTicker fresh(axis);
    fresh.setDays(days);
    QVector<double> ticks;
    QVector<QString> labels;
    fresh.generate(axis->range(), QLocale::c(), QLatin1Char('g'), 2, ticks, nullptr, &labels);
    return labels;
}

TEST(SessionTicker, KeptTicksFollowTheRangeTheWidthAndTheBars) {
    QCustomPlot plot;
    plot.setViewport(QRect(0, 0, 1200, 400));
    auto ticker = QSharedPointer<SessionTicker>::create(plot.xAxis);
    plot.xAxis->setTicker(ticker);
    std::vector<Day> days;
    for (const Bar& b : test::sampleBars()) {
        days.push_back(b.day);
    }
    ticker->setDays(days);
    const double n = static_cast<double>(days.size());
    const auto shown = [&] {
        plot.replot();  // lays out and makes the labels (twice: the second from what is kept)
        plot.replot();
        return plot.xAxis->tickVectorLabels();
    };

    plot.xAxis->setRange(n - 260.5, n - 0.5);
    const auto year = shown();
    EXPECT_EQ(year, freshLabels(plot.xAxis, days));
    plot.xAxis->setRange(n - 1300.5, n - 0.5);
    const auto fiveYears = shown();
    EXPECT_NE(fiveYears, year);
    EXPECT_EQ(fiveYears, freshLabels(plot.xAxis, days));

    plot.setViewport(QRect(0, 0, 300, 400));  // narrower: fewer labels fit
    const auto narrow = shown();
    EXPECT_LT(narrow.size(), fiveYears.size());
    EXPECT_EQ(narrow, freshLabels(plot.xAxis, days));

    std::vector<Day> later = days;  // the same sessions, a year on
    for (Day& d : later) {
        d += 364;
    }
    ticker->setDays(later);
    const auto moved = shown();
    EXPECT_NE(moved, narrow);
    EXPECT_EQ(moved, freshLabels(plot.xAxis, later));
}

}  // namespace
}  // namespace retest::ui
