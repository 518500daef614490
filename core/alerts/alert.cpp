// Alert conditions and their evaluation: the first occurrence after the watched day.
#include "core/alerts/alert.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/analytics/bar_axis.h"
#include "core/model/date.h"
#include "core/model/text.h"

namespace retest {

namespace {

constexpr std::array<std::string_view, 8> kKindNames = {
    "enters",        "closes-above", "closes-below",      "retest-held",
    "retest-failed", "ath",          "closes-above-line", "closes-below-line"};

/// A trend line alert's price on each bar of `bars`.
struct LineOnBars {
    double from = 0;  // the bar positions of the line's two days
    double to = 1;
    double at(const Alert& a, std::size_t i) const {
        return a.low + (a.high - a.low) * (static_cast<double>(i) - from) / (to - from);
    }
};

/// A price as the chart writes it (formatPrice()): "2,481.91" is "2481.91", a yield "4.1630".
std::string price(double v) {
    return formatPrice(v);
}

/// A price the user gave, with every decimal they gave (up to six): a ratio's 0.3555 is not
/// "0.36", a zone edge's 240.125 not "240.12".
std::string threshold(double v) {
    int decimals = priceDecimals(v);
    for (double scaled = v * std::pow(10.0, decimals);
         decimals < 6 &&
         std::abs(scaled - std::round(scaled)) > 1e-7 * std::max(1.0, std::abs(scaled));
         scaled *= 10) {
        ++decimals;
    }
    std::array<char, 64> buf{};
    std::snprintf(buf.data(), buf.size(), "%.*f", decimals, v);
    return buf.data();
}

bool inZone(const Bar& b, const Alert& a) {
    return b.low <= a.high && b.high >= a.low;
}

/// Whether bar `b` satisfies a price condition (`line`: the trend line's price on that bar).
bool satisfied(const Bar& b, const Alert& a, double line) {
    switch (a.kind) {
        case AlertKind::EntersZone:
            return inZone(b, a);
        case AlertKind::ClosesAbove:
            return b.close > a.low;
        case AlertKind::ClosesBelow:
            return b.close < a.low;
        case AlertKind::ClosesAboveLine:
            return b.close > line;
        case AlertKind::ClosesBelowLine:
            return b.close < line;
        default:
            return false;
    }
}

std::string firingDetail(const Bar& b, const Alert& a, double line) {
    switch (a.kind) {
        case AlertKind::EntersZone:
            return "traded " + price(b.low) + "–" + price(b.high) + " into " + threshold(a.low) +
                   "–" + threshold(a.high) + ", closed " + price(b.close);
        case AlertKind::ClosesAbove:
            return "closed " + price(b.close) + " above " + threshold(a.low);
        case AlertKind::ClosesBelow:
            return "closed " + price(b.close) + " below " + threshold(a.low);
        case AlertKind::ClosesAboveLine:
        case AlertKind::ClosesBelowLine:
            return "closed " + price(b.close) +
                   (a.kind == AlertKind::ClosesAboveLine ? " above" : " below") +
                   " the trend line (" + price(line) + " that day)";
        default:
            return {};
    }
}

/// First index with day > watchFrom.
std::size_t firstWatched(std::span<const Bar> bars, Day watchFrom) {
    const auto it = std::upper_bound(bars.begin(), bars.end(), watchFrom,
                                     [](Day d, const Bar& b) { return d < b.day; });
    return static_cast<std::size_t>(it - bars.begin());
}

std::optional<AlertFiring> priceCrossing(const Alert& a, std::span<const Bar> bars,
                                         std::size_t start) {
    LineOnBars line;
    if (isLineAlert(a.kind)) {
        // Where the daily chart draws the line's points (a weekend day on the next session).
        line.from = barAxisPosition(bars, Timeframe::Daily, a.lineFrom);
        line.to = barAxisPosition(bars, Timeframe::Daily, a.lineTo);
        if (!(std::abs(line.to - line.from) > 1e-9)) {
            return std::nullopt;  // both days on one bar: no slope to follow
        }
    }
    const auto lineAt = [&](std::size_t i) { return isLineAlert(a.kind) ? line.at(a, i) : 0.0; };
    // An occurrence is a change into the condition: the bar before must not satisfy it.
    bool before = start > 0 && satisfied(bars[start - 1], a, lineAt(start - 1));
    for (std::size_t i = start; i < bars.size(); ++i) {
        const bool now = satisfied(bars[i], a, lineAt(i));
        if (now && !before) {
            return AlertFiring{bars[i].day, bars[i].close, firingDetail(bars[i], a, lineAt(i))};
        }
        before = now;
    }
    return std::nullopt;
}

std::optional<AlertFiring> newHigh(std::span<const Bar> bars, std::size_t start,
                                   std::optional<double> highestBefore) {
    double best = highestBefore.value_or(-INFINITY);
    for (std::size_t i = 0; i < start; ++i) {
        best = std::max(best, bars[i].close);
    }
    for (std::size_t i = start; i < bars.size(); ++i) {
        if (bars[i].close > best) {
            std::string detail = "closed " + price(bars[i].close) + ", a new all-time high";
            if (std::isfinite(best)) {
                detail += " (the previous highest close was " + price(best) + ")";
            }
            return AlertFiring{bars[i].day, bars[i].close, detail};
        }
        best = std::max(best, bars[i].close);
    }
    return std::nullopt;
}

std::optional<AlertFiring> retestChange(const Alert& a, std::span<const Bar> bars,
                                        const LevelAnalysis& levels) {
    const RetestState wanted =
        a.kind == AlertKind::RetestHeld ? RetestState::Held : RetestState::Failed;
    std::optional<AlertFiring> first;
    for (const LevelEvent& e : levels.events) {
        for (const RetestStep& s : e.history) {
            if (s.state != wanted || s.day <= a.watchFrom || (first && first->day <= s.day)) {
                continue;
            }
            const double close = s.index < bars.size() ? bars[s.index].close : 0;
            first =
                AlertFiring{s.day, close,
                            "the retest of the " + std::string(levelEventTypeName(e.type)) +
                                " through " + e.name + " (" + e.id + ") " +
                                std::string(retestStateName(wanted)) + ", close " + price(close)};
        }
    }
    return first;
}

}  // namespace

std::string_view alertKindName(AlertKind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<AlertKind> parseAlertKind(std::string_view name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i) {
        if (kKindNames[i] == name) {
            return static_cast<AlertKind>(i);
        }
    }
    return std::nullopt;
}

std::string describeAlert(const Alert& a) {
    switch (a.kind) {
        case AlertKind::EntersZone:
            return "enters " + threshold(a.low) + "–" + threshold(a.high);
        case AlertKind::ClosesAbove:
            return "closes above " + threshold(a.low);
        case AlertKind::ClosesBelow:
            return "closes below " + threshold(a.low);
        case AlertKind::RetestHeld:
            return "a retest holds";
        case AlertKind::RetestFailed:
            return "a retest fails";
        case AlertKind::AllTimeHigh:
            return "new all-time high";
        case AlertKind::ClosesAboveLine:
        case AlertKind::ClosesBelowLine:
            return std::string(a.kind == AlertKind::ClosesAboveLine ? "closes above"
                                                                    : "closes below") +
                   " the trend line " + price(a.low) + " (" + formatIsoDate(a.lineFrom) + ") → " +
                   price(a.high) + " (" + formatIsoDate(a.lineTo) + ")";
    }
    return {};
}

void Alert::setLine(Day day1, double price1, Day day2, double price2) {
    const bool flip = day2 < day1;
    lineFrom = flip ? day2 : day1;
    low = flip ? price2 : price1;
    lineTo = flip ? day1 : day2;
    high = flip ? price1 : price2;
}

std::optional<std::string> alertProblem(const Alert& a) {
    if (!isPricedAlert(a.kind)) {
        return std::nullopt;
    }
    if (!std::isfinite(a.low) || !std::isfinite(a.high)) {
        return "the price is not a number";
    }
    if (a.low < 0 || a.high < 0) {
        return "the price is negative";
    }
    if (isLineAlert(a.kind)) {
        if (a.lineFrom == a.lineTo) {
            return "the trend line's two points are on one day";
        }
        return std::nullopt;
    }
    if (a.low > a.high) {
        return "the zone's low " + threshold(a.low) + " is above its high " + threshold(a.high);
    }
    return std::nullopt;
}

Alert alertForZone(std::string_view symbol, const Zone& zone, AlertKind kind) {
    Alert a;
    a.symbol = std::string(symbol);
    a.kind = kind;
    a.low = kind == AlertKind::ClosesAbove ? zone.high : zone.low;
    a.high = kind == AlertKind::ClosesBelow ? zone.low : zone.high;
    a.note = (zone.name.empty() ? std::string("level") : zone.name) + " " + price(zone.low) + "–" +
             price(zone.high);
    return a;
}

std::vector<Alert> alertChoicesForZone(std::string_view symbol, const Zone& zone) {
    return {alertForZone(symbol, zone, AlertKind::EntersZone),
            alertForZone(symbol, zone, AlertKind::ClosesAbove),
            alertForZone(symbol, zone, AlertKind::ClosesBelow)};
}

std::vector<Alert> alertChoicesForRange(std::string_view symbol, double low, double high,
                                        const std::string& note) {
    Zone zone;
    zone.low = std::min(low, high);
    zone.high = std::max(low, high);
    std::vector<Alert> out = alertChoicesForZone(symbol, zone);
    for (Alert& a : out) {
        a.note = note;
    }
    return out;
}

std::vector<Alert> alertChoicesForPrice(std::string_view symbol, double p,
                                        const std::string& note) {
    std::vector<Alert> out(2);
    out[0].kind = AlertKind::ClosesAbove;
    out[1].kind = AlertKind::ClosesBelow;
    for (Alert& a : out) {
        a.symbol = std::string(symbol);
        a.low = a.high = p;
        a.note = note;
    }
    return out;
}

std::vector<Alert> alertChoicesForDrawing(const Annotation& d) {
    if (d.points.size() != static_cast<std::size_t>(annotationPointCount(d.kind))) {
        return {};
    }
    switch (d.kind) {
        case AnnotationKind::HorizontalLine: {
            const double p = d.points[0].price;
            return alertChoicesForPrice(d.symbol, p,
                                        d.label.empty() ? "line " + price(p) : d.label);
        }
        case AnnotationKind::Zone:
        case AnnotationKind::Rectangle: {
            const double low = std::min(d.points[0].price, d.points[1].price);
            const double high = std::max(d.points[0].price, d.points[1].price);
            const std::string name = d.kind == AnnotationKind::Zone ? "zone " : "rectangle ";
            return alertChoicesForRange(
                d.symbol, low, high,
                d.label.empty() ? name + price(low) + "–" + price(high) : d.label);
        }
        case AnnotationKind::TrendLine: {
            std::vector<Alert> out(2);
            out[0].kind = AlertKind::ClosesAboveLine;
            out[1].kind = AlertKind::ClosesBelowLine;
            for (Alert& a : out) {
                a.symbol = d.symbol;
                a.setLine(d.points[0].day, d.points[0].price, d.points[1].day, d.points[1].price);
                a.note = d.label.empty() ? "trend line " + price(a.low) + " → " + price(a.high)
                                         : d.label;
            }
            return out;
        }
        default:
            return {};
    }
}

std::optional<AlertFiring> evaluateAlert(const Alert& alert, std::span<const Bar> bars,
                                         const LevelAnalysis* levels,
                                         std::optional<double> highestCloseBefore) {
    if (alert.state != AlertState::Armed || alertProblem(alert)) {
        return std::nullopt;
    }
    const std::size_t start = firstWatched(bars, alert.watchFrom);
    if (start >= bars.size()) {
        return std::nullopt;
    }
    switch (alert.kind) {
        case AlertKind::EntersZone:
        case AlertKind::ClosesAbove:
        case AlertKind::ClosesBelow:
        case AlertKind::ClosesAboveLine:
        case AlertKind::ClosesBelowLine:
            return priceCrossing(alert, bars, start);
        case AlertKind::AllTimeHigh:
            return newHigh(bars, start, highestCloseBefore);
        case AlertKind::RetestHeld:
        case AlertKind::RetestFailed:
            if (levels != nullptr) {
                return retestChange(alert, bars, *levels);
            }
            return retestChange(alert, bars, analyzeLevels(bars));
    }
    return std::nullopt;
}

}  // namespace retest
