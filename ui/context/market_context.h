// A chart's market context: the compare overlays and indicator panes of one chart, built from
// the cache for the chart's symbol, timeframe and price adjustment, edited by the user and
// handed back as ChartContextItems to remember. Used by the window and by image export.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

#include "core/alerts/alert.h"
#include "core/cache/price_cache.h"
#include "core/context/series_loader.h"
#include "core/model/result.h"
#include "core/model/timeframe.h"
#include "ui/chart/compare_layer.h"
#include "ui/chart/indicator_pane.h"

class QPoint;

namespace retest::ui {

class ChartView;

/// How the chart's own bars were made, so context series are made the same way.
struct ContextFrame {
    QString mainSymbol;
    Timeframe timeframe = Timeframe::Daily;
    bool adjusted = true;
    std::optional<Day> until;
};

/// A compare or pane series read for a chart: bars in its timeframe, adjusted like it.
Result<LoadedSeries> loadContextSeries(const PriceCache& cache, const QString& symbol,
                                       const ContextFrame& frame);
/// "^TNX · from DGS10 (no ^TNX data in the cache)", "IWM:SPY · relative strength (…)", "KRE".
QString paneTitle(const LoadedSeries& series);
/// The thresholds a new pane of `symbol` starts with: 5.00 for ^TNX and DGS10, else none.
std::vector<double> defaultThresholds(const QString& symbol);
/// "SPY": the benchmark of a relative-strength pane.
inline constexpr const char* kDefaultBenchmark = "SPY";

class MarketContext : public QObject {
    Q_OBJECT

public:
    MarketContext(ChartView& view, const PriceCache& cache);
    ~MarketContext() override;

    /// Replaces everything with `items` for the chart described by `frame` (the view already
    /// shows its bars). Items that cannot be shown are left out; their errors are returned.
    QStringList apply(const ContextFrame& frame, const std::vector<ChartContextItem>& items);
    /// Re-reads every series for a new timeframe/adjustment/as-of day, keeping the set.
    QStringList reframe(const ContextFrame& frame);
    void clear();

    /// Adds a compare overlay; an Error naming the symbol when it cannot be (unknown, bad
    /// ratio, already shown, the chart's own symbol, or four shown already). Chart unchanged.
    Result<Ok> addCompare(const QString& symbol);
    bool removeCompare(const QString& symbol);
    /// Adds a pane (thresholds: the default for the symbol when std::nullopt). A ratio A:B is
    /// shown as A's relative strength against B (100 on their first common day).
    Result<Ok> addPane(const QString& symbol,
                       const std::optional<std::vector<double>>& thresholds = std::nullopt,
                       double stretch = 0);
    bool removePane(int index);
    void setThresholds(int pane, std::vector<double> values);

    CompareLayer* compare() const { return compare_.get(); }
    const std::vector<std::unique_ptr<IndicatorPane>>& panes() const { return panes_; }
    /// What to remember: the compares, then the panes, in order.
    std::vector<ChartContextItem> items() const;

    /// The pane's menu (thresholds, remove) at a screen position; used on right click.
    void showPaneMenu(int pane, const QPoint& globalPos);

Q_SIGNALS:
    /// The user changed the set (added, removed, thresholds, pane height): remember items().
    void edited();
    /// A pane's right-click ▸ Alert on Threshold…: a close above or below it on the pane's
    /// symbol (^TNX above 5), for the alert dialog.
    void alertRequested(const std::vector<retest::Alert>& choices);

private:
    void connectPane(IndicatorPane* pane);
    CompareLayer& ensureCompare();

    ChartView& view_;
    const PriceCache& cache_;
    ContextFrame frame_;
    std::unique_ptr<CompareLayer> compare_;
    std::vector<std::unique_ptr<IndicatorPane>> panes_;
};

}  // namespace retest::ui
