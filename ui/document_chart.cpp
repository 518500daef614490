// DocumentChart: ChartDocument signals -> ChartView and its overlays.
#include "ui/document_chart.h"

#include "ui/chart/action_markers.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart_document.h"

namespace retest::ui {

DocumentChart::DocumentChart(ChartDocument& doc, ChartView& view, QObject* parent)
    : QObject(parent),
      doc_(&doc),
      view_(&view),
      levels_(std::make_unique<LevelOverlay>(view)),
      actions_(std::make_unique<ActionMarkers>(view)) {
    connect(&doc, &ChartDocument::changed, this, &DocumentChart::showBars);
    connect(&doc, &ChartDocument::levelsChanged, this, &DocumentChart::showLevels);
    connect(&doc, &ChartDocument::levelFilterChanged, this, [this] {
        levels_->setShowAutoLevels(doc_->showAutoLevels());
        showSelection(false);
    });
    connect(&doc, &ChartDocument::levelSelectionChanged, this, &DocumentChart::showSelection);
    // The overlays remove their items from the view: before it is torn down.
    connect(&view, &ChartView::aboutToBeDestroyed, this, &DocumentChart::dropView);
    connect(&doc, &QObject::destroyed, this, [this] { disconnect(doc_, nullptr, this, nullptr); });
    levels_->setShowAutoLevels(doc.showAutoLevels());
    showBars();
    showLevels();
}

DocumentChart::~DocumentChart() = default;

void DocumentChart::dropView() {
    if (doc_ != nullptr) {
        disconnect(doc_, nullptr, this, nullptr);
    }
    levels_.reset();
    actions_.reset();
}

void DocumentChart::showBars() {
    if (doc_->bars().empty()) {
        view_->showEmptyState(doc_->emptyMessage());
    } else {
        view_->setBars(doc_->bars(), doc_->timeframe());
    }
    actions_->setActions(doc_->actions());
}

void DocumentChart::showLevels() {
    levels_->setAnalysis(doc_->levels());
    showSelection(false);
}

void DocumentChart::showSelection(bool reveal) {
    const int zone = doc_->zoneIndex(doc_->selectedLevelId());
    levels_->setHighlightedZone(zone);
    if (reveal && zone >= 0) {
        const Zone& z = doc_->levels().zones[static_cast<std::size_t>(zone)];
        if (!z.touches.empty()) {
            view_->showBarIndex(static_cast<int>(z.touches.back().index));
        }
    }
}

}  // namespace retest::ui
