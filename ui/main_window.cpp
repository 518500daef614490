#include "ui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QCompleter>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStringListModel>
#include <QTimer>
#include <QToolBar>

#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/alerts/alert_marks.h"
#include "ui/alerts/alerts_dock.h"
#include "ui/annotations/annotation_controller.h"
#include "ui/app/about_dialog.h"
#include "ui/app/recent_files.h"
#include "ui/app/symbol_suggestion.h"
#include "ui/chart/chart_view.h"
#include "ui/chart_document.h"
#include "ui/context/market_context.h"
#include "ui/document_chart.h"
#include "ui/export/export_controller.h"
#include "ui/levels/levels_panel.h"
#include "ui/refresh/refresh_controller.h"
#include "ui/rotation/rotation_dock.h"
#include "ui/watchlist/watchlist_dock.h"
#include "ui/watchlist/watchlist_model.h"

namespace retest::ui {

namespace {

constexpr int kMessageMs = 6000;

}  // namespace

MainWindow::MainWindow(PriceCache& cache, QSettings& settings, QWidget* parent)
    : QMainWindow(parent),
      cache_(cache),
      settings_(settings),
      document_(new ChartDocument(cache, this)),
      chart_(new ChartView(this)),
      watchlistModel_(new WatchlistModel(cache, this)),
      watchlist_(new WatchlistDock(*watchlistModel_, this)),
      statusLabel_(new QLabel(this)),
      refresh_(new RefreshController(&cache, statusBar(), this, this)),
      documentChart_(new DocumentChart(*document_, *chart_, this)),
      levelsPanel_(new LevelsPanel(*document_, this)),
      export_(new ExportController(*chart_, *document_, this, this)),
      annotations_(new AnnotationController(*chart_, *document_, this)),
      recent_(new RecentFiles(settings, this)),
      context_(new MarketContext(*chart_, cache)) {
    context_->setParent(this);
    setWindowTitle(QStringLiteral("Retest"));
    setObjectName(QStringLiteral("MainWindow"));
    setAcceptDrops(true);
    setCentralWidget(chart_);
    addDockWidget(Qt::LeftDockWidgetArea, watchlist_);
    addDockWidget(Qt::RightDockWidgetArea, levelsPanel_);
    statusBar()->addWidget(statusLabel_, 1);

    createActions();
    createMenusAndToolbar();
    createBoardAndAlerts();

    connect(document_, &ChartDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(watchlist_, &WatchlistDock::symbolActivated, this, &MainWindow::showSymbol);
    connect(watchlist_, &WatchlistDock::compareRequested, this, &MainWindow::compareWith);
    connect(watchlist_, &WatchlistDock::paneRequested, this, &MainWindow::addPane);
    connect(context_, &MarketContext::edited, this, &MainWindow::rememberMarketContext);
    connect(chart_, &ChartView::visibleRangeChanged, this, &MainWindow::updateTitle);
    connect(refresh_, &RefreshController::symbolUpdated, this, [this](const QString& symbol) {
        watchlistModel_->refresh();
        if (symbol == document_->symbol()) {
            document_->reload();
        }
        alerts_->checkNow({symbol});
        rotation_->setSymbols(watchlistModel_->currentList(), watchlistModel_->listSymbols());
    });
    refresh_->setWatchlist(watchlistModel_->symbols());
    levelsPanel_->setTheme(chart_->theme());
    connect(export_, &ExportController::message, this, &MainWindow::showMessage);
    connect(annotations_, &AnnotationController::message, this, &MainWindow::showMessage);
    connect(document_, &ChartDocument::errorOccurred, this, &MainWindow::showMessage);
    connect(watchlistModel_, &WatchlistModel::errorOccurred, this, &MainWindow::showMessage);
    if (!watchlistModel_->lastError().isEmpty()) {
        showMessage(watchlistModel_->lastError());
    }
    // One line of text at a time: while a temporary message (ours, a refresh's or a menu
    // item's status tip) is up, the symbol line steps aside instead of being drawn under it.
    connect(statusBar(), &QStatusBar::messageChanged, this,
            [this](const QString& text) { statusLabel_->setVisible(text.isEmpty()); });
    connect(chart_, &ChartView::rangePresetCleared, this, [this] {
        if (QAction* lit = rangeGroup_->checkedAction()) {
            lit->setChecked(false);  // the view no longer shows that preset
        }
    });

    restoreState();

    if (auto version = cache_.dataVersion()) {
        cacheVersion_ = version.value();
    }
    auto* cacheWatch = new QTimer(this);
    connect(cacheWatch, &QTimer::timeout, this, &MainWindow::showCacheChanges);
    cacheWatch->start(kCacheWatchMs);
}

bool MainWindow::showCacheChanges() {
    const auto version = cache_.dataVersion();
    if (!version || version.value() == cacheVersion_) {
        return false;
    }
    cacheVersion_ = version.value();
    watchlistModel_->refresh();
    refresh_->setWatchlist(watchlistModel_->symbols());
    rotation_->setSymbols(watchlistModel_->currentList(), watchlistModel_->listSymbols());
    refreshCompleter();
    alerts_->checkNow();
    document_->reloadIfChanged();  // the chart keeps its range unless its bars changed
    return true;
}

// Children go in any order: every view lets go of the document and the chart when they do. A
// child going may still signal (the chart refits when a compare gives its legend's band back):
// nothing reaches this window's slots once it is being destroyed.
MainWindow::~MainWindow() {
    for (QObject* child : findChildren<QObject*>()) {
        child->disconnect(this);
    }
}

LevelOverlay* MainWindow::levelOverlay() const {
    return documentChart_->levelOverlay();
}

void MainWindow::showMessage(const QString& text) {
    statusBar()->showMessage(text, kMessageMs);
}

void MainWindow::createActions() {
    importAction_ = new QAction(tr("&Import CSV…"), this);
    importAction_->setShortcut(QKeySequence::Open);
    importAction_->setStatusTip(tr("Import daily bars from a CSV file (Yahoo, Stooq or generic)"));
    connect(importAction_, &QAction::triggered, this, &MainWindow::chooseAndImport);
    connect(recent_, &RecentFiles::fileChosen, this,
            [this](const QString& path) { importWithDialogs({path}); });

    quitAction_ = new QAction(tr("&Quit"), this);
    quitAction_->setShortcut(QKeySequence::Quit);
    connect(quitAction_, &QAction::triggered, this, &QWidget::close);

    logAction_ = new QAction(tr("&Log scale"), this);
    logAction_->setCheckable(true);
    logAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    logAction_->setStatusTip(tr("Logarithmic price axis: equal distances are equal % moves"));
    connect(logAction_, &QAction::toggled, chart_, &ChartView::setLogScale);

    adjustedAction_ = new QAction(tr("&Adjusted prices"), this);
    adjustedAction_->setCheckable(true);
    adjustedAction_->setChecked(true);
    adjustedAction_->setStatusTip(
        tr("Show prices adjusted for splits and dividends (off: as traded at the time)"));
    connect(adjustedAction_, &QAction::toggled, document_, &ChartDocument::setAdjusted);

    autoRefreshAction_ = new QAction(tr("Refresh &stale symbols when opened"), this);
    autoRefreshAction_->setCheckable(true);
    autoRefreshAction_->setChecked(true);
    autoRefreshAction_->setStatusTip(
        tr("Fetch new bars in the background when a symbol's data is more than a day old"));

    styleGroup_ = new QActionGroup(this);
    const std::pair<ChartStyle, QString> styles[] = {{ChartStyle::Candles, tr("&Candles")},
                                                     {ChartStyle::OhlcBars, tr("&OHLC bars")},
                                                     {ChartStyle::Line, tr("Li&ne")}};
    for (const auto& [style, name] : styles) {
        QAction* a = styleGroup_->addAction(name);
        a->setCheckable(true);
        a->setData(static_cast<int>(style));
        a->setChecked(style == ChartStyle::Candles);
    }
    connect(styleGroup_, &QActionGroup::triggered, this,
            [this](QAction* a) { chart_->setStyle(static_cast<ChartStyle>(a->data().toInt())); });

    timeframeGroup_ = new QActionGroup(this);
    const std::pair<Timeframe, QString> tfs[] = {
        {Timeframe::Daily, tr("D")}, {Timeframe::Weekly, tr("W")}, {Timeframe::Monthly, tr("M")}};
    for (const auto& [tf, code] : tfs) {
        QAction* a = timeframeGroup_->addAction(code);
        a->setCheckable(true);
        a->setData(static_cast<int>(tf));
        a->setChecked(tf == Timeframe::Daily);
        a->setToolTip(toQString(timeframeName(tf)) + tr(" bars"));
    }
    connect(timeframeGroup_, &QActionGroup::triggered, this, [this](QAction* a) {
        document_->setTimeframe(static_cast<Timeframe>(a->data().toInt()));
    });

    rangeGroup_ = new QActionGroup(this);
    rangeGroup_->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    for (const RangePreset preset : kRangePresets) {
        const QString label = toQString(rangePresetName(preset));
        QAction* a = rangeGroup_->addAction(label);
        a->setCheckable(true);
        a->setData(static_cast<int>(preset));
        a->setToolTip(tr("Show %1 up to the last bar").arg(label));
    }
    connect(rangeGroup_, &QActionGroup::triggered, this, [this](QAction* a) {
        a->setChecked(true);
        chart_->applyRangePreset(static_cast<RangePreset>(a->data().toInt()));
    });
}

void MainWindow::createMenusAndToolbar() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(importAction_);
    file->addMenu(recent_->menu());
    file->addSeparator();
    file->addAction(export_->saveImageAction());
    file->addAction(export_->copyImageAction());
    file->addAction(export_->exportWatchlistAction());
    file->addSeparator();
    file->addAction(refresh_->refreshCurrentAction());
    file->addAction(refresh_->refreshWatchlistAction());
    file->addAction(refresh_->reloadCurrentAction());
    file->addAction(autoRefreshAction_);
    file->addSeparator();
    file->addAction(refresh_->settingsAction());
    file->addSeparator();
    file->addAction(quitAction_);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(annotations_->undoAction());
    edit->addAction(annotations_->redoAction());
    edit->addSeparator();
    edit->addAction(annotations_->editAction());
    edit->addAction(annotations_->deleteAction());

    // Alt+H, Alt+V (and the other Alt+letter drawing tools) belong to the Draw tools, as in
    // TradingView, so no menu may use those letters as its mnemonic.
    QMenu* view = menuBar()->addMenu(tr("Vie&w"));
    view->addActions(styleGroup_->actions());
    view->addSeparator();
    view->addAction(logAction_);
    view->addAction(adjustedAction_);
    view->addSeparator();
    QMenu* tfMenu = view->addMenu(tr("&Timeframe"));
    tfMenu->addActions(timeframeGroup_->actions());
    QMenu* rangeMenu = view->addMenu(tr("&Range"));
    rangeMenu->addActions(rangeGroup_->actions());
    view->addSeparator();
    view->addAction(watchlist_->toggleViewAction());
    view->addAction(levelsPanel_->toggleViewAction());

    menuBar()->addMenu(annotations_->createMenu(this));

    QMenu* help = menuBar()->addMenu(tr("Hel&p"));
    help->addAction(tr("&About Retest"), this, [this] { showAboutDialog(this); });

    QToolBar* bar = addToolBar(tr("Chart"));
    bar->setObjectName(QStringLiteral("ChartToolbar"));
    bar->setMovable(false);
    bar->addActions(styleGroup_->actions());
    bar->addSeparator();
    bar->addAction(logAction_);
    bar->addSeparator();
    bar->addActions(timeframeGroup_->actions());
    bar->addSeparator();
    bar->addActions(rangeGroup_->actions());
    bar->addSeparator();
    bar->addAction(refresh_->refreshCurrentAction());
    createContextActions(view, bar);

    QToolBar* draw = addToolBar(tr("Draw"));
    draw->setObjectName(QStringLiteral("DrawToolbar"));
    draw->addActions(annotations_->toolActions());
    draw->addAction(annotations_->magnetAction());
}

void MainWindow::createBoardAndAlerts() {
    rotation_ = new RotationDock(cache_, this);
    alerts_ = new AlertsDock(cache_, this);
    alertMarks_ = new AlertMarks(*chart_, this);
    addDockWidget(Qt::BottomDockWidgetArea, rotation_);
    addDockWidget(Qt::RightDockWidgetArea, alerts_);
    tabifyDockWidget(levelsPanel_, alerts_);
    levelsPanel_->raise();
    rotation_->setSymbols(watchlistModel_->currentList(), watchlistModel_->listSymbols());

    addToWatchlistAction_ = new QAction(tr("&Add chart's symbol to the watchlist"), this);
    addToWatchlistAction_->setShortcut(QKeySequence(Qt::Key_Insert));
    connect(addToWatchlistAction_, &QAction::triggered, this, [this] {
        const QString problem = watchlistModel_->addSymbol(document_->symbol());
        statusBar()->showMessage(
            problem.isEmpty()
                ? tr("Added %1 to \"%2\"").arg(document_->symbol(), watchlistModel_->currentList())
                : problem,
            6000);
    });
    auto* alertAction = new QAction(tr("Alert on this symbol…"), this);
    alertAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A));
    connect(alertAction, &QAction::triggered, alerts_, &AlertsDock::openAddDialog);
    auto* checkAction = new QAction(tr("&Check alerts now"), this);
    connect(checkAction, &QAction::triggered, alerts_, [this] { alerts_->checkNow(); });
    rotation_->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));

    QMenu* lists = new QMenu(tr("&Lists"), this);
    lists->addAction(addToWatchlistAction_);
    lists->addAction(alertAction);
    lists->addAction(checkAction);
    lists->addSeparator();
    lists->addAction(rotation_->toggleViewAction());
    lists->addAction(alerts_->toggleViewAction());
    menuBar()->insertMenu(menuBar()->actions().constLast(), lists);

    const auto showMessage = [this](const QString& text) { statusBar()->showMessage(text, 8000); };
    connect(watchlist_, &WatchlistDock::message, this, showMessage);
    connect(alerts_, &AlertsDock::message, this, showMessage);
    connect(watchlistModel_, &WatchlistModel::listsChanged, this, [this] {
        refresh_->setWatchlist(watchlistModel_->symbols());
        rotation_->setSymbols(watchlistModel_->currentList(), watchlistModel_->listSymbols());
    });
    connect(rotation_, &RotationDock::symbolActivated, this, &MainWindow::showSymbol);
    connect(alerts_, &AlertsDock::symbolActivated, this, &MainWindow::showSymbol);
    connect(alerts_, &AlertsDock::alertsChanged, this, &MainWindow::updateAlertMarks);
    connect(document_, &ChartDocument::levelsChanged, alerts_,
            [this] { alerts_->setLevels(document_->levels().zones); });
    // Right-click ▸ Alert… on a level, a zone band, a drawing or a pane threshold.
    annotations_->setLevelOverlay(levelOverlay());
    connect(levelsPanel_, &LevelsPanel::alertRequested, alerts_, &AlertsDock::openAlertDialog);
    connect(annotations_, &AnnotationController::alertRequested, alerts_,
            &AlertsDock::openAlertDialog);
    connect(context_, &MarketContext::alertRequested, alerts_, &AlertsDock::openAlertDialog);
}

