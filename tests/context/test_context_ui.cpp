// Compare overlays and indicator panes on a real chart, headless: rebasing to the first visible
// bar follows zoom and pan, the price axis reads in %, legend clicks remove a compare, bad
// symbols leave the chart as it was; panes sit between price and volume on the shared time
// axis, the crosshair reads both, ^TNX is drawn from DGS10 with its 5 % alert, thresholds out of
// range stay at the axis edge; the set is remembered per symbol and restored by the window.
#include <gtest/gtest.h>

#include <QApplication>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSettings>
#include <QTest>
#include <algorithm>
#include <cmath>

#include "core/analytics/levels.h"
#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart/qcp.h"
#include "ui/chart_document.h"
#include "ui/context/market_context.h"
#include "ui/main_window.h"
#include "ui/watchlist/watchlist_dock.h"

namespace retest::ui {
namespace {

using test::sampleBars;

Day iso(const char* text) {
    return *parseIsoDate(text);
}

class ContextUi : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(dir.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok());
        cache = std::move(opened.value());
        ASSERT_TRUE(cache->upsertBars("^GSPC", sampleBars(), {"S&P 500", "USD", "sample"}));
        std::vector<Bar> half;
        std::vector<Bar> late;
        for (const Bar& b : sampleBars()) {
            half.push_back(Bar{b.day, b.open / 2, b.high / 2, b.low / 2, b.close / 2,
                               b.adjClose / 2, b.volume});
            if (b.day >= iso("2010-01-01")) {
                late.push_back(b);
            }
        }
        ASSERT_TRUE(cache->upsertBars("HALF", half));
        ASSERT_TRUE(cache->upsertBars("LATE", late));
        const auto dgs10 = std::filesystem::path(test::sampleCsv()).parent_path() / "dgs10.csv";
        ASSERT_TRUE(importCsvFile(*cache, dgs10, "DGS10"));
        view.resize(1400, 900);
        view.show();
        QApplication::processEvents();
        view.setBars(sampleBars(), Timeframe::Daily);
        view.setDateRange(iso("2006-01-01"), iso("2007-12-31"));
        view.plot()->replot();
    }
    ContextFrame frame() const { return {QStringLiteral("^GSPC"), Timeframe::Daily, true, {}}; }
    void mouse(QEvent::Type type, QPointF pos, Qt::MouseButton button = Qt::NoButton) {
        QMouseEvent e(type, pos, view.plot()->mapToGlobal(pos), button,
                      type == QEvent::MouseButtonPress ? Qt::MouseButtons(button) : Qt::NoButton,
                      Qt::NoModifier);
        QApplication::sendEvent(view.plot(), &e);
    }

    test::TempDir dir;
    std::unique_ptr<PriceCache> cache;
    ChartView view;
};

// In percent, as in price, the axis' labels give way to the level tags: a level at the base
// close put its tag where "0%" was, and the label showed through under it.
TEST_F(ContextUi, PercentLabelsGiveWayToTheLevelTags) {
    MarketContext ctx(view, *cache);
    ASSERT_TRUE(ctx.apply(frame(), {}).isEmpty());
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("half")));
    const double base = sampleBars()[std::size_t(ctx.compare()->baseIndex())].close;
    QObject owner;
    view.setAxisTags(&owner, {ChartView::AxisTag{base, 1}});
    view.plot()->replot();
    const auto y = view.axisTagY(&owner, 0);
    ASSERT_TRUE(y.has_value());
    const QCPAxis* a = view.priceAxis();
    const auto ticks = a->tickVector();
    const auto labels = a->tickVectorLabels();
    const double half =
        (ChartView::axisTagHeight() + QFontMetrics(a->tickLabelFont()).height()) / 2.0;
    int shown = 0;
    for (int i = 0; i < ticks.size(); ++i) {
        if (!labels[i].isEmpty()) {
            ++shown;
            EXPECT_TRUE(labels[i].endsWith(QLatin1Char('%'))) << labels[i].toStdString();
            EXPECT_GE(std::fabs(a->coordToPixel(ticks[i]) - *y), half - 1)
                << labels[i].toStdString() << " under the tag";
        }
    }
    EXPECT_GE(shown, 3);  // the others still read
    EXPECT_FALSE(labels.contains(QStringLiteral("0%")));
    view.setAxisTags(&owner, {});
}

