// The streaming support/resistance engine (see level_engine.h).
#include "core/analytics/level_engine.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "core/model/date.h"
#include "core/model/text.h"

namespace retest {
namespace {

// Zone geometry, in ATR at the pivot.
constexpr double kMaxCoreAtr = 1.5;        // a pivot's close-to-wick span is cut to this
constexpr double kMaxMergedAtr = 2.0;      // merged pivots never spread wider than this
constexpr double kMaxNearMergedAtr = 1.0;  // nor than this, with a wick beyond the merge gap
constexpr double kPadAtr = 0.1;            // the zone extends this far beyond its core
constexpr double kMergeGapAtr = 0.25;      // pivots this close (or overlapping) share a zone
constexpr double kManualPadRel = 0.002;
// How far from price (in ATR, beyond the previous close and the bar's range) a level must be
// for a bar to leave it untouched: touches and state changes need price at the level, and a
// jump across it is caught through the previous close.
constexpr double kWindowAtr = 3.0;
constexpr double kClearanceAtr = 1.0;  // a visit ends with a close this far from the zone

double lerp(double a, double b, double s) {
    return a + (b - a) * s;
}

double clampedSensitivity(double s) {
    return std::isfinite(s) ? std::clamp(s, 0.0, 1.0) : 0.5;
}

/// The bar of the highest close in [from, to) and bar `start` (the lowest when `!high`): `start`
/// when it ties, else the earliest. The best close is kept at hand, so no load waits for the
/// last compare.
std::size_t extremeCloseIn(std::span<const Bar> bars, std::size_t from, std::size_t to,
                           std::size_t start, bool high) {
    std::size_t best = start;
    double bestClose = bars[start].close;
    for (std::size_t k = from; k < to; ++k) {
        const double c = bars[k].close;
        const bool better = high ? c > bestClose : c < bestClose;
        best = better ? k : best;
        bestClose = better ? c : bestClose;
    }
    return best;
}

/// std::partition_point for ranges whose answer lies near the end (the engine's sorted lists
/// grow at the end, and a new pivot or visit is a recent bar): gallops back from the end, then
/// searches the stretch found. O(log distance from the end).
template <typename It, typename Pred>
It partitionPointNearEnd(It first, It last, Pred pred) {
    It hi = last;  // everything in [hi, last) fails pred
    std::ptrdiff_t step = 1;
    while (hi != first) {
        const It probe = hi - std::min(step, hi - first);
        if (pred(*probe)) {
            return std::partition_point(probe + 1, hi, pred);
        }
        hi = probe;
        step *= 2;
    }
    return first;
}

}  // namespace

LevelEngine::LevelEngine(const LevelSettings& settings, std::span<const ManualLevelInput> manual,
                         std::span<const Bar> daily)
    : settings_(settings),
      daily_(daily),
      atrStream_(settings.atrPeriod),
      dailyAtrStream_(settings.atrPeriod) {
    const double s = clampedSensitivity(settings.sensitivity);
    settings_.sensitivity = s;
    settings_.rules.failCloses = std::max(settings_.rules.failCloses, 1);
    minorAtr_ = lerp(8, 3, s);
    majorVol_ = lerp(0.9, 0.45, s);
    for (const ManualLevelInput& m : manual) {
        if (!(m.price > 0) || !std::isfinite(m.price)) {
            continue;  // a level at or below zero (or NaN) cannot be drawn on a price chart
        }
        Level l;
        l.manual = true;
        l.major = true;
        l.manualId = m.id;
        l.manualPrice = m.price;
        l.coreLow = l.coreHigh = m.price;
        l.pad = m.price * kManualPadRel;
        if (m.label.empty()) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "manual level %.2f", m.price);
            l.label = buf;
        } else {
            l.label = m.label;
        }
        l.id = concat({"M", std::to_string(m.id)});
        l.shape = l.shapeNow();
        manual_.push_back(levels_.size());
        levels_.push_back(std::move(l));
    }
}

LevelAnalysis LevelEngine::analyze(std::span<const Bar> bars, const LevelSettings& settings,
                                   std::span<const ManualLevelInput> manual,
                                   std::span<const Bar> daily) {
    LevelEngine engine(settings, manual, daily);
    engine.reserveHistory(bars.size());
    engine.bars_.borrow(bars);
    engine.advance(0, bars.size());
    Taken taken;
    taken.touches.resize(engine.levels_.size());
    taken.deepenings.resize(engine.levels_.size());
    for (std::size_t j = 0; j < engine.levels_.size(); ++j) {
        taken.touches[j] = std::move(engine.levels_[j].touches);
        taken.deepenings[j] = std::move(engine.levels_[j].deepenings);
    }
    return engine.snapshot(std::move(engine.events_), &taken);
}

void LevelEngine::reserveHistory(std::size_t n) {
    atr_.reserve(n);
    slowAtrPct_.reserve(n);
    maxHighBefore_.reserve(n);
    runs_.reserve(n / kRun + 1);
    closeRuns_.reserve(n / kRun + 1);
    longRuns_.reserve(n / kLongRun + 1);
    if (!daily_.empty()) {
        dayEnd_.reserve(n);
    }
}

void LevelEngine::append(std::span<const Bar> bars) {
    // Room for the refreshes to come, so appending a day never copies the whole history.
    const std::size_t n = bars_.size() + bars.size();
    if (n > bars_.capacity()) {
        const std::size_t room = n + n / 8 + 256;
        bars_.reserve(room);
        reserveHistory(room);
    }
    const std::size_t from = bars_.size();
    for (const Bar& b : bars) {
        bars_.push(b);
    }
    advance(from, bars_.size());
}

void LevelEngine::append(const Bar& bar) {
    bars_.push(bar);
    advance(bars_.size() - 1, bars_.size());
}

// Major swings are a volatility-scaled move: the smoothed ATR% turned into an annual
// volatility (bars per year from the dates seen so far), times the sensitivity's multiple.
// The same rule on daily, weekly and monthly bars marks about the same swings. For the first
// bar, the only one with no span of dates behind it, the gap to the second tells the timeframe
// (the zigzag asks from the second bar on): taken as daily, a monthly chart's first bar needed
// a 60% fall to be a swing, and ^RUT's Jan-2020 high before the 2020 crash was none.
double LevelEngine::majorFraction(std::size_t k) {
    if (fractionAt_ == k) {
        return fraction_;  // the zigzag asks for the same extreme bar after bar
    }
    fractionAt_ = k;
    const double days = static_cast<double>(bars_[k].day - bars_.front().day);
    double perYear = 252.0;
    if (k > 0 && days > 0) {
        perYear = 365.25 * static_cast<double>(k) / days;
    } else if (bars_.size() > 1) {
        const Day gap = bars_[1].day - bars_[0].day;
        perYear = gap <= 4 ? 252.0 : gap <= 10 ? 52.0 : 12.0;
    }
    const double annual = slowAtrPct_[k] * std::sqrt(std::clamp(perYear, 1.0, 365.0)) / 1.25;
    fraction_ = std::clamp(majorVol_ * annual, 0.03, 0.6);
    return fraction_;
}

