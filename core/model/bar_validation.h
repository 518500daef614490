// The one set of rules every bar must pass before it is stored, whatever its source (CSV file,
// Yahoo, Stooq, any later feed): finite positive prices, low <= open, close <= high, volume >= 0,
// a date between 1900-01-01 and tomorrow, and no day given twice with different values.
// Pure functions; the caller adds the file, line, symbol or provider to the reason.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "core/model/bar.h"

namespace retest {

/// 1900-01-01: nothing older is a real daily bar (and older days overflow what users expect).
Day earliestBarDay();
/// Tomorrow (UTC), the latest day a bar may carry (a session east of UTC may already be dated
/// tomorrow).
Day latestBarDay();

/// What is wrong with one bar, e.g. "low 101.5 is above close 100.2"; nullopt when it is valid.
/// `latest` is the last allowed day (latestBarDay() outside tests).
std::optional<std::string> checkBar(const Bar& bar, Day latest);

struct BarProblem {
    std::size_t index = 0;  ///< position in the span given
    Day day = 0;
    std::string reason;
    /// "2020-01-02 (bar 17): low 101.5 is above close 100.2".
    std::string describe() const;
};

/// The first problem in `bars` (any order): an invalid bar, or a day present twice with
/// different values (identical repeats are allowed: sources repeat a day harmlessly).
std::optional<BarProblem> validateBars(std::span<const Bar> bars, Day latest);
inline std::optional<BarProblem> validateBars(std::span<const Bar> bars) {
    return validateBars(bars, latestBarDay());
}

}  // namespace retest
