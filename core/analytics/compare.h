// Comparing series: aligning another symbol's closes to a chart's sessions, rebasing to percent
// change from a chosen bar, and relative strength against a benchmark. Pure functions: no Qt.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/model/bar.h"

namespace retest {

/// For each bar of `base`, the close of `other` as of that day: its latest bar dated on or
/// before it (a holiday of one market shows the previous close, as a chart reader expects).
/// NaN before `other`'s first bar. Both ascending by day.
std::vector<double> alignCloses(std::span<const Bar> base, std::span<const Bar> other);

/// The index from which rebasing really starts: `from` itself, or the first later index with a
/// finite, non-zero value. std::nullopt when there is none.
std::optional<std::size_t> rebaseIndex(std::span<const double> values, std::size_t from);

/// Percent change of every value from the value at rebaseIndex(values, from):
/// (v / v0 - 1) * 100. NaN stays NaN; every value is NaN when there is no base.
std::vector<double> rebasePercent(std::span<const double> values, std::size_t from);

/// Percent change from the base (as rebasePercent) to values[to]; std::nullopt when either end
/// has no value or `to` is before the base.
std::optional<double> percentChange(std::span<const double> values, std::size_t from,
                                    std::size_t to);

/// Relative strength of `symbol` against `benchmark` on the days both have: 100 at the first
/// common day, then 100 * (close / close0) / (benchClose / benchClose0). Rising means `symbol`
/// beats the benchmark. Bars with open = high = low = close (it is a line), volume 0.
std::vector<Bar> relativeStrength(std::span<const Bar> symbol, std::span<const Bar> benchmark);

}  // namespace retest
