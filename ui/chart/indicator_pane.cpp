#include "ui/chart/indicator_pane.h"

#include "ui/chart/qcp.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "core/analytics/compare.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/chart_view.h"

namespace retest::ui {

namespace {

constexpr int kLabelFontPx = 13;
constexpr double kPad = 0.08;
constexpr int kEdgePx = 4;  // grab distance of the resize edge

QFont labelFont(bool bold = false) {
    return pixelFont(kLabelFontPx, bold ? QFont::DemiBold : QFont::Normal);
}

QString number(double v) {
    return std::isfinite(v) ? QString::number(v, 'f', std::fabs(v) < 10 ? 2 : 1)
                            : QStringLiteral("—");
}

}  // namespace

void setSampledLine(QCPGraph* graph, const std::vector<double>& values, int stride, double scale) {
    QVector<QCPGraphData> data;
    const auto n = static_cast<int>(values.size());
    stride = std::max(1, stride);
    data.reserve(n / stride + 2);
    for (int i = 0; i < n; i += stride) {
        data.append(QCPGraphData(i, values[static_cast<std::size_t>(i)] * scale));
    }
    if (n > 0 && (n - 1) % stride != 0) {
        data.append(QCPGraphData(n - 1, values.back() * scale));
    }
    graph->data()->set(data, true);
}

int lineStride(ChartView& view) {
    const double columns = std::max(100, view.priceRect()->width());
    const double bars = view.timeAxis()->range().size();
    return std::max(1, static_cast<int>(bars / columns));
}

IndicatorPane::IndicatorPane(ChartView& view, QString symbol, QString title, std::vector<Bar> bars,
                             double stretch)
    : view_(view),
      plot_(view.plot()),
      symbol_(std::move(symbol)),
      title_(std::move(title)),
      bars_(std::move(bars)) {
    rect_ = view_.insertPaneRect(stretch > 0 ? stretch : kDefaultStretch);
    QCustomPlot* plot = view_.plot();
    graph_ = new QCPGraph(rect_->axis(QCPAxis::atBottom), valueAxis());
    plot->setPlottingHint(QCP::phFastPolylines, true);  // one polyline, not a stroke per segment
    graph_->setAntialiased(true);

    label_ = new QCPItemText(plot);
    label_->setClipAxisRect(rect_);
    label_->position->setAxisRect(rect_);
    label_->position->setType(QCPItemPosition::ptAxisRectRatio);
    label_->position->setCoords(0, 0);
    label_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label_->setPadding(QMargins(10, 4, 10, 4));
    label_->setFont(labelFont(true));
    label_->setLayer(view_.crosshairLayer());

    noData_ = new QCPItemText(plot);
    noData_->setClipAxisRect(rect_);
    noData_->position->setAxisRect(rect_);
    noData_->position->setType(QCPItemPosition::ptAxisRectRatio);
    noData_->position->setCoords(0.5, 0.55);
    noData_->setFont(labelFont());
    noData_->setVisible(false);

    for (QCPItemStraightLine** line : {&vLine_, &hLine_}) {
        auto* l = new QCPItemStraightLine(plot);
        l->setClipAxisRect(rect_);
        const bool vertical = line == &vLine_;
        for (QCPItemPosition* p : {l->point1, l->point2}) {
            anchorIn(p, rect_, valueAxis(),
                     vertical ? QCPItemPosition::ptPlotCoords : QCPItemPosition::ptAxisRectRatio,
                     vertical ? QCPItemPosition::ptAxisRectRatio : QCPItemPosition::ptPlotCoords);
        }
        l->setLayer(view_.crosshairLayer());
        l->setVisible(false);
        *line = l;
    }
    connect(&view_, &ChartView::visibleRangeChanged, this, &IndicatorPane::onRangeChanged);
    connect(&view_, &ChartView::crosshairMoved, this, &IndicatorPane::onCrosshair);
    connect(&view_, &ChartView::hoveredBarChanged, this, &IndicatorPane::onHover);
    connect(&view_, &ChartView::themeChanged, this, &IndicatorPane::applyTheme);
    // The headroom for the readout depends on the pane's height, known once laid out: a new
    // pane, a resized window, a dragged pane edge or another pane added.
    connect(plot, &QCustomPlot::afterLayout, this, [this] {
        if (rect_->height() != fittedHeight_) {
            onRangeChanged();
            // The ticks of this replot were made before the new range: again, for it.
            rect_->update(QCPLayoutElement::upPreparation);
        }
    });
    plot->installEventFilter(this);
    applyTheme();
    onRangeChanged();
}

IndicatorPane::~IndicatorPane() {
    if (plot_ != nullptr) {           // else the chart went first, and the pane with it
        view_.removePaneRect(rect_);  // the items and the graph go with it
    }
}

QCPAxis* IndicatorPane::valueAxis() const {
    return rect_->axis(QCPAxis::atRight);
}

void IndicatorPane::setBars(std::vector<Bar> bars) {
    bars_ = std::move(bars);
    barsKey_ = 0;
    onRangeChanged();
}

void IndicatorPane::setThresholds(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    thresholds_ = std::move(values);
    QCustomPlot* plot = view_.plot();
    for (QCPItemStraightLine* l : lines_) {
        plot->removeItem(l);
    }
    for (QCPItemText* t : lineLabels_) {
        plot->removeItem(t);
    }
    lines_.clear();
    lineLabels_.clear();
    for (std::size_t i = 0; i < thresholds_.size(); ++i) {
        auto* l = new QCPItemStraightLine(plot);
        l->setClipAxisRect(rect_);
        auto* t = new QCPItemText(plot);
        t->setClipAxisRect(rect_);
        for (QCPItemPosition* p : {l->point1, l->point2, t->position}) {
            anchorIn(p, rect_, valueAxis(), QCPItemPosition::ptAxisRectRatio,
                     QCPItemPosition::ptPlotCoords);
        }
        t->setFont(labelFont(true));
        t->setPadding(QMargins(4, 1, 4, 1));
        lines_.push_back(l);
        lineLabels_.push_back(t);
    }
    onRangeChanged();
}

double IndicatorPane::stretch() const {
    return view_.paneStretch(rect_);
}

void IndicatorPane::setStretch(double stretch) {
    view_.setPaneStretch(rect_, std::clamp(stretch, 0.05, 2.0));
}

void IndicatorPane::realignIfBarsChanged() {
    const std::vector<Bar>& chart = view_.bars();
    std::size_t key = std::hash<std::size_t>{}(chart.size() * 131 + bars_.size());
    if (!chart.empty()) {
        key ^= std::hash<Day>{}(chart.front().day) * 31 + std::hash<Day>{}(chart.back().day);
    }
    if (key == barsKey_ && aligned_.size() == chart.size()) {
        return;
    }
    barsKey_ = key;
    aligned_ = alignCloses(chart, bars_);
    stride_ = 0;
}

double IndicatorPane::valueAt(int index) const {
    if (index < 0 || static_cast<std::size_t>(index) >= aligned_.size()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return aligned_[static_cast<std::size_t>(index)];
}

void IndicatorPane::onRangeChanged() {
    fittedHeight_ = rect_->height();
    realignIfBarsChanged();
    if (const int stride = lineStride(view_); stride != stride_) {
        stride_ = stride;
        setSampledLine(graph_, aligned_, stride_);
    }
    const auto [first, last] = view_.visibleBarRange();
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int i = std::max(first, 0); i <= last && i < static_cast<int>(aligned_.size()); ++i) {
        const double v = aligned_[static_cast<std::size_t>(i)];
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    const bool any = lo <= hi;
    noData_->setVisible(!any);
    noData_->setText(any ? QString() : noDataWords(first, last));
    valueAxis()->setTickLabels(any);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        lines_[i]->setVisible(any);
        lineLabels_[i]->setVisible(any);
    }
    if (any) {
        // Thresholds do not widen the range: one far away would flatten the line.
        const double span = std::max(hi - lo, std::max(std::fabs(hi) * 0.01, 1e-6));
        const double lower = lo - kPad * span;
        const double upper = hi + kPad * span;
        // Headroom for the title and readout in the top-left corner, so the line runs under
        // it, never through it.
        const double height = fittedHeight_;
        const double titlePx = QFontMetricsF(labelFont(true)).height() + 8;
        const double scale = height > 2 * titlePx ? height / (height - titlePx) : 1.0;
        valueAxis()->setRange(lower, lower + (upper - lower) * scale);
    }
    const double lastValue = valueAt(last);
    alert_ = std::any_of(thresholds_.begin(), thresholds_.end(),
                         [&](double t) { return std::isfinite(lastValue) && lastValue > t; });
    placeThresholds();
    shade(first, last);
    applyTheme();
}

double IndicatorPane::drawnThreshold(std::size_t i) const {
    const QCPRange r = valueAxis()->range();
    return std::clamp(thresholds_.at(i), r.lower, r.upper);
}

void IndicatorPane::placeThresholds() {
    const QCPRange r = valueAxis()->range();
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const double t = thresholds_[i];
        const double y = drawnThreshold(i);
        lines_[i]->point1->setCoords(0, y);
        lines_[i]->point2->setCoords(1, y);
        const bool above = t > r.upper;
        const bool below = t < r.lower;
        lineLabels_[i]->setText(number(t) + (above   ? QStringLiteral(" ▲ above range")
                                             : below ? QStringLiteral(" ▼ below range")
                                                     : QString()));
        lineLabels_[i]->position->setCoords(0.995, y);
        lineLabels_[i]->setPositionAlignment(Qt::AlignRight |
                                             (below ? Qt::AlignBottom : Qt::AlignTop));
    }
}