void MainWindow::updateAlertMarks() {
    const auto& bars = document_->dailyBars();
    alerts_->setCurrentSymbol(document_->symbol(),
                              bars.empty() ? std::optional<double>() : bars.back().close);
    alertMarks_->setAlerts(alerts_->alertsFor(document_->symbol()));
}

void MainWindow::showSymbol(const QString& symbol) {
    if (symbol.isEmpty() || symbol == document_->symbol()) {
        return;
    }
    document_->setSymbol(symbol);
    watchlist_->selectSymbol(symbol);
    refresh_->setCurrentSymbol(symbol);
    refreshIfStale();
}

void MainWindow::refreshIfStale() {
    if (!autoRefreshAction_->isChecked() || refresh_->isRunning() || refresh_->isOffline()) {
        return;
    }
    // The bundled sample is history, not a feed: it is refreshed only on request (F5).
    const auto& info = document_->info();
    if (info && info->source.rfind("sample", 0) == 0) {
        return;
    }
    const auto now = QDateTime::currentSecsSinceEpoch();
    const bool recentlyRefreshed =
        info && info->lastRefreshUnix && now - *info->lastRefreshUnix < qint64{6} * 3600;
    if (!recentlyRefreshed) {
        // Runs in the background; the chart shows the cached bars meanwhile.
        refresh_->refreshCurrent();
    }
}

