// The support/resistance analysis as a stream: bars go in one at a time, and an analysis of
// everything seen so far can be taken at any moment. Appending a bar costs the same whatever
// the history, so a refresh that adds a day never recomputes the past, and the analysis of a
// prefix is exactly the stream cut short (no look-ahead, no repainting).
//
// Per bar: the ATR, two zigzags (minor swings in ATR, major swings in volatility-scaled
// percent), and, when a swing is confirmed, a level drawn from its close-to-wick span (merged
// into an overlapping level while the result stays within two ATRs). Then the levels near
// price step their touches and their breakout/retest state machines (retest_tracker.h).
// Levels meet only through the pivots, so bars are taken a stretch at a time: the pivots and
// the levels' geometry bar by bar first, then each level walks the stretch on its own,
// passing over the bars out of its reach (advance()). The result is the bar-by-bar pass's.
//
// Weekly and monthly bars given with the daily bars they were built from are read the daily
// chart's way: a pivot's closing line is the extreme daily close of its swing, zones are
// measured in daily ATRs, and breakouts and retests are decided on the daily closes of each
// bar. So the daily, weekly and monthly charts agree on every verdict; only its date's
// precision differs (the event sits on the bar holding its day).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/analytics/atr.h"
#include "core/analytics/levels.h"
#include "core/analytics/pivots.h"
#include "core/analytics/retest_tracker.h"

namespace retest {

class LevelEngine {
public:
    /// `daily`: see analyzeLevels() and above; must outlive the engine.
    explicit LevelEngine(const LevelSettings& settings = {},
                         std::span<const ManualLevelInput> manual = {},
                         std::span<const Bar> daily = {});

    /// The analysis of `bars` in one pass, as an engine given them would report it: the bars
    /// are read in place and the engine's results moved out, so nothing is copied.
    static LevelAnalysis analyze(std::span<const Bar> bars, const LevelSettings& settings = {},
                                 std::span<const ManualLevelInput> manual = {},
                                 std::span<const Bar> daily = {});

    /// Appends the next bar (its day after the last one's).
    void append(const Bar& bar);
    void append(std::span<const Bar> bars);

    /// For tests: every level checks every bar, rather than passing over the bars that cannot
    /// change it. The analysis must be the same either way.
    void checkEveryBar(bool every) { everyBar_ = every; }

    std::span<const Bar> bars() const { return bars_.seen(); }
    /// How many of the daily bars the analysis read: those up to the last bar's day.
    std::size_t daysRead() const { return dayEnd_.empty() ? 0 : dayEnd_.back(); }
    /// Replaces the daily bars (the same history, perhaps with more days after it).
    void setDaily(std::span<const Bar> daily) { daily_ = daily; }
    /// The analysis as of the last bar appended.
    LevelAnalysis analysis() const;

private:
    /// The bars seen so far: kept by the engine, or read in place by analyze().
    class History {
    public:
        History() = default;
        History(const History& o)
            : owned_(o.owned_), seen_(o.borrowed() ? o.seen_ : owned_), source_(o.source_) {}
        History(History&& o) noexcept
            : owned_(std::move(o.owned_)),  // the buffer moves with it
              seen_(o.borrowed() ? o.seen_ : std::span<const Bar>(owned_)),
              source_(o.source_) {
            o.forget();
        }
        History& operator=(const History& o) {
            if (this != &o) {
                owned_ = o.owned_;
                seen_ = o.borrowed() ? o.seen_ : std::span<const Bar>(owned_);
                source_ = o.source_;
            }
            return *this;
        }
        History& operator=(History&& o) noexcept {
            if (this != &o) {
                owned_ = std::move(o.owned_);
                seen_ = o.borrowed() ? o.seen_ : std::span<const Bar>(owned_);
                source_ = o.source_;
                o.forget();
            }
            return *this;
        }
        ~History() = default;