void IndicatorPane::shade(int first, int last) {
    // The rectangles are kept and moved: a pan calls this on every step.
    QCustomPlot* plot = view_.plot();
    std::size_t used = 0;
    if (!thresholds_.empty()) {
        const double lowest = thresholds_.front();
        const auto above = [&](int i) {
            const double v = valueAt(i);
            return std::isfinite(v) && v > lowest;
        };
        QColor fill = alertColor();
        fill.setAlpha(38);
        for (int i = std::max(first, 0); i <= last; ++i) {
            if (!above(i)) {
                continue;
            }
            int end = i;
            while (end + 1 <= last && above(end + 1)) {
                ++end;
            }
            if (used == shades_.size()) {
                shades_.push_back(newShade());
            }
            QCPItemRect* r = shades_[used++];
            r->topLeft->setCoords(i - 0.5, 0);
            r->bottomRight->setCoords(end + 0.5, 1);
            r->setBrush(QBrush(fill));
            i = end;
        }
    }
    while (shades_.size() > used) {
        plot->removeItem(shades_.back());
        shades_.pop_back();
    }
}

QCPItemRect* IndicatorPane::newShade() {
    auto* r = new QCPItemRect(view_.plot());
    r->setClipAxisRect(rect_);
    for (QCPItemPosition* p : {r->topLeft, r->bottomRight}) {
        anchorIn(p, rect_, valueAxis(), QCPItemPosition::ptPlotCoords,
                 QCPItemPosition::ptAxisRectRatio);
    }
    r->setPen(Qt::NoPen);
    return r;
}

