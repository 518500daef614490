// ChartView rendered headless: exported pixels really show the candles, export formats and
// sizes, range presets on the real sample, y auto-fit, log scale, zoom limits, crosshair.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <fstream>
#include <span>
#include <sstream>

#include "core/analytics/resample.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"
#include "ui/chart/session_ticker.h"

namespace retest::ui {
namespace {

Day iso(const char* text) {
    return *parseIsoDate(text);
}

using test::sampleBars;

/// 60 sessions rising 2 points a day; even bars close up (+5 over open), odd bars close down.
std::vector<Bar> zigzagBars() {
    std::vector<Bar> bars;
    Day day = iso("2021-01-04");
    for (int i = 0; i < 60; ++i) {
        const double base = 100 + 2.0 * i;
        const bool up = i % 2 == 0;
        const double open = up ? base : base + 5;
        const double close = up ? base + 5 : base;
        bars.push_back({day, open, base + 6, base - 1, close, close, 1e6 * (1 + i % 3)});
        day += weekdayOf(day) == 4 ? 3 : 1;
    }
    return bars;
}

int firstIndexOnOrAfter(const std::vector<Bar>& bars, Day day) {
    return static_cast<int>(
        std::find_if(bars.begin(), bars.end(), [day](const Bar& b) { return b.day >= day; }) -
        bars.begin());
}

/// A view laid out at w x h without being shown, as `retest export` uses it.
struct Headless {
    ChartView view;
    Headless(int w, int h) {
        view.resize(w, h);
        view.plot()->setViewport(QRect(0, 0, w, h));
    }
};

TEST(ChartView, ExportedPngShowsUpAndDownCandlesAtTheirPrices) {
    Headless h(1200, 675);
    ChartView& view = h.view;
    const auto bars = zigzagBars();
    view.setBars(bars, Timeframe::Daily);
    view.applyRangePreset(RangePreset::Max);
    view.setTitle(QStringLiteral("TEST · zigzag · Daily"));
    test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("chart.png").string());
    QString error;
    ASSERT_TRUE(view.saveImage(path, 1200, 675, 1.0, &error)) << error.toStdString();
    const QImage img(path);
    ASSERT_EQ(img.size(), QSize(1200, 675));
    const QRgb up = view.theme().up.rgb();
    const QRgb down = view.theme().down.rgb();
    const QRect area = view.priceRect()->rect();
    int upCount = 0;
    int downCount = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            upCount += img.pixel(x, y) == up;
            downCount += img.pixel(x, y) == down;
        }
    }
    EXPECT_GT(upCount, 3000);
    EXPECT_GT(downCount, 3000);

    // Bar 10 (up, 120 -> 125) and bar 50 (up, 200 -> 205): body rows match their prices.
    auto bodyRows = [&](int bar, QRgb colour) {
        const int centre = qRound(view.timeAxis()->coordToPixel(bar));
        int top = -1;
        int bottom = -1;
        for (int y = area.top(); y <= area.bottom(); ++y) {
            for (int x = centre - 1; x <= centre + 1; ++x) {  // the 1px wick may round aside
                if (img.pixel(x, y) == colour) {
                    top = top < 0 ? y : top;
                    bottom = y;
                }
            }
        }
        return std::pair{top, bottom};
    };
    const auto [top10, bottom10] = bodyRows(10, up);
    const auto [top50, bottom50] = bodyRows(50, up);
    ASSERT_GE(top10, 0);
    ASSERT_GE(top50, 0);
    EXPECT_LT(bottom50, top10);  // the higher close is drawn entirely higher
    // The coloured column spans the wick: high (base + 6) to low (base - 1).
    EXPECT_NEAR(top10, view.priceAxis()->coordToPixel(126), 2.5);
    EXPECT_NEAR(bottom10, view.priceAxis()->coordToPixel(119), 2.5);
    const auto [top11, bottom11] = bodyRows(11, down);
    EXPECT_NEAR(top11, view.priceAxis()->coordToPixel(128), 2.5);
    EXPECT_NEAR(bottom11, view.priceAxis()->coordToPixel(121), 2.5);
    // Nothing else was left in the folder (no temporary file).
    EXPECT_EQ(QDir(QString::fromStdString(dir.path().string()))
                  .entryList(QDir::Files | QDir::Hidden)
                  .size(),
              1);
}

