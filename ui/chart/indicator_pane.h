// An indicator pane under the price: another symbol's closes (a yield, a ratio, relative
// strength) on their own axis, sharing the chart's time axis and crosshair, with threshold
// lines. While the value is above a threshold the line turns to the alert colour and those
// sessions are shaded. Thresholds outside the visible range stay and sit at the axis edge.
// The top edge drags to resize. Shows bars; knows nothing about the cache.
#pragma once

#include <QColor>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <QString>
#include <vector>

#include "core/model/bar.h"

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;

namespace retest::ui {

class ChartView;

/// Puts `values[i] * scale` at x = i into `graph`, one point every `stride` bars (and the last
/// one), so a zoomed-out line costs one point per pixel column rather than one per bar.
void setSampledLine(QCPGraph* graph, const std::vector<double>& values, int stride,
                    double scale = 1.0);
/// Bars per pixel column of the chart's current zoom, at least 1.
int lineStride(ChartView& view);

class IndicatorPane : public QObject {
    Q_OBJECT

public:
    static constexpr double kDefaultStretch = 0.22;
    /// Pure red: apart from the down candles and resistance bands (0xd6333f).
    static QColor alertColor() { return {224, 0, 0}; }

    /// `title` is shown in the pane ("^TNX · from DGS10 (no ^TNX data)"); `bars` are in the
    /// chart's timeframe.
    IndicatorPane(ChartView& view, QString symbol, QString title, std::vector<Bar> bars,
                  double stretch = kDefaultStretch);
    ~IndicatorPane() override;
    IndicatorPane(const IndicatorPane&) = delete;
    IndicatorPane& operator=(const IndicatorPane&) = delete;

    const QString& symbol() const { return symbol_; }
    const QString& title() const { return title_; }
    void setBars(std::vector<Bar> bars);

    void setThresholds(std::vector<double> values);
    const std::vector<double>& thresholds() const { return thresholds_; }

    double stretch() const;
    void setStretch(double stretch);

    QCPAxisRect* rect() const { return rect_; }
    QCPAxis* valueAxis() const;
    /// The pane's value at chart bar `index` (as of that day), NaN where it has none.
    double valueAt(int index) const;
    /// "^TNX 4.98" for the hovered bar, else the last visible one.
    QString readout() const;
    /// Where that readout box is drawn (top left of the pane), in plot pixels.
    QRectF readoutRect() const;
    /// "No ^TNX data before 2020-01-02" while no value falls in the visible range (the pane
    /// then shows that instead of an axis fitted to nothing); empty otherwise.
    QString noDataText() const;
    /// True while the last visible value is above a threshold.
    bool alert() const { return alert_; }
    /// How many shaded stretches (sessions above a threshold) are in view.
    int shadedRuns() const { return static_cast<int>(shades_.size()); }
    /// Where threshold `i` is drawn: its value, or the axis edge when it is out of range.
    double drawnThreshold(std::size_t i) const;

Q_SIGNALS:
    /// Right click in the pane (global screen position) — the owner offers edits.
    void menuRequested(const QPoint& globalPos);
    /// The user finished dragging the pane's top edge.
    void resized(double stretch);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void realignIfBarsChanged();
    void onRangeChanged();
    void placeThresholds();
    void shade(int first, int last);
    QCPItemRect* newShade();
    void onCrosshair(int index, const QPoint& pos);
    void onHover(int index);
    void applyTheme();
    void updateReadout();
    QString noDataWords(int first, int last) const;
    bool nearTopEdge(const QPoint& pos) const;

    ChartView& view_;
    QPointer<QCustomPlot> plot_;  ///< null once the chart is gone
    QString symbol_;
    QString title_;
    std::vector<Bar> bars_;
    std::vector<double> aligned_;
    std::vector<double> thresholds_;
    QCPAxisRect* rect_ = nullptr;
    QCPGraph* graph_ = nullptr;
    QCPItemText* label_ = nullptr;
    QCPItemText* noData_ = nullptr;  ///< says so when no value falls in the visible range
    QCPItemStraightLine* vLine_ = nullptr;
    QCPItemStraightLine* hLine_ = nullptr;
    std::vector<QCPItemStraightLine*> lines_;
    std::vector<QCPItemText*> lineLabels_;
    std::vector<QCPItemRect*> shades_;
    int fittedHeight_ = -1;  ///< the pane's height when its value range was last fitted
    std::size_t barsKey_ = 0;
    int stride_ = 0;  // of the drawn line; 0 = not drawn yet
    bool alert_ = false;
    int resizeFromY_ = -1;
    double resizeFromStretch_ = 0;
};

}  // namespace retest::ui
