// Wilder's average true range (see atr.h).
#include "core/analytics/atr.h"

#include <algorithm>
#include <cmath>

namespace retest {

AtrStream::AtrStream(int period) : period_(static_cast<double>(std::max(period, 1))) {}

double AtrStream::next(const Bar& b, const Bar* previous) {
    double tr = b.high - b.low;
    if (previous != nullptr) {
        const double prev = previous->close;
        tr = std::max({tr, std::abs(b.high - prev), std::abs(b.low - prev)});
    }
    count_ += 1;
    avg_ = count_ <= period_ ? avg_ + (tr - avg_) / count_ : avg_ + (tr - avg_) / period_;
    return avg_;
}

std::vector<double> wilderAtr(std::span<const Bar> bars, int period) {
    AtrStream stream(period);
    std::vector<double> atr(bars.size());
    for (std::size_t i = 0; i < bars.size(); ++i) {
        atr[i] = stream.next(bars[i], i > 0 ? &bars[i - 1] : nullptr);
    }
    return atr;
}

}  // namespace retest
