// AnnotationLayer: anchor <-> bar-index mapping, painting every kind with QCPPainter (so
// exports get exactly the screen's drawing) and pixel hit-testing for the editing tools.
#include "ui/chart/annotation_layer.h"

#include "ui/chart/qcp.h"

#include <algorithm>
#include <cmath>

#include "core/analytics/bar_axis.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/clipping_painter.h"

namespace retest::ui {

namespace {

constexpr double kHitSlack = 6.0;
constexpr double kHandle = 7.0;

QColor colorOf(const Annotation& a) {
    return QColor::fromRgba(a.style.color);
}

/// The opacity of a zone's or a rectangle's fill (of 255).
int areaAlpha(const Annotation& a) {
    return a.kind == AnnotationKind::Zone ? 46 : 30;
}

QPen penOf(const Annotation& a) {
    QPen pen(colorOf(a), a.style.width);
    pen.setStyle(a.style.line == LineStyle::Dash  ? Qt::DashLine
                 : a.style.line == LineStyle::Dot ? Qt::DotLine
                                                  : Qt::SolidLine);
    pen.setCapStyle(Qt::RoundCap);
    return pen;
}

QFont fontOf(const Annotation& a) {
    QFont f;
    f.setPixelSize(std::max(6, static_cast<int>(std::lround(a.style.fontSize * 4.0 / 3.0))));
    return f;
}

double segmentDistance(QPointF p, QPointF a, QPointF b) {
    const QPointF d = b - a;
    const double len2 = QPointF::dotProduct(d, d);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, d) / len2, 0.0, 1.0) : 0.0;
    const QPointF q = a + t * d;
    return std::hypot(p.x() - q.x(), p.y() - q.y());
}

/// A note's box: above and right of its point, or turned to the left (below) of it where the
/// pane's right (top) edge would cut it, so a note on the newest bars is read whole.
QRectF noteRect(const Annotation& a, QPointF at, const QRectF& pane) {
    const QFontMetricsF m(fontOf(a));
    const QSizeF text = m.size(0, QString::fromStdString(a.label));
    QRectF box(at.x(), at.y() - text.height() - 8, text.width() + 12, text.height() + 8);
    if (box.right() > pane.right() && at.x() - box.width() >= pane.left()) {
        box.moveRight(at.x());
    }
    if (box.top() < pane.top() && at.y() + box.height() <= pane.bottom()) {
        box.moveTop(at.y());
    }
    return box;
}

}  // namespace

/// The QCP layerable that paints an AnnotationLayer on the price pane.
class AnnotationPainter : public QCPLayerable {
public:
    AnnotationPainter(AnnotationLayer& owner, QCustomPlot* plot, const QString& layer)
        : QCPLayerable(plot, layer), owner_(owner) {}

    /// Pixel ends of what is drawn for `a` (two points for lines, corners for areas).
    QLineF geometry(const Annotation& a) const;
    std::vector<QPointF> handles(const Annotation& a) const;
    /// Where `a`'s label is drawn, in pixels (none for a note, whose text is its box, or
    /// without a label).
    std::optional<QRectF> labelRect(const Annotation& a) const;

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override {
        applyAntialiasingHint(painter, true, QCP::aeItems);
    }
    QRect clipRect() const override { return owner_.view().priceRect()->rect(); }
    void draw(QCPPainter* painter) override;

private:
    void drawOne(QCPPainter* painter, const Annotation& a) const;
    void drawLabel(QCPPainter* painter, const Annotation& a) const;
    void drawNote(QCPPainter* painter, const Annotation& a) const;
    void drawArrowHead(QCPPainter* painter, const Annotation& a, QLineF line) const;
    void drawTags(QCPPainter* painter) const;

    AnnotationLayer& owner_;
};

