// Value types shared by the chart widget, its export path and the CLI: styles, range presets,
// colour themes. No QCustomPlot here so callers can parse options without pulling it in.
#pragma once

#include <QColor>
#include <optional>
#include <string_view>

#include "core/model/bar.h"

namespace retest::ui {

enum class ChartStyle { Candles, OhlcBars, Line };

enum class RangePreset { OneMonth, ThreeMonths, SixMonths, YearToDate, OneYear, FiveYears, Max };

/// "1M 3M 6M YTD 1Y 5Y MAX" (case-insensitive).
std::optional<RangePreset> parseRangePreset(std::string_view text);
/// "1M", "3M", "6M", "YTD", "1Y", "5Y" or "MAX".
std::string_view rangePresetName(RangePreset preset);
/// First calendar day a preset shows when the newest bar is dated `lastDay` (Max: INT32_MIN).
/// Month arithmetic clamps to the month's end (Mar 31 minus one month is Feb 28/29).
Day rangePresetStart(RangePreset preset, Day lastDay);

/// "candles", "ohlc", "line" (case-insensitive; "bars" too).
std::optional<ChartStyle> parseChartStyle(std::string_view text);
std::string_view chartStyleName(ChartStyle style);

struct ChartTheme {
    QColor background;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor axis;
    QColor up;
    QColor down;
    QColor line;
    QColor volumeUp;
    QColor volumeDown;
    QColor crosshair;
    QColor tagBackground;  ///< price/date tags under the crosshair
    QColor tagText;

    static ChartTheme light();
    static ChartTheme dark();
};

}  // namespace retest::ui
