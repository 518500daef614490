// RefreshController. Errors are collected over a whole refresh and shown once: a network
// outage only lights the "offline" badge (the user can do nothing about it but wait), any
// other failure opens one non-modal notice listing the symbols and reasons.
#include "ui/refresh/refresh_controller.h"

#include <QAction>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QWidget>

#include "core/feeds/feed_settings_store.h"
#include "ui/refresh/feed_settings_dialog.h"
#include "ui/refresh/refresh_status_widget.h"

namespace retest::ui {
namespace {

FeedSettings storedSettings() {
    QSettings settings;
    return loadFeedSettings(settings);
}

constexpr int kShownErrors = 8;  // more would make the notice taller than the window

}  // namespace

RefreshController::RefreshController(PriceCache* cache, QStatusBar* statusBar, QWidget* window,
                                     QObject* parent)
    : QObject(parent),
      statusBar_(statusBar),
      window_(window),
      refresher_(new FeedRefresher(*cache, storedSettings(), this)),
      status_(new RefreshStatusWidget(statusBar)),
      refreshCurrent_(new QAction(tr("&Refresh Prices"), this)),
      refreshWatchlist_(new QAction(tr("Refresh &Watchlist"), this)),
      reloadCurrent_(new QAction(tr("Re-download &Full History"), this)),
      settings_(new QAction(tr("Price &Feed Settings…"), this)) {
    refreshCurrent_->setShortcut(QKeySequence(Qt::Key_F5));
    refreshCurrent_->setStatusTip(tr("Download the latest prices of the current symbol"));
    refreshWatchlist_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    refreshWatchlist_->setStatusTip(tr("Download the latest prices of every watched symbol"));
    reloadCurrent_->setStatusTip(tr("Download the whole history of the current symbol again"));
    if (window_) {
        window_->addActions({refreshCurrent_, refreshWatchlist_, reloadCurrent_, settings_});
    }
    if (statusBar_) {
        statusBar_->addPermanentWidget(status_);
    }
    connect(refreshCurrent_, &QAction::triggered, this, &RefreshController::refreshCurrent);
    connect(refreshWatchlist_, &QAction::triggered, this, &RefreshController::refreshWatchlist);
    connect(reloadCurrent_, &QAction::triggered, this, &RefreshController::reloadCurrent);
    connect(settings_, &QAction::triggered, this, &RefreshController::editSettings);
    connect(status_, &RefreshStatusWidget::cancelRequested, this, &RefreshController::cancel);
    connect(refresher_, &FeedRefresher::progress, status_, &RefreshStatusWidget::showProgress);
    connect(refresher_, &FeedRefresher::symbolFinished, this, &RefreshController::onSymbolFinished);
    connect(refresher_, &FeedRefresher::finished, this, &RefreshController::onFinished);
    updateActions();
}

RefreshController::~RefreshController() {
    refresher_->disconnect(this);
}

QMessageBox* RefreshController::errorNotice() const {
    return notice_.data();
}

void RefreshController::setCurrentSymbol(const QString& symbol) {
    currentSymbol_ = symbol.trimmed();
    updateActions();
}

void RefreshController::setWatchlist(const QStringList& symbols) {
    watchlist_ = symbols;
    updateActions();
}

void RefreshController::setFeedSettings(const FeedSettings& settings, bool persist) {
    refresher_->setSettings(settings);
    if (persist) {
        QSettings stored;
        saveFeedSettings(stored, settings);
    }
}

bool RefreshController::refreshCurrent() {
    return !currentSymbol_.isEmpty() && refreshSymbols({currentSymbol_});
}

bool RefreshController::refreshWatchlist() {
    QStringList symbols = watchlist_;
    if (symbols.isEmpty() && !currentSymbol_.isEmpty()) {
        symbols.append(currentSymbol_);
    }
    return !symbols.isEmpty() && refreshSymbols(symbols);
}

bool RefreshController::reloadCurrent() {
    return !currentSymbol_.isEmpty() && refreshSymbols({currentSymbol_}, RefreshOptions{true, {}});
}

bool RefreshController::refreshSymbols(const QStringList& symbols, RefreshOptions options) {
    if (refresher_->isRunning() || symbols.isEmpty()) {
        return false;
    }
    errors_.clear();
    updated_ = offlineFailures_ = otherFailures_ = 0;
    if (notice_) {
        notice_->close();
    }
    Q_EMIT refreshStarted(static_cast<int>(symbols.size()));
    const bool started = refresher_->refresh(symbols, options);
    updateActions();
    return started;
}

void RefreshController::cancel() {
    refresher_->cancel();
}

void RefreshController::onSymbolFinished(const SymbolRefreshResult& result) {
    switch (result.status) {
        case SymbolRefreshResult::Status::Updated:
            ++updated_;
            Q_EMIT symbolUpdated(result.symbol);
            break;
        case SymbolRefreshResult::Status::Failed:
            ++(result.offline() ? offlineFailures_ : otherFailures_);
            errors_.append(result.error);
            break;
        case SymbolRefreshResult::Status::Cancelled:
            break;
    }
}

void RefreshController::onFinished() {
    status_->showIdle();
    if (updated_ > 0 || otherFailures_ > 0) {
        offline_ = false;  // something answered: the network is there
    } else if (offlineFailures_ > 0) {
        offline_ = true;
    }
    status_->setOffline(offline_);
    if (statusBar_) {
        const int failed = offlineFailures_ + otherFailures_;
        statusBar_->showMessage(
            failed == 0 ? tr("Prices refreshed: %n symbol(s)", "", updated_) : errors_.constFirst(),
            10000);
    }
    if (otherFailures_ > 0) {
        showNotice(errors_);
    }
    updateActions();
    Q_EMIT refreshFinished(updated_, offlineFailures_ + otherFailures_);
}

void RefreshController::showNotice(const QStringList& errors) {
    if (!notice_) {
        notice_ = new QMessageBox(QMessageBox::Warning, tr("Price refresh"), QString(),
                                  QMessageBox::Close, window_);
        notice_->setModal(false);
        notice_->setWindowModality(Qt::NonModal);
    }
    QStringList shown = errors.mid(0, kShownErrors);
    if (errors.size() > kShownErrors) {
        shown.append(tr("… and %n more", "", static_cast<int>(errors.size() - kShownErrors)));
    }
    notice_->setText(tr("Some prices could not be refreshed; the cached prices are unchanged."));
    notice_->setInformativeText(shown.join(QLatin1Char('\n')));
    notice_->show();
}

FeedSettingsDialog* RefreshController::editSettings() {
    auto* dialog = new FeedSettingsDialog(refresher_->settings(), window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { setFeedSettings(dialog->settings()); });
    dialog->open();
    return dialog;
}

void RefreshController::updateActions() {
    const bool idle = !refresher_->isRunning();
    refreshCurrent_->setEnabled(idle && !currentSymbol_.isEmpty());
    reloadCurrent_->setEnabled(idle && !currentSymbol_.isEmpty());
    refreshWatchlist_->setEnabled(idle && (!watchlist_.isEmpty() || !currentSymbol_.isEmpty()));
}

}  // namespace retest::ui
