// Support/resistance analysis: the public entry points over the streaming engine
// (level_engine.h), names, "as of" views and the headline.
#include "core/analytics/levels.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/analytics/atr.h"
#include "core/analytics/level_engine.h"
#include "core/analytics/resample.h"
#include "core/model/date.h"

namespace retest {

std::string_view levelKindName(LevelKind kind) {
    return kind == LevelKind::Support ? "support" : "resistance";
}

std::string_view levelEventTypeName(LevelEventType type) {
    return type == LevelEventType::Breakout ? "breakout" : "breakdown";
}

std::string_view retestStateName(RetestState state) {
    switch (state) {
        case RetestState::None:
            return "none";
        case RetestState::Retesting:
            return "retesting";
        case RetestState::Held:
            return "held";
        case RetestState::Failed:
            return "failed";
    }
    return "none";
}

std::string pivotName(Day day, bool peak, bool record) {
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const CivilDate c = civilFromDay(day);
    return std::string("the ") + kMonths[(c.month - 1) % 12] + "-" + std::to_string(c.year) +
           (peak ? (record ? " record high" : " high") : " low");
}

LevelAnalysis analyzeLevels(std::span<const Bar> bars, const LevelSettings& settings,
                            std::span<const ManualLevelInput> manual, std::span<const Bar> daily) {
    LevelEngine engine(settings, manual, daily);
    engine.append(bars);
    return engine.analysis();
}

std::vector<LevelEvent> eventsAsOf(const LevelAnalysis& analysis, std::span<const Bar> bars,
                                   std::size_t lastIndex) {
    std::vector<LevelEvent> out;
    if (bars.empty()) {
        return out;
    }
    lastIndex = std::min(lastIndex, bars.size() - 1);
    const std::vector<double> atr = wilderAtr(bars.first(lastIndex + 1));
    for (const LevelEvent& e : analysis.events) {
        if (e.index > lastIndex) {
            continue;
        }
        LevelEvent ev = e;
        while (!ev.history.empty() && ev.history.back().index > lastIndex) {
            ev.history.pop_back();
        }
        ev.retest = ev.history.empty() ? RetestState::None : ev.history.back().state;
        ev.retestDay = ev.history.empty() ? 0 : ev.history.back().day;
        describeEventAsOf(ev, bars, atr.back(), lastIndex);
        out.push_back(std::move(ev));
    }
    return out;
}

std::optional<std::size_t> headlineEvent(std::span<const LevelEvent> events,
                                         std::size_t lastIndex) {
    if (events.empty()) {
        return std::nullopt;
    }
    constexpr std::size_t kRecentBars = 20;
    auto lastChange = [](const LevelEvent& e) {
        return e.history.empty() ? e.index : e.history.back().index;
    };
    auto live = [&](const LevelEvent& e) {
        return e.index <= lastIndex &&
               (e.retest != RetestState::Failed || lastIndex - lastChange(e) <= kRecentBars);
    };
    // 1. Through a major record (the prior all-time high and its like): the latest one.
    std::optional<std::size_t> best;
    for (std::size_t k = 0; k < events.size(); ++k) {
        const LevelEvent& e = events[k];
        if (live(e) && e.record && (!best || e.index >= events[*best].index)) {
            best = k;
        }
    }
    if (best) {
        return best;
    }
    // 2. Through the level nearest to price, within a few ATR; the later one among equals.
    for (std::size_t k = 0; k < events.size(); ++k) {
        const LevelEvent& e = events[k];
        if (!live(e) || std::abs(e.distanceAtr) > 5) {
            continue;
        }
        if (!best || std::abs(e.distanceAtr) < std::abs(events[*best].distanceAtr) ||
            (std::abs(e.distanceAtr) == std::abs(events[*best].distanceAtr) &&
             e.index > events[*best].index)) {
            best = k;
        }
    }
    return best;
}

std::vector<Zone> higherTimeframeZones(std::span<const Bar> daily, Timeframe tf,
                                       const LevelSettings& settings) {
    std::vector<Zone> out;
    if (tf == Timeframe::Daily || daily.empty()) {
        return out;
    }
    const std::vector<Bar> bars = resample(daily, tf);
    LevelAnalysis a = analyzeLevels(bars, settings, {}, daily);
    for (Zone& z : a.zones) {
        if (z.shown && (z.major || z.record) && !z.manual) {
            z.timeframe = tf;
            z.touches.clear();  // bar indices of the other timeframe mean nothing here
            z.knownFrom = 0;
            out.push_back(std::move(z));
        }
    }
    return out;
}

}  // namespace retest