// Levels only meet through the pivots: a level's touches and breakout state depend on the
// bars and its own geometry, never on another level's. So a batch of bars is taken in two
// passes. The first finds the pivots bar by bar and shapes the levels, noting each level's
// changes with their bars. The second walks each level through the batch on its own, taking
// in its changes on their bars: a level far from price passes over runs of bars out of its
// reach (nextNear()), and a visit under way runs a tight loop while it only goes deeper. The result
// is the bar-by-bar pass's, event order included (keepFreshEvents()).
void LevelEngine::advance(std::size_t from, std::size_t to) {
    if (from >= to) {
        return;  // no bars: nothing to place the manual levels against yet
    }
    // In stretches whose bars stay in cache while every level walks them.
    constexpr std::size_t kStretch = 4096;
    while (to - from > kStretch) {
        advance(from, from + kStretch);
        from += kStretch;
    }
    batchFrom_ = from;
    batchReach_.clear();
    for (std::size_t i = from; i < to; ++i) {
        if (bars_.size() == i) {  // analyze(): the bars are read in place, one more each bar
            bars_.next();
        }
        settle(i);
    }
    // The levels the batch may change: those with changes, those counting a failure, the
    // manual ones, and the detected ones in the window of some bar of the batch. A long
    // history holds thousands of levels, most of them far from where price went in the batch.
    ++batch_;
    walkMark_.resize(levels_.size(), 0);
    walked_.clear();
    const auto list = [&](std::size_t j) {
        if (walkMark_[j] != batch_) {
            walkMark_[j] = batch_;
            walked_.push_back(j);
        }
    };
    for (const std::vector<std::size_t>* some : {&manual_, &changed_, &sticky_}) {
        for (const std::size_t j : *some) {
            list(j);
        }
    }
    if (everyBar_) {
        for (std::size_t j = 0; j < levels_.size(); ++j) {
            list(j);
        }
    } else {
        // The bars' windows (Reach::from, to) joined: exactly for a few bars (a refresh), else
        // within the long runs' reach widened by the batch's largest window. A NaN in a run
        // reaches everything (settle()); one in the ATR is one in that run too.
        double low = HUGE_VAL;
        double high = -HUGE_VAL;
        double window = 0;
        if (to - from <= kLongRun) {
            for (std::size_t i = std::max<std::size_t>(from, 1); i < to; ++i) {
                const Reach r = reachAt(i);
                low = std::min(low, r.from == r.from ? r.from : -HUGE_VAL);
                high = std::max(high, r.to == r.to ? r.to : HUGE_VAL);
            }
        } else {
            double atrMax = 0;
            for (std::size_t i = std::max<std::size_t>(from, 1); i < to; ++i) {
                atrMax = std::max(atrMax, atr_[i - 1]);
            }
            for (std::size_t k = from / kLongRun; k * kLongRun < to; ++k) {
                low = std::min(low, longRuns_[k].low);
                high = std::max(high, longRuns_[k].high);
            }
            window = kWindowAtr * atrMax;
        }
        for (std::size_t k = firstAtOrAbove(low - window);
             k < order_.size() && !(order_[k].low > high + window); ++k) {
            list(order_[k].level);
        }
    }
    changed_.clear();
    sticky_.clear();
    for (const std::size_t j : walked_) {
        walk(j, from, to);
        if (levels_[j].sticky) {
            sticky_.push_back(j);
        }
    }
    keepFreshEvents(walked_);
}

inline LevelEngine::Reach LevelEngine::reachAt(std::size_t i) const {
    const Bar& b = bars_[i];
    const double atrBefore = atr_[i - 1];
    Reach r;
    const double prevClose = bars_[i - 1].close;
    r.low = std::min(b.low, prevClose);
    r.high = std::max(b.high, prevClose);
    r.from = r.low - kWindowAtr * atrBefore;
    r.to = r.high + kWindowAtr * atrBefore;
    r.nearMiss = settings_.rules.touchAtr * atrBefore;
    return r;
}

void LevelEngine::settle(std::size_t i) {
    const Bar& b = bars_[i];
    const Bar* prev = i > 0 ? &bars_[i - 1] : nullptr;
    atr_.push_back(atrStream_.next(b, prev));
    if (!daily_.empty()) {
        settleDays(i);
    }
    const double pct = b.close > 0 ? atr_[i] / b.close : 0;
    // Smoothed over about 100 sessions on every timeframe: a weekly bar weighs as 5 daily ones,
    // a monthly one as 21. So after a change of regime (yields from 0.5% in 2020 to 5% in 2023)
    // weekly and monthly charts find major swings again when the daily chart does, not years
    // later. The timeframe from the first gap, then from the span of the first ten bars.
    if (i > 0 && i <= 10) {
        const auto days = static_cast<double>(b.day - bars_[0].day);
        const Day gap = bars_[1].day - bars_[0].day;
        const double perYear = i == 10 && days > 0 ? 365.25 * 10 / days
                               : gap <= 4          ? 252.0
                               : gap <= 10         ? 52.0
                                                   : 12.0;
        const double sessions = std::round(252.0 / perYear);
        slowSpan_ = sessions <= 1 ? 100.0 : 1 / (1 - std::pow(0.99, sessions));
    }
    slowAtrPct_.push_back(i == 0 ? pct
                                 : slowAtrPct_[i - 1] + (pct - slowAtrPct_[i - 1]) / slowSpan_);
    maxHighBefore_.push_back(i == 0 ? -HUGE_VAL : std::max(maxHighBefore_[i - 1], prev->high));
    if (i == 0 || b.high > bars_[athHigh_].high) {
        athHigh_ = i;
        if (!daily_.empty()) {
            highDays_.emplace_back(i, dayOfExtreme(i, true));
        }
    }
    athClose_ = b.close > bars_[athClose_].close ? i : athClose_;
    if (i % kRun == 0) {
        runs_.emplace_back();
        closeRuns_.emplace_back();
        if (i % kLongRun == 0) {
            longRuns_.emplace_back();
        }
    }
    CloseRun& closes = closeRuns_.back();
    if (b.close > closes.highest) {
        closes.highest = b.close;
        closes.highestBar = i;
    }
    if (b.close < closes.lowest) {
        closes.lowest = b.close;
        closes.lowestBar = i;
    }
    if (i > 0) {  // bar 0 steps no level
        const Reach r = reachAt(i);
        const double slack = 1e-9 * (std::abs(r.low) + std::abs(r.high) + r.nearMiss);
        // A NaN (never from valid bars) reaches everything rather than nothing.
        double low = r.low - r.nearMiss - slack;
        double high = r.high + r.nearMiss + slack;
        low = low == low ? low : -HUGE_VAL;
        high = high == high ? high : HUGE_VAL;
        for (Run* run : {&runs_.back(), &longRuns_.back()}) {
            run->low = std::min(run->low, low);
            run->high = std::max(run->high, high);
        }
        batchReach_.push_back(BarReach{r.from, r.to, low, high});
    } else {
        batchReach_.emplace_back();  // never read: bar 0 steps no level
    }

    const std::span<const Bar> all = bars_.seen();
    const auto minorThr = [&](std::size_t k, bool) { return minorAtr_ * atr_[k]; };
    const auto majorThr = [&](std::size_t k, bool isHigh) {
        return majorFraction(k) * (isHigh ? all[k].high : all[k].low);
    };
    if (auto p = minor_.stream.step(all, i, minorThr)) {
        onPivot(*p, false, minor_, i);
    }
    if (auto p = major_.stream.step(all, i, majorThr)) {
        majorPivots_.push_back(*p);
        majorRecord_.push_back(isRecord(*p) ? 1 : 0);
        if (majorPivots_.size() > 1) {
            majorCloseBar_.push_back(majorCloseBar(majorPivots_.size() - 2));  // now settled
        }
        onPivot(*p, true, major_, i);
    }
}