QRectF IndicatorPane::readoutRect() const {
    return pixelRect(*label_);
}

void IndicatorPane::applyTheme() {
    const ChartTheme& t = view_.theme();
    graph_->setPen(QPen(alert_ ? alertColor() : t.line, 1.6));
    QColor back = t.background;
    back.setAlpha(215);
    label_->setBrush(QBrush(back));
    label_->setColor(t.text);
    noData_->setColor(t.mutedText);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const double v = valueAt(view_.visibleBarRange().second);
        const bool crossed = std::isfinite(v) && v > thresholds_[i];
        const QColor c = crossed ? alertColor() : t.mutedText;
        const QCPRange r = valueAxis()->range();
        const bool outside = thresholds_[i] > r.upper || thresholds_[i] < r.lower;
        lines_[i]->setPen(QPen(c, crossed ? 1.6 : 1.2, outside ? Qt::DotLine : Qt::DashLine));
        lineLabels_[i]->setColor(c);
        lineLabels_[i]->setBrush(QBrush(back));
    }
    const QPen cross(t.crosshair, 1, Qt::DashLine);
    vLine_->setPen(cross);
    hLine_->setPen(cross);
    updateReadout();
}

QString IndicatorPane::noDataWords(int first, int last) const {
    const std::vector<Bar>& chart = view_.bars();
    if (bars_.empty() || chart.empty()) {
        return tr("No %1 data").arg(symbol_);
    }
    const int end = static_cast<int>(chart.size()) - 1;
    const Bar& from = chart[static_cast<std::size_t>(std::clamp(first, 0, end))];
    const Bar& to = chart[static_cast<std::size_t>(std::clamp(last, 0, end))];
    if (to.day < bars_.front().day) {
        return tr("No %1 data before %2").arg(symbol_, toQString(formatIsoDate(bars_.front().day)));
    }
    if (from.day > bars_.back().day) {
        return tr("No %1 data after %2").arg(symbol_, toQString(formatIsoDate(bars_.back().day)));
    }
    return tr("No %1 data in these dates").arg(symbol_);
}

