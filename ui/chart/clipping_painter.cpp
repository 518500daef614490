// ClippingPaintEngine: keeps the painter state, hands unclipped or wholly visible shapes to the
// target unchanged (so the SVG keeps its lines, rectangles and text), drops shapes wholly
// outside the clip, and cuts the rest: line segments against a rectangular clip, fills and
// stroke outlines by path intersection, text by its outline.
#include "ui/chart/clipping_painter.h"

#include <QPaintEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPainterPathStroker>
#include <QTextItem>
#include <algorithm>
#include <cmath>
#include <optional>

namespace retest::ui {

std::optional<QLineF> clipLineToRect(QLineF line, const QRectF& box) {
    double t0 = 0;
    double t1 = 1;
    const double d[2] = {line.dx(), line.dy()};
    const double at[2] = {line.x1(), line.y1()};
    const double lo[2] = {box.left(), box.top()};
    const double hi[2] = {box.right(), box.bottom()};
    for (int k = 0; k < 2; ++k) {
        if (std::fabs(d[k]) < 1e-12) {
            if (at[k] < lo[k] || at[k] > hi[k]) {
                return std::nullopt;
            }
            continue;
        }
        double a = (lo[k] - at[k]) / d[k];
        double b = (hi[k] - at[k]) / d[k];
        if (a > b) {
            std::swap(a, b);
        }
        t0 = std::max(t0, a);
        t1 = std::min(t1, b);
        if (t0 > t1) {
            return std::nullopt;
        }
    }
    return QLineF(line.pointAt(t0), line.pointAt(t1));
}

class ClippingPaintEngine : public QPaintEngine {
public:
    explicit ClippingPaintEngine(QPainter& target)
        : QPaintEngine(QPaintEngine::AllFeatures), target_(target) {}

    // The integer overloads convert to the floating-point ones below.
    using QPaintEngine::drawEllipse;
    using QPaintEngine::drawLines;
    using QPaintEngine::drawPolygon;
    using QPaintEngine::drawRects;

    bool begin(QPaintDevice* /*device*/) override { return true; }
    bool end() override { return true; }
    Type type() const override { return QPaintEngine::User; }
    void updateState(const QPaintEngineState& next) override;

    void drawPath(const QPainterPath& path) override { drawShape(path, true); }
    void drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) override;
    void drawLines(const QLineF* lines, int count) override;
    void drawRects(const QRectF* rects, int count) override;
    void drawEllipse(const QRectF& rect) override;
    void drawTextItem(const QPointF& p, const QTextItem& item) override;
    void drawPixmap(const QRectF& r, const QPixmap& pm, const QRectF& sr) override {
        target_.drawPixmap(r, pm, sr);
    }
    void drawImage(const QRectF& r, const QImage& image, const QRectF& sr,
                   Qt::ImageConversionFlags /*flags*/) override {
        target_.drawImage(r, image, sr);
    }

private:
    enum class Fit { Inside, Outside, Partial };
    /// Where `bounds` (logical coordinates) lies relative to the clip.
    Fit fit(const QRectF& bounds) const;
    /// The clip in the current logical coordinates.
    QPainterPath logicalClip() const;
    QRectF logicalClipBox() const { return logicalClip().boundingRect(); }
    double penSlack() const;
    void drawShape(const QPainterPath& path, bool fill);

    QPainter& target_;
    QTransform transform_;
    QPen pen_;
    QBrush brush_;
    bool clipEnabled_ = false;
    bool clipIsRect_ = false;
    std::optional<QPainterPath> clip_;  // device coordinates
};

