#include "ui/rotation/rotation_plot.h"

#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/model/date.h"
#include "ui/chart/qcp.h"

namespace retest::ui {

namespace {

/// One colour per symbol, distinct enough for a dozen.
QColor seriesColor(std::size_t i) {
    static const std::array<QColor, 10> kColors = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf)};
    return kColors[i % kColors.size()];
}

struct QuadrantStyle {
    const char* name;
    QColor fill;
    double x;  // -1 left of 100, +1 right
    double y;
};

constexpr double kBig = 1e6;

}  // namespace

RotationPlot::RotationPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->xAxis->setLabel(tr("RS-Ratio"));
    plot_->yAxis->setLabel(tr("RS-Momentum"));
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
    connect(plot_, &QCustomPlot::afterLayout, this, &RotationPlot::placeLabels);
    setMinimumSize(320, 260);
    rebuild();
}

void RotationPlot::setBoard(const RotationBoard& board) {
    series_.clear();
    for (const BoardEntry& e : board.entries) {
        // A symbol whose data ends earlier would plot another time's rotation among these.
        if (e.error.empty() && !e.row.tail.empty() && !board.behind(e)) {
            series_.push_back({QString::fromStdString(e.symbol), e.row.tail});
        }
    }
    rebuild();
}

QStringList RotationPlot::symbols() const {
    QStringList out;
    for (const Series& s : series_) {
        out << s.symbol;
    }
    return out;
}

void RotationPlot::rebuild() {
    plot_->clearPlottables();
    plot_->clearItems();
    heads_.clear();
    labels_.clear();
    leaders_.clear();
    // The four quadrants as coloured rectangles around (100, 100), labelled in their corners.
    const QuadrantStyle quadrants[] = {
        {"Leading", QColor(0x2e, 0x9d, 0x55, 40), 1, 1},
        {"Weakening", QColor(0xe0, 0xb0, 0x20, 40), 1, -1},
        {"Lagging", QColor(0xd3, 0x3b, 0x3b, 40), -1, -1},
        {"Improving", QColor(0x3b, 0x6f, 0xd3, 40), -1, 1},
    };
    for (const QuadrantStyle& q : quadrants) {
        auto* rect = new QCPItemRect(plot_);
        rect->topLeft->setCoords(q.x > 0 ? 100 : 100 - kBig, q.y > 0 ? 100 + kBig : 100);
        rect->bottomRight->setCoords(q.x > 0 ? 100 + kBig : 100, q.y > 0 ? 100 : 100 - kBig);
        rect->setPen(Qt::NoPen);
        rect->setBrush(q.fill);
        rect->setLayer(QStringLiteral("background"));
        auto* label = new QCPItemText(plot_);
        label->position->setType(QCPItemPosition::ptAxisRectRatio);
        label->position->setCoords(q.x > 0 ? 0.98 : 0.02, q.y > 0 ? 0.03 : 0.97);
        label->setPositionAlignment((q.x > 0 ? Qt::AlignRight : Qt::AlignLeft) |
                                    (q.y > 0 ? Qt::AlignTop : Qt::AlignBottom));
        label->setText(tr(q.name));
        label->setColor(q.fill.darker(400));
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
    }
    for (std::size_t i = 0; i < series_.size(); ++i) {
        const Series& s = series_[i];
        const QColor color = seriesColor(i);
        auto* curve = new QCPCurve(plot_->xAxis, plot_->yAxis);
        curve->setName(s.symbol);
        QVector<double> t;
        QVector<double> x;
        QVector<double> y;
        for (std::size_t k = 0; k < s.tail.size(); ++k) {
            t << static_cast<double>(k);
            x << s.tail[k].rsRatio;
            y << s.tail[k].rsMomentum;
        }
        curve->setData(t, x, y);
        curve->setPen(QPen(color, 1.6));
        curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 4));
        // The newest point bigger, with the symbol beside it.
        auto* head = new QCPItemTracer(plot_);
        head->setStyle(QCPItemTracer::tsCircle);
        head->position->setCoords(x.back(), y.back());
        head->setSize(10);
        head->setPen(QPen(color.darker(130), 1.5));
        head->setBrush(color);
        // Above the tails (drawn later series over earlier labels), on a light ground.
        auto* label = new QCPItemText(plot_);
        label->setLayer(QStringLiteral("legend"));
        label->position->setParentAnchor(head->position);
        label->position->setCoords(8, -8);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(s.symbol);
        label->setColor(color.darker(140));
        label->setBrush(QBrush(QColor(255, 255, 255, 190)));
        auto* leader = new QCPItemLine(plot_);
        leader->setLayer(QStringLiteral("legend"));
        leader->setPen(QPen(color.darker(140), 1));
        leader->start->setType(QCPItemPosition::ptAbsolute);
        leader->end->setType(QCPItemPosition::ptAbsolute);
        leader->setVisible(false);
        heads_.push_back(head);
        labels_.push_back(label);
        leaders_.push_back(leader);
    }
    fitAxes();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RotationPlot::fitAxes() {
    // Symmetric around 100 so the quadrants keep their size, with a little room.
    double spanX = 1.0;
    double spanY = 1.0;
    for (const Series& s : series_) {
        for (const RotationPoint& p : s.tail) {
            spanX = std::max(spanX, std::abs(p.rsRatio - 100));
            spanY = std::max(spanY, std::abs(p.rsMomentum - 100));
        }
    }
    plot_->xAxis->setRange(100 - spanX * 1.15, 100 + spanX * 1.15);
    plot_->yAxis->setRange(100 - spanY * 1.15, 100 + spanY * 1.15);
}

