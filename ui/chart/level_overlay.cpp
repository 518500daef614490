// LevelOverlay: QCP items for zones, events, the all-time high and the retest state. Items are
// rebuilt only when the analysis or the filter changes; labels are placed after each layout
// (a few dozen pixel conversions), so panning never touches the analysis.
#include "ui/chart/level_overlay.h"

#include "ui/chart/qcp.h"

#include <QToolTip>
#include <algorithm>
#include <cmath>

#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_view.h"

namespace retest::ui {

namespace {

constexpr int kTagFontPx = 13;
constexpr int kLabelFontPx = 12;
constexpr int kStateFontPx = 14;
constexpr int kStateMargin = 8;  // between the headline box and the pane's edge or the prices
constexpr int kMaxEvents = 6;
constexpr double kArrowPx = 22;
constexpr double kMaxReachPx = 4 * kArrowPx;  // an event label no further from its bar
constexpr int kHoverSlackPx = 3;

QString isoDate(Day day) {
    return QString::fromStdString(formatIsoDate(day));
}

/// "3,393.52": thousands separators make long prices readable at a glance.
QString groupedPrice(double price) {
    QString text = toQString(formatPrice(price));
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    qsizetype pos = (dot < 0 ? text.size() : dot) - 3;
    const qsizetype stop = text.startsWith(QLatin1Char('-')) ? 1 : 0;
    while (pos > stop) {
        text.insert(pos, QLatin1Char(','));
        pos -= 3;
    }
    return text;
}

void setPriceAxes(QCPItemPosition* p, ChartView& view) {
    p->setAxisRect(view.priceRect());
    p->setAxes(view.priceRect()->axis(QCPAxis::atBottom), view.priceAxis());
}

QColor withAlpha(QColor c, int alpha) {
    c.setAlpha(std::clamp(alpha, 0, 255));
    return c;
}

}  // namespace

LevelOverlay::LevelOverlay(ChartView& view, QObject* parent)
    : QObject(parent), view_(view), plot_(view.plot()) {
    QCustomPlot* plot = view_.plot();
    const QString bands = QStringLiteral("levelBands");
    const QString labels = QStringLiteral("levelLabels");
    if (plot->layer(bands) == nullptr) {
        plot->addLayer(bands, plot->layer(QStringLiteral("grid")), QCustomPlot::limAbove);
    }
    if (plot->layer(labels) == nullptr) {
        plot->addLayer(labels, plot->layer(QStringLiteral("axes")), QCustomPlot::limAbove);
    }
    // The state box is drawn over the drawings: a trend line or a zone under it no longer
    // strikes through its words (it has a background of its own and a band of the pane).
    const QString state = QStringLiteral("levelState");
    if (plot->layer(state) == nullptr) {
        plot->addLayer(state, plot->layer(QStringLiteral("overlay")), QCustomPlot::limAbove);
    }
    bandLayer_ = plot->layer(bands);
    labelLayer_ = plot->layer(labels);
    stateLayer_ = plot->layer(state);
    connect(plot, &QCustomPlot::afterLayout, this, &LevelOverlay::layoutLabels);
    connect(&view_, &ChartView::visibleRangeChanged, this, &LevelOverlay::onVisibleRangeChanged);
    connect(plot, &QCustomPlot::mouseMove, this, &LevelOverlay::onMouseMove);
}

LevelOverlay::~LevelOverlay() {
    view_.setAxisTags(this, {});
    removeItems();
}

void LevelOverlay::setAnalysis(const LevelAnalysis& analysis) {
    analysis_ = analysis;
    const int zones = static_cast<int>(analysis_.zones.size());
    if (highlighted_ >= zones) {
        highlighted_ = -1;
    }
    asOfBar_ = -2;  // the headline and the selection as of the last visible bar, anew
    rebuild();
}

void LevelOverlay::setShowAutoLevels(bool show) {
    if (show == showAuto_) {
        return;
    }
    showAuto_ = show;
    asOfBar_ = -2;  // whether the headline's level is drawn changes
    rebuild();
}

void LevelOverlay::setHighlightedZone(int zone) {
    if (zone < -1 || zone >= static_cast<int>(analysis_.zones.size())) {
        zone = -1;
    }
    if (zone == highlighted_) {
        return;
    }
    highlighted_ = zone;
    rebuild();
}

void LevelOverlay::clear() {
    analysis_ = LevelAnalysis{};
    highlighted_ = -1;
    asOfBar_ = -2;
    rebuild();
}

QCPItemRect* LevelOverlay::band(int zone) const {
    for (const ZoneItems& z : zones_) {
        if (z.zone == zone) {
            return z.band;
        }
    }
    return nullptr;
}

std::vector<int> LevelOverlay::zonesShowing(QCPItemText* ZoneItems::*text) const {
    std::vector<int> out;
    for (const ZoneItems& z : zones_) {
        if ((z.*text)->visible()) {
            out.push_back(z.zone);
        }
    }
    return out;
}

std::vector<int> LevelOverlay::taggedZones() const {
    return zonesShowing(&ZoneItems::tag);
}

std::vector<int> LevelOverlay::namedZones() const {
    return zonesShowing(&ZoneItems::name);
}

namespace {

/// Where the shown text `text` of each of `items` is drawn, in order.
template <typename Items, typename Text>
std::vector<QRectF> shownRects(const Items& items, Text text) {
    std::vector<QRectF> out;
    for (const auto& item : items) {
        if (const auto r = shownRect(item.*text)) {
            out.push_back(*r);
        }
    }
    return out;
}

}  // namespace

std::vector<QRectF> LevelOverlay::tagRects() const {
    return shownRects(zones_, &ZoneItems::tag);
}

std::vector<QRectF> LevelOverlay::eventLabelRects() const {
    return shownRects(events_, &EventItems::text);
}

std::vector<QRectF> LevelOverlay::zoneNameRects() const {
    return shownRects(zones_, &ZoneItems::name);
}

std::optional<QRectF> LevelOverlay::stateBoxRect() const {
    return shownRect(stateText_);
}

std::optional<QRectF> LevelOverlay::allTimeHighRect() const {
    return shownRect(athText_);
}

std::vector<double> LevelOverlay::eventArrowLengths() const {
    std::vector<double> out;
    for (const EventItems& e : events_) {
        if (e.arrow->visible()) {
            const QPointF d = e.arrow->end->pixelPosition() - e.arrow->start->pixelPosition();
            out.push_back(std::hypot(d.x(), d.y()));
        }
    }
    return out;
}

std::vector<LevelOverlay::EventMark> LevelOverlay::eventMarks() const {
    std::vector<EventMark> out;
    for (const EventItems& e : events_) {
        if (e.arrow->visible()) {
            out.push_back({e.event, e.text->visible()});
        }
    }
    return out;
}

// The headline as of the last visible bar. eventsAsOf() is exact (the analysis is causal)
// and costs one pass over the bars, so it runs only when that bar changes.
int LevelOverlay::lastVisibleBar() const {
    if (!matchesView()) {
        return -1;
    }
    return std::clamp(view_.visibleBarRange().second, 0, static_cast<int>(view_.bars().size()) - 1);
}

bool LevelOverlay::updateState() {
    const auto& bars = view_.bars();
    const int last = lastVisibleBar();
    if (last == asOfBar_) {
        return false;
    }
    asOfBar_ = last;
    asOf_.clear();
    selection_.clear();
    viewZones_.clear();
    higherAsOf_.clear();
    closeAsOf_ = analysis_.lastClose;
    athAsOf_ = analysis_.allTimeHigh;
    stateEvent_ = -1;
    if (last >= 0) {
        asOf_ = eventsAsOf(analysis_, bars, static_cast<std::size_t>(last));
        // At the analysis' own last bar the selection, the zones' roles and the weekly and
        // monthly levels are the analysis' own.
        if (last + 1 < static_cast<int>(bars.size())) {
            const auto index = static_cast<std::size_t>(last);
            selection_ =
                defaultSelection(analysis_.zones, asOf_, bars, index, analysis_.sensitivity);
            const std::vector<LevelKind> kinds = zoneKindsAsOf(analysis_, asOf_, bars, index);
            viewZones_.reserve(kinds.size());
            for (std::size_t k = 0; k < kinds.size(); ++k) {
                viewZones_.push_back(zoneAsOf(analysis_.zones[k], index, kinds[k], bars));
            }
            closeAsOf_ = bars[index].close;
            athAsOf_ = allTimeHighAsOf(analysis_, bars, index);
            // The weekly and monthly analyses of the bars up to that day: a weekly bar still
            // being formed then ends on it, as it does in `retest export --to`.
            if (view_.timeframe() == Timeframe::Daily) {
                LevelSettings settings;
                settings.sensitivity = analysis_.sensitivity;
                const auto seen = std::span<const Bar>(bars).first(index + 1);
                for (const Timeframe tf : {Timeframe::Weekly, Timeframe::Monthly}) {
                    for (Zone& z : higherTimeframeZones(seen, tf, settings)) {
                        higherAsOf_.push_back(std::move(z));
                    }
                }
            }
        } else {
            higherAsOf_ = analysis_.higherTimeframe;
        }
        if (const auto head = headlineEvent(asOf_, static_cast<std::size_t>(last),
                                            bars[static_cast<std::size_t>(last)].day)) {
            const int zone = static_cast<int>(asOf_[*head].zone);
            const bool drawn = showAuto_ || analysis_.zones[static_cast<std::size_t>(zone)].manual;
            stateEvent_ = drawn ? static_cast<int>(*head) : -1;
        }
    }
    return true;
}

int LevelOverlay::activeZone() const {
    const int e = stateEvent();
    if (e < 0) {
        return -1;
    }
    const LevelEvent& ev = asOf_[static_cast<std::size_t>(e)];
    return ev.retest == RetestState::Failed ? -1 : static_cast<int>(ev.zone);
}

int LevelOverlay::headlineZone() const {
    const int e = stateEvent();
    return e < 0 ? -1 : static_cast<int>(asOf_[static_cast<std::size_t>(e)].zone);
}

QString LevelOverlay::allTimeHighText() const {
    return athText_ != nullptr ? athText_->text() : QString();
}

QString LevelOverlay::stateText() const {
    if (stateText_ == nullptr || !stateText_->visible()) {
        return {};
    }
    return stateDescription_;
}

QStringList LevelOverlay::stateBoxLines() const {
    if (stateText_ == nullptr || !stateText_->visible()) {
        return {};
    }
    return stateText_->text().split(QLatin1Char('\n'));
}

QColor LevelOverlay::zoneColor(const Zone& zone, const ChartTheme& theme) {
    if (zone.manual) {
        return theme.manualLevel;
    }
    return zone.kind == LevelKind::Support ? theme.support : theme.resistance;
}

QString LevelOverlay::zoneToolTip(int zone) const {
    if (zone < 0 || zone >= static_cast<int>(analysis_.zones.size())) {
        return {};
    }
    if (viewZones_.empty()) {
        return describeZone(zoneOf(zone));
    }
    // A view that ends in the past reads the zone as of its last visible day.
    return describeZone(zoneOf(zone), view_.bars()[static_cast<std::size_t>(asOfBar_)].day);
}

const Zone& LevelOverlay::zoneOf(int zone) const {
    const auto k = static_cast<std::size_t>(zone);
    return viewZones_.empty() ? analysis_.zones[k] : viewZones_[k];
}

QColor LevelOverlay::colorOf(int zone) const {
    return zoneColor(zoneOf(zone), view_.theme());
}

QString LevelOverlay::describeZone(const Zone& z, std::optional<Day> asOf) {
    QString kind = toQString(std::string(levelKindName(z.kind)));
    if (z.manual) {
        kind = tr("manual level, now %1").arg(kind);
    }
    if (z.flipped) {
        kind += tr(" (flipped role)");
    }
    QString text = QStringLiteral("<b>%1</b> · %2<br>%3 – %4")
                       .arg((z.name.empty() ? tr("Zone") : toQString(z.name)).toHtmlEscaped(), kind,
                            groupedPrice(z.low), groupedPrice(z.high));
    if (!z.touches.empty()) {
        const auto n = static_cast<int>(z.touches.size());
        text += (n == 1 ? tr("<br>1 touch, %1").arg(isoDate(z.firstTouch))
                        : tr("<br>%1 touches, first %2, last %3")
                              .arg(n)
                              .arg(isoDate(z.firstTouch), isoDate(z.lastTouch)));
    } else {
        text += tr("<br>not touched yet");
    }
    text += tr("<br>Strength %1/100").arg(std::lround(z.strength));
    if (!z.why.empty()) {
        text += QStringLiteral("<br><i>%1</i>").arg(toQString(z.why).toHtmlEscaped());
    }
    if (asOf) {
        text += tr("<br>as of %1").arg(isoDate(*asOf));
    }
    return text;
}

int LevelOverlay::zoneAt(QPointF pixel) const {
    if (!matchesView() || !view_.priceRect()->rect().contains(pixel.toPoint())) {
        return -1;
    }
    int best = -1;
    double bestDistance = kHoverSlackPx + 1;
    for (const int zone : shown_) {
        const Zone& z = zoneOf(zone);
        const double top = view_.priceAxis()->coordToPixel(z.high);
        const double bottom = view_.priceAxis()->coordToPixel(z.low);
        const double distance =
            pixel.y() < top ? top - pixel.y() : (pixel.y() > bottom ? pixel.y() - bottom : 0);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = zone;
        }
    }
    return best;
}