TEST_F(ContextUi, ComparesRebaseToTheFirstVisibleBarAndFollowPan) {
    MarketContext ctx(view, *cache);
    ASSERT_TRUE(ctx.apply(frame(), {}).isEmpty());
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("half")));
    CompareLayer* layer = ctx.compare();
    ASSERT_NE(layer, nullptr);
    auto [first, last] = view.visibleBarRange();
    EXPECT_EQ(layer->baseIndex(), first);
    EXPECT_DOUBLE_EQ(*layer->percentAt({}, first), 0.0);
    // HALF is the sample halved: the same % path as the main series.
    EXPECT_NEAR(*layer->percentAt(QStringLiteral("HALF"), last), *layer->percentAt({}, last), 1e-9);
    const double expected =
        (sampleBars()[std::size_t(last)].close / sampleBars()[std::size_t(first)].close - 1) * 100;
    EXPECT_NEAR(*layer->percentAt({}, last), expected, 1e-9);
    EXPECT_TRUE(layer->legendTexts().at(1).startsWith(QStringLiteral("HALF  ")));

    // The price axis reads in percent from the base bar while a compare is shown.
    view.plot()->replot();
    const QVector<QString> labels = view.priceAxis()->tickVectorLabels();
    ASSERT_FALSE(labels.isEmpty());
    for (const QString& l : labels) {  // empty where a label gives way to the pane's edge
        EXPECT_TRUE(l.isEmpty() || l.endsWith(QLatin1Char('%'))) << l.toStdString();
    }
    EXPECT_TRUE(labels.contains(QStringLiteral("0%")));

    // Pan: rebasing follows the new first bar.
    view.setDateRange(iso("2008-06-01"), iso("2009-06-01"));
    std::tie(first, last) = view.visibleBarRange();
    EXPECT_EQ(layer->baseIndex(), first);
    EXPECT_DOUBLE_EQ(*layer->percentAt(QStringLiteral("HALF"), first), 0.0);

    // A series starting after the base bar is rebased at its own first bar.
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("LATE")));
    view.setDateRange(iso("2009-06-01"), iso("2010-06-01"));
    EXPECT_FALSE(layer->percentAt(QStringLiteral("LATE"), view.visibleBarRange().first));

    ASSERT_TRUE(ctx.removeCompare(QStringLiteral("HALF")));
    ASSERT_TRUE(ctx.removeCompare(QStringLiteral("LATE")));
    EXPECT_EQ(ctx.compare(), nullptr);
    view.plot()->replot();
    for (const QString& l : view.priceAxis()->tickVectorLabels()) {
        EXPECT_FALSE(l.endsWith(QLatin1Char('%'))) << l.toStdString();
    }
}

// The all-time-high label sits near the top right, where the compare legend is: it moves aside.
// Views ending just after the record of 2020-02-19, from one month to two years wide.
TEST_F(ContextUi, TheAllTimeHighLabelStaysClearOfTheCompareLegend) {
    LevelOverlay levels(view);
    levels.setAnalysis(analyzeLevels(sampleBars()));
    MarketContext ctx(view, *cache);
    ASSERT_TRUE(ctx.apply(frame(), {}).isEmpty());
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("half")));
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("late")));
    int checked = 0;
    for (int end = 0; end < 8; ++end) {
        for (const int days : {30, 60, 91, 182, 365, 730}) {
            const Day to = iso("2020-02-19") + end;
            view.setDateRange(to - days, to);
            view.plot()->replot();
            view.plot()->replot();
            const auto ath = levels.allTimeHighRect();
            const std::vector<QRectF> legend = view.reservedAreas();
            ASSERT_EQ(legend.size(), 4U);  // the readout, ^GSPC, HALF and LATE
            if (!ath) {
                continue;
            }
            ++checked;
            for (const QRectF& entry : legend) {
                EXPECT_FALSE(entry.intersects(*ath))
                    << days << " days to " << formatIsoDate(to).c_str();
            }
        }
    }
    EXPECT_GT(checked, 20);
}

