#include "ui/chart_document.h"

#include <QtConcurrent/QtConcurrentRun>
#include <limits>

#include "core/analytics/resample.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"

namespace retest::ui {

ChartDocument::ChartDocument(PriceCache& cache, QObject* parent) : QObject(parent), cache_(cache) {}

bool ChartDocument::setSymbol(const QString& symbol) {
    symbol_ = symbol;
    return reload();
}

bool ChartDocument::reload() {
    loadError_.clear();
    info_.reset();
    const std::string sym = symbol_.toStdString();
    // A plain symbol as stored or a ratio (IWM:SPY) computed on the fly from the cache.
    SeriesRequest request;
    request.to = until_.value_or(std::numeric_limits<Day>::max());
    auto series = loadSeries(cache_, sym, request);
    if (series) {
        info_ = series->info;
        daily_ = std::move(series->bars);
    } else {
        daily_.clear();
        loadError_ = QString::fromStdString(series.error().message);
    }
    actions_.clear();
    if (auto actions = cache_.corporateActions(sym)) {
        for (const CorporateAction& a : actions.value()) {
            if (!until_ || a.day <= *until_) {
                actions_.push_back(a);
            }
        }
    }
    rebuildBars();
    loadManualLevels();
    context_.clear();
    if (auto context = cache_.chartContext(sym)) {
        context_ = std::move(context.value());
    }
    Q_EMIT changed();
    recomputeLevels();
    return loadError_.isEmpty();
}

void ChartDocument::loadManualLevels() {
    manualLevels_.clear();
    if (auto levels = cache_.manualLevels(symbol_.toStdString())) {
        manualLevels_ = std::move(levels.value());
    }
}

void ChartDocument::setSensitivity(double sensitivity) {
    if (sensitivity == levelSettings_.sensitivity) {
        return;
    }
    levelSettings_.sensitivity = sensitivity;
    recomputeLevels();
}

Result<std::int64_t> ChartDocument::addManualLevel(double price, const QString& label) {
    auto id = cache_.addManualLevel(symbol_.toStdString(), price, label.toStdString());
    if (id) {
        loadManualLevels();
        recomputeLevels();
    }
    return id;
}

Result<Ok> ChartDocument::removeManualLevel(std::int64_t id) {
    auto removed = cache_.removeManualLevel(id);
    if (removed) {
        loadManualLevels();
        recomputeLevels();
    }
    return removed;
}

void ChartDocument::recomputeLevels() {
    std::vector<ManualLevelInput> manual;
    for (const ManualLevel& m : manualLevels_) {
        manual.push_back({m.price, m.label, m.id});
    }
    if (synchronousLevels_) {
        levels_ = analyzeLevels(bars_, levelSettings_, manual);
        Q_EMIT levelsChanged();
        return;
    }
    // Each request carries its own copy of the inputs; only the newest result is kept, so a
    // fast walk through the watchlist never shows the levels of a symbol already left.
    const std::uint64_t generation = ++generation_;
    ++pending_;
    auto* watcher = new QFutureWatcher<LevelAnalysis>(this);
    connect(watcher, &QFutureWatcher<LevelAnalysis>::finished, this, [this, watcher, generation] {
        --pending_;
        if (generation == generation_) {
            levels_ = watcher->result();
            Q_EMIT levelsChanged();
        }
        watcher->deleteLater();
    });
    watcher->setFuture(
        QtConcurrent::run([bars = bars_, settings = levelSettings_, manual = std::move(manual)] {
            return analyzeLevels(bars, settings, manual);
        }));
}

void ChartDocument::setTimeframe(Timeframe tf) {
    if (tf == timeframe_) {
        return;
    }
    timeframe_ = tf;
    rebuildBars();
    Q_EMIT changed();
    recomputeLevels();
}

void ChartDocument::setUntil(std::optional<Day> day) {
    if (day == until_) {
        return;
    }
    until_ = day;
    if (!symbol_.isEmpty()) {
        reload();
    }
}

void ChartDocument::setAdjusted(bool adjusted) {
    if (adjusted == adjusted_) {
        return;
    }
    adjusted_ = adjusted;
    rebuildBars();
    Q_EMIT changed();
    recomputeLevels();
}

void ChartDocument::rebuildBars() {
    if (!adjusted_) {
        bars_ = resample(daily_, timeframe_);
        return;
    }
    std::vector<Bar> adjusted(daily_);
    adjustForSplitsAndDividends(adjusted);
    bars_ = resample(adjusted, timeframe_);
}

QString ChartDocument::title(Day from, Day to) const {
    QString t = symbol_;
    if (info_ && !info_->description.empty()) {
        t += QStringLiteral(" · ") + QString::fromStdString(info_->description);
    }
    t += QStringLiteral(" · ") + QString::fromUtf8(timeframeName(timeframe_).data(),
                                                   qsizetype(timeframeName(timeframe_).size()));
    if (!bars_.empty()) {
        t += QStringLiteral(" · ") + QString::fromStdString(formatIsoDate(from)) +
             QStringLiteral(" – ") + QString::fromStdString(formatIsoDate(to));
    }
    return t;
}

QString ChartDocument::emptyMessage() const {
    if (!loadError_.isEmpty()) {
        return tr("Cannot read %1 from the cache:\n%2").arg(symbol_, loadError_);
    }
    return tr("No cached data for %1\n\nImport a CSV (File ▸ Import CSV…, or drop a file here)\n"
              "or refresh it from an online source (F5).")
        .arg(symbol_);
}

// --- market context (owner: compare overlays and panes) ---

bool ChartDocument::isRatio() const {
    return looksLikeRatio(symbol_.toStdString());
}

Result<Ok> ChartDocument::setMarketContext(std::vector<ChartContextItem> items) {
    auto stored = cache_.setChartContext(symbol_.toStdString(), items);
    if (stored) {
        context_ = std::move(items);
    }
    return stored;
}

}  // namespace retest::ui
