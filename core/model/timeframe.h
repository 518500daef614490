// Bar period of a chart: daily bars as stored, or weekly/monthly bars resampled from them.
#pragma once

#include <optional>
#include <string_view>

namespace retest {

enum class Timeframe { Daily, Weekly, Monthly };

/// "D", "W", "M" (case-insensitive; "daily", "weekly", "monthly" too).
std::optional<Timeframe> parseTimeframe(std::string_view text);
/// "D", "W" or "M".
std::string_view timeframeCode(Timeframe tf);
/// "Daily", "Weekly" or "Monthly".
std::string_view timeframeName(Timeframe tf);

}  // namespace retest