// A compare that outruns the chart sets the top of the scale, one that lags it the bottom: their
// lines stay under the legend's rows and above the level headline's band, in views a year and two
// years wide across the sample.
TEST_F(ContextUi, CompareLinesStayClearOfTheLegendAndTheHeadline) {
    std::vector<Bar> lead;
    std::vector<Bar> lag;
    const std::vector<Bar>& bars = sampleBars();
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const double f = std::exp(0.0004 * static_cast<double>(i));
        const Bar& b = bars[i];
        lead.push_back(Bar{b.day, b.open * f, b.high * f, b.low * f, b.close * f, b.close * f, 0});
        lag.push_back(Bar{b.day, b.open / f, b.high / f, b.low / f, b.close / f, b.close / f, 0});
    }
    ASSERT_TRUE(cache->upsertBars("LEAD", lead));
    ASSERT_TRUE(cache->upsertBars("LAG", lag));
    LevelOverlay levels(view);
    levels.setAnalysis(analyzeLevels(bars));
    MarketContext ctx(view, *cache);
    ASSERT_TRUE(ctx.apply(frame(), {}).isEmpty());
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("LEAD")));
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("LAG")));
    int boxes = 0;
    for (const char* end : {"2007-10-31", "2009-03-31", "2013-06-28", "2018-12-31", "2020-04-17"}) {
        for (const int days : {365, 730}) {
            view.setDateRange(iso(end) - days, iso(end));
            for (int k = 0; k < 3; ++k) {
                view.plot()->replot(QCustomPlot::rpImmediateRefresh);
            }
            const QRect pane = view.priceRect()->rect();
            double legendBottom = pane.top();
            for (const QRectF& r : view.reservedAreas()) {
                if (r.left() > pane.center().x()) {  // the legend, at the right
                    legendBottom = std::max(legendBottom, r.bottom());
                }
            }
            ASSERT_GT(legendBottom, pane.top() + 40) << end;  // three rows
            const auto box = levels.stateBoxRect();
            boxes += box ? 1 : 0;
            const auto [first, last] = view.visibleBarRange();
            const double base = bars[static_cast<std::size_t>(first)].close;
            for (const QString& symbol : {QStringLiteral("LEAD"), QStringLiteral("LAG")}) {
                for (int i = first; i <= last; ++i) {
                    const auto pct = ctx.compare()->percentAt(symbol, i);
                    ASSERT_TRUE(pct.has_value());
                    const double y = view.priceAxis()->coordToPixel(base * (1 + *pct / 100));
                    ASSERT_GT(y, legendBottom) << symbol.toStdString() << " under the legend, "
                                               << days << " days to " << end;
                    if (box) {
                        ASSERT_LT(y, box->top()) << symbol.toStdString() << " under the headline, "
                                                 << days << " days to " << end;
                    }
                }
            }
        }
    }
    EXPECT_GT(boxes, 5);
}

// The legend's ✕ removes a compare on screen; an exported image has no use for it.
TEST_F(ContextUi, AnExportedLegendHasNoRemoveButtons) {
    MarketContext ctx(view, *cache);
    ASSERT_TRUE(ctx.apply(frame(), {}).isEmpty());
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("half")));
    CompareLayer* layer = ctx.compare();
    ASSERT_NE(layer, nullptr);
    EXPECT_TRUE(layer->legendTexts().at(1).endsWith(QStringLiteral("✕")));
    QStringList drawn;
    QObject::connect(&view, &ChartView::exportLayoutChanged, layer, [&](bool exporting) {
        if (exporting) {
            drawn = layer->legendTexts();
        }
    });
    QString error;
    ASSERT_TRUE(
        view.saveImage(QString::fromStdString(dir.file("x.png").string()), 1200, 700, 1.0, &error))
        << error.toStdString();
    ASSERT_EQ(drawn.size(), 2);
    EXPECT_TRUE(drawn.at(1).startsWith(QStringLiteral("HALF  ")));
    EXPECT_FALSE(drawn.at(1).contains(QStringLiteral("✕"))) << drawn.at(1).toStdString();
    EXPECT_TRUE(layer->legendTexts().at(1).endsWith(QStringLiteral("✕")));  // back on screen
}