        void push(const Bar& b) {
            owned_.push_back(b);
            seen_ = owned_;
        }
        void reserve(std::size_t n) {
            owned_.reserve(n);
            seen_ = borrowed() ? seen_ : std::span<const Bar>(owned_);
        }
        std::size_t capacity() const { return owned_.capacity(); }
        /// Reads `all` in place from now on; next() sees one more of them.
        void borrow(std::span<const Bar> all) {
            source_ = all;
            seen_ = all.first(0);
        }
        void next() { seen_ = source_.first(seen_.size() + 1); }

        std::span<const Bar> seen() const { return seen_; }
        const Bar& operator[](std::size_t k) const { return seen_[k]; }
        std::size_t size() const { return seen_.size(); }
        bool empty() const { return seen_.empty(); }
        const Bar& front() const { return seen_.front(); }
        const Bar& back() const { return seen_.back(); }

    private:
        bool borrowed() const { return !source_.empty(); }
        void forget() {  // what a moved-from history holds: nothing
            owned_.clear();
            seen_ = {};
            source_ = {};
        }
        std::vector<Bar> owned_;
        std::span<const Bar> seen_;
        std::span<const Bar> source_;  // borrowed bars, empty when owned
    };

    struct Member {
        std::size_t index = 0;
        Day day = 0;
        double wick = 0;   // the high of a peak, the low of a trough
        double close = 0;  // the extreme close of its swing
        bool peak = false;
        bool major = false;
        bool record = false;
        std::size_t knownFrom = 0;         // the bar it joined its level (ZonePivot)
        std::size_t majorFrom = SIZE_MAX;  // the bar from which it is a major swing
    };
    /// What stepping a level reads of its geometry: the pivots' work up to the bar stepped.
    struct Shape {
        double low = 0;  // the zone
        double high = 0;
        double mid = 0;            // the core's middle: which side a visit comes from
        double price = 0;          // LevelEvent::level
        LevelBand band;            // the prices its tracker watches (see retest_tracker.h)
        bool canOpen = false;      // a crossing opens an event (major, record or manual)
        bool record = false;       // it holds a record high: its line is the record close
        bool recordMajor = false;  // LevelEvent::record
        bool closeAbove = false;   // band.breakHigh is its peaks' highest close, not the core top
        bool closeBelow = false;   // band.breakLow is its troughs' lowest close
    };
    /// A pivot's effect on a level, confirmed on `bar`: taken into the level's walk before the
    /// walk steps that bar.
    struct Change {
        enum class Kind : std::uint8_t {
            Shape,    // the level became major (the other zigzag saw the same swing)
            Member,   // a pivot joined it: one more test of the level
            Created,  // its first pivot
        };
        std::size_t bar = 0;
        Kind kind = Kind::Shape;
        Shape shape;       // the level's shape from `bar` on
        LevelTouch pivot;  // the pivot's touch (Member, Created)
    };
    struct Level {
        // Geometry: what the pivots make of it, up to the last bar appended (addMember()).
        std::string id;
        double coreLow = 0;
        double coreHigh = 0;
        double pad = 0;
        double atrRef = 0;  // the largest ATR among its pivots: the unit of its width
        std::vector<Member> members;
        bool major = false;
        bool record = false;
        std::size_t majorFrom = 0;  // Zone::majorFrom, recordFrom
        std::size_t recordFrom = 0;
        /// Holds a major swing, or a record, from bar `now` on (if it did not already).
        void promote(bool toMajor, bool toRecord, std::size_t now);
        bool manual = false;
        std::int64_t manualId = 0;
        std::string label;
        double manualPrice = 0;
        std::size_t knownFrom = 0;
        std::size_t slot = SIZE_MAX;  // its place in order_ (none for a manual level)
        double low() const { return coreLow - pad; }
        double high() const { return coreHigh + pad; }
        double peakClose = -HUGE_VAL;   // highest close of its peaks
        double troughClose = HUGE_VAL;  // lowest close of its troughs
        /// The shape stepping reads from now on.
        Shape shapeNow() const;
        std::vector<ZoneBounds> bounds;  // Zone::bounds
        /// Notes the bounds from bar `from` on, when they changed.
        void recordBounds(std::size_t from);
        /// Adds pivot `m`, confirmed on bar `now`.
        void addMember(const Member& m, std::size_t now);
        /// Member k joined or became major on bar `now`: the zone may be named for it now.
        void noteNaming(std::size_t k, std::size_t now);
        std::size_t naming = SIZE_MAX;  // the member the zone is named for
        std::vector<std::pair<std::size_t, std::size_t>>
            namings;                  // (from bar, member), oldest first
        std::vector<Change> changes;  // made since the walk's last bar, oldest first

