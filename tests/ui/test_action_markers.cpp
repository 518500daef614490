// Split and dividend markers on the chart: on the right bar, readable, and dividends thinned
// out when too many would crowd the view.
#include <gtest/gtest.h>

#include "core/model/date.h"
#include "tests/support/qt_printers.h"
#include "ui/chart/action_markers.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"

namespace retest::ui {
namespace {

std::vector<Bar> weekdays(int n) {
    std::vector<Bar> bars;
    Day d = *parseIsoDate("2020-01-06");  // a Monday
    for (int i = 0; i < n; ++i, ++d) {
        if (weekdayOf(d) >= 5) {
            d += 7 - weekdayOf(d);
        }
        const double p = 100 + (i % 7);
        bars.push_back(Bar{d, p, p + 2, p - 2, p + 1, p + 1, 1000});
    }
    return bars;
}

TEST(ActionMarkers, LabelsSaySplitRatioOrDividendAmount) {
    EXPECT_EQ(ActionMarkers::label({0, CorporateAction::Kind::Split, 2.0}),
              QStringLiteral("S 2:1"));
    EXPECT_EQ(ActionMarkers::label({0, CorporateAction::Kind::Split, 1.5}),
              QStringLiteral("S 3:2"));
    EXPECT_EQ(ActionMarkers::label({0, CorporateAction::Kind::Split, 0.1}),
              QStringLiteral("S 1:10"));
    EXPECT_EQ(ActionMarkers::label({0, CorporateAction::Kind::Dividend, 0.25}),
              QStringLiteral("D 0.25"));
}

TEST(ActionMarkers, SitOnTheBarOfTheirDay) {
    ChartView view;
    view.resize(1200, 700);
    const auto bars = weekdays(120);
    view.setBars(bars, Timeframe::Daily);
    view.applyRangePreset(RangePreset::Max);
    ActionMarkers markers(view);
    // A Saturday split takes effect on the next session (bar 50 is the Monday after).
    const Day saturday = bars[50].day - 2;
    ASSERT_EQ(weekdayOf(saturday), 5);
    markers.setActions({{saturday, CorporateAction::Kind::Split, 2.0},
                        {bars[10].day, CorporateAction::Kind::Dividend, 0.5}});
    EXPECT_EQ(markers.visibleCount(), 2);
    view.plot()->replot();
    QCPItemText* split = nullptr;
    for (int i = 0; i < view.plot()->itemCount(); ++i) {
        auto* t = qobject_cast<QCPItemText*>(view.plot()->item(i));
        if (t != nullptr && t->text() == QStringLiteral("S 2:1")) {
            split = t;
        }
    }
    ASSERT_NE(split, nullptr);
    const double expectedX = view.priceRect()->axis(QCPAxis::atBottom)->coordToPixel(50);
    EXPECT_NEAR(split->position->pixelPosition().x(), expectedX, 1.0);
}

TEST(ActionMarkers, ManyDividendsAreHiddenButSplitsStay) {
    ChartView view;
    view.resize(1200, 700);
    const auto bars = weekdays(400);
    view.setBars(bars, Timeframe::Daily);
    view.applyRangePreset(RangePreset::Max);
    std::vector<CorporateAction> actions;
    for (int i = 5; i < 400; i += 10) {
        actions.push_back({bars[std::size_t(i)].day, CorporateAction::Kind::Dividend, 0.1});
    }
    actions.push_back({bars[200].day, CorporateAction::Kind::Split, 4.0});
    ActionMarkers markers(view);
    markers.setActions(actions);
    EXPECT_EQ(markers.visibleCount(), 1);  // 40 dividends would crowd the view: the split stays
    view.setDateRange(bars[180].day, bars[260].day);
    EXPECT_EQ(markers.visibleCount(), 9);  // 8 dividends and the split
}

}  // namespace
}  // namespace retest::ui