TEST(ChartView, ExportHonoursSizeAndScaleAndFormats) {
    Headless h(900, 500);
    h.view.setBars(sampleBars(), Timeframe::Daily);
    test::TempDir dir;
    const auto file = [&](const char* name) {
        return QString::fromStdString(dir.file(name).string());
    };
    ASSERT_TRUE(h.view.saveImage(file("a.png"), 800, 450, 2.0));
    EXPECT_EQ(QImage(file("a.png")).size(), QSize(1600, 900));
    ASSERT_TRUE(h.view.saveImage(file("b.jpeg"), 640, 360));
    const QImage jpeg(file("b.jpeg"));
    EXPECT_EQ(jpeg.size(), QSize(640, 360));
    ASSERT_TRUE(h.view.saveImage(file("c.JPG"), 320, 200, 1.5));
    EXPECT_EQ(QImage(file("c.JPG")).size(), QSize(480, 300));
    ASSERT_TRUE(h.view.saveImage(file("d.pdf"), 1200, 675));
    EXPECT_EQ(test::readFile(dir.file("d.pdf")).substr(0, 4), "%PDF");

    QString error;
    EXPECT_FALSE(h.view.saveImage(file("e.gif"), 800, 450, 1.0, &error));
    EXPECT_TRUE(error.contains(QStringLiteral(".gif"))) << error.toStdString();
    EXPECT_FALSE(QFile::exists(file("e.gif")));
    EXPECT_FALSE(
        h.view.saveImage(QString::fromStdString((dir.path() / "missing" / "x.png").string()), 800,
                         450, 1.0, &error));
    EXPECT_FALSE(error.isEmpty());
    // The view's own layout is back to its size after exporting at another size.
    EXPECT_EQ(h.view.plot()->viewport().size(), QSize(900, 500));
}

TEST(ChartView, RangePresetsSelectTheRightSessionsOfTheSample) {
    Headless h(1600, 1000);
    const auto& bars = sampleBars();
    ASSERT_EQ(formatIsoDate(bars.back().day), "2020-04-17");
    h.view.setBars(bars, Timeframe::Daily);
    const int last = static_cast<int>(bars.size()) - 1;
    const std::pair<RangePreset, const char*> cases[] = {
        {RangePreset::OneMonth, "2020-03-17"},  {RangePreset::ThreeMonths, "2020-01-17"},
        {RangePreset::SixMonths, "2019-10-17"}, {RangePreset::YearToDate, "2020-01-01"},
        {RangePreset::OneYear, "2019-04-17"},   {RangePreset::FiveYears, "2015-04-17"},
        {RangePreset::Max, "1999-01-01"}};
    for (const auto& [preset, from] : cases) {
        h.view.applyRangePreset(preset);
        EXPECT_EQ(h.view.visibleBarRange(), std::pair(firstIndexOnOrAfter(bars, iso(from)), last))
            << rangePresetName(preset);
        EXPECT_EQ(h.view.rangePreset(), preset);
    }
    h.view.applyRangePreset(RangePreset::YearToDate);
    EXPECT_EQ(formatIsoDate(bars[static_cast<std::size_t>(h.view.visibleBarRange().first)].day),
              "2020-01-02");

    h.view.setDateRange(iso("2008-01-01"), iso("2008-12-31"));
    const auto [first, lastIn2008] = h.view.visibleBarRange();
    EXPECT_EQ(formatIsoDate(bars[static_cast<std::size_t>(first)].day), "2008-01-02");
    EXPECT_EQ(formatIsoDate(bars[static_cast<std::size_t>(lastIn2008)].day), "2008-12-31");
    EXPECT_FALSE(h.view.rangePreset().has_value());
}