TEST_F(ContextUi, BadComparesAreRefusedNamingTheSymbolAndChangeNothing) {
    MarketContext ctx(view, *cache);
    ctx.apply(frame(), {});
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("HALF")));
    const auto message = [&](const char* symbol) {
        auto r = ctx.addCompare(QString::fromLatin1(symbol));
        EXPECT_FALSE(r.ok()) << symbol;
        return r.ok() ? std::string() : r.error().message;
    };
    EXPECT_NE(message("KRE").find("no cached data for KRE"), std::string::npos);
    EXPECT_NE(message("HALF:").find("no denominator"), std::string::npos);
    EXPECT_NE(message("HALF:HALF").find("HALF by itself"), std::string::npos);
    EXPECT_NE(message("HALF:KRE").find("KRE (the denominator"), std::string::npos);
    EXPECT_NE(message("^GSPC").find("own symbol"), std::string::npos);
    EXPECT_NE(message("half").find("already compared"), std::string::npos);
    EXPECT_EQ(ctx.compare()->symbols(), QStringList{QStringLiteral("HALF")});
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("LATE")));
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("DGS10")));
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("HALF:LATE")));
    EXPECT_NE(message("LATE:HALF").find("at most 4"), std::string::npos);
    EXPECT_EQ(ctx.compare()->count(), 4);
}

TEST_F(ContextUi, ClickingALegendEntryRemovesThatCompare) {
    MarketContext ctx(view, *cache);
    ctx.apply(frame(), {});
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("HALF")));
    ASSERT_TRUE(ctx.addCompare(QStringLiteral("LATE")));
    int edits = 0;
    QObject::connect(&ctx, &MarketContext::edited, [&] { ++edits; });
    view.plot()->replot();
    // The legend's second compare entry: right-aligned at the top right of the price pane.
    const QRect price = view.priceRect()->rect();
    QString hit;
    QPoint at;
    for (int y = price.top(); y < price.top() + 120 && hit != QStringLiteral("LATE"); y += 2) {
        at = QPoint(price.right() - 20, y);
        hit = ctx.compare()->legendHit(at);
    }
    ASSERT_EQ(hit, QStringLiteral("LATE"));
    mouse(QEvent::MouseButtonPress, at, Qt::LeftButton);
    EXPECT_EQ(edits, 1);
    EXPECT_EQ(ctx.compare()->symbols(), QStringList{QStringLiteral("HALF")});
    ASSERT_EQ(ctx.items().size(), 1u);
    EXPECT_EQ(ctx.items()[0].target, "HALF");
}

TEST_F(ContextUi, TnxPaneFromDgs10SitsBetweenPriceAndVolumeAndAlertsAboveFive) {
    MarketContext ctx(view, *cache);
    ctx.apply(frame(), {});
    ASSERT_TRUE(ctx.addPane(QStringLiteral("^tnx")));
    ASSERT_EQ(ctx.panes().size(), 1u);
    IndicatorPane& pane = *ctx.panes()[0];
    EXPECT_TRUE(pane.title().contains(QStringLiteral("from DGS10"))) << pane.title().toStdString();
    EXPECT_EQ(pane.thresholds(), std::vector<double>{5.0});
    view.plot()->replot();
    EXPECT_GT(pane.rect()->top(), view.priceRect()->bottom());
    EXPECT_LT(pane.rect()->bottom(), view.volumeRect()->top());
    EXPECT_EQ(pane.rect()->axis(QCPAxis::atBottom)->range(), view.timeAxis()->range());

    // The line runs under the readout box in the top-left corner, never through it: as the
    // pane first appears, after a pan, and after its edge is dragged to make it shorter.
    const auto lineClearsReadout = [&] {
        view.plot()->replot();
        const auto [first, last] = view.visibleBarRange();
        double top = -1e9;
        for (int i = first; i <= last; ++i) {
            top = std::isfinite(pane.valueAt(i)) ? std::max(top, pane.valueAt(i)) : top;
        }
        return pane.valueAxis()->coordToPixel(top) > pane.readoutRect().bottom();
    };
    EXPECT_TRUE(lineClearsReadout()) << "as it first appears";
    view.setDateRange(iso("2006-01-01"), iso("2006-12-31"));
    EXPECT_TRUE(lineClearsReadout()) << "2006";
    view.setDateRange(iso("2019-01-01"), iso("2019-12-31"));
    EXPECT_TRUE(lineClearsReadout()) << "2019";
    const double stretch = pane.stretch();
    pane.setStretch(stretch * 0.6);
    EXPECT_TRUE(lineClearsReadout()) << "a shorter pane";
    pane.setStretch(stretch);

    // 2006-07: the yield was above 5 % on about 100 days — the alert shows while it was.
    view.setDateRange(iso("2006-06-01"), iso("2006-06-30"));  // 5.15 on the last day
    EXPECT_TRUE(pane.alert());
    EXPECT_GE(pane.shadedRuns(), 1);
    // 2019: far below 5 %; the threshold stays, drawn at the top edge of the axis.
    view.setDateRange(iso("2019-01-01"), iso("2019-12-31"));
    EXPECT_FALSE(pane.alert());
    EXPECT_EQ(pane.shadedRuns(), 0);
    EXPECT_DOUBLE_EQ(pane.drawnThreshold(0), pane.valueAxis()->range().upper);
    EXPECT_LT(pane.valueAxis()->range().upper, 5.0);
    EXPECT_EQ(pane.thresholds(), std::vector<double>{5.0});

    // Zooming the chart moves the pane's time axis with it.
    view.setDateRange(iso("2001-01-01"), iso("2001-03-31"));
    EXPECT_EQ(pane.rect()->axis(QCPAxis::atBottom)->range(), view.timeAxis()->range());
}

