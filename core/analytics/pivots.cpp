// Zigzag swing detection (see pivots.h). One pass, O(n).
#include "core/analytics/pivots.h"

namespace retest {

std::size_t ZigzagStream::argmaxHigh(std::span<const Bar> bars, std::size_t from, std::size_t to) {
    std::size_t best = from;
    for (std::size_t k = from + 1; k <= to; ++k) {
        if (bars[k].high > bars[best].high) {
            best = k;
        }
    }
    return best;
}

std::size_t ZigzagStream::argminLow(std::span<const Bar> bars, std::size_t from, std::size_t to) {
    std::size_t best = from;
    for (std::size_t k = from + 1; k <= to; ++k) {
        if (bars[k].low < bars[best].low) {
            best = k;
        }
    }
    return best;
}

namespace {

template <typename Threshold>
std::vector<Pivot> zigzag(std::span<const Bar> bars, Threshold threshold) {
    std::vector<Pivot> out;
    ZigzagStream stream;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (auto p = stream.step(bars, i, threshold)) {
            out.push_back(*p);
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