int LevelOverlay::higherTimeframeLineAt(QPointF pixel) const {
    if (!matchesView() || !view_.priceRect()->rect().contains(pixel.toPoint())) {
        return -1;
    }
    int best = -1;
    double bestDistance = kHoverSlackPx + 1;
    for (std::size_t k = 0; k < higherZones_.size(); ++k) {
        const double y = view_.priceAxis()->coordToPixel(higherZones_[k].price);
        const double distance = std::abs(pixel.y() - y);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(k);
        }
    }
    return best;
}

QString LevelOverlay::higherTimeframeToolTip(int line) const {
    if (line < 0 || line >= static_cast<int>(higherZones_.size())) {
        return {};
    }
    const Zone& z = higherZones_[static_cast<std::size_t>(line)];
    const QString tf = z.timeframe == Timeframe::Monthly ? tr("Monthly") : tr("Weekly");
    QString text = tr("<b>%1 level: %2</b> · %3<br>%4 – %5 on the %6 chart")
                       .arg(tf, toQString(z.name).toHtmlEscaped(),
                            toQString(std::string(levelKindName(z.kind))), groupedPrice(z.low),
                            groupedPrice(z.high), tf.toLower());
    text += tr("<br>Strength %1/100").arg(std::lround(z.strength));
    if (!z.why.empty()) {
        text += QStringLiteral("<br><i>%1</i>").arg(toQString(z.why).toHtmlEscaped());
    }
    return text;
}