// A pane with no value in the visible dates says so, instead of an axis fitted to nothing and
// a threshold marked "above range"; its values come back with the dates that have them.
TEST_F(ContextUi, APaneWithNoDataInViewSaysSo) {
    MarketContext ctx(view, *cache);
    ctx.apply(frame(), {});
    ASSERT_TRUE(ctx.addPane(QStringLiteral("LATE")));
    IndicatorPane& pane = *ctx.panes()[0];
    pane.setThresholds({2000});
    view.plot()->replot();  // 2006-07: LATE starts in 2010
    EXPECT_EQ(pane.noDataText(), QStringLiteral("No LATE data before 2010-01-04"));
    EXPECT_FALSE(pane.valueAxis()->tickLabels());
    view.setDateRange(iso("2011-01-01"), iso("2011-12-31"));
    view.plot()->replot();
    EXPECT_TRUE(pane.noDataText().isEmpty());
    EXPECT_TRUE(pane.valueAxis()->tickLabels());
    EXPECT_GT(pane.valueAxis()->range().lower, 1000);  // fitted to 2011's closes
    view.setDateRange(iso("2001-01-01"), iso("2001-12-31"));
    view.plot()->replot();
    EXPECT_EQ(pane.noDataText(), QStringLiteral("No LATE data before 2010-01-04"));
}

TEST_F(ContextUi, CrosshairReadsThePriceAndEveryPaneAtTheSameBar) {
    MarketContext ctx(view, *cache);
    ctx.apply(frame(), {});
    ASSERT_TRUE(ctx.addPane(QStringLiteral("DGS10")));
    ASSERT_TRUE(ctx.addPane(QStringLiteral("HALF:LATE")));
    // A year: one bar per candle, so the readout names the hovered day, not a merged span.
    view.setDateRange(iso("2001-01-01"), iso("2001-12-31"));
    view.plot()->replot();
    const int target = view.visibleBarRange().first + 25;
    const double x = view.timeAxis()->coordToPixel(target);
    const IndicatorPane& rates = *ctx.panes()[0];
    mouse(QEvent::MouseMove, QPointF(x, rates.rect()->center().y()));
    EXPECT_EQ(view.hoveredBar(), target);
    const Day day = sampleBars()[std::size_t(target)].day;
    EXPECT_TRUE(view.readout().startsWith(QString::fromStdString(formatIsoDate(day))));
    const double yield = rates.valueAt(target);
    EXPECT_TRUE(std::isfinite(yield));
    EXPECT_TRUE(rates.readout().endsWith(QString::number(yield, 'f', 2)))
        << rates.readout().toStdString();
    // HALF:LATE has no value before 2010: the pane says so rather than inventing one.
    EXPECT_TRUE(ctx.panes()[1]->readout().endsWith(QStringLiteral("—")));
    // A ratio pane is relative strength, 100 on the first common day: HALF moves as LATE.
    EXPECT_TRUE(ctx.panes()[1]->title().contains(QStringLiteral("relative strength")));
    EXPECT_NEAR(ctx.panes()[1]->valueAt(static_cast<int>(sampleBars().size()) - 1), 100.0, 1e-9);

    // Thresholds the user sets, edits and removes.
    ctx.setThresholds(0, {6.0, 4.0});
    EXPECT_EQ(ctx.panes()[0]->thresholds(), (std::vector<double>{4.0, 6.0}));
    ctx.setThresholds(0, {});
    EXPECT_TRUE(ctx.panes()[0]->thresholds().empty());
    ASSERT_TRUE(ctx.removePane(0));
    view.plot()->replot();
    EXPECT_EQ(view.paneRects().size(), 1u);
}

