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
#include <utility>
#include <vector>

#include "core/model/bar.h"
#include "core/model/timeframe.h"

namespace retest {

/// When a breakout counts, when it is being retested and when it failed (see retest_tracker.h).
struct RetestRules {
    double touchAtr = 0.25;  ///< a near miss this close to the level still tests it
    double failAtr = 1.0;    ///< how far back through the level a close must be to fail
    int failCloses = 2;      ///< how many such closes in a row (>= 1)
    double awayAtr = 2.0;    ///< how far price must get before a new visit reopens a retest
    friend bool operator==(const RetestRules&, const RetestRules&) = default;
};

struct LevelSettings {
    /// The one user-facing knob, 0..1. Higher finds smaller swings and shows more levels;
    /// lower shows only the big, obvious ones (the record and the nearest major levels).
    double sensitivity = 0.5;
    /// Wilder ATR period; the volatility unit for zone widths, margins and distances.
    int atrPeriod = 14;
    RetestRules rules;
    friend bool operator==(const LevelSettings&, const LevelSettings&) = default;
};

/// A level the user placed on the chart. Becomes a zone (manual = true) of the usual width.
struct ManualLevelInput {
    double price = 0;
    std::string label;    ///< shown in descriptions; empty -> "manual level PRICE"
    std::int64_t id = 0;  ///< the cache's id of the level (0: none); becomes Zone::manualId
    friend bool operator==(const ManualLevelInput&, const ManualLevelInput&) = default;
};

enum class LevelKind { Support, Resistance };
/// "support" / "resistance".
std::string_view levelKindName(LevelKind kind);

/// One bar that tested a zone: its range reached into the zone, or within the near-miss
/// allowance of it (RetestRules::touchAtr). A visit to the zone yields one touch, its deepest
/// bar; a pivot of the zone is a touch too.
struct LevelTouch {
    std::size_t index = 0;  ///< into the bars given
    Day day = 0;
    double price = 0;        ///< the bar's low when tested from above, its high from below
    bool fromAbove = false;  ///< price came down into the zone (tested it as support)
    bool rejection = false;  ///< price left the zone on the side it came from
    /// The first bar of its visit (`index` is the deepest); a pivot's own bar for a pivot of
    /// the zone found outside a visit.
    std::size_t start = 0;
    /// The bar from which the touch is as here: the one that ended its visit, or confirmed the
    /// zone's pivot the touch is. Before it the visit was under way (zoneAsOf()). SIZE_MAX for
    /// a visit under way at the last bar.
    std::size_t end = 0;
    /// The bar from which `rejection` is known: `end`, or the bar that confirmed a pivot of
    /// the zone in the visit, which makes it a rejection. Before it, no rejection yet.
    std::size_t decided = 0;
};

/// A zone's bounds from bar `from` on: a later swing at the level can widen it.
struct ZoneBounds {
    std::size_t from = 0;
    double low = 0;
    double high = 0;
    double coreLow = 0;
    double coreHigh = 0;
};

/// A zone's name from bar `from` on: a record or major swing joining it later renames it, and
/// so does a later bar of its pivot's month going beyond it ("the Mar-2020 low" becomes "the
/// 12-Mar-2020 low" on the bar that went lower).
struct ZoneName {
    std::size_t from = 0;
    std::string name;
    double price = 0;  ///< its pivot's wick
};

/// A pivot a zone's explanation cites (Zone::why: "holds the Nov-2021 record high 2,458.86
/// (close 2,442.74)"), with the bars from which it is known, major and named with its day: what
/// a view of an earlier day explains the zone with.
struct ZonePivot {
    Day day = 0;       ///< of its extreme
    double wick = 0;   ///< its high (a peak) or low (a trough)
    double close = 0;  ///< the extreme close of its swing
    bool peak = false;
    bool record = false;               ///< a record high when made (see pivotName())
    std::size_t knownFrom = 0;         ///< the bar that confirmed it, and it joined the zone
    std::size_t majorFrom = SIZE_MAX;  ///< the bar from which it is a major swing; SIZE_MAX: never
    /// The bar from which a later bar of its month went beyond it, so its name carries its day
    /// ("the 12-Mar-2020 low"); SIZE_MAX: none had by the last bar.
    std::size_t datedFrom = SIZE_MAX;
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
    /// Relative to the last close: support below it, resistance above. With the close inside
    /// the zone, a live breakout through it makes it support and a breakdown resistance;
    /// otherwise the side of its price decides.
    LevelKind kind = LevelKind::Support;
    std::vector<LevelTouch> touches;  ///< oldest first
    Day firstTouch = 0;
    Day lastTouch = 0;
    int rejections = 0;
    /// It rejected price in the opposite role before: old resistance now support or the reverse.
    bool flipped = false;
    double strength = 0;  ///< 0..100
    std::string why;      ///< the strength in words
    /// Holds a major peak or trough (or is manual): breakouts and retests are tracked for it.
    bool major = false;
    /// Holds a peak that was an all-time high when it was made (with a year of bars before it).
    bool record = false;
    /// The bars from which `major` and `record` hold (a later swing can make a level either):
    /// what a view of an earlier day reads.
    std::size_t majorFrom = 0;
    std::size_t recordFrom = 0;
    bool manual = false;
    /// "the Nov-2021 record high", "the Mar-2020 low", or the manual label: named for its
    /// defining pivot (its oldest record or major swing, else its oldest pivot).
    std::string name;
    /// The pivots' close-to-wick span the zone was drawn from; low/high add a small ATR pad.
    /// Breakouts are a close beyond the core.
    double coreLow = 0;
    double coreHigh = 0;
    /// The bar from which the level was known (its first pivot confirmed); 0 for manual levels.
    std::size_t knownFrom = 0;
    /// Its bounds as they grew, oldest first: the first from knownFrom, the last those above.
    /// Empty for manual levels, which keep theirs (see boundsAsOf()).
    std::vector<ZoneBounds> bounds;
    /// Its names as it was renamed, oldest first (the last is name); empty when it never was.
    std::vector<ZoneName> names;
    /// The pivots its explanation cites on some bar (its records and major swings, and each
    /// pivot it was named for), in the order they joined it. Empty for manual levels.
    std::vector<ZonePivot> pivots;
    /// (from bar, into pivots): the pivot it is named for from that bar on, oldest first.
    std::vector<std::pair<std::size_t, std::size_t>> namedBy;
    /// Every bar that was the deepest of its visit so far when it came (a visit's first bar,
    /// then each bar that went deeper), ascending: where a visit under way on an earlier day
    /// had its touch then (zoneAsOf()).
    std::vector<std::size_t> deepenings;
    /// Kept by the default selection (the record, the nearest major levels, the nearest level
    /// on each side, every live retest, manual levels, more with a higher sensitivity). Hidden
    /// zones stay in the list so events can name them; views draw only the shown ones.
    bool shown = true;
    /// Set on zones found on weekly or monthly bars and shown on a lower timeframe.
    std::optional<Timeframe> timeframe;
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
/// The state of a retest in words, for lists: "not retested yet", "retesting", "retest held",
/// "failed"; with `day` (the day it changed, not for "not retested yet"), "retesting since
/// 2025-12-29", "retest held 2025-11-26", "failed 2025-11-14".
std::string retestSummary(RetestState state, std::optional<Day> day = std::nullopt);

struct RetestStep {
    RetestState state = RetestState::None;
    std::size_t index = 0;
    Day day = 0;
    double close = 0;  ///< the close of that bar
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
    /// The close that made the event.
    double close = 0;
    /// The close it crossed: the level's closing high for a breakout (the record close of an
    /// old all-time high), its closing low for a breakdown. Crossings are on a closing basis,
    /// so a breakout may close under the high the level is named for, above this line.
    double line = 0;
    /// What `line` is: a close of the level's pivots, or its zone's edge (a breakout through a
    /// level of lows only) or a manual level's price.
    enum class Line : std::uint8_t { RecordClose, ClosingHigh, ClosingLow, ZoneTop, ZoneBottom };
    Line lineKind = Line::ClosingHigh;
    /// The price the level is named for (its pivot's high or low; a manual level's price).
    double namedPrice = 0;
    /// The level was a major record (an old all-time high) on the event's day.
    bool record = false;
    /// % from the confirming close to the last close (positive = price rose).
    double movePct = 0;
    RetestState retest = RetestState::None;
    Day retestDay = 0;                ///< day of the latest state change; 0 while None
    std::vector<RetestStep> history;  ///< every state change, oldest first
    /// Last close from the zone's nearest edge: > 0 above, < 0 below, 0 inside.
    double distancePct = 0;
    double distanceAtr = 0;
    /// What happened and when, with the price then; the distance from the last close once,
    /// labelled "now": "Broke out above the Nov-2021 record high on 2025-09-18 (close
    /// 2,467.70); retest held on 2025-10-03; now 0.6% above the zone". Made from the fields
    /// above when asked: an analysis holds thousands of events and shows a few.
    std::string description() const;
};

struct LevelAnalysis {
    Day asOf = 0;  ///< day of the last bar; 0 with no bars
    double lastClose = 0;
    double atr = 0;  ///< at the last bar
    std::optional<AllTimeHigh> allTimeHigh;
    /// Weekly or monthly bars read through their days: each bar that made a new high, with the
    /// day of that high (allTimeHighAsOf() dates a past view's high by it). Empty otherwise.
    std::vector<std::pair<std::size_t, Day>> highDays;
    /// The latest peak that was a record when made and was exceeded later ("the old ATH").
    std::optional<Extreme> priorAllTimeHigh;
    /// The last breakout above the prior all-time high, into `events`.
    std::optional<std::size_t> priorHighBreakout;
    std::vector<Zone> zones;            ///< sorted by price, disjoint
    std::vector<Extreme> majorPeaks;    ///< oldest first
    std::vector<Extreme> majorTroughs;  ///< oldest first
    std::vector<LevelEvent> events;     ///< oldest first
    /// How many zones the default selection hides (Zone::shown false).
    std::size_t hiddenZones = 0;
    /// The sensitivity the analysis was made with (LevelSettings::sensitivity, clamped).
    double sensitivity = 0.5;
    /// On a daily chart: the weekly and monthly major levels (higherTimeframeZones()), marked
    /// with their timeframe, for the big picture in one view. Filled by the caller.
    std::vector<Zone> higherTimeframe;
    /// The event that answers "is the breakout holding?" as of the last bar (headlineEvent()).
    std::optional<std::size_t> headline;
};

/// The whole analysis of ascending bars. Causal: what is reported for bar i depends on bars
/// 0..i only, so the analysis of a prefix is the same stream cut short (no repainting).
/// Fewer bars than needed give empty results, never an error. `daily`: for weekly or monthly
/// bars, the daily bars they were built from, so pivots and the all-time high are dated on the
/// day of the extreme rather than the period's last session, and breakouts and retests are
/// decided on the daily closes (dated on their day, on the bar that holds it), with zones
/// measured in daily ATRs: the daily chart's verdicts (level_engine.h). Given daily bars as
/// `bars`, the same as without them.
LevelAnalysis analyzeLevels(std::span<const Bar> bars, const LevelSettings& settings = {},
                            std::span<const ManualLevelInput> manual = {},
                            std::span<const Bar> daily = {});

/// The events as they stood at the close of bar `lastIndex` (< bars.size()): later events
/// dropped, retest history cut, distances and descriptions as of that bar. Exact, because the
/// analysis is causal.
std::vector<LevelEvent> eventsAsOf(const LevelAnalysis& analysis, std::span<const Bar> bars,
                                   std::size_t lastIndex);

/// The event that answers the question a trader asks of this chart: the latest breakout or
/// breakdown through the prior record, else through the major level nearest to price (within
/// 5 ATRs of it, or opened or moved on in the 92 days before `asOf`, the day of bar
/// `lastIndex`), that is still live (not failed, or failed within four weeks of `asOf`; not one
/// price left more than 10 ATRs or 25 % behind with no change for over a year before `asOf`:
/// on monthly bars ten ATRs can be twice the price).
/// std::nullopt when none is.
std::optional<std::size_t> headlineEvent(std::span<const LevelEvent> events, std::size_t lastIndex,
                                         Day asOf);

/// The zone of `kind` nearest the last close (by its price) among those the default selection
/// shows (Zone::shown): the nearest support or resistance of `levels`, `scan` and the rotation
/// board. nullptr when there is none.
const Zone* nearestShownZone(const LevelAnalysis& analysis, LevelKind kind);

/// The latest event of each zone of `analysis` (an index into its events, which are in bar
/// order), std::nullopt for a zone price never broke through: what the levels panel's Retest
/// column shows.
std::vector<std::optional<std::size_t>> latestEventOfEachZone(const LevelAnalysis& analysis);

/// Whether `price` is within the zone (its padded low to high).
bool inZone(const Zone& zone, double price);
/// How far a zone is from `close`, as every list of levels gives it: in percent from `close` to
/// the zone's price, 0 when `close` is within the zone (a support can sit on a line above price
/// while price retests it from inside).
double zoneDistancePct(const Zone& zone, double close);
/// zoneDistancePct() in words: "+2.7%", "-0.4%", or "inside" within the zone.
std::string zoneDistanceText(const Zone& zone, double close);

/// What price has to clear above the last close: the nearest shown resistance, else the
/// all-time high when it is above price (days after a record, before the pullback makes a level
/// of it), as the chart's all-time-high line shows it. `zone` is nullptr for the all-time high.
struct Overhead {
    double price = 0;
    const Zone* zone = nullptr;
};
std::optional<Overhead> overhead(const LevelAnalysis& analysis);

/// What `zone` is to a close of `close`: support below it, resistance above; inside it,
/// support while a breakout through it is live (`live`: the type of its open event, if any),
/// resistance while a breakdown is, else the side of its price. Zone::kind is this at the
/// last bar.
LevelKind zoneKind(const Zone& zone, double close, std::optional<LevelEventType> live);
LevelKind zoneKind(const ZoneBounds& bounds, double price, double close,
                   std::optional<LevelEventType> live);

/// Zone::kind of every zone of `analysis` as of bar `lastIndex` of `bars`, from `events` (as of
/// that bar, see eventsAsOf()): a view of 2009 reads the old record above it as resistance,
/// whatever it became later.
std::vector<LevelKind> zoneKindsAsOf(const LevelAnalysis& analysis,
                                     std::span<const LevelEvent> events, std::span<const Bar> bars,
                                     std::size_t lastIndex);

/// The all-time high and highest close as of bar `lastIndex` of `bars`, dated as the analysis
/// of the bars up to it dates them (a weekly or monthly high on its day: LevelAnalysis::highDays).
/// nullopt without bars.
std::optional<AllTimeHigh> allTimeHighAsOf(const LevelAnalysis& analysis, std::span<const Bar> bars,
                                           std::size_t lastIndex);

/// Whether `zone` held a major swing (was manual), and a record, on bar `lastIndex`.
inline bool majorAsOf(const Zone& zone, std::size_t lastIndex) {
    return zone.major && zone.majorFrom <= lastIndex;
}
inline bool recordAsOf(const Zone& zone, std::size_t lastIndex) {
    return zone.record && zone.recordFrom <= lastIndex;
}
/// The bounds `zone` had on bar `lastIndex` (its first ones before it was known).
ZoneBounds boundsAsOf(const Zone& zone, std::size_t lastIndex);
/// The name `zone` had on bar `lastIndex` (its first before it was known).
const std::string& nameAsOf(const Zone& zone, std::size_t lastIndex);
/// The price that name is for (LevelEvent::namedPrice), within the bounds the zone had then.
double namedPriceAsOf(const Zone& zone, std::size_t lastIndex);

/// The mean relative volume of `zone`'s last 50 tests, each bar's volume against the mean of
/// the 20 bars before it (bars without volume left out; 0 when none has any): what a chartist
/// reads off the volume pane.
double testVolume(const Zone& zone, std::span<const Bar> bars);
/// Zone::strength, 0..100, on bar `lastIndex` from `zone`'s touches, major and record flags and
/// `volumeOnTests` (testVolume()): rejections 30, touches 10, recency 20, volume on tests 10, major
/// swing 15, a former all-time high 15. Counts saturate gently so a level tested 20 times does not
/// drown the rest.
double zoneStrength(const Zone& zone, std::size_t lastIndex, double volumeOnTests);

/// `zone` as of bar `lastIndex` of `bars`, with role `kind` then (zoneKindsAsOf()): its name,
/// bounds, major and record flags then, its touches up to that bar (a visit under way then
/// is a touch at its deepest bar so far, Zone::deepenings, with no rejection yet:
/// LevelTouch::decided), their count of rejections, whether its role had flipped, and its
/// strength and explanation (explainZone()) from those.
Zone zoneAsOf(Zone zone, std::size_t lastIndex, LevelKind kind, std::span<const Bar> bars);

/// Zone::why of `zone` as it stands on bar `lastIndex`, day `asOf` (its touches, rejections,
/// kind and flip then; `volumeOnTests`: testVolume()): "5 touches 2021-11-08 … 2025-10-10, 2
/// rejections, last touch 3 days ago, flipped from resistance to support; holds the Nov-2021
/// record high 2,458.86 (close 2,442.74)". It cites up to four pivots: the records and major
/// swings known by then, and the one the zone was named for.
std::string explainZone(const Zone& zone, std::size_t lastIndex, Day asOf, double volumeOnTests);

/// The default selection as of bar `lastIndex` (Zone::shown is this at the last bar): the zone
/// of the all-time high and of the prior record, the nearest major levels above and below the
/// close (two at sensitivity 0, three at 0.5, four at 1), the nearest level of any kind on
/// each side (a zone holding the close counts as below), every level with a live retest in
/// `events` (as of that bar, see eventsAsOf()), manual levels, and with a sensitivity above 0.5
/// up to 16 of the strongest others near price (their strength then). Zones not yet known then
/// are never selected.
std::vector<char> defaultSelection(std::span<const Zone> zones, std::span<const LevelEvent> events,
                                   std::span<const Bar> bars, std::size_t lastIndex,
                                   double sensitivity);

/// The major and record zones of the weekly or monthly view of `daily`, marked with `tf`, to
/// show on a daily chart beside its own levels (the big picture in one view).
std::vector<Zone> higherTimeframeZones(std::span<const Bar> daily, Timeframe tf,
                                       const LevelSettings& settings = {});
/// The same from the analysis of the `tf` view, made elsewhere (a LevelStream kept between
/// refreshes).
std::vector<Zone> higherTimeframeZones(LevelAnalysis analysis, Timeframe tf);

/// "the Nov-2021 record high" for a peak (record: above every earlier high when made, with a
/// year of history before it) or "the Mar-2020 low" for a trough, dated `day`; with
/// `withDay`, "the 12-Mar-2020 low": a lesser swing of a month whose high (low) was elsewhere,
/// so two zones never share a name.
std::string pivotName(Day day, bool peak, bool record, bool withDay = false);

}  // namespace retest
