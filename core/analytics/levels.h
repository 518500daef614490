// Support/resistance zones, major peaks and troughs, the all-time high, and breakouts with the
// state of their retest: what a chartist would mark on a chart, computed from bars alone.
// Pure functions over a plain array of bars: no Qt, no I/O, no state between calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/bar.h"

namespace retest {

struct LevelSettings {
    /// The one user-facing knob, 0..1. Higher finds smaller swings (a smaller zigzag reversal),
    /// narrower zones and keeps more of them; lower keeps only the big, obvious levels.
    double sensitivity = 0.5;
    /// Wilder ATR period; the volatility unit for zone widths, margins and distances.
    int atrPeriod = 14;
    /// A close must be beyond the zone by this many ATR to confirm a breakout or a failure.
    double marginAtr = 0.5;
    /// How many consecutive closes beyond the margin confirm a breakout or a failure (>= 1).
    int confirmCloses = 1;
};

/// A level the user placed on the chart. Becomes a zone (manual = true) of the usual width.
struct ManualLevelInput {
    double price = 0;
    std::string label;    ///< shown in descriptions; empty -> "manual level PRICE"
    std::int64_t id = 0;  ///< the cache's id of the level (0: none); becomes Zone::manualId
};

enum class LevelKind { Support, Resistance };
/// "support" / "resistance".
std::string_view levelKindName(LevelKind kind);

/// One bar that tested a zone: its range reached into the zone (no tolerance: low <= zone.high
/// and high >= zone.low). A visit to the zone yields one touch, its deepest bar.
struct LevelTouch {
    std::size_t index = 0;  ///< into the bars given
    Day day = 0;
    double price = 0;        ///< the bar's low when tested from above, its high from below
    bool fromAbove = false;  ///< price came down into the zone (tested it as support)
    bool rejection = false;  ///< price left the zone on the side it came from
};

struct Zone {
    /// Stable identity: "H2021-11-08" / "L2020-03-23" for the defining peak or trough (its
    /// kind and day), "M<id>" for a manual level. The same level keeps its id as bars arrive.
    std::string id;
    /// The manual level this zone holds (ManualLevelInput::id), 0 when none.
    std::int64_t manualId = 0;
    double price = 0;  ///< centre
    double low = 0;
    double high = 0;
    LevelKind kind = LevelKind::Support;  ///< relative to the last close
    std::vector<LevelTouch> touches;      ///< oldest first
    Day firstTouch = 0;
    Day lastTouch = 0;
    int rejections = 0;
    /// It rejected price in the opposite role before: old resistance now support or the reverse.
    bool flipped = false;
    double strength = 0;  ///< 0..100
    std::string why;      ///< the strength in words
    /// Holds a major peak or trough (or is manual): breakouts and retests are tracked for it.
    bool major = false;
    /// Holds a peak that was an all-time high when it was made.
    bool record = false;
    bool manual = false;
    /// "the 2007 high", "the 2009 low", or the manual label.
    std::string name;
};

/// A swing point. For a peak: the highest high between the neighbouring troughs and the highest
/// close there; for a trough the lowest low and lowest close.
struct Extreme {
    std::size_t index = 0;
    Day day = 0;
    double price = 0;  ///< intraday high (peak) or low (trough)
    std::size_t closeIndex = 0;
    Day closeDay = 0;
    double close = 0;
};

struct AllTimeHigh {
    double high = 0;
    Day highDay = 0;
    double close = 0;
    Day closeDay = 0;
};

enum class LevelEventType { Breakout, Breakdown };
/// "breakout" / "breakdown".
std::string_view levelEventTypeName(LevelEventType type);

enum class RetestState {
    None,       ///< price has not come back to the zone since the breakout
    Retesting,  ///< price came back into the zone and has not closed out of it yet
    Held,       ///< came back into the zone, then closed back on the breakout side
    Failed,     ///< closed through the zone the wrong way by the margin: the breakout is over
};
/// "none" / "retesting" / "held" / "failed".
std::string_view retestStateName(RetestState state);

struct RetestStep {
    RetestState state = RetestState::None;
    std::size_t index = 0;
    Day day = 0;
};

/// A close beyond a major zone by the margin (for breakdowns: below), and what came after.
struct LevelEvent {
    /// Stable identity: the zone's id, the direction and the day ("H2021-11-08/up/2025-09-18").
    std::string id;
    /// The level's name as of the event day ("the Nov-2021 record high"), as in descriptions.
    std::string name;
    LevelEventType type = LevelEventType::Breakout;
    std::size_t index = 0;  ///< the confirming bar
    Day day = 0;
    std::size_t zone = 0;  ///< into LevelAnalysis::zones
    double level = 0;      ///< zone centre
    double low = 0;
    double high = 0;
    /// % from the confirming close to the last close (positive = price rose).
    double movePct = 0;
    RetestState retest = RetestState::None;
    Day retestDay = 0;                ///< day of the latest state change; 0 while None
    std::vector<RetestStep> history;  ///< every state change, oldest first
    /// Last close from the zone's nearest edge: > 0 above, < 0 below, 0 inside.
    double distancePct = 0;
    double distanceAtr = 0;
    /// e.g. "Retesting the 2007 high since 2020-03-09, 0.4% above the zone".
    std::string description;
};

struct LevelAnalysis {
    Day asOf = 0;  ///< day of the last bar; 0 with no bars
    double lastClose = 0;
    double atr = 0;  ///< at the last bar
    std::optional<AllTimeHigh> allTimeHigh;
    /// The latest peak that was a record when made and was exceeded later ("the old ATH").
    std::optional<Extreme> priorAllTimeHigh;
    /// The last breakout above the prior all-time high, into `events`.
    std::optional<std::size_t> priorHighBreakout;
    std::vector<Zone> zones;            ///< sorted by price, disjoint
    std::vector<Extreme> majorPeaks;    ///< oldest first
    std::vector<Extreme> majorTroughs;  ///< oldest first
    std::vector<LevelEvent> events;     ///< oldest first
};

/// The whole analysis of ascending bars. Results depend only on the bars given (callers slice
/// the array for "as of" views). Fewer bars than needed give empty results, never an error.
LevelAnalysis analyzeLevels(std::span<const Bar> bars, const LevelSettings& settings = {},
                            std::span<const ManualLevelInput> manual = {});

}  // namespace retest