QLineF AnnotationPainter::geometry(const Annotation& a) const {
    const QRect r = owner_.view().priceRect()->rect();
    const auto px = [&](std::size_t i) { return owner_.toPixel(a.points[i]); };
    switch (a.kind) {
        case AnnotationKind::HorizontalLine:
            return {QPointF(r.left(), px(0).y()), QPointF(r.right(), px(0).y())};
        case AnnotationKind::Zone:
            return {QPointF(r.left(), px(0).y()), QPointF(r.right(), px(1).y())};
        case AnnotationKind::DateMarker:
            return {QPointF(px(0).x(), r.top()), QPointF(px(0).x(), r.bottom())};
        case AnnotationKind::Note:
            return {px(0), px(0)};
        case AnnotationKind::TrendLine:
        case AnnotationKind::Rectangle:
        case AnnotationKind::Arrow:
            break;
    }
    QLineF line(px(0), px(1));
    if (a.kind == AnnotationKind::TrendLine && a.style.extendRight && line.length() > 0) {
        const double dx = line.dx();
        if (std::fabs(dx) > 1e-6) {  // run on to the pane's edge in the direction of p0 -> p1
            const double edge = dx > 0 ? r.right() : r.left();
            const double t = (edge - line.x1()) / dx;
            if (t > 1) {
                line.setP2(line.pointAt(t));
            }
        }
    }
    return line;
}

std::vector<QPointF> AnnotationPainter::handles(const Annotation& a) const {
    const QLineF g = geometry(a);
    switch (a.kind) {
        case AnnotationKind::HorizontalLine:
            return {g.center()};
        case AnnotationKind::Zone:
            return {QPointF(g.center().x(), g.y1()), QPointF(g.center().x(), g.y2())};
        case AnnotationKind::DateMarker:
            return {g.center()};
        case AnnotationKind::Note:
            return {g.p1()};
        case AnnotationKind::TrendLine:
        case AnnotationKind::Rectangle:
        case AnnotationKind::Arrow:
            break;
    }
    return {owner_.toPixel(a.points[0]), owner_.toPixel(a.points[1])};
}

void AnnotationPainter::draw(QCPPainter* painter) {
    if (owner_.view().bars().empty()) {
        return;
    }
    for (const Annotation& a : owner_.list_) {
        if (validateAnnotation(a)) {
            drawOne(painter, a);
        }
    }
    if (owner_.preview_ &&
        owner_.preview_->points.size() ==
            static_cast<std::size_t>(annotationPointCount(owner_.preview_->kind))) {
        drawOne(painter, *owner_.preview_);
    }
    const Annotation* selected = owner_.find(owner_.selected_);
    if (selected != nullptr && validateAnnotation(*selected)) {
        const QColor back = owner_.view().theme().background;
        for (const QPointF& h : handles(*selected)) {
            painter->setPen(QPen(colorOf(*selected), 1.5));
            painter->setBrush(back);
            painter->drawRect(QRectF(h.x() - kHandle / 2, h.y() - kHandle / 2, kHandle, kHandle));
        }
    }
    drawTags(painter);
}

// A horizontal line's price, in its colour, on the price axis where the chart placed the tag
// (beside the level tags, never over them or over a tick label).
void AnnotationPainter::drawTags(QCPPainter* painter) const {
    ChartView& view = owner_.view();
    const QRect pane = view.priceRect()->rect();
    painter->save();
    painter->setClipRect(view.plot()->viewport());  // the tags sit on the axis, outside the pane
    painter->setFont(ChartView::axisTagFont());
    const QFontMetricsF metrics(painter->font());
    const double h = ChartView::axisTagHeight();
    for (std::size_t k = 0; k < owner_.tagged_.size(); ++k) {
        const auto y = view.axisTagY(&owner_, k);
        if (!y || owner_.tagged_[k] >= owner_.list_.size()) {
            continue;
        }
        const Annotation& a = owner_.list_[owner_.tagged_[k]];
        const QString text = QString::fromStdString(formatPrice(a.points[0].price));
        const QRectF box(pane.right() + 1, *y - h / 2, metrics.horizontalAdvance(text) + 10, h);
        QColor fill = colorOf(a);
        fill.setAlpha(255);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRect(box);
        painter->setPen(textOn(fill));
        painter->drawText(box, Qt::AlignCenter, text);
    }
    painter->restore();
}

