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
    double halfWidth(int chars) const { return 0.5 * charPixels * chars; }
};

/// A tick before its label is written: where it goes and how many characters its label has.
struct Mark {
    int index = 0;
    int chars = 0;
};

int digits(int value) {
    int n = value < 0 ? 2 : 1;
    for (unsigned v = value < 0 ? 0U - static_cast<unsigned>(value) : static_cast<unsigned>(value);
         v >= 10; v /= 10) {
        ++n;
    }
    return n;
}

/// The length of sessionTickLabel(day, level), without writing it.
int labelChars(const CivilDate& c, TickLevel level) {
    switch (level) {
        case TickLevel::Day:
        case TickLevel::Week:
            return c.day >= 10 ? 6 : 5;  // "Mar 14", "Mar 4"
        case TickLevel::Month:
        case TickLevel::Quarter:
        case TickLevel::HalfYear:
            return 4 + digits(c.year);  // "Mar 2013"
        default:
            return digits(c.year);
    }
}

/// The boundaries of `level` among bars [first, last] whose label lies inside the axis. Most
/// levels are far too dense for the axis: with `stopAtOverlap` the scan ends at the first two
/// labels closer than the gap (returning false), so a rejected level costs a few bars, not
/// the whole range, and no label text is written for it.
bool scanLevel(std::span<const Day> days, std::span<const CivilDate> civil, int first, int last,
               TickLevel level, const Frame& f, bool stopAtOverlap, std::vector<Mark>& out) {
    out.clear();
    bool clear = true;
    double previousRight = 0;
    for (int i = first; i <= last; ++i) {
        const auto u = static_cast<std::size_t>(i);
        const bool isBoundary = i == 0 ? level == TickLevel::Day
                                       : periodKey(days[u], civil[u], level) !=
                                             periodKey(days[u - 1], civil[u - 1], level);
        if (!isBoundary) {
            continue;
        }
        const Mark m{i, labelChars(civil[u], level)};
        const double x = f.pixelOf(m.index);
        const double half = f.halfWidth(m.chars);
        if (x - half < 0 || x + half > f.axisPixels) {
            continue;  // would stick out of the axis: left out
        }
        if (!out.empty() && x - half - previousRight < f.gapPixels) {
            clear = false;
            if (stopAtOverlap) {
                return false;
            }
        }
        previousRight = x + half;
        out.push_back(m);
    }
    return clear;
}

void dropOverlapping(const Frame& f, std::vector<Mark>& marks) {
    std::vector<Mark> kept;
    for (const Mark& m : marks) {
        const double left = f.pixelOf(m.index) - f.halfWidth(m.chars);
        if (kept.empty() ||
            left - (f.pixelOf(kept.back().index) + f.halfWidth(kept.back().chars)) >= f.gapPixels) {
            kept.push_back(m);
        }
    }
    marks = std::move(kept);
}

}  // namespace

std::string sessionTickLabel(Day day, TickLevel level) {
    const CivilDate c = civilFromDay(day);
    char buf[32];
    switch (level) {
        case TickLevel::Day:
        case TickLevel::Week:
            std::snprintf(buf, sizeof buf, "%s %u", monthAbbrev(c.month), c.day);
            break;
        case TickLevel::Month:
        case TickLevel::Quarter:
        case TickLevel::HalfYear:
            std::snprintf(buf, sizeof buf, "%s %d", monthAbbrev(c.month), c.year);
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
    const int lastIndex = std::clamp(static_cast<int>(std::floor(upper)), 0, n - 1);
    std::vector<CivilDate> civil(static_cast<std::size_t>(lastIndex - first + 2));
    const int civilBase = std::max(first - 1, 0);
    for (int i = civilBase; i <= lastIndex; ++i) {
        civil[static_cast<std::size_t>(i - civilBase)] =
            civilFromDay(days[static_cast<std::size_t>(i)]);
    }
    const auto dayWindow = days.subspan(static_cast<std::size_t>(civilBase));
    const std::span<const CivilDate> civilWindow(civil);
    const Frame frame{lower - civilBase, upper - civilBase, axisPixels, charPixels, gapPixels};
    std::vector<Mark> marks;
    for (TickLevel level : kLevels) {
        const bool last = level == kLevels.back();
        const bool clear = scanLevel(dayWindow, civilWindow, first - civilBase,
                                     lastIndex - civilBase, level, frame, !last, marks);
        // A level whose labels all fell off a tiny axis says nothing; try a coarser one.
        const bool fits = clear && !marks.empty();
        if (fits || last) {
            if (!fits) {
                dropOverlapping(frame, marks);
            }
            result.level = level;
            result.ticks.reserve(marks.size());
            for (const Mark& m : marks) {
                const int index = m.index + civilBase;
                result.ticks.push_back(
                    {index, sessionTickLabel(days[static_cast<std::size_t>(index)], level)});
            }
            break;
        }
    }
    return result;
}

void SessionTicker::generate(const QCPRange& range, const QLocale& /*locale*/, QChar /*formatChar*/,
                             int /*precision*/, QVector<double>& ticks, QVector<double>* subTicks,
                             QVector<QString>* tickLabels) {
    const int pixels = std::max(1, axis_->axisRect()->width());
    const QFont& font = axis_->tickLabelFont();
    if (font != font_ || charPixels_ <= 0) {
        const QFontMetricsF metrics(font);
        font_ = font;
        charPixels_ = metrics.horizontalAdvance(QStringLiteral("Sep 2008")) / 8.0;
        gapPixels_ = metrics.height() * 1.2;
        cached_ = false;
    }
    if (!cached_ || range != range_ || pixels != pixels_) {
        last_ =
            chooseSessionTicks(days_, range.lower, range.upper, pixels, charPixels_, gapPixels_);
        range_ = range;
        pixels_ = pixels;
        cached_ = true;
        ticks_.clear();
        labels_.clear();
        ticks_.reserve(static_cast<qsizetype>(last_.ticks.size()));
        labels_.reserve(static_cast<qsizetype>(last_.ticks.size()));
        for (const auto& t : last_.ticks) {
            ticks_.push_back(t.index);
            labels_.push_back(QString::fromStdString(t.label));
        }
    }
    ticks = ticks_;  // shared, not copied
    if (subTicks) {
        subTicks->clear();
    }
    if (tickLabels) {
        *tickLabels = labels_;
    }
}

}  // namespace retest::ui
