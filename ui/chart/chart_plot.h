// The chart's QCustomPlot: the same plot, composed on screen with less memory traffic. Stock
// QCustomPlot keeps one viewport-sized transparent pixmap per buffered layer, clears every one
// on each replot, fills the widget with the background and alpha-blends each pixmap over it.
// At 1920x1080 each such pixmap costs about as much as drawing the candles, and the crosshair
// layer (buffered so that a mouse move repaints only it) needs one of its own. Here:
// - the bottom buffer, which holds everything but the crosshair, is cleared to the opaque
//   background instead of to transparent, so painting it is a copy and the widget needs no
//   background fill underneath;
// - every buffer above it records its drawing (a QPicture) instead of rasterising it into a
//   full-size pixmap: the crosshair's few lines and tags cost nothing to clear and little to
//   replay, and a crosshair move no longer clears eight megabytes.
// What is drawn, and in which order, is unchanged; exports (toPixmap, savePdf) draw layers
// directly and never use these buffers.
//
// VolumeBars: QCPBars drawing the same translucent bars in one call per pane instead of one
// state change and polygon per bar, and in strips Qt fills on the calling thread (see draw()).
#pragma once

#include "ui/chart/qcp.h"

namespace retest::ui {

class ChartPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit ChartPlot(QWidget* parent = nullptr);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    /// Puts our buffer kinds where setupPaintBuffers() (which runs next) expects buffers.
    void installBuffers();
    /// The background as one opaque colour, or an invalid colour when it is not that simple.
    QColor opaqueBackground() const;
};

/// The volume pane's bars of one colour. Not selectable (the chart offers no selection).
class VolumeBars : public QCPBars {
    Q_OBJECT

public:
    using QCPBars::QCPBars;

protected:
    void draw(QCPPainter* painter) override;

private:
    QVector<QRectF> strips_;  // reused between replots
};

}  // namespace retest::ui
