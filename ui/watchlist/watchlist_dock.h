// The watchlist dock: "Small caps & sectors" plus every cached symbol. A click or Up/Down
// makes a symbol current; the window switches the chart from the cache.
#pragma once

#include <QDockWidget>

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

Q_SIGNALS:
    void symbolActivated(const QString& symbol);

private:
    WatchlistModel& model_;
    QTableView* view_ = nullptr;
    QString pendingSymbol_;
};

}  // namespace retest::ui