void ClippingPaintEngine::updateState(const QPaintEngineState& next) {
    const DirtyFlags flags = next.state();
    if (flags & DirtyTransform) {
        transform_ = next.transform();
        target_.setTransform(transform_);
    }
    if (flags & DirtyPen) {
        pen_ = next.pen();
        target_.setPen(pen_);
    }
    if (flags & DirtyBrush) {
        brush_ = next.brush();
        target_.setBrush(brush_);
    }
    if (flags & DirtyBrushOrigin) {
        target_.setBrushOrigin(next.brushOrigin());
    }
    if (flags & DirtyFont) {
        target_.setFont(next.font());
    }
    if (flags & DirtyBackground) {
        target_.setBackground(next.backgroundBrush());
    }
    if (flags & DirtyBackgroundMode) {
        target_.setBackgroundMode(next.backgroundMode());
    }
    if (flags & DirtyOpacity) {
        target_.setOpacity(next.opacity());
    }
    if (flags & DirtyHints) {
        target_.setRenderHints(target_.renderHints(), false);
        target_.setRenderHints(next.renderHints(), true);
    }
    if (flags & (DirtyClipPath | DirtyClipRegion)) {
        QPainterPath path;
        if (flags & DirtyClipPath) {
            path = next.clipPath();
        } else {
            path.addRegion(next.clipRegion());
        }
        path = transform_.map(path);
        switch (next.clipOperation()) {
            case Qt::NoClip:
                clip_.reset();
                break;
            case Qt::ReplaceClip:
                clip_ = path;
                break;
            case Qt::IntersectClip:
                clip_ = clip_ ? clip_->intersected(path) : path;
                break;
        }
        if (clip_) {
            QPainterPath box;
            box.addRect(clip_->boundingRect());
            clipIsRect_ = box.subtracted(*clip_).isEmpty();
        }
        clipEnabled_ = next.clipOperation() != Qt::NoClip;
    }
    if (flags & DirtyClipEnabled) {
        clipEnabled_ = next.isClipEnabled();
    }
}

QPainterPath ClippingPaintEngine::logicalClip() const {
    bool invertible = false;
    const QTransform inverse = transform_.inverted(&invertible);
    return invertible ? inverse.map(*clip_) : *clip_;
}

ClippingPaintEngine::Fit ClippingPaintEngine::fit(const QRectF& bounds) const {
    if (!clipEnabled_ || !clip_) {
        return Fit::Inside;
    }
    const QPainterPath clip = logicalClip();
    const QRectF box = clip.boundingRect();
    if (!box.intersects(bounds) && !(bounds.isEmpty() && box.contains(bounds.topLeft()))) {
        return Fit::Outside;
    }
    if (clipIsRect_ && transform_.isAffine() && !transform_.isRotating() && box.contains(bounds)) {
        return Fit::Inside;
    }
    return Fit::Partial;
}

double ClippingPaintEngine::penSlack() const {
    if (pen_.style() == Qt::NoPen) {
        return 0;
    }
    return std::max(1.0, pen_.widthF()) / 2 + 1;
}

void ClippingPaintEngine::drawShape(const QPainterPath& path, bool fill) {
    const double slack = penSlack();
    switch (fit(path.controlPointRect().adjusted(-slack, -slack, slack, slack))) {
        case Fit::Outside:
            return;
        case Fit::Inside:
            if (fill) {
                target_.drawPath(path);
            } else {
                target_.strokePath(path, pen_);
            }
            return;
        case Fit::Partial:
            break;
    }
    const QPainterPath clip = logicalClip();
    target_.save();
    target_.setPen(Qt::NoPen);
    if (fill && brush_.style() != Qt::NoBrush) {
        target_.setBrush(brush_);
        target_.drawPath(path.intersected(clip));
    }
    if (pen_.style() != Qt::NoPen) {
        QPainterPathStroker stroker(pen_);
        stroker.setWidth(std::max(pen_.widthF(), 1.0));
        target_.setBrush(pen_.brush());
        target_.drawPath(stroker.createStroke(path).intersected(clip));
    }
    target_.restore();
}

void ClippingPaintEngine::drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) {
    if (count <= 0) {
        return;
    }
    QPainterPath path(points[0]);
    for (int i = 1; i < count; ++i) {
        path.lineTo(points[i]);
    }
    const bool polyline = mode == PolylineMode;
    if (!polyline) {
        path.closeSubpath();
        path.setFillRule(mode == WindingMode ? Qt::WindingFill : Qt::OddEvenFill);
    }
    const double slack = penSlack();
    if (fit(path.controlPointRect().adjusted(-slack, -slack, slack, slack)) == Fit::Inside) {
        if (polyline) {
            target_.drawPolyline(points, count);
        } else {
            target_.drawPolygon(points, count,
                                mode == WindingMode ? Qt::WindingFill : Qt::OddEvenFill);
        }
        return;
    }
    drawShape(path, !polyline);
}

