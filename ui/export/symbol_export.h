// Rendering one cached symbol's chart to an image file, shared by `retest export` and the
// window's batch export. Header-only on purpose: the command line (retest_app) and the GUI
// both use it, and it needs nothing beyond what each already links (the chart, the document).
#pragma once

#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "core/cache/price_cache.h"
#include "core/model/date.h"
#include "core/model/watchlist.h"
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

/// "Data: yahoo · as of 2020-04-17" from what the cache knows about the document's symbol.
inline QString exportFooter(const ChartDocument& doc) {
    QStringList parts;
    if (doc.info() && !doc.info()->source.empty()) {
        QString source = QString::fromStdString(doc.info()->source);
        if (source.startsWith(QLatin1String("csv:"))) {  // a path says too much in a shared image
            source = QStringLiteral("CSV ") + QFileInfo(source.mid(4)).fileName();
        }
        parts << QStringLiteral("Data: ") + source;
    }
    if (!doc.dailyBars().empty()) {
        parts << QStringLiteral("as of ") +
                     QString::fromStdString(formatIsoDate(doc.dailyBars().back().day));
    }
    return parts.join(QStringLiteral(" · "));
}

/// Shows the request's range on a view that already holds the document's bars; false when
/// from/to select no bar at all.
inline bool applyExportRange(ChartView& view, const SymbolExportRequest& req) {
    const std::vector<Bar>& bars = view.bars();
    if (req.from || req.to) {
        const Day from = req.from.value_or(bars.front().day);
        const Day to = req.to.value_or(bars.back().day);
        if (to < bars.front().day || from > bars.back().day) {
            return false;
        }
        view.setDateRange(from, to);
    } else {
        view.applyRangePreset(req.range.value_or(RangePreset::OneYear));
    }
    return true;
}

/// A headless chart of one document, laid out for an export: the view, its overlays and the
/// image options (footer and legend filled in from the document).
struct ExportScene {
    ChartView view;
    std::optional<LevelOverlay> levels;
    std::optional<AnnotationLayer> drawings;
    std::optional<ActionMarkers> actions;
    std::optional<MarketContext> context;  // compare overlays and panes
    ImageOptions image;
};

/// Builds the scene for `doc` (bars and levels already loaded), or explains why there is none.
inline std::unique_ptr<ExportScene> buildExportScene(const ChartDocument& doc,
                                                     const SymbolExportRequest& req,
                                                     ExportOutcome& outcome) {
    const std::vector<Bar>& bars = doc.bars();
    if (bars.empty()) {
        outcome = {ExportStatus::NoData, QStringLiteral("no cached data for ") + doc.symbol()};
        return nullptr;
    }
    auto scene = std::make_unique<ExportScene>();
    ChartView& view = scene->view;
    view.resize(req.image.width, req.image.height);
    view.setTheme(req.theme);
    // A ratio is drawn as a line unless another style was asked for.
    view.setStyle(doc.isRatio() && req.style == ChartStyle::Candles ? ChartStyle::Line : req.style);
    view.setLogScale(req.logScale);
    view.setBars(bars, doc.timeframe());
    if (!applyExportRange(view, req)) {
        outcome = {ExportStatus::Failed,
                   QStringLiteral("%1 has no bars in the requested dates (cached: %2 to %3)")
                       .arg(doc.symbol(), QString::fromStdString(formatIsoDate(bars.front().day)),
                            QString::fromStdString(formatIsoDate(bars.back().day)))};
        return nullptr;
    }
    const std::vector<ChartContextItem>& context = req.context ? *req.context : doc.marketContext();
    if (!context.empty()) {
        scene->context.emplace(view, doc.cache());
        const QStringList errors = scene->context->apply(
            {doc.symbol(), doc.timeframe(), doc.adjusted(), doc.until()}, context);
        if (!errors.isEmpty() && req.context) {
            outcome = {ExportStatus::Failed, errors.join(QStringLiteral("; "))};
            return nullptr;
        }
    }
    if (req.levels) {
        scene->levels.emplace(view);
        scene->levels->setAnalysis(doc.levels());
    }
    if (!doc.actions().empty()) {
        scene->actions.emplace(view);
        scene->actions->setActions(doc.actions());
    }
    if (req.annotations) {
        scene->drawings.emplace(view);
        if (auto list = doc.cache().annotations(doc.symbol().toStdString())) {
            scene->drawings->setAnnotations(std::move(list.value()));
        }
    }
    const auto [first, last] = view.visibleBarRange();
    const auto at = [&](int i) {
        return bars[static_cast<std::size_t>(std::clamp(i, 0, static_cast<int>(bars.size()) - 1))]
            .day;
    };
    view.setTitle(req.title.isEmpty() ? doc.title(at(first), at(last)) : req.title);
    scene->image = req.image;
    scene->image.footer = exportFooter(doc);
    scene->image.legendLevels = req.levels;
    scene->image.legendManual =
        req.levels && std::any_of(doc.levels().zones.begin(), doc.levels().zones.end(),
                                  [](const Zone& z) { return z.manual; });
    scene->image.legendAnnotations = scene->drawings && scene->drawings->count() > 0;
    outcome = {ExportStatus::Written, {}};
    return scene;
}