void AnnotationPainter::drawOne(QCPPainter* painter, const Annotation& a) const {
    const QLineF g = geometry(a);
    QColor fill = colorOf(a);
    painter->setPen(penOf(a));
    painter->setBrush(Qt::NoBrush);
    switch (a.kind) {
        case AnnotationKind::HorizontalLine:
            painter->drawLine(g);
            drawLabel(painter, a);
            break;
        case AnnotationKind::Zone:
        case AnnotationKind::Rectangle: {
            const QRectF box = QRectF(g.p1(), g.p2()).normalized();
            fill.setAlpha(areaAlpha(a));
            painter->fillRect(box, fill);
            painter->drawRect(box);
            drawLabel(painter, a);
            break;
        }
        case AnnotationKind::TrendLine:
            painter->drawLine(g);
            drawLabel(painter, a);
            break;
        case AnnotationKind::Arrow:
            painter->drawLine(g);
            drawArrowHead(painter, a, g);
            drawLabel(painter, a);
            break;
        case AnnotationKind::DateMarker:
            painter->drawLine(g);
            drawLabel(painter, a);
            break;
        case AnnotationKind::Note:
            drawNote(painter, a);
            break;
    }
}

std::optional<QRectF> AnnotationPainter::labelRect(const Annotation& a) const {
    if (a.label.empty() || a.kind == AnnotationKind::Note) {
        return std::nullopt;
    }
    const QLineF g = geometry(a);
    QPointF at;
    int flags = 0;
    switch (a.kind) {
        case AnnotationKind::HorizontalLine:
            at = QPointF(g.x2() - 4, g.y1() - 3);
            flags = Qt::AlignRight | Qt::AlignBottom;
            break;
        // A zone spans the chart: its label goes right, clear of the readout and the retest
        // state in the top-left corner; a rectangle's label sits in its own corner.
        case AnnotationKind::Zone:
            at = QRectF(g.p1(), g.p2()).normalized().topRight() + QPointF(-6, 3);
            flags = Qt::AlignRight | Qt::AlignTop;
            break;
        case AnnotationKind::Rectangle:
            at = QRectF(g.p1(), g.p2()).normalized().topLeft() + QPointF(6, 3);
            flags = Qt::AlignLeft | Qt::AlignTop;
            break;
        // Midway along the drawn segment, above it: the ends are often at the chart's edge.
        case AnnotationKind::TrendLine:
            at = (owner_.toPixel(a.points[0]) + owner_.toPixel(a.points[1])) / 2 + QPointF(-4, -6);
            flags = Qt::AlignRight | Qt::AlignBottom;
            break;
        case AnnotationKind::Arrow:
            at = g.p1() + QPointF(0, -4);
            flags = Qt::AlignHCenter | Qt::AlignBottom;
            break;
        case AnnotationKind::DateMarker:
            at = g.p1() + QPointF(5, 4);
            flags = Qt::AlignLeft | Qt::AlignTop;
            break;
        case AnnotationKind::Note:
            break;
    }
    const QSizeF size = QFontMetricsF(fontOf(a)).size(0, QString::fromStdString(a.label));
    QPointF topLeft = at;
    if ((flags & Qt::AlignRight) != 0) {
        topLeft.rx() -= size.width();
    } else if ((flags & Qt::AlignHCenter) != 0) {
        topLeft.rx() -= size.width() / 2;
    }
    if ((flags & Qt::AlignBottom) != 0) {
        topLeft.ry() -= size.height();
    }
    return QRectF(topLeft, size);
}

void AnnotationPainter::drawLabel(QCPPainter* painter, const Annotation& a) const {
    const std::optional<QRectF> box = labelRect(a);
    if (!box) {
        return;
    }
    painter->setFont(fontOf(a));
    // The line keeps the user's colour; its words stay readable on what is under them: the
    // theme's background, tinted by the area's fill for a zone's or a rectangle's label.
    QColor under = owner_.view().theme().background;
    if (a.kind == AnnotationKind::Zone || a.kind == AnnotationKind::Rectangle) {
        under = mixColors(under, colorOf(a), areaAlpha(a) / 255.0);
    }
    painter->setPen(readableOn(colorOf(a), under));
    painter->drawText(*box, Qt::AlignLeft | Qt::AlignTop, QString::fromStdString(a.label));
}

void AnnotationPainter::drawNote(QCPPainter* painter, const Annotation& a) const {
    const QRectF box = noteRect(a, owner_.toPixel(a.points[0]), owner_.view().priceRect()->rect());
    QColor back = owner_.view().theme().background;
    back.setAlpha(230);
    painter->setPen(QPen(colorOf(a), std::max(1.0, a.style.width)));
    painter->setBrush(back);
    painter->drawRoundedRect(box, 4, 4);
    painter->setFont(fontOf(a));
    painter->setPen(owner_.view().theme().text);
    painter->drawText(box.adjusted(6, 4, -6, -4), Qt::AlignLeft | Qt::AlignVCenter,
                      QString::fromStdString(a.label));
}

