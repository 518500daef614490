// The rotation plot (an RRG): RS-Ratio across, RS-Momentum up, the four quadrants around
// (100, 100), each symbol a point with a tail of its last weeks and a label; hovering a point
// shows its symbol, week and values.
#pragma once

#include <QLineF>
#include <QRectF>
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

#include "core/rotation/rotation_board.h"

class QCustomPlot;
class QCPCurve;
class QCPItemLine;
class QCPItemText;
class QCPItemTracer;

namespace retest::ui {

class RotationPlot : public QWidget {
    Q_OBJECT

public:
    explicit RotationPlot(QWidget* parent = nullptr);

    void setBoard(const RotationBoard& board);

    /// Symbols drawn, in board order (those with a tail).
    QStringList symbols() const;
    /// The text shown when hovering `pos` (widget pixels), empty when no point is within 10 px.
    QString hoverTextAt(const QPoint& pos) const;
    /// Pixel position of a symbol's newest point (for tests), or (-1, -1).
    QPointF pointPixel(const QString& symbol) const;
    /// Where each symbol's label is drawn, in pixels, in the order of symbols().
    std::vector<QRectF> labelRects() const;
    /// The line from each symbol's point to its label when the label had to move away from it
    /// (in pixels, in the order of symbols()); none when the label sits right beside it.
    std::vector<std::optional<QLineF>> leaderLines() const;
    QCustomPlot* plot() const { return plot_; }

Q_SIGNALS:
    /// Double click on a point.
    void symbolActivated(const QString& symbol);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Series {
        QString symbol;
        std::vector<RotationPoint> tail;
    };
    void rebuild();
    void fitAxes();
    /// Puts each label beside its point where it overlaps no other label or point.
    void placeLabels();
    const Series* nearest(const QPoint& pos, std::size_t* pointIndex) const;

    QCustomPlot* plot_ = nullptr;
    std::vector<Series> series_;
    std::vector<QCPItemTracer*> heads_;  // each series' newest point
    std::vector<QCPItemText*> labels_;   // its symbol
    std::vector<QCPItemLine*> leaders_;  // from the point to a label set further out
};

}  // namespace retest::ui
