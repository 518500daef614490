// The rotation board dock: the current watchlist against a benchmark as of a date, as a
// sortable heat-coloured table over the rotation plot. Enter or a double click opens the chart.
#pragma once

#include <QDockWidget>
#include <QStringList>
#include <optional>

#include "core/cache/price_cache.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace retest::ui {

class RotationBoardModel;
class RotationPlot;

class RotationDock : public QDockWidget {
    Q_OBJECT

public:
    RotationDock(PriceCache& cache, QWidget* parent = nullptr);

    /// The list shown (its name for the title) and its symbols; recomputes when visible.
    void setSymbols(const QString& listName, const QStringList& symbols);
    void setBenchmark(const QString& symbol);
    QString benchmark() const;
    /// std::nullopt: as of the latest bar.
    void setAsOf(std::optional<Day> day);
    std::optional<Day> asOf() const;
    /// Computes the board now (also after new bars arrive).
    void recompute();

    RotationBoardModel* model() const { return model_; }
    QSortFilterProxyModel* proxy() const { return proxy_; }
    QTableView* table() const { return table_; }
    RotationPlot* rotationPlot() const { return plot_; }
    QString statusText() const;

Q_SIGNALS:
    void symbolActivated(const QString& symbol);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void stepWeeks(int weeks);
    PriceCache& cache_;
    QStringList symbols_;
    QString listName_;
    bool dirty_ = true;
    RotationBoardModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    RotationPlot* plot_ = nullptr;
    QComboBox* benchmark_ = nullptr;
    QDateEdit* date_ = nullptr;
    QCheckBox* latest_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace retest::ui
