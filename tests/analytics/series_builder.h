// Hand-built price paths for the level tests: closes walk one point per bar between
// waypoints, each bar spans close +- halfRange, so every pivot and crossing is known.
#pragma once

#include <vector>

#include "core/model/bar.h"
#include "core/model/date.h"

namespace retest::test {

/// Day 0 of every hand-built series.
inline Day seriesStart() {
    return dayFromCivil(2020, 1, 6);
}

inline Bar barAt(std::size_t i, double open, double close, double halfRange) {
    const Day day = seriesStart() + static_cast<Day>(i);
    return Bar{day, open, close + halfRange, close - halfRange, close, close, 1000};
}

/// Closes from waypoints[0] to waypoints[1] to ..., one point per bar, as integers.
inline std::vector<double> walk(const std::vector<int>& waypoints) {
    std::vector<double> closes;
    if (waypoints.empty()) {
        return closes;
    }
    closes.push_back(waypoints.front());
    for (std::size_t k = 1; k < waypoints.size(); ++k) {
        const int step = waypoints[k] > waypoints[k - 1] ? 1 : -1;
        for (int c = waypoints[k - 1] + step; c != waypoints[k] + step; c += step) {
            closes.push_back(c);
        }
    }
    return closes;
}

/// A year of bars: the history a peak needs before it to count as a record.
inline constexpr std::size_t kYearOfBars = 365;

/// `closes` after kYearOfBars closes at its first one, flat: no swing, but a year of history.
inline std::vector<double> afterAFlatYear(const std::vector<double>& closes) {
    std::vector<double> out(kYearOfBars, closes.empty() ? 0.0 : closes.front());
    out.insert(out.end(), closes.begin(), closes.end());
    return out;
}

/// Bars with the given closes; each opens at the previous close.
inline std::vector<Bar> barsFromCloses(const std::vector<double>& closes, double halfRange = 0.5) {
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < closes.size(); ++i) {
        bars.push_back(barAt(i, i > 0 ? closes[i - 1] : closes[i], closes[i], halfRange));
    }
    return bars;
}

}  // namespace retest::test
