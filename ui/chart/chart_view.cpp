// ChartView: layout of the two panes, data binding, zoom/pan rules, crosshair and export.
// Heavy work (decimation, y fit) happens on range changes, never in paint or mouse move.
#include "ui/chart/chart_view.h"

#include "ui/chart/qcp.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QKeyEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

#include "core/model/date.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_plot.h"
#include "ui/chart/chart_tickers.h"
#include "ui/chart/session_ticker.h"

namespace retest::ui {

namespace {

constexpr int kTickFontPx = 13;
constexpr int kTitleFontPx = 17;
constexpr int kReadoutFontPx = 14;
constexpr int kEmptyFontPx = 19;
constexpr double kTopPad = 0.12;  // room for the readout above the highest visible high
constexpr double kBottomPad = 0.05;
constexpr double kMaxBandFraction = 0.3;  // a reserved band never takes more of the pane
constexpr int kMinVisibleBars = 10;       // the closest zoom, and the shortest preset's width
constexpr double kCandleWidth = 0.72;     // of a bar's slot

void styleAxis(QCPAxis* axis, const ChartTheme& t) {
    const QPen axisPen(t.axis, 1);
    axis->setBasePen(axisPen);
    axis->setTickPen(axisPen);
    axis->setSubTickPen(axisPen);
    axis->setTickLabelColor(t.mutedText);
    axis->setLabelColor(t.text);
    axis->grid()->setPen(QPen(t.grid, 1, Qt::SolidLine));
    axis->grid()->setZeroLinePen(Qt::NoPen);
    axis->grid()->setSubGridVisible(false);
}

void placeVertical(QCPItemStraightLine* line, double x) {
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
}

void placeHorizontal(QCPItemStraightLine* line, double y) {
    line->point1->setCoords(0, y);
    line->point2->setCoords(1, y);
}

QCPItemStraightLine* makeLine(QCustomPlot* plot, QCPAxisRect* rect, bool vertical) {
    auto* line = new QCPItemStraightLine(plot);
    line->setClipAxisRect(rect);
    for (QCPItemPosition* p : {line->point1, line->point2}) {
        anchorIn(p, rect, rect->axis(QCPAxis::atRight),
                 vertical ? QCPItemPosition::ptPlotCoords : QCPItemPosition::ptAxisRectRatio,
                 vertical ? QCPItemPosition::ptAxisRectRatio : QCPItemPosition::ptPlotCoords);
    }
    line->setVisible(false);
    return line;
}

}  // namespace

ChartView::ChartView(QWidget* parent) : QWidget(parent), plot_(new ChartPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    // The chart keeps a readable width when the window is small: the docks give way first
    // (the levels table scrolls), not the prices.
    setMinimumSize(480, 200);
    setFocusPolicy(Qt::StrongFocus);  // a click on the plot gives the chart the keyboard
    plot_->setMouseTracking(true);
    plot_->installEventFilter(this);
    plot_->setLocale(QLocale::c());
    plot_->setNoAntialiasingOnDrag(true);
    buildLayout();
    buildCrosshair();
    applyFonts();
    applyThemeToPlot();
    applyStyle();
    connect(plot_, &QCustomPlot::mouseMove, this, &ChartView::onMouseMove);
    connect(plot_, &QCustomPlot::afterLayout, this, [this] {
        if (!bars_.empty() && !emptyShown_ &&
            (retest::ui::decimationFactor(timeAxis()->range().size(), pixelColumns()) != factor_ ||
             bottomFraction() != bottomFraction_ || topFraction() != topFraction_)) {
            refreshView();  // a new width, or a new height for the reserved band
        } else if (!bars_.empty() && !emptyShown_) {
            updateReadout();  // fitted to the pane's width now
        }
        layoutAxisLabels();  // before the overlays place their items (connected later)
    });
    showEmptyState(tr("No data"));
}

void ChartView::reserveAreas(QObject* owner, std::function<std::vector<QRectF>()> areas) {
    std::erase_if(reserved_, [owner](const auto& r) { return r.first == owner || !r.first; });
    if (areas) {
        reserved_.emplace_back(owner, std::move(areas));
    }
}

std::vector<QRectF> ChartView::reservedAreas() const {
    std::vector<QRectF> out;
    if (readout_->visible() && !readout_->text().isEmpty()) {  // the readout's row, at the top
        out.emplace_back(readout_->topLeft->pixelPosition(),
                         readout_->bottomRight->pixelPosition());
    }
    for (const auto& [owner, areas] : reserved_) {
        if (owner != nullptr) {
            const std::vector<QRectF> some = areas();
            out.insert(out.end(), some.begin(), some.end());
        }
    }
    return out;
}

ChartView::~ChartView() {
    Q_EMIT aboutToBeDestroyed();
}

void ChartView::buildLayout() {
    priceRect_ = plot_->axisRect();
    auto* grid = plot_->plotLayout();
    grid->insertRow(0);
    title_ = new QCPTextElement(plot_, QString(), pixelFont(kTitleFontPx, QFont::DemiBold));
    title_->setMargins(QMargins(12, 8, 12, 2));
    grid->addElement(0, 0, title_);
    volumeRect_ = new QCPAxisRect(plot_);
    grid->addElement(2, 0, volumeRect_);
    grid->setRowSpacing(0);
    grid->setRowStretchFactors({0.01, 0.77, 0.23});

    auto* group = new QCPMarginGroup(plot_);
    for (QCPAxisRect* rect : {priceRect_, volumeRect_}) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        rect->axis(QCPAxis::atLeft)->setVisible(false);
        rect->axis(QCPAxis::atTop)->setVisible(false);
        rect->axis(QCPAxis::atRight)->setVisible(true);
        rect->axis(QCPAxis::atRight)->setSubTicks(false);
        rect->axis(QCPAxis::atBottom)->setSubTicks(false);
        rect->setRangeDrag(Qt::Horizontal);
        rect->setRangeZoom(Qt::Horizontal);
        rect->setRangeDragAxes(rect->axis(QCPAxis::atBottom), nullptr);
        rect->setRangeZoomAxes(rect->axis(QCPAxis::atBottom), nullptr);
        rect->setRangeZoomFactor(0.85);
        rect->setMinimumMargins(QMargins(14, 0, 0, 0));
    }
    priceRect_->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msTop);
    priceRect_->setMargins(QMargins(0, 0, 0, 0));
    volumeRect_->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    volumeRect_->setMargins(QMargins(0, 0, 0, 0));

    ticker_ = QSharedPointer<SessionTicker>::create(volumeRect_->axis(QCPAxis::atBottom));
    priceRect_->axis(QCPAxis::atBottom)->setTicker(ticker_);
    priceRect_->axis(QCPAxis::atBottom)->setTickLabels(false);
    volumeRect_->axis(QCPAxis::atBottom)->setTicker(ticker_);
    auto priceTicker = QSharedPointer<PriceTicker>::create();
    priceTicker->setTickCount(7);
    priceAxis()->setTicker(priceTicker);
    auto volumeTicker = QSharedPointer<VolumeTicker>::create();
    volumeTicker->setTickCount(2);
    volumeAxis()->setTicker(volumeTicker);
    volumeAxis()->grid()->setVisible(false);

    buildPlottables();
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    linkTimeAxes();
}