// Points cluster near (100, 100) when a list moves with its benchmark: each label takes the
// first place beside its point, stepping further out, that overlaps no label placed before and
// no point, inside the plot; with none left, the first.
void RotationPlot::placeLabels() {
    constexpr double kPoint = 7;  // a head's radius and a little
    std::vector<QRectF> taken;
    for (const QCPItemTracer* head : heads_) {
        const QPointF p = head->position->pixelPosition();
        taken.emplace_back(p.x() - kPoint, p.y() - kPoint, 2 * kPoint, 2 * kPoint);
    }
    const QRectF area = plot_->axisRect()->rect();
    for (std::size_t i = 0; i < labels_.size(); ++i) {
        QCPItemText* label = labels_[i];
        const QPointF p = heads_[i]->position->pixelPosition();
        const QFontMetricsF metrics(label->font());
        const QSizeF size(metrics.horizontalAdvance(label->text()) + 2, metrics.height());
        struct Spot {
            double dx;
            double dy;
            Qt::Alignment align;
        };
        std::vector<Spot> spots;
        for (const double d : {8.0, 16.0, 26.0, 38.0}) {
            spots.push_back({d, -d, Qt::AlignLeft | Qt::AlignBottom});
            spots.push_back({d, d, Qt::AlignLeft | Qt::AlignTop});
            spots.push_back({-d, -d, Qt::AlignRight | Qt::AlignBottom});
            spots.push_back({-d, d, Qt::AlignRight | Qt::AlignTop});
        }
        const auto boxAt = [&](const Spot& s) {
            const double left =
                s.align & Qt::AlignLeft ? p.x() + s.dx : p.x() + s.dx - size.width();
            const double top =
                s.align & Qt::AlignBottom ? p.y() + s.dy - size.height() : p.y() + s.dy;
            return QRectF(QPointF(left, top), size);
        };
        const auto free = std::find_if(spots.begin(), spots.end(), [&](const Spot& s) {
            const QRectF box = boxAt(s);
            return area.contains(box) &&
                   std::none_of(taken.begin(), taken.end(),
                                [&](const QRectF& t) { return t.intersects(box); });
        });
        const Spot& spot = free != spots.end() ? *free : spots.front();
        label->setPositionAlignment(spot.align);
        label->position->setCoords(spot.dx, spot.dy);
        const QRectF box = boxAt(spot);
        taken.push_back(box);
        // Set further out than beside its point, or nearer another point than its own, a
        // label could be read as a neighbour's: a line from its point to the box's nearest
        // corner says whose it is.
        const auto gap = [&](QPointF q) {
            const double dx = std::max({box.left() - q.x(), 0.0, q.x() - box.right()});
            const double dy = std::max({box.top() - q.y(), 0.0, q.y() - box.bottom()});
            return std::hypot(dx, dy);
        };
        const bool nearerOther = std::any_of(heads_.begin(), heads_.end(), [&](const auto* h) {
            return gap(h->position->pixelPosition()) < gap(p) - 0.5;
        });
        const bool away = std::abs(spot.dx) > 8 || nearerOther;
        leaders_[i]->setVisible(away);
        if (away) {
            const QPointF corner(spot.dx > 0 ? box.left() : box.right(),
                                 spot.dy > 0 ? box.top() : box.bottom());
            const QPointF dir = corner - p;
            const double length = std::hypot(dir.x(), dir.y());
            leaders_[i]->start->setCoords(p + dir * (kPoint / length));  // from the disc's edge
            leaders_[i]->end->setCoords(corner);
        }
    }
}

