#include "ui/chart/compare_layer.h"

#include "ui/chart/qcp.h"

#include <QMouseEvent>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "core/analytics/compare.h"
#include "core/model/qt_text.h"
#include "ui/chart/chart_tickers.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/indicator_pane.h"

namespace retest::ui {

namespace {

constexpr int kLegendFontPx = 14;
constexpr int kLegendRowPx = 22;  // the legend's rows, from the pane's top

/// Distinct from up/down candles and level bands, readable on light and dark backgrounds.
const QColor kPalette[CompareLayer::kMaxSeries] = {QColor(230, 126, 34), QColor(142, 68, 173),
                                                   QColor(22, 160, 133), QColor(216, 27, 96)};

QString percentText(std::optional<double> v) {
    return v ? signedPercent(*v, 1) : QStringLiteral("—");
}

/// Price axis labels as % change from a base price: ticks at round percentages. Like the
/// price ticker, a label gives way to the tags on the axis (the chart sets the bands).
class PercentTicker : public GivingWayTicker {
public:
    explicit PercentTicker(double base) : base_(base) { setTickCount(7); }

    void generate(const QCPRange& range, const QLocale& locale, QChar formatChar, int precision,
                  QVector<double>& ticks, QVector<double>* subTicks,
                  QVector<QString>* tickLabels) override {
        const QCPRange pct(toPct(range.lower), toPct(range.upper));
        QVector<double> pctTicks;
        QCPAxisTicker::generate(pct, locale, formatChar, precision, pctTicks, nullptr, nullptr);
        ticks.clear();
        if (tickLabels != nullptr) {
            tickLabels->clear();
        }
        const double step = pctTicks.size() > 1 ? pctTicks[1] - pctTicks[0] : 1.0;
        const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
        for (const double p : pctTicks) {
            const double price = base_ * (1.0 + p / 100.0);
            if (price <= 0 && base_ > 0) {
                continue;  // below -100 % is no price
            }
            ticks.append(price);
            if (tickLabels != nullptr) {
                const double shown = std::fabs(p) < 1e-9 ? 0.0 : p;
                tickLabels->append(labelHidden(price)
                                       ? QString()
                                       : (shown > 0 ? QStringLiteral("+") : QString()) +
                                             QString::number(shown, 'f', decimals) +
                                             QLatin1Char('%'));
            }
        }
        if (subTicks != nullptr) {
            subTicks->clear();
        }
    }

private:
    double toPct(double price) const { return (price / base_ - 1.0) * 100.0; }
    double base_;
};

}  // namespace

CompareLayer::CompareLayer(ChartView& view, QString mainSymbol)
    : view_(view), plot_(view.plot()), mainSymbol_(std::move(mainSymbol)) {
    priceTicker_ = view_.priceAxis()->ticker();
    // One polyline per graph instead of a stroke per segment: several times faster for the
    // antialiased compare lines (and the panes' lines), same look for solid pens.
    view_.plot()->setPlottingHint(QCP::phFastPolylines, true);
    connect(&view_, &ChartView::visibleRangeChanged, this, &CompareLayer::onRangeChanged);
    connect(&view_, &ChartView::hoveredBarChanged, this, [this] { updateLegend(); });
    connect(&view_, &ChartView::themeChanged, this, [this] { updateLegend(); });
    connect(&view_, &ChartView::exportLayoutChanged, this, [this](bool exporting) {
        exporting_ = exporting;  // an image has no use for the remove buttons
        updateLegend();
    });
    // The level labels (the all-time high's) stay clear of the legend.
    view_.reserveAreas(this, [this] {
        std::vector<QRectF> out;
        for (int k = 0; k <= count() && !series_.empty(); ++k) {
            const QCPItemText* item =
                k == 0 ? mainLegend_ : series_[static_cast<std::size_t>(k - 1)].legend;
            if (const auto box = shownRect(item)) {
                out.push_back(*box);
            }
        }
        return out;
    });
    view_.plot()->installEventFilter(this);
}

CompareLayer::~CompareLayer() {
    if (plot_ != nullptr) {  // else the chart went first, and its items with it
        clear();
        view_.setTopReserve(0);
    }
}

QColor CompareLayer::nextColor() const {
    for (const QColor& c : kPalette) {
        if (std::none_of(series_.begin(), series_.end(),
                         [&](const Drawn& d) { return d.color == c; })) {
            return c;
        }
    }
    return kPalette[0];
}

QCPItemText* CompareLayer::makeLegendItem() {
    QCustomPlot* plot = view_.plot();
    auto* item = new QCPItemText(plot);
    item->setLayer(view_.crosshairLayer());
    item->setClipToAxisRect(false);
    item->position->setAxisRect(view_.priceRect());
    item->position->setType(QCPItemPosition::ptAxisRectRatio);
    item->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    item->setTextAlignment(Qt::AlignRight);
    item->setPadding(QMargins(8, 2, 8, 2));
    item->setFont(pixelFont(kLegendFontPx, QFont::DemiBold));
    return item;
}

bool CompareLayer::add(Series series) {
    if (count() >= kMaxSeries || series.bars.empty() ||
        std::any_of(series_.begin(), series_.end(),
                    [&](const Drawn& d) { return d.series.symbol == series.symbol; })) {
        return false;
    }
    Drawn d;
    d.color = nextColor();
    d.series = std::move(series);
    d.graph = new QCPGraph(view_.priceRect()->axis(QCPAxis::atBottom), view_.priceAxis());
    d.graph->setPen(QPen(d.color, 1.8));
    d.graph->setAntialiased(true);
    d.legend = makeLegendItem();
    d.legend->setColor(d.color);
    if (mainLegend_ == nullptr) {
        mainLegend_ = makeLegendItem();
    }
    series_.push_back(std::move(d));
    barsKey_ = 0;  // align the new series
    applyTicker();
    onRangeChanged();
    return true;
}

bool CompareLayer::remove(const QString& symbol) {
    const auto it = std::find_if(series_.begin(), series_.end(),
                                 [&](const Drawn& d) { return d.series.symbol == symbol; });
    if (it == series_.end()) {
        return false;
    }
    view_.plot()->removePlottable(it->graph);
    view_.plot()->removeItem(it->legend);
    series_.erase(it);
    if (series_.empty() && mainLegend_ != nullptr) {
        view_.plot()->removeItem(mainLegend_);
        mainLegend_ = nullptr;
    }
    applyTicker();
    view_.plot()->replot(QCustomPlot::rpQueuedReplot);
    onRangeChanged();
    return true;
}

void CompareLayer::clear() {
    while (!series_.empty()) {
        remove(series_.back().series.symbol);
    }
}

QStringList CompareLayer::symbols() const {
    QStringList out;
    for (const Drawn& d : series_) {
        out << d.series.symbol;
    }
    return out;
}

QColor CompareLayer::color(const QString& symbol) const {
    for (const Drawn& d : series_) {
        if (d.series.symbol == symbol) {
            return d.color;
        }
    }
    return {};
}

void CompareLayer::applyTicker() {
    const std::vector<Bar>& bars = view_.bars();
    if (series_.empty() || base_ < 0 || base_ >= static_cast<int>(bars.size())) {
        // The chart's own ticker may have missed a log-scale switch while ours was shown.
        if (auto price = priceTicker_.dynamicCast<PriceTicker>()) {
            price->setLogMode(view_.logScale());
        }
        view_.priceAxis()->setTicker(priceTicker_);
        return;
    }
    view_.priceAxis()->setTicker(
        QSharedPointer<PercentTicker>::create(bars[static_cast<std::size_t>(base_)].close));
}

void CompareLayer::realignIfBarsChanged() {
    const std::vector<Bar>& bars = view_.bars();
    std::size_t key = std::hash<std::size_t>{}(bars.size());
    if (!bars.empty()) {
        key ^= std::hash<Day>{}(bars.front().day) * 31 + std::hash<Day>{}(bars.back().day) * 7 +
               std::hash<double>{}(bars.back().close);
    }
    if (key == barsKey_ && mainCloses_.size() == bars.size()) {
        return;
    }
    barsKey_ = key;
    mainCloses_.resize(bars.size());
    std::transform(bars.begin(), bars.end(), mainCloses_.begin(),
                   [](const Bar& b) { return b.close; });
    for (Drawn& d : series_) {
        d.aligned = alignCloses(bars, d.series.bars);
    }
}

void CompareLayer::onRangeChanged() {
    if (series_.empty()) {
        base_ = -1;
        view_.setTopReserve(0);  // no legend: the prices have the top back
        return;
    }
    realignIfBarsChanged();
    const std::vector<Bar>& bars = view_.bars();
    const auto [first, last] = view_.visibleBarRange();
    if (bars.empty() || last < first) {
        base_ = -1;
        for (Drawn& d : series_) {
            d.graph->data()->clear();
        }
        updateLegend();
        return;
    }
    base_ = first;
    const int stride = lineStride(view_);
    const double mainBase = bars[static_cast<std::size_t>(first)].close;
    double lo = view_.priceAxis()->range().lower;
    double hi = view_.priceAxis()->range().upper;
    double cmpLo = hi;
    double cmpHi = lo;
    for (Drawn& d : series_) {
        // Drawn in the main series' price space: the line meets the main close at the base bar,
        // so the percent axis reads both.
        const auto b = rebaseIndex(d.aligned, static_cast<std::size_t>(first));
        const double scale =
            b ? mainBase / d.aligned[*b] : std::numeric_limits<double>::quiet_NaN();
        setSampledLine(d.graph, d.aligned, stride, scale);
        for (int i = first; i <= last && b; ++i) {
            const double v = d.aligned[static_cast<std::size_t>(i)] * scale;
            if (std::isfinite(v)) {
                cmpLo = std::min(cmpLo, v);
                cmpHi = std::max(cmpHi, v);
            }
        }
    }
    // The main bars and the lines together fill the pane, with the chart's bands kept free
    // (the readout and this legend at the top, the level headline at the bottom).
    const Extremes e = visibleExtremes(bars, first, last, view_.style() == ChartStyle::Line);
    if (e.valid && cmpLo <= cmpHi) {
        view_.fitPriceRange(std::min(e.low, cmpLo), std::max(e.high, cmpHi));
    }
    applyTicker();
    updateLegend();
}

std::optional<double> CompareLayer::percentAt(const QString& symbol, int index) const {
    if (base_ < 0 || index < 0) {
        return std::nullopt;
    }
    const auto at = static_cast<std::size_t>(index);
    const auto from = static_cast<std::size_t>(base_);
    if (symbol.isEmpty() || symbol == mainSymbol_) {
        return percentChange(mainCloses_, from, at);
    }
    for (const Drawn& d : series_) {
        if (d.series.symbol == symbol) {
            return percentChange(d.aligned, from, at);
        }
    }
    return std::nullopt;
}

void CompareLayer::updateLegend() {
    // The lines stay under the legend's rows at the top right.
    view_.setTopReserve(series_.empty() || mainLegend_ == nullptr
                            ? 0
                            : (count() + 1) * kLegendRowPx + kLegendRowPx / 2);
    if (series_.empty() || mainLegend_ == nullptr) {
        return;
    }
    const ChartTheme& t = view_.theme();
    QColor back = t.background;
    back.setAlpha(215);
    const QStringList texts = legendTexts();
    double y = 0.0;
    const double step =
        kLegendRowPx / static_cast<double>(std::max(100, view_.priceRect()->height()));
    for (int k = 0; k <= count(); ++k) {
        QCPItemText* item = k == 0 ? mainLegend_ : series_[static_cast<std::size_t>(k - 1)].legend;
        item->setText(texts.value(k));
        item->setBrush(QBrush(back));
        item->position->setCoords(1.0, y);
        y += step;
    }
    mainLegend_->setColor(t.text);
    view_.crosshairLayer()->replot();
}

QStringList CompareLayer::legendTexts() const {
    QStringList out;
    if (series_.empty()) {
        return out;
    }
    const int index = view_.hoveredBar() >= 0 ? view_.hoveredBar() : view_.visibleBarRange().second;
    out << mainSymbol_ + QStringLiteral("  ") + percentText(percentAt(mainSymbol_, index));
    for (const Drawn& d : series_) {
        out << d.series.symbol + QStringLiteral("  ") +
                   percentText(percentAt(d.series.symbol, index)) +
                   (exporting_ ? QString() : QStringLiteral("  ✕"));
    }
    return out;
}

QString CompareLayer::legendHit(const QPoint& pos) const {
    for (const Drawn& d : series_) {
        if (d.legend->visible() && d.legend->selectTest(pos, false) >= 0 &&
            d.legend->selectTest(pos, false) < view_.plot()->selectionTolerance()) {
            return d.series.symbol;
        }
    }
    return {};
}

bool CompareLayer::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_.plot() && event->type() == QEvent::MouseButtonPress) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            const QString hit = legendHit(mouse->position().toPoint());
            if (!hit.isEmpty()) {
                Q_EMIT removeRequested(hit);
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace retest::ui
