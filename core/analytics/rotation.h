// The rotation board's numbers for one symbol against a benchmark: period returns, relative
// strength and its momentum (an RRG-style quadrant), distance from highs, nearest levels and
// the headline breakout. Pure functions over arrays of daily bars, "as of" a day: bars after it
// are never looked at.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/analytics/levels.h"
#include "core/model/bar.h"

namespace retest {

/// 1W, 1M, 3M, 6M, YTD, 1Y, in this order everywhere (JSON keys, table columns).
enum class ReturnPeriod { Week1, Month1, Month3, Month6, Ytd, Year1 };
inline constexpr std::size_t kReturnPeriodCount = 6;
inline constexpr std::array<ReturnPeriod, kReturnPeriodCount> kReturnPeriods = {
    ReturnPeriod::Week1,  ReturnPeriod::Month1, ReturnPeriod::Month3,
    ReturnPeriod::Month6, ReturnPeriod::Ytd,    ReturnPeriod::Year1};
/// "1W", "1M", "3M", "6M", "YTD", "1Y".
std::string_view returnPeriodName(ReturnPeriod period);

/// The calendar day a period starts from, measured back from `last`: 7 days for 1W; the same
/// day N months earlier for 1M/3M/6M/1Y (clamped to the month's end: 31 Mar - 1M = 28/29 Feb);
/// 31 December of the previous year for YTD.
Day periodAnchor(Day last, ReturnPeriod period);

/// Percent return from the last close on or before periodAnchor(last bar's day) to the last
/// close. std::nullopt when no bar is that old (history too short) or `bars` is empty.
std::optional<double> periodReturn(std::span<const Bar> bars, ReturnPeriod period);

/// Index of the last bar with day <= `day` in ascending bars, or std::nullopt.
std::optional<std::size_t> lastIndexOnOrBefore(std::span<const Bar> bars, Day day);

/// The bars up to and including `asOf` (a prefix: nothing after it is visible).
std::span<const Bar> barsAsOf(std::span<const Bar> bars, Day asOf);

struct RotationSettings {
    /// RS-Ratio compares the weekly relative strength with its mean over this many weeks.
    int ratioWeeks = 10;
    /// RS-Momentum is the change of RS-Ratio over this many weeks.
    int momentumWeeks = 4;
    /// Weekly points kept in the tail for the plot (the last one is the current point).
    int tailWeeks = 8;
    LevelSettings levels;
    /// computeRotationBoard(): analyse every symbol at this sensitivity; unset, each at the one
    /// last chosen on its chart (levelSensitivityFor()), as `scan` does.
    std::optional<double> levelSensitivity;
};

enum class Quadrant { Leading, Weakening, Lagging, Improving };
/// "leading", "weakening", "lagging", "improving".
std::string_view quadrantName(Quadrant q);
/// RS-Ratio >= 100 and RS-Momentum >= 100: leading; ratio >= 100, momentum < 100: weakening;
/// both < 100: lagging; ratio < 100, momentum >= 100: improving.
Quadrant quadrantOf(double rsRatio, double rsMomentum);

/// One week of the rotation plot.
struct RotationPoint {
    Day day = 0;  ///< the week's last common session
    double rsRatio = 100;
    double rsMomentum = 100;
};

/// Relative strength of `symbol` against `benchmark` on weekly closes of common weeks:
///   RS_t       = 100 * close_t / benchmarkClose_t
///   RS-Ratio_t = 100 * RS_t / mean(RS over the last ratioWeeks weeks, t included)
///   RS-Mom_t   = 100 * RS-Ratio_t / RS-Ratio_(t - momentumWeeks)
/// Both hover around 100 (a JdK-style normalisation). One point per week from the first week
/// that has both, oldest first; empty when there are too few common weeks.
std::vector<RotationPoint> rotationSeries(std::span<const Bar> symbol,
                                          std::span<const Bar> benchmark,
                                          const RotationSettings& settings = {});

/// One row of the board.
struct RotationRow {
    Day asOf = 0;  ///< the last bar's day (0: no data up to the requested day)
    double last = 0;
    std::array<std::optional<double>, kReturnPeriodCount> returns;
    std::optional<double> rsRatio;
    std::optional<double> rsMomentum;
    std::optional<Quadrant> quadrant;
    std::vector<RotationPoint> tail;       ///< oldest first, at most tailWeeks
    std::optional<double> fromHigh52wPct;  ///< last close vs the highest high of 52 weeks
    std::optional<double> fromAthPct;      ///< last close vs the highest high of all bars
    LevelAnalysis levels;                  ///< nearest levels, events, as of asOf
    /// The nearest shown support and resistance, as `scan` gives them (nearestShownZone()).
    const Zone* nearestSupport() const;
    const Zone* nearestResistance() const;
    /// The breakout or breakdown that answers "is it holding?" (LevelAnalysis::headline), as
    /// `scan`, the chart's state box and exported images give it; nullptr when none is live.
    const LevelEvent* headlineEvent() const;
};

/// The row of `symbol` as of `asOf` (bars after it are ignored) against `benchmark`, its
/// levels analysed with `settings.levels` and the symbol's `manual` levels. Without benchmark
/// bars the relative-strength fields stay empty.
RotationRow rotationRow(std::span<const Bar> symbol, std::span<const Bar> benchmark, Day asOf,
                        const RotationSettings& settings = {},
                        std::span<const ManualLevelInput> manual = {});

}  // namespace retest
