// Rendering one symbol's chart to an image file: the library behind `retest export` and the
// window's Save image, Copy image and batch export. What is drawn comes from an ExportSource:
// the open document's data and its current analysis (never a previous symbol's), or the same
// loaded straight from the cache (on a worker thread for the window's batch export).
#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

#include "core/analytics/levels.h"
#include "core/annotations/annotation.h"
#include "core/cache/price_cache.h"
#include "ui/chart/action_markers.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart_document.h"
#include "ui/context/market_context.h"

namespace retest::ui {

/// What to draw for each symbol of an export.
struct SymbolExportRequest {
    Timeframe timeframe = Timeframe::Daily;
    std::optional<RangePreset> range;  ///< used when from/to are unset; default 1Y
    std::optional<Day> from;
    std::optional<Day> to;
    ImageOptions image;
    ChartTheme theme = ChartTheme::light();
    ChartStyle style = ChartStyle::Candles;
    bool logScale = false;
    bool levels = true;
    /// Levels sensitivity 0..1; std::nullopt: the symbol's, as last set in the window.
    std::optional<double> sensitivity;
    bool annotations = true;
    QString title;  ///< empty: "SYMBOL · Name · Daily · from – to"
    /// Compare overlays and panes; std::nullopt: what the document remembers for its symbol.
    /// Given explicitly (the command line), one that cannot be shown fails the export.
    std::optional<std::vector<ChartContextItem>> context;
};

enum class ExportStatus { Written, NoData, Failed };

struct ExportOutcome {
    ExportStatus status = ExportStatus::Failed;
    QString message;  ///< why it was not written
};

/// Everything an export draws, as plain values (no QObject: it may be built on any thread).
struct ExportSource {
    ChartData data;
    LevelAnalysis levels;  ///< of data.bars
    std::vector<Annotation> drawings;
    QString error;  ///< a cache read that failed (the export then fails with it)
    /// The chart's compare overlays and panes, read from `cache` when the scene is built (on
    /// the thread that owns `cache`; null: none are drawn, as in a background batch).
    std::vector<ChartContextItem> context;
    const PriceCache* cache = nullptr;
    bool ratio = false;  ///< a ratio symbol: drawn as a line unless another style is asked for
    bool adjusted = false;
    std::optional<Day> until;
};

/// The open document as it stands: its bars, its current analysis (computed now if the
/// latest one has not finished) and its drawings.
ExportSource exportSource(ChartDocument& doc);
/// `symbol` straight from the cache with the request's timeframe and as-of day (req.to),
/// levels computed here. Uses only `cache`, so a worker thread may call it with its own.
ExportSource loadExportSource(const PriceCache& cache, const QString& symbol,
                              const SymbolExportRequest& req);

/// "Data: yahoo · as of 2020-04-17" from what the cache knows about the symbol.
QString exportFooter(const ChartData& data);

/// A headless chart laid out for an export: the view, its overlays and the image options
/// (footer and legend filled in from the source).
struct ExportScene {
    ChartView view;
    std::optional<LevelOverlay> levels;
    std::optional<AnnotationLayer> drawings;
    std::optional<ActionMarkers> actions;
    std::optional<MarketContext> context;  // compare overlays and panes
    ImageOptions image;
};

/// Builds the scene for `source`, or explains in `outcome` why there is none.
std::unique_ptr<ExportScene> buildExportScene(const ExportSource& source,
                                              const SymbolExportRequest& req,
                                              ExportOutcome& outcome);
/// Renders `source` to `path` (the format follows the extension).
ExportOutcome renderExport(const ExportSource& source, const SymbolExportRequest& req,
                           const QString& path);
/// Loads `symbol` from the cache and renders it to `path`.
ExportOutcome exportSymbol(const PriceCache& cache, const QString& symbol,
                           const SymbolExportRequest& req, const QString& path);

/// The symbols a batch export covers: the default (first stored) watchlist, then every other
/// cached symbol, or only the stored watchlist `list` (WatchlistStore::batchSymbols). A cache
/// that cannot be read, or an unknown or empty list, gives none and the reason in `error`.
QStringList batchExportSymbols(PriceCache& cache, QString* error = nullptr,
                               const QString& list = {});
/// One file name per symbol, in order: "^GSPC" -> "GSPC.png", "BRK.B" -> "BRK.B.png". Names
/// are unique within the batch, also on case-insensitive file systems: a symbol whose name is
/// taken ("RUT" after "^RUT", "'" after "\"") gets "-2", "-3", … before the extension.
QStringList batchExportFileNames(const QStringList& symbols, ImageFormat format);

}  // namespace retest::ui