// A month of weekly (or monthly) bars is fewer than the ten the closest zoom shows: the view
// shows the last ten whole bars, not five widened on both sides into half a bar at the left
// and a third of the width of empty weeks at the right.
TEST(ChartView, AShortPresetShowsTheLastTenWholeBars) {
    Headless h(1600, 1000);
    const std::vector<Bar> weekly = resample(sampleBars(), Timeframe::Weekly);
    h.view.setBars(weekly, Timeframe::Weekly);
    h.view.applyRangePreset(RangePreset::OneMonth);
    const int last = static_cast<int>(weekly.size()) - 1;
    EXPECT_EQ(h.view.visibleBarRange(), std::pair(last - 9, last));
    const QCPRange x = h.view.timeAxis()->range();
    EXPECT_NEAR(x.lower, last - 9 - 0.5, 1e-9);  // the first bar whole
    EXPECT_LE(x.upper, last + 0.5 + 1.0);        // one bar's room at the right, no more
}

// Panned so that a candle is cut by the left edge: the part drawn is inside the pane. The bar of
// 2012-08-03 reaches far below the eleven after it (their lows are 92 % of their range above).
TEST(ChartView, ThePriceFitTakesInACandleCutByTheEdge) {
    Headless h(1600, 1000);
    const auto& bars = sampleBars();
    h.view.setBars(bars, Timeframe::Daily);
    const int cut = firstIndexOnOrAfter(bars, iso("2012-08-03"));
    ASSERT_EQ(formatIsoDate(bars[static_cast<std::size_t>(cut)].day), "2012-08-03");
    h.view.timeAxis()->setRange(cut + 0.2, cut + 11);  // its right edge is in view
    EXPECT_EQ(h.view.visibleBarRange().first, cut + 1);
    double lowestAfter = 1e300;
    for (int i = cut + 1; i <= cut + 11; ++i) {
        lowestAfter = std::min(lowestAfter, bars[static_cast<std::size_t>(i)].low);
    }
    ASSERT_LT(bars[static_cast<std::size_t>(cut)].low, lowestAfter);
    EXPECT_LE(h.view.priceAxis()->range().lower, bars[static_cast<std::size_t>(cut)].low);
}

// Zoomed out, one candle stands for several bars: when the left edge cuts it, the fit takes in
// all of its bars, not only those within a candle's half-width of the edge. 2000 quiet sessions
// around 100 with one spike down to 50, in the half of its candle that is off-screen.
TEST(ChartView, ThePriceFitTakesInAllBarsOfACutMergedCandle) {
    std::vector<Bar> bars;
    Day day = iso("2015-01-05");
    for (int i = 0; i < 2000; ++i) {
        bars.push_back({day, 100, 101, 99, 100, 100, 1e6});
        day += weekdayOf(day) == 4 ? 3 : 1;
    }
    Headless h(600, 400);
    h.view.setBars(bars, Timeframe::Daily);
    h.view.timeAxis()->setRange(200, 1700);
    const int f = h.view.decimationFactor();
    ASSERT_GE(f, 3);
    const int group = 400 - 400 % f;  // a candle's first bar: left of its centre
    bars[static_cast<std::size_t>(group)].low = 50;
    h.view.setBars(bars, Timeframe::Daily);
    const double centre = group + (f - 1) / 2.0;
    h.view.timeAxis()->setRange(centre + 0.3 * f, centre + 0.3 * f + 1500);
    ASSERT_EQ(h.view.decimationFactor(), f);
    ASSERT_GT(h.view.visibleBarRange().first, group);  // its bar is off-screen
    EXPECT_LE(h.view.priceAxis()->range().lower, 50);
}

TEST(ChartView, SetBarsKeepsThePresetElseShowsTheLastYear) {
    Headless h(1600, 1000);
    const auto& bars = sampleBars();
    h.view.setBars(bars, Timeframe::Daily);
    EXPECT_EQ(h.view.visibleBarRange().first, firstIndexOnOrAfter(bars, iso("2019-04-17")));
    h.view.applyRangePreset(RangePreset::ThreeMonths);
    h.view.setBars(bars, Timeframe::Daily);
    EXPECT_EQ(h.view.rangePreset(), RangePreset::ThreeMonths);
    EXPECT_EQ(h.view.visibleBarRange().first, firstIndexOnOrAfter(bars, iso("2020-01-17")));
}

