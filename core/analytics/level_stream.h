// The analysis of a series that grows, kept between refreshes. A refresh adds a day (or
// revises today's bar, or this week's): the bars before the last one are settled, so they stay
// in a LevelEngine and only what is new is appended; the last bar is appended to a copy, since
// the next refresh may change it. Anything else that changed (history, settings, manual levels)
// starts over. The result is exactly analyzeLevels() of the same input.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/analytics/level_engine.h"
#include "core/analytics/levels.h"

namespace retest {

class LevelStream {
public:
    explicit LevelStream(const LevelSettings& settings = {},
                         std::vector<ManualLevelInput> manual = {});

    /// analyzeLevels(bars, settings, manual, daily), reusing what earlier updates analysed.
    LevelAnalysis update(std::span<const Bar> bars, std::span<const Bar> daily = {});
    /// Whether this stream was made for these settings and manual levels.
    bool madeFor(const LevelSettings& settings, const std::vector<ManualLevelInput>& manual) const;
    /// How many bars the last update() put through the engine (all of them when it started
    /// over; the new ones and the last when it could append).
    std::size_t lastAnalysedBars() const { return lastAnalysed_; }

private:
    LevelSettings settings_;
    std::vector<ManualLevelInput> manual_;
    std::vector<Bar> daily_;              // the engines read it (weekly/monthly pivot days)
    std::optional<LevelEngine> settled_;  // every bar but the last
    std::size_t lastAnalysed_ = 0;
};

}  // namespace retest
