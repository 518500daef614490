#include "ui/alerts/alert_marks.h"

#include <algorithm>

#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"

namespace retest::ui {

AlertMarks::AlertMarks(ChartView& view, QObject* parent)
    : QObject(parent), view_(view), plot_(view.plot()) {
    QCustomPlot* plot = view_.plot();
    const QString name = QStringLiteral("alertMarks");
    if (plot->layer(name) == nullptr) {
        plot->addLayer(name, plot->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    }
    layer_ = plot->layer(name);
}

AlertMarks::~AlertMarks() {
    clear();
}

void AlertMarks::setAlerts(std::vector<Alert> alerts) {
    alerts_ = std::move(alerts);
    rebuild();
}

void AlertMarks::clear() {
    if (plot_ != nullptr) {  // else the chart was deleted first, and its items with it
        for (QCPAbstractItem* item : items_) {
            plot_->removeItem(item);
        }
    }
    items_.clear();
    firedMarks_ = 0;
    armedLines_ = 0;
}

void AlertMarks::rebuild() {
    clear();
    const std::vector<Bar>& bars = view_.bars();
    if (bars.empty()) {
        layer_->replot();
        return;
    }
    const QColor colour(0xef, 0x6c, 0x00);
    QCPAxis* x = view_.priceRect()->axis(QCPAxis::atBottom);
    for (const Alert& a : alerts_) {
        if (a.state == AlertState::Armed) {
            if (!isLevelAlert(a.kind)) {
                continue;
            }
            std::vector<double> prices = {a.low};
            if (a.kind == AlertKind::EntersZone) {
                prices.push_back(a.high);
            }
            for (const double price : prices) {
                auto* line = new QCPItemStraightLine(view_.plot());
                line->setLayer(layer_);
                line->setClipAxisRect(view_.priceRect());
                line->point1->setAxes(x, view_.priceAxis());
                line->point2->setAxes(x, view_.priceAxis());
                line->point1->setCoords(0, price);
                line->point2->setCoords(1, price);
                line->setPen(QPen(colour, 1, Qt::DashLine));
                items_.push_back(line);
                ++armedLines_;
            }
            continue;
        }
        // The bar whose period holds the firing day: the first dated on or after it.
        const auto it = std::lower_bound(bars.begin(), bars.end(), a.firedDay,
                                         [](const Bar& b, Day d) { return b.day < d; });
        if (it == bars.end()) {
            continue;
        }
        auto* flag = new QCPItemText(view_.plot());
        flag->setLayer(layer_);
        flag->setClipAxisRect(view_.priceRect());
        flag->position->setAxes(x, view_.priceAxis());
        flag->position->setCoords(static_cast<double>(it - bars.begin()), it->high);
        flag->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        flag->setText(QStringLiteral("🔔 #%1").arg(a.id));
        flag->setColor(colour.darker(130));
        flag->setPen(QPen(colour));
        flag->setBrush(QBrush(QColor(0xff, 0xf3, 0xe0)));
        flag->setPadding(QMargins(3, 1, 3, 1));
        items_.push_back(flag);
        ++firedMarks_;
    }
    layer_->replot();
}

}  // namespace retest::ui