bool LevelOverlay::failedInView(int event) const {
    return event >= 0 && event < static_cast<int>(asOf_.size()) &&
           asOf_[static_cast<std::size_t>(event)].retest == RetestState::Failed;
}

bool LevelOverlay::zoneShown(int zone) const {
    if (zone < 0 || zone >= static_cast<int>(analysis_.zones.size())) {
        return false;
    }
    // The default selection as of the last visible bar (Zone::shown at the last bar) unless
    // auto levels are off; manual levels always.
    const Zone& z = analysis_.zones[static_cast<std::size_t>(zone)];
    const bool selected = selection_.size() == analysis_.zones.size()
                              ? selection_[static_cast<std::size_t>(zone)] != 0
                              : z.shown;
    return (showAuto_ && selected) || z.manual;
}

// The last day alone is not enough: daily and weekly bars of a Friday close share it, so the
// event bars must line up too before indices into the analysis are drawn on these bars: each
// event's bar holds its day (a weekly bar, the days since the bar before it).
bool LevelOverlay::matchesView() const {
    const auto& bars = view_.bars();
    if (bars.empty() || view_.isEmptyStateShown() || analysis_.asOf != bars.back().day) {
        return false;
    }
    return std::all_of(analysis_.events.begin(), analysis_.events.end(), [&](const LevelEvent& e) {
        return e.index < bars.size() && bars[e.index].day >= e.day &&
               (e.index == 0 || bars[e.index - 1].day < e.day);
    });
}

int LevelOverlay::barIndexOf(Day day) const {
    const auto& bars = view_.bars();
    const auto it = std::lower_bound(bars.begin(), bars.end(), day,
                                     [](const Bar& b, Day d) { return b.day < d; });
    if (it == bars.end()) {
        return bars.empty() ? -1 : static_cast<int>(bars.size()) - 1;
    }
    return static_cast<int>(it - bars.begin());
}

void LevelOverlay::removeItems() {
    QCustomPlot* plot = plot_.data();
    if (plot == nullptr) {  // the chart was deleted first: its items went with it
        zones_.clear();
        events_.clear();
        shown_.clear();
        athLine_ = nullptr;
        athText_ = stateText_ = nullptr;
        higher_.clear();
        higherZones_.clear();
        return;
    }
    for (const HigherItems& h : higher_) {
        plot->removeItem(h.line);
        plot->removeItem(h.label);
    }
    higher_.clear();
    higherZones_.clear();
    for (const ZoneItems& z : zones_) {
        for (QCPAbstractItem* item :
             std::initializer_list<QCPAbstractItem*>{z.band, z.centre, z.tag, z.name}) {
            plot->removeItem(item);
        }
    }
    for (const EventItems& e : events_) {
        plot->removeItem(e.arrow);
        plot->removeItem(e.text);
    }
    for (QCPAbstractItem* item :
         std::initializer_list<QCPAbstractItem*>{athLine_, athText_, stateText_}) {
        if (item != nullptr) {
            plot->removeItem(item);
        }
    }
    zones_.clear();
    events_.clear();
    shown_.clear();
    athLine_ = nullptr;
    athText_ = nullptr;
    stateText_ = nullptr;
    reserveStateBand();
}

void LevelOverlay::rebuild() {
    removeItems();
    updateState();  // when the analysis or the last visible bar changed
    for (int z = 0; z < static_cast<int>(analysis_.zones.size()); ++z) {
        if (zoneShown(z)) {
            shown_.push_back(z);
            buildZone(z);
        }
    }
    for (int e = 0; e < static_cast<int>(analysis_.events.size()); ++e) {
        if (zoneShown(static_cast<int>(analysis_.events[static_cast<std::size_t>(e)].zone))) {
            buildEvent(e);
        }
    }
    if (showAuto_ && athAsOf_) {
        buildAllTimeHigh();
    }
    if (showAuto_) {
        buildHigherTimeframes();
    }
    buildState();
    restyle();
    // Tag priorities: the highlighted, headline and manual zones first, then the strongest near
    // the price; the chart keeps the most important ones when the axis has no room for all.
    tagPrices_.clear();
    tagPriorities_.clear();
    const double last = closeAsOf_;
    for (const ZoneItems& items : zones_) {
        const Zone& z = zoneOf(items.zone);
        const double distance = last > 0 ? std::fabs(z.price - last) / last * 100 : 0;
        double score = z.strength / (1.0 + distance / 8.0);
        if (items.zone == highlighted_) {
            score += 3000;
        } else if (items.zone == headlineZone()) {
            score += 2000;
        } else if (z.manual) {
            score += 1000;
        }
        tagPrices_.push_back(z.price);
        tagPriorities_.push_back(static_cast<int>(std::lround(score * 10)));
    }
    tagsRegistered_ = false;
    registerTags(matchesView());
    view_.plot()->replot(QCustomPlot::rpQueuedReplot);
}