void MainWindow::onDocumentChanged() {
    updateAlertMarks();  // after DocumentChart (connected first) has the new bars
    applyMarketContext();
    updateTitle();
    updateStatus();
}

void MainWindow::updateTitle() {
    const auto& bars = document_->bars();
    if (bars.empty()) {
        chart_->setTitle(document_->title(0, 0));
        setWindowTitle(QStringLiteral("%1 — Retest").arg(document_->symbol()));
        return;
    }
    auto [first, last] = chart_->visibleBarRange();
    first = std::clamp(first, 0, static_cast<int>(bars.size()) - 1);
    last = std::clamp(last, first, static_cast<int>(bars.size()) - 1);
    chart_->setTitle(document_->title(bars[std::size_t(first)].day, bars[std::size_t(last)].day));
    setWindowTitle(QStringLiteral("%1 — Retest").arg(document_->symbol()));
}

void MainWindow::updateStatus() {
    const auto& info = document_->info();
    if (!info || info->barCount == 0 || !info->firstDay || !info->lastDay) {
        statusLabel_->setText(tr("%1: no cached data").arg(document_->symbol()));
        return;
    }
    statusLabel_->setText(tr("%1 · %2 daily bars · %3 – %4 · source: %5")
                              .arg(document_->symbol())
                              .arg(info->barCount)
                              .arg(QString::fromStdString(formatIsoDate(*info->firstDay)),
                                   QString::fromStdString(formatIsoDate(*info->lastDay)),
                                   QString::fromStdString(info->source)));
}