// A weekly or monthly bar holds the daily bars from the one after the previous bar's day to its
// own day. Bars that are the daily bars themselves (the daily chart given its own bars) are
// read as they are: their days, closes and ATR are the bars'.
void LevelEngine::settleDays(std::size_t i) {
    if (dayEnd_.size() != i) {
        return;  // no days, or not from the first bar: the bars alone
    }
    std::size_t d = dayBegin(i);
    while (d < daily_.size() && daily_[d].day <= bars_[i].day) {
        ++d;
    }
    dayEnd_.push_back(d);
    for (std::size_t k = dailyAtr_.size(); k < d; ++k) {
        dailyAtr_.push_back(dailyAtrStream_.next(daily_[k], k > 0 ? &daily_[k - 1] : nullptr));
    }
    readsDays_ = readsDays_ || !(i < daily_.size() && daily_[i] == bars_[i]);
}

// The walk's checks on every bar it reads (reachOf(), due(), waitsForPrice(), nextNear(),
// stepLevel(), visit()) are inline: a call for each level and bar cost more than the checks.
inline bool LevelEngine::due(const Level& l, std::size_t i) const {
    const Shape& s = l.shape;
    const BarReach& r = reachOf(i);
    if (!r.inWindow(s)) {
        return false;
    }
    // A level with no visit under way, and no breakout to follow or one waiting for price to
    // come back, only changes when price reaches it (within the near-miss allowance) or closes
    // across it; the bar's range with the previous close covers every close across it. A
    // breakout (breakdown) waiting for price to come back changes nothing while the close stays
    // beyond the zone's far edge (RetestTracker::waitsBeyond()).
    const PriceSide wait = l.visiting ? PriceSide::Unknown : l.tracker.waitsBeyond();
    const bool everyBar = l.visiting || (l.tracker.open() && wait == PriceSide::Unknown);
    const double dueAtOrBelow =
        everyBar ? HUGE_VAL : (wait == PriceSide::Above ? s.high : -HUGE_VAL);
    const double dueAtOrAbove = wait == PriceSide::Below ? s.low : HUGE_VAL;
    const double prevClose = bars_[i - 1].close;
    const bool watched = (prevClose <= dueAtOrBelow) | (prevClose >= dueAtOrAbove);
    return watched | r.mayBeNear(s.low, s.high);
}

// Price moves from one bar's reach to the next without a gap: each reach holds the previous
// close. So a level price has to come to before anything can happen to it is first reached
// by a bar within a near miss of it, and the bars before that can be passed over. That holds
// for a level with no visit under way whose tracker is closed, or waits for price to come
// back from the side the last close is on (then a close back across the zone's edge comes
// from a bar that reached it).
inline bool LevelEngine::waitsForPrice(const Level& l, std::size_t i) const {
    if (l.visiting) {
        return false;
    }
    if (!l.tracker.open()) {
        return l.tracker.side() != PriceSide::Unknown;  // an unplaced level places itself
    }
    const double close = bars_[i].close;
    switch (l.tracker.waitsBeyond()) {
        case PriceSide::Above:
            return close > l.shape.high;
        case PriceSide::Below:
            return close < l.shape.low;
        case PriceSide::Unknown:
            break;
    }
    return false;
}

std::size_t LevelEngine::deepenVisit(Level& l, std::size_t j, std::size_t from, std::size_t to) {
    const Shape& s = l.shape;
    const std::span<const Bar> bars = bars_.seen();
    const double* atr = atr_.data();
    std::size_t deepest = l.visitDeepest;
    double depth = l.visitFromAbove ? bars[deepest].low : bars[deepest].high;
    const double sign = l.visitFromAbove ? -1.0 : 1.0;  // deeper: a lower low, a higher high
    std::size_t i = from;
    for (; i < to; ++i) {
        const Bar& b = bars[i];
        const double atrBefore = atr[i - 1];
        const RetestMargins margins(settings_.rules, atrBefore);
        const double clearance = kClearanceAtr * atrBefore;
        // A visiting level steps on every bar whose window it is in.
        const bool inWindow = reachOf(i).inWindow(s);
        const bool leaves = (b.close > s.high + clearance) | (b.close < s.low - clearance);
        if (!inWindow || leaves) {
            break;  // stepLevel() ends the visit
        }
        const bool inZone = (b.low <= s.high + margins.touch) & (b.high >= s.low - margins.touch);
        const double extreme = l.visitFromAbove ? b.low : b.high;
        const bool deeper = inZone & (sign * (extreme - depth) > 0);
        if (deeper) {
            deepest = i;
            depth = extreme;
            l.deepenings.push_back(i);
        }
        // The bar moves the breakout's state: stepped here, as stepLevel() would after visit().
        if (!l.tracker.quiet(b, s.band, margins)) {
            stepTracker(l, j, i, b, atrBefore);
            if (l.sticky) {  // counting a failure: the walk steps it on every bar from here
                ++i;
                break;
            }
        }
    }
    l.visitDeepest = deepest;
    return i;
}

inline std::size_t LevelEngine::nextNear(const Level& l, std::size_t from, std::size_t to) const {
    const double low = l.shape.low;
    const double high = l.shape.high;
    std::size_t i = from;
    while (i < to) {
        if (i % kLongRun == 0 && !longRuns_[i / kLongRun].reaches(low, high)) {
            i += kLongRun;
        } else if (i % kRun == 0 && !runs_[i / kRun].reaches(low, high)) {
            i += kRun;
        } else {
            if (reachOf(i).mayBeNear(low, high)) {
                return i;
            }
            ++i;
        }
    }
    return to;
}

void LevelEngine::walk(std::size_t j, std::size_t from, std::size_t to) {
    Level& l = levels_[j];
    // Read through its days, a level is stepped on every bar (Level::sticky).
    l.sticky = l.sticky || (readsDays_ && !l.manual);
    std::size_t c = 0;  // the next change to take in
    std::size_t i = from;
    if (i == 0) {  // the first bar only places the manual levels
        if (l.manual) {
            const double close = bars_[0].close;
            l.tracker = RetestTracker(close > l.shape.band.coreHigh  ? PriceSide::Above
                                      : close < l.shape.band.coreLow ? PriceSide::Below
                                                                     : PriceSide::Unknown);
        }
        i = 1;
    }
    if (!l.changes.empty() && l.changes.front().kind == Change::Kind::Created) {
        i = std::max(i, l.changes.front().bar);  // nothing to step before it exists
    }
    // Every change is on a bar of the batch: `next`, the bar of the next one, is `to` when none.
    const std::size_t changes = l.changes.size();
    std::size_t next = changes > 0 ? l.changes.front().bar : to;
    while (i < to) {
        if (next <= i) {
            for (; c < changes && l.changes[c].bar <= i; ++c) {
                takeChange(l, l.changes[c]);
            }
            next = c < changes ? l.changes[c].bar : to;
        }
        if (l.manual || l.sticky) {
            if (l.createdAt != i) {
                stepLevel(l, j, i, readsDays_);
            }
            ++i;
            continue;
        }
        if (l.visiting && !everyBar_) {
            i = deepenVisit(l, j, i, next);
            if (i == next || l.sticky) {
                continue;
            }
        }
        if (l.createdAt != i && due(l, i)) {
            stepLevel(l, j, i, false);
        }
        if (!l.sticky && !everyBar_ && waitsForPrice(l, i)) {
            // Up to its next change, nothing happens to it before price comes near.
            i = nextNear(l, i + 1, next);
        } else {
            ++i;
        }
    }
    for (; c < changes; ++c) {  // none: every change is on a bar of the batch
        takeChange(l, l.changes[c]);
    }
    l.changes.clear();
}

void LevelEngine::noteChange(std::size_t j, const Change& c) {
    if (levels_[j].changes.empty()) {
        changed_.push_back(j);
    }
    levels_[j].changes.push_back(c);
}

