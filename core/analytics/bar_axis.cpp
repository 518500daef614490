// Calendar days <-> bar positions on a chart's time axis (see bar_axis.h).
#include "core/analytics/bar_axis.h"

#include <algorithm>
#include <cmath>

#include "core/analytics/resample.h"

namespace retest {

double daysPerBar(Timeframe tf) {
    switch (tf) {
        case Timeframe::Daily:
            return 7.0 / 5.0;
        case Timeframe::Weekly:
            return 7.0;
        case Timeframe::Monthly:
            return 30.44;
    }
    return 7.0 / 5.0;
}

double barAxisPosition(std::span<const Bar> bars, Timeframe tf, Day day) {
    if (bars.empty()) {
        return 0;
    }
    const Day key = periodStart(day, tf);
    const auto it = std::lower_bound(bars.begin(), bars.end(), key,
                                     [](const Bar& b, Day d) { return b.day < d; });
    if (it == bars.end()) {
        return static_cast<double>(bars.size() - 1) + (day - bars.back().day) / daysPerBar(tf);
    }
    if (it == bars.begin() && key < periodStart(bars.front().day, tf)) {
        return -(bars.front().day - day) / daysPerBar(tf);
    }
    return static_cast<double>(it - bars.begin());
}

Day barAxisDay(std::span<const Bar> bars, Timeframe tf, double x) {
    if (bars.empty()) {
        return 0;
    }
    const double dpb = daysPerBar(tf);
    const long i = std::lround(x);
    const long n = static_cast<long>(bars.size());
    if (i < 0) {
        return bars.front().day - static_cast<Day>(std::lround(-x * dpb));
    }
    if (i >= n) {
        return bars.back().day +
               static_cast<Day>(std::lround((x - static_cast<double>(n - 1)) * dpb));
    }
    return bars[static_cast<std::size_t>(i)].day;
}

}  // namespace retest
