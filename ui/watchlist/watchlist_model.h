// The watchlist as a table: the symbols of the chosen stored list (editable: add, remove,
// drag to reorder) followed by every other cached symbol, each with its last close and change.
// Lists live in the cache (core/cache/watchlist_store.h); quotes are read from the cache.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/cache/price_cache.h"
#include "core/cache/watchlist_store.h"

namespace retest::ui {

class WatchlistModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SymbolColumn, LastColumn, ChangeColumn, ColumnCount };

    /// The list shipped as "Small caps & sectors".
    static QStringList defaultSymbols();

    explicit WatchlistModel(PriceCache& cache, QObject* parent = nullptr);

    /// Re-reads the list, the cached symbols and their last two closes. A cache read that
    /// fails is reported through errorOccurred() and kept in lastError() (empty after a clean
    /// read).
    void refresh();
    const QString& lastError() const { return lastError_; }
    /// Row of `symbol`, or -1.
    int rowOf(const QString& symbol) const;
    QString symbolAt(int row) const;
    /// Every row's symbol (the list's, then the other cached ones).
    QStringList symbols() const;

    // --- the stored lists ---
    QStringList listNames() const;
    /// The list shown (default: the first stored list).
    QString currentList() const { return listName_; }
    /// Shows list `name`; false (and nothing changes) when there is none.
    bool setCurrentList(const QString& name);
    /// The symbols of the list shown, in order.
    QStringList listSymbols() const;
    /// True when `row` holds a member of the list (not just a cached symbol).
    bool isMember(int row) const;

    // Edits of the stored lists. Each returns an empty string or the message to show, and
    // emits listsChanged() on success.
    QString addSymbol(const QString& symbol);
    QString removeSymbol(const QString& symbol);
    /// Moves a member to list position `position` (0 = first).
    QString moveSymbol(const QString& symbol, int position);
    QString createList(const QString& name);
    QString renameList(const QString& name);
    QString deleteList();
    /// Appends the symbols of a text file (one a line) to the list shown; a file with any
    /// bad line adds nothing and the message names each line.
    QString importList(const QString& path);
    QString exportList(const QString& path) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Drag and drop to reorder the list's members.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

Q_SIGNALS:
    void errorOccurred(const QString& message);
    /// The list shown, its name or its members changed.
    void listsChanged();

private:
    struct Row {
        QString symbol;
        QString description;
        std::optional<double> last;
        std::optional<double> previous;
        std::optional<Day> lastDay;
        bool member = false;
        QString standIn;  ///< whose bars stand in ("DGS10" for ^TNX), else empty
    };
    QString edited(const Result<Ok>& result);
    PriceCache& cache_;
    WatchlistStore store_;
    QString listName_;
    std::vector<Row> rows_;
    QString lastError_;
};

}  // namespace retest::ui
