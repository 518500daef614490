// The rotation board as a table: one row per symbol, returns and distances heat-coloured,
// every column sortable by its number (Qt::UserRole) through a QSortFilterProxyModel.
#pragma once

#include <QAbstractTableModel>

#include "core/rotation/rotation_board.h"

namespace retest::ui {

class RotationBoardModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        SymbolColumn,
        LastColumn,
        FirstReturnColumn,  // 1W … 1Y follow in kReturnPeriods order
        RsColumn = FirstReturnColumn + static_cast<int>(kReturnPeriodCount),
        MomentumColumn,
        QuadrantColumn,
        High52wColumn,
        AthColumn,
        SupportColumn,
        ResistanceColumn,
        EventColumn,
        ColumnCount
    };
    /// The number a column sorts by (NaN-free: missing values sort first).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit RotationBoardModel(QObject* parent = nullptr);

    void setBoard(RotationBoard board);
    const RotationBoard& board() const { return board_; }
    QString symbolAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    /// The heat colour of a percentage: green above zero, red below, stronger with size
    /// (full at `full` percent). Exposed for tests.
    static QColor heat(double pct, double full);

private:
    QVariant display(const BoardEntry& e, int column) const;
    std::optional<double> value(const BoardEntry& e, int column) const;
    RotationBoard board_;
};

}  // namespace retest::ui
