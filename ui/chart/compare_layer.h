// Compare overlays on the price chart: up to four other symbols drawn as lines rebased to the
// first visible bar, the price axis relabelled in percent from that bar (so the main series
// reads in % too), and a legend with each series' % change; clicking a compare entry asks for
// its removal. Rebasing follows zoom and pan. Shows bars; knows nothing about the cache.
#pragma once

#include <QColor>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <QSharedPointer>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/model/bar.h"

class QCustomPlot;
class QCPAxisTicker;
class QCPGraph;
class QCPItemText;

namespace retest::ui {

class ChartView;

class CompareLayer : public QObject {
    Q_OBJECT

public:
    static constexpr int kMaxSeries = 4;

    struct Series {
        QString symbol;
        std::vector<Bar> bars;  ///< in the chart's timeframe, ascending
    };

    /// `mainSymbol` names the chart's own series in the legend.
    CompareLayer(ChartView& view, QString mainSymbol);
    ~CompareLayer() override;
    CompareLayer(const CompareLayer&) = delete;
    CompareLayer& operator=(const CompareLayer&) = delete;

    /// Adds a series; false when kMaxSeries are shown or the symbol already is.
    bool add(Series series);
    /// Removes a series by symbol; false when it is not shown.
    bool remove(const QString& symbol);
    void clear();
    QStringList symbols() const;
    int count() const { return static_cast<int>(series_.size()); }
    QColor color(const QString& symbol) const;

    /// The index rebasing starts from (the first visible bar), -1 without bars.
    int baseIndex() const { return base_; }
    /// % change of the main series (symbol empty or the main symbol) or a compare series from
    /// the base bar to bar `index`; std::nullopt where it has no value.
    std::optional<double> percentAt(const QString& symbol, int index) const;
    /// The legend lines as shown: "IWM  +12.3%", "KRE  +18.0%  ✕", … (no ✕ in an export)
    QStringList legendTexts() const;
    /// The legend entry at plot pixel `pos` (a compare symbol), or empty.
    QString legendHit(const QPoint& pos) const;

Q_SIGNALS:
    /// The user clicked a compare entry in the legend.
    void removeRequested(const QString& symbol);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Drawn {
        Series series;
        std::vector<double> aligned;  // closes as of each chart bar
        QCPGraph* graph = nullptr;
        QCPItemText* legend = nullptr;
        QColor color;
    };
    void realignIfBarsChanged();
    void onRangeChanged();
    void updateLegend();
    void applyTicker();
    QCPItemText* makeLegendItem();
    QColor nextColor() const;

    ChartView& view_;
    QPointer<QCustomPlot> plot_;  ///< null once the chart is gone
    QString mainSymbol_;
    std::vector<Drawn> series_;
    std::vector<double> mainCloses_;
    QCPItemText* mainLegend_ = nullptr;
    QSharedPointer<QCPAxisTicker> priceTicker_;  // restored when the last series goes
    int base_ = -1;
    std::size_t barsKey_ = 0;
    bool exporting_ = false;  // an image export is being drawn: no remove buttons
};

}  // namespace retest::ui
