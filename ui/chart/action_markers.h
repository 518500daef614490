// Splits and dividends as small markers along the bottom of the price pane, on the bar where
// they took effect ("S 2:1", "D 0.25"). Dividends are shown only while few enough are in view
// to read; splits always. Knows nothing of where the events come from.
#pragma once

#include <QObject>
#include <QPointer>
#include <vector>

#include "core/model/corporate_action.h"

class QCPItemText;
class QCPLayer;
class QCustomPlot;

namespace retest::ui {

class ChartView;

class ActionMarkers : public QObject {
    Q_OBJECT

public:
    /// Attaches to `view`, which must outlive the markers.
    explicit ActionMarkers(ChartView& view, QObject* parent = nullptr);
    ~ActionMarkers() override;

    /// Shows `actions` on the view's current bars (call again after the bars change).
    void setActions(std::vector<CorporateAction> actions);
    void clear();

    /// Markers currently visible (tests).
    int visibleCount() const;
    /// "S 2:1", "S 1:10", "D 0.25".
    static QString label(const CorporateAction& action);

    /// More dividends than this in view and they are hidden (they would be an unreadable row).
    static constexpr int kMaxVisibleDividends = 24;

private:
    void rebuild();
    void updateVisibility();

    ChartView& view_;
    QPointer<QCustomPlot> plot_;  ///< null once the chart is gone
    QCPLayer* layer_ = nullptr;
    std::vector<CorporateAction> actions_;
    struct Marker {
        QCPItemText* item = nullptr;
        int index = 0;
        bool split = false;
    };
    std::vector<Marker> markers_;
};

}  // namespace retest::ui
