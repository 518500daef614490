// Draws a symbol's annotations (lines, zones, notes, arrows, date markers) on a ChartView and
// maps their (date, price) anchors to the view's bar-index axis and back. Painted at draw time
// from the anchors, so they follow zoom, pan, log scale and D/W/M without rebuilding, and go
// into PNG/PDF/SVG exports like the rest of the plot. Knows nothing about editing.
#pragma once

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QRectF>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/annotations/annotation.h"

class QCPLayer;
class QCustomPlot;

namespace retest::ui {

class ChartView;
class AnnotationPainter;

class AnnotationLayer : public QObject {
    Q_OBJECT

public:
    /// Attaches to `view` (which must outlive the layer) on its own plot layer.
    explicit AnnotationLayer(ChartView& view, QObject* parent = nullptr);
    ~AnnotationLayer() override;

    void setAnnotations(std::vector<Annotation> list);
    const std::vector<Annotation>& annotations() const { return list_; }
    int count() const { return static_cast<int>(list_.size()); }
    const Annotation* find(std::int64_t id) const;
    /// How many annotations reach into the view's current time and price range (the export
    /// legend names "Drawings" only when some are to be seen).
    int countInView() const;
    /// The pixel boxes of the words drawn in the price pane (notes, and the labels of lines,
    /// zones and the rest): the chart's own labels (all-time high, breakouts, weekly and
    /// monthly levels) keep clear of them (ChartView::reserveAreas).
    std::vector<QRectF> textRects() const;

    /// The selected annotation shows drag handles at its anchors; 0 selects none.
    void setSelectedId(std::int64_t id);
    std::int64_t selectedId() const { return selected_; }
    /// An annotation being drawn or dragged, painted on top (std::nullopt: none).
    void setPreview(std::optional<Annotation> preview);
    const std::optional<Annotation>& preview() const { return preview_; }
    /// Hides (false) everything without forgetting it.
    void setVisible(bool visible);

    ChartView& view() const { return view_; }

    // Geometry. x is the bar-index coordinate of the view's time axis.
    /// The bar showing `day`: a day between sessions maps to the next session; on weekly and
    /// monthly views to the period containing it. Past either end, extrapolated by calendar.
    double xForDay(Day day) const;
    /// The session (or period's last session) at bar index `x`, extrapolated past the ends.
    Day dayForX(double x) const;
    QPointF toPixel(const AnchorPoint& p) const;
    AnchorPoint fromPixel(QPointF pixel) const;

    /// The topmost annotation within a few pixels of `pixel`, or 0. `handle` gets the anchor
    /// index when the pixel is on a handle of the selected annotation, else -1.
    std::int64_t hitTest(QPointF pixel, int* handle = nullptr) const;

    /// Repaints the plot (after changing the list, the selection or the preview).
    void replot();

private:
    friend class AnnotationPainter;
    /// Asks the chart for a price tag on the axis for every horizontal line.
    void updateTags();

    ChartView& view_;
    std::vector<std::size_t> tagged_;       // indices into list_ of the lines with an axis tag
    AnnotationPainter* painter_ = nullptr;  ///< owned by the plot too: deleted with it
    QPointer<QCustomPlot> plot_;
    std::vector<Annotation> list_;
    std::optional<Annotation> preview_;
    std::int64_t selected_ = 0;
};

}  // namespace retest::ui