TEST_F(ContextUi, DraggingAPaneTopEdgeMakesItTallerAndIsRemembered) {
    MarketContext ctx(view, *cache);
    ctx.apply(frame(), {});
    ASSERT_TRUE(ctx.addPane(QStringLiteral("DGS10")));
    view.plot()->replot();
    IndicatorPane& pane = *ctx.panes()[0];
    const double before = pane.stretch();
    const int heightBefore = pane.rect()->outerRect().height();
    int edits = 0;
    QObject::connect(&ctx, &MarketContext::edited, [&] { ++edits; });
    const QRect outer = pane.rect()->outerRect();
    const QPointF edge(outer.center().x(), outer.top());
    mouse(QEvent::MouseButtonPress, edge, Qt::LeftButton);
    mouse(QEvent::MouseMove, edge - QPointF(0, 60));
    mouse(QEvent::MouseButtonRelease, edge - QPointF(0, 60), Qt::LeftButton);
    view.plot()->replot();
    EXPECT_GT(pane.stretch(), before);
    EXPECT_GT(pane.rect()->outerRect().height(), heightBefore + 30);
    EXPECT_EQ(edits, 1);
    EXPECT_DOUBLE_EQ(ctx.items().at(0).height, pane.stretch());
}

TEST_F(ContextUi, WindowRemembersTheSetPerSymbolAndRefusesBadInput) {
    QSettings settings(QString::fromStdString(dir.file("settings.ini").string()),
                       QSettings::IniFormat);
    MainWindow w(*cache, settings);
    w.resize(1400, 900);
    w.show();
    w.showSymbol(QStringLiteral("^GSPC"));
    w.compareEdit()->setText(QStringLiteral("half"));
    QTest::keyClick(w.compareEdit(), Qt::Key_Return);
    EXPECT_TRUE(w.compareEdit()->text().isEmpty());
    ASSERT_TRUE(w.addPane(QStringLiteral("^TNX")));
    EXPECT_FALSE(w.compareWith(QStringLiteral("NOPE")));
    EXPECT_FALSE(w.openSymbol(QStringLiteral("HALF:HALF")));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));  // the chart stayed

    // A ratio opens as a chart of its own, drawn as a line, with nothing compared.
    ASSERT_TRUE(w.openSymbol(QStringLiteral("half:^gspc")));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("HALF:^GSPC"));
    EXPECT_EQ(w.chartView()->style(), ChartStyle::Line);
    EXPECT_EQ(w.marketContext()->compare(), nullptr);
    EXPECT_NEAR(w.document()->bars().back().close, 0.5, 1e-12);

    w.showSymbol(QStringLiteral("^GSPC"));
    ASSERT_NE(w.marketContext()->compare(), nullptr);
    EXPECT_EQ(w.marketContext()->compare()->symbols(), QStringList{QStringLiteral("HALF")});
    ASSERT_EQ(w.marketContext()->panes().size(), 1u);
    EXPECT_EQ(w.marketContext()->panes()[0]->symbol(), QStringLiteral("^TNX"));
    EXPECT_EQ(cache->chartContext("^GSPC").value().size(), 2u);

    // The watchlist's context menu offers "Compare with Chart".
    QMenu* menu = w.watchlistDock()->contextMenuFor(QStringLiteral("LATE"));
    ASSERT_FALSE(menu->actions().isEmpty());
    EXPECT_EQ(menu->actions()[0]->text(), QStringLiteral("Compare with Chart"));
    menu->actions()[0]->trigger();
    EXPECT_EQ(w.marketContext()->compare()->symbols(),
              (QStringList{QStringLiteral("HALF"), QStringLiteral("LATE")}));
    delete menu;
}

}  // namespace
}  // namespace retest::ui
