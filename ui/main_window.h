// The main window: the chart in the middle, the watchlist on the side, toolbar and menus.
// Wires widgets to the ChartDocument (the one owner of what the chart shows) and the cache;
// holds no SQL, no analytics and no chart state itself.
#pragma once

#include <QMainWindow>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <optional>

#include "core/cache/price_cache.h"

class QActionGroup;
class QAction;
class QSettings;
class QLabel;
class QLineEdit;
class QMenu;
class QToolBar;

namespace retest::ui {

class AlertMarks;
class AlertsDock;
class AnnotationController;
class ChartDocument;
class ChartView;
class DocumentChart;
class ExportController;
class LevelOverlay;
class LevelsPanel;
class RecentFiles;
class MarketContext;
class RefreshController;
class RotationDock;
class WatchlistDock;
class WatchlistModel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// `settings` keeps the window layout, last symbol and view choices between runs.
    MainWindow(PriceCache& cache, QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Shows `symbol` (from the cache; an empty state when it has no bars).
    void showSymbol(const QString& symbol);

    /// Imports CSV files; `askSymbol(path)` names each one's symbol (empty: skip the file).
    /// Returns the report shown to the user, one line per file.
    QString importFiles(const QStringList& paths,
                        const std::function<QString(const QString&)>& askSymbol);

    /// Brings the window to the front and imports `paths`, asking for each file's symbol
    /// (suggested from its name): files from the command line or from a second launch.
    void openFiles(const QStringList& paths);
    /// File ▸ Import CSV…: the file dialog, then the import.
    void chooseAndImport();

    RecentFiles* recentFiles() const { return recent_; }

    /// Shows `text` in the status bar for a few seconds; it replaces any message before it.
    void showMessage(const QString& text);
    /// The status bar's permanent line (symbol, bars, dates, source).
    QLabel* statusLine() const { return statusLabel_; }

    ChartView* chartView() const { return chart_; }
    ChartDocument* document() const { return document_; }
    WatchlistDock* watchlistDock() const { return watchlist_; }
    RefreshController* refreshController() const { return refresh_; }
    LevelOverlay* levelOverlay() const;
    LevelsPanel* levelsPanel() const { return levelsPanel_; }
    ExportController* exportController() const { return export_; }
    AnnotationController* annotations() const { return annotations_; }
    RotationDock* rotationDock() const { return rotation_; }
    AlertsDock* alertsDock() const { return alerts_; }
    AlertMarks* alertMarks() const { return alertMarks_; }
    /// Adds the chart's symbol to the watchlist shown (the Insert key).
    QAction* addToWatchlistAction() const { return addToWatchlistAction_; }

    // --- market context (compare overlays, panes, ratio symbols) ---
    MarketContext* marketContext() const { return context_; }
    /// The toolbar field: type a symbol (completed from the cache) and Enter to compare.
    QLineEdit* compareEdit() const { return compareEdit_; }
    /// Adds a compare overlay / a pane and remembers it for the symbol; on error the status
    /// bar names the symbol and the chart stays as it was. True when added.
    bool compareWith(const QString& symbol);
    bool addPane(const QString& symbol);
    /// Opens any symbol, a ratio such as IWM:SPY too; a bad or unknown one leaves the chart
    /// as it was and explains why in the status bar. True when shown.
    bool openSymbol(const QString& text);
    /// Shows what another process committed to the cache since the last look (`retest import`,
    /// `retest annotate`, `retest watchlist` in a terminal): the watchlists and the chart are
    /// read again. A timer calls it every kCacheWatchMs. True when something had changed.
    bool showCacheChanges();
    static constexpr int kCacheWatchMs = 2000;

protected:
    void closeEvent(QCloseEvent* event) override;
    /// Up/Down the chart leaves (it uses Left/Right, Home/End, +/-) switch the watchlist's symbol.
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenusAndToolbar();
    void restoreState();
    void saveState();
    void onDocumentChanged();
    void updateTitle();
    void updateStatus();
    void importWithDialogs(const QStringList& paths);
    void refreshIfStale();
    void createBoardAndAlerts();
    void updateAlertMarks();
    void createContextActions(QMenu* view, QToolBar* bar);
    void applyMarketContext();
    void rememberMarketContext();
    bool addToContext(const QString& symbol, bool pane);
    void refreshCompleter();

    PriceCache& cache_;
    QSettings& settings_;
    ChartDocument* document_ = nullptr;
    ChartView* chart_ = nullptr;
    WatchlistModel* watchlistModel_ = nullptr;
    WatchlistDock* watchlist_ = nullptr;
    QLabel* statusLabel_ = nullptr;
    RefreshController* refresh_ = nullptr;
    DocumentChart* documentChart_ = nullptr;
    LevelsPanel* levelsPanel_ = nullptr;
    ExportController* export_ = nullptr;
    AnnotationController* annotations_ = nullptr;
    RecentFiles* recent_ = nullptr;
    RotationDock* rotation_ = nullptr;
    AlertsDock* alerts_ = nullptr;
    AlertMarks* alertMarks_ = nullptr;
    QAction* addToWatchlistAction_ = nullptr;
    MarketContext* context_ = nullptr;
    QLineEdit* compareEdit_ = nullptr;
    std::optional<std::int64_t> cacheVersion_;  // PriceCache::dataVersion() when last looked

    QAction* importAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* logAction_ = nullptr;
    QAction* adjustedAction_ = nullptr;
    QAction* autoRefreshAction_ = nullptr;
    QActionGroup* styleGroup_ = nullptr;
    QActionGroup* timeframeGroup_ = nullptr;
    QActionGroup* rangeGroup_ = nullptr;
};

}  // namespace retest::ui