void LevelOverlay::registerTags(bool show) {
    if (show == tagsRegistered_ && show) {
        return;
    }
    std::vector<ChartView::AxisTag> tags;
    if (show) {
        for (std::size_t i = 0; i < tagPrices_.size(); ++i) {
            tags.push_back({tagPrices_[i], tagPriorities_[i]});
        }
    }
    view_.setAxisTags(this, std::move(tags));
    tagsRegistered_ = show;
}

void LevelOverlay::buildZone(int zone) {
    QCustomPlot* plot = view_.plot();
    const Zone& z = zoneOf(zone);
    ZoneItems items;
    items.zone = zone;

    items.band = new QCPItemRect(plot);
    items.band->setLayer(bandLayer_);
    items.band->setClipAxisRect(view_.priceRect());
    for (QCPItemPosition* p : {items.band->topLeft, items.band->bottomRight}) {
        setPriceAxes(p, view_);
        p->setTypeX(QCPItemPosition::ptAxisRectRatio);
        p->setTypeY(QCPItemPosition::ptPlotCoords);
    }
    items.band->topLeft->setCoords(0, z.high);
    items.band->bottomRight->setCoords(1, z.low);

    items.centre = new QCPItemStraightLine(plot);
    items.centre->setLayer(bandLayer_);
    items.centre->setClipAxisRect(view_.priceRect());
    for (QCPItemPosition* p : {items.centre->point1, items.centre->point2}) {
        setPriceAxes(p, view_);
        p->setTypeX(QCPItemPosition::ptAxisRectRatio);
        p->setTypeY(QCPItemPosition::ptPlotCoords);
    }
    items.centre->point1->setCoords(0, z.price);
    items.centre->point2->setCoords(1, z.price);

    // The tag sits on the price axis, where the crosshair's own price tag goes.
    items.tag = new QCPItemText(plot);
    items.tag->setLayer(labelLayer_);
    items.tag->setClipToAxisRect(false);
    setPriceAxes(items.tag->position, view_);
    items.tag->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    items.tag->position->setTypeY(QCPItemPosition::ptPlotCoords);
    items.tag->position->setCoords(1.0, z.price);
    items.tag->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    items.tag->setPadding(QMargins(5, 2, 5, 2));
    items.tag->setFont(pixelFont(kTagFontPx));
    items.tag->setText(toQString(formatPrice(z.price)));

    items.name = new QCPItemText(plot);
    items.name->setLayer(labelLayer_);
    items.name->setClipAxisRect(view_.priceRect());
    setPriceAxes(items.name->position, view_);
    items.name->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    items.name->position->setTypeY(QCPItemPosition::ptPlotCoords);
    items.name->position->setCoords(0.0, z.high);
    items.name->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    items.name->setPadding(QMargins(4, 1, 4, 1));
    items.name->setFont(pixelFont(kLabelFontPx, QFont::DemiBold));
    items.name->setText(z.name.empty() ? toQString(formatPrice(z.price)) : toQString(z.name));
    items.name->setVisible(false);
    zones_.push_back(items);
}

void LevelOverlay::buildEvent(int event) {
    QCustomPlot* plot = view_.plot();
    const LevelEvent& ev = analysis_.events[static_cast<std::size_t>(event)];
    const bool up = ev.type == LevelEventType::Breakout;
    EventItems items;
    items.event = event;

    // Breakouts point up at the bar from below, breakdowns down at it from above.
    items.arrow = new QCPItemLine(plot);
    items.arrow->setLayer(labelLayer_);
    items.arrow->setClipAxisRect(view_.priceRect());
    setPriceAxes(items.arrow->end, view_);
    items.arrow->end->setType(QCPItemPosition::ptPlotCoords);
    items.arrow->start->setType(QCPItemPosition::ptAbsolute);
    items.arrow->start->setParentAnchor(items.arrow->end);
    items.arrow->start->setCoords(0, up ? kArrowPx : -kArrowPx);
    items.arrow->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 9, 11));

    items.text = new QCPItemText(plot);
    items.text->setLayer(labelLayer_);
    items.text->setClipAxisRect(view_.priceRect());
    items.text->position->setType(QCPItemPosition::ptAbsolute);
    items.text->position->setParentAnchor(items.arrow->start);
    items.text->position->setCoords(0, up ? 1 : -1);
    items.text->setPositionAlignment(Qt::AlignHCenter | (up ? Qt::AlignTop : Qt::AlignBottom));
    items.text->setPadding(QMargins(3, 1, 3, 1));
    items.text->setFont(pixelFont(kLabelFontPx, QFont::DemiBold));
    items.text->setText(up ? tr("Breakout") : tr("Breakdown"));
    events_.push_back(items);
}

// The weekly and monthly major levels on a daily chart: a dashed line each, labelled with its
// timeframe and name at the pane's right, the nearest few to price, none where a daily zone is
// already drawn.
void LevelOverlay::buildHigherTimeframes() {
    constexpr std::size_t kMaxLines = 6;
    std::vector<const Zone*> candidates;
    for (const Zone& z : higherAsOf_) {
        const bool covered = std::any_of(shown_.begin(), shown_.end(), [&](int k) {
            const Zone& d = zoneOf(k);
            return z.price >= d.low && z.price <= d.high;
        });
        const bool twice = std::any_of(candidates.begin(), candidates.end(), [&](const Zone* c) {
            return z.price >= c->low && z.price <= c->high;  // the weekly one is enough
        });
        if (!covered && !twice) {
            candidates.push_back(&z);
        }
    }
    const double last = closeAsOf_;
    std::stable_sort(candidates.begin(), candidates.end(), [&](const Zone* a, const Zone* b) {
        return std::fabs(a->price - last) < std::fabs(b->price - last);
    });
    candidates.resize(std::min(candidates.size(), kMaxLines));
    QCustomPlot* plot = view_.plot();
    for (const Zone* z : candidates) {
        auto* line = new QCPItemStraightLine(plot);
        line->setLayer(bandLayer_);
        line->setClipAxisRect(view_.priceRect());
        for (QCPItemPosition* p : {line->point1, line->point2}) {
            setPriceAxes(p, view_);
            p->setTypeX(QCPItemPosition::ptAxisRectRatio);
            p->setTypeY(QCPItemPosition::ptPlotCoords);
        }
        line->point1->setCoords(0, z->price);
        line->point2->setCoords(1, z->price);
        auto* text = new QCPItemText(plot);
        text->setLayer(labelLayer_);
        text->setClipAxisRect(view_.priceRect());
        setPriceAxes(text->position, view_);
        text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        text->position->setTypeY(QCPItemPosition::ptPlotCoords);
        text->position->setCoords(1.0, z->price);
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        text->setPadding(QMargins(4, 1, 4, 1));
        text->setFont(pixelFont(kLabelFontPx - 1));
        const QString tf = z->timeframe == Timeframe::Monthly ? tr("Monthly") : tr("Weekly");
        text->setText(tf + QStringLiteral(" · ") + toQString(z->name) + QStringLiteral(" · ") +
                      groupedPrice(z->price));
        higher_.push_back({line, text});
        higherZones_.push_back(*z);
    }
}

