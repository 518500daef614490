// The breakout / breakdown and retest state machine of one level, fed one bar at a time.
// Exposed for tests; callers normally use analyzeLevels().
//
// A level has a core range (its pivots' close-to-wick span) and, inside it, the prices that
// decide a crossing on a closing basis: the highest close of its peaks (the record close, for
// an old all-time high) and the lowest close of its troughs. With price below, the first close
// above that line is a breakout (above it, the first close below the lower line a breakdown).
// After a breakout:
//   none       -> retesting  a later bar's low comes back to the core top (within `touchAtr`)
//   retesting  -> held       a close back above the line
//   held       -> retesting  a close back under the line, or a new visit after price got clear
//                            of the zone (more than `awayAtr` above it)
//   any        -> failed     `failCloses` closes in a row below the core by `failAtr`; the
//                            breakout is over, and the next close above the line is a new one.
// Breakdowns are the mirror image. The ATR used on a bar is the one known before it.
#pragma once

#include <cstddef>
#include <optional>

#include "core/analytics/levels.h"

namespace retest {

enum class PriceSide { Unknown, Above, Below };

/// What one bar did to a level.
struct TrackerStep {
    std::optional<LevelEventType> opened;  ///< a breakout or breakdown on this bar
    std::optional<RetestState> state[2];   ///< up to two retest state changes, in order
};

/// The prices a tracker watches (see above); breakLow <= breakHigh, inside [coreLow, coreHigh].
struct LevelBand {
    double coreLow = 0;
    double coreHigh = 0;
    double breakLow = 0;
    double breakHigh = 0;
};

/// The rules' distances in price for one ATR: worked out once per bar, not once per level.
struct RetestMargins {
    RetestMargins() = default;
    RetestMargins(const RetestRules& rules, double atr)
        : touch(rules.touchAtr * atr), fail(rules.failAtr * atr), away(rules.awayAtr * atr) {}
    double touch = 0;
    double fail = 0;
    double away = 0;
};

class RetestTracker {
public:
    explicit RetestTracker(PriceSide side = PriceSide::Unknown) : side_(side) {}

    /// Bar `b` against the level; `atr` is the ATR before this bar. `canOpen`: whether a
    /// crossing opens an event (major levels) or only moves the side.
    TrackerStep step(const Bar& b, double atr, const LevelBand& band, bool canOpen,
                     const RetestRules& rules);

    PriceSide side() const { return side_; }
    bool open() const { return open_; }
    LevelEventType type() const { return type_; }
    RetestState state() const { return state_; }
    /// A failure is being counted: the next bar matters even if price is far from the level.
    bool pending() const { return runFail_ > 0; }
    /// Whether step() would leave the tracker as it is and report nothing: a cheap test for
    /// the many bars that pass a level by (it may say false for some quiet bars, never true for
    /// a bar that changes anything).
    bool quiet(const Bar& b, double atr, const LevelBand& band, const RetestRules& rules) const {
        return quiet(b, band, RetestMargins(rules, atr));
    }
    bool quiet(const Bar& b, const LevelBand& band, const RetestMargins& margins) const;

    /// Open, counting no failure, and waiting for price to come back (not retested yet, or
    /// held and gone away): while price is on the side returned (the breakout's side), nothing
    /// can happen until a bar reaches the level again. Unknown when the tracker is not waiting.
    PriceSide waitsBeyond() const {
        const bool waits = open_ && runFail_ == 0 &&
                           (state_ == RetestState::None || (state_ == RetestState::Held && away_));
        return !waits ? PriceSide::Unknown
                      : (type_ == LevelEventType::Breakout ? PriceSide::Above : PriceSide::Below);
    }

    bool operator==(const RetestTracker&) const = default;

private:
    void advance(const Bar& b, double atr, const LevelBand& band, const RetestRules& rules,
                 TrackerStep& out);
    void set(RetestState s, TrackerStep& out);

    PriceSide side_;
    bool open_ = false;
    LevelEventType type_ = LevelEventType::Breakout;
    RetestState state_ = RetestState::None;
    int runFail_ = 0;
    bool away_ = false;
};

inline bool RetestTracker::quiet(const Bar& b, const LevelBand& band,
                                 const RetestMargins& margins) const {
    if (!open_) {
        const bool above = b.close > band.breakHigh;
        const bool below = b.close < band.breakLow;
        return side_ == PriceSide::Above ? !below : (side_ == PriceSide::Below ? !above : false);
    }
    // The conditions of advance(), each of which would change something, ruled out.
    const bool up = type_ == LevelEventType::Breakout;
    const double sign = up ? 1.0 : -1.0;
    const double beyondEdge = sign * ((up ? b.low : b.high) - (up ? band.coreHigh : band.coreLow));
    const double closeBeyond = sign * (b.close - (up ? band.breakHigh : band.breakLow));
    const bool throughFail = sign * ((up ? band.coreLow : band.coreHigh) - b.close) > margins.fail;
    if (runFail_ != 0 || throughFail) {
        return false;  // counting a failure, or failing
    }
    const bool entered = beyondEdge <= margins.touch;
    switch (state_) {
        case RetestState::None:
            return !entered;
        case RetestState::Held:
            // Neither back under the line, nor a new visit after getting away, nor getting away.
            return closeBeyond > 0 && (entered ? !away_ : away_ || !(beyondEdge > margins.away));
        case RetestState::Retesting:
            return closeBeyond <= 0;
        case RetestState::Failed:
            return false;
    }
    return false;
}

}  // namespace retest
