// Support/resistance analysis: zones, major swings, breakouts and retests (see levels.h).
// The pipeline: ATR -> zigzag swings (minor and major) -> zones -> touches -> strength ->
// the strongest zones -> breakouts and retests through the major ones.
#include "core/analytics/levels.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/analytics/atr.h"
#include "core/analytics/breakouts.h"
#include "core/analytics/pivots.h"
#include "core/analytics/zones.h"
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

namespace {

// Everything the one sensitivity knob drives.
struct Tuning {
    double zigzagAtr;   // minor swing: reversal in ATR
    double majorVol;    // major swing: reversal as a multiple of annual volatility
    double widthScale;  // zone widths, x the typical ATR%
    std::size_t keep;   // detected zones kept
};

Tuning tune(double sensitivity) {
    const double s = std::isfinite(sensitivity) ? std::clamp(sensitivity, 0.0, 1.0) : 0.5;
    auto lerp = [s](double a, double b) { return a + (b - a) * s; };
    return Tuning{lerp(8, 3), lerp(0.9, 0.45), lerp(1.4, 0.7),
                  static_cast<std::size_t>(std::lround(lerp(6, 24)))};
}

// Median ATR as a fraction of price over the recent past: zone widths in one relative unit.
double typicalAtrFraction(std::span<const Bar> bars, std::span<const double> atr) {
    const std::size_t n = bars.size();
    const std::size_t from = n > 1000 ? n - 1000 : 0;
    std::vector<double> rel;
    rel.reserve(n - from);
    for (std::size_t i = from; i < n; ++i) {
        if (bars[i].close > 0 && atr[i] > 0) {
            rel.push_back(atr[i] / bars[i].close);
        }
    }
    if (rel.empty()) {
        return 0.01;
    }
    auto mid = rel.begin() + static_cast<std::ptrdiff_t>(rel.size() / 2);
    std::nth_element(rel.begin(), mid, rel.end());
    return std::clamp(*mid, 1e-4, 0.5);
}

struct SeriesFacts {
    AllTimeHigh ath;
    double annualVolatility = 0.2;  // stdev of close-to-close returns scaled to a year
};

// The all-time high and the annual volatility, whatever the bar period, in one pass.
SeriesFacts seriesFacts(std::span<const Bar> bars) {
    const std::size_t n = bars.size();
    std::size_t hi = 0;
    std::size_t cl = 0;
    double sum = 0;
    double sumSq = 0;
    std::size_t count = 0;
    for (std::size_t i = 1; i < n; ++i) {
        hi = bars[i].high > bars[hi].high ? i : hi;
        cl = bars[i].close > bars[cl].close ? i : cl;
        if (bars[i - 1].close > 0) {
            const double r = bars[i].close / bars[i - 1].close - 1;
            sum += r;
            sumSq += r * r;
            ++count;
        }
    }
    SeriesFacts f;
    f.ath = AllTimeHigh{bars[hi].high, bars[hi].day, bars[cl].close, bars[cl].day};
    if (count >= 2) {
        const double mean = sum / static_cast<double>(count);
        const double var = std::max(sumSq / static_cast<double>(count) - mean * mean, 0.0);
        const double days = std::max(1.0, static_cast<double>(bars.back().day - bars.front().day));
        f.annualVolatility = std::sqrt(var * static_cast<double>(n - 1) * 365.25 / days);
    }
    return f;
}

// Minor and major swings in one list sorted by bar, flagged major and record.
std::vector<SwingPoint> mergeSwings(std::span<const Bar> bars, const std::vector<Pivot>& minor,
                                    const std::vector<Pivot>& major) {
    std::vector<SwingPoint> out;
    out.reserve(minor.size() + major.size());
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < minor.size() || b < major.size()) {
        const bool takeMajor =
            b < major.size() && (a == minor.size() || major[b].index <= minor[a].index);
        if (takeMajor) {
            if (a < minor.size() && minor[a].index == major[b].index &&
                minor[a].high == major[b].high) {
                ++a;  // the same swing seen by both zigzags
            }
            out.push_back(SwingPoint{major[b++], true, false});
        } else {
            out.push_back(SwingPoint{minor[a++], false, false});
        }
    }
    double runningHigh = -HUGE_VAL;
    std::size_t scanned = 0;
    for (SwingPoint& s : out) {
        for (; scanned < s.pivot.index; ++scanned) {
            runningHigh = std::max(runningHigh, bars[scanned].high);
        }
        s.record = s.pivot.high && s.pivot.price > runningHigh;
    }
    return out;
}

