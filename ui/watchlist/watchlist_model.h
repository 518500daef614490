// The watchlist as a table: a default list of index and sector symbols plus every cached
// symbol, each with its last close and change. Reads quotes from the cache, never from SQL.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/cache/price_cache.h"

namespace retest::ui {

class WatchlistModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SymbolColumn, LastColumn, ChangeColumn, ColumnCount };

    /// The list shipped as "Small caps & sectors".
    static QStringList defaultSymbols();

    explicit WatchlistModel(PriceCache& cache, QObject* parent = nullptr);

    /// Re-reads the cached symbols and their last two closes. A cache read that fails is
    /// reported through errorOccurred() and kept in lastError() (empty after a clean read).
    void refresh();
    const QString& lastError() const { return lastError_; }
    /// Row of `symbol`, or -1.
    int rowOf(const QString& symbol) const;
    QString symbolAt(int row) const;
    QStringList symbols() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    struct Row {
        QString symbol;
        QString description;
        std::optional<double> last;
        std::optional<double> previous;
        std::optional<Day> lastDay;
    };
    PriceCache& cache_;
    std::vector<Row> rows_;
    QString lastError_;
};

}  // namespace retest::ui
