// ChartPlot: QCustomPlot with an opaque bottom buffer and recorded upper buffers; VolumeBars:
// QCPBars in one batch of strips (see header).
#include "ui/chart/chart_plot.h"

#include <QPicture>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

namespace retest::ui {

namespace {

/// The bottom buffer: QCustomPlot's pixmap, cleared to the opaque background when there is
/// one (QCustomPlot clears to transparent and fills the widget with the background instead).
class OpaqueBuffer : public QCPPaintBufferPixmap {
public:
    OpaqueBuffer(const QSize& size, double devicePixelRatio)
        : QCPPaintBufferPixmap(size, devicePixelRatio) {}
    void setFill(const QColor& fill) { fill_ = fill; }
    bool opaque() const { return fill_.isValid() && fill_.alpha() == 255; }
    void clear(const QColor& color) override { mBuffer.fill(opaque() ? fill_ : color); }

private:
    QColor fill_;
};

/// A buffer above the bottom one: keeps what its layers draw as pictures and replays them
/// when the widget is painted.
class RecordingBuffer : public QCPAbstractPaintBuffer {
public:
    RecordingBuffer(const QSize& size, double devicePixelRatio)
        : QCPAbstractPaintBuffer(size, devicePixelRatio) {
        RecordingBuffer::reallocateBuffer();
    }
    QCPPainter* startPainting() override {
        // One picture per layer: each layer gets its own painter, and a painter beginning on
        // a QPicture starts it afresh.
        pictures_.push_back(std::make_unique<QPicture>());
        return new QCPPainter(pictures_.back().get());
    }
    void draw(QCPPainter* painter) const override {
        if (fill_.alpha() > 0) {
            painter->fillRect(QRect(QPoint(0, 0), mSize), fill_);
        }
        for (const auto& picture : pictures_) {
            painter->drawPicture(0, 0, *picture);
        }
    }
    void clear(const QColor& color) override {
        pictures_.clear();
        fill_ = color;
    }

protected:
    void reallocateBuffer() override {
        setInvalidated();
        pictures_.clear();
    }

private:
    std::vector<std::unique_ptr<QPicture>> pictures_;
    QColor fill_ = Qt::transparent;
};

}  // namespace

ChartPlot::ChartPlot(QWidget* parent) : QCustomPlot(parent) {
    // beforeReplot comes right before the layout and setupPaintBuffers().
    connect(this, &QCustomPlot::beforeReplot, this, &ChartPlot::installBuffers);
}

QColor ChartPlot::opaqueBackground() const {
    if (!mBackgroundPixmap.isNull() || mBackgroundBrush.style() != Qt::SolidPattern ||
        mBackgroundBrush.color().alpha() != 255) {
        return {};
    }
    return mBackgroundBrush.color();
}

void ChartPlot::installBuffers() {
    if (openGl()) {
        return;
    }
    // As many buffers as setupPaintBuffers() will use: a buffered layer takes one of its own,
    // and the logical layers after it share the next.
    qsizetype count = 1;
    for (int i = 0; i < layerCount(); ++i) {
        if (layer(i)->mode() == QCPLayer::lmBuffered) {
            ++count;
            if (i + 1 < layerCount() && layer(i + 1)->mode() == QCPLayer::lmLogical) {
                ++count;
            }
        }
    }
    while (mPaintBuffers.size() > count) {
        mPaintBuffers.removeLast();
    }
    for (qsizetype i = 0; i < count; ++i) {
        QCPAbstractPaintBuffer* current =
            i < mPaintBuffers.size() ? mPaintBuffers.at(i).data() : nullptr;
        const bool right = i == 0 ? dynamic_cast<OpaqueBuffer*>(current) != nullptr
                                  : dynamic_cast<RecordingBuffer*>(current) != nullptr;
        if (right) {
            continue;
        }
        QSharedPointer<QCPAbstractPaintBuffer> made(
            i == 0 ? static_cast<QCPAbstractPaintBuffer*>(
                         new OpaqueBuffer(viewport().size(), mBufferDevicePixelRatio))
                   : new RecordingBuffer(viewport().size(), mBufferDevicePixelRatio));
        if (i < mPaintBuffers.size()) {
            mPaintBuffers[i] = std::move(made);
        } else {
            mPaintBuffers.append(std::move(made));
        }
    }
    static_cast<OpaqueBuffer*>(mPaintBuffers.first().data())->setFill(opaqueBackground());
}

void ChartPlot::paintEvent(QPaintEvent* event) {
    const auto* bottom = mPaintBuffers.isEmpty()
                             ? nullptr
                             : dynamic_cast<const OpaqueBuffer*>(mPaintBuffers.first().data());
    // QCustomPlot's own path when the bottom is not opaque, and when the device pixel ratio
    // changed (it reallocates the buffers and replots).
    if (bottom == nullptr || !bottom->opaque() ||
        !qFuzzyCompare(mBufferDevicePixelRatio, devicePixelRatioF())) {
        QCustomPlot::paintEvent(event);
        return;
    }
    QCPPainter painter(this);
    if (painter.isActive()) {
        for (const auto& buffer : std::as_const(mPaintBuffers)) {
            buffer->draw(&painter);
        }
    }
}

// Qt 6 (6.4 measured: 95 rows stay, 96 go) blends a translucent fill of 96 pixel rows or more
// in pieces of about 64 rows on its GUI thread pool and waits for them: for a bar a few pixels
// wide the hand-off costs far more than the fill (in a full-range daily view that is over a
// hundred bars and 0.5 to 1 ms per replot). Cut at whole rows into strips of at most 64, each
// bar is filled exactly as before, on this thread.
void VolumeBars::draw(QCPPainter* painter) {
    if (!mKeyAxis || !mValueAxis || mDataContainer->isEmpty()) {
        return;
    }
    constexpr double kRows = 64;
    QCPBarsDataContainer::const_iterator begin;
    QCPBarsDataContainer::const_iterator end;
    getVisibleDataBounds(begin, end);
    strips_.clear();
    // Only the part inside the pane is filled: a bar far taller than it (a volume axis a frame
    // behind its data) costs a strip per 64 rows of the pane, not of the bar.
    const QRectF pane = QRectF(mKeyAxis->axisRect()->rect()).adjusted(-1, -1, 1, 1);
    for (auto it = begin; it != end; ++it) {
        const QRectF bar = getBarRect(it->key, it->value).normalized().intersected(pane);
        // Qt fills rows qRound(top) .. qRound(bottom) - 1; strips share rounded edges, so
        // they tile the bar with no row filled twice or left out.
        double top = std::round(bar.top());
        const double bottom = std::round(bar.bottom());
        while (top < bottom) {
            const double next = std::min(bottom, top + kRows);
            strips_.append(QRectF(QPointF(bar.left(), top), QPointF(bar.right(), next)));
            top = next;
        }
    }
    if (strips_.isEmpty()) {
        return;
    }
    applyDefaultAntialiasingHint(painter);
    painter->setPen(mPen);
    painter->setBrush(mBrush);
    painter->drawRects(strips_.constData(), static_cast<int>(strips_.size()));
}

}  // namespace retest::ui