void LevelEngine::takeChange(Level& l, const Change& c) {
    l.shape = c.shape;
    if (c.kind == Change::Kind::Shape) {
        return;
    }
    const LevelTouch& t = c.pivot;
    l.memberBars.insert(partitionPointNearEnd(l.memberBars.begin(), l.memberBars.end(),
                                              [&](std::size_t bar) { return bar <= t.index; }),
                        t.index);
    if (c.kind == Change::Kind::Created) {
        l.addTouch(t, t.index, t.index);
        const double close = bars_[c.bar].close;
        const LevelBand& band = l.shape.band;
        l.tracker = RetestTracker(close > band.coreHigh  ? PriceSide::Above
                                  : close < band.coreLow ? PriceSide::Below
                                  : t.fromAbove          ? PriceSide::Above
                                                         : PriceSide::Below);
        l.createdAt = c.bar;
        return;
    }
    // The visit that made this pivot may already be a touch: it is the same test.
    // Spans are ordered and disjoint: only the last one starting at or before it can.
    std::size_t same = l.touches.size();
    const auto after = partitionPointNearEnd(
        l.spans.begin(), l.spans.end(),
        [&](const std::pair<std::size_t, std::size_t>& sp) { return sp.first <= t.index; });
    if (after != l.spans.begin() && std::prev(after)->second >= t.index) {
        same = static_cast<std::size_t>(std::prev(after) - l.spans.begin());
    }
    if (same == l.touches.size()) {
        LevelTouch pivot = t;
        if (l.visiting && l.visitStart <= t.index) {
            pivot.start = l.visitStart;  // the touch of the visit under way (endVisit())
        }
        l.addTouch(pivot, t.index, t.index);
    } else if (!l.touches[same].rejection) {
        l.touches[same].rejection = true;
        l.touches[same].decided = c.bar;
        l.rejections += 1;
    }
}

std::size_t LevelEngine::firstAtOrAbove(double price) const {
    const auto it = std::lower_bound(order_.begin(), order_.end(), price,
                                     [](const Slot& s, double p) { return s.high < p; });
    return static_cast<std::size_t>(it - order_.begin());
}

std::size_t LevelEngine::majorCloseBar(std::size_t k) const {
    const Pivot& p = majorPivots_[k];
    const std::size_t from = k > 0 ? majorPivots_[k - 1].index + 1 : 0;
    const std::size_t to = k + 1 < majorPivots_.size() ? majorPivots_[k + 1].index : bars_.size();
    return extremeCloseBar(from, to, p.index, p.high);
}

std::size_t LevelEngine::extremeCloseBar(std::size_t from, std::size_t to, std::size_t start,
                                         bool high) const {
    // The bars before the first whole run, the whole runs (each one's earliest extreme), then
    // the bars after the last, in order: the earliest of equal closes stays.
    const std::size_t head = std::min(to, (from + kRun - 1) / kRun * kRun);
    std::size_t best = extremeCloseIn(bars_.seen(), from, head, start, high);
    double bestClose = bars_[best].close;
    std::size_t k = head;
    for (; k + kRun <= to; k += kRun) {
        const CloseRun& run = closeRuns_[k / kRun];
        const double c = high ? run.highest : run.lowest;
        if (high ? c > bestClose : c < bestClose) {
            best = high ? run.highestBar : run.lowestBar;
            bestClose = c;
        }
    }
    return extremeCloseIn(bars_.seen(), k, to, best, high);
}

// A peak above every earlier high is a record only when the bars before it cover a year: the
// first swings of a history that starts in 2020 were below the 2018 high that it does not hold
// (^RUT's Jan-2020 high was no record), and a chartist's new high is a 52-week one at least.
bool LevelEngine::isRecord(const Pivot& p) const {
    constexpr Day kRecordHistoryDays = 365;
    return p.high && p.price > maxHighBefore_[p.index] &&
           bars_[p.index].day - bars_.front().day >= kRecordHistoryDays;
}

Day LevelEngine::dayOfExtreme(std::size_t index, bool high) const {
    const Day end = bars_[index].day;
    if (daily_.empty()) {
        return end;
    }
    const Day start = index > 0 ? bars_[index - 1].day : daily_.front().day - 1;
    auto it = std::upper_bound(daily_.begin(), daily_.end(), start,
                               [](Day d, const Bar& bar) { return d < bar.day; });
    const double target = high ? bars_[index].high : bars_[index].low;
    for (; it != daily_.end() && it->day <= end; ++it) {
        if ((high ? it->high : it->low) == target) {
            return it->day;
        }
    }
    return end;
}

// "The Mar-2020 low" is the low of March 2020: a lesser trough of that month (the 12th, before
// the crash's bottom on the 23rd) is "the 12-Mar-2020 low", from the bar that went lower. The
// month is the extreme's (a weekly bar may end in the next one), read off the daily bars when
// the engine has them.
std::size_t LevelEngine::outdoneInMonth(const Member& m, std::size_t last) const {
    const CivilDate c = civilFromDay(m.day);
    const Day monthStart = dayFromCivil(c.year, c.month, 1);
    const Day nextMonth =
        c.month == 12 ? dayFromCivil(c.year + 1, 1, 1) : dayFromCivil(c.year, c.month + 1, 1);
    const std::span<const Bar> days = daily_.empty() ? bars_.seen() : daily_;
    const Day lastDay = bars_[last].day;
    auto it = std::lower_bound(days.begin(), days.end(), monthStart,
                               [](const Bar& b, Day d) { return b.day < d; });
    for (; it != days.end() && it->day < nextMonth && it->day <= lastDay; ++it) {
        if (m.peak ? it->high <= m.wick : it->low >= m.wick) {
            continue;
        }
        if (it->day < m.day) {
            return m.index;
        }
        // The bar of this timeframe that holds that day.
        const std::span<const Bar> seen = bars_.seen();
        const auto holder = std::lower_bound(seen.begin(), seen.end(), it->day,
                                             [](const Bar& b, Day d) { return b.day < d; });
        return std::max(m.index, static_cast<std::size_t>(holder - seen.begin()));
    }
    return SIZE_MAX;
}

void LevelEngine::onPivot(const Pivot& p, bool major, Zigzag& zz, std::size_t now) {
    const std::size_t from = zz.any ? zz.lastPivot + 1 : 0;
    zz.lastPivot = p.index;
    zz.any = true;
    Member m;
    m.index = p.index;
    m.day = dayOfExtreme(p.index, p.high);
    m.wick = p.price;
    m.peak = p.high;
    m.major = major;
    m.record = isRecord(p);
    // Read through its days, the swing's closing line is its extreme daily close (the record
    // close the daily chart breaks out above), and its zone is measured in the daily ATR of
    // the extreme's day.
    const std::size_t dayFrom = readsDays_ ? dayBegin(from) : 0;
    const std::size_t dayTo = readsDays_ ? dayEnd_[now] : 0;
    const auto extreme = std::lower_bound(daily_.begin() + static_cast<std::ptrdiff_t>(dayFrom),
                                          daily_.begin() + static_cast<std::ptrdiff_t>(dayTo),
                                          m.day, [](const Bar& b, Day d) { return b.day < d; });
    if (dayFrom < dayTo && extreme != daily_.begin() + static_cast<std::ptrdiff_t>(dayTo)) {
        const auto start = static_cast<std::size_t>(extreme - daily_.begin());
        m.close = daily_[extremeCloseIn(daily_, dayFrom, dayTo, start, p.high)].close;
        addMember(m, dailyAtr_[start], now);
        return;
    }
    m.close = bars_[extremeCloseBar(from, now + 1, p.index, p.high)].close;
    addMember(m, atr_[p.index], now);
}

