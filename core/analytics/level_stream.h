// The analysis of a series that grows, kept between refreshes. A refresh adds a day: the engine
// that saw the earlier bars appends only the new ones. A refresh may also revise the last bar
// (today's bar during the session, this week's bar on a weekly view): the stream then keeps a
// second engine with every bar but the last, and analyses the last on a copy of it. Anything
// else that changed (history, the daily bars a weekly or monthly one was read through,
// settings, manual levels) starts over. The result is exactly
// analyzeLevels() of the same input.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "core/analytics/level_engine.h"
#include "core/analytics/levels.h"

namespace retest {

/// Whether the last bar of a series may still change: a daily bar after the close is final;
/// a weekly or monthly bar changes with every day of its period.
enum class LastBar { Final, MayChange };

class LevelStream {
public:
    explicit LevelStream(const LevelSettings& settings = {},
                         std::vector<ManualLevelInput> manual = {});

    /// analyzeLevels(bars, settings, manual, daily), reusing what earlier updates analysed.
    /// `lastBar`: how a fresh start prepares for the next update (a revised last bar then
    /// costs one bar, not a fresh start).
    LevelAnalysis update(std::span<const Bar> bars, std::span<const Bar> daily = {},
                         LastBar lastBar = LastBar::Final);
    /// Whether this stream was made for these settings and manual levels.
    bool madeFor(const LevelSettings& settings, const std::vector<ManualLevelInput>& manual) const;
    /// How many bars the last update() put through an engine (all of them when it started
    /// over; the new ones, or the revised last one, otherwise).
    std::size_t lastAnalysedBars() const { return lastAnalysed_; }

private:
    /// Appends bars[engine's count .. count) to `engine`; how many it appended.
    std::size_t catchUp(LevelEngine& engine, std::span<const Bar> bars, std::size_t count);

    LevelSettings settings_;
    std::vector<ManualLevelInput> manual_;
    std::vector<Bar> daily_;                 // the engines read it (weekly/monthly pivot days)
    std::optional<LevelEngine> engine_;      // every bar given
    std::optional<LevelEngine> beforeLast_;  // every bar but the last (once it may change)
    std::size_t lastAnalysed_ = 0;
};

}  // namespace retest