void LevelOverlay::buildAllTimeHigh() {
    QCustomPlot* plot = view_.plot();
    const AllTimeHigh& ath = *athAsOf_;
    athLine_ = new QCPItemStraightLine(plot);
    athLine_->setLayer(bandLayer_);
    athLine_->setClipAxisRect(view_.priceRect());
    for (QCPItemPosition* p : {athLine_->point1, athLine_->point2}) {
        setPriceAxes(p, view_);
        p->setTypeX(QCPItemPosition::ptAxisRectRatio);
        p->setTypeY(QCPItemPosition::ptPlotCoords);
    }
    athLine_->point1->setCoords(0, ath.high);
    athLine_->point2->setCoords(1, ath.high);

    athText_ = new QCPItemText(plot);
    athText_->setLayer(labelLayer_);
    athText_->setClipAxisRect(view_.priceRect());
    setPriceAxes(athText_->position, view_);
    athText_->position->setType(QCPItemPosition::ptPlotCoords);
    athText_->setPadding(QMargins(5, 2, 5, 2));
    athText_->setFont(pixelFont(kLabelFontPx, QFont::DemiBold));
    athText_->setText(
        tr("All-time high %1 · %2").arg(groupedPrice(ath.high), isoDate(ath.highDay)));
}

void LevelOverlay::buildState() {
    showState();
}

// The prices the chart's items are placed at as of the last visible bar (zones, all-time
// high): they are rebuilt when these change, restyled otherwise.
std::vector<double> LevelOverlay::placedPrices() const {
    std::vector<double> out{athAsOf_ ? athAsOf_->high : -1.0};
    for (int k = 0; k < static_cast<int>(analysis_.zones.size()); ++k) {
        const Zone& z = zoneOf(k);
        out.insert(out.end(), {z.low, z.high, z.price});
    }
    return out;
}

// Panning or zooming to another last bar: the headline and the levels that mattered then.
void LevelOverlay::onVisibleRangeChanged() {
    if (lastVisibleBar() == asOfBar_) {
        return;  // most pan and zoom steps keep the last visible bar
    }
    // What the items were built from; updateState() makes it anew.
    const std::vector<double> placedBefore = placedPrices();
    const std::vector<char> before = std::move(selection_);
    const std::vector<Zone> higherBefore = std::move(higherAsOf_);
    updateState();
    const auto samePlace = [](const Zone& a, const Zone& b) {
        return a.timeframe == b.timeframe && a.price == b.price && a.name == b.name;
    };
    if (selection_ != before || placedPrices() != placedBefore ||
        !std::equal(higherBefore.begin(), higherBefore.end(), higherAsOf_.begin(),
                    higherAsOf_.end(), samePlace)) {
        rebuild();
    } else {
        showState();
        restyle();
    }
}

// The state box follows the headline as of the last visible bar: created on first use, hidden
// while there is none.
void LevelOverlay::showState() {
    const int e = stateEvent();
    if (e < 0) {
        if (stateText_ != nullptr) {
            stateText_->setVisible(false);
        }
        reserveStateBand();
        return;
    }
    if (stateText_ == nullptr) {
        stateText_ = new QCPItemText(view_.plot());
        stateText_->setLayer(stateLayer_);
        stateText_->setClipAxisRect(view_.priceRect());
        stateText_->position->setType(QCPItemPosition::ptAbsolute);
        stateText_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        stateText_->setPadding(QMargins(8, 4, 8, 4));
        stateText_->setFont(pixelFont(kStateFontPx, QFont::DemiBold));
        fittedRoom_ = -1;  // a new box: nothing fitted in it yet
    }
    stateText_->setVisible(true);
    stateDescription_ = toQString(asOf_[static_cast<std::size_t>(e)].description());
    fitStateText();
    reserveStateBand();
}

// Two lines so it fits beside the price axis: what happened, then where it stands now (cut at
// the first "; "). A line wider than the pane is broken into even lines at its spaces: the box
// is read whole on a narrow chart too.
void LevelOverlay::fitStateText() {
    if (stateText_ == nullptr || !stateText_->visible()) {
        return;
    }
    const QMargins pad = stateText_->padding();
    const int width = view_.priceRect()->width();
    const double room = width > 20 ? width - 2 * kStateMargin - pad.left() - pad.right() : HUGE_VAL;
    if (room == fittedRoom_ && stateDescription_ == fittedDescription_) {
        return;  // every layout comes here: the lines are broken again only when they change
    }
    fittedRoom_ = room;
    fittedDescription_ = stateDescription_;
    QStringList parts{stateDescription_};
    if (const qsizetype cut = stateDescription_.indexOf(QStringLiteral("; ")); cut > 0) {
        parts = {stateDescription_.left(cut), stateDescription_.mid(cut + 2)};
    }
    QStringList lines;
    for (const QString& part : parts) {
        lines << wrapEvenly(part, room, stateText_->font());
    }
    const QString text = lines.join(QLatin1Char('\n'));
    if (text != stateText_->text()) {
        stateText_->setText(text);
    }
}

// The chart keeps a band under the lowest low for the headline while it is shown, so the box
// never hides the prices it talks about.
void LevelOverlay::reserveStateBand() {
    view_.setBottomReserve(stateBand());
}

int LevelOverlay::stateBand() const {
    const bool shown = stateText_ != nullptr && stateText_->visible() && matchesView();
    return shown ? static_cast<int>(std::ceil(pixelRect(*stateText_).height())) + 2 * kStateMargin
                 : 0;
}

