// Wilder's average true range (see atr.h).
#include "core/analytics/atr.h"

#include <algorithm>
#include <cmath>

namespace retest {

std::vector<double> wilderAtr(std::span<const Bar> bars, int period) {
    const auto p = static_cast<double>(std::max(period, 1));
    std::vector<double> atr(bars.size());
    double avg = 0;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        double tr = b.high - b.low;
        if (i > 0) {
            const double prev = bars[i - 1].close;
            tr = std::max({tr, std::abs(b.high - prev), std::abs(b.low - prev)});
        }
        const double n = static_cast<double>(i + 1);
        avg = n <= p ? avg + (tr - avg) / n : avg + (tr - avg) / p;
        atr[i] = avg;
    }
    return atr;
}

}  // namespace retest
