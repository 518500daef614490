// Daily bars -> weekly or monthly bars. Pure function over a plain array.
#pragma once

#include <span>
#include <vector>

#include "core/model/bar.h"
#include "core/model/timeframe.h"

namespace retest {

/// Aggregates ascending daily bars into `tf` periods: open of the first session, highest high,
/// lowest low, close (and adjusted close) of the last session, summed volume. A period is an
/// ISO week (Monday to Sunday) or a calendar month; its bar is dated by its last session, so a
/// weekly or monthly series never shows a date the data has not reached. Daily returns a copy.
std::vector<Bar> resample(std::span<const Bar> daily, Timeframe tf);

/// The first day of the period (Monday of the ISO week, first of the month) containing `day`.
Day periodStart(Day day, Timeframe tf);

}  // namespace retest
