// Alerts on the chart: a dashed line at each armed alert's price (two for a zone) and a flag
// above the bar that fired each fired alert. Knows the chart's bars, not the cache.
#pragma once

#include <QObject>
#include <QPointer>
#include <vector>

#include "core/alerts/alert.h"

class QCPAbstractItem;
class QCustomPlot;
class QCPLayer;

namespace retest::ui {

class ChartView;

class AlertMarks : public QObject {
    Q_OBJECT

public:
    /// Attaches to `view`; deleting the view first is safe (the marks then only forget).
    explicit AlertMarks(ChartView& view, QObject* parent = nullptr);
    ~AlertMarks() override;

    /// Shows the alerts of the chart's symbol on its current bars (call again when they change).
    void setAlerts(std::vector<Alert> alerts);
    void clear();
    /// Flags of fired alerts on the chart (tests).
    int firedMarks() const { return firedMarks_; }
    /// Lines of armed alerts (tests).
    int armedLines() const { return armedLines_; }

private:
    void rebuild();
    ChartView& view_;
    QPointer<QCustomPlot> plot_;  ///< null once the chart is gone
    QCPLayer* layer_ = nullptr;
    std::vector<Alert> alerts_;
    std::vector<QCPAbstractItem*> items_;
    int firedMarks_ = 0;
    int armedLines_ = 0;
};

}  // namespace retest::ui
