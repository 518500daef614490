// The price chart: a QCustomPlot with a price pane (candles, OHLC bars or a line), a volume
// pane, a session x axis, crosshair readout, x-only zoom/pan with y auto-fit, range presets,
// themes and headless image export. Shows bars; knows nothing about where they come from.
#pragma once

#include <QFont>
#include <QPointer>
#include <QRect>
#include <QRectF>
#include <QSharedPointer>
#include <QString>
#include <QWidget>
#include <array>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/bar.h"
#include "core/model/timeframe.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_types.h"

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPFinancial;
class QCPGraph;
class QCPBars;
class QCPItemText;
class QCPItemStraightLine;
class QCPLayer;
class QCPRange;
class QCPTextElement;
class QMouseEvent;

namespace retest::ui {

class SessionTicker;

class ChartView : public QWidget {
    Q_OBJECT

public:
    explicit ChartView(QWidget* parent = nullptr);
    ~ChartView() override;

    /// Replaces the series (ascending by day). Keeps the active range preset, else shows the
    /// last year. Leaves the empty state.
    void setBars(std::vector<Bar> bars, Timeframe tf);
    const std::vector<Bar>& bars() const { return bars_; }
    Timeframe timeframe() const { return timeframe_; }

    void setStyle(ChartStyle style);
    ChartStyle style() const { return style_; }
    void setLogScale(bool on);
    bool logScale() const { return logScale_; }
    /// Keeps a band this many pixels high free of candles at the bottom of the price pane (for
    /// the level overlay's headline box); 0 gives the pane back to the prices.
    void setBottomReserve(int pixels);
    /// The same at the top, beyond the readout's row (for the compare legend).
    void setTopReserve(int pixels);
    /// Sets the price axis so that [low, high] fills the pane between the bands kept at its top
    /// and bottom (the readout's pad, the reserves): what fitting to the visible bars does, for
    /// overlays that draw more than the bars (compares).
    void fitPriceRange(double low, double high);

    /// Shows a preset span ending at the last bar; it stays active until the user zooms/pans.
    void applyRangePreset(RangePreset preset);
    std::optional<RangePreset> rangePreset() const { return preset_; }
    /// Shows the bars dated within [from, to] (inclusive); clears the active preset.
    void setDateRange(Day from, Day to);
    /// Indices of the first and last bar in view; {0, -1} when there are no bars.
    std::pair<int, int> visibleBarRange() const;

    void setTheme(const ChartTheme& theme);
    const ChartTheme& theme() const { return theme_; }
    void setTitle(const QString& title);
    QString title() const;

    /// Replaces axes and bars with a centred message (and drops the bars); setBars() leaves
    /// this state.
    void showEmptyState(const QString& message);
    bool isEmptyStateShown() const { return emptyShown_; }
    QString emptyStateMessage() const;

    /// Bars per drawn candle at the current zoom (1 = every bar drawn).
    int decimationFactor() const { return factor_; }
    /// Bar under the crosshair, or -1.
    int hoveredBar() const { return hovered_; }
    /// The readout line currently shown (hovered bar, else the last visible bar). When zoomed
    /// out, it reads the whole merged candle: its date span, first open, highest high, lowest
    /// low, last close and summed volume.
    QString readout() const;

    // Keyboard navigation (as TradingView): +/- zoom, Left/Right pan, Home/End jump to the
    // start/end of the data. Up/Down are left to the watchlist.
    /// Zooms around the middle of the view (factor < 1 zooms in); the right edge stays on the
    /// last bar when it is in view.
    void zoomBy(double factor);
    /// Pans by `fraction` of the visible width (negative: to the past).
    void panBy(double fraction);
    /// Shows the first (false) or last (true) bars, keeping the zoom.
    void jumpToEnd(bool end);

    QCustomPlot* plot() { return plot_; }
    QCPAxisRect* priceRect() { return priceRect_; }
    QCPAxisRect* volumeRect() { return volumeRect_; }
    QCPAxis* priceAxis() const;
    QCPAxis* volumeAxis() const;
    /// The bottom axis that carries the date labels (volume pane).
    QCPAxis* timeAxis() const;
    const SessionTicker& sessionTicker() const { return *ticker_; }

