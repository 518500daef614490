// Pure chart helpers: session tick choice, range preset dates and names, decimation, readout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "core/annotations/annotation.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/session_ticker.h"

namespace retest::ui {
namespace {

Day iso(const char* text) {
    return *parseIsoDate(text);
}

/// The sample's dates (first CSV column) without depending on the CSV importer.
std::vector<Day> sampleDays() {
    std::ifstream in(test::sampleCsv());
    std::string line;
    std::getline(in, line);  // header
    std::vector<Day> days;
    while (std::getline(in, line)) {
        if (auto d = parseIsoDate(line.substr(0, 10))) {
            days.push_back(*d);
        }
    }
    return days;
}

constexpr double kAxis = 1400;
constexpr double kChar = 7.5;
constexpr double kGap = 16;

/// Asserts that no two labels overlap and every label lies inside the axis.
void expectReadable(const SessionTicks& t, double lower, double upper, double axis) {
    double previousRight = -1e9;
    for (const auto& tick : t.ticks) {
        const double x = (tick.index - lower) / (upper - lower) * axis;
        const double half = 0.5 * kChar * static_cast<double>(tick.label.size());
        EXPECT_GE(x - half, 0) << tick.label;
        EXPECT_LE(x + half, axis) << tick.label;
        EXPECT_GE(x - half - previousRight, kGap) << tick.label;
        previousRight = x + half;
    }
}

TEST(SessionTicker, TwentyDaysLabelsEverySession) {
    const auto days = sampleDays();
    const int n = static_cast<int>(days.size());
    const double lower = n - 20 - 0.5;
    const double upper = n - 0.5;
    const SessionTicks t = chooseSessionTicks(days, lower, upper, kAxis, kChar, kGap);
    EXPECT_EQ(t.level, TickLevel::Day);
    ASSERT_GE(t.ticks.size(), 18U);
    EXPECT_EQ(t.ticks.back().index, n - 1);
    EXPECT_EQ(t.ticks.back().label, "Apr 17");
    expectReadable(t, lower, upper, kAxis);
}

TEST(SessionTicker, TwentyDaysOnANarrowAxisFallsBackToWeeks) {
    const auto days = sampleDays();
    const int n = static_cast<int>(days.size());
    const SessionTicks t = chooseSessionTicks(days, n - 20.5, n - 0.5, 500, kChar, kGap);
    EXPECT_EQ(t.level, TickLevel::Week);
    for (const auto& tick : t.ticks) {
        EXPECT_EQ(weekdayOf(days[static_cast<std::size_t>(tick.index)]), 0)
            << tick.label;  // Monday
    }
    expectReadable(t, n - 20.5, n - 0.5, 500);
}

TEST(SessionTicker, OneYearLabelsMonths) {
    const auto days = sampleDays();
    const int n = static_cast<int>(days.size());
    const double lower = n - 253 - 0.5;
    const double upper = n - 0.5;
    const SessionTicks t = chooseSessionTicks(days, lower, upper, kAxis, kChar, kGap);
    EXPECT_EQ(t.level, TickLevel::Month);
    ASSERT_GE(t.ticks.size(), 11U);
    std::vector<std::string> labels;
    for (const auto& tick : t.ticks) {
        labels.push_back(tick.label);
        // A month tick sits on the first session of its month.
        const auto u = static_cast<std::size_t>(tick.index);
        EXPECT_NE(civilFromDay(days[u]).month, civilFromDay(days[u - 1]).month);
    }
    EXPECT_NE(std::find(labels.begin(), labels.end(), "Jan 2020"), labels.end());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "Mar 2020"), labels.end());
    expectReadable(t, lower, upper, kAxis);
}

TEST(SessionTicker, TwentyYearsLabelsYears) {
    const auto days = sampleDays();
    const int n = static_cast<int>(days.size());
    const SessionTicks wide = chooseSessionTicks(days, -0.5, n - 0.5, kAxis, kChar, kGap);
    EXPECT_EQ(wide.level, TickLevel::Year);
    ASSERT_EQ(wide.ticks.size(), 20U);  // 2001 … 2020; 2000 starts at bar 0, not a boundary
    EXPECT_EQ(wide.ticks.front().label, "2001");
    EXPECT_EQ(wide.ticks.back().label, "2020");
    expectReadable(wide, -0.5, n - 0.5, kAxis);

    const SessionTicks narrow = chooseSessionTicks(days, -0.5, n - 0.5, 300, kChar, kGap);
    EXPECT_GT(static_cast<int>(narrow.level), static_cast<int>(TickLevel::Year));
    EXPECT_GE(narrow.ticks.size(), 2U);
    expectReadable(narrow, -0.5, n - 0.5, 300);
}

