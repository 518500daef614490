#include "ui/chart/action_markers.h"

#include <algorithm>
#include <cmath>

#include "core/model/date.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"

namespace retest::ui {

namespace {

QString ratioText(double value) {
    // 2 -> "2:1", 0.1 -> "1:10", 1.5 -> "3:2".
    for (int den = 1; den <= 20; ++den) {
        const double num = value * den;
        if (std::abs(num - std::round(num)) < 1e-6 && num >= 1) {
            return QStringLiteral("%1:%2").arg(std::lround(num)).arg(den);
        }
    }
    return QString::number(value, 'g', 4) + QStringLiteral(":1");
}

}  // namespace

ActionMarkers::ActionMarkers(ChartView& view, QObject* parent)
    : QObject(parent), view_(view), plot_(view.plot()) {
    QCustomPlot* plot = view_.plot();
    const QString name = QStringLiteral("actionMarkers");
    if (plot->layer(name) == nullptr) {
        plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    }
    layer_ = plot->layer(name);
    connect(&view_, &ChartView::visibleRangeChanged, this, &ActionMarkers::updateVisibility);
}

ActionMarkers::~ActionMarkers() {
    clear();
}

QString ActionMarkers::label(const CorporateAction& action) {
    if (action.kind == CorporateAction::Kind::Split) {
        return QStringLiteral("S ") + ratioText(action.value);
    }
    return QStringLiteral("D ") + QString::number(action.value, 'g', 4);
}

void ActionMarkers::setActions(std::vector<CorporateAction> actions) {
    actions_ = std::move(actions);
    rebuild();
}

void ActionMarkers::clear() {
    for (const Marker& m : markers_) {
        if (plot_ != nullptr) {  // else the chart was deleted first, and its items with it
            plot_->removeItem(m.item);
        }
    }
    markers_.clear();
}

void ActionMarkers::rebuild() {
    clear();
    const std::vector<Bar>& bars = view_.bars();
    if (bars.empty()) {
        return;
    }
    const ChartTheme& theme = view_.theme();
    for (const CorporateAction& a : actions_) {
        // The bar whose period contains the day: the first bar dated on or after it.
        const auto it = std::lower_bound(bars.begin(), bars.end(), a.day,
                                         [](const Bar& b, Day d) { return b.day < d; });
        if (it == bars.end()) {
            continue;
        }
        const bool split = a.kind == CorporateAction::Kind::Split;
        auto* text = new QCPItemText(view_.plot());
        text->setLayer(layer_);
        text->setClipAxisRect(view_.priceRect());
        text->setClipToAxisRect(true);
        text->position->setAxisRect(view_.priceRect());
        text->position->setAxes(view_.priceRect()->axis(QCPAxis::atBottom), view_.priceAxis());
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(static_cast<double>(it - bars.begin()), 0.985);
        text->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        text->setText(label(a));
        QFont font = view_.font();
        font.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.8));
        font.setBold(split);
        text->setFont(font);
        const QColor colour = split ? QColor(0x7b, 0x1f, 0xa2) : theme.mutedText;
        text->setColor(colour);
        text->setPen(QPen(colour));
        text->setBrush(QBrush(theme.background));
        text->setPadding(QMargins(3, 1, 3, 1));
        markers_.push_back({text, static_cast<int>(it - bars.begin()), split});
    }
    updateVisibility();
}

void ActionMarkers::updateVisibility() {
    const auto [first, last] = view_.visibleBarRange();
    int dividendsInView = 0;
    for (const Marker& m : markers_) {
        dividendsInView += !m.split && m.index >= first && m.index <= last ? 1 : 0;
    }
    const bool showDividends = dividendsInView <= kMaxVisibleDividends;
    for (const Marker& m : markers_) {
        m.item->setVisible(m.split || showDividends);
    }
    layer_->replot();
}

int ActionMarkers::visibleCount() const {
    const auto range = view_.visibleBarRange();  // a lambda takes no structured binding in clang 14
    return static_cast<int>(std::count_if(markers_.begin(), markers_.end(), [&](const Marker& m) {
        return m.item->visible() && m.index >= range.first && m.index <= range.second;
    }));
}

}  // namespace retest::ui