void ChartView::buildPlottables() {
    financial_ = new QCPFinancial(priceRect_->axis(QCPAxis::atBottom), priceAxis());
    financial_->setTwoColored(true);
    financial_->setWidthType(QCPFinancial::wtPlotCoords);
    financial_->setAntialiased(false);
    line_ = new QCPGraph(priceRect_->axis(QCPAxis::atBottom), priceAxis());
    line_->setAntialiased(true);
    volumeUp_ = new VolumeBars(volumeRect_->axis(QCPAxis::atBottom), volumeAxis());
    volumeDown_ = new VolumeBars(volumeRect_->axis(QCPAxis::atBottom), volumeAxis());
    for (QCPBars* bars : {volumeUp_, volumeDown_}) {
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setPen(Qt::NoPen);
        bars->setAntialiased(false);
    }
}

void ChartView::linkTimeAxes() {
    using RangeSignal = void (QCPAxis::*)(const QCPRange&);
    using RangeSlot = void (QCPAxis::*)(const QCPRange&);
    QCPAxis* priceX = priceRect_->axis(QCPAxis::atBottom);
    connect(priceX, static_cast<RangeSignal>(&QCPAxis::rangeChanged), timeAxis(),
            static_cast<RangeSlot>(&QCPAxis::setRange));
    connect(timeAxis(), static_cast<RangeSignal>(&QCPAxis::rangeChanged), priceX,
            static_cast<RangeSlot>(&QCPAxis::setRange));
    // Connected last so the clamp below runs after both axes already agree.
    connect(timeAxis(), static_cast<RangeSignal>(&QCPAxis::rangeChanged), this,
            &ChartView::onTimeRangeChanged);
}

void ChartView::buildCrosshair() {
    plot_->addLayer(QStringLiteral("crosshair"), plot_->layer(QStringLiteral("overlay")),
                    QCustomPlot::limAbove);
    crosshairLayer_ = plot_->layer(QStringLiteral("crosshair"));
    crosshairLayer_->setMode(QCPLayer::lmBuffered);
    // One buffer fewer per replot: nothing on the overlay layer moves on its own.
    plot_->layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmLogical);
    vLinePrice_ = makeLine(plot_, priceRect_, true);
    vLineVolume_ = makeLine(plot_, volumeRect_, true);
    hLinePrice_ = makeLine(plot_, priceRect_, false);
    hLineVolume_ = makeLine(plot_, volumeRect_, false);

    priceTag_ = new QCPItemText(plot_);
    priceTag_->setClipToAxisRect(false);
    priceTag_->position->setAxisRect(priceRect_);
    priceTag_->position->setAxes(priceRect_->axis(QCPAxis::atBottom), priceAxis());
    priceTag_->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    priceTag_->position->setTypeY(QCPItemPosition::ptPlotCoords);
    priceTag_->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    priceTag_->setPadding(QMargins(5, 2, 5, 2));

    dateTag_ = new QCPItemText(plot_);
    dateTag_->setClipToAxisRect(false);
    dateTag_->position->setAxisRect(volumeRect_);
    dateTag_->position->setAxes(timeAxis(), volumeAxis());
    dateTag_->position->setTypeX(QCPItemPosition::ptPlotCoords);
    dateTag_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    dateTag_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
    dateTag_->setPadding(QMargins(5, 3, 5, 3));

    readout_ = new QCPItemText(plot_);
    readout_->setClipAxisRect(priceRect_);
    readout_->position->setAxisRect(priceRect_);
    readout_->position->setType(QCPItemPosition::ptAxisRectRatio);
    readout_->position->setCoords(0, 0);
    readout_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    readout_->setPadding(QMargins(10, 6, 10, 6));
    readout_->setTextAlignment(Qt::AlignLeft | Qt::AlignTop);  // two lines start at one edge

    for (QCPAbstractItem* item : std::initializer_list<QCPAbstractItem*>{
             vLinePrice_, vLineVolume_, hLinePrice_, hLineVolume_, priceTag_, dateTag_, readout_}) {
        item->setLayer(crosshairLayer_);
    }
    priceTag_->setVisible(false);
    dateTag_->setVisible(false);

    emptyText_ = new QCPItemText(plot_);
    emptyText_->setLayer(QStringLiteral("overlay"));
    emptyText_->setClipToAxisRect(false);
    emptyText_->position->setType(QCPItemPosition::ptViewportRatio);
    emptyText_->position->setCoords(0.5, 0.5);
    emptyText_->setPositionAlignment(Qt::AlignCenter);
    emptyText_->setTextAlignment(Qt::AlignCenter);
}

