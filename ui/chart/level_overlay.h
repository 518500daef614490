// Draws a support/resistance analysis on a ChartView: translucent zone bands with price tags on
// the axis, the all-time high, breakout/breakdown markers and the active retest in words.
// Computes no analytics: it is handed a LevelAnalysis of exactly the view's bars.
#pragma once

#include <QColor>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <optional>
#include <vector>

#include "core/analytics/levels.h"
#include "ui/chart/chart_types.h"

class QCPAbstractItem;
class QCPItemRect;
class QCPItemLine;
class QCPItemText;
class QCPItemStraightLine;
class QCPLayer;
class QCustomPlot;
class QMouseEvent;

namespace retest::ui {

class ChartView;

class LevelOverlay : public QObject {
    Q_OBJECT

public:
    /// Attaches to `view` (which must outlive the overlay) on its own layers.
    explicit LevelOverlay(ChartView& view, QObject* parent = nullptr);
    ~LevelOverlay() override;

    /// Shows `analysis`, which must describe the view's current bars (it is hidden while the
    /// view shows other bars, e.g. between a timeframe change and the recomputed levels).
    void setAnalysis(const LevelAnalysis& analysis);
    const LevelAnalysis& analysis() const { return analysis_; }
    /// false: only manual zones and their events are drawn.
    void setShowAutoLevels(bool show);
    bool showAutoLevels() const { return showAuto_; }
    /// Emphasises zone `zone` (index into analysis().zones); -1 for none.
    void setHighlightedZone(int zone);
    int highlightedZone() const { return highlighted_; }
    /// Removes everything from the chart.
    void clear();

    ChartView& view() const { return view_; }
    /// Zones currently drawn (indices into analysis().zones, ascending).
    const std::vector<int>& shownZones() const { return shown_; }
    int bandCount() const { return static_cast<int>(shown_.size()); }
    /// The band of `zone`, or nullptr when it is not drawn.
    QCPItemRect* band(int zone) const;
    /// Zones whose price tag is on the axis after the last layout.
    std::vector<int> taggedZones() const;
    /// Pixel rectangles of the price tags and of the breakout/breakdown labels shown after the
    /// last layout (to check that labels give way to each other).
    std::vector<QRectF> tagRects() const;
    std::vector<QRectF> eventLabelRects() const;
    /// The pixel lengths of the breakout/breakdown arrows shown after the last layout.
    std::vector<double> eventArrowLengths() const;
    /// The events drawn after the last layout (indices into the analysis' events), each with
    /// whether its label is shown: what a reader of the chart sees marked.
    struct EventMark {
        int event = -1;
        bool labelled = false;
    };
    std::vector<EventMark> eventMarks() const;
    /// Pixel rectangles of the zone names and of the state box shown after the last layout.
    std::vector<QRectF> zoneNameRects() const;
    std::optional<QRectF> stateBoxRect() const;
    std::optional<QRectF> allTimeHighRect() const;
    /// The weekly and monthly levels drawn on this (daily) chart, nearest to price first.
    const std::vector<Zone>& higherTimeframeLines() const { return higherZones_; }
    /// Where each of those lines has its label after the last layout (above or below the line,
    /// at its right end, its left end or beside the headline box), nullopt where no place was
    /// free of the chart's own labels, the other lines' and the words of the user's drawings.
    std::vector<std::optional<QRectF>> higherTimeframeLabelRects() const;
    /// The headline as of the last visible bar (index into analysis().events), or -1: the
    /// event that answers "is it holding?" then (headlineEvent()), so a view of 2013 reads 2013.
    int stateEvent() const { return stateEvent_; }
    /// The headline's zone while it is retesting, held or not yet retested (drawn emphasised);
    /// else -1.
    int activeZone() const;
    /// The headline's zone, whatever its state (its name is on the chart), or -1.
    int headlineZone() const;
    /// The zones whose names are drawn after the last layout.
    std::vector<int> namedZones() const;
    /// "All-time high 3,393.52 · 2020-02-19", empty when there is none.
    QString allTimeHighText() const;
    /// The headline in words as of the last visible bar (drawn under the readout, on two
    /// lines: the event, then its retest and the distance now), empty without one.
    QString stateText() const;
    /// The state box's text as drawn: stateText() in lines that fit the pane.
    QStringList stateBoxLines() const;
    /// The explanation shown when hovering the zone, as of the last visible bar.
    QString zoneToolTip(int zone) const;
    /// The same explanation for any zone (the levels panel shows it too); `asOf`: the zone is
    /// as of that earlier day (zoneAsOf(): its touches, strength and explanation then), and the
    /// tooltip says so.
    static QString describeZone(const Zone& zone, std::optional<Day> asOf = std::nullopt);
    /// The drawn zone under a pixel of the plot (a few pixels of slack for thin bands), or -1.
    int zoneAt(QPointF pixel) const;
    /// The weekly or monthly line under a pixel (index into higherTimeframeLines()), or -1;
    /// hovering it explains it as hovering a zone does, labelled or not.
    int higherTimeframeLineAt(QPointF pixel) const;
    /// "Weekly level: the Mar-2000 record high · support", its zone on that chart, its
    /// strength and its explanation.
    QString higherTimeframeToolTip(int line) const;

