// The watchlist dock: "Small caps & sectors" plus every cached symbol. A click or Up/Down
// makes a symbol current; the window switches the chart from the cache.
#pragma once

#include <QDockWidget>

class QMenu;
class QTableView;

namespace retest::ui {

class WatchlistModel;

class WatchlistDock : public QDockWidget {
    Q_OBJECT

public:
    WatchlistDock(WatchlistModel& model, QWidget* parent = nullptr);

    /// Makes `symbol` current (no signal when it already is). False when it is not listed.
    bool selectSymbol(const QString& symbol);
    QString currentSymbol() const;
    QTableView* view() const { return view_; }

    /// The row's context menu (also used by tests): "Compare with Chart", "Show in a Pane".
    QMenu* contextMenuFor(const QString& symbol);

Q_SIGNALS:
    void symbolActivated(const QString& symbol);
    /// Context menu: overlay `symbol` on the chart / show it in a pane under the price.
    void compareRequested(const QString& symbol);
    void paneRequested(const QString& symbol);

private:
    WatchlistModel& model_;
    QTableView* view_ = nullptr;
    QString pendingSymbol_;
};

}  // namespace retest::ui