TEST(SessionTicker, TooDenseEvenForDecadesDropsLabelsInsteadOfOverlapping) {
    std::vector<Day> days;
    for (int y = 1900; y < 2100; ++y) {
        days.push_back(dayFromCivil(y, 1, 2));
    }
    const SessionTicks t = chooseSessionTicks(days, -0.5, 199.5, 60, kChar, kGap);
    EXPECT_EQ(t.level, TickLevel::TenYears);
    EXPECT_LE(t.ticks.size(), 1U);
    expectReadable(t, -0.5, 199.5, 60);
}

TEST(SessionTicker, LabelsByLevel) {
    EXPECT_EQ(sessionTickLabel(iso("2013-03-14"), TickLevel::Day), "Mar 14");
    EXPECT_EQ(sessionTickLabel(iso("2013-03-01"), TickLevel::Month), "Mar 2013");
    EXPECT_EQ(sessionTickLabel(iso("2008-01-02"), TickLevel::Year), "2008");
}

TEST(SessionTicker, EmptyOrDegenerateInputGivesNoTicks) {
    EXPECT_TRUE(chooseSessionTicks({}, 0, 10, kAxis, kChar, kGap).ticks.empty());
    const std::vector<Day> one{iso("2020-01-02")};
    EXPECT_TRUE(chooseSessionTicks(one, 5, 5, kAxis, kChar, kGap).ticks.empty());
}

TEST(RangePreset, ParsesNamesCaseInsensitively) {
    EXPECT_EQ(parseRangePreset("1m"), RangePreset::OneMonth);
    EXPECT_EQ(parseRangePreset("3M"), RangePreset::ThreeMonths);
    EXPECT_EQ(parseRangePreset("6m"), RangePreset::SixMonths);
    EXPECT_EQ(parseRangePreset("ytd"), RangePreset::YearToDate);
    EXPECT_EQ(parseRangePreset("1Y"), RangePreset::OneYear);
    EXPECT_EQ(parseRangePreset("5y"), RangePreset::FiveYears);
    EXPECT_EQ(parseRangePreset("Max"), RangePreset::Max);
    EXPECT_FALSE(parseRangePreset("2Y"));
    EXPECT_FALSE(parseRangePreset(""));
    for (auto p : {RangePreset::OneMonth, RangePreset::YearToDate, RangePreset::Max}) {
        EXPECT_EQ(parseRangePreset(rangePresetName(p)), p);
    }
}

TEST(RangePreset, StartDatesCountBackFromTheLastBar) {
    const Day last = iso("2020-04-17");
    EXPECT_EQ(rangePresetStart(RangePreset::OneMonth, last), iso("2020-03-17"));
    EXPECT_EQ(rangePresetStart(RangePreset::ThreeMonths, last), iso("2020-01-17"));
    EXPECT_EQ(rangePresetStart(RangePreset::SixMonths, last), iso("2019-10-17"));
    EXPECT_EQ(rangePresetStart(RangePreset::YearToDate, last), iso("2020-01-01"));
    EXPECT_EQ(rangePresetStart(RangePreset::OneYear, last), iso("2019-04-17"));
    EXPECT_EQ(rangePresetStart(RangePreset::FiveYears, last), iso("2015-04-17"));
    // Month ends clamp: one month before March 31 is the end of February.
    EXPECT_EQ(rangePresetStart(RangePreset::OneMonth, iso("2020-03-31")), iso("2020-02-29"));
    EXPECT_EQ(rangePresetStart(RangePreset::ThreeMonths, iso("2021-01-15")), iso("2020-10-15"));
}

TEST(ChartStyleNames, RoundTrip) {
    EXPECT_EQ(parseChartStyle("Candles"), ChartStyle::Candles);
    EXPECT_EQ(parseChartStyle("ohlc"), ChartStyle::OhlcBars);
    EXPECT_EQ(parseChartStyle("LINE"), ChartStyle::Line);
    EXPECT_FALSE(parseChartStyle("area"));
}

// A daily chart shows daily candles down to two pixels a session: a year (about 252) fits a
// chart 504 pixels wide, beside the docks of a 1400-pixel window, one candle a day.
TEST(ChartData, DecimationFactorKeepsCandlesAtLeastTwoPixelsApart) {
    EXPECT_EQ(decimationFactor(252, 504), 1);
    EXPECT_EQ(decimationFactor(750, 1500), 1);
    EXPECT_EQ(decimationFactor(751, 1500), 2);
    EXPECT_EQ(decimationFactor(5000, 1000), 10);
    EXPECT_EQ(decimationFactor(100, 0), 1);
}