        // The walk: the level stepped through the bars (walk()), as of the last bar appended.
        Shape shape;
        std::vector<LevelTouch> touches;                         // by bar
        std::vector<std::pair<std::size_t, std::size_t>> spans;  // the bars each touch covers
        int rejections = 0;
        bool visiting = false;
        bool visitFromAbove = false;
        std::size_t visitStart = 0;
        std::size_t visitDeepest = 0;
        std::vector<std::size_t> deepenings;  // Zone::deepenings
        RetestTracker tracker;
        std::optional<std::size_t> openEvent;  // into events_, or fresh_ when openFresh
        bool openFresh = false;
        // Stepped on the next bar wherever price is: counting a failure, or read through its
        // days (every bar then: the days' margins are not the bar's, and weekly and monthly
        // histories are short).
        bool sticky = false;
        std::size_t createdAt = SIZE_MAX;     // the confirming bar: part of the swing, not a test
        std::vector<std::size_t> memberBars;  // members' bars, ascending
        bool hasMemberIn(std::size_t from, std::size_t to) const;
        void addTouch(const LevelTouch& t, std::size_t from, std::size_t to);
    };
    struct Zigzag {
        ZigzagStream stream;
        std::size_t lastPivot = 0;  // bar after which the next swing's closes are searched
        bool any = false;
    };
    /// The prices around bar `i` (i > 0) within which a level may change on it: the bar's range
    /// with the previous close (`low`, `high`), which a near miss widens by `nearMiss` and the
    /// window to [`from`, `to`]. Outside the window a bar leaves a level as it is.
    struct Reach {
        double low = 0;
        double high = 0;
        double from = 0;
        double to = 0;
        double nearMiss = 0;
    };
    Reach reachAt(std::size_t i) const;
    /// Bar `i`'s reach as the walks read it, worked out once by settle() for the batch being
    /// walked: its window, and the prices a near miss reaches, with the runs' slack. A bar that
    /// only just misses may count as near: that costs one step, which decides exactly.
    struct BarReach {
        double from = 0;
        double to = 0;
        double nearLow = 0;
        double nearHigh = 0;
        /// Whether a level of shape `s` is in the window: the bar may change it.
        bool inWindow(const Shape& s) const { return !(s.high < from || s.low > to); }
        /// Whether the bar may come within a near miss of prices [low, high].
        bool mayBeNear(double low, double high) const {
            return !(high < nearLow || low > nearHigh);
        }
    };
    const BarReach& reachOf(std::size_t i) const { return batchReach_[i - batchFrom_]; }
    /// The bars in runs of 8 and 64: the lowest and highest price a near miss reaches (with a
    /// hair of slack for rounding), so a walk passes over runs that cannot reach a level.
    static constexpr std::size_t kRun = 8;
    static constexpr std::size_t kLongRun = 64;
    struct Run {
        double low = HUGE_VAL;
        double high = -HUGE_VAL;
        bool reaches(double levelLow, double levelHigh) const {
            return !(levelHigh < low || levelLow > high);
        }
    };
    /// The same runs of 8 bars' highest and lowest close (the earliest bar of each), so the
    /// extreme close of a swing is found a run at a time.
    struct CloseRun {
        double highest = -HUGE_VAL;
        double lowest = HUGE_VAL;
        std::size_t highestBar = 0;
        std::size_t lowestBar = 0;
    };
    /// The bar of the highest close in bars_[from, to) (the lowest when `!high`): `start` when
    /// it ties, else the earliest.
    std::size_t extremeCloseBar(std::size_t from, std::size_t to, std::size_t start,
                                bool high) const;