TEST(ChartView, PriceAxisFitsTheVisibleBarsOnly) {
    Headless h(1600, 1000);
    const auto& bars = sampleBars();
    h.view.setBars(bars, Timeframe::Daily);
    h.view.applyRangePreset(RangePreset::Max);
    const QCPRange full = h.view.priceAxis()->range();
    h.view.applyRangePreset(RangePreset::ThreeMonths);
    const QCPRange r = h.view.priceAxis()->range();
    const auto [first, last] = h.view.visibleBarRange();
    double lo = 1e300;
    double hi = 0;
    for (int i = first; i <= last; ++i) {
        lo = std::min(lo, bars[static_cast<std::size_t>(i)].low);
        hi = std::max(hi, bars[static_cast<std::size_t>(i)].high);
    }
    EXPECT_LE(r.lower, lo);
    EXPECT_GE(r.upper, hi);
    EXPECT_LT(r.upper - hi, 0.2 * (hi - lo));  // small padding, not the whole history
    EXPECT_LT(r.size(), 0.5 * full.size());
    double maxVolume = 0;
    for (int i = first; i <= last; ++i) {
        maxVolume = std::max(maxVolume, bars[static_cast<std::size_t>(i)].volume);
    }
    EXPECT_GE(h.view.volumeAxis()->range().upper, maxVolume);
    EXPECT_LT(h.view.volumeAxis()->range().upper, 1.3 * maxVolume);
}

TEST(ChartView, LogToggleChangesTheScaleAndKeepsTheFit) {
    Headless h(1600, 1000);
    h.view.setBars(sampleBars(), Timeframe::Daily);
    h.view.applyRangePreset(RangePreset::Max);
    EXPECT_EQ(h.view.priceAxis()->scaleType(), QCPAxis::stLinear);
    h.view.setLogScale(true);
    EXPECT_TRUE(h.view.logScale());
    EXPECT_EQ(h.view.priceAxis()->scaleType(), QCPAxis::stLogarithmic);
    EXPECT_GT(h.view.priceAxis()->range().lower, 0);
    h.view.setLogScale(false);
    EXPECT_EQ(h.view.priceAxis()->scaleType(), QCPAxis::stLinear);
}

TEST(ChartView, ZoomIsLimitedAndZoomedOutViewsAreDecimated) {
    Headless h(1600, 1000);
    const auto& bars = sampleBars();
    h.view.setBars(bars, Timeframe::Daily);
    h.view.plot()->replot();
    h.view.timeAxis()->setRange(100, 102);  // as a wheel zoom would
    EXPECT_GE(h.view.timeAxis()->range().size(), 10 - 1e-9);
    EXPECT_FALSE(h.view.rangePreset().has_value());
    h.view.timeAxis()->setRange(-50000, 50000);
    EXPECT_LE(h.view.timeAxis()->range().size(), bars.size() * 1.11);

    h.view.applyRangePreset(RangePreset::Max);
    EXPECT_GT(h.view.decimationFactor(), 1);
    auto* candles = qobject_cast<QCPFinancial*>(h.view.plot()->plottable(0));
    ASSERT_NE(candles, nullptr);
    EXPECT_LE(candles->data()->size(), h.view.priceRect()->width());
    EXPECT_EQ(h.view.bars().size(), bars.size());  // full data kept for the readout
    h.view.applyRangePreset(RangePreset::OneYear);
    EXPECT_EQ(h.view.decimationFactor(), 1);
    EXPECT_EQ(candles->data()->size(), static_cast<int>(bars.size()));
}