void LevelOverlay::restyle() {
    const ChartTheme& t = view_.theme();
    styledFor_ = t.background;
    // Weekly and monthly levels: dashed, in the colour of their role, quieter than the bands.
    for (std::size_t k = 0; k < higher_.size(); ++k) {
        const QColor c = higherZones_[k].kind == LevelKind::Support ? t.support : t.resistance;
        higher_[k].line->setPen(QPen(withAlpha(c, 190), 1.2, Qt::DashLine));
        higher_[k].label->setColor(c);
        higher_[k].label->setBrush(QBrush(withAlpha(t.background, 200)));
    }
    for (const ZoneItems& items : zones_) {
        styleZone(items);
    }
    for (const EventItems& e : events_) {
        const LevelEvent& ev = analysis_.events[static_cast<std::size_t>(e.event)];
        const QColor c = failedInView(e.event)                 ? withAlpha(t.mutedText, 200)
                         : ev.type == LevelEventType::Breakout ? t.up
                                                               : t.down;
        e.arrow->setPen(QPen(c, 2));
        e.text->setColor(c);
        e.text->setBrush(QBrush(withAlpha(t.background, 200)));
    }
    if (athLine_ != nullptr) {
        athLine_->setPen(QPen(withAlpha(t.mutedText, 170), 1, Qt::DotLine));
        athText_->setColor(t.text);
        athText_->setBrush(QBrush(withAlpha(t.background, 215)));
        athText_->setPen(QPen(withAlpha(t.mutedText, 140), 1));
    }
    if (stateText_ != nullptr && stateEvent() >= 0) {
        const LevelEvent& ev = asOf_[static_cast<std::size_t>(stateEvent())];
        const bool active = ev.retest != RetestState::Failed;
        stateText_->setColor(active ? t.text : t.mutedText);
        stateText_->setBrush(QBrush(withAlpha(t.background, 225)));
        stateText_->setPen(active ? QPen(colorOf(static_cast<int>(ev.zone)), 1.5)
                                  : QPen(withAlpha(t.mutedText, 140), 1));
    }
}

void LevelOverlay::styleZone(const ZoneItems& items) {
    const ChartTheme& t = view_.theme();
    const Zone& z = zoneOf(items.zone);
    const QColor c = colorOf(items.zone);
    const bool dark = t.background.lightness() < 128;
    const double s = std::clamp(z.strength, 0.0, 100.0) / 100.0;
    const bool emphasised = items.zone == highlighted_ || items.zone == activeZone();
    const int fill = (dark ? 30 : 22) + static_cast<int>(s * 40) + (emphasised ? 35 : 0);
    items.band->setBrush(QBrush(withAlpha(c, fill)));
    items.band->setPen(items.zone == highlighted_ ? QPen(withAlpha(c, 230), 1.2) : Qt::NoPen);
    items.band->setSelectedPen(items.band->pen());
    const double width = 1.0 + 1.5 * s + (emphasised ? 0.8 : 0);
    items.centre->setPen(QPen(withAlpha(c, 110 + static_cast<int>(s * 110)), width,
                              z.manual ? Qt::DashLine : Qt::SolidLine));
    items.tag->setBrush(QBrush(c));
    items.tag->setColor(textOn(c));
    items.tag->setPen(items.zone == highlighted_ ? QPen(t.text, 1.2) : Qt::NoPen);
    items.name->setColor(c.darker(dark ? 70 : 125));
    items.name->setBrush(QBrush(withAlpha(t.background, 200)));
}

void LevelOverlay::layoutLabels() {
    const bool show = matchesView();
    for (QCPLayer* layer : {bandLayer_, labelLayer_, stateLayer_}) {
        layer->setVisible(show);
    }
    if (show != tagsRegistered_) {
        registerTags(show);  // placed by the chart in the next layout (already queued)
    }
    fitStateText();  // to the pane's width now
    reserveStateBand();
    if (!show) {
        return;
    }
    if (view_.theme().background != styledFor_) {
        restyle();
    }
    placeTags();
    const std::vector<QRectF> reserved = view_.reservedAreas();  // once: the same for all
    placeEvents(reserved);
    if (stateText_ != nullptr) {
        placeState();
        // A zone's name sits at the left edge above its line: right of the box when the box
        // is there (the record just under the headline that names it).
        const QRect r = view_.priceRect()->rect();
        const QRectF box = pixelRect(*stateText_);
        for (const ZoneItems& items : zones_) {
            const double high = zoneOf(items.zone).high;
            items.name->position->setCoords(0.0, high);
            const QRectF name = pixelRect(*items.name);
            if (stateText_->visible() && items.name->visible() && name.intersects(box)) {
                items.name->position->setCoords((box.right() + 6 - r.left()) / r.width(), high);
            }
        }
    }
    placeAllTimeHigh(reserved);
    placeHigherTimeframeLabels(reserved);
}

// A weekly or monthly level's label sits at the pane's right end of its line, above it or below
// it when another label is there (two such levels a few pixels apart). Where neither side is
// free of the chart's own labels, the zone names and the words of the user's drawings, it moves
// to the left end of the line, then just right of the headline box; where no place is free it
// gives way (the line stays, and hovering it explains it).
void LevelOverlay::placeHigherTimeframeLabels(const std::vector<QRectF>& reserved) {
    std::vector<QRectF> taken = eventLabelRects();
    taken.insert(taken.end(), reserved.begin(), reserved.end());
    const std::vector<QRectF> names = zoneNameRects();
    taken.insert(taken.end(), names.begin(), names.end());
    const std::optional<QRectF> state = stateBoxRect();
    for (const auto& box : {state, allTimeHighRect()}) {
        if (box) {
            taken.push_back(*box);
        }
    }
    const QRectF area = view_.priceRect()->rect();
    // Along the line, as a fraction of the pane's width, with the label's alignment there.
    std::vector<std::pair<double, Qt::Alignment>> columns{{1.0, Qt::AlignRight},
                                                          {0.0, Qt::AlignLeft}};
    if (state && area.width() > 0) {
        columns.emplace_back((state->right() + 6 - area.left()) / area.width(), Qt::AlignLeft);
    }
    for (std::size_t k = 0; k < higher_.size(); ++k) {
        const HigherItems& h = higher_[k];
        bool clear = false;
        for (const auto& [x, align] : columns) {
            for (const Qt::Alignment side : {Qt::AlignBottom, Qt::AlignTop}) {
                h.label->position->setCoords(x, higherZones_[k].price);
                h.label->setPositionAlignment(align | side);
                const QRectF box = pixelRect(*h.label);
                clear = area.contains(box) &&
                        std::none_of(taken.begin(), taken.end(),
                                     [&](const QRectF& o) { return o.intersects(box); });
                if (clear) {
                    taken.push_back(box);
                    break;
                }
            }
            if (clear) {
                break;
            }
        }
        h.label->setVisible(clear);
    }
}

