// Tick choice for the session axis. Levels are tried finest first; a level is accepted when
// every label fits between its neighbours, so labels never overlap by construction.
#include "ui/chart/session_ticker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "core/model/date.h"

namespace retest::ui {

namespace {

constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<TickLevel, 9> kLevels{
    TickLevel::Day,      TickLevel::Week,      TickLevel::Month,
    TickLevel::Quarter,  TickLevel::HalfYear,  TickLevel::Year,
    TickLevel::TwoYears, TickLevel::FiveYears, TickLevel::TenYears};

int floorDiv(int a, int b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/// Identifies the period of a date; a tick goes where the key changes between two bars.
int periodKey(Day day, const CivilDate& c, TickLevel level) {
    const int months = c.year * 12 + static_cast<int>(c.month) - 1;
    switch (level) {
        case TickLevel::Day:
            return day;
        case TickLevel::Week:
            return floorDiv(day + 3, 7);  // 1970-01-01 was a Thursday; weeks start Monday
        case TickLevel::Month:
            return months;
        case TickLevel::Quarter:
            return floorDiv(months, 3);
        case TickLevel::HalfYear:
            return floorDiv(months, 6);
        case TickLevel::Year:
            return c.year;
        case TickLevel::TwoYears:
            return floorDiv(c.year, 2);
        case TickLevel::FiveYears:
            return floorDiv(c.year, 5);
        case TickLevel::TenYears:
            return floorDiv(c.year, 10);
    }
    return day;
}

struct Frame {
    double lower;
    double upper;
    double axisPixels;
    double charPixels;
    double gapPixels;
    double pixelOf(int index) const { return (index - lower) / (upper - lower) * axisPixels; }
    double halfWidth(const std::string& label) const {
        return 0.5 * charPixels * static_cast<double>(label.size());
    }
};

/// The boundaries of `level` among bars [first, last], with labels.
std::vector<SessionTick> boundaries(std::span<const Day> days, std::span<const CivilDate> civil,
                                    int first, int last, TickLevel level) {
    std::vector<SessionTick> out;
    for (int i = first; i <= last; ++i) {
        const auto u = static_cast<std::size_t>(i);
        const bool isBoundary = i == 0 ? level == TickLevel::Day
                                       : periodKey(days[u], civil[u], level) !=
                                             periodKey(days[u - 1], civil[u - 1], level);
        if (isBoundary) {
            out.push_back({i, sessionTickLabel(days[u], level)});
        }
    }
    return out;
}

bool insideAxis(const Frame& f, const SessionTick& t) {
    const double x = f.pixelOf(t.index);
    const double half = f.halfWidth(t.label);
    return x - half >= 0 && x + half <= f.axisPixels;
}

/// Keeps ticks whose label fits the axis; true when none of them collides with its neighbour.
bool fitsWithoutDropping(const Frame& f, std::vector<SessionTick>& ticks) {
    std::erase_if(ticks, [&](const SessionTick& t) { return !insideAxis(f, t); });
    for (std::size_t i = 1; i < ticks.size(); ++i) {
        const double left = f.pixelOf(ticks[i - 1].index) + f.halfWidth(ticks[i - 1].label);
        const double right = f.pixelOf(ticks[i].index) - f.halfWidth(ticks[i].label);
        if (right - left < f.gapPixels) {
            return false;
        }
    }
    return true;
}

void dropOverlapping(const Frame& f, std::vector<SessionTick>& ticks) {
    std::vector<SessionTick> kept;
    for (auto& t : ticks) {
        const double left = f.pixelOf(t.index) - f.halfWidth(t.label);
        if (kept.empty() ||
            left - (f.pixelOf(kept.back().index) + f.halfWidth(kept.back().label)) >= f.gapPixels) {
            kept.push_back(std::move(t));
        }
    }
    ticks = std::move(kept);
}

}  // namespace

std::string sessionTickLabel(Day day, TickLevel level) {
    const CivilDate c = civilFromDay(day);
    char buf[32];
    switch (level) {
        case TickLevel::Day:
        case TickLevel::Week:
            std::snprintf(buf, sizeof buf, "%s %u", kMonths[c.month - 1], c.day);
            break;
        case TickLevel::Month:
        case TickLevel::Quarter:
        case TickLevel::HalfYear:
            std::snprintf(buf, sizeof buf, "%s %d", kMonths[c.month - 1], c.year);
            break;
        default:
            std::snprintf(buf, sizeof buf, "%d", c.year);
            break;
    }
    return buf;
}

SessionTicks chooseSessionTicks(std::span<const Day> days, double lower, double upper,
                                double axisPixels, double charPixels, double gapPixels) {
    SessionTicks result;
    const int n = static_cast<int>(days.size());
    if (n == 0 || !(upper > lower) || axisPixels <= 0) {
        return result;
    }
    const int first = std::clamp(static_cast<int>(std::ceil(lower)), 0, n - 1);
    const int last = std::clamp(static_cast<int>(std::floor(upper)), 0, n - 1);
    std::vector<CivilDate> civil(static_cast<std::size_t>(last - first + 2));
    const int civilBase = std::max(first - 1, 0);
    for (int i = civilBase; i <= last; ++i) {
        civil[static_cast<std::size_t>(i - civilBase)] =
            civilFromDay(days[static_cast<std::size_t>(i)]);
    }
    const auto dayWindow = days.subspan(static_cast<std::size_t>(civilBase));
    const std::span<const CivilDate> civilWindow(civil);
    const Frame frame{lower - civilBase, upper - civilBase, axisPixels, charPixels, gapPixels};
    for (TickLevel level : kLevels) {
        auto ticks = boundaries(dayWindow, civilWindow, first - civilBase, last - civilBase, level);
        // A level whose labels all fell off a tiny axis says nothing; try a coarser one.
        const bool fits = fitsWithoutDropping(frame, ticks) && !ticks.empty();
        if (fits || level == kLevels.back()) {
            if (!fits) {
                dropOverlapping(frame, ticks);
            }
            for (auto& t : ticks) {
                t.index += civilBase;
            }
            result.level = level;
            result.ticks = std::move(ticks);
            break;
        }
    }
    return result;
}

void SessionTicker::generate(const QCPRange& range, const QLocale& /*locale*/, QChar /*formatChar*/,
                             int /*precision*/, QVector<double>& ticks, QVector<double>* subTicks,
                             QVector<QString>* tickLabels) {
    const QFontMetricsF metrics(axis_->tickLabelFont());
    const double charPixels = metrics.horizontalAdvance(QStringLiteral("Sep 2008")) / 8.0;
    const double pixels = std::max(1, axis_->axisRect()->width());
    last_ = chooseSessionTicks(days_, range.lower, range.upper, pixels, charPixels,
                               metrics.height() * 1.2);
    ticks.clear();
    if (subTicks) {
        subTicks->clear();
    }
    if (tickLabels) {
        tickLabels->clear();
    }
    for (const auto& t : last_.ticks) {
        ticks.push_back(t.index);
        if (tickLabels) {
            tickLabels->push_back(QString::fromStdString(t.label));
        }
    }
}

}  // namespace retest::ui