TEST(ChartView, CrosshairReportsTheHoveredBar) {
    ChartView view;
    view.resize(1200, 700);
    view.show();
    QApplication::processEvents();
    const auto& bars = sampleBars();
    view.setBars(bars, Timeframe::Daily);
    view.applyRangePreset(RangePreset::ThreeMonths);
    view.plot()->replot();
    std::vector<int> hovered;
    QObject::connect(&view, &ChartView::hoveredBarChanged, [&](int i) { hovered.push_back(i); });
    const int target = view.visibleBarRange().first + 10;
    const QPointF pos(view.timeAxis()->coordToPixel(target), view.priceRect()->center().y());
    QMouseEvent move(QEvent::MouseMove, pos, view.plot()->mapToGlobal(pos), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(view.plot(), &move);
    EXPECT_EQ(view.hoveredBar(), target);
    ASSERT_EQ(hovered, std::vector<int>{target});
    const QString date =
        QString::fromStdString(formatIsoDate(bars[static_cast<std::size_t>(target)].day));
    EXPECT_TRUE(view.readout().startsWith(date)) << view.readout().toStdString();
    EXPECT_TRUE(view.readout().contains(QStringLiteral("%")));
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(view.plot(), &leave);
    EXPECT_EQ(view.hoveredBar(), -1);
    EXPECT_TRUE(view.readout().startsWith(QStringLiteral("2020-04-17")));  // back to the last bar
}

// A yield or a ratio has no volume: the readout says nothing of it, a stock's says "Vol".
TEST(ChartView, TheReadoutLeavesOutVolumeForASeriesWithNone) {
    ChartView view;
    view.resize(1200, 700);
    view.show();
    QApplication::processEvents();
    std::vector<Bar> bars = sampleBars();
    view.setBars(bars, Timeframe::Daily);
    view.plot()->replot();
    EXPECT_TRUE(view.readout().contains(QStringLiteral("Vol "))) << view.readout().toStdString();
    for (Bar& b : bars) {
        b.volume = 0;
    }
    view.setBars(bars, Timeframe::Daily);
    view.plot()->replot();
    EXPECT_TRUE(view.readout().contains(QStringLiteral("2020-04-17   O")))
        << view.readout().toStdString();
    EXPECT_FALSE(view.readout().contains(QStringLiteral("Vol"))) << view.readout().toStdString();
}

/// A shown 1200x700 view of the sample at 6M, laid out, for mouse-driven tests.
struct Shown {
    ChartView view;
    std::vector<Bar> bars = sampleBars();
    Shown() {
        view.resize(1200, 700);
        view.show();
        QApplication::processEvents();
        view.setBars(bars, Timeframe::Daily);
        view.applyRangePreset(RangePreset::SixMonths);
        view.plot()->replot();
    }
    void send(QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, pos, view.plot()->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(view.plot(), &e);
    }
};

// A chart as narrow and short as beside the docks of a small window with the rotation board
// open: the readout takes two lines, and the highest candles stay under it, whole.
TEST(ChartView, ATwoLineReadoutCoversNoCandle) {
    ChartView view;
    view.resize(560, 330);
    view.show();
    QApplication::processEvents();
    const std::vector<Bar>& bars = sampleBars();
    view.setBars(bars, Timeframe::Daily);
    int checked = 0;
    for (const RangePreset preset : {RangePreset::OneYear, RangePreset::SixMonths}) {
        view.applyRangePreset(preset);
        for (int k = 0; k < 3; ++k) {
            view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        }
        ASSERT_TRUE(view.readout().contains(QLatin1Char('\n'))) << view.readout().toStdString();
        const QRectF readout = view.reservedAreas().front();
        const auto [first, last] = view.visibleBarRange();
        for (int i = first; i <= last; ++i) {
            const double x = view.timeAxis()->coordToPixel(i);
            if (x < readout.left() || x > readout.right()) {
                continue;
            }
            ++checked;
            EXPECT_GT(view.priceAxis()->coordToPixel(bars[static_cast<std::size_t>(i)].high),
                      readout.bottom())
                << formatIsoDate(bars[static_cast<std::size_t>(i)].day);
        }
    }
    EXPECT_GT(checked, 100);
}

TEST(ChartView, PanningByKeysUnderAStillMouseReadsTheBarNowUnderIt) {
    Shown s;
    const int target = s.view.visibleBarRange().first + 10;
    const QPointF pos(s.view.timeAxis()->coordToPixel(target), s.view.priceRect()->center().y());
    s.send(QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
    ASSERT_EQ(s.view.hoveredBar(), target);
    // Left pans back, Home goes to the first bars, End returns to where the view began.
    for (const Qt::Key key : {Qt::Key_Left, Qt::Key_Home, Qt::Key_End}) {
        QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier);
        QApplication::sendEvent(&s.view, &press);
        const int under = static_cast<int>(std::lround(s.view.timeAxis()->pixelToCoord(pos.x())));
        EXPECT_EQ(s.view.hoveredBar(), under) << key;
        EXPECT_EQ(under < target, key != Qt::Key_End) << key;
        const QString date =
            QString::fromStdString(formatIsoDate(s.bars[static_cast<std::size_t>(under)].day));
        EXPECT_TRUE(s.view.readout().startsWith(date)) << s.view.readout().toStdString();
    }
}

TEST(ChartView, WheelZoomsTheTimeAxisAroundTheMouse) {
    Shown s;
    const QCPRange before = s.view.timeAxis()->range();
    const QCPRange priceBefore = s.view.priceAxis()->range();
    const double anchorBar = s.view.visibleBarRange().first + 30;
    const QPointF pos(s.view.timeAxis()->coordToPixel(anchorBar), s.view.priceRect()->center().y());
    QWheelEvent wheel(pos, s.view.plot()->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(s.view.plot(), &wheel);
    const QCPRange after = s.view.timeAxis()->range();
    EXPECT_LT(after.size(), before.size() * 0.95);                          // zoomed in
    EXPECT_NEAR(s.view.timeAxis()->pixelToCoord(pos.x()), anchorBar, 0.5);  // around the mouse
    EXPECT_FALSE(s.view.rangePreset().has_value());
    // Only x zooms; y re-fits the bars now visible, which lie within the old range.
    EXPECT_GE(s.view.priceAxis()->range().lower, priceBefore.lower);
    EXPECT_LE(s.view.priceAxis()->range().upper, priceBefore.upper);
}

TEST(ChartView, DragPansTheTimeAxisOnly) {
    Shown s;
    const QCPRange before = s.view.timeAxis()->range();
    const QPoint start = s.view.priceRect()->center();
    s.send(QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    s.send(QEvent::MouseMove, start + QPoint(200, 80), Qt::NoButton, Qt::LeftButton);
    s.send(QEvent::MouseButtonRelease, start + QPoint(200, 80), Qt::LeftButton, Qt::NoButton);
    const QCPRange after = s.view.timeAxis()->range();
    EXPECT_NEAR(after.size(), before.size(), 1e-6);
    EXPECT_LT(after.upper, before.upper - 10);  // dragged right: earlier bars come into view
    EXPECT_LT(s.view.visibleBarRange().second, static_cast<int>(s.bars.size()) - 10);
    // The price axis followed the new bars instead of the vertical mouse movement.
    const auto [first, last] = s.view.visibleBarRange();
    double hi = 0;
    for (int i = first; i <= last; ++i) {
        hi = std::max(hi, s.bars[static_cast<std::size_t>(i)].high);
    }
    EXPECT_GE(s.view.priceAxis()->range().upper, hi);
    EXPECT_LT(s.view.priceAxis()->range().upper, hi * 1.05);
}

TEST(ChartView, KeyboardZoomsPansAndJumpsLikeTradingView) {
    Shown s;
    const int n = static_cast<int>(s.bars.size());
    s.view.setFocus();
    QSignalSpy cleared(&s.view, &ChartView::rangePresetCleared);
    const QCPRange start = s.view.timeAxis()->range();

    QTest::keyClick(&s.view, Qt::Key_Plus);
    const QCPRange in = s.view.timeAxis()->range();
    EXPECT_NEAR(in.size(), start.size() * 0.8, 1e-6);
    EXPECT_NEAR(in.upper, start.upper, 1e-6);  // still ending at the newest bar
    EXPECT_FALSE(s.view.rangePreset().has_value());
    EXPECT_EQ(cleared.count(), 1);  // the 6M button goes dark
    QTest::keyClick(&s.view, Qt::Key_Minus);
    EXPECT_NEAR(s.view.timeAxis()->range().size(), start.size(), 1e-6);

    const int lastBefore = s.view.visibleBarRange().second;
    QTest::keyClick(&s.view, Qt::Key_Left);
    const auto [firstLeft, lastLeft] = s.view.visibleBarRange();
    EXPECT_LT(lastLeft, lastBefore - 5);
    QTest::keyClick(&s.view, Qt::Key_Right);
    EXPECT_EQ(s.view.visibleBarRange().second, lastBefore);

    const int span = lastLeft - firstLeft;
    QTest::keyClick(&s.view, Qt::Key_Home);
    EXPECT_EQ(s.view.visibleBarRange().first, 0);
    EXPECT_NEAR(s.view.visibleBarRange().second, span, 2);  // the zoom is kept
    QTest::keyClick(&s.view, Qt::Key_End);
    EXPECT_EQ(s.view.visibleBarRange().second, n - 1);

    // Up and Down are not the chart's: they go on to the window (the watchlist uses them).
    QKeyEvent up(QEvent::KeyPress, Qt::Key_Up, Qt::NoModifier);
    QApplication::sendEvent(&s.view, &up);
    EXPECT_FALSE(up.isAccepted());
    QKeyEvent plus(QEvent::KeyPress, Qt::Key_Plus, Qt::NoModifier, QStringLiteral("+"));
    QApplication::sendEvent(&s.view, &plus);
    EXPECT_TRUE(plus.isAccepted());
}

TEST(ChartView, ZoomedOutCrosshairReadsTheMergedCandle) {
    Shown s;
    s.view.applyRangePreset(RangePreset::Max);
    s.view.plot()->replot();
    const int factor = s.view.decimationFactor();
    ASSERT_GT(factor, 1);
    const int target = factor * 300 + factor / 2;  // the middle of the 301st merged candle
    const QPointF pos(s.view.timeAxis()->coordToPixel(target), s.view.priceRect()->center().y());
    s.send(QEvent::MouseMove, pos, Qt::NoButton, Qt::NoButton);
    const int first = factor * 300;
    const int last = first + factor - 1;
    EXPECT_EQ(s.view.readout().toStdString(), readoutText(s.bars, first, last));
    // The readout names the span and the group's extremes, not the single bar's.
    const auto group = std::span<const Bar>(s.bars).subspan(static_cast<std::size_t>(first),
                                                            static_cast<std::size_t>(factor));
    const double high =
        std::max_element(group.begin(), group.end(), [](const Bar& a, const Bar& b) {
            return a.high < b.high;
        })->high;
    EXPECT_TRUE(s.view.readout().startsWith(QString::fromStdString(
        formatIsoDate(group.front().day) + " – " + formatIsoDate(group.back().day))))
        << s.view.readout().toStdString();
    EXPECT_TRUE(s.view.readout().contains(QString::fromStdString("H " + formatPrice(high))));
}

TEST(ChartView, EmptyStateShowsTheMessageInsteadOfAxes) {
    Headless h(1200, 675);
    h.view.setBars(zigzagBars(), Timeframe::Daily);
    const QString message =
        QStringLiteral("No cached data for KRE — import a CSV (File > Import) or refresh");
    h.view.showEmptyState(message);
    EXPECT_TRUE(h.view.isEmptyStateShown());
    EXPECT_EQ(h.view.emptyStateMessage(), message);
    EXPECT_FALSE(h.view.priceAxis()->visible());
    test::TempDir dir;
    const QString path = QString::fromStdString(dir.file("empty.png").string());
    ASSERT_TRUE(h.view.saveImage(path, 1200, 675));
    const QImage img(path);
    const QRgb background = h.view.theme().background.rgb();
    int inked = 0;
    for (int y = 0; y < img.height(); ++y) {
        for (int x = 0; x < img.width(); ++x) {
            inked += img.pixel(x, y) != background;
        }
    }
    EXPECT_GT(inked, 500);                       // the message is drawn…
    EXPECT_EQ(img.pixel(600, 120), background);  // …and no axes or candles elsewhere
    EXPECT_EQ(img.pixel(600, 600), background);
    h.view.setBars(zigzagBars(), Timeframe::Daily);
    EXPECT_FALSE(h.view.isEmptyStateShown());
    EXPECT_TRUE(h.view.priceAxis()->visible());
}

}  // namespace
}  // namespace retest::ui
