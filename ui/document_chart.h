// A ChartView following a ChartDocument: the bars (or the empty-state message), the levels
// overlay (analysis, auto-levels filter, selected level) and the split/dividend markers, each
// read from the document whenever it signals a change. The chart's overlays never receive state
// from another view; the levels dock and the drawing tools talk to the document only.
//
// Deleting the document, the view or this binding in any order is safe: the binding drops its
// connections when either goes, and the overlays leave a chart that is already gone alone.
#pragma once

#include <QObject>
#include <QPointer>
#include <memory>

namespace retest::ui {

class ActionMarkers;
class ChartDocument;
class ChartView;
class LevelOverlay;

class DocumentChart : public QObject {
    Q_OBJECT

public:
    DocumentChart(ChartDocument& doc, ChartView& view, QObject* parent = nullptr);
    ~DocumentChart() override;

    /// Null once the view is gone.
    LevelOverlay* levelOverlay() const { return levels_.get(); }
    ActionMarkers* actionMarkers() const { return actions_.get(); }

private:
    void showBars();
    void showLevels();
    void showSelection(bool reveal);
    void dropView();

    QPointer<ChartDocument> doc_;
    QPointer<ChartView> view_;
    std::unique_ptr<LevelOverlay> levels_;
    std::unique_ptr<ActionMarkers> actions_;
};

}  // namespace retest::ui
