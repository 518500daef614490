// Returns, relative strength, quadrants and distances for the rotation board.
#include "core/analytics/rotation.h"

#include <algorithm>
#include <cmath>

#include "core/analytics/resample.h"
#include "core/model/date.h"

namespace retest {

namespace {

int monthsOf(ReturnPeriod p) {
    switch (p) {
        case ReturnPeriod::Month1:
            return 1;
        case ReturnPeriod::Month3:
            return 3;
        case ReturnPeriod::Month6:
            return 6;
        case ReturnPeriod::Year1:
            return 12;
        case ReturnPeriod::Week1:
        case ReturnPeriod::Ytd:
            break;
    }
    return 0;
}

unsigned daysInMonth(int year, unsigned month) {
    const Day first = dayFromCivil(year, month, 1);
    const Day next = month == 12 ? dayFromCivil(year + 1, 1, 1) : dayFromCivil(year, month + 1, 1);
    return static_cast<unsigned>(next - first);
}

Day monthsBefore(Day day, int months) {
    const CivilDate c = civilFromDay(day);
    int index = c.year * 12 + static_cast<int>(c.month) - 1 - months;
    const int year = index >= 0 ? index / 12 : (index - 11) / 12;
    const auto month = static_cast<unsigned>(index - year * 12 + 1);
    return dayFromCivil(year, month, std::min(c.day, daysInMonth(year, month)));
}

struct WeeklyPair {
    Day day;
    double symbol;
    double benchmark;
};

/// Weekly closes of both series on the weeks both have, oldest first.
std::vector<WeeklyPair> commonWeeks(std::span<const Bar> symbol, std::span<const Bar> benchmark) {
    const std::vector<Bar> a = resample(symbol, Timeframe::Weekly);
    const std::vector<Bar> b = resample(benchmark, Timeframe::Weekly);
    std::vector<WeeklyPair> out;
    out.reserve(std::min(a.size(), b.size()));
    std::size_t j = 0;
    for (const Bar& bar : a) {
        const Day week = periodStart(bar.day, Timeframe::Weekly);
        while (j < b.size() && periodStart(b[j].day, Timeframe::Weekly) < week) {
            ++j;
        }
        if (j < b.size() && periodStart(b[j].day, Timeframe::Weekly) == week && bar.close > 0 &&
            b[j].close > 0) {
            out.push_back({std::min(bar.day, b[j].day), bar.close, b[j].close});
        }
    }
    return out;
}

std::optional<double> fromHighPct(std::span<const Bar> bars, Day since) {
    double high = 0;
    for (auto it = bars.rbegin(); it != bars.rend() && it->day >= since; ++it) {
        high = std::max(high, it->high);
    }
    if (high <= 0) {
        return std::nullopt;
    }
    return (bars.back().close / high - 1.0) * 100.0;
}

}  // namespace

std::string_view returnPeriodName(ReturnPeriod period) {
    static constexpr std::array<std::string_view, kReturnPeriodCount> kNames = {"1W", "1M",  "3M",
                                                                                "6M", "YTD", "1Y"};
    return kNames[static_cast<std::size_t>(period)];
}

Day periodAnchor(Day last, ReturnPeriod period) {
    if (period == ReturnPeriod::Week1) {
        return last - 7;
    }
    if (period == ReturnPeriod::Ytd) {
        return dayFromCivil(civilFromDay(last).year - 1, 12, 31);
    }
    return monthsBefore(last, monthsOf(period));
}

std::optional<std::size_t> lastIndexOnOrBefore(std::span<const Bar> bars, Day day) {
    const auto it = std::upper_bound(bars.begin(), bars.end(), day,
                                     [](Day d, const Bar& b) { return d < b.day; });
    if (it == bars.begin()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(std::distance(bars.begin(), it) - 1);
}

std::span<const Bar> barsAsOf(std::span<const Bar> bars, Day asOf) {
    const auto i = lastIndexOnOrBefore(bars, asOf);
    return i ? bars.first(*i + 1) : bars.first(0);
}

std::optional<double> periodReturn(std::span<const Bar> bars, ReturnPeriod period) {
    if (bars.empty()) {
        return std::nullopt;
    }
    const auto base = lastIndexOnOrBefore(bars, periodAnchor(bars.back().day, period));
    if (!base || bars[*base].close <= 0) {
        return std::nullopt;
    }
    return (bars.back().close / bars[*base].close - 1.0) * 100.0;
}

std::string_view quadrantName(Quadrant q) {
    switch (q) {
        case Quadrant::Leading:
            return "leading";
        case Quadrant::Weakening:
            return "weakening";
        case Quadrant::Lagging:
            return "lagging";
        case Quadrant::Improving:
            return "improving";
    }
    return "lagging";
}

Quadrant quadrantOf(double rsRatio, double rsMomentum) {
    if (rsRatio >= 100) {
        return rsMomentum >= 100 ? Quadrant::Leading : Quadrant::Weakening;
    }
    return rsMomentum >= 100 ? Quadrant::Improving : Quadrant::Lagging;
}

std::vector<RotationPoint> rotationSeries(std::span<const Bar> symbol,
                                          std::span<const Bar> benchmark,
                                          const RotationSettings& settings) {
    const std::vector<WeeklyPair> weeks = commonWeeks(symbol, benchmark);
    const auto n = static_cast<std::size_t>(std::max(1, settings.ratioWeeks));
    const auto m = static_cast<std::size_t>(std::max(1, settings.momentumWeeks));
    std::vector<double> rs(weeks.size());
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        rs[i] = 100.0 * weeks[i].symbol / weeks[i].benchmark;
    }
    std::vector<double> ratio(weeks.size(), 0.0);
    double sum = 0;
    for (std::size_t i = 0; i < weeks.size(); ++i) {
        sum += rs[i];
        if (i >= n) {
            sum -= rs[i - n];
        }
        if (i + 1 >= n) {
            ratio[i] = 100.0 * rs[i] / (sum / static_cast<double>(n));
        }
    }
    std::vector<RotationPoint> out;
    for (std::size_t i = n - 1 + m; i < weeks.size(); ++i) {
        out.push_back({weeks[i].day, ratio[i], 100.0 * ratio[i] / ratio[i - m]});
    }
    return out;
}

const Zone* RotationRow::nearestSupport() const {
    return nearestShownZone(levels, LevelKind::Support);
}

const Zone* RotationRow::nearestResistance() const {
    return nearestShownZone(levels, LevelKind::Resistance);
}

const LevelEvent* RotationRow::headlineEvent() const {
    return levels.headline ? &levels.events[*levels.headline] : nullptr;
}

RotationRow rotationRow(std::span<const Bar> symbol, std::span<const Bar> benchmark, Day asOf,
                        const RotationSettings& settings,
                        std::span<const ManualLevelInput> manual) {
    RotationRow row;
    const std::span<const Bar> bars = barsAsOf(symbol, asOf);
    if (bars.empty()) {
        return row;
    }
    row.asOf = bars.back().day;
    row.last = bars.back().close;
    for (std::size_t p = 0; p < kReturnPeriodCount; ++p) {
        row.returns[p] = periodReturn(bars, kReturnPeriods[p]);
    }
    const std::vector<RotationPoint> series =
        rotationSeries(bars, barsAsOf(benchmark, row.asOf), settings);
    if (!series.empty()) {
        row.rsRatio = series.back().rsRatio;
        row.rsMomentum = series.back().rsMomentum;
        row.quadrant = quadrantOf(*row.rsRatio, *row.rsMomentum);
        const std::size_t keep =
            std::min(series.size(), static_cast<std::size_t>(std::max(1, settings.tailWeeks)));
        row.tail.assign(series.end() - static_cast<std::ptrdiff_t>(keep), series.end());
    }
    row.fromHigh52wPct = fromHighPct(bars, row.asOf - 364);
    row.fromAthPct = fromHighPct(bars, bars.front().day);
    row.levels = analyzeLevels(bars, settings.levels, manual);
    return row;
}

}  // namespace retest