void LevelEngine::addMember(const Member& m, double atrK, std::size_t now) {
    // The same swing seen by both zigzags: one pivot, now major.
    const std::size_t key = m.index * 2 + (m.peak ? 1 : 0);
    const auto seen = partitionPointNearEnd(pivotLevel_.begin(), pivotLevel_.end(),
                                            [&](const PivotSlot& p) { return p.key < key; });
    if (seen != pivotLevel_.end() && seen->key == key) {
        Level& l = levels_[seen->level];
        Member& x = l.members[seen->member];
        x.majorFrom = m.major && !x.major ? now : x.majorFrom;
        x.major = x.major || m.major;
        l.promote(m.major, false, now);
        l.noteNaming(seen->member, now);
        noteChange(seen->level, Change{now, Change::Kind::Shape, l.shapeNow(), {}});
        return;
    }
    const auto remember = [&](std::size_t level) {
        pivotLevel_.insert(seen, PivotSlot{key, level, levels_[level].members.size() - 1});
    };
    const LevelTouch touch{m.index, m.day, m.wick, !m.peak, true, m.index, now, now};
    const double span = std::min(std::abs(m.wick - m.close), kMaxCoreAtr * atrK);
    double coreLow = m.peak ? m.wick - span : m.wick;
    double coreHigh = m.peak ? m.wick : m.wick + span;
    double pad = kPadAtr * atrK;
    const double gap = kMergeGapAtr * atrK;

    // Detected levels the new one would overlap (padded, or within the merge gap of the core):
    // order_[hitFrom, hitTo).
    const std::size_t hitFrom = firstAtOrAbove(coreLow - pad - gap);
    std::size_t hitTo = hitFrom;
    while (hitTo < order_.size() && !(order_[hitTo].low > coreHigh + pad + gap)) {
        ++hitTo;
    }
    // A pivot whose wick is at a level (within a quarter of the level's own ATR) is one more
    // test of it. It widens the level to its wick only (its close stays a detail) and only
    // while the level stays within two of its ATRs and clear of its neighbours, so a later,
    // more volatile swing never turns an old level into a wide band. A pivot whose wick is
    // further off but whose close-to-wick span comes that near (a double top a little above
    // the first) joins too when the level can take in its wick within one ATR, of the level's
    // time and of the pivot's: a chartist draws one zone there, not two side by side.
    for (std::size_t k = hitFrom; k < hitTo; ++k) {
        Level& l = levels_[order_[k].level];
        const double reach = kMergeGapAtr * l.atrRef;
        if (coreHigh < l.coreLow - reach || coreLow > l.coreHigh + reach) {
            continue;
        }
        const double lo = std::min(l.coreLow, m.wick);
        const double hi = std::max(l.coreHigh, m.wick);
        const bool clearBelow = k == 0 || order_[k - 1].high < lo - l.pad;
        const bool clearAbove = k + 1 == order_.size() || order_[k + 1].low > hi + l.pad;
        const bool atLevel = m.wick >= l.coreLow - reach && m.wick <= l.coreHigh + reach;
        const double bound =
            atLevel ? kMaxMergedAtr * l.atrRef : kMaxNearMergedAtr * std::min(l.atrRef, atrK);
        const bool widens = hi - lo <= bound && clearBelow && clearAbove;
        if (!atLevel && !widens) {
            continue;
        }
        if (widens) {
            l.coreLow = lo;
            l.coreHigh = hi;
            l.recordBounds(now);
            order_[k].low = l.low();
            order_[k].high = l.high();
        }
        l.addMember(m, now);
        l.promote(m.major, m.record, now);
        noteChange(order_[k].level, Change{now, Change::Kind::Member, l.shapeNow(), touch});
        remember(order_[k].level);
        return;
    }
    // Otherwise a level of its own, its span cut clear of the neighbours it would overlap.
    double below = -HUGE_VAL;
    double above = HUGE_VAL;
    for (std::size_t k = hitFrom; k < hitTo; ++k) {
        const Level& l = levels_[order_[k].level];
        if (l.coreHigh < m.wick) {
            below = std::max(below, l.high());
        } else {
            above = std::min(above, l.low());
        }
    }
    pad = std::min({pad, (m.wick - below) / 2, (above - m.wick) / 2});
    coreLow = std::min(std::max(coreLow, below + pad), m.wick);
    coreHigh = std::max(std::min(coreHigh, above - pad), m.wick);
    Level l;
    l.id = concat({m.peak ? "H" : "L", formatIsoDate(m.day)});
    l.coreLow = coreLow;
    l.coreHigh = coreHigh;
    l.pad = pad;
    l.atrRef = atrK;
    l.knownFrom = now;
    l.recordBounds(now);
    l.addMember(m, now);
    l.promote(m.major, m.record, now);
    const Shape shape = l.shapeNow();
    const std::size_t index = levels_.size();
    levels_.push_back(std::move(l));
    noteChange(index, Change{now, Change::Kind::Created, shape, touch});
    remember(index);
    const std::size_t pos = firstAtOrAbove(coreLow);
    order_.insert(order_.begin() + static_cast<std::ptrdiff_t>(pos),
                  Slot{levels_[index].low(), levels_[index].high(), index});
    for (std::size_t k = pos; k < order_.size(); ++k) {
        levels_[order_[k].level].slot = k;
    }
}

// Crossings are decided on a closing basis: above the highest close of the level's peaks,
// below the lowest close of its troughs (the core edge where it has none of that kind).
LevelEngine::Shape LevelEngine::Level::shapeNow() const {
    Shape s;
    s.low = low();
    s.high = high();
    s.mid = (coreLow + coreHigh) / 2;
    s.price = manual ? manualPrice : s.mid;
    LevelBand& b = s.band;
    b = LevelBand{coreLow, coreHigh, coreLow, coreHigh};
    if (!manual) {
        b.breakHigh = peakClose > -HUGE_VAL ? std::clamp(peakClose, coreLow, coreHigh) : coreHigh;
        b.breakLow = troughClose < HUGE_VAL ? std::clamp(troughClose, coreLow, coreHigh) : coreLow;
        b.breakLow = std::min(b.breakLow, b.breakHigh);
    }
    s.canOpen = major || record || manual;
    s.record = record;
    s.recordMajor = record && major;
    // The line is a close only where clamping into the core (or under the other line) left it so.
    s.closeAbove = !manual && peakClose > -HUGE_VAL && b.breakHigh == peakClose;
    s.closeBelow = !manual && troughClose < HUGE_VAL && b.breakLow == troughClose;
    return s;
}

void LevelEngine::Level::promote(bool toMajor, bool toRecord, std::size_t now) {
    majorFrom = toMajor && !major ? now : majorFrom;
    recordFrom = toRecord && !record ? now : recordFrom;
    major = major || toMajor;
    record = record || toRecord;
}

void LevelEngine::Level::recordBounds(std::size_t from) {
    const ZoneBounds b{from, low(), high(), coreLow, coreHigh};
    if (!bounds.empty() && bounds.back().low == b.low && bounds.back().high == b.high &&
        bounds.back().coreLow == b.coreLow && bounds.back().coreHigh == b.coreHigh) {
        return;
    }
    if (!bounds.empty() && bounds.back().from == from) {
        bounds.back() = b;  // two pivots confirmed on one bar
    } else {
        bounds.push_back(b);
    }
}

bool LevelEngine::Level::hasMemberIn(std::size_t from, std::size_t to) const {
    const auto it = partitionPointNearEnd(memberBars.begin(), memberBars.end(),
                                          [&](std::size_t bar) { return bar < from; });
    return it != memberBars.end() && *it <= to;
}

