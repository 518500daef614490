// X axis of a session chart: x is the bar index (no weekend or holiday gaps), so ticks come
// from the bars' dates, placed at calendar boundaries readable at the current zoom.
#pragma once

#include "ui/chart/qcp.h"

#include <span>
#include <string>
#include <vector>

#include "core/model/bar.h"

namespace retest::ui {

/// Calendar granularity of the ticks, finest first.
enum class TickLevel { Day, Week, Month, Quarter, HalfYear, Year, TwoYears, FiveYears, TenYears };

struct SessionTick {
    int index = 0;      ///< bar index the tick sits on (first session of the period)
    std::string label;  ///< "Mar 14" (days, weeks), "Mar 2013" (months), "2008" (years)
};

struct SessionTicks {
    TickLevel level = TickLevel::Day;
    std::vector<SessionTick> ticks;
};

/// Ticks for bar dates `days` (ascending) with the visible x range [lower, upper] drawn over
/// `axisPixels`. Picks the finest level whose labels (centred on their tick, `charPixels` per
/// character, at least `gapPixels` apart) neither overlap nor stick out of the axis; if even
/// the coarsest level is too dense, drops labels greedily so none overlap.
SessionTicks chooseSessionTicks(std::span<const Day> days, double lower, double upper,
                                double axisPixels, double charPixels, double gapPixels);

/// The tick label text of a bar's date at a level.
std::string sessionTickLabel(Day day, TickLevel level);

/// QCPAxisTicker over bar indices; reads the axis' pixel width and font at each generate().
/// Every axis sharing the time range asks for the same ticks, several times per replot: the
/// last answer is kept and handed out again while range, width, font and days are the same.
class SessionTicker : public QCPAxisTicker {
public:
    explicit SessionTicker(QCPAxis* axis) : axis_(axis) {}
    void setDays(std::vector<Day> days) {
        days_ = std::move(days);
        cached_ = false;
    }
    const std::vector<Day>& days() const { return days_; }
    /// The ticks of the last generate(), for tests and for the date tag.
    const SessionTicks& lastTicks() const { return last_; }

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks,
                  QVector<QString>* tickLabels) override;

private:
    QCPAxis* axis_;
    std::vector<Day> days_;
    SessionTicks last_;
    // What last_ was made for, and its ticks and labels as the axis wants them.
    bool cached_ = false;
    QCPRange range_;
    int pixels_ = 0;
    QFont font_;
    double charPixels_ = 0;
    double gapPixels_ = 0;
    QVector<double> ticks_;
    QVector<QString> labels_;
};

}  // namespace retest::ui