    /// Renders at width x height (pixels, times `scale`) to PNG, JPEG (quality 92) or PDF by
    /// extension. Works headless on a never-shown widget; writes a temporary file next to
    /// `path` and renames it, so a failure never leaves a partial file.
    bool saveImage(const QString& path, int width, int height, double scale = 1.0,
                   QString* error = nullptr);

    /// Scrolls, keeping the zoom, so bar `index` is in view (about two thirds across); does
    /// nothing when it already is. Clears the active range preset when it moves.
    void showBarIndex(int index);

    // --- axis tags (used by the levels overlay and the drawings) ---
    /// A tag on the price axis: a box with a price in it, as near `price` as the other tags
    /// allow; when there is no room for all, the higher `priority` stays.
    struct AxisTag {
        double price = 0;
        int priority = 0;
    };
    /// Replaces the tags `owner` wants on the price axis (empty: none). After each layout the
    /// chart places every owner's tags together so that none overlap, and hides the tick
    /// labels under them; tick labels whose text would cross into the other pane are hidden
    /// too. Tags and labels give way to each other instead of being drawn on top.
    void setAxisTags(const QObject* owner, std::vector<AxisTag> tags);
    /// The pixel y of the centre of `owner`'s tag `index` after the last layout; nothing when
    /// it is not shown (price out of view, or no room).
    std::optional<double> axisTagY(const QObject* owner, std::size_t index) const;
    /// Font and height (pixels, padding included) of a tag box on the price axis.
    static QFont axisTagFont();
    static int axisTagHeight();

    /// Writes the chart to `path` (PNG, JPEG, PDF or SVG by extension) at options' size, with
    /// the price/change line, legend and footer when `options.decorated`. Headless; goes
    /// through a temporary file and a rename, so a failure leaves nothing behind.
    bool exportImage(const QString& path, const ImageOptions& options, QString* error = nullptr);
    /// The same picture as exportImage() in memory (for the clipboard); null on bad options.
    QImage renderImage(const ImageOptions& options);
    /// "4123.45  +12.30 (+0.30%)" for the last visible bar (empty without bars).
    QString lastPriceText() const;

    // --- market context hooks (owner: compare overlays and indicator panes) ---
    /// Inserts an empty axis rect under the price pane and any earlier panes (above volume),
    /// sharing the time axis, the margins and the crosshair. `stretch` is its share of the
    /// height (the price pane has 0.77). Styled with the theme; removed with removePaneRect.
    QCPAxisRect* insertPaneRect(double stretch);
    void removePaneRect(QCPAxisRect* rect);
    void setPaneStretch(QCPAxisRect* rect, double stretch);
    double paneStretch(QCPAxisRect* rect) const;
    const std::vector<QCPAxisRect*>& paneRects() const { return panes_; }
    QCPLayer* crosshairLayer() const { return crosshairLayer_; }
    /// Parts of the price pane an overlay keeps for itself (the compare legend, the notes and
    /// labels of the user's drawings): `areas` gives their pixel rectangles whenever labels are
    /// placed, and the level labels stay out of them. Forgotten when `owner` is destroyed.
    void reserveAreas(QObject* owner, std::function<std::vector<QRectF>()> areas);
    /// Those areas, and the readout's row while it is shown.
    std::vector<QRectF> reservedAreas() const;

Q_SIGNALS:
    void hoveredBarChanged(int index);
    void visibleRangeChanged();
    /// The active range preset ended (the user zoomed or panned, or a date range was set).
    void rangePresetCleared();
    /// The crosshair moved to bar `index` with the mouse at `pos` (plot pixels); emitted before
    /// the crosshair layer is redrawn, so listeners only move their items.
    void crosshairMoved(int index, const QPoint& pos);
    /// The theme changed (after the chart restyled itself).
    void themeChanged();
    /// An image export lays the chart out (`exporting` true) and puts it back (false):
    /// overlays leave out what only makes sense on screen (the legend's remove buttons).
    void exportLayoutChanged(bool exporting);
    /// Emitted first thing in the destructor, while the view is still whole: overlays that
    /// remove their items from it let go here (QObject::destroyed comes too late for that).
    void aboutToBeDestroyed();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildLayout();
    void buildPlottables();
    void linkTimeAxes();
    void buildCrosshair();
    void applyThemeToPlot();
    void applyStyle();
    void applyFonts();
    void setAxesVisible(bool visible);
    void reserveTagMargin();
    void setXRange(double lower, double upper);
    void clearPreset();
    void layoutAxisLabels();
    void showIndexRange(int first, int last);
    void onTimeRangeChanged(const QCPRange& range);
    void refreshView();
    void rebuildDrawnData();
    void fitYAxes(int first, int last);
    void updatePriceTicker();
    void onMouseMove(QMouseEvent* event);
    void placeCrosshair(const QPoint& pos);
    void setHovered(int index);
    void hideCrosshair();
    void updateReadout();
    double pixelColumns() const;