    /// Appends bars_[from, to): the pivots and levels first, then every level walks them.
    void advance(std::size_t from, std::size_t to);
    /// The ATR, zigzags and pivots of bar `i`, the last of bars_.
    void settle(std::size_t i);
    /// The daily bars of bar `i` and their ATR; whether the bars are the daily ones.
    void settleDays(std::size_t i);
    /// Bar `i`'s days: daily_[dayBegin(i), dayEnd_[i]).
    std::size_t dayBegin(std::size_t i) const { return i > 0 ? dayEnd_[i - 1] : 0; }
    /// Steps level `j` through bars [from, to), taking in its changes on their bars.
    void walk(std::size_t j, std::size_t from, std::size_t to);
    void noteChange(std::size_t j, const Change& c);
    void takeChange(Level& l, const Change& c);
    /// Whether level `l` may change on bar `i`: price within reach, or the level watching it.
    bool due(const Level& l, std::size_t i) const;
    /// Whether nothing but price coming near can change level `l` after bar `i`.
    bool waitsForPrice(const Level& l, std::size_t i) const;
    /// Steps level `j` (`l`), in a visit from bar `from`, while the visit goes on: the bars go
    /// deeper or move its breakout's state. Returns the first bar (before `to`) not stepped:
    /// one that may end the visit, or the one after a failure starts to count.
    std::size_t deepenVisit(Level& l, std::size_t j, std::size_t from, std::size_t to);
    /// The first bar in [from, to) where price may come near level `l` (`to` if none).
    std::size_t nextNear(const Level& l, std::size_t from, std::size_t to) const;
    void reserveHistory(std::size_t n);
    /// What a one-shot analysis moves out of its levels rather than copy, by level.
    struct Taken {
        std::vector<std::vector<LevelTouch>> touches;
        std::vector<std::vector<std::size_t>> deepenings;
    };
    /// The analysis; `taken`: the levels' touches and deepenings, moved out (analyze()).
    LevelAnalysis snapshot(std::vector<LevelEvent> events, Taken* taken) const;
    /// The first bar, up to `last`, from which member `m` is no longer the extreme of its
    /// month (a bar of that month went beyond its wick): from then on it is named with its day.
    /// `m.index` when a bar before it already had; SIZE_MAX when none has by `last`.
    std::size_t outdoneInMonth(const Member& m, std::size_t last) const;
    void onPivot(const Pivot& p, bool major, Zigzag& zz, std::size_t now);
    Day dayOfExtreme(std::size_t index, bool high) const;
    /// Whether peak `p` was a record when made: above every earlier high, with a year of bars
    /// before it.
    bool isRecord(const Pivot& p) const;
    /// The bar of major pivot k's extreme close between its neighbours (to the last bar for
    /// the last pivot).
    std::size_t majorCloseBar(std::size_t k) const;
    void addMember(const Member& m, double atrK, std::size_t now);
    /// Steps level `j` on bar `i`; its breakout state through the bar's days when `days`.
    void stepLevel(Level& l, std::size_t j, std::size_t i, bool days);
    void visit(Level& l, bool inZone, std::size_t i, double clearance);
    /// Steps the breakout state of level `j` (`l`) through the days of bar `i`.
    void trackDays(Level& l, std::size_t j, std::size_t i, const RetestMargins& margins,
                   double atrBefore);
    /// Steps it on `b`, bar `i` or one of its days, with the ATR before `b`.
    void stepTracker(Level& l, std::size_t j, std::size_t i, const Bar& b, double atrBefore);
    void endVisit(Level& l, bool rejection, std::size_t end);
    LevelEvent& openEvent(Level& l);
    /// Moves the events this batch opened into events_, in the order a bar-by-bar pass opens
    /// them: by bar, then by price (detected levels), then the manual levels.
    void keepFreshEvents(std::span<const std::size_t> walked);
    std::size_t firstAtOrAbove(double price) const;
    double majorFraction(std::size_t k);