TEST(ChartData, DecimateAggregatesAlignedGroups) {
    std::vector<Bar> bars{{1, 10, 12, 9, 11, 11, 100},
                          {2, 11, 15, 10, 14, 14, 200},
                          {3, 14, 14, 8, 9, 9, 300},
                          {4, 9, 10, 7, 8, 8, 400},
                          {5, 8, 9, 6, 7, 7, 500}};
    const auto d = decimateBars(bars, 2);
    ASSERT_EQ(d.size(), 3U);
    EXPECT_DOUBLE_EQ(d[0].x, 0.5);
    EXPECT_DOUBLE_EQ(d[0].open, 10);
    EXPECT_DOUBLE_EQ(d[0].high, 15);
    EXPECT_DOUBLE_EQ(d[0].low, 9);
    EXPECT_DOUBLE_EQ(d[0].close, 14);
    EXPECT_DOUBLE_EQ(d[0].volume, 150);  // mean per session
    EXPECT_DOUBLE_EQ(d[1].low, 7);
    EXPECT_DOUBLE_EQ(d[2].x, 4);  // a trailing partial group sits on its own bar
    EXPECT_DOUBLE_EQ(d[2].close, 7);
    EXPECT_EQ(decimateBars(bars, 1).size(), 5U);
}

TEST(ChartData, ReadoutShowsOhlcVolumeAndChange) {
    std::vector<Bar> bars{{iso("2020-04-16"), 2799.34, 2806.51, 2764.32, 2799.55, 2799.55, 5.18e9},
                          {iso("2020-04-17"), 2842.43, 2879.22, 2830.88, 2874.56, 2874.56, 5.79e9}};
    EXPECT_EQ(readoutText(bars, 1),
              "2020-04-17   O 2842.43  H 2879.22  L 2830.88  C 2874.56   Vol 5.79B   +75.01 "
              "(+2.68%)");
    EXPECT_EQ(readoutText(bars, 0).find('%'), std::string::npos);  // no previous close
    EXPECT_EQ(readoutText(bars, 2), "");
    // A series without volume (an index, a yield, a ratio) reads no "Vol 0".
    EXPECT_EQ(readoutText(bars, 1, 1, false),
              "2020-04-17   O 2842.43  H 2879.22  L 2830.88  C 2874.56   +75.01 (+2.68%)");
    // A ratio a hair lower on the day: the change too small to show has no sign.
    std::vector<Bar> ratio{{iso("2025-11-19"), 0.3612, 0.3620, 0.3601, 0.36104, 0.36104, 0},
                           {iso("2025-11-20"), 0.3610, 0.3618, 0.3602, 0.36101, 0.36101, 0}};
    EXPECT_EQ(readoutText(ratio, 1, 1, false),
              "2025-11-20   O 0.3610  H 0.3618  L 0.3602  C 0.3610   0.0000 (-0.01%)");
    // A bar across 10 reads with one precision, the close's, as its change does.
    std::vector<Bar> across{{iso("2025-11-19"), 10.2, 10.4, 9.9, 10.0, 10.0, 0},
                            {iso("2025-11-20"), 10.0, 11.0, 9.0, 10.5, 10.5, 0}};
    EXPECT_EQ(readoutText(across, 1, 1, false),
              "2025-11-20   O 10.00  H 11.00  L 9.00  C 10.50   +0.50 (+5.00%)");
    EXPECT_EQ(formatVolume(1234567), "1.23M");
    EXPECT_EQ(formatVolume(950), "950");
}

TEST(ChartData, ZoomedOutReadoutReadsTheWholeMergedCandle) {
    // A week of sessions merged into one candle: the readout must be that candle, not a bar.
    std::vector<Bar> bars{{iso("2020-04-09"), 2750.00, 2818.57, 2762.36, 2789.82, 2789.82, 7.88e9},
                          {iso("2020-04-13"), 2782.46, 2782.46, 2721.17, 2761.63, 2761.63, 5.27e9},
                          {iso("2020-04-14"), 2805.10, 2851.85, 2805.10, 2846.06, 2846.06, 5.57e9},
                          {iso("2020-04-15"), 2795.64, 2801.88, 2761.54, 2783.36, 2783.36, 5.20e9},
                          {iso("2020-04-16"), 2799.34, 2806.51, 2764.32, 2799.55, 2799.55, 5.18e9},
                          {iso("2020-04-17"), 2842.43, 2879.22, 2830.88, 2874.56, 2874.56, 5.79e9}};
    EXPECT_EQ(mergedGroup(3, 5, 6), (std::pair<int, int>{0, 4}));
    EXPECT_EQ(mergedGroup(5, 5, 6), (std::pair<int, int>{5, 5}));  // the partial last group
    EXPECT_EQ(mergedGroup(2, 1, 6), (std::pair<int, int>{2, 2}));
    EXPECT_EQ(readoutText(bars, 1, 5),
              "2020-04-13 – 2020-04-17   O 2782.46  H 2879.22  L 2721.17  C 2874.56   "
              "Vol 27.01B   +84.74 (+3.04%)");
    EXPECT_EQ(readoutText(bars, 4, 4), readoutText(bars, 4));
    EXPECT_EQ(readoutText(bars, 3, 2), "");
    EXPECT_EQ(readoutText(bars, 0, 6), "");
}

