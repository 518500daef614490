#include "ui/watchlist/watchlist_dock.h"

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

#include "core/model/watchlist.h"
#include "ui/watchlist/watchlist_model.h"

namespace retest::ui {

WatchlistDock::WatchlistDock(WatchlistModel& model, QWidget* parent)
    : QDockWidget(QString::fromLatin1(kDefaultWatchlistName.data(),
                                      static_cast<qsizetype>(kDefaultWatchlistName.size())),
                  parent),
      model_(model),
      view_(new QTableView(this)) {
    setObjectName(QStringLiteral("WatchlistDock"));
    view_->setModel(&model_);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setShowGrid(false);
    view_->setAlternatingRowColors(true);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 8);
    view_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    view_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    view_->setMinimumWidth(230);
    setWidget(view_);

    // currentRowChanged covers both mouse clicks and Up/Down keys.
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) {
                    Q_EMIT symbolActivated(model_.symbolAt(current.row()));
                }
            });
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = view_->indexAt(pos);
        if (index.isValid()) {
            QMenu* menu = contextMenuFor(model_.symbolAt(index.row()));
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(view_->viewport()->mapToGlobal(pos));
        }
    });
    // A model reset (after an import) drops the current row: restore it silently.
    connect(&model_, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { pendingSymbol_ = currentSymbol(); });
    connect(&model_, &QAbstractItemModel::modelReset, this, [this] {
        const int row = model_.rowOf(pendingSymbol_);
        if (row >= 0) {
            const QSignalBlocker block(view_->selectionModel());
            view_->selectionModel()->setCurrentIndex(
                model_.index(row, 0),
                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }
    });
}

bool WatchlistDock::selectSymbol(const QString& symbol) {
    const int row = model_.rowOf(symbol);
    if (row < 0) {
        return false;
    }
    view_->selectionModel()->setCurrentIndex(
        model_.index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view_->scrollTo(model_.index(row, 0));
    return true;
}

QString WatchlistDock::currentSymbol() const {
    const QModelIndex current = view_->selectionModel()->currentIndex();
    return current.isValid() ? model_.symbolAt(current.row()) : QString();
}

QMenu* WatchlistDock::contextMenuFor(const QString& symbol) {
    auto* menu = new QMenu(this);
    menu->addAction(tr("Compare with Chart"), this,
                    [this, symbol] { Q_EMIT compareRequested(symbol); });
    menu->addAction(tr("Show in a Pane"), this, [this, symbol] { Q_EMIT paneRequested(symbol); });
    return menu;
}

}  // namespace retest::ui
