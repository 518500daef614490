// Export sources, the headless scene and the batch's file names.
#include "ui/export/symbol_export.h"

#include <QFileInfo>
#include <QSet>
#include <algorithm>

#include "core/analytics/ratio.h"
#include "core/cache/watchlist_store.h"
#include "core/context/level_inputs.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"

namespace retest::ui {

namespace {

/// Shows the request's range on a view that already holds the bars: from `from` to `to`, or
/// the range preset (1Y by default) ending on `to` or the last bar. False when the dates select
/// no bar at all.
bool applyExportRange(ChartView& view, const SymbolExportRequest& req) {
    const std::vector<Bar>& bars = view.bars();
    const RangePreset preset = req.range.value_or(RangePreset::OneYear);
    if (!req.from && (!req.to || *req.to >= bars.back().day)) {
        view.applyRangePreset(preset);
        return true;
    }
    const Day to = req.to.value_or(bars.back().day);
    const Day from = req.from.value_or(rangePresetStart(preset, to));
    if (to < bars.front().day || from > bars.back().day) {
        return false;
    }
    view.setDateRange(from, to);
    return true;
}

QString isoDate(Day day) {
    return toQString(formatIsoDate(day));
}

}  // namespace

ExportSource exportSource(ChartDocument& doc) {
    ExportSource s;
    s.levels = doc.currentAnalysis();
    s.data = doc.data();
    s.drawings = doc.drawings();
    s.error = doc.loadError().isEmpty() ? doc.editsError() : doc.loadError();
    s.context = doc.marketContext();
    s.cache = &doc.cache();
    s.ratio = doc.isRatio();
    s.adjusted = doc.adjusted();
    s.until = doc.until();
    return s;
}

ExportSource loadExportSource(const PriceCache& cache, const QString& symbol,
                              const SymbolExportRequest& req) {
    ExportSource s;
    // A chart that ends on --to shows the levels and retests as they stood that day.
    s.data = loadChartData(cache, symbol, req.timeframe, req.to, false);
    s.error = s.data.loadError;
    const std::string sym = toUtf8(symbol);
    s.ratio = looksLikeRatio(sym);
    s.until = req.to;
    if (auto context = cache.chartContext(sym)) {
        s.context = std::move(context.value());
    }
    if (req.levels) {
        std::vector<ManualLevelInput> manual;
        if (auto levels = cache.manualLevels(sym)) {
            manual = manualLevelInputs(levels.value());
        } else if (s.error.isEmpty()) {
            s.error = toQString(levels.error().message);
        }
        // The levels as the window shows them, at the sensitivity chosen there (unless asked).
        LevelSettings settings;
        settings.sensitivity = levelSensitivityFor(cache, sym, req.sensitivity);
        s.levels = chartLevels(s.data, false, settings, std::move(manual));
    }
    if (req.annotations) {
        if (auto list = cache.annotationStore().ofSymbol(sym)) {
            s.drawings = std::move(list.value());
        } else if (s.error.isEmpty()) {
            s.error = toQString(list.error().message);
        }
    }
    return s;
}

QString exportFooter(const ChartData& data) {
    QStringList parts;
    if (data.info && !data.info->source.empty()) {
        QString source = toQString(data.info->source);
        if (source.startsWith(QLatin1String("csv:"))) {  // a path says too much in a shared image
            source = QStringLiteral("CSV ") + QFileInfo(source.mid(4)).fileName();
        }
        parts << QStringLiteral("Data: ") + source;
    }
    if (!data.daily.empty()) {
        parts << QStringLiteral("as of ") + isoDate(data.daily.back().day);
    }
    return parts.join(QStringLiteral(" · "));
}

std::unique_ptr<ExportScene> buildExportScene(const ExportSource& source,
                                              const SymbolExportRequest& req,
                                              ExportOutcome& outcome) {
    const ChartData& data = source.data;
    const std::vector<Bar>& bars = data.bars;
    if (!source.error.isEmpty()) {
        outcome = {
            ExportStatus::Failed,
            QStringLiteral("cannot read %1 from the cache: %2").arg(data.symbol, source.error)};
        return nullptr;
    }
    if (bars.empty()) {
        outcome = {ExportStatus::NoData, QStringLiteral("no cached data for ") + data.symbol};
        return nullptr;
    }
    auto scene = std::make_unique<ExportScene>();
    ChartView& view = scene->view;
    view.resize(req.image.width, req.image.height);
    view.setTheme(req.theme);
    // A ratio is drawn as a line unless another style was asked for.
    view.setStyle(source.ratio && req.style == ChartStyle::Candles ? ChartStyle::Line : req.style);
    view.setLogScale(req.logScale);
    view.setBars(bars, data.timeframe);
    if (!applyExportRange(view, req)) {
        outcome = {ExportStatus::Failed,
                   QStringLiteral("%1 has no bars in the requested dates (cached: %2 to %3)")
                       .arg(data.symbol, isoDate(bars.front().day), isoDate(bars.back().day))};
        return nullptr;
    }
    // Compare overlays and panes: those asked for (--compare, --pane) must all work; the
    // chart's remembered ones are drawn where they can be.
    const std::vector<ChartContextItem>& context = req.context ? *req.context : source.context;
    if (!context.empty() && source.cache != nullptr) {
        scene->context.emplace(view, *source.cache);
        const QStringList errors = scene->context->apply(
            {data.symbol, data.timeframe, source.adjusted, source.until}, context);
        if (!errors.isEmpty() && req.context) {
            outcome = {ExportStatus::Failed, errors.join(QStringLiteral("; "))};
            return nullptr;
        }
    }
    if (req.levels) {
        scene->levels.emplace(view);
        scene->levels->setAnalysis(source.levels);
    }
    if (!data.actions.empty()) {
        scene->actions.emplace(view);
        scene->actions->setActions(data.actions);
    }
    if (req.annotations) {
        scene->drawings.emplace(view);
        scene->drawings->setAnnotations(source.drawings);
    }
    const auto [first, last] = view.visibleBarRange();
    const auto at = [&](int i) {
        return bars[static_cast<std::size_t>(std::clamp(i, 0, static_cast<int>(bars.size()) - 1))]
            .day;
    };
    view.setTitle(req.title.isEmpty() ? chartTitle(data, at(first), at(last)) : req.title);
    scene->image = req.image;
    scene->image.footer = exportFooter(data);
    scene->image.legendLevels = req.levels;
    scene->image.legendManual =
        req.levels && std::any_of(source.levels.zones.begin(), source.levels.zones.end(),
                                  [](const Zone& z) { return z.manual; });
    scene->image.legendAnnotations = scene->drawings && scene->drawings->countInView() > 0;
    outcome = {ExportStatus::Written, {}};
    return scene;
}

ExportOutcome renderExport(const ExportSource& source, const SymbolExportRequest& req,
                           const QString& path) {
    ExportOutcome outcome;
    auto scene = buildExportScene(source, req, outcome);
    if (!scene) {
        return outcome;
    }
    QString error;
    if (!scene->view.exportImage(path, scene->image, &error)) {
        return {ExportStatus::Failed, error};
    }
    return outcome;
}

ExportOutcome exportSymbol(const PriceCache& cache, const QString& symbol,
                           const SymbolExportRequest& req, const QString& path) {
    ExportSource source = loadExportSource(cache, symbol, req);
    source.cache = &cache;  // this thread owns it: the chart's compares and panes can be read
    const auto& info = source.data.info;
    if (source.error.isEmpty() && source.data.bars.empty() && req.to && info && info->firstDay &&
        info->lastDay) {
        return {ExportStatus::Failed, QStringLiteral("%1 has no bars up to %2 (cached: %3 to %4)")
                                          .arg(symbol, isoDate(*req.to), isoDate(*info->firstDay),
                                               isoDate(*info->lastDay))};
    }
    return renderExport(source, req, path);
}

QStringList batchExportSymbols(PriceCache& cache, QString* error, const QString& list) {
    QStringList symbols;
    auto members = WatchlistStore(cache).batchSymbols(toUtf8(list));
    if (!members) {
        if (error != nullptr) {
            *error = toQString(members.error().message);
        }
        return symbols;
    }
    for (const std::string& s : members.value()) {
        symbols << toQString(s);
    }
    return symbols;
}

QStringList batchExportFileNames(const QStringList& symbols, ImageFormat format) {
    const QString suffix = QLatin1Char('.') + toQString(imageFormatSuffix(format));
    QSet<QString> taken;  // lower case: "IWM.png" and "iwm.png" are one file on some systems
    QStringList names;
    for (const QString& symbol : symbols) {
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
        QString name = base + suffix;
        for (int n = 2; taken.contains(name.toLower()); ++n) {
            name = base + QLatin1Char('-') + QString::number(n) + suffix;
        }
        taken.insert(name.toLower());
        names << name;
    }
    return names;
}

}  // namespace retest::ui