    friend class ExportLayout;  // lays the plot out at the export size with its decorations
    bool renderFile(const QString& path, ImageFormat format, const ImageOptions& options);

    QCustomPlot* plot_ = nullptr;
    QCPAxisRect* priceRect_ = nullptr;
    QCPAxisRect* volumeRect_ = nullptr;
    QCPTextElement* title_ = nullptr;
    QCPFinancial* financial_ = nullptr;
    QCPGraph* line_ = nullptr;
    QCPBars* volumeUp_ = nullptr;
    QCPBars* volumeDown_ = nullptr;
    QCPLayer* crosshairLayer_ = nullptr;
    std::vector<std::pair<QPointer<QObject>, std::function<std::vector<QRectF>()>>> reserved_;
    QCPItemStraightLine* vLinePrice_ = nullptr;
    QCPItemStraightLine* vLineVolume_ = nullptr;
    QCPItemStraightLine* hLinePrice_ = nullptr;
    QCPItemStraightLine* hLineVolume_ = nullptr;
    QCPItemText* priceTag_ = nullptr;
    QCPItemText* dateTag_ = nullptr;
    QCPItemText* readout_ = nullptr;
    QCPItemText* emptyText_ = nullptr;
    QSharedPointer<SessionTicker> ticker_;
    std::vector<QCPAxisRect*> panes_;  // market context panes, top to bottom
    int paneRow(QCPAxisRect* rect) const;
    void fitVolumePane();
    void stylePaneRect(QCPAxisRect* rect);

    std::vector<std::pair<const QObject*, std::vector<AxisTag>>> tagRequests_;
    std::array<QRect, 2> preparedRects_{};  // price and volume pane when labels were last made
    std::vector<std::pair<const QObject*, std::vector<std::optional<double>>>> tagPlaced_;
    std::vector<Bar> bars_;
    std::vector<DrawnBar> drawn_;  // what the plottables show at factor_
    Timeframe timeframe_ = Timeframe::Daily;
    ChartStyle style_ = ChartStyle::Candles;
    ChartTheme theme_ = ChartTheme::light();
    bool logScale_ = false;
    std::optional<RangePreset> preset_;
    bool programmatic_ = false;
    bool emptyShown_ = false;
    int factor_ = 0;                // 0 = drawn data not built yet
    int bottomReserve_ = 0;         // setBottomReserve()
    int topReserve_ = 0;            // setTopReserve()
    int readoutBand_ = 0;           // the resting readout's height: the top band is never less
    double bottomFraction_ = 0;     // the share of the pane below the lowest low, as fitted
    double topFraction_ = 0;        // above the highest high
    double bottomFraction() const;  // what they should be at the pane's height now
    double topFraction() const;
    int hovered_ = -1;
    QPoint mousePos_;        // where the mouse last moved over the plot
    bool hasVolume_ = true;  // some bar has volume: the pane and the readout show it
    int first_ = 0;
    int last_ = -1;
};

}  // namespace retest::ui
