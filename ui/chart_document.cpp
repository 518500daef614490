// ChartDocument: loading, the analysis lifecycle, and the edit API that turns every change into
// an undo command (ui/chart_document_commands.*).
#include "ui/chart_document.h"

#include <QFutureWatcher>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>
#include <limits>

#include "core/analytics/level_stream.h"
#include "core/analytics/resample.h"
#include "core/context/level_inputs.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/chart_document_commands.h"

namespace retest::ui {

namespace {

/// The bars the chart draws: the daily ones (dividend-adjusted when asked) in `tf`.
std::vector<Bar> chartBars(const std::vector<Bar>& daily, Timeframe tf, bool adjusted) {
    if (!adjusted) {
        return resample(daily, tf);
    }
    std::vector<Bar> copy = daily;
    adjustForSplitsAndDividends(copy);
    return resample(copy, tf);
}

}  // namespace

ChartData loadChartData(const PriceCache& cache, const QString& symbol, Timeframe timeframe,
                        std::optional<Day> until, bool adjusted) {
    ChartData d;
    d.symbol = symbol;
    d.timeframe = timeframe;
    const std::string sym = toUtf8(symbol);
    // A plain symbol as stored, or a ratio (IWM:SPY) computed on the fly from the cache.
    SeriesRequest request;
    request.to = until.value_or(std::numeric_limits<Day>::max());
    if (auto series = loadSeries(cache, sym, request)) {
        d.info = series->info;
        d.daily = std::move(series->bars);
    } else {
        d.loadError = toQString(series.error().message);
    }
    if (auto actions = cache.corporateActions(sym)) {
        for (const CorporateAction& a : actions.value()) {
            if (!until || a.day <= *until) {
                d.actions.push_back(a);
            }
        }
    } else if (d.loadError.isEmpty()) {
        d.loadError = toQString(actions.error().message);
    }
    d.bars = chartBars(d.daily, timeframe, adjusted);
    return d;
}

QString chartTitle(const ChartData& data, Day from, Day to) {
    QString t = data.symbol;
    if (data.info && !data.info->description.empty()) {
        t += QStringLiteral(" · ") + toQString(data.info->description);
    }
    t += QStringLiteral(" · ") + toQString(timeframeName(data.timeframe));
    if (!data.bars.empty()) {
        t += QStringLiteral(" · ") + toQString(formatIsoDate(from)) + QStringLiteral(" – ") +
             toQString(formatIsoDate(to));
    }
    return t;
}

/// The analyses kept between refreshes: the chart's timeframe and, on a daily chart, the weekly
/// and monthly views whose major levels join it. Used by one thread at a time (a background
/// job takes them and gives them back).
struct ChartLevelStreams {
    ChartLevelStreams(const LevelSettings& settings, std::vector<ManualLevelInput> manual)
        : chart(settings, std::move(manual)), weekly(settings), monthly(settings) {}
    LevelStream chart;
    LevelStream weekly;
    LevelStream monthly;
};

namespace {

struct AnalysisInput {
    std::vector<Bar> bars;
    std::vector<Bar> daily;  // names weekly/monthly pivots (empty on a daily chart)
    Timeframe timeframe = Timeframe::Daily;
    LevelSettings settings;
    std::vector<ManualLevelInput> manual;
};

/// The analysis of `in`, appending to `streams` what they have not seen (starting them over when
/// they were made for other settings). On a daily chart the weekly and monthly major levels join
/// it, marked with their timeframe, so one view carries the big picture. `analysed`: how many
/// bars went through the engines.
LevelAnalysis analyse(std::unique_ptr<ChartLevelStreams>& streams, const AnalysisInput& in,
                      std::size_t& analysed) {
    if (!streams || !streams->chart.madeFor(in.settings, in.manual)) {
        streams = std::make_unique<ChartLevelStreams>(in.settings, in.manual);
    }
    // A daily bar is final after the close (an intraday refresh revising it is handled as it
    // comes); a weekly or monthly bar changes with every day of its period.
    LevelAnalysis a = streams->chart.update(
        in.bars, in.daily, in.timeframe == Timeframe::Daily ? LastBar::Final : LastBar::MayChange);
    analysed = streams->chart.lastAnalysedBars();
    if (in.timeframe == Timeframe::Daily && !in.bars.empty()) {
        for (const Timeframe tf : {Timeframe::Weekly, Timeframe::Monthly}) {
            LevelStream& s = tf == Timeframe::Weekly ? streams->weekly : streams->monthly;
            for (Zone& z : higherTimeframeZones(
                     s.update(resample(in.bars, tf), in.bars, LastBar::MayChange), tf)) {
                a.higherTimeframe.push_back(std::move(z));
            }
            analysed += s.lastAnalysedBars();
        }
    }
    return a;
}

// Weekly and monthly bars are analysed with the daily bars they were built from (adjusted as
// they are), so pivots are dated on the day of their extreme and breakouts and retests are
// decided on daily closes: the verdicts of the daily chart (see level_engine.h).
AnalysisInput analysisInput(const ChartData& data, bool adjusted, const LevelSettings& settings,
                            std::vector<ManualLevelInput> manual) {
    AnalysisInput in;
    in.bars = data.bars;
    if (data.timeframe != Timeframe::Daily) {
        in.daily = data.daily;
        if (adjusted) {
            adjustForSplitsAndDividends(in.daily);
        }
    }
    in.timeframe = data.timeframe;
    in.settings = settings;
    in.manual = std::move(manual);
    return in;
}

}  // namespace

LevelAnalysis chartLevels(const ChartData& data, bool adjusted, const LevelSettings& settings,
                          std::vector<ManualLevelInput> manual) {
    std::unique_ptr<ChartLevelStreams> streams;
    std::size_t analysed = 0;
    return analyse(streams, analysisInput(data, adjusted, settings, std::move(manual)), analysed);
}

/// Shared with the worker threads, which outlive nothing of the document but this.
struct ChartDocument::AnalysisStats {
    std::atomic<int> running{0};
    std::atomic<int> peak{0};
    std::atomic<int> started{0};
    std::atomic<std::size_t> lastAnalysed{0};
};

ChartDocument::ChartDocument(PriceCache& cache, QObject* parent)
    : QObject(parent),
      cache_(cache),
      stats_(std::make_shared<AnalysisStats>()),
      undo_(new QUndoStack(this)),
      writes_(std::make_unique<Writes>(*this)) {}

ChartDocument::~ChartDocument() {
    // The commands hold references to the document: they go first.
    delete undo_;
    undo_ = nullptr;
}

void ChartDocument::report(const Error& error) {
    Q_EMIT errorOccurred(toQString(error.message));
}

bool ChartDocument::setSymbol(const QString& symbol) {
    if (symbol != data_.symbol) {
        undo_->clear();
        writes_->manualIds.clear();
        writes_->drawingIds.clear();
        selectedLevel_.clear();
    }
    data_.symbol = symbol;
    return reload();
}

bool ChartDocument::reload() {
    data_ = loadChartData(cache_, data_.symbol, data_.timeframe, until_, adjusted_);
    if (!data_.loadError.isEmpty() && !data_.symbol.isEmpty()) {
        Q_EMIT errorOccurred(
            tr("Cannot read %1 from the cache: %2").arg(data_.symbol, data_.loadError));
    }
    loadEdits();
    loadSensitivity();
    context_.clear();
    if (auto context = cache_.chartContext(toUtf8(data_.symbol))) {
        context_ = std::move(context.value());
    }
    Q_EMIT changed();
    Q_EMIT manualLevelsChanged();
    Q_EMIT drawingsChanged();
    requestAnalysis();
    return data_.loadError.isEmpty();
}

bool ChartDocument::reloadIfChanged() {
    if (data_.symbol.isEmpty()) {
        return false;
    }
    const ChartData fresh = loadChartData(cache_, data_.symbol, data_.timeframe, until_, adjusted_);
    if (fresh.bars != data_.bars || fresh.daily != data_.daily ||
        fresh.loadError != data_.loadError) {
        reload();
        return true;
    }
    const std::vector<ManualLevel> levelsBefore = manualLevels_;
    const std::vector<Annotation> drawingsBefore = drawings_;
    const double sensitivityBefore = levelSettings_.sensitivity;
    loadEdits();
    loadSensitivity();
    const bool levels = manualLevels_ != levelsBefore;
    const bool drawings = drawings_ != drawingsBefore;
    const bool sensitivity = levelSettings_.sensitivity != sensitivityBefore;
    if (levels) {
        Q_EMIT manualLevelsChanged();
    }
    if (drawings) {
        Q_EMIT drawingsChanged();
    }
    if (levels || sensitivity) {
        requestAnalysis();
    }
    return levels || drawings || sensitivity;
}

void ChartDocument::loadEdits() {
    manualLevels_.clear();
    drawings_.clear();
    editsError_.clear();
    if (data_.symbol.isEmpty()) {
        return;
    }
    const std::string sym = toUtf8(data_.symbol);
    const auto failed = [this](const Error& e) {
        if (editsError_.isEmpty()) {
            editsError_ = toQString(e.message);
        }
        report(e);
    };
    if (auto levels = cache_.manualLevels(sym)) {
        manualLevels_ = std::move(levels.value());
    } else {
        failed(levels.error());
    }
    if (auto drawings = cache_.annotationStore().ofSymbol(sym)) {
        drawings_ = std::move(drawings.value());
    } else {
        failed(drawings.error());
    }
}

// The sensitivity last chosen on this symbol's chart (0.5 until the user moves the slider).
void ChartDocument::loadSensitivity() {
    double stored = LevelSettings{}.sensitivity;
    if (!data_.symbol.isEmpty()) {
        if (auto value = cache_.levelSensitivity(toUtf8(data_.symbol))) {
            stored = value.value().value_or(stored);
        } else {
            report(value.error());
        }
    }
    if (stored != levelSettings_.sensitivity) {
        levelSettings_.sensitivity = stored;
        Q_EMIT levelSettingsChanged();
    }
}

void ChartDocument::setTimeframe(Timeframe tf) {
    if (tf == data_.timeframe) {
        return;
    }
    data_.timeframe = tf;
    data_.bars = chartBars(data_.daily, tf, adjusted_);
    Q_EMIT changed();
    requestAnalysis();
}

void ChartDocument::setUntil(std::optional<Day> day) {
    if (day == until_) {
        return;
    }
    until_ = day;
    if (!data_.symbol.isEmpty()) {
        reload();
    }
}

void ChartDocument::setAdjusted(bool adjusted) {
    if (adjusted == adjusted_) {
        return;
    }
    adjusted_ = adjusted;
    data_.bars = chartBars(data_.daily, data_.timeframe, adjusted_);
    Q_EMIT changed();
    requestAnalysis();
}

QString ChartDocument::title(Day from, Day to) const {
    return chartTitle(data_, from, to);
}

QString ChartDocument::emptyMessage() const {
    if (!data_.loadError.isEmpty()) {
        return tr("Cannot read %1 from the cache:\n%2").arg(data_.symbol, data_.loadError);
    }
    return tr("No cached data for %1\n\nImport a CSV (File ▸ Import CSV…, or drop a file here)\n"
              "or refresh it from an online source (F5).")
        .arg(data_.symbol);
}

// ---- The analysis lifecycle -----------------------------------------------------------------

void ChartDocument::requestAnalysis() {
    ++generation_;
    if (synchronousLevels_) {
        currentAnalysis();
        return;
    }
    if (!running_) {
        startAnalysis();
    }
    // else: the running job's result will be stale; when it finishes, one job of the newest
    // inputs starts (however many requests came meanwhile).
}

void ChartDocument::startAnalysis() {
    running_ = true;
    const std::uint64_t generation = generation_;
    using Job = std::pair<LevelAnalysis, std::unique_ptr<ChartLevelStreams>>;
    auto* watcher = new QFutureWatcher<Job>(this);
    connect(watcher, &QFutureWatcher<Job>::finished, this, [this, watcher, generation] {
        running_ = false;
        Job job = watcher->future().takeResult();
        if (!streams_) {
            streams_ = std::move(job.second);  // what it appended serves the next refresh
        }
        if (generation == generation_ && finishedGeneration_ != generation_) {
            levels_ = std::move(job.first);
            finishedGeneration_ = generation;
            Q_EMIT levelsChanged();
        }
        watcher->deleteLater();
        if (levelsPending()) {
            startAnalysis();
        }
    });
    stats_->started.fetch_add(1);
    // The job takes the streams (the synchronous path starts its own meanwhile).
    watcher->setFuture(
        QtConcurrent::run([stats = stats_, streams = std::move(streams_),
                           in = analysisInput(data_, adjusted_, levelSettings_,
                                              manualLevelInputs(manualLevels_))]() mutable {
            const int now = stats->running.fetch_add(1) + 1;
            int peak = stats->peak.load();
            while (now > peak && !stats->peak.compare_exchange_weak(peak, now)) {
            }
            std::size_t analysed = 0;
            LevelAnalysis a = analyse(streams, in, analysed);
            stats->lastAnalysed.store(analysed);
            stats->running.fetch_sub(1);
            return Job{std::move(a), std::move(streams)};
        }));
}

const LevelAnalysis& ChartDocument::currentAnalysis() {
    if (levelsPending()) {
        // A running job of an older generation finishes later and is dropped.
        std::size_t analysed = 0;
        const AnalysisInput in =
            analysisInput(data_, adjusted_, levelSettings_, manualLevelInputs(manualLevels_));
        std::unique_ptr<ChartLevelStreams> own;  // when a job has the document's
        levels_ = analyse(streams_ ? streams_ : own, in, analysed);
        stats_->lastAnalysed.store(analysed);
        finishedGeneration_ = generation_;
        Q_EMIT levelsChanged();
    }
    return levels_;
}

std::size_t ChartDocument::lastAnalysedBars() const {
    return stats_->lastAnalysed.load();
}

int ChartDocument::analysesRunning() const {
    return stats_->running.load();
}
int ChartDocument::peakAnalysesRunning() const {
    return stats_->peak.load();
}
int ChartDocument::analysesStarted() const {
    return stats_->started.load();
}

// ---- Edits -------------------------------------------------------------------------------------

void ChartDocument::setSensitivity(double sensitivity) {
    if (sensitivity == levelSettings_.sensitivity) {
        return;
    }
    undo_->push(new SensitivityCommand(*this, levelSettings_.sensitivity, sensitivity));
}

void ChartDocument::applySensitivity(double sensitivity) {
    if (sensitivity == levelSettings_.sensitivity) {
        return;
    }
    levelSettings_.sensitivity = sensitivity;
    if (!data_.symbol.isEmpty()) {
        if (auto stored = cache_.setLevelSensitivity(toUtf8(data_.symbol), sensitivity); !stored) {
            report(stored.error());  // the chart follows the slider all the same
        }
    }
    Q_EMIT levelSettingsChanged();
    requestAnalysis();
}

Result<std::int64_t> ChartDocument::addManualLevel(double price, const QString& label) {
    if (data_.symbol.isEmpty()) {
        return Error{"no symbol is shown"};
    }
    ManualLevel level{0, toUtf8(data_.symbol), price, toUtf8(label.trimmed())};
    const QString text = label.trimmed().isEmpty() ? tr("Add level %1").arg(price)
                                                   : tr("Add level “%1”").arg(label.trimmed());
    writes_->lastError.reset();
    auto* cmd = new AddRowCommand<ManualLevel>(*this, std::move(level), text);
    undo_->push(cmd);  // deleted right away when the write failed
    if (writes_->lastError) {
        return *writes_->lastError;
    }
    return cmd->firstId();
}

Result<Ok> ChartDocument::editManualLevel(std::int64_t id, double price, const QString& label) {
    const std::int64_t current = resolveManualId(id);
    const auto it = std::find_if(manualLevels_.begin(), manualLevels_.end(),
                                 [current](const ManualLevel& m) { return m.id == current; });
    if (it == manualLevels_.end()) {
        return Error{"there is no manual level with id " + std::to_string(id)};
    }
    ManualLevel after = *it;
    after.price = price;
    after.label = toUtf8(label.trimmed());
    if (after.price == it->price && after.label == it->label) {
        return Ok{};
    }
    writes_->lastError.reset();
    undo_->push(new EditRowCommand<ManualLevel>(*this, *it, after, tr("Edit level")));
    if (writes_->lastError) {
        return *writes_->lastError;
    }
    return Ok{};
}

Result<Ok> ChartDocument::removeManualLevel(std::int64_t id) {
    const std::int64_t current = resolveManualId(id);
    const auto it = std::find_if(manualLevels_.begin(), manualLevels_.end(),
                                 [current](const ManualLevel& m) { return m.id == current; });
    if (it == manualLevels_.end()) {
        return Error{"there is no manual level with id " + std::to_string(id)};
    }
    writes_->lastError.reset();
    undo_->push(new RemoveRowCommand<ManualLevel>(*this, *it, tr("Remove level")));
    if (writes_->lastError) {
        return *writes_->lastError;
    }
    return Ok{};
}

std::int64_t ChartDocument::resolveManualId(std::int64_t id) const {
    return writes_->manualIds.resolve(id);
}

const Annotation* ChartDocument::findDrawing(std::int64_t id) const {
    const std::int64_t current = resolveDrawingId(id);
    const auto it = std::find_if(drawings_.begin(), drawings_.end(),
                                 [current](const Annotation& a) { return a.id == current; });
    return it == drawings_.end() ? nullptr : &*it;
}

std::int64_t ChartDocument::addDrawing(Annotation a) {
    if (auto ok = validateAnnotation(a); !ok) {
        report(ok.error());
        return 0;
    }
    const QString text = tr("Add %1").arg(annotationKindTitle(a.kind).toLower());
    writes_->lastError.reset();
    auto* cmd = new AddRowCommand<Annotation>(*this, std::move(a), text);
    undo_->push(cmd);
    return writes_->lastError ? 0 : cmd->firstId();
}

bool ChartDocument::editDrawing(const Annotation& after, const QString& text) {
    const Annotation* before = findDrawing(after.id);
    if (before == nullptr || *before == after) {
        return false;
    }
    if (auto ok = validateAnnotation(after); !ok) {
        report(ok.error());
        return false;
    }
    writes_->lastError.reset();
    undo_->push(new EditRowCommand<Annotation>(*this, *before, after, text));
    return !writes_->lastError;
}

bool ChartDocument::removeDrawing(std::int64_t id) {
    const Annotation* a = findDrawing(id);
    if (a == nullptr) {
        return false;
    }
    writes_->lastError.reset();
    undo_->push(new RemoveRowCommand<Annotation>(
        *this, *a, tr("Delete %1").arg(annotationKindTitle(a->kind).toLower())));
    return !writes_->lastError;
}

std::int64_t ChartDocument::resolveDrawingId(std::int64_t id) const {
    return writes_->drawingIds.resolve(id);
}

// ---- Shared view state -------------------------------------------------------------------------

void ChartDocument::selectLevel(const std::string& zoneId, bool reveal) {
    if (zoneId == selectedLevel_ && !reveal) {
        return;
    }
    selectedLevel_ = zoneId;
    Q_EMIT levelSelectionChanged(reveal);
}

int ChartDocument::zoneIndex(const std::string& zoneId) const {
    if (zoneId.empty()) {
        return -1;
    }
    for (std::size_t i = 0; i < levels_.zones.size(); ++i) {
        if (levels_.zones[i].id == zoneId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void ChartDocument::setShowAutoLevels(bool show) {
    if (show == showAutoLevels_) {
        return;
    }
    showAutoLevels_ = show;
    Q_EMIT levelFilterChanged();
}

// --- market context (owner: compare overlays and panes) ---

bool ChartDocument::isRatio() const {
    return looksLikeRatio(toUtf8(data_.symbol));
}

Result<Ok> ChartDocument::setMarketContext(std::vector<ChartContextItem> items) {
    auto stored = cache_.setChartContext(toUtf8(data_.symbol), items);
    if (stored) {
        context_ = std::move(items);
    }
    return stored;
}

}  // namespace retest::ui
