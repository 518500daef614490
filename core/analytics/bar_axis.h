// A chart's time axis is bar positions (bar i at x = i), not calendar days. This is where a
// calendar day falls on it and back: one mapping for the chart's drawings and for the alerts
// that follow a drawn trend line, so both see the same line.
#pragma once

#include <span>

#include "core/model/bar.h"
#include "core/model/timeframe.h"

namespace retest {

/// Calendar days per bar past either end of the data: a session per 7/5 days on daily bars,
/// a week, or an average month.
double daysPerBar(Timeframe tf);

/// Where `day` falls on the axis of `bars` (ascending, of timeframe `tf`): the index of the
/// bar whose period holds it, the next bar's for a day without one (a weekend, a holiday),
/// and past either end one bar per daysPerBar(tf) days.
double barAxisPosition(std::span<const Bar> bars, Timeframe tf, Day day);

/// The day at axis position `x`: the nearest bar's day, past either end extrapolated as
/// barAxisPosition() does. barAxisPosition() of a bar's day gives its index back.
Day barAxisDay(std::span<const Bar> bars, Timeframe tf, double x);

}  // namespace retest