void ChartView::applyFonts() {
    const QFont tickFont = pixelFont(kTickFontPx);
    for (QCPAxisRect* rect : {priceRect_, volumeRect_}) {
        for (QCPAxis* axis : rect->axes()) {
            axis->setTickLabelFont(tickFont);
            axis->setTickLabelPadding(6);
        }
    }
    readout_->setFont(pixelFont(kReadoutFontPx));
    priceTag_->setFont(tickFont);
    dateTag_->setFont(tickFont);
    emptyText_->setFont(pixelFont(kEmptyFontPx, QFont::DemiBold));
}

void ChartView::applyThemeToPlot() {
    const ChartTheme& t = theme_;
    plot_->setBackground(QBrush(t.background));
    for (QCPAxisRect* rect : {priceRect_, volumeRect_}) {
        for (QCPAxis* axis : rect->axes()) {
            styleAxis(axis, t);
        }
    }
    for (QCPAxisRect* pane : panes_) {
        stylePaneRect(pane);
    }
    volumeAxis()->grid()->setVisible(false);
    priceAxis()->grid()->setVisible(true);
    title_->setTextColor(t.text);
    financial_->setBrushPositive(QBrush(t.up));
    financial_->setBrushNegative(QBrush(t.down));
    financial_->setPenPositive(QPen(t.up, style_ == ChartStyle::OhlcBars ? 1.5 : 1.0));
    financial_->setPenNegative(QPen(t.down, style_ == ChartStyle::OhlcBars ? 1.5 : 1.0));
    line_->setPen(QPen(t.line, 1.8));
    volumeUp_->setBrush(QBrush(t.volumeUp));
    volumeDown_->setBrush(QBrush(t.volumeDown));
    const QPen crossPen(t.crosshair, 1, Qt::DashLine);
    for (QCPItemStraightLine* l : {vLinePrice_, vLineVolume_, hLinePrice_, hLineVolume_}) {
        l->setPen(crossPen);
    }
    for (QCPItemText* tag : {priceTag_, dateTag_}) {
        tag->setBrush(QBrush(t.tagBackground));
        tag->setColor(t.tagText);
    }
    QColor readoutBack = t.background;
    readoutBack.setAlpha(215);
    readout_->setBrush(QBrush(readoutBack));
    readout_->setColor(t.text);
    emptyText_->setColor(t.mutedText);
}

void ChartView::applyStyle() {
    financial_->setVisible(style_ != ChartStyle::Line);
    line_->setVisible(style_ == ChartStyle::Line);
    financial_->setChartStyle(style_ == ChartStyle::OhlcBars ? QCPFinancial::csOhlc
                                                             : QCPFinancial::csCandlestick);
    applyThemeToPlot();  // OHLC ticks want a slightly heavier pen
}

QCPAxis* ChartView::priceAxis() const {
    return priceRect_->axis(QCPAxis::atRight);
}
QCPAxis* ChartView::volumeAxis() const {
    return volumeRect_->axis(QCPAxis::atRight);
}
QCPAxis* ChartView::timeAxis() const {
    return volumeRect_->axis(QCPAxis::atBottom);
}

QString ChartView::title() const {
    return title_->text();
}
QString ChartView::emptyStateMessage() const {
    return emptyShown_ ? emptyText_->text() : QString();
}
QString ChartView::readout() const {
    return readout_->text();
}