// A zone is named for its oldest record or major swing (its oldest pivot while it has none):
// the name it is known by stays when a later swing tests it ("the Mar-2000 high" when July
// 2007 went a point above it).
void LevelEngine::Level::noteNaming(std::size_t k, std::size_t now) {
    const auto rank = [](const Member& x) { return x.record || x.major ? 1 : 0; };
    const bool better = naming == SIZE_MAX || rank(members[k]) > rank(members[naming]) ||
                        (rank(members[k]) == rank(members[naming]) && k < naming);
    if (!better || k == naming) {
        return;
    }
    naming = k;
    if (!namings.empty() && namings.back().first == now) {
        namings.back().second = k;  // two pivots confirmed on one bar
    } else {
        namings.emplace_back(now, k);
    }
}

void LevelEngine::Level::addMember(const Member& m, std::size_t now) {
    members.push_back(m);
    members.back().knownFrom = now;
    members.back().majorFrom = m.major ? now : SIZE_MAX;
    noteNaming(members.size() - 1, now);
    if (m.peak) {
        peakClose = std::max(peakClose, m.close);
    } else {
        troughClose = std::min(troughClose, m.close);
    }
}

void LevelEngine::Level::addTouch(const LevelTouch& t, std::size_t from, std::size_t to) {
    rejections += t.rejection ? 1 : 0;
    if (touches.empty() || touches.back().index <= t.index) {  // a visit ending: the usual case
        touches.push_back(t);
        spans.emplace_back(from, to);
        return;
    }
    const auto it = partitionPointNearEnd(touches.begin(), touches.end(),
                                          [&](const LevelTouch& x) { return x.index <= t.index; });
    const auto at = it - touches.begin();
    touches.insert(it, t);
    spans.insert(spans.begin() + at, {from, to});
}

void LevelEngine::endVisit(Level& l, bool rejection, std::size_t end) {
    l.visiting = false;
    // A pivot of the level inside the visit is that visit's touch already.
    if (l.hasMemberIn(l.visitStart, end)) {
        return;
    }
    const Bar& d = bars_[l.visitDeepest];
    l.addTouch(LevelTouch{l.visitDeepest, d.day, l.visitFromAbove ? d.low : d.high,
                          l.visitFromAbove, rejection, l.visitStart, end, end},
               l.visitStart, end);
}

inline void LevelEngine::stepLevel(Level& l, std::size_t j, std::size_t i, bool days) {
    const Bar& b = bars_[i];
    const double atrBefore = atr_[i - 1];
    const RetestMargins margins(settings_.rules, atrBefore);
    // Touches: a visit starts when the bar's range reaches the zone (a near miss within the
    // retest allowance counts, as chartists count it) and ends with a close clear of it; a
    // rejection when price leaves on the side it came from.
    const double nearMiss = margins.touch;
    const bool inZone = b.low <= l.shape.high + nearMiss && b.high >= l.shape.low - nearMiss;
    if (inZone | l.visiting) {
        visit(l, inZone, i, kClearanceAtr * atrBefore);
    }
    if (days) {
        trackDays(l, j, i, margins, atrBefore);
    } else if (!l.tracker.quiet(b, l.shape.band, margins)) {
        stepTracker(l, j, i, b, atrBefore);
    }
}

// Read through its days, a bar is each of them in turn, with the daily ATR: the daily chart's
// verdicts, on the bar that holds their day.
void LevelEngine::trackDays(Level& l, std::size_t j, std::size_t i, const RetestMargins& margins,
                            double atrBefore) {
    if (dayBegin(i) == dayEnd_[i]) {  // days not at hand: the bar itself
        if (!l.tracker.quiet(bars_[i], l.shape.band, margins)) {
            stepTracker(l, j, i, bars_[i], atrBefore);
        }
        return;
    }
    for (std::size_t d = dayBegin(i); d < dayEnd_[i]; ++d) {
        const double atr = dailyAtr_[d > 0 ? d - 1 : 0];
        if (!l.tracker.quiet(daily_[d], l.shape.band, RetestMargins(settings_.rules, atr))) {
            stepTracker(l, j, i, daily_[d], atr);
        }
    }
}

inline void LevelEngine::visit(Level& l, bool inZone, std::size_t i, double clearance) {
    const Bar& b = bars_[i];
    if (inZone) {
        if (!l.visiting) {
            l.visiting = true;
            l.visitFromAbove = bars_[i - 1].close > l.shape.mid;
            l.visitStart = i;
            l.visitDeepest = i;
            l.deepenings.push_back(i);
        } else {
            const Bar& d = bars_[l.visitDeepest];
            if (l.visitFromAbove ? b.low < d.low : b.high > d.high) {
                l.visitDeepest = i;
                l.deepenings.push_back(i);
            }
        }
    }
    const bool above = b.close > l.shape.high + clearance;
    if (above | (b.close < l.shape.low - clearance)) {
        endVisit(l, above == l.visitFromAbove, i);
    }
}

LevelEvent& LevelEngine::openEvent(Level& l) {
    return l.openFresh ? fresh_[*l.openEvent].event : events_[*l.openEvent];
}

void LevelEngine::stepTracker(Level& l, std::size_t j, std::size_t i, const Bar& b,
                              double atrBefore) {
    const Shape& s = l.shape;
    const TrackerStep step = l.tracker.step(b, atrBefore, s.band, s.canOpen, settings_.rules);
    if (step.opened) {
        Fresh& f = fresh_.emplace_back();
        f.bar = i;
        f.level = j;
        LevelEvent& ev = f.event;
        ev.type = *step.opened;
        ev.index = i;
        ev.day = b.day;
        ev.level = s.price;
        ev.low = s.low;
        ev.high = s.high;
        ev.close = b.close;
        const bool up = ev.type == LevelEventType::Breakout;
        ev.line = up ? s.band.breakHigh : s.band.breakLow;
        // What the line is: a close of the level's peaks or troughs, else an edge of its core.
        using Line = LevelEvent::Line;
        const Line high = s.record ? Line::RecordClose : Line::ClosingHigh;
        if (up ? s.closeAbove : s.closeBelow) {
            ev.lineKind = up ? high : Line::ClosingLow;
        } else if (!up && s.closeAbove && ev.line == s.band.breakHigh) {
            ev.lineKind = high;  // the troughs' close lies above the peaks': the peaks' line
        } else {
            ev.lineKind = ev.line >= s.band.coreHigh ? Line::ZoneTop : Line::ZoneBottom;
        }
        ev.record = s.recordMajor;
        // Room for a typical retest story (about eight steps on long histories) in one
        // allocation, where growing by doubling would take four.
        ev.history.reserve(8);
        ev.id = concat(
            {l.id, ev.type == LevelEventType::Breakout ? "/up/" : "/down/", formatIsoDate(b.day)});
        l.openEvent = fresh_.size() - 1;
        l.openFresh = true;
    }
    for (const auto& st : step.state) {
        if (st && l.openEvent) {
            LevelEvent& ev = openEvent(l);
            ev.retest = *st;
            ev.retestDay = b.day;
            ev.history.push_back(RetestStep{*st, i, b.day, b.close});
        }
    }
    if (!l.tracker.open()) {
        l.openEvent.reset();
        l.openFresh = false;
    }
    // Counting a failure: the next bar must see it.
    l.sticky = (l.tracker.pending() || readsDays_) && !l.manual;
}

