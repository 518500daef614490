// Zigzag swing detection (see pivots.h). One pass, O(n).
#include "core/analytics/pivots.h"

namespace retest {
namespace {

std::size_t argmaxHigh(std::span<const Bar> bars, std::size_t from, std::size_t to) {
    std::size_t best = from;
    for (std::size_t k = from + 1; k <= to; ++k) {
        if (bars[k].high > bars[best].high) {
            best = k;
        }
    }
    return best;
}

std::size_t argminLow(std::span<const Bar> bars, std::size_t from, std::size_t to) {
    std::size_t best = from;
    for (std::size_t k = from + 1; k <= to; ++k) {
        if (bars[k].low < bars[best].low) {
            best = k;
        }
    }
    return best;
}

// thr(k, isHigh): the move away from the extreme at bar k that confirms it.
template <typename Threshold>
std::vector<Pivot> zigzag(std::span<const Bar> bars, Threshold thr) {
    std::vector<Pivot> out;
    const std::size_t n = bars.size();
    auto push = [&](std::size_t k, bool isHigh, std::size_t confirm) {
        out.push_back(Pivot{k, bars[k].day, isHigh ? bars[k].high : bars[k].low, isHigh, confirm});
    };
    int dir = 0;  // 0: no pivot yet, 1: rising from a trough, -1: falling from a peak
    std::size_t hi = 0;
    std::size_t lo = 0;
    for (std::size_t i = 1; i < n; ++i) {
        const Bar& b = bars[i];
        if (dir == 0) {
            hi = b.high > bars[hi].high ? i : hi;
            lo = b.low < bars[lo].low ? i : lo;
            const bool peak = i > hi && b.low <= bars[hi].high - thr(hi, true);
            const bool trough = i > lo && b.high >= bars[lo].low + thr(lo, false);
            if (peak && (!trough || hi < lo)) {
                push(hi, true, i);
                dir = -1;
                lo = argminLow(bars, hi + 1, i);
            } else if (trough) {
                push(lo, false, i);
                dir = 1;
                hi = argmaxHigh(bars, lo + 1, i);
            }
        } else if (dir > 0) {
            if (b.high > bars[hi].high) {
                hi = i;
            } else if (b.low <= bars[hi].high - thr(hi, true)) {
                push(hi, true, i);
                dir = -1;
                lo = i;
            }
        } else {
            if (b.low < bars[lo].low) {
                lo = i;
            } else if (b.high >= bars[lo].low + thr(lo, false)) {
                push(lo, false, i);
                dir = 1;
                hi = i;
            }
        }
    }
    return out;
}

}  // namespace

std::vector<Pivot> zigzagAtr(std::span<const Bar> bars, std::span<const double> atr,
                             double multiple) {
    if (atr.size() < bars.size()) {
        return {};
    }
    return zigzag(bars, [&](std::size_t k, bool) { return multiple * atr[k]; });
}

std::vector<Pivot> zigzagPercent(std::span<const Bar> bars, double fraction) {
    return zigzag(bars, [&](std::size_t k, bool isHigh) {
        return fraction * (isHigh ? bars[k].high : bars[k].low);
    });
}

}  // namespace retest
