// Pure helpers behind the chart: decimation of bars for zoomed-out views, visible extremes for
// the y auto-fit, and the crosshair readout text. Kept out of the widget so they can be tested.
#pragma once

#include <limits>
#include <span>
#include <string>
#include <vector>

#include "core/model/bar.h"

namespace retest::ui {

/// Bars per drawn candle so that each candle gets at least `minPixels` columns.
int decimationFactor(double visibleBars, double pixels, double minPixels = 3.0);

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

/// "12,345", "1.23M", "5.79B": volume in a few characters.
std::string formatVolume(double volume);
/// A price with enough decimals for its magnitude, or for `reference`'s magnitude when given
/// (a change of -4.98 on a 3283 close reads "-4.98", not "-4.9800").
std::string formatPrice(double price, double reference = std::numeric_limits<double>::quiet_NaN());

/// "2020-04-17  O 2842.43  H 2879.22  L 2830.88  C 2874.56  Vol 5.79B  +75.01 (+2.68%)";
/// the change is versus the previous session's close and is left out for the first bar.
std::string readoutText(std::span<const Bar> bars, int index);

}  // namespace retest::ui