TEST(ChartData, SpreadLabelsNeverOverlapAndStayNearTheirPrice) {
    // Three tags wanting almost the same row, one far away: the three move apart as a group
    // around their mean, the far one stays exactly where it wants to be.
    const std::vector<double> wanted{100, 104, 98, 300};
    const std::vector<int> priority{1, 1, 1, 1};
    const auto placed = spreadLabels(wanted, priority, 20, 0, 500);
    ASSERT_EQ(placed.size(), 4U);
    for (const auto& p : placed) {
        ASSERT_TRUE(p.has_value());
    }
    EXPECT_DOUBLE_EQ(*placed[3], 300);
    std::vector<double> ys{*placed[0], *placed[1], *placed[2]};
    std::sort(ys.begin(), ys.end());
    EXPECT_GE(ys[1] - ys[0], 20 - 1e-9);
    EXPECT_GE(ys[2] - ys[1], 20 - 1e-9);
    EXPECT_NEAR((ys[0] + ys[1] + ys[2]) / 3, (100 + 104 + 98) / 3.0, 1e-9);
    EXPECT_LT(*placed[2], *placed[0]);  // the order of the prices is kept
    EXPECT_LT(*placed[0], *placed[1]);

    // Pushed against the top edge, they stay inside the column.
    const auto top = spreadLabels(std::vector<double>{2, 3}, priority, 20, 0, 500);
    EXPECT_DOUBLE_EQ(*top[0], 10);
    EXPECT_DOUBLE_EQ(*top[1], 30);

    // No room for all: the lowest priority is left out, the rest still do not overlap.
    const auto crowded =
        spreadLabels(std::vector<double>{10, 20, 30}, std::vector<int>{5, 1, 9}, 20, 0, 45);
    EXPECT_TRUE(crowded[0].has_value());
    EXPECT_FALSE(crowded[1].has_value());
    EXPECT_TRUE(crowded[2].has_value());
    EXPECT_GE(*crowded[2] - *crowded[0], 20 - 1e-9);
}

TEST(ChartTypes, LineStylePriceLineIsNotTheDrawingsBlue) {
    // Drawings default to this blue; in line style the price line must not look like one.
    const QColor drawing = QColor::fromRgba(Annotation{}.style.color);
    for (const ChartTheme& t : {ChartTheme::light(), ChartTheme::dark()}) {
        const int distance = std::abs(t.line.red() - drawing.red()) +
                             std::abs(t.line.green() - drawing.green()) +
                             std::abs(t.line.blue() - drawing.blue());
        EXPECT_GT(distance, 200) << t.line.name().toStdString();
    }
}

TEST(ChartTypes, ExportPixelLimitIsStatedAndEnforced) {
    EXPECT_TRUE(exportPixelLimitError(1920, 1080, 4, false).isEmpty());  // 33.2 million
    EXPECT_TRUE(exportPixelLimitError(7680, 4320, 1, false).isEmpty());
    const QString tooBig = exportPixelLimitError(10000, 10000, 4, false);
    EXPECT_TRUE(tooBig.contains(QStringLiteral("1600.0 million pixels"))) << tooBig.toStdString();
    EXPECT_TRUE(tooBig.contains(QStringLiteral("limit is 40 million"))) << tooBig.toStdString();
    // Vector formats ignore the scale, so only width x height counts for them.
    EXPECT_TRUE(exportPixelLimitError(5000, 5000, 4, true).isEmpty());
    EXPECT_FALSE(exportPixelLimitError(10000, 10000, 1, true).isEmpty());
    EXPECT_FALSE(exportPixelLimitError(1600, 900, std::nan(""), false).isEmpty());
}

}  // namespace
}  // namespace retest::ui
