// Breakout and retest state machine of one level (see retest_tracker.h).
#include "core/analytics/retest_tracker.h"

namespace retest {

void RetestTracker::set(RetestState s, TrackerStep& out) {
    state_ = s;
    out.state[out.state[0] ? 1 : 0] = s;
}

TrackerStep RetestTracker::step(const Bar& b, double atr, const LevelBand& band, bool canOpen,
                                const RetestRules& rules) {
    TrackerStep out;
    if (open_) {
        advance(b, atr, band, rules, out);
        return out;
    }
    const bool above = b.close > band.breakHigh;
    const bool below = b.close < band.breakLow;
    if (side_ == PriceSide::Below && above) {
        side_ = PriceSide::Above;
        if (canOpen) {
            out.opened = LevelEventType::Breakout;
        }
    } else if (side_ == PriceSide::Above && below) {
        side_ = PriceSide::Below;
        if (canOpen) {
            out.opened = LevelEventType::Breakdown;
        }
    } else if (side_ == PriceSide::Unknown && (above || below)) {
        side_ = above ? PriceSide::Above : PriceSide::Below;
    }
    if (out.opened) {
        open_ = true;
        type_ = *out.opened;
        state_ = RetestState::None;
        runFail_ = 0;
        away_ = false;
    }
    return out;
}

void RetestTracker::advance(const Bar& b, double atr, const LevelBand& band,
                            const RetestRules& rules, TrackerStep& out) {
    const bool up = type_ == LevelEventType::Breakout;
    // Distances measured outwards from the level on the breakout side (positive = beyond it).
    const double edge = up ? band.coreHigh : band.coreLow;
    const double line = up ? band.breakHigh : band.breakLow;
    const double far = up ? band.coreLow : band.coreHigh;
    const double sign = up ? 1.0 : -1.0;
    const double closeBeyond = sign * (b.close - line);
    const double nearest = up ? b.low : b.high;  // the bar's extreme towards the level
    const bool throughFail = sign * (far - b.close) > rules.failAtr * atr;
    runFail_ = throughFail ? runFail_ + 1 : 0;
    if (runFail_ >= rules.failCloses) {
        set(RetestState::Failed, out);
        open_ = false;
        runFail_ = 0;
        side_ = up ? PriceSide::Below : PriceSide::Above;
        return;
    }
    const bool entered = sign * (nearest - edge) <= rules.touchAtr * atr;
    if (state_ == RetestState::Held && !entered) {
        away_ = away_ || sign * (nearest - edge) > rules.awayAtr * atr;
    }
    const bool reopen = state_ == RetestState::Held && (closeBeyond <= 0 || (away_ && entered));
    if ((state_ == RetestState::None && entered) || reopen) {
        set(RetestState::Retesting, out);
        away_ = false;
    }
    if (state_ == RetestState::Retesting && closeBeyond > 0) {
        set(RetestState::Held, out);
    }
}

}  // namespace retest
