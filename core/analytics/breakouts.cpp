// Breakout/breakdown and retest state machine for one zone (see breakouts.h).
#include "core/analytics/breakouts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/model/date.h"

namespace retest {
namespace {

class Tracker {
public:
    Tracker(std::span<const Bar> bars, std::span<const double> atr, const Zone& zone,
            std::size_t zoneIndex, StartSide side, const LevelSettings& s)
        : bars_(bars),
          atr_(atr),
          zone_(zone),
          zoneIndex_(zoneIndex),
          side_(side),
          confirm_(std::max(s.confirmCloses, 1)),
          low_(zone.low),
          high_(zone.high) {}

    /// Bar i, whose margin (marginAtr x ATR) is `m`.
    void step(std::size_t i, const Bar& b, double m) {
        const bool up = b.close > high_ + m;
        const bool down = b.close < low_ - m;
        runUp_ = up ? runUp_ + 1 : 0;
        runDown_ = down ? runDown_ + 1 : 0;
        if (open_) {
            advance(i, m);
        } else if (!up && !down) {
            return;  // the common case: nothing can start on this bar
        } else if (side_ == StartSide::Below && runUp_ >= confirm_) {
            openEvent(LevelEventType::Breakout, i);
        } else if (side_ == StartSide::Above && runDown_ >= confirm_) {
            openEvent(LevelEventType::Breakdown, i);
        } else if (side_ == StartSide::Unknown) {
            side_ = up ? StartSide::Above : StartSide::Below;
        }
    }

    std::vector<LevelEvent> events;

private:
    void openEvent(LevelEventType type, std::size_t i) {
        LevelEvent ev;
        ev.type = type;
        ev.index = i;
        ev.day = bars_[i].day;
        ev.zone = zoneIndex_;
        ev.level = zone_.price;
        ev.low = zone_.low;
        ev.high = zone_.high;
        events.push_back(std::move(ev));
        open_ = true;
        away_ = false;
        side_ = type == LevelEventType::Breakout ? StartSide::Above : StartSide::Below;
    }

    void setState(RetestState state, std::size_t i) {
        LevelEvent& ev = events.back();
        ev.retest = state;
        ev.retestDay = bars_[i].day;
        ev.history.push_back(RetestStep{state, i, bars_[i].day});
    }

    void advance(std::size_t i, double m) {
        const Bar& b = bars_[i];
        const bool up = events.back().type == LevelEventType::Breakout;
        if (up ? runDown_ >= confirm_ : runUp_ >= confirm_) {
            setState(RetestState::Failed, i);
            open_ = false;
            side_ = up ? StartSide::Below : StartSide::Above;
            return;
        }
        const bool entered = up ? b.low <= zone_.high : b.high >= zone_.low;
        const bool beyond = up ? b.close > zone_.high : b.close < zone_.low;
        const RetestState state = events.back().retest;
        if (state == RetestState::Held && !entered) {
            const double away = std::max(m, atr_[i]);
            away_ = away_ || (up ? b.low > zone_.high + away : b.high < zone_.low - away);
        }
        const bool reopen = state == RetestState::Held && away_ && entered;
        if ((state == RetestState::None && entered) || reopen) {
            setState(RetestState::Retesting, i);
            away_ = false;
        }
        if (events.back().retest == RetestState::Retesting && beyond) {
            setState(RetestState::Held, i);
        }
    }

    std::span<const Bar> bars_;
    std::span<const double> atr_;
    const Zone& zone_;
    std::size_t zoneIndex_;
    StartSide side_;
    int confirm_;
    double low_;
    double high_;
    int runUp_ = 0;
    int runDown_ = 0;
    bool open_ = false;
    bool away_ = false;
};

std::string formatPct(double pct) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", std::abs(pct));
    return buf;
}

}  // namespace

std::string describeEvent(const LevelEvent& ev, const std::string& name) {
    const bool up = ev.type == LevelEventType::Breakout;
    const std::string date = formatIsoDate(ev.retestDay);
    const std::string dist = describeDistance(ev.distancePct);
    switch (ev.retest) {
        case RetestState::None:
            return std::string(up ? "Broke out above " : "Broke down below ") + name + " on " +
                   formatIsoDate(ev.day) + ", not retested yet, " + dist;
        case RetestState::Retesting:
            return "Retesting " + name + " since " + date + ", " + dist;
        case RetestState::Held:
            return "Retest of " + name + " held on " + date + ", " + dist;
        case RetestState::Failed:
            return std::string(up ? "Breakout above " : "Breakdown below ") + name + " failed on " +
                   date + ", " + dist;
    }
    return {};
}

std::string describeDistance(double distancePct) {
    if (distancePct == 0) {
        return "inside the zone";
    }
    return formatPct(distancePct) + (distancePct > 0 ? " above the zone" : " below the zone");
}

namespace {

void finishEvents(std::span<const Bar> bars, std::span<const double> atr, const Zone& zone,
                  std::vector<LevelEvent>& events) {
    const double last = bars.back().close;
    const double lastAtr = atr.back();
    const double edge = last > zone.high ? zone.high : (last < zone.low ? zone.low : last);
    char buf[64];
    std::snprintf(buf, sizeof buf, "the zone at %.2f", zone.price);
    const std::string name = zone.name.empty() ? std::string(buf) : zone.name;
    for (LevelEvent& ev : events) {
        const double at = bars[ev.index].close;
        ev.movePct = at > 0 ? (last / at - 1) * 100 : 0;
        ev.distancePct = edge > 0 ? (last - edge) / edge * 100 : 0;
        ev.distanceAtr = lastAtr > 0 ? (last - edge) / lastAtr : 0;
        ev.description = describeEvent(ev, name);
    }
}

}  // namespace

std::vector<std::vector<LevelEvent>> trackBreakouts(std::span<const Bar> bars,
                                                    std::span<const double> atr,
                                                    std::span<const BreakoutTrack> tracks,
                                                    const LevelSettings& settings) {
    std::vector<Tracker> trackers;
    trackers.reserve(tracks.size());
    std::size_t first = bars.size();
    for (const BreakoutTrack& t : tracks) {
        trackers.emplace_back(bars, atr, *t.zone, t.zoneIndex, t.side, settings);
        first = std::min(first, t.start + 1);
    }
    // One pass over the bars for every zone: the bars stream through the cache once.
    for (std::size_t i = first; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        const double m = settings.marginAtr * atr[i];
        for (std::size_t k = 0; k < trackers.size(); ++k) {
            if (i > tracks[k].start) {
                trackers[k].step(i, b, m);
            }
        }
    }
    std::vector<std::vector<LevelEvent>> out(tracks.size());
    for (std::size_t k = 0; k < tracks.size() && !bars.empty(); ++k) {
        finishEvents(bars, atr, *tracks[k].zone, trackers[k].events);
        out[k] = std::move(trackers[k].events);
    }
    return out;
}

std::vector<LevelEvent> trackBreakouts(std::span<const Bar> bars, std::span<const double> atr,
                                       const Zone& zone, std::size_t zoneIndex, std::size_t start,
                                       StartSide side, const LevelSettings& settings) {
    const BreakoutTrack track{&zone, zoneIndex, start, side};
    return std::move(trackBreakouts(bars, atr, std::span(&track, 1), settings).front());
}

}  // namespace retest
