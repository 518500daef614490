// What one chart shows: a symbol, its cached daily bars, the timeframe they are viewed in, and
// what the cache knows about the symbol. Owned outside the widgets; views observe `changed()`.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "core/analytics/levels.h"
#include "core/cache/price_cache.h"
#include "core/model/bar.h"
#include "core/model/timeframe.h"

namespace retest::ui {

class ChartDocument : public QObject {
    Q_OBJECT

public:
    explicit ChartDocument(PriceCache& cache, QObject* parent = nullptr);

    /// Loads `symbol` from the cache (an unknown symbol gives no bars and no error).
    /// Returns false and sets loadError() when the cache cannot be read.
    bool setSymbol(const QString& symbol);
    /// Reloads the current symbol (after an import or a refresh).
    bool reload();
    void setTimeframe(Timeframe tf);
    /// Shows the data as it stood at the end of `day` (bars after it are not read), so levels,
    /// breakouts and retests are those a user saw then. std::nullopt: all data.
    void setUntil(std::optional<Day> day);
    std::optional<Day> until() const { return until_; }
    /// Adjusted (default): OHLC scaled by adjClose/close, so splits and dividends do not show
    /// as gaps. Raw: prices as traded at the time.
    void setAdjusted(bool adjusted);
    bool adjusted() const { return adjusted_; }

    const QString& symbol() const { return symbol_; }
    Timeframe timeframe() const { return timeframe_; }
    /// Daily bars as stored.
    const std::vector<Bar>& dailyBars() const { return daily_; }
    /// Bars in the current timeframe (what the chart draws).
    const std::vector<Bar>& bars() const { return bars_; }
    const std::optional<SymbolInfo>& info() const { return info_; }
    /// Splits and dividends of the symbol up to the shown data's end, oldest first.
    const std::vector<CorporateAction>& actions() const { return actions_; }
    const QString& loadError() const { return loadError_; }
    PriceCache& cache() const { return cache_; }

    /// Support/resistance analysis of bars() (empty until the first computation finishes).
    const LevelAnalysis& levels() const { return levels_; }
    const LevelSettings& levelSettings() const { return levelSettings_; }
    const std::vector<ManualLevel>& manualLevels() const { return manualLevels_; }
    /// The levels are recomputed off the GUI thread after every change of symbol, bars,
    /// timeframe, sensitivity or manual levels; levelsChanged() follows. With `synchronous`
    /// (command line, tests) the work happens right here instead.
    void setSynchronousLevels(bool synchronous) { synchronousLevels_ = synchronous; }
    void setSensitivity(double sensitivity);
    /// Stores a level the user placed by hand (in the cache, per symbol) and recomputes.
    Result<std::int64_t> addManualLevel(double price, const QString& label);
    Result<Ok> removeManualLevel(std::int64_t id);
    /// True while a computation is running.
    bool levelsPending() const { return pending_ > 0; }

    /// "^GSPC · S&P 500 · Daily · 2019-04-17 – 2020-04-17" for the bars from..to.
    QString title(Day from, Day to) const;
    /// The message shown instead of a chart when there are no bars.
    QString emptyMessage() const;

    // --- market context (owner: compare overlays and panes) ---
    /// True for a ratio symbol ("IWM:SPY"), computed from the cache; drawn as a line.
    bool isRatio() const;
    /// The compare overlays and panes remembered for this symbol (read on every load).
    const std::vector<ChartContextItem>& marketContext() const { return context_; }
    /// Remembers them in the cache for this symbol.
    Result<Ok> setMarketContext(std::vector<ChartContextItem> items);

Q_SIGNALS:
    /// The symbol, its bars or the timeframe changed.
    void changed();
    /// levels() holds the analysis of the current bars.
    void levelsChanged();

private:
    void loadManualLevels();
    void rebuildBars();
    void recomputeLevels();

    PriceCache& cache_;
    LevelSettings levelSettings_;
    LevelAnalysis levels_;
    std::vector<ManualLevel> manualLevels_;
    bool synchronousLevels_ = false;
    int pending_ = 0;
    std::uint64_t generation_ = 0;
    QString symbol_;
    Timeframe timeframe_ = Timeframe::Daily;
    bool adjusted_ = true;
    std::optional<Day> until_;
    std::vector<Bar> daily_;
    std::vector<Bar> bars_;
    std::optional<SymbolInfo> info_;
    std::vector<CorporateAction> actions_;
    QString loadError_;
    std::vector<ChartContextItem> context_;  // market context of symbol_
};

}  // namespace retest::ui
