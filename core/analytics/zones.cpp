// Swing clustering and touch detection (see zones.h).
#include "core/analytics/zones.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <utility>

#include "core/model/date.h"

namespace retest {
namespace {

// A zone while it is being assembled, in unpadded swing prices.
struct Draft {
    double low = 0;
    double high = 0;
    double sum = 0;
    int count = 0;
    bool major = false;
    bool record = false;
    bool manual = false;
    double manualPrice = 0;
    std::int64_t manualId = 0;
    std::string label;
    bool named = false;
    SwingPoint nameSwing;
};

int priority(const SwingPoint& s) {
    return (s.major ? 2 : 0) + (s.record ? 1 : 0);
}

}  // namespace

bool namesZoneBetter(const SwingPoint& a, const SwingPoint& b) {
    if (priority(a) != priority(b)) {
        return priority(a) > priority(b);
    }
    if (a.pivot.high != b.pivot.high) {
        return a.pivot.high;
    }
    return a.pivot.high ? a.pivot.price > b.pivot.price : a.pivot.price < b.pivot.price;
}

std::string swingName(const SwingPoint& s) {
    const int year = civilFromDay(s.pivot.day).year;
    return "the " + std::to_string(year) + (s.pivot.high ? " high" : " low");
}

namespace {

void absorb(Draft& d, const SwingPoint& s) {
    const double p = s.pivot.price;
    d.low = d.count == 0 ? p : std::min(d.low, p);
    d.high = d.count == 0 ? p : std::max(d.high, p);
    d.sum += p;
    ++d.count;
    d.major = d.major || s.major;
    d.record = d.record || (s.major && s.record);
    if (!d.named || namesZoneBetter(s, d.nameSwing)) {
        d.nameSwing = s;
        d.named = true;
    }
}

void mergeInto(Draft& into, const Draft& from) {
    into.low = std::min(into.low, from.low);
    into.high = std::max(into.high, from.high);
    into.sum += from.sum;
    into.count += from.count;
    into.major = into.major || from.major;
    into.record = into.record || from.record;
    if (from.manual) {
        into.manualPrice = into.manual ? into.manualPrice : from.manualPrice;
        into.manualId = into.manual ? into.manualId : from.manualId;
        into.label = into.manual ? into.label + " / " + from.label : from.label;
        into.manual = true;
    }
    if (from.named && (!into.named || namesZoneBetter(from.nameSwing, into.nameSwing))) {
        into.nameSwing = from.nameSwing;
        into.named = true;
    }
}

// Single-linkage groups of sorted swings, each split at its widest gap until narrow enough.
std::vector<Draft> clusterSwings(std::span<const SwingPoint> swings, const ZoneParams& params) {
    std::vector<std::size_t> order(swings.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    auto price = [&](std::size_t k) { return swings[order[k]].pivot.price; };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return swings[a].pivot.price < swings[b].pivot.price;
    });
    std::vector<std::pair<std::size_t, std::size_t>> pending;
    for (std::size_t a = 0, k = 1; k <= order.size(); ++k) {
        if (k == order.size() || price(k) > price(k - 1) * (1 + params.gapRel)) {
            pending.emplace_back(a, k);
            a = k;
        }
    }
    std::vector<Draft> drafts;
    while (!pending.empty()) {
        const auto [a, b] = pending.back();
        pending.pop_back();
        if (price(b - 1) <= price(a) * (1 + params.maxSpanRel)) {
            Draft d;
            for (std::size_t k = a; k < b; ++k) {
                absorb(d, swings[order[k]]);
            }
            drafts.push_back(std::move(d));
            continue;
        }
        std::size_t cut = a + 1;
        for (std::size_t k = a + 1; k < b; ++k) {
            if (price(k) / price(k - 1) > price(cut) / price(cut - 1)) {
                cut = k;
            }
        }
        pending.emplace_back(a, cut);
        pending.emplace_back(cut, b);
    }
    return drafts;
}

std::string manualLabel(const ManualLevelInput& m) {
    if (!m.label.empty()) {
        return m.label;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "manual level %.2f", m.price);
    return buf;
}

Zone finish(const Draft& d, double pad) {
    Zone z;
    z.low = d.low * (1 - pad);
    z.high = d.high * (1 + pad);
    z.price = d.manual ? d.manualPrice : d.sum / std::max(d.count, 1);
    z.price = std::clamp(z.price, z.low, z.high);
    z.major = d.major || d.manual;
    z.record = d.record;
    z.manual = d.manual;
    z.manualId = d.manualId;
    if (d.manual) {
        z.id = "M" + std::to_string(d.manualId);
    } else if (d.named) {
        z.id = (d.nameSwing.pivot.high ? "H" : "L") + formatIsoDate(d.nameSwing.pivot.day);
    }
    if (d.manual) {
        z.name = d.label;
    } else if (d.named) {
        z.name = swingName(d.nameSwing);
    }
    return z;
}

}  // namespace