void AnnotationPainter::drawArrowHead(QCPPainter* painter, const Annotation& a, QLineF line) const {
    if (line.length() < 1) {
        return;
    }
    const double size = 8 + 2 * a.style.width;
    const QLineF back(line.p2(), line.p1());
    QLineF left = back;
    left.setLength(size);
    left.setAngle(back.angle() + 25);
    QLineF right = back;
    right.setLength(size);
    right.setAngle(back.angle() - 25);
    const QPointF head[3] = {line.p2(), left.p2(), right.p2()};
    painter->setPen(QPen(colorOf(a), 1));
    painter->setBrush(colorOf(a));
    painter->drawPolygon(head, 3);
    painter->setBrush(Qt::NoBrush);
}

AnnotationLayer::AnnotationLayer(ChartView& view, QObject* parent)
    : QObject(parent), view_(view), plot_(view.plot()) {
    QCustomPlot* plot = view.plot();
    const QString name = QStringLiteral("annotations");
    if (plot->layer(name) == nullptr) {
        plot->addLayer(name, plot->layer(QStringLiteral("overlay")), QCustomPlot::limBelow);
    }
    painter_ = new AnnotationPainter(*this, plot, name);
    view.reserveAreas(this, [this] { return textRects(); });
}

AnnotationLayer::~AnnotationLayer() {
    if (plot_ != nullptr) {  // else the chart was deleted first, and the painter with it
        view_.setAxisTags(this, {});
        view_.reserveAreas(this, {});
        delete painter_;
    }
}

void AnnotationLayer::setAnnotations(std::vector<Annotation> list) {
    list_ = std::move(list);
    updateTags();
    replot();
}

void AnnotationLayer::updateTags() {
    tagged_.clear();
    std::vector<ChartView::AxisTag> tags;
    if (painter_->visible()) {
        for (std::size_t i = 0; i < list_.size(); ++i) {
            if (list_[i].kind == AnnotationKind::HorizontalLine && validateAnnotation(list_[i])) {
                tagged_.push_back(i);
                tags.push_back({list_[i].points[0].price, 25000});  // the user's own: kept first
            }
        }
    }
    view_.setAxisTags(this, std::move(tags));
}

const Annotation* AnnotationLayer::find(std::int64_t id) const {
    if (id == 0) {
        return nullptr;
    }
    const auto it =
        std::find_if(list_.begin(), list_.end(), [id](const Annotation& a) { return a.id == id; });
    return it == list_.end() ? nullptr : &*it;
}

// In data coordinates (bar index, price; log of price on a log axis) so it holds before the
// plot is laid out, e.g. while an export is being set up.
int AnnotationLayer::countInView() const {
    if (view_.bars().empty() || !painter_->visible()) {
        return 0;
    }
    const QCPRange xr = view_.timeAxis()->range();
    const QCPRange yr = view_.priceAxis()->range();
    const bool log = view_.logScale();
    const auto y = [log](double price) { return log ? std::log(std::max(price, 1e-12)) : price; };
    const double top = y(yr.upper);
    const double bottom = y(yr.lower);
    const QRectF box(QPointF(xr.lower, bottom), QPointF(xr.upper, top));
    const auto pointIn = [&](QPointF p) { return box.contains(p); };
    const auto segmentIn = [&](QPointF p, QPointF q) {
        return clipLineToRect(QLineF(p, q), box).has_value();
    };
    int count = 0;
    for (const Annotation& a : list_) {
        if (!validateAnnotation(a)) {
            continue;
        }
        const auto pt = [&](std::size_t i) {
            return QPointF(xForDay(a.points[i].day), y(a.points[i].price));
        };
        bool in = false;
        switch (a.kind) {
            case AnnotationKind::HorizontalLine:
                in = pt(0).y() >= box.top() && pt(0).y() <= box.bottom();
                break;
            case AnnotationKind::DateMarker:
                in = pt(0).x() >= box.left() && pt(0).x() <= box.right();
                break;
            case AnnotationKind::Zone:
                in = std::max(pt(0).y(), pt(1).y()) >= box.top() &&
                     std::min(pt(0).y(), pt(1).y()) <= box.bottom();
                break;
            case AnnotationKind::Note:
                in = pointIn(pt(0));
                break;
            case AnnotationKind::Rectangle:
                in = QRectF(pt(0), pt(1)).normalized().intersects(box) || pointIn(pt(0));
                break;
            case AnnotationKind::TrendLine:
            case AnnotationKind::Arrow: {
                QPointF p = pt(0);
                QPointF q = pt(1);
                if (a.kind == AnnotationKind::TrendLine && a.style.extendRight &&
                    std::fabs(q.x() - p.x()) > 1e-9) {
                    const double edge = q.x() > p.x() ? box.right() : box.left();
                    const double t = (edge - p.x()) / (q.x() - p.x());
                    if (t > 1) {
                        q = p + t * (q - p);
                    }
                }
                in = segmentIn(p, q);
                break;
            }
        }
        count += in ? 1 : 0;
    }
    return count;
}

