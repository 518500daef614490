// Swing highs and lows by zigzag: a high counts once price has fallen from it by a threshold
// (and a low once price has risen by it), so noise smaller than the threshold makes no pivot.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "core/model/bar.h"

namespace retest {

struct Pivot {
    std::size_t index = 0;  ///< the bar holding the extreme
    Day day = 0;
    double price = 0;  ///< its high (peak) or low (trough)
    bool high = false;
    /// The first bar whose reversal confirmed it: the pivot is known from this bar on.
    std::size_t confirmIndex = 0;
};

/// Reversal threshold = `multiple` x the ATR at the candidate extreme. Peaks and troughs
/// alternate, oldest first. Causal: a pivot confirmed at bar c depends on bars 0..c only.
std::vector<Pivot> zigzagAtr(std::span<const Bar> bars, std::span<const double> atr,
                             double multiple);

/// Reversal threshold = `fraction` of the extreme's price (0.1 = a 10% move).
std::vector<Pivot> zigzagPercent(std::span<const Bar> bars, double fraction);

}  // namespace retest
