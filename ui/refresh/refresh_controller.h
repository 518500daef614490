// What the main window owns to refresh prices: F5 (current symbol), Shift+F5 (watchlist),
// the feed settings dialog, a status-bar widget and non-modal error notices. It writes to the
// PriceCache through FeedRefresher and tells the window which symbols changed.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include "core/feeds/feed_refresher.h"

class QAction;
class QMessageBox;
class QStatusBar;
class QWidget;

namespace retest {
class PriceCache;
}

namespace retest::ui {

class FeedSettingsDialog;
class RefreshStatusWidget;

class RefreshController : public QObject {
    Q_OBJECT
public:
    /// `window` receives the actions (so their shortcuts work) and parents dialogs/notices.
    /// Settings are read from QSettings (the "feeds/" group).
    RefreshController(PriceCache* cache, QStatusBar* statusBar, QWidget* window,
                      QObject* parent = nullptr);
    ~RefreshController() override;

    QAction* refreshCurrentAction() const { return refreshCurrent_; }      ///< F5
    QAction* refreshWatchlistAction() const { return refreshWatchlist_; }  ///< Shift+F5
    QAction* reloadCurrentAction() const { return reloadCurrent_; }        ///< whole history again
    QAction* settingsAction() const { return settings_; }

    void setCurrentSymbol(const QString& symbol);
    void setWatchlist(const QStringList& symbols);

    const FeedSettings& feedSettings() const { return refresher_->settings(); }
    /// Applies (and with `persist`, saves to QSettings) new feed settings.
    void setFeedSettings(const FeedSettings& settings, bool persist = true);

    bool isRunning() const { return refresher_->isRunning(); }
    bool isOffline() const { return offline_; }
    RefreshStatusWidget* statusWidget() const { return status_; }
    /// The error notice of the last refresh, or null when it had no (non-offline) failure.
    QMessageBox* errorNotice() const;
    FeedRefresher& refresher() { return *refresher_; }

public Q_SLOTS:  // NOLINT(readability-redundant-access-specifiers): moc reads Q_SLOTS
    /// Each returns false when nothing started (no symbol, or a refresh is running).
    bool refreshCurrent();
    bool refreshWatchlist();
    bool reloadCurrent();
    bool refreshSymbols(const QStringList& symbols, retest::RefreshOptions options = {});
    void cancel();
    /// Opens the settings dialog (window-modal, returns at once); OK applies and saves.
    FeedSettingsDialog* editSettings();

Q_SIGNALS:
    void symbolUpdated(const QString& symbol);
    void refreshStarted(int total);
    /// `failed` excludes cancelled symbols.
    void refreshFinished(int updated, int failed);

private:
    void onSymbolFinished(const SymbolRefreshResult& result);
    void onFinished();
    void showNotice(const QStringList& errors);
    void updateActions();

    QStatusBar* statusBar_;
    QWidget* window_;
    FeedRefresher* refresher_;
    RefreshStatusWidget* status_;
    QAction* refreshCurrent_;
    QAction* refreshWatchlist_;
    QAction* reloadCurrent_;
    QAction* settings_;
    QPointer<QMessageBox> notice_;
    QString currentSymbol_;
    QStringList watchlist_;
    QStringList errors_;
    int updated_ = 0;
    int offlineFailures_ = 0;
    int otherFailures_ = 0;
    bool offline_ = false;
};

}  // namespace retest::ui