void ClippingPaintEngine::drawLines(const QLineF* lines, int count) {
    const double slack = penSlack();
    for (int i = 0; i < count; ++i) {
        const QLineF& line = lines[i];
        const QRectF bounds =
            QRectF(line.p1(), line.p2()).normalized().adjusted(-slack, -slack, slack, slack);
        switch (fit(bounds)) {
            case Fit::Outside:
                continue;
            case Fit::Inside:
                target_.drawLine(line);
                continue;
            case Fit::Partial:
                break;
        }
        if (clipIsRect_ && !transform_.isRotating()) {
            if (const auto part = clipLineToRect(line, logicalClipBox())) {
                target_.drawLine(*part);
            }
            continue;
        }
        QPainterPath path(line.p1());
        path.lineTo(line.p2());
        drawShape(path, false);
    }
}

void ClippingPaintEngine::drawRects(const QRectF* rects, int count) {
    const double slack = penSlack();
    for (int i = 0; i < count; ++i) {
        const QRectF r = rects[i].normalized();
        switch (fit(r.adjusted(-slack, -slack, slack, slack))) {
            case Fit::Outside:
                continue;
            case Fit::Inside:
                target_.drawRect(rects[i]);
                continue;
            case Fit::Partial:
                break;
        }
        if (clipIsRect_ && pen_.style() == Qt::NoPen && !transform_.isRotating()) {
            target_.drawRect(r.intersected(logicalClipBox()));
            continue;
        }
        QPainterPath path;
        path.addRect(r);
        drawShape(path, true);
    }
}

void ClippingPaintEngine::drawEllipse(const QRectF& rect) {
    const double slack = penSlack();
    if (fit(rect.normalized().adjusted(-slack, -slack, slack, slack)) == Fit::Inside) {
        target_.drawEllipse(rect);
        return;
    }
    QPainterPath path;
    path.addEllipse(rect);
    drawShape(path, true);
}

void ClippingPaintEngine::drawTextItem(const QPointF& p, const QTextItem& item) {
    const QString text = item.text();
    const QFont font = item.font();
    const QRectF bounds = QFontMetricsF(font).boundingRect(text).translated(p);
    switch (fit(bounds)) {
        case Fit::Outside:
            return;
        case Fit::Inside:
            target_.setFont(font);
            target_.drawText(p, text);
            return;
        case Fit::Partial:
            break;
    }
    QPainterPath glyphs;
    glyphs.addText(p, font, text);
    target_.save();
    target_.setPen(Qt::NoPen);
    target_.setBrush(pen_.brush());
    target_.drawPath(glyphs.intersected(logicalClip()));
    target_.restore();
}

ClippingPaintDevice::ClippingPaintDevice(QPainter& target, QSize size)
    : target_(target), size_(size), engine_(std::make_unique<ClippingPaintEngine>(target)) {}

ClippingPaintDevice::~ClippingPaintDevice() = default;

QPaintEngine* ClippingPaintDevice::paintEngine() const {
    return engine_.get();
}

int ClippingPaintDevice::metric(PaintDeviceMetric metric) const {
    const QPaintDevice* target = target_.device();
    switch (metric) {
        case PdmWidth:
            return size_.width();
        case PdmHeight:
            return size_.height();
        case PdmWidthMM:
            return target->logicalDpiX() > 0
                       ? static_cast<int>(size_.width() * 25.4 / target->logicalDpiX())
                       : size_.width();
        case PdmHeightMM:
            return target->logicalDpiY() > 0
                       ? static_cast<int>(size_.height() * 25.4 / target->logicalDpiY())
                       : size_.height();
        case PdmNumColors:
            return target->colorCount();
        case PdmDepth:
            return target->depth();
        case PdmDpiX:
            return target->logicalDpiX();
        case PdmDpiY:
            return target->logicalDpiY();
        case PdmPhysicalDpiX:
            return target->physicalDpiX();
        case PdmPhysicalDpiY:
            return target->physicalDpiY();
        case PdmDevicePixelRatio:
            return static_cast<int>(target->devicePixelRatio());
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(target->devicePixelRatio() * devicePixelRatioFScale());
    }
    return 0;
}

}  // namespace retest::ui
