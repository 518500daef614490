// The watchlist dock: a chooser of the stored lists, the chosen list's symbols (then every
// other cached symbol), and the edits: new/rename/delete list, import/export as text, remove
// (Delete key), drag to reorder. A click or Up/Down makes a symbol current; the window
// switches the chart from the cache.
#pragma once

#include <QDockWidget>

class QComboBox;
class QMenu;
class QTableView;
class QToolButton;

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
    QComboBox* listChooser() const { return chooser_; }
    /// Removes the current row's symbol from the list (the Delete key); a message or "".
    QString removeCurrent();
    /// Makes the symbol `rows` rows below the current one current (above when negative), as
    /// Up/Down in the list do; the first or last row stays where it is.
    void step(int rows);

    /// The row's context menu (also used by tests): "Compare with Chart", "Show in a Pane".
    QMenu* contextMenuFor(const QString& symbol);

Q_SIGNALS:
    void symbolActivated(const QString& symbol);
    /// Context menu: overlay `symbol` on the chart / show it in a pane under the price.
    void compareRequested(const QString& symbol);
    void paneRequested(const QString& symbol);
    /// An edit was refused or a file could not be read: the text to show.
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fillChooser();
    void report(const QString& problem, const QString& done);
    void newList();
    void renameList();
    void deleteList();
    void importList();
    void exportList();

    WatchlistModel& model_;
    QTableView* view_ = nullptr;
    QComboBox* chooser_ = nullptr;
    QToolButton* menuButton_ = nullptr;
    QString pendingSymbol_;
};

}  // namespace retest::ui