std::vector<QRectF> AnnotationLayer::textRects() const {
    std::vector<QRectF> out;
    if (view_.bars().empty() || !painter_->visible()) {
        return out;
    }
    const QRectF pane = view_.priceRect()->rect();
    for (const Annotation& a : list_) {
        if (!validateAnnotation(a)) {
            continue;
        }
        const std::optional<QRectF> box = a.kind == AnnotationKind::Note
                                              ? noteRect(a, toPixel(a.points[0]), pane)
                                              : painter_->labelRect(a);
        if (box && box->intersects(pane)) {
            out.push_back(*box);
        }
    }
    return out;
}

void AnnotationLayer::setSelectedId(std::int64_t id) {
    selected_ = id;
    replot();
}

void AnnotationLayer::setPreview(std::optional<Annotation> preview) {
    preview_ = std::move(preview);
    replot();
}

void AnnotationLayer::setVisible(bool visible) {
    painter_->setVisible(visible);
    updateTags();
    replot();
}

void AnnotationLayer::replot() {
    view_.plot()->replot(QCustomPlot::rpQueuedReplot);
}

double AnnotationLayer::xForDay(Day day) const {
    return barAxisPosition(view_.bars(), view_.timeframe(), day);
}

Day AnnotationLayer::dayForX(double x) const {
    return barAxisDay(view_.bars(), view_.timeframe(), x);
}

QPointF AnnotationLayer::toPixel(const AnchorPoint& p) const {
    QCPAxisRect* rect = view_.priceRect();
    const double x = rect->axis(QCPAxis::atBottom)->coordToPixel(xForDay(p.day));
    const double y = view_.priceAxis()->coordToPixel(p.price);
    return {x, y};
}

AnchorPoint AnnotationLayer::fromPixel(QPointF pixel) const {
    QCPAxisRect* rect = view_.priceRect();
    const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(pixel.x());
    return {dayForX(x), view_.priceAxis()->pixelToCoord(pixel.y())};
}

std::int64_t AnnotationLayer::hitTest(QPointF pixel, int* handle) const {
    if (handle != nullptr) {
        *handle = -1;
    }
    if (const Annotation* sel = find(selected_); sel != nullptr && validateAnnotation(*sel)) {
        const std::vector<QPointF> hs = painter_->handles(*sel);
        for (std::size_t i = 0; i < hs.size(); ++i) {
            if (std::hypot(pixel.x() - hs[i].x(), pixel.y() - hs[i].y()) <= kHandle) {
                if (handle != nullptr) {
                    *handle = static_cast<int>(i);
                }
                return sel->id;
            }
        }
    }
    for (auto it = list_.rbegin(); it != list_.rend(); ++it) {
        const Annotation& a = *it;
        if (!validateAnnotation(a)) {
            continue;
        }
        const QLineF g = painter_->geometry(a);
        bool hit = false;
        switch (a.kind) {
            case AnnotationKind::Zone:
            case AnnotationKind::Rectangle:
                hit = QRectF(g.p1(), g.p2())
                          .normalized()
                          .adjusted(-kHitSlack, -kHitSlack, kHitSlack, kHitSlack)
                          .contains(pixel);
                break;
            case AnnotationKind::Note:
                hit = noteRect(a, g.p1(), view_.priceRect()->rect()).contains(pixel);
                break;
            default:
                hit = segmentDistance(pixel, g.p1(), g.p2()) <= kHitSlack;
        }
        if (hit) {
            return a.id;
        }
    }
    return 0;
}

}  // namespace retest::ui