// Each major pivot with the extreme close between its neighbouring opposite pivots.
void majorExtremes(std::span<const Bar> bars, const std::vector<Pivot>& pivots,
                   LevelAnalysis& out) {
    for (std::size_t k = 0; k < pivots.size(); ++k) {
        const Pivot& p = pivots[k];
        const std::size_t from = k > 0 ? pivots[k - 1].index + 1 : 0;
        const std::size_t to = k + 1 < pivots.size() ? pivots[k + 1].index : bars.size();
        std::size_t best = p.index;
        for (std::size_t i = from; i < to; ++i) {
            const double c = bars[i].close;
            best = (p.high ? c > bars[best].close : c < bars[best].close) ? i : best;
        }
        Extreme e{p.index, p.day, p.price, best, bars[best].day, bars[best].close};
        (p.high ? out.majorPeaks : out.majorTroughs).push_back(e);
    }
}

}  // namespace

namespace {

// Volume of bar i against the mean of the 20 bars before it; 0 when there is no volume.
double relativeVolume(std::span<const Bar> bars, std::size_t i) {
    const std::size_t from = i >= 20 ? i - 20 : 0;
    double sum = 0;
    for (std::size_t k = from; k < i; ++k) {
        sum += bars[k].volume;
    }
    const double mean = i > from ? sum / static_cast<double>(i - from) : 0;
    return mean > 0 ? bars[i].volume / mean : 0;
}

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

std::string whyText(const Zone& z, double relVol, Day asOf) {
    const std::size_t t = z.touches.size();
    std::string why = z.manual ? "manual level; " : "";
    if (t == 0) {
        return why + "no touches yet";
    }
    why += std::to_string(t) + (t == 1 ? " touch " : " touches ") + formatIsoDate(z.firstTouch);
    if (t > 1) {
        why += " \u2026 " + formatIsoDate(z.lastTouch);
    }
    why += ", " + std::to_string(z.rejections) + (z.rejections == 1 ? " rejection" : " rejections");
    why += ", last touch " + ageText(asOf - z.lastTouch);
    if (z.flipped) {
        why += z.kind == LevelKind::Support ? ", flipped from resistance to support"
                                            : ", flipped from support to resistance";
    }
    if (relVol >= 1.2) {
        why += ", heavy volume on tests";
    }
    if (z.record) {
        why += ", a former all-time high";
    } else if (z.major && !z.manual) {
        why += ", major swing point";
    }
    return why;
}

void classify(Zone& z, double lastClose) {
    const bool below = z.high < lastClose || (z.low <= lastClose && z.price <= lastClose);
    z.kind = below ? LevelKind::Support : LevelKind::Resistance;
    const bool supportNow = z.kind == LevelKind::Support;
    z.flipped = std::any_of(z.touches.begin(), z.touches.end(), [&](const LevelTouch& t) {
        return t.rejection && t.fromAbove != supportNow;
    });
}

// 0..100: rejections 30, touches 10, recency 20, volume on tests 10, major swing 15, a former
// all-time high 15. Counts saturate gently so a level tested 20 times does not drown the rest.
void score(Zone& z, std::span<const Bar> bars, Day asOf) {
    double relVol = 0;
    int withVolume = 0;
    for (const LevelTouch& t : z.touches) {
        const double r = relativeVolume(bars, t.index);
        relVol += r;
        withVolume += r > 0 ? 1 : 0;
    }
    relVol = withVolume > 0 ? relVol / withVolume : 0;
    const auto n = static_cast<double>(bars.size());
    double s = 30 * (1 - std::exp(-z.rejections / 4.0));
    s += 10 * (1 - std::exp(-static_cast<double>(z.touches.size()) / 6));
    if (!z.touches.empty()) {
        const double age = n - 1 - static_cast<double>(z.touches.back().index);
        s += 20 * std::exp(-age / std::max(20.0, std::min(n, 1000.0) / 2));
    }
    s += 10 * std::clamp((relVol - 0.8) / 0.8, 0.0, 1.0);
    s += z.major && !z.manual ? 15 : 0;
    s += z.record ? 15 : 0;
    z.strength = std::round(std::clamp(s, 0.0, 100.0) * 10) / 10;
    z.why = whyText(z, relVol, asOf);
}

std::optional<std::size_t> zoneAt(const std::vector<Zone>& zones, double price) {
    auto it = std::lower_bound(zones.begin(), zones.end(), price,
                               [](const Zone& z, double p) { return z.high < p; });
    if (it != zones.end() && it->low <= price) {
        return static_cast<std::size_t>(it - zones.begin());
    }
    return std::nullopt;
}

// The `keep` detected zones ranked by strength plus nearness to the last close (a chartist
// marks the levels price can reach), plus every manual zone, every former all-time high and
// the zones holding `mustKeep`.
std::vector<Zone> selectZones(std::vector<Zone> zones, std::size_t keep, double lastClose,
                              std::span<const double> mustKeep) {
    std::vector<char> kept(zones.size(), 0);
    for (std::size_t i = 0; i < zones.size(); ++i) {
        kept[i] = zones[i].manual || zones[i].record ? 1 : 0;
    }
    for (const double p : mustKeep) {
        if (auto z = zoneAt(zones, p)) {
            kept[*z] = 1;
        }
    }
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        if (!kept[i]) {
            order.push_back(i);
        }
    }
    std::vector<double> rank(zones.size());
    for (std::size_t i = 0; i < zones.size(); ++i) {
        const double away = lastClose > 0 ? std::abs(std::log(zones[i].price / lastClose)) : 0;
        rank[i] = zones[i].strength + 20 * std::exp(-away / 0.25);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank[a] > rank[b]; });
    for (std::size_t k = 0; k < std::min(keep, order.size()); ++k) {
        kept[order[k]] = 1;
    }
    std::vector<Zone> out;
    for (std::size_t i = 0; i < zones.size(); ++i) {
        if (kept[i]) {
            out.push_back(std::move(zones[i]));
        }
    }
    return out;
}