/// Renders `doc` (bars and, when synchronous, levels already loaded) to `path`.
inline ExportOutcome exportDocument(const ChartDocument& doc, const SymbolExportRequest& req,
                                    const QString& path) {
    ExportOutcome outcome;
    auto scene = buildExportScene(doc, req, outcome);
    if (!scene) {
        return outcome;
    }
    QString error;
    if (!scene->view.exportImage(path, scene->image, &error)) {
        return {ExportStatus::Failed, error};
    }
    return outcome;
}

/// Loads `symbol` from the cache (levels computed right here) and renders it to `path`.
inline ExportOutcome exportSymbol(PriceCache& cache, const QString& symbol,
                                  const SymbolExportRequest& req, const QString& path) {
    ChartDocument doc(cache);
    doc.setSynchronousLevels(true);
    doc.setTimeframe(req.timeframe);
    // A chart that ends on --to shows the levels and retests as they stood that day.
    doc.setUntil(req.to);
    if (!doc.setSymbol(symbol)) {
        return {ExportStatus::Failed, doc.loadError()};
    }
    const auto& info = doc.info();
    if (doc.bars().empty() && req.to && info && info->firstDay && info->lastDay) {
        return {ExportStatus::Failed,
                QStringLiteral("%1 has no bars up to %2 (cached: %3 to %4)")
                    .arg(doc.symbol(), QString::fromStdString(formatIsoDate(*req.to)),
                         QString::fromStdString(formatIsoDate(*info->firstDay)),
                         QString::fromStdString(formatIsoDate(*info->lastDay)))};
    }
    return exportDocument(doc, req, path);
}

/// The symbols a batch export covers: the default watchlist, then every other cached symbol.
inline QStringList batchExportSymbols(const PriceCache& cache) {
    QStringList symbols;
    for (std::string_view s : kDefaultWatchlist) {
        symbols << QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
    }
    if (auto cached = cache.listSymbols()) {
        for (const SymbolInfo& info : cached.value()) {
            const QString s = QString::fromStdString(info.symbol);
            if (!symbols.contains(s)) {
                symbols << s;
            }
        }
    }
    return symbols;
}

/// "^GSPC" -> "GSPC.png", "BRK.B" -> "BRK.B.png": file-system-safe, still readable.
inline QString batchExportFileName(const QString& symbol, ImageFormat format) {
    QString base;
    for (const QChar c : symbol) {
        if (c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('-') ||
            c == QLatin1Char('_')) {
            base += c;
        } else if (c != QLatin1Char('^')) {
            base += QLatin1Char('_');
        }
    }
    if (base.isEmpty() || base.startsWith(QLatin1Char('.'))) {
        base.prepend(QLatin1Char('_'));
    }
    return base + QLatin1Char('.') + QString::fromLatin1(imageFormatSuffix(format).data());
}

}  // namespace retest::ui
