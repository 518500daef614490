// Pure helpers behind the chart: decimation of bars for zoomed-out views, visible extremes for
// the y auto-fit, and the crosshair readout text. Kept out of the widget so they can be tested.
#pragma once

#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/model/bar.h"
#include "core/model/text.h"  // formatPrice()

namespace retest::ui {

/// Bars per drawn candle so that each candle gets at least `minPixels` columns.
int decimationFactor(double visibleBars, double pixels, double minPixels = 2.0);

/// One drawn candle: `x` is its position in bar-index units (the middle of its group).
struct DrawnBar {
    double x = 0;
    double open = 0;
    double high = 0;
    double low = 0;
    double close = 0;
    double volume = 0;
};

/// Groups of `factor` consecutive bars aligned to multiples of `factor` (so panning never
/// regroups): open of the first, extremes, close of the last, and the mean volume, so the
/// volume axis keeps meaning "per session" at every zoom.
std::vector<DrawnBar> decimateBars(std::span<const Bar> bars, int factor);

struct Extremes {
    double low = 0;
    double high = 0;
    double maxVolume = 0;
    bool valid = false;
};

/// Lowest low, highest high (or closes only) and largest volume among bars [first, last].
Extremes visibleExtremes(std::span<const Bar> bars, int first, int last, bool closesOnly);

/// Places labels of `height` pixels along a column [top, bottom] so that none overlap: each
/// label's centre stays as near its `wanted` centre as its neighbours allow (overlapping
/// labels move apart as a group around their mean). When not all fit, those with the lowest
/// `priority` are left out (std::nullopt). Results are in the order of `wanted`.
std::vector<std::optional<double>> spreadLabels(std::span<const double> wanted,
                                                std::span<const int> priority, double height,
                                                double top, double bottom);

/// "12,345", "1.23M", "5.79B": volume in a few characters.
std::string formatVolume(double volume);

/// "2020-04-17  O 2842.43  H 2879.22  L 2830.88  C 2874.56  Vol 5.79B  +75.01 (+2.68%)";
/// the change is versus the previous session's close and is left out for the first bar.
std::string readoutText(std::span<const Bar> bars, int index);

/// The readout of bars [first, last] merged into one candle, as a zoomed-out chart draws them:
/// "2020-04-13 – 2020-04-17   O (first open)  H (highest)  L (lowest)  C (last close)
/// Vol (sum)  change versus the close before `first`". One bar reads as readoutText().
/// `volume` false leaves "Vol" out, for a series that has none (an index, a yield, a ratio).
std::string readoutText(std::span<const Bar> bars, int first, int last, bool volume = true);

/// The bars [first, last] that the drawn candle containing bar `index` merges at `factor`
/// (groups aligned to multiples of `factor`, as decimateBars() makes them).
std::pair<int, int> mergedGroup(int index, int factor, int barCount);

}  // namespace retest::ui