std::vector<Zone> buildZones(std::span<const SwingPoint> swings,
                             std::span<const ManualLevelInput> manual, const ZoneParams& params) {
    std::vector<Draft> drafts = clusterSwings(swings, params);
    for (const ManualLevelInput& m : manual) {
        if (!(m.price > 0)) {
            continue;  // a level at or below zero (or NaN) cannot be drawn on a price chart
        }
        Draft d;
        d.low = d.high = d.manualPrice = m.price;
        d.manual = true;
        d.manualId = m.id;
        d.label = manualLabel(m);
        drafts.push_back(std::move(d));
    }
    std::sort(drafts.begin(), drafts.end(),
              [](const Draft& a, const Draft& b) { return a.low < b.low; });
    const double pad = params.padRel;
    std::vector<Draft> merged;
    for (Draft& d : drafts) {
        if (!merged.empty() && d.low * (1 - pad) <= merged.back().high * (1 + pad)) {
            mergeInto(merged.back(), d);
        } else {
            merged.push_back(std::move(d));
        }
    }
    std::vector<Zone> zones;
    zones.reserve(merged.size());
    for (const Draft& d : merged) {
        zones.push_back(finish(d, pad));
    }
    return zones;
}

namespace {

struct Visit {
    bool active = false;
    bool fromAbove = false;
    std::size_t deepest = 0;
};

void recordTouch(std::span<const Bar> bars, const Visit& v, bool rejection, Zone& z) {
    const Bar& b = bars[v.deepest];
    z.touches.push_back(
        LevelTouch{v.deepest, b.day, v.fromAbove ? b.low : b.high, v.fromAbove, rejection});
    z.rejections += rejection ? 1 : 0;
}

}  // namespace

void collectTouches(std::span<const Bar> bars, std::span<const double> atr, double clearanceAtr,
                    std::vector<Zone>& zones) {
    std::vector<Visit> visits(zones.size());
    std::vector<std::size_t> active;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        const double before = i > 0 ? bars[i - 1].close : b.open;
        auto first = std::lower_bound(zones.begin(), zones.end(), b.low,
                                      [](const Zone& z, double low) { return z.high < low; });
        for (auto j = static_cast<std::size_t>(first - zones.begin());
             j < zones.size() && zones[j].low <= b.high; ++j) {
            if (!visits[j].active) {
                visits[j] = Visit{true, before > zones[j].price, i};
                active.push_back(j);
            }
        }
        const double clearance = clearanceAtr * atr[i];
        for (std::size_t k = 0; k < active.size();) {
            const std::size_t j = active[k];
            Zone& z = zones[j];
            Visit& v = visits[j];
            if (b.low <= z.high && b.high >= z.low) {
                const Bar& d = bars[v.deepest];
                v.deepest = (v.fromAbove ? b.low < d.low : b.high > d.high) ? i : v.deepest;
            }
            const bool above = b.close > z.high + clearance;
            if (above || b.close < z.low - clearance) {
                recordTouch(bars, v, above == v.fromAbove, z);
                v.active = false;
                active[k] = active.back();
                active.pop_back();
            } else {
                ++k;
            }
        }
    }
    for (const std::size_t j : active) {
        recordTouch(bars, visits[j], false, zones[j]);  // still testing it at the last bar
    }
    for (Zone& z : zones) {
        if (!z.touches.empty()) {
            z.firstTouch = z.touches.front().day;
            z.lastTouch = z.touches.back().day;
        }
    }
}

}  // namespace retest