void LevelEngine::keepFreshEvents(std::span<const std::size_t> walked) {
    if (fresh_.empty()) {
        return;
    }
    // Sorted by (bar, place among the levels): detected ones by price, then the manual ones.
    const std::size_t places = order_.size() + manual_.size();
    std::vector<std::pair<std::size_t, std::size_t>> keys;  // (key, index into fresh_)
    keys.reserve(fresh_.size());
    for (std::size_t f = 0; f < fresh_.size(); ++f) {
        const Level& l = levels_[fresh_[f].level];
        const std::size_t place = l.manual ? order_.size() + fresh_[f].level : l.slot;
        keys.emplace_back(fresh_[f].bar * places + place, f);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<std::size_t> placed(fresh_.size());
    for (const auto& [key, f] : keys) {
        placed[f] = events_.size();
        events_.push_back(std::move(fresh_[f].event));
        eventLevel_.push_back(fresh_[f].level);
    }
    for (const std::size_t j : walked) {
        Level& l = levels_[j];
        if (l.openFresh) {
            l.openEvent = placed[*l.openEvent];
            l.openFresh = false;
        }
    }
    fresh_.clear();
}

namespace {

std::string ageText(Day days) {
    char buf[48];
    if (days <= 0) {
        return "today";
    }
    if (days < 60) {
        std::snprintf(buf, sizeof buf, "%d day%s ago", days, days == 1 ? "" : "s");
    } else if (days < 730) {
        std::snprintf(buf, sizeof buf, "%d months ago", static_cast<int>(days / 30.44));
    } else {
        std::snprintf(buf, sizeof buf, "%d years ago", static_cast<int>(days / 365.25));
    }
    return buf;
}

// `v` with `decimals` digits after the point, exactly as printf's "%.*f" writes it. Most
// prices take the fast path (an integer of hundredths, unless it is within a hair of a tie,
// where the exact decimal expansion decides); descriptions format tens of thousands of them.
std::string_view fixedText(double v, int decimals, std::span<char, 64> buf) {
    const double scale = decimals == 1 ? 10 : (decimals == 2 ? 100 : 10000);
    const double x = v * scale;
    const double whole = std::floor(x);
    if (v >= 0 && x < 1e9 && std::abs(x - whole - 0.5) > 1e-6) {
        auto n = static_cast<std::uint64_t>(x - whole > 0.5 ? whole + 1 : whole);
        char* end = buf.data() + buf.size();
        char* at = end;
        for (int d = 0; d < decimals; ++d, n /= 10) {
            *--at = static_cast<char>('0' + n % 10);
        }
        *--at = '.';
        do {
            *--at = static_cast<char>('0' + n % 10);
            n /= 10;
        } while (n != 0);
        return {at, static_cast<std::size_t>(end - at)};
    }
    const auto written =
        std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed, decimals);
    return {buf.data(),
            written.ec == std::errc() ? static_cast<std::size_t>(written.ptr - buf.data()) : 0};
}

std::string priceText(double p) {
    // 2,458.86: thousands separated, two decimals (four below 10, for yields and ratios).
    std::array<char, 64> buf{};
    const std::string_view digits = fixedText(p, priceDecimals(p), buf);
    // Digits copied one by one with a comma before every group of three (no insert: see concat).
    const std::size_t dot = std::min(digits.find('.'), digits.size());
    const std::size_t sign = digits.empty() || digits.front() != '-' ? 0 : 1;
    std::string s;
    s.reserve(digits.size() + digits.size() / 3);
    for (std::size_t k = 0; k < digits.size(); ++k) {
        if (k > sign && k < dot && (dot - k) % 3 == 0) {
            s += ',';
        }
        s += digits[k];
    }
    return s;
}

std::string pctText(double pct) {
    std::array<char, 64> buf{};
    return concat({fixedText(std::abs(pct), 1, buf), "%"});
}

}  // namespace

void measureEventAsOf(LevelEvent& ev, double lastClose, double atrNow) {
    const double last = lastClose;
    const double edge = last > ev.high ? ev.high : (last < ev.low ? ev.low : last);
    ev.movePct = ev.close > 0 ? (last / ev.close - 1) * 100 : 0;
    ev.distancePct = edge > 0 ? (last - edge) / edge * 100 : 0;
    ev.distanceAtr = atrNow > 0 ? (last - edge) / atrNow : 0;
}

std::string LevelEvent::description() const {
    const LevelEvent& ev = *this;
    const bool up = ev.type == LevelEventType::Breakout;
    std::string text;
    text.reserve(ev.name.size() + 140);  // the longest wording, without reallocating
    appendText(text, {up ? "Broke out above " : "Broke down below ", ev.name});
    // A close that crossed the level's closing line but not the high (low) it is named for says
    // which line it crossed, so the words never contradict the prices.
    if (up ? ev.close <= ev.namedPrice : ev.close >= ev.namedPrice) {
        static constexpr std::array<std::string_view, 5> kLine{" (record close ", " (closing high ",
                                                               " (closing low ", " (zone top ",
                                                               " (zone bottom "};
        appendText(text, {kLine[static_cast<std::size_t>(ev.lineKind)], priceText(ev.line), ")"});
    }
    appendText(text, {" on ", formatIsoDate(ev.day), " (close ", priceText(ev.close), ")"});
    const std::string when = formatIsoDate(ev.retestDay);
    switch (ev.retest) {
        case RetestState::None:
            text += "; not retested yet";
            break;
        case RetestState::Retesting:
            appendText(text, {"; retesting since ", when});
            break;
        case RetestState::Held:
            appendText(text, {"; retest held on ", when});
            break;
        case RetestState::Failed: {
            const double failClose = ev.history.empty() ? ev.close : ev.history.back().close;
            appendText(text, {"; failed on ", when, " (close ", priceText(failClose), ")"});
            break;
        }
    }
    if (ev.distancePct == 0) {
        text += "; now inside the zone";
    } else {
        appendText(text, {"; now ", pctText(ev.distancePct),
                          ev.distancePct > 0 ? " above the zone" : " below the zone"});
    }
    return text;
}

// Why, in words: the touches, then the pivots it holds. A zone's pivots joined it in order, so
// those known on an earlier bar are a prefix of them.
std::string explainZone(const Zone& z, std::size_t lastIndex, Day asOf, double volumeOnTests) {
    const std::size_t t = z.touches.size();
    std::string why = z.manual ? "manual level; " : "";
    if (t == 0) {
        why += "no touches yet";
    } else {
        appendText(why, {std::to_string(t), t == 1 ? " touch " : " touches ",
                         formatIsoDate(z.firstTouch)});
        if (t > 1) {
            appendText(why, {" \u2026 ", formatIsoDate(z.lastTouch)});
        }
        appendText(why, {", ", std::to_string(z.rejections),
                         z.rejections == 1 ? " rejection" : " rejections"});
        appendText(why, {", last touch ", ageText(asOf - z.lastTouch)});
    }
    if (z.flipped) {
        why += z.kind == LevelKind::Support ? ", flipped from resistance to support"
                                            : ", flipped from support to resistance";
    }
    if (volumeOnTests >= 1.2) {
        why += ", heavy volume on tests";
    }
    std::size_t naming = SIZE_MAX;
    for (const auto& [from, k] : z.namedBy) {
        naming = from <= lastIndex ? k : naming;
    }
    std::size_t cited = 0;
    for (std::size_t k = 0; k < z.pivots.size() && cited < 4; ++k) {
        const ZonePivot& p = z.pivots[k];
        if (p.knownFrom > lastIndex) {
            break;
        }
        if (!p.record && p.majorFrom > lastIndex && k != naming) {
            continue;
        }
        why += cited++ == 0 ? "; holds " : " and ";
        appendText(why, {pivotName(p.day, p.peak, p.record, p.datedFrom <= lastIndex), " ",
                         priceText(p.wick)});
        if (p.close != p.wick) {
            appendText(why, {" (close ", priceText(p.close), ")"});
        }
    }
    return why;
}

LevelAnalysis LevelEngine::analysis() const {
    return snapshot(events_, nullptr);
}

