// The one owner of everything a chart shows: the symbol, its bars in a timeframe and as of a
// date, the support/resistance analysis and its lifecycle, the user's manual levels and
// drawings, the level selection, and one undo history. Every edit is a QUndoCommand on
// undoStack() that writes the cache as it is done or undone; views (chart overlays, the levels
// dock, the drawing tools, the export renderer) read the document and follow its signals, and
// never hand state to one another.
#pragma once

#include <QObject>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/analytics/levels.h"
#include "core/annotations/annotation.h"
#include "core/cache/price_cache.h"
#include "core/model/bar.h"
#include "core/model/timeframe.h"

class QUndoStack;

namespace retest::ui {

/// One symbol's data as a chart shows it, read from the cache without any Qt object: the
/// document holds one, and the batch export loads them on a worker thread.
struct ChartData {
    QString symbol;
    Timeframe timeframe = Timeframe::Daily;
    std::vector<Bar> daily;  ///< as stored, up to the as-of day
    std::vector<Bar> bars;   ///< in `timeframe`, adjusted or as traded
    std::optional<SymbolInfo> info;
    std::vector<CorporateAction> actions;  ///< up to the as-of day, oldest first
    QString loadError;                     ///< empty when the cache could be read
};

/// Reads `symbol` from `cache`. `until`: bars after that day are left out; `adjusted`: OHLC
/// scaled by adjClose/close so splits and dividends do not show as gaps.
ChartData loadChartData(const PriceCache& cache, const QString& symbol, Timeframe timeframe,
                        std::optional<Day> until, bool adjusted);
/// "^GSPC · S&P 500 · Daily · 2019-04-17 – 2020-04-17" (the dates only when there are bars).
QString chartTitle(const ChartData& data, Day from, Day to);

/// The levels a chart shows for `data`: the analysis of its bars and, on a daily chart, the
/// weekly and monthly major levels. The window, its exports and the command line read them
/// the same way.
LevelAnalysis chartLevels(const ChartData& data, bool adjusted, const LevelSettings& settings,
                          std::vector<ManualLevelInput> manual);
/// The analyses a document keeps between refreshes (chart_document.cpp).
struct ChartLevelStreams;

class ChartDocument : public QObject {
    Q_OBJECT

public:
    explicit ChartDocument(PriceCache& cache, QObject* parent = nullptr);
    ~ChartDocument() override;

    // ---- What is shown -------------------------------------------------------------------
    /// Loads `symbol` from the cache (an unknown symbol gives no bars and no error). Returns
    /// false and sets loadError() when the cache cannot be read. Clears the undo history.
    bool setSymbol(const QString& symbol);
    /// Reloads the current symbol (after an import or a refresh); keeps the undo history.
    bool reload();
    /// After another process wrote to the cache (MainWindow::showCacheChanges()): reloads the
    /// current symbol when its bars changed, else only its levels, drawings and sensitivity
    /// when they did, so the view keeps its range. True when anything was read anew.
    bool reloadIfChanged();
    void setTimeframe(Timeframe tf);
    /// Shows the data as it stood at the end of `day` (bars after it are not read), so levels,
    /// breakouts and retests are those a user saw then. std::nullopt: all data.
    void setUntil(std::optional<Day> day);
    std::optional<Day> until() const { return until_; }
    /// As traded (default: the prices chartists quote, so levels and records read as they do;
    /// split-adjusted where the source is) or adjusted by adjClose / close (dividends too).
    void setAdjusted(bool adjusted);
    bool adjusted() const { return adjusted_; }

    const QString& symbol() const { return data_.symbol; }
    Timeframe timeframe() const { return data_.timeframe; }
    /// Daily bars as stored.
    const std::vector<Bar>& dailyBars() const { return data_.daily; }
    /// Bars in the current timeframe (what the chart draws).
    const std::vector<Bar>& bars() const { return data_.bars; }
    const std::optional<SymbolInfo>& info() const { return data_.info; }
    /// Splits and dividends of the symbol up to the shown data's end, oldest first.
    const std::vector<CorporateAction>& actions() const { return data_.actions; }
    const ChartData& data() const { return data_; }
    const QString& loadError() const { return data_.loadError; }
    /// Why the manual levels or drawings could not be read (empty when they could).
    const QString& editsError() const { return editsError_; }
    PriceCache& cache() const { return cache_; }

    /// "^GSPC · S&P 500 · Daily · 2019-04-17 – 2020-04-17" for the bars from..to.
    QString title(Day from, Day to) const;
    /// The message shown instead of a chart when there are no bars.
    QString emptyMessage() const;