    /// The band colour (full opacity) of a zone in a theme.
    static QColor zoneColor(const Zone& zone, const ChartTheme& theme);

private:
    struct ZoneItems {
        int zone = -1;
        QCPItemRect* band = nullptr;
        QCPItemStraightLine* centre = nullptr;
        QCPItemText* tag = nullptr;
        QCPItemText* name = nullptr;
    };
    /// The zones whose `text` item (tag or name) is visible.
    std::vector<int> zonesShowing(QCPItemText* ZoneItems::*text) const;
    struct EventItems {
        int event = -1;
        QCPItemLine* arrow = nullptr;
        QCPItemText* text = nullptr;
    };

    void rebuild();
    void removeItems();
    void buildZone(int zone);
    void buildEvent(int event);
    void buildAllTimeHigh();
    void buildState();
    void buildHigherTimeframes();
    void showState();
    bool updateState();
    void onVisibleRangeChanged();
    std::vector<double> placedPrices() const;
    /// The bar the overlay reads as of (the last visible one), or -1 when it does not match
    /// the chart.
    int lastVisibleBar() const;
    void restyle();
    void styleZone(const ZoneItems& items);
    void layoutLabels();
    void placeTags();
    void registerTags(bool show);
    /// `reserved`: what the labels keep clear of besides each other (ChartView::reservedAreas:
    /// the readout, the compare legend, the words of the user's drawings).
    void placeEvents(const std::vector<QRectF>& reserved);
    struct EventLabelPlace {
        Qt::Alignment align;
        double dx = 0;     // text offset from the arrow's start
        QRectF box;        // pixels
        double reach = 0;  // arrow length
    };
    std::optional<EventLabelPlace> placeEventLabel(int index, bool up, QSizeF size,
                                                   Qt::Alignment align,
                                                   const std::vector<QRectF>& placed) const;
    void placeAllTimeHigh(const std::vector<QRectF>& reserved);
    void placeHigherTimeframeLabels(const std::vector<QRectF>& reserved);
    void placeState();
    void reserveStateBand();
    void fitStateText();
    /// The height of the band under the prices the headline box takes (0 while it is hidden).
    int stateBand() const;
    /// How many visible candles the pixel rectangle `box` covers.
    int candlesUnder(const QRectF& box) const;
    bool matchesView() const;
    bool zoneShown(int zone) const;
    /// The event had failed by the last visible bar: drawn as a grey arrow with no label.
    bool failedInView(int event) const;
    /// A zone as of the last visible bar (zoneAsOf()): its bounds, role, touches, strength and
    /// explanation then.
    const Zone& zoneOf(int zone) const;
    QColor colorOf(int zone) const;
    int barIndexOf(Day day) const;
    void onMouseMove(QMouseEvent* event);

    ChartView& view_;
    QPointer<QCustomPlot> plot_;  ///< null once the chart is gone: nothing left to remove
    QCPLayer* bandLayer_ = nullptr;
    QCPLayer* labelLayer_ = nullptr;
    QCPLayer* stateLayer_ = nullptr;  // the state box: above the drawings, below the crosshair
    LevelAnalysis analysis_;
    bool showAuto_ = true;
    int highlighted_ = -1;
    int hovered_ = -1;  // the zone under the mouse, or -2 - k for weekly or monthly line k
    QColor styledFor_;
    std::vector<int> shown_;
    std::vector<ZoneItems> zones_;
    std::vector<EventItems> events_;
    std::vector<double> tagPrices_;   // per zones_ entry
    std::vector<int> tagPriorities_;  // per zones_ entry
    bool tagsRegistered_ = false;
    QCPItemStraightLine* athLine_ = nullptr;
    QCPItemText* athText_ = nullptr;
    QCPItemText* stateText_ = nullptr;
    QString stateDescription_;   // the headline's description, unbroken
    QString fittedDescription_;  // what the box's lines were broken from, and at what width
    double fittedRoom_ = -1;
    // Weekly and monthly levels drawn on a daily chart and their zones, in the same order.
    struct HigherItems {
        QCPItemStraightLine* line = nullptr;
        QCPItemText* label = nullptr;
    };
    std::vector<HigherItems> higher_;
    std::vector<Zone> higherZones_;
    // The events as of the last visible bar (eventsAsOf()) and the headline among them; what
    // the view reads as of that bar.
    std::vector<LevelEvent> asOf_;
    std::vector<char> selection_;  // defaultSelection() as of that bar
    std::vector<Zone> viewZones_;  // the zones then (empty: analysis_.zones, the last bar's)
    double closeAsOf_ = 0;
    std::vector<Zone> higherAsOf_;  // the weekly and monthly levels then
    std::optional<AllTimeHigh> athAsOf_;
    int asOfBar_ = -1;
    int stateEvent_ = -1;
};

}  // namespace retest::ui