// The latest major peak that set a record when made and has been exceeded since.
std::optional<Extreme> priorRecordPeak(const std::vector<SwingPoint>& swings,
                                       const std::vector<Extreme>& peaks, double athHigh) {
    std::optional<std::size_t> index;
    for (const SwingPoint& s : swings) {
        if (s.major && s.record && s.pivot.price < athHigh) {
            index = s.pivot.index;
        }
    }
    for (const Extreme& p : peaks) {
        if (index && p.index == *index) {
            return p;
        }
    }
    return std::nullopt;
}

// For each zone, its swings oldest first and the best name among the first k of them, so the
// name of a level as of any bar is a binary search ("the 2007 high" rather than a later swing
// the zone also holds).
struct ZoneSwings {
    std::vector<std::size_t> bars;      // bar index of each member swing
    std::vector<std::size_t> bestUpTo;  // index into swings of the best name so far
};

std::vector<ZoneSwings> zoneSwings(const std::vector<Zone>& zones,
                                   const std::vector<SwingPoint>& swings) {
    std::vector<ZoneSwings> out(zones.size());
    for (std::size_t k = 0; k < swings.size(); ++k) {
        if (const auto z = zoneAt(zones, swings[k].pivot.price)) {
            ZoneSwings& m = out[*z];
            const bool better =
                m.bestUpTo.empty() || namesZoneBetter(swings[k], swings[m.bestUpTo.back()]);
            m.bestUpTo.push_back(better ? k : m.bestUpTo.back());
            m.bars.push_back(swings[k].pivot.index);
        }
    }
    return out;
}

