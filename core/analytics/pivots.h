// Swing highs and lows by zigzag: a high counts once price has fallen from it by a threshold
// (and a low once price has risen by it), so noise smaller than the threshold makes no pivot.
#pragma once

#include <cstddef>
#include <optional>
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

/// The zigzag one bar at a time. Feed bars 0, 1, 2 … in order through step(); a pivot is
/// returned on the bar that confirms it. `threshold(k, isHigh)` is the reversal that confirms
/// the extreme at bar k; it may only depend on bars 0..k. A move beyond the previous swing of
/// the other kind also confirms (with a threshold that varies over time, a lower low after a
/// rally is still a new swing). Causal by construction.
class ZigzagStream {
public:
    template <typename Threshold>
    std::optional<Pivot> step(std::span<const Bar> bars, std::size_t i, Threshold threshold);

private:
    std::optional<Pivot> make(std::span<const Bar> bars, std::size_t k, bool isHigh,
                              std::size_t confirm) const {
        return Pivot{k, bars[k].day, isHigh ? bars[k].high : bars[k].low, isHigh, confirm};
    }
    static std::size_t argmaxHigh(std::span<const Bar> bars, std::size_t from, std::size_t to);
    static std::size_t argminLow(std::span<const Bar> bars, std::size_t from, std::size_t to);

    int dir_ = 0;  // 0: no pivot yet, 1: rising from a trough, -1: falling from a peak
    std::size_t hi_ = 0;
    std::size_t lo_ = 0;
    double lastTrough_ = 0;  // price of the last confirmed trough (valid once dir_ != 0)
    double lastPeak_ = 0;
};

template <typename Threshold>
std::optional<Pivot> ZigzagStream::step(std::span<const Bar> bars, std::size_t i,
                                        Threshold threshold) {
    if (i == 0) {
        return std::nullopt;
    }
    const Bar& b = bars[i];
    if (dir_ == 0) {
        hi_ = b.high > bars[hi_].high ? i : hi_;
        lo_ = b.low < bars[lo_].low ? i : lo_;
        const bool peak = i > hi_ && b.low <= bars[hi_].high - threshold(hi_, true);
        const bool trough = i > lo_ && b.high >= bars[lo_].low + threshold(lo_, false);
        if (peak && (!trough || hi_ < lo_)) {
            const std::size_t k = hi_;
            dir_ = -1;
            lastPeak_ = bars[k].high;
            lo_ = argminLow(bars, hi_ + 1, i);
            return make(bars, k, true, i);
        }
        if (trough) {
            const std::size_t k = lo_;
            dir_ = 1;
            lastTrough_ = bars[k].low;
            hi_ = argmaxHigh(bars, lo_ + 1, i);
            return make(bars, k, false, i);
        }
    } else if (dir_ > 0) {
        if (b.high > bars[hi_].high) {
            hi_ = i;
        } else if (b.low <= bars[hi_].high - threshold(hi_, true) || b.low < lastTrough_) {
            const std::size_t k = hi_;
            dir_ = -1;
            lastPeak_ = bars[k].high;
            lo_ = i;
            return make(bars, k, true, i);
        }
    } else {
        if (b.low < bars[lo_].low) {
            lo_ = i;
        } else if (b.high >= bars[lo_].low + threshold(lo_, false) || b.high > lastPeak_) {
            const std::size_t k = lo_;
            dir_ = 1;
            lastTrough_ = bars[k].low;
            hi_ = i;
            return make(bars, k, false, i);
        }
    }
    return std::nullopt;
}

/// Reversal threshold = `multiple` x the ATR at the candidate extreme. Peaks and troughs
/// alternate, oldest first. Causal: a pivot confirmed at bar c depends on bars 0..c only.
std::vector<Pivot> zigzagAtr(std::span<const Bar> bars, std::span<const double> atr,
                             double multiple);
/// Reversal threshold = `fraction` of the extreme's price (0.1 = a 10% move).
std::vector<Pivot> zigzagPercent(std::span<const Bar> bars, double fraction);

}  // namespace retest