void ChartView::setTitle(const QString& title) {
    title_->setText(title);
    title_->setVisible(!title.isEmpty());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setTheme(const ChartTheme& theme) {
    theme_ = theme;
    applyThemeToPlot();
    Q_EMIT themeChanged();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setStyle(ChartStyle style) {
    if (style == style_) {
        return;  // the window sets it on every symbol switch: no second refresh
    }
    style_ = style;
    applyStyle();
    refreshView();
}

void ChartView::setLogScale(bool on) {
    logScale_ = on;
    priceAxis()->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    // A compare overlay may have put its percent ticker there (it restores ours later).
    if (auto ticker = priceAxis()->ticker().dynamicCast<PriceTicker>()) {
        ticker->setLogMode(on);
    }
    refreshView();
}

void ChartView::showEmptyState(const QString& message) {
    emptyShown_ = true;
    bars_.clear();
    ticker_->setDays({});
    financial_->data()->clear();
    line_->data()->clear();
    volumeUp_->data()->clear();
    volumeDown_->data()->clear();
    factor_ = 0;
    drawn_.clear();
    first_ = 0;
    last_ = -1;
    hideCrosshair();
    setAxesVisible(false);
    crosshairLayer_->setVisible(false);
    emptyText_->setText(message);
    emptyText_->setVisible(true);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

// The rects stay visible (items hang off them); only their axes and grids come and go.
void ChartView::setAxesVisible(bool visible) {
    for (QCPAxisRect* rect : {priceRect_, volumeRect_}) {
        rect->axis(QCPAxis::atBottom)->setVisible(visible);
        rect->axis(QCPAxis::atRight)->setVisible(visible);
    }
    for (QCPAxisRect* pane : panes_) {
        pane->axis(QCPAxis::atRight)->setVisible(visible);
    }
}

void ChartView::setBars(std::vector<Bar> bars, Timeframe tf) {
    if (bars.empty()) {
        showEmptyState(tr("No bars to show"));
        return;
    }
    bars_ = std::move(bars);
    factor_ = 0;  // the drawn candles are the old bars': a refresh from here on rebuilds them
    timeframe_ = tf;
    emptyShown_ = false;
    emptyText_->setVisible(false);
    setAxesVisible(true);
    crosshairLayer_->setVisible(true);
    hideCrosshair();

    std::vector<Day> days;
    days.reserve(bars_.size());
    QVector<QCPGraphData> closes;
    closes.reserve(static_cast<qsizetype>(bars_.size()));
    for (std::size_t i = 0; i < bars_.size(); ++i) {
        days.push_back(bars_[i].day);
        closes.append(QCPGraphData(static_cast<double>(i), bars_[i].close));
    }
    ticker_->setDays(std::move(days));
    reserveTagMargin();
    fitVolumePane();
    line_->data()->set(closes, true);
    factor_ = 0;
    if (preset_) {
        applyRangePreset(*preset_);
    } else {
        const auto first = std::lower_bound(
            bars_.begin(), bars_.end(), rangePresetStart(RangePreset::OneYear, bars_.back().day),
            [](const Bar& b, Day d) { return b.day < d; });
        showIndexRange(static_cast<int>(first - bars_.begin()), static_cast<int>(bars_.size()) - 1);
    }
}

// The price tag sits right of the axis; keep room for the widest price so it is never cut.
void ChartView::reserveTagMargin() {
    double widest = 0;
    for (const Bar& b : bars_) {
        widest = std::max(widest, std::fabs(b.high));
    }
    const QFontMetrics metrics(priceTag_->font());
    const int text = metrics.horizontalAdvance(QString::fromStdString(formatPrice(widest)));
    const QMargins padding = priceTag_->padding();
    const int right = text + padding.left() + padding.right() + 4;
    for (QCPAxisRect* rect : {priceRect_, volumeRect_}) {
        rect->setMinimumMargins(QMargins(14, 0, right, 0));
    }
}

void ChartView::applyRangePreset(RangePreset preset) {
    preset_ = preset;
    if (bars_.empty()) {
        return;
    }
    const Day start = rangePresetStart(preset, bars_.back().day);
    const auto first = std::lower_bound(bars_.begin(), bars_.end(), start,
                                        [](const Bar& b, Day d) { return b.day < d; });
    showIndexRange(static_cast<int>(first - bars_.begin()), static_cast<int>(bars_.size()) - 1);
}

void ChartView::setDateRange(Day from, Day to) {
    clearPreset();
    if (bars_.empty()) {
        return;
    }
    const auto byDay = [](const Bar& b, Day d) { return b.day < d; };
    const auto first = std::lower_bound(bars_.begin(), bars_.end(), from, byDay);
    auto last = std::upper_bound(bars_.begin(), bars_.end(), to,
                                 [](Day d, const Bar& b) { return d < b.day; });
    int firstIndex = static_cast<int>(first - bars_.begin());
    int lastIndex = static_cast<int>(last - bars_.begin()) - 1;
    if (lastIndex < firstIndex) {  // nothing in range: show the nearest bar
        firstIndex = std::min(firstIndex, static_cast<int>(bars_.size()) - 1);
        lastIndex = firstIndex;
    }
    showIndexRange(firstIndex, lastIndex);
}

void ChartView::showIndexRange(int first, int last) {
    const int n = static_cast<int>(bars_.size());
    // At least the zoom limit's ten bars, whole: a month of weekly bars shows more of the past,
    // not a window widened on both sides with half a bar at the left and empty weeks at the right.
    if (last - first + 1 < kMinVisibleBars) {
        first = std::max(0, last - (kMinVisibleBars - 1));
        last = std::min(n - 1, first + kMinVisibleBars - 1);
    }
    const double rightPad = last == n - 1 ? std::max(1.0, 0.02 * (last - first + 1)) : 0.0;
    setXRange(first - 0.5, last + 0.5 + rightPad);
}

void ChartView::setXRange(double lower, double upper) {
    programmatic_ = true;
    timeAxis()->setRange(lower, upper);
    programmatic_ = false;
    refreshView();
}

std::pair<int, int> ChartView::visibleBarRange() const {
    return {first_, last_};
}

void ChartView::onTimeRangeChanged(const QCPRange& /*range*/) {
    const int n = static_cast<int>(bars_.size());
    if (n == 0) {
        return;
    }
    // Zoom limits: at least ~10 bars, at most every bar plus a margin each side.
    const double margin = std::max(3.0, 0.05 * n);
    const double lowBound = -0.5 - margin;
    const double highBound = n - 0.5 + margin;
    const double maxWidth = highBound - lowBound;
    const double minWidth = std::min(static_cast<double>(kMinVisibleBars), maxWidth);
    const QCPRange current = timeAxis()->range();
    QCPRange r = current;
    if (r.size() < minWidth || r.size() > maxWidth) {
        const double half = std::clamp(r.size(), minWidth, maxWidth) / 2;
        r = QCPRange(current.center() - half, current.center() + half);
    }
    if (r.lower < lowBound) {
        r += lowBound - r.lower;
    } else if (r.upper > highBound) {
        r -= r.upper - highBound;
    }
    if (std::fabs(r.lower - current.lower) > 1e-9 || std::fabs(r.upper - current.upper) > 1e-9) {
        timeAxis()->setRange(r);  // re-enters with the clamped range
        return;
    }
    if (!programmatic_) {
        clearPreset();
        refreshView();
    }
}

void ChartView::clearPreset() {
    if (preset_) {
        preset_.reset();
        Q_EMIT rangePresetCleared();
    }
}

void ChartView::zoomBy(double factor) {
    const int n = static_cast<int>(bars_.size());
    if (n == 0 || emptyShown_ || !(factor > 0)) {
        return;
    }
    const QCPRange r = timeAxis()->range();
    const double width = r.size() * factor;
    if (r.upper >= n - 0.5) {  // following the newest bar: keep it at the right edge
        timeAxis()->setRange(r.upper - width, r.upper);
    } else {
        timeAxis()->setRange(r.center() - width / 2, r.center() + width / 2);
    }
}

void ChartView::panBy(double fraction) {
    if (bars_.empty() || emptyShown_) {
        return;
    }
    const QCPRange r = timeAxis()->range();
    const double step = std::max(1.0, std::round(std::fabs(fraction) * r.size()));
    timeAxis()->setRange(r + (fraction < 0 ? -step : step));
}

void ChartView::jumpToEnd(bool end) {
    const int n = static_cast<int>(bars_.size());
    if (n == 0 || emptyShown_) {
        return;
    }
    const double width = timeAxis()->range().size();
    clearPreset();
    if (end) {  // the same small gap after the newest bar as the range presets leave
        const double upper = n - 0.5 + std::max(1.0, 0.02 * width);
        setXRange(upper - width, upper);
    } else {
        setXRange(-0.5, width - 0.5);
    }
}

void ChartView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:  // "+" without Shift on most layouts
            zoomBy(0.8);
            break;
        case Qt::Key_Minus:
        case Qt::Key_Underscore:
            zoomBy(1.25);
            break;
        case Qt::Key_Left:
            panBy(-0.1);
            break;
        case Qt::Key_Right:
            panBy(0.1);
            break;
        case Qt::Key_Home:
            jumpToEnd(false);
            break;
        case Qt::Key_End:
            jumpToEnd(true);
            break;
        default:
            QWidget::keyPressEvent(event);  // Up/Down and the rest go on to the window
            return;
    }
    event->accept();
}

double ChartView::pixelColumns() const {
    const int w = priceRect_->width();
    return w > 20 ? w : std::max(100, plot_->viewport().width() - 90);
}

void ChartView::refreshView() {
    if (bars_.empty()) {
        return;
    }
    const int n = static_cast<int>(bars_.size());
    const QCPRange r = timeAxis()->range();
    first_ = std::clamp(static_cast<int>(std::ceil(r.lower)), 0, n - 1);
    last_ = std::clamp(static_cast<int>(std::floor(r.upper)), 0, n - 1);
    const int factor = retest::ui::decimationFactor(r.size(), pixelColumns());
    if (factor != factor_) {
        factor_ = factor;
        rebuildDrawnData();
    }
    // The price fit takes in a candle cut by either edge too: half a candle at the left, drawn,
    // must not run off the pane. Zoomed out, candle k stands for bars [k f, k f + f) (f =
    // factor_), centred on their middle, kCandleWidth f wide: the fit takes all of its bars.
    const int f = std::max(factor_, 1);
    const double centre = (f - 1) / 2.0;
    const double half = kCandleWidth / 2 * f;
    const int firstCandle = static_cast<int>(std::ceil((r.lower - half - centre) / f));
    const int lastCandle = static_cast<int>(std::floor((r.upper + half - centre) / f));
    fitYAxes(std::clamp(firstCandle * f, 0, n - 1), std::clamp(lastCandle * f + f - 1, 0, n - 1));
    if (hovered_ >= 0) {
        // Panned or zoomed by keys or the wheel under a still mouse: the crosshair and the
        // readout follow the bar now under the mouse, not the one it was over before.
        placeCrosshair(mousePos_);
    }
    updateReadout();
    Q_EMIT visibleRangeChanged();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::rebuildDrawnData() {
    drawn_ = decimateBars(bars_, factor_);
    const std::vector<DrawnBar>& drawn = drawn_;
    QVector<QCPFinancialData> ohlc;
    QVector<QCPBarsData> up;
    QVector<QCPBarsData> down;
    ohlc.reserve(static_cast<qsizetype>(drawn.size()));
    for (const DrawnBar& d : drawn) {
        ohlc.append(QCPFinancialData(d.x, d.open, d.high, d.low, d.close));
        (d.close >= d.open ? up : down).append(QCPBarsData(d.x, d.volume));
    }
    financial_->data()->set(ohlc, true);
    volumeUp_->data()->set(up, true);
    volumeDown_->data()->set(down, true);
    const double width = kCandleWidth * factor_;
    financial_->setWidth(width);
    volumeUp_->setWidth(width);
    volumeDown_->setWidth(width);
}

void ChartView::setBottomReserve(int pixels) {
    pixels = std::max(pixels, 0);
    if (pixels == bottomReserve_) {
        return;
    }
    bottomReserve_ = pixels;
    // Fitted anew in the next layout (the afterLayout handler sees the band changed), with the
    // overlays that draw more than the bars: not from here, where an overlay may be mid-way
    // through building its items.
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setTopReserve(int pixels) {
    pixels = std::max(pixels, 0);
    if (pixels == topReserve_) {
        return;
    }
    topReserve_ = pixels;
    plot_->replot(QCustomPlot::rpQueuedReplot);  // as setBottomReserve()
}

namespace {

/// The share of a pane `height` pixels high a band of `reserve` pixels takes: at least `usual`.
double bandFraction(int reserve, int height, double usual) {
    if (reserve <= 0 || height <= 0) {
        return usual;
    }
    return std::clamp(static_cast<double>(reserve) / height, usual, kMaxBandFraction);
}

}  // namespace

double ChartView::bottomFraction() const {
    return bandFraction(bottomReserve_, priceRect_->rect().height(),
                        kBottomPad / (1 + kBottomPad + kTopPad));
}

double ChartView::topFraction() const {
    return bandFraction(std::max(topReserve_, readoutBand_), priceRect_->rect().height(),
                        kTopPad / (1 + kBottomPad + kTopPad));
}

// The prices fill the pane between a pad above the highest high (the readout's room, or the
// band reserved there) and one below the lowest low (kBottomPad of the range, or the band).
void ChartView::fitPriceRange(double low, double high) {
    bottomFraction_ = bottomFraction();
    topFraction_ = topFraction();
    const double prices = 1 - topFraction_ - bottomFraction_;
    const double below = bottomFraction_ / prices;  // in units of the span
    const double above = topFraction_ / prices;
    if (logScale_ && low > 0) {
        const double lo = std::log(low);
        const double hi = std::log(high);
        const double span = std::max(hi - lo, 1e-4);
        priceAxis()->setRange(std::exp(lo - below * span), std::exp(hi + above * span));
    } else {
        double span = high - low;
        if (span <= 0) {
            span = std::max(std::fabs(high) * 0.01, 1e-6);
        }
        priceAxis()->setRange(low - below * span, high + above * span);
    }
}

void ChartView::fitYAxes(int first, int last) {
    const Extremes e = visibleExtremes(bars_, first, last, style_ == ChartStyle::Line);
    if (!e.valid) {
        return;
    }
    fitPriceRange(e.low, e.high);
    double maxVolume = e.maxVolume;
    if (factor_ > 1) {  // drawn bars show mean volumes; fit those so the pane is not flat
        maxVolume = 0;
        const auto from = static_cast<std::size_t>(first / factor_);
        const auto to = std::min(drawn_.size(), static_cast<std::size_t>(last / factor_) + 1);
        for (std::size_t g = from; g < to; ++g) {
            maxVolume = std::max(maxVolume, drawn_[g].volume);
        }
    }
    volumeAxis()->setRange(0, maxVolume > 0 ? maxVolume * 1.1 : 1.0);
}

void ChartView::onMouseMove(QMouseEvent* event) {
    if (bars_.empty() || emptyShown_) {
        return;
    }
    mousePos_ = event->position().toPoint();
    placeCrosshair(mousePos_);
    crosshairLayer_->replot();
}

// The crosshair at the mouse: the bar and price under `pos`, and the readout of that bar.
void ChartView::placeCrosshair(const QPoint& pos) {
    QCPAxisRect* rect = priceRect_->rect().contains(pos)    ? priceRect_
                        : volumeRect_->rect().contains(pos) ? volumeRect_
                                                            : nullptr;
    for (QCPAxisRect* pane : panes_) {
        rect = rect == nullptr && pane->rect().contains(pos) ? pane : rect;
    }
    if (rect == nullptr) {
        hideCrosshair();
        return;
    }
    const int n = static_cast<int>(bars_.size());
    const int index =
        std::clamp(static_cast<int>(std::lround(timeAxis()->pixelToCoord(pos.x()))), 0, n - 1);
    // Zoomed out, the line goes through the middle of the merged candle under the mouse.
    const auto [groupFirst, groupLast] = mergedGroup(index, std::max(factor_, 1), n);
    const double x = 0.5 * (groupFirst + groupLast);
    placeVertical(vLinePrice_, x);
    placeVertical(vLineVolume_, x);
    vLinePrice_->setVisible(true);
    vLineVolume_->setVisible(true);
    const double y = rect->axis(QCPAxis::atRight)->pixelToCoord(pos.y());
    placeHorizontal(hLinePrice_, y);
    placeHorizontal(hLineVolume_, y);
    hLinePrice_->setVisible(rect == priceRect_);
    hLineVolume_->setVisible(rect == volumeRect_);
    priceTag_->position->setCoords(1.0, y);
    priceTag_->setText(QString::fromStdString(formatPrice(y)));
    priceTag_->setVisible(rect == priceRect_);
    dateTag_->position->setCoords(x, 1.0);
    dateTag_->setText(
        QString::fromStdString(formatIsoDate(bars_[static_cast<std::size_t>(index)].day)));
    dateTag_->setVisible(true);
    setHovered(index);
    Q_EMIT crosshairMoved(index, pos);
}

void ChartView::setHovered(int index) {
    if (index == hovered_) {
        return;
    }
    hovered_ = index;
    updateReadout();
    Q_EMIT hoveredBarChanged(index);
}

void ChartView::hideCrosshair() {
    for (QCPAbstractItem* item : std::initializer_list<QCPAbstractItem*>{
             vLinePrice_, vLineVolume_, hLinePrice_, hLineVolume_, priceTag_, dateTag_}) {
        item->setVisible(false);
    }
    setHovered(-1);
    if (!emptyShown_) {
        crosshairLayer_->replot();
    }
}

void ChartView::updateReadout() {
    const int index = hovered_ >= 0 ? hovered_ : last_;
    const auto [first, last] =
        mergedGroup(index, std::max(factor_, 1), static_cast<int>(bars_.size()));
    // On one line when it fits the pane; else the date on a line of its own, and then the
    // volume left out, so the change at the end is never cut off.
    const QFontMetrics metrics(readout_->font());
    const QMargins pad = readout_->padding();
    // Before the first layout the pane has no width yet: one line, fitted once it has.
    // (A few pixels spare: the item lays its text out with the font's bounding box.)
    const int room =
        priceRect_->width() > 20 ? priceRect_->width() - pad.left() - pad.right() - 8 : 0;
    const auto widest = [&](const QString& text) {
        int w = 0;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            w = std::max(w, metrics.horizontalAdvance(line));
        }
        return w;
    };
    QString text = QString::fromStdString(readoutText(bars_, first, last, hasVolume_));
    for (const bool volume : {hasVolume_, false}) {
        if (room <= 0 || widest(text) <= room) {
            break;
        }
        text = QString::fromStdString(readoutText(bars_, first, last, volume));
        if (const qsizetype cut = text.indexOf(QStringLiteral("   O ")); cut > 0) {
            text = text.left(cut) + QLatin1Char('\n') + text.mid(cut + 3);
        }
    }
    readout_->setText(text);
    readout_->setVisible(index >= 0 && !bars_.empty());
    if (hovered_ < 0) {  // at rest: the highs stay under it (fitted in the next layout)
        readoutBand_ = static_cast<int>((text.count(QLatin1Char('\n')) + 1) * metrics.height()) +
                       pad.top() + pad.bottom() + 6;
    }
}

void ChartView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    refreshView();
}

bool ChartView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::Leave && hovered_ >= 0) {
        hideCrosshair();
    }
    return QWidget::eventFilter(watched, event);
}

