// Support/resistance analysis: the public entry points over the streaming engine
// (level_engine.h), names, "as of" views and the headline.
#include "core/analytics/levels.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/analytics/atr.h"
#include "core/analytics/level_engine.h"
#include "core/analytics/resample.h"
#include "core/model/date.h"
#include "core/model/text.h"

namespace retest {

std::string_view levelKindName(LevelKind kind) {
    return kind == LevelKind::Support ? "support" : "resistance";
}

std::string_view levelEventTypeName(LevelEventType type) {
    return type == LevelEventType::Breakout ? "breakout" : "breakdown";
}

std::string retestSummary(RetestState state, std::optional<Day> day) {
    const std::string when = day ? formatIsoDate(*day) : std::string();
    switch (state) {
        case RetestState::None:
            return "not retested yet";
        case RetestState::Retesting:
            return day ? concat({"retesting since ", when}) : "retesting";
        case RetestState::Held:
            return day ? concat({"retest held ", when}) : "retest held";
        case RetestState::Failed:
            return day ? concat({"failed ", when}) : "failed";
    }
    return {};
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

std::string pivotName(Day day, bool peak, bool record, bool withDay) {
    const CivilDate c = civilFromDay(day);
    return concat({"the ", withDay ? std::to_string(c.day) + "-" : std::string(),
                   monthAbbrev(c.month), "-", std::to_string(c.year),
                   peak ? (record ? " record high" : " high") : " low"});
}

LevelAnalysis analyzeLevels(std::span<const Bar> bars, const LevelSettings& settings,
                            std::span<const ManualLevelInput> manual, std::span<const Bar> daily) {
    return LevelEngine::analyze(bars, settings, manual, daily);
}

std::vector<LevelEvent> eventsAsOf(const LevelAnalysis& analysis, std::span<const Bar> bars,
                                   std::size_t lastIndex) {
    std::vector<LevelEvent> out;
    if (bars.empty()) {
        return out;
    }
    lastIndex = std::min(lastIndex, bars.size() - 1);
    AtrStream atrStream;  // the ATR at lastIndex, as wilderAtr() has it, without the vector
    double atrNow = 0;
    for (std::size_t i = 0; i <= lastIndex; ++i) {
        atrNow = atrStream.next(bars[i], i > 0 ? &bars[i - 1] : nullptr);
    }
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
        if (ev.zone < analysis.zones.size()) {  // named as its zone was then
            ev.name = nameAsOf(analysis.zones[ev.zone], lastIndex);
            ev.namedPrice = namedPriceAsOf(analysis.zones[ev.zone], lastIndex);
        }
        measureEventAsOf(ev, bars[lastIndex].close, atrNow);
        out.push_back(std::move(ev));
    }
    return out;
}

std::optional<std::size_t> headlineEvent(std::span<const LevelEvent> events, std::size_t lastIndex,
                                         Day asOf) {
    if (events.empty()) {
        return std::nullopt;
    }
    constexpr Day kRecentDays = 28;  // four weeks on every timeframe, not 20 monthly bars
    constexpr double kSettledAtr = 10;
    constexpr double kSettledPct = 25;  // for weekly and monthly bars, whose ATR is wide
    constexpr Day kSettledDays = 365;
    auto lastChangeDay = [](const LevelEvent& e) {
        return e.history.empty() ? e.day : e.history.back().day;
    };
    // A breakout price left far behind more than a year ago, untested since, is history: it
    // worked, and the question has moved on to the levels price is at now.
    auto settled = [&](const LevelEvent& e) {
        const bool farBehind =
            std::abs(e.distanceAtr) > kSettledAtr || std::abs(e.distancePct) > kSettledPct;
        return farBehind && asOf - lastChangeDay(e) > kSettledDays;
    };
    auto live = [&](const LevelEvent& e) {
        return e.index <= lastIndex && !settled(e) &&
               (e.retest != RetestState::Failed || asOf - lastChangeDay(e) <= kRecentDays);
    };
    // Weekly and monthly bars are read through their days: one bar may hold two events of a
    // level (a breakout, its failure and a new breakout in one month): a tie on the bar goes to
    // the later day.
    auto later = [](const LevelEvent& a, const LevelEvent& b) {
        return a.index != b.index ? a.index > b.index : a.day > b.day;
    };
    // 1. Through a major record (the prior all-time high and its like): the latest one.
    std::optional<std::size_t> best;
    for (std::size_t k = 0; k < events.size(); ++k) {
        const LevelEvent& e = events[k];
        if (live(e) && e.record && (!best || !later(events[*best], e))) {
            best = k;
        }
    }
    if (best) {
        return best;
    }
    // 2. Through the level nearest to price, within a few ATRs of it or moved on in the last
    // three months; the later one among equals. A breakout price ran away from after its retest
    // held in October is still the story in December (XBI above its Nov-2024 high at the end
    // of 2025, 7 ATRs up); one that last moved a year ago, with price elsewhere, is not.
    constexpr double kNearAtr = 5;
    constexpr Day kFreshDays = 92;
    auto current = [&](const LevelEvent& e) {
        return std::abs(e.distanceAtr) <= kNearAtr || asOf - lastChangeDay(e) <= kFreshDays;
    };
    for (std::size_t k = 0; k < events.size(); ++k) {
        const LevelEvent& e = events[k];
        if (!live(e) || !current(e)) {
            continue;
        }
        if (!best || std::abs(e.distanceAtr) < std::abs(events[*best].distanceAtr) ||
            (std::abs(e.distanceAtr) == std::abs(events[*best].distanceAtr) &&
             later(e, events[*best]))) {
            best = k;
        }
    }
    return best;
}

const Zone* nearestShownZone(const LevelAnalysis& analysis, LevelKind kind) {
    const Zone* best = nullptr;
    for (const Zone& z : analysis.zones) {
        if (z.kind != kind || !z.shown) {
            continue;
        }
        if (best == nullptr ||
            std::abs(z.price - analysis.lastClose) < std::abs(best->price - analysis.lastClose)) {
            best = &z;
        }
    }
    return best;
}

std::vector<std::optional<std::size_t>> latestEventOfEachZone(const LevelAnalysis& analysis) {
    std::vector<std::optional<std::size_t>> latest(analysis.zones.size());
    for (std::size_t k = 0; k < analysis.events.size(); ++k) {
        if (analysis.events[k].zone < latest.size()) {
            latest[analysis.events[k].zone] = k;
        }
    }
    return latest;
}

bool inZone(const Zone& zone, double price) {
    return price >= zone.low && price <= zone.high;
}

double zoneDistancePct(const Zone& zone, double close) {
    if (close <= 0 || inZone(zone, close)) {
        return 0;
    }
    return (zone.price / close - 1.0) * 100.0;
}

std::string zoneDistanceText(const Zone& zone, double close) {
    if (inZone(zone, close)) {
        return "inside";
    }
    return signedText(zoneDistancePct(zone, close), 1) + "%";
}

std::optional<Overhead> overhead(const LevelAnalysis& analysis) {
    if (const Zone* z = nearestShownZone(analysis, LevelKind::Resistance)) {
        return Overhead{z->price, z};
    }
    if (analysis.allTimeHigh && analysis.allTimeHigh->high > analysis.lastClose) {
        return Overhead{analysis.allTimeHigh->high, nullptr};
    }
    return std::nullopt;
}

namespace {

/// The entry of `history` (ordered by its `from` bar) in force on bar `lastIndex`: the last
/// one from at or before it, the first one before that; nullptr when there is none.
template <typename Entry>
const Entry* inForce(const std::vector<Entry>& history, std::size_t lastIndex) {
    if (history.empty()) {
        return nullptr;
    }
    const auto later =
        std::upper_bound(history.begin(), history.end(), lastIndex,
                         [](std::size_t index, const Entry& e) { return index < e.from; });
    return later == history.begin() ? &history.front() : &*std::prev(later);
}

/// namedPriceAsOf() for the zone's bounds on that bar, `bounds`, already at hand.
double namedPriceWithin(const Zone& zone, std::size_t lastIndex, const ZoneBounds& bounds) {
    const ZoneName* then = inForce(zone.names, lastIndex);
    return std::clamp(then != nullptr ? then->price : zone.price, bounds.low, bounds.high);
}

}  // namespace

std::vector<char> defaultSelection(std::span<const Zone> zones, std::span<const LevelEvent> events,
                                   std::span<const Bar> bars, std::size_t lastIndex,
                                   double sensitivity) {
    std::vector<char> shown(zones.size(), 0);
    if (bars.empty()) {
        return shown;
    }
    lastIndex = std::min(lastIndex, bars.size() - 1);
    const double s = std::isfinite(sensitivity) ? std::clamp(sensitivity, 0.0, 1.0) : 0.5;
    const double close = bars[lastIndex].close;
    double ath = 0;
    for (std::size_t i = 0; i <= lastIndex; ++i) {
        ath = std::max(ath, bars[i].high);
    }
    auto known = [&](const Zone& z) { return z.manual || z.knownFrom <= lastIndex; };
    // Each zone as it stood on that bar: a later swing may have widened, renamed or promoted it.
    std::vector<ZoneBounds> bounds;
    std::vector<double> price;
    bounds.reserve(zones.size());
    price.reserve(zones.size());
    for (const Zone& z : zones) {
        bounds.push_back(boundsAsOf(z, lastIndex));
        price.push_back(namedPriceWithin(z, lastIndex, bounds.back()));
    }
    auto distance = [&](std::size_t k) {
        const ZoneBounds& b = bounds[k];
        return close > b.high ? close - b.high : (close < b.low ? b.low - close : 0.0);
    };
    // The all-time high's zone, the prior record (the highest record below it), manual levels.
    std::optional<std::size_t> prior;
    for (std::size_t k = 0; k < zones.size(); ++k) {
        const Zone& z = zones[k];
        if (!known(z)) {
            continue;
        }
        const bool athZone = bounds[k].low <= ath && ath <= bounds[k].high;
        shown[k] = z.manual || athZone ? 1 : 0;
        if (!athZone && recordAsOf(z, lastIndex) && majorAsOf(z, lastIndex) &&
            bounds[k].high < ath && (!prior || price[k] > price[*prior])) {
            prior = k;
        }
    }
    if (prior) {
        shown[*prior] = 1;
    }
    // Live retests and what changed in the last 20 bars (unless failed).
    for (const LevelEvent& ev : events) {
        if (ev.index > lastIndex || ev.zone >= zones.size() || ev.retest == RetestState::Failed) {
            continue;
        }
        const std::size_t changed = ev.history.empty() ? ev.index : ev.history.back().index;
        if (ev.retest == RetestState::Retesting || std::abs(ev.distanceAtr) <= 3 ||
            lastIndex - changed <= 20) {
            shown[ev.zone] = 1;
        }
    }
    // On each side of price: the nearest major levels, and the first level price meets, major
    // or not (the support a trader watches next: a swing low 2 % under price, not only the major
    // one 30 % under it). Manual levels are shown anyway and take no place here or below:
    // drawing one never hides a detected level.
    const std::size_t eachSide = 2 + static_cast<std::size_t>(std::floor(2 * s));
    std::vector<std::size_t> above;
    std::vector<std::size_t> below;
    std::optional<std::size_t> nearestAbove;
    std::optional<std::size_t> nearestBelow;
    for (std::size_t k = 0; k < zones.size(); ++k) {
        const Zone& z = zones[k];
        if (!known(z) || z.manual) {
            continue;
        }
        const bool up = bounds[k].low > close;
        if (majorAsOf(z, lastIndex) || recordAsOf(z, lastIndex)) {
            (up ? above : below).push_back(k);
        }
        auto& nearest = up ? nearestAbove : nearestBelow;
        if (!nearest || distance(k) < distance(*nearest)) {
            nearest = k;
        }
    }
    for (auto* side : {&above, &below}) {
        std::stable_sort(side->begin(), side->end(),
                         [&](std::size_t a, std::size_t b) { return distance(a) < distance(b); });
        for (std::size_t k = 0; k < side->size() && k < eachSide; ++k) {
            shown[(*side)[k]] = 1;
        }
    }
    for (const auto& nearest : {nearestAbove, nearestBelow}) {
        if (nearest) {
            shown[*nearest] = 1;
        }
    }
    // Higher sensitivity: the strongest of the rest, nearer ones first.
    const auto extra = static_cast<std::size_t>(std::lround(std::max(0.0, s - 0.5) * 2 * 16));
    if (extra == 0) {
        return shown;
    }
    // Their strength on that bar: touches since, or a promotion since, make a level stronger.
    const bool past = lastIndex + 1 < bars.size();
    std::vector<std::size_t> rest;
    std::vector<double> rank(zones.size());
    for (std::size_t k = 0; k < zones.size(); ++k) {
        if (!shown[k] && known(zones[k])) {
            rest.push_back(k);
            const double away =
                close > 0 && price[k] > 0 ? std::abs(std::log(price[k] / close)) : 0;
            const double strength =
                past ? zoneAsOf(zones[k], lastIndex, zones[k].kind, bars).strength
                     : zones[k].strength;
            rank[k] = strength + 40 * std::exp(-away / 0.15);
        }
    }
    std::stable_sort(rest.begin(), rest.end(),
                     [&](std::size_t a, std::size_t b) { return rank[a] > rank[b]; });
    for (std::size_t k = 0; k < rest.size() && k < extra; ++k) {
        shown[rest[k]] = 1;
    }
    return shown;
}

LevelKind zoneKind(const Zone& zone, double close, std::optional<LevelEventType> live) {
    return zoneKind(ZoneBounds{0, zone.low, zone.high, zone.coreLow, zone.coreHigh}, zone.price,
                    close, live);
}

LevelKind zoneKind(const ZoneBounds& bounds, double price, double close,
                   std::optional<LevelEventType> live) {
    const bool inside = bounds.low <= close && close <= bounds.high;
    const bool insideAsSupport = live ? *live == LevelEventType::Breakout : price <= close;
    const bool below = bounds.high < close || (inside && insideAsSupport);
    return below ? LevelKind::Support : LevelKind::Resistance;
}

ZoneBounds boundsAsOf(const Zone& zone, std::size_t lastIndex) {
    const ZoneBounds* then = inForce(zone.bounds, lastIndex);
    return then != nullptr ? *then
                           : ZoneBounds{0, zone.low, zone.high, zone.coreLow, zone.coreHigh};
}

const std::string& nameAsOf(const Zone& zone, std::size_t lastIndex) {
    const ZoneName* then = inForce(zone.names, lastIndex);
    return then != nullptr ? then->name : zone.name;
}

double namedPriceAsOf(const Zone& zone, std::size_t lastIndex) {
    return namedPriceWithin(zone, lastIndex, boundsAsOf(zone, lastIndex));
}

std::vector<LevelKind> zoneKindsAsOf(const LevelAnalysis& analysis,
                                     std::span<const LevelEvent> events, std::span<const Bar> bars,
                                     std::size_t lastIndex) {
    std::vector<LevelKind> out;
    if (bars.empty()) {
        return out;
    }
    // A zone's tracker is open from its latest event until that event fails.
    std::vector<std::optional<LevelEventType>> live(analysis.zones.size());
    for (const LevelEvent& ev : events) {
        if (ev.zone < live.size()) {
            live[ev.zone] = ev.retest == RetestState::Failed
                                ? std::nullopt
                                : std::optional<LevelEventType>(ev.type);
        }
    }
    const double close = bars[std::min(lastIndex, bars.size() - 1)].close;
    out.reserve(analysis.zones.size());
    for (std::size_t k = 0; k < analysis.zones.size(); ++k) {
        const Zone& z = analysis.zones[k];
        const ZoneBounds b = boundsAsOf(z, lastIndex);
        out.push_back(zoneKind(b, namedPriceWithin(z, lastIndex, b), close, live[k]));
    }
    return out;
}

std::optional<AllTimeHigh> allTimeHighAsOf(const LevelAnalysis& analysis, std::span<const Bar> bars,
                                           std::size_t lastIndex) {
    if (bars.empty()) {
        return std::nullopt;
    }
    lastIndex = std::min(lastIndex, bars.size() - 1);
    std::size_t high = 0;  // the earliest bar of the highest high, as the engine keeps it
    std::size_t close = 0;
    for (std::size_t i = 1; i <= lastIndex; ++i) {
        high = bars[i].high > bars[high].high ? i : high;
        close = bars[i].close > bars[close].close ? i : close;
    }
    AllTimeHigh out{bars[high].high, bars[high].day, bars[close].close, bars[close].day};
    // The day of the high as the analysis dates it: a weekly or monthly high on its day, not
    // its period's.
    const auto made = std::lower_bound(
        analysis.highDays.begin(), analysis.highDays.end(), high,
        [](const std::pair<std::size_t, Day>& h, std::size_t index) { return h.first < index; });
    if (made != analysis.highDays.end() && made->first == high) {
        out.highDay = made->second;
    }
    return out;
}

double testVolume(const Zone& zone, std::span<const Bar> bars) {
    // Volume of bar i against the mean of the 20 bars before it; 0 when there is no volume.
    const auto relative = [&](std::size_t i) {
        const std::size_t from = i >= 20 ? i - 20 : 0;
        double sum = 0;
        for (std::size_t k = from; k < i; ++k) {
            sum += bars[k].volume;
        }
        const double mean = i > from ? sum / static_cast<double>(i - from) : 0;
        return mean > 0 ? bars[i].volume / mean : 0;
    };
    double sum = 0;
    int withVolume = 0;
    const std::size_t n = zone.touches.size();
    for (std::size_t k = n > 50 ? n - 50 : 0; k < n; ++k) {
        const std::size_t i = zone.touches[k].index;
        const double r = i < bars.size() ? relative(i) : 0;
        sum += r;
        withVolume += r > 0 ? 1 : 0;
    }
    return withVolume > 0 ? sum / withVolume : 0;
}

double zoneStrength(const Zone& zone, std::size_t lastIndex, double volumeOnTests) {
    const auto n = static_cast<double>(lastIndex + 1);
    double s = 30 * (1 - std::exp(-zone.rejections / 4.0));
    s += 10 * (1 - std::exp(-static_cast<double>(zone.touches.size()) / 6));
    if (!zone.touches.empty()) {
        const double age = n - 1 - static_cast<double>(zone.touches.back().index);
        s += 20 * std::exp(-age / std::max(20.0, std::min(n, 1000.0) / 2));
    }
    s += 10 * std::clamp((volumeOnTests - 0.8) / 0.8, 0.0, 1.0);
    s += zone.major && !zone.manual ? 15 : 0;
    s += zone.record ? 15 : 0;
    return std::round(std::clamp(s, 0.0, 100.0) * 10) / 10;
}

Zone zoneAsOf(Zone zone, std::size_t lastIndex, LevelKind kind, std::span<const Bar> bars) {
    const ZoneBounds b = boundsAsOf(zone, lastIndex);
    zone.price = namedPriceWithin(zone, lastIndex, b);
    zone.low = b.low;
    zone.high = b.high;
    zone.coreLow = b.coreLow;
    zone.coreHigh = b.coreHigh;
    if (const ZoneName* then = inForce(zone.names, lastIndex)) {
        zone.name = then->name;
        std::erase_if(zone.names, [&](const ZoneName& x) { return x.from > lastIndex; });
    }
    std::erase_if(zone.bounds, [&](const ZoneBounds& x) { return x.from > lastIndex; });
    // A visit under way then is a touch at its deepest bar so far, and no rejection yet, as the
    // bars up to that day count it: its touch here may sit on a later, deeper bar, or on a pivot
    // of the zone confirmed later. Touches are by bar and visits one after the other, so its
    // touch is the first one after that bar or the last one up to it. A pivot in it confirmed
    // by then is its touch instead (LevelEngine::endVisit()).
    const auto later =
        std::partition_point(zone.touches.begin(), zone.touches.end(),
                             [&](const LevelTouch& t) { return t.index <= lastIndex; });
    std::optional<std::size_t> visitStart;
    if (later != zone.touches.end() && later->start <= lastIndex && later->end > lastIndex) {
        visitStart = later->start;
    } else if (later != zone.touches.begin() && std::prev(later)->end > lastIndex) {
        visitStart = std::prev(later)->start;
    }
    if (visitStart) {
        const auto first =
            std::partition_point(zone.touches.begin(), later,
                                 [&](const LevelTouch& t) { return t.index < *visitStart; });
        std::vector<LevelTouch> then(zone.touches.begin(), first);
        std::copy_if(first, later, std::back_inserter(then),
                     [&](const LevelTouch& t) { return t.end <= lastIndex; });
        const auto deepest =
            std::upper_bound(zone.deepenings.begin(), zone.deepenings.end(), lastIndex);
        if (then.size() == static_cast<std::size_t>(first - zone.touches.begin()) &&
            deepest != zone.deepenings.begin() && *std::prev(deepest) >= *visitStart &&
            *std::prev(deepest) < bars.size()) {
            const std::size_t d = *std::prev(deepest);
            // From the side of the zone's middle the close before it was on, as it began.
            const ZoneBounds began = boundsAsOf(zone, *visitStart);
            const bool fromAbove = *visitStart > 0 && bars[*visitStart - 1].close >
                                                          (began.coreLow + began.coreHigh) / 2;
            then.push_back(LevelTouch{d, bars[d].day, fromAbove ? bars[d].low : bars[d].high,
                                      fromAbove, false, *visitStart, SIZE_MAX, SIZE_MAX});
        }
        zone.touches = std::move(then);
    } else {
        zone.touches.erase(later, zone.touches.end());
    }
    for (LevelTouch& t : zone.touches) {
        t.rejection = t.rejection && t.decided <= lastIndex;
    }
    zone.firstTouch = zone.touches.empty() ? 0 : zone.touches.front().day;
    zone.lastTouch = zone.touches.empty() ? 0 : zone.touches.back().day;
    zone.rejections = static_cast<int>(std::count_if(
        zone.touches.begin(), zone.touches.end(), [](const LevelTouch& t) { return t.rejection; }));
    zone.major = majorAsOf(zone, lastIndex);
    zone.record = recordAsOf(zone, lastIndex);
    zone.kind = kind;
    const bool support = kind == LevelKind::Support;
    zone.flipped = std::any_of(zone.touches.begin(), zone.touches.end(), [&](const LevelTouch& t) {
        return t.rejection && t.fromAbove != support;
    });
    const double volume = testVolume(zone, bars);
    zone.strength = zoneStrength(zone, lastIndex, volume);
    zone.why = explainZone(zone, lastIndex,
                           lastIndex < bars.size() ? bars[lastIndex].day : zone.lastTouch, volume);
    return zone;
}

std::vector<Zone> higherTimeframeZones(std::span<const Bar> daily, Timeframe tf,
                                       const LevelSettings& settings) {
    if (tf == Timeframe::Daily || daily.empty()) {
        return {};
    }
    const std::vector<Bar> bars = resample(daily, tf);
    return higherTimeframeZones(analyzeLevels(bars, settings, {}, daily), tf);
}

std::vector<Zone> higherTimeframeZones(LevelAnalysis analysis, Timeframe tf) {
    std::vector<Zone> out;
    for (Zone& z : analysis.zones) {
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
