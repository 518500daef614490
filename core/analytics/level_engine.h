// The support/resistance analysis as a stream: bars go in one at a time, and an analysis of
// everything seen so far can be taken at any moment. Appending a bar costs the same whatever
// the history, so a refresh that adds a day never recomputes the past, and the analysis of a
// prefix is exactly the stream cut short (no look-ahead, no repainting).
//
// Per bar: the ATR, two zigzags (minor swings in ATR, major swings in volatility-scaled
// percent), and, when a swing is confirmed, a level drawn from its close-to-wick span (merged
// into an overlapping level while the result stays within two ATRs). Then the levels near
// price step their touches and their breakout/retest state machines (retest_tracker.h).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/analytics/atr.h"
#include "core/analytics/levels.h"
#include "core/analytics/pivots.h"
#include "core/analytics/retest_tracker.h"

namespace retest {

class LevelEngine {
public:
    /// `daily`: see analyzeLevels(); must outlive the engine.
    explicit LevelEngine(const LevelSettings& settings = {},
                         std::span<const ManualLevelInput> manual = {},
                         std::span<const Bar> daily = {});

    /// Appends the next bar (its day after the last one's).
    void append(const Bar& bar);
    void append(std::span<const Bar> bars);

    const std::vector<Bar>& bars() const { return bars_; }
    /// Replaces the daily bars (the same history, perhaps with more days after it).
    void setDaily(std::span<const Bar> daily) { daily_ = daily; }
    /// The analysis as of the last bar appended.
    LevelAnalysis analysis() const;

private:
    struct Member {
        std::size_t index = 0;
        Day day = 0;
        double wick = 0;   // the high of a peak, the low of a trough
        double close = 0;  // the extreme close of its swing
        bool peak = false;
        bool major = false;
        bool record = false;
    };
    struct Level {
        std::string id;
        double coreLow = 0;
        double coreHigh = 0;
        double pad = 0;
        double atrRef = 0;  // the largest ATR among its pivots: the unit of its width
        std::vector<Member> members;
        bool major = false;
        bool record = false;
        bool manual = false;
        std::int64_t manualId = 0;
        std::string label;
        double manualPrice = 0;
        std::size_t knownFrom = 0;
        std::vector<LevelTouch> touches;                         // by bar
        std::vector<std::pair<std::size_t, std::size_t>> spans;  // the bars each touch covers
        int rejections = 0;
        bool visiting = false;
        bool visitFromAbove = false;
        std::size_t visitStart = 0;
        std::size_t visitDeepest = 0;
        RetestTracker tracker;
        std::optional<std::size_t> openEvent;
        std::size_t lastStep = SIZE_MAX;
        double low() const { return coreLow - pad; }
        double high() const { return coreHigh + pad; }
        double peakClose = -HUGE_VAL;   // highest close of its peaks
        double troughClose = HUGE_VAL;  // lowest close of its troughs
        /// The prices its tracker watches (see retest_tracker.h), kept current by refreshBand().
        const LevelBand& band() const { return band_; }
        void refreshBand();
        LevelBand band_;
        std::vector<std::size_t> memberBars;  // members' bars, ascending
        void addMember(const Member& m);
        bool hasMemberIn(std::size_t from, std::size_t to) const;
        void addTouch(const LevelTouch& t, std::size_t from, std::size_t to);
    };
    struct Zigzag {
        ZigzagStream stream;
        std::size_t lastPivot = 0;  // bar after which the next swing's closes are searched
        bool any = false;
    };

    void onPivot(const Pivot& p, bool major, Zigzag& zz, std::size_t now);
    Day dayOfExtreme(std::size_t index, bool high) const;
    void addMember(const Member& m, double atrK, std::size_t now);
    void stepLevel(Level& level, std::size_t levelIndex, std::size_t i);
    void visit(Level& level, std::size_t i, bool inZone);
    void stepTracker(Level& level, std::size_t levelIndex, std::size_t i);
    void endVisit(Level& level, bool rejection, std::size_t end);
    std::size_t firstAtOrAbove(double price) const;
    std::size_t windowStart(double from);
    double majorFraction(std::size_t k);

    LevelSettings settings_;
    std::span<const Bar> daily_;
    double minorAtr_ = 5.5;
    double majorVol_ = 0.675;
    std::vector<Bar> bars_;
    std::vector<double> atr_;
    std::vector<double> slowAtrPct_;     // smoothed ATR / close: the volatility behind major swings
    std::vector<double> maxHighBefore_;  // highest high of bars 0..i-1
    AtrStream atrStream_;
    Zigzag minor_;
    Zigzag major_;
    std::vector<Pivot> majorPivots_;
    std::vector<char> majorRecord_;
    std::size_t athHigh_ = 0;
    std::size_t athClose_ = 0;
    std::vector<Level> levels_;          // storage, in creation order (manual ones first)
    std::vector<std::size_t> order_;     // detected levels by price (disjoint)
    std::size_t cursor_ = 0;             // windowStart()'s last answer
    std::size_t fractionAt_ = SIZE_MAX;  // majorFraction()'s last bar and answer
    double fraction_ = 0;
    std::vector<std::size_t> manual_;
    std::vector<std::size_t> sticky_;  // levels counting a failure: stepped on every bar
    std::vector<std::size_t> nextSticky_;
    std::unordered_map<std::size_t, std::size_t> pivotLevel_;  // pivot bar*2+peak -> level
    std::vector<LevelEvent> events_;
    std::vector<std::size_t> eventLevel_;
};

/// Appends the pieces to `out` in order.
inline void appendText(std::string& out, std::initializer_list<std::string_view> parts) {
    std::size_t size = out.size();
    for (const std::string_view part : parts) {
        size += part.size();
    }
    out.reserve(size);
    for (const std::string_view part : parts) {
        out += part;
    }
}

/// The pieces appended in order. (Text is built by appending: `"literal" + std::string` trips
/// GCC 12's -Wrestrict false positive at -O3, and Release builds are warning-free.)
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (const std::string_view part : parts) {
        size += part.size();
    }
    std::string out;
    out.reserve(size);
    for (const std::string_view part : parts) {
        out += part;
    }
    return out;
}

/// Fills the distances, move and description of `event` as of bar `lastIndex`.
void describeEventAsOf(LevelEvent& event, std::span<const Bar> bars, double atrNow,
                       std::size_t lastIndex);

}  // namespace retest
