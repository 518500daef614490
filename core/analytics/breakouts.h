// Breakouts and breakdowns through one zone, and the state of the retest after each.
// Exposed for tests; callers normally use analyzeLevels().
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/analytics/levels.h"

namespace retest {

enum class StartSide { Unknown, Above, Below };

/// Walks bars from `start` (exclusive) to the end. A breakout needs price on the Below side
/// first; a breakdown, the Above side; Unknown learns the side from the first close beyond the
/// margin. Events carry zone index `zoneIndex`, distances and a description; oldest first.
std::vector<LevelEvent> trackBreakouts(std::span<const Bar> bars, std::span<const double> atr,
                                       const Zone& zone, std::size_t zoneIndex, std::size_t start,
                                       StartSide side, const LevelSettings& settings);

/// One zone to follow: from bar `start` (exclusive), price first on `side`.
struct BreakoutTrack {
    const Zone* zone = nullptr;
    std::size_t zoneIndex = 0;
    std::size_t start = 0;
    StartSide side = StartSide::Unknown;
};

/// trackBreakouts() for many zones in one pass over the bars; one event list per track.
std::vector<std::vector<LevelEvent>> trackBreakouts(std::span<const Bar> bars,
                                                    std::span<const double> atr,
                                                    std::span<const BreakoutTrack> tracks,
                                                    const LevelSettings& settings);

/// The event in words, e.g. "Retesting the 2007 high since 2020-03-09, 0.4% above the zone".
std::string describeEvent(const LevelEvent& event, const std::string& levelName);

/// "0.4% above the zone", "inside the zone", "2.1% below the zone".
std::string describeDistance(double distancePct);

}  // namespace retest
