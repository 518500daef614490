// The main window: the chart in the middle, the watchlist on the side, toolbar and menus.
// Wires widgets to the ChartDocument and the cache; holds no SQL and no analytics itself.
#pragma once

#include <QMainWindow>
#include <QStringList>
#include <functional>

#include "core/cache/price_cache.h"

class QActionGroup;
class QAction;
class QSettings;
class QLabel;
class QLineEdit;
class QMenu;
class QToolBar;

namespace retest::ui {

class ActionMarkers;
class AnnotationController;
class ChartDocument;
class ChartView;
class ExportController;
class LevelOverlay;
class LevelsPanel;
class MarketContext;
class RefreshController;
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

    ChartView* chartView() const { return chart_; }
    ChartDocument* document() const { return document_; }
    WatchlistDock* watchlistDock() const { return watchlist_; }
    RefreshController* refreshController() const { return refresh_; }
    LevelOverlay* levelOverlay() const { return levelOverlay_; }
    LevelsPanel* levelsPanel() const { return levelsPanel_; }
    ExportController* exportController() const { return export_; }
    AnnotationController* annotations() const { return annotations_; }

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

protected:
    void closeEvent(QCloseEvent* event) override;
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
    void chooseAndImport();
    void refreshIfStale();
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
    LevelOverlay* levelOverlay_ = nullptr;
    LevelsPanel* levelsPanel_ = nullptr;
    ExportController* export_ = nullptr;
    ActionMarkers* actionMarkers_ = nullptr;
    AnnotationController* annotations_ = nullptr;
    MarketContext* context_ = nullptr;
    QLineEdit* compareEdit_ = nullptr;

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