// --- axis tags ---

QFont ChartView::axisTagFont() {
    return pixelFont(kTickFontPx);
}

int ChartView::axisTagHeight() {
    // Measured as QCPItemText measures its text; the tags' padding is 2 above and below.
    const QRect text = QFontMetrics(axisTagFont())
                           .boundingRect(0, 0, 0, 0, Qt::TextDontClip | Qt::AlignLeft,
                                         QStringLiteral("0123456789.,"));
    return text.height() + 4;
}

void ChartView::setAxisTags(const QObject* owner, std::vector<AxisTag> tags) {
    auto it = std::find_if(tagRequests_.begin(), tagRequests_.end(),
                           [owner](const auto& r) { return r.first == owner; });
    if (it == tagRequests_.end()) {
        if (tags.empty()) {
            return;
        }
        tagRequests_.emplace_back(owner, std::move(tags));
    } else if (tags.empty()) {
        tagRequests_.erase(it);
    } else {
        it->second = std::move(tags);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

std::optional<double> ChartView::axisTagY(const QObject* owner, std::size_t index) const {
    for (const auto& [who, placed] : tagPlaced_) {
        if (who == owner) {
            return index < placed.size() ? placed[index] : std::nullopt;
        }
    }
    return std::nullopt;
}

// Runs after every layout, before anything is drawn: tags first (spread so none overlap), then
// the tick labels of both y axes give way to them and to the pane edges, and are regenerated.
void ChartView::layoutAxisLabels() {
    tagPlaced_.clear();
    if (bars_.empty() || emptyShown_) {
        preparedRects_ = {};
        return;
    }
    QCPAxis* axis = priceAxis();
    const QRect rect = priceRect_->rect();
    std::vector<double> wanted;
    std::vector<int> priority;
    std::vector<std::pair<std::size_t, std::size_t>> from;  // request, tag
    for (std::size_t r = 0; r < tagRequests_.size(); ++r) {
        const auto& tags = tagRequests_[r].second;
        tagPlaced_.emplace_back(tagRequests_[r].first,
                                std::vector<std::optional<double>>(tags.size()));
        for (std::size_t t = 0; t < tags.size(); ++t) {
            if (axis->range().contains(tags[t].price)) {
                wanted.push_back(axis->coordToPixel(tags[t].price));
                priority.push_back(tags[t].priority);
                from.emplace_back(r, t);
            }
        }
    }
    const double height = axisTagHeight() + 2;  // a pixel of air between neighbours
    const auto placed = spreadLabels(wanted, priority, height, rect.top(), rect.bottom() + 1);

    // A tick label is hidden when its text box would touch a tag, or cross its pane's edge
    // (where the price pane's lowest label met the volume pane's highest: "600" on "40B").
    const double half = QFontMetrics(pixelFont(kTickFontPx)).height() / 2.0 + 1;
    const auto band = [](const QCPAxis* a, double y1, double y2) {
        QCPRange r(a->pixelToCoord(y1), a->pixelToCoord(y2));
        r.normalize();
        return r;
    };
    const auto edges = [&](const QCPAxis* a, const QRect& r) {
        return std::vector<QCPRange>{band(a, r.top() - 1000.0, r.top() + half),
                                     band(a, r.bottom() + 1 - half, r.bottom() + 1000.0)};
    };
    std::vector<QCPRange> priceBands = edges(axis, rect);
    for (std::size_t i = 0; i < placed.size(); ++i) {
        if (placed[i]) {
            tagPlaced_[from[i].first].second[from[i].second] = placed[i];
            priceBands.push_back(
                band(axis, *placed[i] - height / 2 - half, *placed[i] + height / 2 + half));
        }
    }
    if (logScale_) {  // pixelToCoord far outside a log range can give 0 or inf; keep it sane
        for (QCPRange& r : priceBands) {
            r = QCPRange(std::max(r.lower, 0.0), std::isfinite(r.upper) ? r.upper : 1e300);
        }
    }
    // The price ticker, or a compare overlay's percent ticker standing in for it, gives way.
    bool changed = false;
    if (auto ticker = qSharedPointerDynamicCast<GivingWayTicker>(axis->ticker())) {
        changed |= ticker->setHiddenBands(std::move(priceBands));
    }
    if (auto ticker = qSharedPointerDynamicCast<GivingWayTicker>(volumeAxis()->ticker())) {
        changed |= ticker->setHiddenBands(edges(volumeAxis(), volumeRect_->rect()));
    }
    // The labels were made in the preparation phase of this replot, with the bands and the
    // pane sizes of the last layout; when neither changed they are right already.
    const std::array<QRect, 2> rects{rect, volumeRect_->rect()};
    if (changed || rects != preparedRects_) {
        priceRect_->update(QCPLayoutElement::upPreparation);
        volumeRect_->update(QCPLayoutElement::upPreparation);
    }
    preparedRects_ = rects;
}

void ChartView::showBarIndex(int index) {
    const int n = static_cast<int>(bars_.size());
    if (n == 0 || emptyShown_ || (index >= first_ && index <= last_ && last_ > first_)) {
        return;
    }
    index = std::clamp(index, 0, n - 1);
    const int span = std::max(10, last_ - first_ + 1);
    int first = index - (2 * span) / 3;
    first = std::clamp(first, 0, std::max(0, n - span));
    clearPreset();
    showIndexRange(first, std::min(n - 1, first + span - 1));
}

// --- market context hooks (owner: compare overlays and indicator panes) ---

// A ratio or a yield has no volume: its pane shrinks to the date labels it carries.
void ChartView::fitVolumePane() {
    const bool any =
        std::any_of(bars_.begin(), bars_.end(), [](const Bar& b) { return b.volume > 0; });
    hasVolume_ = any;
    plot_->plotLayout()->setRowStretchFactor(paneRow(volumeRect_), any ? 0.23 : 0.001);
    volumeAxis()->setTickLabels(any);
    volumeAxis()->setTicks(any);
}

int ChartView::paneRow(QCPAxisRect* rect) const {
    QCPLayoutGrid* grid = plot_->plotLayout();
    for (int row = 0; row < grid->rowCount(); ++row) {
        if (grid->element(row, 0) == rect) {
            return row;
        }
    }
    return -1;
}

void ChartView::stylePaneRect(QCPAxisRect* rect) {
    const QFont tickFont = pixelFont(kTickFontPx);
    for (QCPAxis* axis : rect->axes()) {
        styleAxis(axis, theme_);
        axis->setTickLabelFont(tickFont);
        axis->setTickLabelPadding(6);
    }
    rect->axis(QCPAxis::atBottom)->grid()->setVisible(true);
}

QCPAxisRect* ChartView::insertPaneRect(double stretch) {
    QCPLayoutGrid* grid = plot_->plotLayout();
    const int row = paneRow(volumeRect_);
    grid->insertRow(row);
    auto* rect = new QCPAxisRect(plot_);
    grid->addElement(row, 0, rect);
    grid->setRowStretchFactor(row, stretch);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, volumeRect_->marginGroup(QCP::msLeft));
    rect->axis(QCPAxis::atLeft)->setVisible(false);
    rect->axis(QCPAxis::atTop)->setVisible(false);
    rect->axis(QCPAxis::atRight)->setVisible(!emptyShown_);
    rect->axis(QCPAxis::atRight)->setSubTicks(false);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    x->setSubTicks(false);
    x->setTicker(ticker_);
    x->setTickLabels(false);
    x->setRange(timeAxis()->range());
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    rect->setRangeDragAxes(x, nullptr);
    rect->setRangeZoomAxes(x, nullptr);
    rect->setRangeZoomFactor(0.85);
    rect->setMinimumMargins(priceRect_->minimumMargins());
    rect->setAutoMargins(QCP::msLeft | QCP::msRight);
    rect->setMargins(QMargins(0, 6, 0, 8));  // keeps its edge labels off the neighbours'
    using RangeSignal = void (QCPAxis::*)(const QCPRange&);
    using RangeSlot = void (QCPAxis::*)(const QCPRange&);
    connect(timeAxis(), static_cast<RangeSignal>(&QCPAxis::rangeChanged), x,
            static_cast<RangeSlot>(&QCPAxis::setRange));
    connect(x, static_cast<RangeSignal>(&QCPAxis::rangeChanged), timeAxis(),
            static_cast<RangeSlot>(&QCPAxis::setRange));
    panes_.push_back(rect);
    stylePaneRect(rect);
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return rect;
}

void ChartView::removePaneRect(QCPAxisRect* rect) {
    const auto it = std::find(panes_.begin(), panes_.end(), rect);
    if (it == panes_.end()) {
        return;
    }
    panes_.erase(it);
    // Items and plottables on the rect go with it (QCustomPlot owns them by axis).
    for (QCPAbstractItem* item : rect->items()) {
        plot_->removeItem(item);
    }
    for (QCPAbstractPlottable* p : rect->plottables()) {
        plot_->removePlottable(p);
    }
    plot_->plotLayout()->remove(rect);
    plot_->plotLayout()->simplify();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ChartView::setPaneStretch(QCPAxisRect* rect, double stretch) {
    const int row = paneRow(rect);
    if (row >= 0 && stretch > 0) {
        plot_->plotLayout()->setRowStretchFactor(row, stretch);
        plot_->replot(QCustomPlot::rpQueuedReplot);
    }
}

double ChartView::paneStretch(QCPAxisRect* rect) const {
    const int row = paneRow(rect);
    return row >= 0 ? plot_->plotLayout()->rowStretchFactors().at(row) : 0.0;
}

}  // namespace retest::ui