std::vector<std::optional<QLineF>> RotationPlot::leaderLines() const {
    std::vector<std::optional<QLineF>> out;
    for (const QCPItemLine* leader : leaders_) {
        out.push_back(leader->visible() ? std::optional(QLineF(leader->start->pixelPosition(),
                                                               leader->end->pixelPosition()))
                                        : std::nullopt);
    }
    return out;
}

std::vector<QRectF> RotationPlot::labelRects() const {
    std::vector<QRectF> out;
    for (const QCPItemText* label : labels_) {
        const QPointF topLeft = label->topLeft->pixelPosition();
        const QPointF bottomRight = label->bottomRight->pixelPosition();
        out.emplace_back(topLeft, bottomRight);
    }
    return out;
}

QPointF RotationPlot::pointPixel(const QString& symbol) const {
    for (const Series& s : series_) {
        if (s.symbol == symbol) {
            return {plot_->xAxis->coordToPixel(s.tail.back().rsRatio),
                    plot_->yAxis->coordToPixel(s.tail.back().rsMomentum)};
        }
    }
    return {-1, -1};
}

const RotationPlot::Series* RotationPlot::nearest(const QPoint& pos,
                                                  std::size_t* pointIndex) const {
    const Series* best = nullptr;
    double bestDist = 10.0 * 10.0;
    for (const Series& s : series_) {
        for (std::size_t k = 0; k < s.tail.size(); ++k) {
            const double dx = plot_->xAxis->coordToPixel(s.tail[k].rsRatio) - pos.x();
            const double dy = plot_->yAxis->coordToPixel(s.tail[k].rsMomentum) - pos.y();
            // Prefer the newest point when tails overlap (<=).
            if (dx * dx + dy * dy <= bestDist) {
                bestDist = dx * dx + dy * dy;
                best = &s;
                *pointIndex = k;
            }
        }
    }
    return best;
}

QString RotationPlot::hoverTextAt(const QPoint& pos) const {
    std::size_t k = 0;
    const Series* s = nearest(pos, &k);
    if (s == nullptr) {
        return {};
    }
    const RotationPoint& p = s->tail[k];
    return tr("%1, week of %2\nRS-Ratio %3, RS-Momentum %4 (%5)")
        .arg(s->symbol, QString::fromStdString(formatIsoDate(p.day)))
        .arg(p.rsRatio, 0, 'f', 2)
        .arg(p.rsMomentum, 0, 'f', 2)
        .arg(QString::fromLatin1(quadrantName(quadrantOf(p.rsRatio, p.rsMomentum)).data()));
}

bool RotationPlot::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::MouseMove) {
        const auto* me = static_cast<QMouseEvent*>(event);
        const QString text = hoverTextAt(me->position().toPoint());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(me->globalPosition().toPoint(), text, plot_);
        }
    } else if (watched == plot_ && event->type() == QEvent::MouseButtonDblClick) {
        std::size_t k = 0;
        if (const Series* s = nearest(static_cast<QMouseEvent*>(event)->position().toPoint(), &k)) {
            Q_EMIT symbolActivated(s->symbol);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace retest::ui