std::vector<std::optional<QRectF>> LevelOverlay::higherTimeframeLabelRects() const {
    std::vector<std::optional<QRectF>> out;
    for (const HigherItems& h : higher_) {
        out.push_back(shownRect(h.label));
    }
    return out;
}

// In the band the chart keeps free under the lowest low (reserveStateBand()), at the left; at
// the right when that hides fewer breakout labels (one may hang into the band).
void LevelOverlay::placeState() {
    const QRect r = view_.priceRect()->rect();
    const QSizeF size = pixelRect(*stateText_).size();
    const double top = r.bottom() - kStateMargin - size.height();
    const std::vector<QRectF> events = eventLabelRects();
    const auto covered = [&](const QRectF& box) {
        const auto hidden = std::count_if(events.begin(), events.end(),
                                          [&](const QRectF& e) { return e.intersects(box); });
        return candlesUnder(box) + 10 * static_cast<int>(hidden);
    };
    QRectF best(QPointF(r.left() + kStateMargin, top), size);
    const QRectF right(QPointF(r.right() - kStateMargin - size.width(), top), size);
    if (const int least = covered(best);
        least > 0 && right.left() > best.left() && covered(right) < least) {
        best = right;
    }
    stateText_->position->setCoords(best.topLeft());
}

int LevelOverlay::candlesUnder(const QRectF& box) const {
    const auto& bars = view_.bars();
    const QCPAxis* x = view_.priceRect()->axis(QCPAxis::atBottom);
    const QCPAxis* y = view_.priceAxis();
    const int from = std::max(0, static_cast<int>(std::floor(x->pixelToCoord(box.left()))));
    const int to = std::min(static_cast<int>(bars.size()) - 1,
                            static_cast<int>(std::ceil(x->pixelToCoord(box.right()))));
    int n = 0;
    for (int i = from; i <= to; ++i) {
        const Bar& b = bars[static_cast<std::size_t>(i)];
        n += y->coordToPixel(b.high) < box.bottom() && y->coordToPixel(b.low) > box.top() ? 1 : 0;
    }
    return n;
}

// Every zone in view gets its tag on the axis where the chart placed it: at its price, or
// moved just enough not to overlap another tag (the chart decides who moves). When the axis
// has no room left (a crowded Max view at high sensitivity), the least important zones are
// not drawn in this view rather than drawn without a price: every line shown has its tag.
void LevelOverlay::placeTags() {
    const QCPAxis* axis = view_.priceAxis();
    for (std::size_t i = 0; i < zones_.size(); ++i) {
        ZoneItems& items = zones_[i];
        const auto y = view_.axisTagY(this, i);
        const double price = zoneOf(items.zone).price;
        const bool drawn = y.has_value() || !axis->range().contains(price);
        items.band->setVisible(drawn);
        items.centre->setVisible(drawn);
        items.tag->setVisible(y.has_value());
        // The headline names its zone, failed or not: the chart shows which line that is.
        const bool named = items.zone == highlighted_ || items.zone == headlineZone() ||
                           analysis_.zones[static_cast<std::size_t>(items.zone)].manual;
        items.name->setVisible(y.has_value() && named);
        if (y) {
            items.tag->position->setCoords(1.0, axis->pixelToCoord(*y));
        }
    }
}

// The newest few events in view. Each label hangs below (breakout) or above (breakdown) the
// candles under its whole width, not only its own bar's, and steps further away from a label
// already placed; the arrow stretches to reach it, up to four arrow lengths. A label with no
// room left that near is left out with its arrow. An event that had failed by the last visible
// bar keeps a short grey arrow and no label: six "Breakout" labels through one old record,
// five of them failed, read as six breakouts.
void LevelOverlay::placeEvents(const std::vector<QRectF>& reserved) {
    const auto [first, last] = view_.visibleBarRange();
    const auto& bars = view_.bars();
    const QCPAxis* y = view_.priceAxis();
    // The labels step past the readout, the compare legend and the words of the user's
    // drawings as they step past each other.
    std::vector<QRectF> placed = reserved;
    int failedShown = 0;
    for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
        const LevelEvent& ev = analysis_.events[static_cast<std::size_t>(it->event)];
        const int index = static_cast<int>(ev.index);
        const bool up = ev.type == LevelEventType::Breakout;
        const bool inView =
            index >= first && index <= last && index < static_cast<int>(bars.size());
        if (failedInView(it->event)) {
            const bool mark = inView && failedShown < kMaxEvents;
            failedShown += mark ? 1 : 0;
            it->arrow->setVisible(mark);
            it->text->setVisible(false);
            if (mark) {
                const Bar& b = bars[static_cast<std::size_t>(index)];
                it->arrow->end->setCoords(index, up ? b.low : b.high);
                it->arrow->start->setCoords(0, up ? kArrowPx : -kArrowPx);
            }
            continue;
        }
        std::optional<EventLabelPlace> place;
        if (inView && static_cast<int>(placed.size() - reserved.size()) < kMaxEvents) {
            const QFontMetricsF metrics(it->text->font());
            const QSizeF size(metrics.horizontalAdvance(it->text->text()) + 8,
                              metrics.height() + 2);
            // Centred on the bar, or hanging right or left of it: whichever needs the
            // shortest arrow (next to a spike the label need not clear the spike).
            for (const Qt::Alignment align : {Qt::AlignHCenter, Qt::AlignLeft, Qt::AlignRight}) {
                const auto p = placeEventLabel(index, up, size, align, placed);
                if (p && (!place || p->reach < place->reach - 0.5)) {
                    place = p;
                }
            }
        }
        // A label that would hang far from its bar (a crash or a spike under its width) is
        // left out; the headline's bar keeps a short arrow (the state box names the event).
        if (place && place->reach > kMaxReachPx) {
            place.reset();
        }
        const bool markOnly = !place && it->event == stateEvent_ && inView;
        it->arrow->setVisible(place.has_value() || markOnly);
        it->text->setVisible(place.has_value());
        if (markOnly) {
            const Bar& b = bars[static_cast<std::size_t>(index)];
            it->arrow->end->setCoords(index, up ? b.low : b.high);
            it->arrow->start->setCoords(0, up ? kArrowPx : -kArrowPx);
        }
        if (!place) {
            continue;
        }
        placed.push_back(place->box);
        const Bar& b = bars[static_cast<std::size_t>(index)];
        const double anchorY = y->coordToPixel(up ? b.low : b.high);
        it->arrow->end->setCoords(index, up ? b.low : b.high);
        it->arrow->start->setCoords(
            0, up ? place->box.top() - anchorY - 1 : place->box.bottom() - anchorY + 1);
        it->text->setPositionAlignment(place->align | (up ? Qt::AlignTop : Qt::AlignBottom));
        it->text->position->setCoords(place->dx, up ? 1 : -1);
    }
}