    LevelSettings settings_;
    std::span<const Bar> daily_;
    double minorAtr_ = 5.5;
    double majorVol_ = 0.675;
    History bars_;
    std::vector<double> atr_;
    std::vector<double> slowAtrPct_;     // smoothed ATR / close: the volatility behind major swings
    double slowSpan_ = 100.0;            // its smoothing in bars: 100 sessions of this timeframe
    std::vector<double> maxHighBefore_;  // highest high of bars 0..i-1
    std::vector<Run> runs_;              // bars [8k, 8k + 8)
    std::vector<Run> longRuns_;          // bars [64k, 64k + 64)
    std::vector<CloseRun> closeRuns_;    // bars [8k, 8k + 8)
    std::vector<BarReach> batchReach_;   // reachOf() the bars of the batch being walked
    std::size_t batchFrom_ = 0;
    AtrStream atrStream_;
    std::vector<std::size_t> dayEnd_;  // by bar: the end of its days in daily_ (dayBegin())
    std::vector<double> dailyAtr_;     // the ATR of daily_, as far as the bars reach
    AtrStream dailyAtrStream_;
    bool readsDays_ = false;  // a bar differed from the daily bar of its place
    Zigzag minor_;
    Zigzag major_;
    std::vector<Pivot> majorPivots_;
    std::vector<char> majorRecord_;
    std::vector<std::size_t> majorCloseBar_;  // majorCloseBar() of every pivot but the last
    std::size_t athHigh_ = 0;
    std::vector<std::pair<std::size_t, Day>> highDays_;  // LevelAnalysis::highDays
    std::size_t athClose_ = 0;
    std::vector<Level> levels_;  // storage, in creation order (manual ones first)
    /// A detected level's zone, by price: disjoint, and never reordered.
    struct Slot {
        double low = 0;
        double high = 0;
        std::size_t level = 0;
    };
    std::vector<Slot> order_;
    std::size_t fractionAt_ = SIZE_MAX;  // majorFraction()'s last bar and answer
    double fraction_ = 0;
    std::vector<std::size_t> manual_;
    struct PivotSlot {
        std::size_t key = 0;     // the pivot's bar * 2 + (1 for a peak)
        std::size_t level = 0;   // the level holding it
        std::size_t member = 0;  // its place in that level's members
    };
    std::vector<PivotSlot> pivotLevel_;  // every pivot added, by key

    /// An event opened by the batch being walked, before it takes its place in events_.
    struct Fresh {
        std::size_t bar = 0;
        std::size_t level = 0;
        LevelEvent event;
    };
    std::vector<Fresh> fresh_;
    std::vector<std::size_t> changed_;   // the levels with changes to take in
    std::vector<std::size_t> sticky_;    // the levels counting a failure
    std::vector<std::size_t> walked_;    // the levels the batch walks
    std::vector<std::size_t> walkMark_;  // by level: the batch that last listed it
    std::size_t batch_ = 0;
    bool everyBar_ = false;  // checkEveryBar()
    std::vector<LevelEvent> events_;
    std::vector<std::size_t> eventLevel_;
};

/// Fills the distances and move of `event` as of a bar with close `lastClose` and ATR `atrNow`.
void measureEventAsOf(LevelEvent& event, double lastClose, double atrNow);

}  // namespace retest