    // ---- The analysis and its lifecycle -------------------------------------------------
    // Every change of bars, timeframe, sensitivity or manual levels starts a new generation.
    // In the background (the window) at most one analysis runs at a time: requests made while
    // one runs are coalesced into one run of the newest inputs when it finishes, and a result
    // of an older generation is dropped. Synchronous mode (command line, tests) computes at
    // once.
    void setSynchronousLevels(bool synchronous) { synchronousLevels_ = synchronous; }
    /// The latest finished analysis (of older inputs while levelsPending()).
    const LevelAnalysis& levels() const { return levels_; }
    /// The analysis of the current bars, settings and manual levels: computed right here when
    /// the latest generation has not finished yet (an export right after a symbol switch).
    const LevelAnalysis& currentAnalysis();
    /// True while the newest generation has no result yet.
    bool levelsPending() const { return finishedGeneration_ != generation_; }
    std::uint64_t levelsGeneration() const { return generation_; }
    /// Background analyses running now (0 or 1), the most ever running at once, and how many
    /// were started: the evidence that holding an arrow key does not pile up work.
    int analysesRunning() const;
    int peakAnalysesRunning() const;
    int analysesStarted() const;
    /// How many bars the latest analysis put through the level engines: after a refresh that
    /// adds a day, the new bar and the one before it changed (not the whole history).
    std::size_t lastAnalysedBars() const;

    const LevelSettings& levelSettings() const { return levelSettings_; }

    // ---- Edits (each one undoable, each written to the cache) ---------------------------
    QUndoStack& undoStack() const { return *undo_; }
    /// Changes the sensitivity (consecutive changes merge into one undo step); remembered in the
    /// cache per symbol, and read back whenever the symbol is loaded.
    void setSensitivity(double sensitivity);
    const std::vector<ManualLevel>& manualLevels() const { return manualLevels_; }
    /// Stores a level placed by hand; returns its cache id (the id survives undo and redo as
    /// far as the document's callers can see: `resolveManualId` maps it to the current row).
    Result<std::int64_t> addManualLevel(double price, const QString& label);
    Result<Ok> editManualLevel(std::int64_t id, double price, const QString& label);
    Result<Ok> removeManualLevel(std::int64_t id);
    std::int64_t resolveManualId(std::int64_t id) const;

    /// The symbol's drawings as stored (ascending id).
    const std::vector<Annotation>& drawings() const { return drawings_; }
    const Annotation* findDrawing(std::int64_t id) const;
    /// Adds a drawing; returns its id (0 when it was refused or the write failed).
    std::int64_t addDrawing(Annotation a);
    /// Replaces the stored drawing `after.id` with `after`; `text` names the undo step.
    bool editDrawing(const Annotation& after, const QString& text);
    bool removeDrawing(std::int64_t id);
    std::int64_t resolveDrawingId(std::int64_t id) const;

    // ---- View state every view shares ---------------------------------------------------
    /// The selected level by Zone::id ("" for none); kept across recomputations by id.
    const std::string& selectedLevelId() const { return selectedLevel_; }
    /// Selects a level; `reveal` asks the chart to scroll to its last touch.
    void selectLevel(const std::string& zoneId, bool reveal = false);
    /// The index of zone `zoneId` in levels().zones, or -1.
    int zoneIndex(const std::string& zoneId) const;
    /// false: only manual levels are shown (chart and panel).
    void setShowAutoLevels(bool show);
    bool showAutoLevels() const { return showAutoLevels_; }

    // ---- Market context: compare overlays and indicator panes ------------------------------
    /// True for a ratio symbol ("IWM:SPY"), computed from the cache; drawn as a line.
    bool isRatio() const;
    /// The compare overlays and panes remembered for this symbol (read on every load).
    const std::vector<ChartContextItem>& marketContext() const { return context_; }
    /// Remembers them in the cache for this symbol.
    Result<Ok> setMarketContext(std::vector<ChartContextItem> items);

    // ---- Write primitives for the undo commands (ui/chart_document_commands.cpp) ----------
    struct Writes;
    Writes& writes() { return *writes_; }

Q_SIGNALS:
    /// The symbol, its bars or the timeframe changed.
    void changed();
    /// levels() holds the analysis of the current bars.
    void levelsChanged();
    void levelSettingsChanged();
    void manualLevelsChanged();
    void drawingsChanged();
    void levelSelectionChanged(bool reveal);
    void levelFilterChanged();
    /// A cache read or write failed: text for the status bar.
    void errorOccurred(const QString& message);

private:
    void loadEdits();
    void loadSensitivity();
    void requestAnalysis();
    void startAnalysis();
    void applySensitivity(double sensitivity);
    void report(const Error& error);

    PriceCache& cache_;
    ChartData data_;
    bool adjusted_ = false;
    std::optional<Day> until_;

    LevelSettings levelSettings_;
    LevelAnalysis levels_;
    bool synchronousLevels_ = false;
    std::uint64_t generation_ = 0;
    std::uint64_t finishedGeneration_ = 0;
    struct AnalysisStats;
    std::shared_ptr<AnalysisStats> stats_;
    std::unique_ptr<ChartLevelStreams> streams_;  // null while a background job uses them
    bool running_ = false;

    std::vector<ManualLevel> manualLevels_;
    std::vector<Annotation> drawings_;
    QString editsError_;
    std::string selectedLevel_;
    bool showAutoLevels_ = true;
    QUndoStack* undo_ = nullptr;
    std::unique_ptr<Writes> writes_;
    std::vector<ChartContextItem> context_;  // market context of the symbol
};

}  // namespace retest::ui