std::string nameBefore(const Zone& z, const std::vector<SwingPoint>& swings,
                       const ZoneSwings& members, std::size_t before) {
    const auto known = static_cast<std::size_t>(
        std::lower_bound(members.bars.begin(), members.bars.end(), before) - members.bars.begin());
    return z.manual || known == 0 ? z.name : swingName(swings[members.bestUpTo[known - 1]]);
}

std::vector<LevelEvent> allEvents(std::span<const Bar> bars, std::span<const double> atr,
                                  const std::vector<Zone>& zones,
                                  const std::vector<SwingPoint>& swings,
                                  const LevelSettings& settings) {
    const std::vector<ZoneSwings> members = zoneSwings(zones, swings);
    std::vector<BreakoutTrack> tracks;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        if (!zones[z].major) {
            continue;
        }
        // Tracking starts at a zone's first swing: a level cannot be broken before it exists.
        BreakoutTrack t{&zones[z], z, 0, StartSide::Unknown};
        if (!members[z].bars.empty() && !zones[z].manual) {
            const Pivot& p = swings[members[z].bestUpTo.front()].pivot;
            t.start = p.index;
            t.side = p.high ? StartSide::Below : StartSide::Above;
        }
        tracks.push_back(t);
    }
    std::vector<LevelEvent> events;
    auto found = trackBreakouts(bars, atr, tracks, settings);
    for (std::size_t k = 0; k < tracks.size(); ++k) {
        for (LevelEvent& ev : found[k]) {
            const std::size_t z = tracks[k].zoneIndex;
            ev.name = nameBefore(zones[z], swings, members[z], ev.index);
            ev.id = zones[z].id + (ev.type == LevelEventType::Breakout ? "/up/" : "/down/") +
                    formatIsoDate(ev.day);
            ev.description = describeEvent(ev, ev.name);
            events.push_back(std::move(ev));
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const LevelEvent& a, const LevelEvent& b) {
        return a.index != b.index ? a.index < b.index : a.zone < b.zone;
    });
    return events;
}

}  // namespace

LevelAnalysis analyzeLevels(std::span<const Bar> bars, const LevelSettings& settings,
                            std::span<const ManualLevelInput> manual) {
    LevelAnalysis out;
    if (bars.empty()) {
        return out;
    }
    const std::vector<double> atr = wilderAtr(bars, settings.atrPeriod);
    out.asOf = bars.back().day;
    out.lastClose = bars.back().close;
    out.atr = atr.back();
    const SeriesFacts facts = seriesFacts(bars);
    out.allTimeHigh = facts.ath;
    const Tuning t = tune(settings.sensitivity);
    const auto minor = zigzagAtr(bars, atr, t.zigzagAtr);
    const double majorMove = std::clamp(t.majorVol * facts.annualVolatility, 0.03, 0.6);
    const auto major = zigzagPercent(bars, majorMove);
    majorExtremes(bars, major, out);
    const std::vector<SwingPoint> swings = mergeSwings(bars, minor, major);
    const double w = typicalAtrFraction(bars, atr) * t.widthScale;
    std::vector<Zone> zones = buildZones(swings, manual, ZoneParams{2.5 * w, 5 * w, 0.5 * w});
    collectTouches(bars, atr, 1.0, zones);
    for (Zone& z : zones) {
        classify(z, out.lastClose);
        score(z, bars, out.asOf);
    }
    out.priorAllTimeHigh = priorRecordPeak(swings, out.majorPeaks, out.allTimeHigh->high);
    std::vector<double> mustKeep{out.allTimeHigh->high};
    if (out.priorAllTimeHigh) {
        mustKeep.push_back(out.priorAllTimeHigh->price);
    }
    out.zones = selectZones(std::move(zones), t.keep, out.lastClose, mustKeep);
    out.events = allEvents(bars, atr, out.zones, swings, settings);
    if (out.priorAllTimeHigh) {
        const auto z = zoneAt(out.zones, out.priorAllTimeHigh->price);
        for (std::size_t e = 0; z && e < out.events.size(); ++e) {
            if (out.events[e].zone == *z && out.events[e].type == LevelEventType::Breakout) {
                out.priorHighBreakout = e;
            }
        }
    }
    return out;
}

}  // namespace retest