// A label of `size` for the event at bar `index`, aligned `align` to the bar: below (up) or
// above the candles under its whole width (merged candles are `factor` bars wide), at least
// an arrow's length from the bar, stepped past the labels already placed; nothing when it
// leaves the pane.
std::optional<LevelOverlay::EventLabelPlace> LevelOverlay::placeEventLabel(
    int index, bool up, QSizeF size, Qt::Alignment align, const std::vector<QRectF>& placed) const {
    const auto [first, last] = view_.visibleBarRange();
    const auto& bars = view_.bars();
    const QCPAxis* x = view_.priceRect()->axis(QCPAxis::atBottom);
    const QCPAxis* y = view_.priceAxis();
    const QRect rect = view_.priceRect()->rect();
    const int factor = std::max(1, view_.decimationFactor());
    const Bar& b = bars[static_cast<std::size_t>(index)];
    const double px = x->coordToPixel(index);
    const double anchorY = y->coordToPixel(up ? b.low : b.high);
    const double dx = align == Qt::AlignLeft ? -6 : (align == Qt::AlignRight ? 6 : 0);
    const double left = align == Qt::AlignLeft    ? px + dx
                        : align == Qt::AlignRight ? px + dx - size.width()
                                                  : px - size.width() / 2;
    if (left < rect.left() || left + size.width() > rect.right()) {
        return std::nullopt;
    }
    const int from = std::max(first, static_cast<int>(std::floor(x->pixelToCoord(left))) - factor);
    const int to =
        std::min(last, static_cast<int>(std::ceil(x->pixelToCoord(left + size.width()))) + factor);
    double edge = anchorY;
    for (int i = from; i <= to; ++i) {
        const Bar& c = bars[static_cast<std::size_t>(i)];
        const double cy = y->coordToPixel(up ? c.low : c.high);
        edge = up ? std::max(edge, cy) : std::min(edge, cy);
    }
    const double top = up ? std::max(edge + 4, anchorY + kArrowPx)
                          : std::min(edge - 4, anchorY - kArrowPx) - size.height();
    QRectF box(QPointF(left, top), size);
    for (bool moved = true; moved;) {  // step past the labels already placed
        moved = false;
        for (const QRectF& other : placed) {
            if (box.intersects(other.adjusted(-2, -2, 2, 2))) {
                box.moveTop(up ? other.bottom() + 3 : other.top() - 3 - size.height());
                moved = true;
            }
        }
    }
    if (box.top() < rect.top() || box.bottom() > rect.bottom() - stateBand()) {
        return std::nullopt;  // out of the pane, or in the headline's band
    }
    return EventLabelPlace{align, dx, box, up ? box.top() - anchorY : anchorY - box.bottom()};
}

// Centred above the all-time high's bar, or beside it, or below its line, or right of the
// retest line: the first place wholly inside the pane and clear of the retest line, the event
// labels, the readout, the compare legend, the words of the user's drawings and (when any
// such place exists) the candles.
void LevelOverlay::placeAllTimeHigh(const std::vector<QRectF>& reserved) {
    if (athText_ == nullptr) {
        return;
    }
    const AllTimeHigh& ath = *athAsOf_;
    const QRect r = view_.priceRect()->rect();
    const QCPAxis* x = view_.priceRect()->axis(QCPAxis::atBottom);
    const double px = x->coordToPixel(barIndexOf(ath.highDay));
    const QFontMetricsF metrics(athText_->font());
    const QSizeF size(metrics.horizontalAdvance(athText_->text()) + 12, metrics.height() + 6);
    std::vector<QRectF> labels = eventLabelRects();
    labels.insert(labels.end(), reserved.begin(), reserved.end());
    std::vector<std::pair<Qt::Alignment, double>> columns{
        {Qt::AlignHCenter, px}, {Qt::AlignRight, px - 6}, {Qt::AlignLeft, px + 6}};
    if (const auto box = stateBoxRect()) {
        const QRectF state = *box;
        labels.push_back(state);
        columns.emplace_back(Qt::AlignLeft, state.right() + 10);
    }
    const double line = view_.priceAxis()->coordToPixel(ath.high);
    struct Spot {
        Qt::Alignment align;
        double cx;
        bool above;
    };
    std::vector<Spot> spots;
    for (const auto& [align, cx] : columns) {
        spots.push_back({align, cx, true});
        spots.push_back({align, cx, false});
    }
    const auto fits = [&](const Spot& spot, bool avoidCandles) {
        const double left = spot.align == Qt::AlignLeft    ? spot.cx
                            : spot.align == Qt::AlignRight ? spot.cx - size.width()
                                                           : spot.cx - size.width() / 2;
        const QRectF box(QPointF(left, spot.above ? line - 4 - size.height() : line + 4), size);
        return QRectF(r).contains(box) &&
               std::none_of(labels.begin(), labels.end(),
                            [&](const QRectF& o) { return o.intersects(box); }) &&
               !(avoidCandles && candlesUnder(box) > 0);
    };
    // When nothing fits: centred above the bar (cut at the pane's edge).
    Spot chosen{Qt::AlignHCenter, px, true};
    const auto pick = [&](bool avoidCandles) {
        const auto it = std::find_if(spots.begin(), spots.end(),
                                     [&](const Spot& spot) { return fits(spot, avoidCandles); });
        if (it != spots.end()) {
            chosen = *it;
        }
        return it != spots.end();
    };
    if (!pick(true)) {
        pick(false);
    }
    athText_->setPositionAlignment(chosen.align | (chosen.above ? Qt::AlignBottom : Qt::AlignTop));
    athText_->position->setCoords(
        x->pixelToCoord(chosen.cx),
        view_.priceAxis()->pixelToCoord(chosen.above ? line - 4 : line + 4));
}

void LevelOverlay::onMouseMove(QMouseEvent* event) {
    const QPointF pos = event->position();
    const int zone = zoneAt(pos);
    const int line = zone < 0 ? higherTimeframeLineAt(pos) : -1;
    const int hovered = zone >= 0 ? zone : (line >= 0 ? -2 - line : -1);
    if (hovered == hovered_) {
        return;
    }
    hovered_ = hovered;
    if (hovered == -1) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(event->globalPosition().toPoint(),
                       zone >= 0 ? zoneToolTip(zone) : higherTimeframeToolTip(line), view_.plot());
}

}  // namespace retest::ui