QString MainWindow::importFiles(const QStringList& paths,
                                const std::function<QString(const QString&)>& askSymbol) {
    QStringList lines;
    QString lastImported;
    for (const QString& path : paths) {
        const QString symbol = askSymbol(path);
        if (symbol.isEmpty()) {
            lines << tr("%1: skipped").arg(QFileInfo(path).fileName());
            continue;
        }
        auto report = importCsvFile(cache_, std::filesystem::path(path.toStdString()),
                                    symbol.toStdString(), CsvFormat::Auto);
        if (report) {
            lines << QString::fromStdString(report->summary());
            lastImported = QString::fromStdString(report->symbol);
            recent_->add(path);
        } else {
            lines << tr("Not imported (the cache is unchanged): %1")
                         .arg(QString::fromStdString(report.error().message));
        }
    }
    watchlistModel_->refresh();
    refresh_->setWatchlist(watchlistModel_->symbols());
    alerts_->checkNow();
    rotation_->setSymbols(watchlistModel_->currentList(), watchlistModel_->listSymbols());
    if (!lastImported.isEmpty()) {
        if (lastImported == document_->symbol()) {
            document_->reload();
        } else {
            showSymbol(lastImported);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

void MainWindow::importWithDialogs(const QStringList& paths) {
    const QString report = importFiles(paths, [this](const QString& path) {
        bool ok = false;
        const QString guess = suggestSymbol(path);
        const QString symbol = QInputDialog::getText(
            this, tr("Import CSV"), tr("Symbol for %1:").arg(QFileInfo(path).fileName()),
            QLineEdit::Normal, guess, &ok);
        return ok ? symbol.trimmed() : QString();
    });
    const bool failed = report.contains(tr("Not imported"));
    QMessageBox box(failed ? QMessageBox::Warning : QMessageBox::Information, tr("Import CSV"),
                    failed ? tr("Some files were not imported.") : tr("Import finished."),
                    QMessageBox::Ok, this);
    box.setInformativeText(report);
    box.exec();
}

void MainWindow::openFiles(const QStringList& paths) {
    if (isMinimized()) {
        showNormal();
    }
    raise();
    activateWindow();
    if (!paths.isEmpty()) {
        importWithDialogs(paths);
    }
}

void MainWindow::chooseAndImport() {
    const QString dir = settings_.value(QStringLiteral("import/lastDir")).toString();
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import CSV"), dir, tr("CSV files (*.csv *.txt);;All files (*)"));
    if (paths.isEmpty()) {
        return;
    }
    settings_.setValue(QStringLiteral("import/lastDir"), QFileInfo(paths.front()).absolutePath());
    importWithDialogs(paths);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        for (const QUrl& url : event->mimeData()->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importWithDialogs(paths);
    }
}

void MainWindow::restoreState() {
    restoreGeometry(settings_.value(QStringLiteral("window/geometry")).toByteArray());
    QMainWindow::restoreState(settings_.value(QStringLiteral("window/state")).toByteArray());
    if (!settings_.contains(QStringLiteral("window/geometry"))) {
        // First start: most of the screen, so a year of daily candles fits beside the docks
        // one candle a day (1400 x 860 where the screen is unknown).
        const QScreen* s = screen();
        const QSize room = s != nullptr ? s->availableGeometry().size() * 0.9 : QSize(1400, 860);
        resize(std::min(room.width(), 1680), std::min(room.height(), 1050));
    }
    if (!settings_.contains(QStringLiteral("window/state"))) {
        // First start: the chart gets the room; the board is one key away (Ctrl+Shift+R).
        rotation_->hide();
    }

    const int style = settings_.value(QStringLiteral("chart/style"), 0).toInt();
    for (QAction* a : styleGroup_->actions()) {
        if (a->data().toInt() == style) {
            a->setChecked(true);
            chart_->setStyle(static_cast<ChartStyle>(style));
        }
    }
    logAction_->setChecked(settings_.value(QStringLiteral("chart/log"), false).toBool());
    adjustedAction_->setChecked(settings_.value(QStringLiteral("chart/adjusted"), false).toBool());
    autoRefreshAction_->setChecked(
        settings_.value(QStringLiteral("feeds/refreshStaleOnOpen"), true).toBool());
    const int tf = settings_.value(QStringLiteral("chart/timeframe"), 0).toInt();
    for (QAction* a : timeframeGroup_->actions()) {
        if (a->data().toInt() == tf) {
            a->setChecked(true);
            document_->setTimeframe(static_cast<Timeframe>(tf));
        }
    }

    // The list last shown, when it is still stored (else the first one).
    if (const QString list = settings_.value(QStringLiteral("watchlist/list")).toString();
        !list.isEmpty()) {
        watchlistModel_->setCurrentList(list);
    }
    QString symbol = settings_.value(QStringLiteral("chart/symbol")).toString();
    if (symbol.isEmpty() || watchlistModel_->rowOf(symbol) < 0) {
        symbol = QStringLiteral("^GSPC");
    }
    showSymbol(symbol);

    const int range = settings_.value(QStringLiteral("chart/range"), -1).toInt();
    for (QAction* a : rangeGroup_->actions()) {
        if (a->data().toInt() == range) {
            a->setChecked(true);
            chart_->applyRangePreset(static_cast<RangePreset>(range));
        }
    }
}

void MainWindow::saveState() {
    settings_.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings_.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    settings_.setValue(QStringLiteral("chart/symbol"), document_->symbol());
    settings_.setValue(QStringLiteral("watchlist/list"), watchlistModel_->currentList());
    settings_.setValue(QStringLiteral("chart/timeframe"), static_cast<int>(document_->timeframe()));
    settings_.setValue(QStringLiteral("chart/log"), logAction_->isChecked());
    settings_.setValue(QStringLiteral("chart/adjusted"), adjustedAction_->isChecked());
    settings_.setValue(QStringLiteral("feeds/refreshStaleOnOpen"), autoRefreshAction_->isChecked());
    if (QAction* style = styleGroup_->checkedAction()) {
        settings_.setValue(QStringLiteral("chart/style"), style->data());
    }
    QAction* range = rangeGroup_->checkedAction();
    settings_.setValue(QStringLiteral("chart/range"), range != nullptr ? range->data() : -1);
    settings_.sync();
}

void MainWindow::keyPressEvent(QKeyEvent* event) {
    const bool up = event->key() == Qt::Key_Up;
    if ((up || event->key() == Qt::Key_Down) && event->modifiers() == Qt::NoModifier) {
        watchlist_->step(up ? -1 : 1);
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveState();
    event->accept();
}

// --- market context (compare overlays, panes, ratio symbols) ---

void MainWindow::createContextActions(QMenu* view, QToolBar* bar) {
    compareEdit_ = new QLineEdit(bar);
    compareEdit_->setObjectName(QStringLiteral("CompareEdit"));
    compareEdit_->setPlaceholderText(tr("Compare with…"));
    compareEdit_->setToolTip(
        tr("Type a symbol (or a ratio such as IWM:SPY) and press Enter to "
           "overlay it as % change; up to four. Click its legend entry to "
           "remove it."));
    compareEdit_->setMaximumWidth(150);
    compareEdit_->setCompleter(new QCompleter(new QStringListModel(compareEdit_), compareEdit_));
    compareEdit_->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    connect(compareEdit_, &QLineEdit::returnPressed, this, [this] {
        if (compareWith(compareEdit_->text())) {
            compareEdit_->clear();
        }
    });
    bar->addSeparator();
    bar->addWidget(compareEdit_);
    refreshCompleter();
    connect(watchlistModel_, &QAbstractItemModel::modelReset, this, &MainWindow::refreshCompleter);

    view->addSeparator();
    QAction* open = view->addAction(tr("Open &Symbol or Ratio…"), this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Open Symbol"),
                                                   tr("Symbol or ratio (e.g. IWM or IWM:SPY):"),
                                                   QLineEdit::Normal, QString(), &ok);
        if (ok) {
            openSymbol(text);
        }
    });
    open->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    view->addAction(tr("&Compare With…"), this, [this] { compareEdit_->setFocus(); });
    view->addAction(tr("Add &Pane…"), this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getText(
            this, tr("Add Pane"), tr("Symbol to show under the price (e.g. ^TNX):"),
            QLineEdit::Normal, QStringLiteral("^TNX"), &ok);
        if (ok) {
            addPane(text);
        }
    });
    view->addAction(
        tr("Add &Relative-Strength Pane (vs %1)").arg(QString::fromLatin1(kDefaultBenchmark)), this,
        [this] {
            addPane(document_->symbol() + QLatin1Char(':') +
                    QString::fromLatin1(kDefaultBenchmark));
        });
}

void MainWindow::refreshCompleter() {
    QStringList symbols = watchlistModel_->symbols();
    if (auto cached = cache_.listSymbols()) {
        for (const SymbolInfo& info : cached.value()) {
            const QString s = QString::fromStdString(info.symbol);
            if (!symbols.contains(s)) {
                symbols << s;
            }
        }
    }
    static_cast<QStringListModel*>(compareEdit_->completer()->model())->setStringList(symbols);
}

void MainWindow::applyMarketContext() {
    if (document_->bars().empty()) {
        context_->clear();
        return;
    }
    // A ratio, or a series of closes only (DGS10), has no real candles: a line.
    if (document_->isRatio() || closesOnly(document_->bars())) {
        chart_->setStyle(ChartStyle::Line);
    } else if (QAction* style = styleGroup_->checkedAction()) {
        chart_->setStyle(static_cast<ChartStyle>(style->data().toInt()));
    }
    const QStringList errors = context_->apply(
        {document_->symbol(), document_->timeframe(), document_->adjusted(), document_->until()},
        document_->marketContext());
    if (!errors.isEmpty()) {
        statusBar()->showMessage(errors.join(QStringLiteral("; ")), 8000);
    }
}

void MainWindow::rememberMarketContext() {
    if (auto stored = document_->setMarketContext(context_->items()); !stored) {
        statusBar()->showMessage(QString::fromStdString(stored.error().message), 8000);
    }
}

bool MainWindow::compareWith(const QString& symbol) {
    return addToContext(symbol, false);
}

bool MainWindow::addPane(const QString& symbol) {
    return addToContext(symbol, true);
}

bool MainWindow::addToContext(const QString& symbol, bool pane) {
    if (document_->bars().empty()) {
        statusBar()->showMessage(tr("Open a chart with data first"), 6000);
        return false;
    }
    const Result<Ok> added = pane ? context_->addPane(symbol) : context_->addCompare(symbol);
    if (!added) {
        statusBar()->showMessage(QString::fromStdString(added.error().message), 8000);
        return false;
    }
    rememberMarketContext();
    return true;
}

bool MainWindow::openSymbol(const QString& text) {
    auto series = loadSeriesWithData(cache_, text.toStdString());
    if (!series) {
        statusBar()->showMessage(
            tr("Cannot open %1: %2")
                .arg(text.trimmed(), QString::fromStdString(series.error().message)),
            8000);
        return false;
    }
    showSymbol(QString::fromStdString(series->symbol));
    return true;
}

}  // namespace retest::ui