QString IndicatorPane::noDataText() const {
    return noData_->visible() ? noData_->text() : QString();
}

QString IndicatorPane::readout() const {
    const int index = view_.hoveredBar() >= 0 ? view_.hoveredBar() : view_.visibleBarRange().second;
    return title_ + QStringLiteral("   ") + number(valueAt(index));
}

void IndicatorPane::updateReadout() {
    label_->setText(readout());
}

void IndicatorPane::onCrosshair(int index, const QPoint& pos) {
    vLine_->point1->setCoords(index, 0);
    vLine_->point2->setCoords(index, 1);
    vLine_->setVisible(true);
    const bool inside = rect_->rect().contains(pos);
    if (inside) {
        const double y = valueAxis()->pixelToCoord(pos.y());
        hLine_->point1->setCoords(0, y);
        hLine_->point2->setCoords(1, y);
    }
    hLine_->setVisible(inside);
    updateReadout();
}

void IndicatorPane::onHover(int index) {
    if (index < 0) {
        vLine_->setVisible(false);
        hLine_->setVisible(false);
    }
    updateReadout();
}

bool IndicatorPane::nearTopEdge(const QPoint& pos) const {
    const QRect r = rect_->outerRect();
    return pos.x() >= r.left() && pos.x() <= r.right() && std::abs(pos.y() - r.top()) <= kEdgePx;
}

bool IndicatorPane::eventFilter(QObject* watched, QEvent* event) {
    if (watched != view_.plot()) {
        return QObject::eventFilter(watched, event);
    }
    QCustomPlot* plot = view_.plot();
    switch (event->type()) {
        case QEvent::MouseButtonPress: {
            const auto* mouse = static_cast<QMouseEvent*>(event);
            const QPoint pos = mouse->position().toPoint();
            if (mouse->button() == Qt::LeftButton && nearTopEdge(pos)) {
                resizeFromY_ = pos.y();
                resizeFromStretch_ = stretch();
                return true;
            }
            if (mouse->button() == Qt::RightButton && rect_->rect().contains(pos)) {
                Q_EMIT menuRequested(mouse->globalPosition().toPoint());
                return true;
            }
            return false;
        }
        case QEvent::MouseMove: {
            const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
            if (resizeFromY_ >= 0) {
                // Stretch factors share the plot height; scale ours by the drag in pixels.
                const double h = std::max(20, rect_->outerRect().height());
                setStretch(resizeFromStretch_ * (h + resizeFromY_ - pos.y()) / h);
                resizeFromY_ = pos.y();
                resizeFromStretch_ = stretch();
                plot->replot(QCustomPlot::rpQueuedReplot);
                return true;
            }
            if (nearTopEdge(pos)) {
                plot->setCursor(Qt::SizeVerCursor);
            } else if (plot->cursor().shape() == Qt::SizeVerCursor) {
                plot->unsetCursor();
            }
            return false;
        }
        case QEvent::MouseButtonRelease:
            if (resizeFromY_ >= 0) {
                resizeFromY_ = -1;
                Q_EMIT resized(stretch());
                return true;
            }
            return false;
        default:
            return false;
    }
}

}  // namespace retest::ui