LevelAnalysis LevelEngine::snapshot(std::vector<LevelEvent> events, Taken* taken) const {
    LevelAnalysis out;
    if (bars_.empty()) {
        return out;
    }
    const std::size_t last = bars_.size() - 1;
    const std::span<const Bar> bars = bars_.seen();
    out.asOf = bars_.back().day;
    out.sensitivity = settings_.sensitivity;
    out.lastClose = bars_.back().close;
    out.atr = atr_.back();
    out.allTimeHigh = AllTimeHigh{bars_[athHigh_].high, dayOfExtreme(athHigh_, true),
                                  bars_[athClose_].close, bars_[athClose_].day};
    out.highDays = highDays_;

    // Zones, by price; remember where each level went for the events.
    std::vector<std::size_t> levelOrder;
    levelOrder.reserve(order_.size() + manual_.size());
    for (const Slot& s : order_) {
        levelOrder.push_back(s.level);
    }
    levelOrder.insert(levelOrder.end(), manual_.begin(), manual_.end());
    auto namePrice = [&](const Level& l, const Member** naming) {
        *naming = l.naming < l.members.size() ? &l.members[l.naming] : nullptr;
        return l.manual ? l.manualPrice : (*naming ? (*naming)->wick : l.coreHigh);
    };
    std::vector<double> keyPrice(levels_.size());
    for (const std::size_t j : levelOrder) {
        const Member* naming = nullptr;
        keyPrice[j] = namePrice(levels_[j], &naming);
    }
    std::stable_sort(levelOrder.begin(), levelOrder.end(),
                     [&](std::size_t a, std::size_t b) { return keyPrice[a] < keyPrice[b]; });
    std::vector<std::size_t> zoneOf(levels_.size(), SIZE_MAX);
    for (const std::size_t j : levelOrder) {
        const Level& l = levels_[j];
        Zone z;
        z.id = l.id;
        z.manualId = l.manualId;
        z.coreLow = l.coreLow;
        z.coreHigh = l.coreHigh;
        z.low = l.low();
        z.high = l.high();
        z.knownFrom = l.knownFrom;
        z.bounds = l.bounds;
        z.major = l.major;
        z.record = l.record;
        z.majorFrom = l.majorFrom;
        z.recordFrom = l.recordFrom;
        z.manual = l.manual;
        const Member* naming = nullptr;
        z.price = std::clamp(namePrice(l, &naming), z.low, z.high);
        // The pivots its explanation cites on some bar, so a view of an earlier day cites those
        // of that day: the records and major swings, and every pivot it was named for.
        std::vector<char> namedFor(l.members.size(), 0);
        for (const auto& [from, k] : l.namings) {
            namedFor[k] = 1;
        }
        std::vector<std::size_t> pivotOf(l.members.size(), SIZE_MAX);
        for (std::size_t k = 0; k < l.members.size(); ++k) {
            const Member& m = l.members[k];
            if (m.major || m.record || namedFor[k] != 0) {
                pivotOf[k] = z.pivots.size();
                z.pivots.push_back(ZonePivot{m.day, m.wick, m.close, m.peak, m.record, m.knownFrom,
                                             m.majorFrom, outdoneInMonth(m, last)});
            }
        }
        for (const auto& [from, k] : l.namings) {
            z.namedBy.emplace_back(from, pivotOf[k]);
        }
        if (l.manual) {
            z.name = l.label;
        } else if (naming != nullptr) {  // the pivot of the last naming
            const ZonePivot& p = z.pivots[z.namedBy.back().second];
            z.name = pivotName(p.day, p.peak, p.record, p.datedFrom <= last);
        } else {
            z.name = concat({"the level at ", priceText(z.price)});
        }
        // Renamed (another pivot names it, or a later bar of its month outdid it): the names
        // it had before, each from its bar.
        if (!l.manual) {
            for (std::size_t n = 0; n < z.namedBy.size(); ++n) {
                const auto [from, k] = z.namedBy[n];
                const std::size_t until =
                    n + 1 < z.namedBy.size() ? z.namedBy[n + 1].first : last + 1;
                const ZonePivot& p = z.pivots[k];
                z.names.push_back(
                    {from, pivotName(p.day, p.peak, p.record, p.datedFrom <= from), p.wick});
                if (p.datedFrom > from && p.datedFrom < until) {
                    z.names.push_back(
                        {p.datedFrom, pivotName(p.day, p.peak, p.record, true), p.wick});
                }
            }
            if (z.names.size() < 2) {
                z.names.clear();
            }
        }
        if (taken != nullptr) {
            z.touches = std::move(taken->touches[j]);
            z.deepenings = std::move(taken->deepenings[j]);
        } else {
            z.touches = l.touches;
            z.deepenings = l.deepenings;
        }
        z.rejections = l.rejections;
        if (l.visiting) {
            if (!l.hasMemberIn(l.visitStart, last)) {  // still testing it at the last bar
                const Bar& d = bars_[l.visitDeepest];
                z.touches.push_back(LevelTouch{l.visitDeepest, d.day,
                                               l.visitFromAbove ? d.low : d.high, l.visitFromAbove,
                                               false, l.visitStart, SIZE_MAX, SIZE_MAX});
            }
        }
        if (!z.touches.empty()) {
            z.firstTouch = z.touches.front().day;
            z.lastTouch = z.touches.back().day;
        }
        // Inside a zone, a live breakout makes it support being tested from above (a breakdown
        // resistance from below), as a chartist reads a retest; otherwise the side of its price.
        z.kind = zoneKind(z, out.lastClose,
                          l.tracker.open() ? std::optional(l.tracker.type()) : std::nullopt);
        const bool supportNow = z.kind == LevelKind::Support;
        z.flipped = std::any_of(z.touches.begin(), z.touches.end(), [&](const LevelTouch& t) {
            return t.rejection && t.fromAbove != supportNow;
        });
        const double relVol = testVolume(z, bars);
        z.strength = zoneStrength(z, last, relVol);
        z.why = explainZone(z, last, out.asOf, relVol);
        zoneOf[j] = out.zones.size();
        out.zones.push_back(std::move(z));
    }

    // Major swings with the extreme close between their neighbours.
    for (std::size_t k = 0; k < majorPivots_.size(); ++k) {
        const Pivot& p = majorPivots_[k];
        const std::size_t best = k < majorCloseBar_.size() ? majorCloseBar_[k] : majorCloseBar(k);
        const Extreme e{p.index,         dayOfExtreme(p.index, p.high),
                        p.price,         best,
                        bars_[best].day, bars_[best].close};
        (p.high ? out.majorPeaks : out.majorTroughs).push_back(e);
        if (majorRecord_[k] && p.price < out.allTimeHigh->high) {
            out.priorAllTimeHigh = e;
        }
    }

    // Events, named as their zone is, described as of the last bar.
    out.events = std::move(events);
    for (std::size_t e = 0; e < out.events.size(); ++e) {
        LevelEvent& ev = out.events[e];
        ev.zone = zoneOf[eventLevel_[e]];
        ev.name = out.zones[ev.zone].name;
        ev.namedPrice = out.zones[ev.zone].price;
        measureEventAsOf(ev, out.lastClose, out.atr);
        if (out.priorAllTimeHigh && ev.type == LevelEventType::Breakout &&
            out.zones[ev.zone].low <= out.priorAllTimeHigh->price &&
            out.priorAllTimeHigh->price <= out.zones[ev.zone].high) {
            out.priorHighBreakout = e;
        }
    }

    // The default selection: what a chartist marks for this chart.
    const std::vector<char> shown =
        defaultSelection(out.zones, out.events, bars, last, settings_.sensitivity);
    for (std::size_t k = 0; k < out.zones.size(); ++k) {
        out.zones[k].shown = shown[k] != 0;
        out.hiddenZones += shown[k] ? 0 : 1;
    }
    out.headline = headlineEvent(out.events, last, out.asOf);
    return out;
}

}  // namespace retest
