#include "ui/watchlist/watchlist_dock.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QTableView>
#include <QToolButton>
#include <algorithm>

#include "ui/watchlist/watchlist_model.h"

namespace retest::ui {

WatchlistDock::WatchlistDock(WatchlistModel& model, QWidget* parent)
    : QDockWidget(tr("Watchlist"), parent),
      model_(model),
      view_(new QTableView),
      chooser_(new QComboBox),
      menuButton_(new QToolButton) {
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
    view_->setDragEnabled(true);
    view_->setAcceptDrops(true);
    view_->setDropIndicatorShown(true);
    view_->setDragDropMode(QAbstractItemView::InternalMove);
    view_->setDefaultDropAction(Qt::MoveAction);
    view_->installEventFilter(this);

    chooser_->setToolTip(tr("The watchlist shown"));
    menuButton_->setText(tr("List"));
    menuButton_->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(menuButton_);
    menu->addAction(tr("&New list…"), this, &WatchlistDock::newList);
    menu->addAction(tr("&Rename list…"), this, &WatchlistDock::renameList);
    menu->addAction(tr("&Delete list"), this, &WatchlistDock::deleteList);
    menu->addSeparator();
    menu->addAction(tr("&Import symbols…"), this, &WatchlistDock::importList);
    menu->addAction(tr("&Export list…"), this, &WatchlistDock::exportList);
    menu->addSeparator();
    menu->addAction(tr("Re&move symbol (Del)"), this, [this] { report(removeCurrent(), {}); });
    menuButton_->setMenu(menu);

    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(2, 2, 2, 0);
    bar->addWidget(chooser_, 1);
    bar->addWidget(menuButton_);
    layout->addLayout(bar);
    layout->addWidget(view_);
    setWidget(body);
    fillChooser();

    connect(chooser_, &QComboBox::activated, this,
            [this](int i) { model_.setCurrentList(chooser_->itemText(i)); });
    connect(&model_, &WatchlistModel::listsChanged, this, &WatchlistDock::fillChooser);
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
            QMenu* popup = contextMenuFor(model_.symbolAt(index.row()));
            popup->setAttribute(Qt::WA_DeleteOnClose);
            popup->popup(view_->viewport()->mapToGlobal(pos));
        }
    });
    // A model reset (after an import or an edit) drops the current row: restore it silently.
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

void WatchlistDock::fillChooser() {
    const QSignalBlocker block(chooser_);
    chooser_->clear();
    chooser_->addItems(model_.listNames());
    chooser_->setCurrentText(model_.currentList());
    setWindowTitle(model_.currentList().isEmpty() ? tr("Watchlist") : model_.currentList());
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

QString WatchlistDock::removeCurrent() {
    const QModelIndex current = view_->selectionModel()->currentIndex();
    if (!current.isValid()) {
        return tr("Select a symbol to remove first");
    }
    if (!model_.isMember(current.row())) {
        return tr("%1 is not on \"%2\" (it is listed because it is cached)")
            .arg(model_.symbolAt(current.row()), model_.currentList());
    }
    return model_.removeSymbol(model_.symbolAt(current.row()));
}

void WatchlistDock::report(const QString& problem, const QString& done) {
    if (!problem.isEmpty()) {
        Q_EMIT message(problem);
    } else if (!done.isEmpty()) {
        Q_EMIT message(done);
    }
}

void WatchlistDock::step(int rows) {
    const int count = model_.rowCount();
    if (count == 0) {
        return;
    }
    const QModelIndex current = view_->selectionModel()->currentIndex();
    const int row = current.isValid() ? std::clamp(current.row() + rows, 0, count - 1) : 0;
    if (!current.isValid() || row != current.row()) {
        view_->selectionModel()->setCurrentIndex(
            model_.index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        view_->scrollTo(model_.index(row, 0));
    }
}

bool WatchlistDock::eventFilter(QObject* watched, QEvent* event) {
    const bool deleteKey =
        (event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride) &&
        static_cast<QKeyEvent*>(event)->key() == Qt::Key_Delete;
    if (watched == view_ && deleteKey) {
        // The window's Delete shortcut (drawings) must not take the key from the list.
        event->accept();
        if (event->type() == QEvent::KeyPress) {
            report(removeCurrent(), {});
        }
        return true;
    }
    return QDockWidget::eventFilter(watched, event);
}

void WatchlistDock::newList() {
    const QString name = QInputDialog::getText(this, tr("New watchlist"), tr("Name:"));
    if (!name.isNull()) {
        report(model_.createList(name), {});
    }
}

void WatchlistDock::renameList() {
    const QString name = QInputDialog::getText(this, tr("Rename watchlist"), tr("Name:"),
                                               QLineEdit::Normal, model_.currentList());
    if (!name.isNull()) {
        report(model_.renameList(name), {});
    }
}

void WatchlistDock::deleteList() {
    if (QMessageBox::question(
            this, tr("Delete watchlist"),
            tr("Delete \"%1\"? Its symbols' data stays in the cache.").arg(model_.currentList())) ==
        QMessageBox::Yes) {
        report(model_.deleteList(), {});
    }
}

void WatchlistDock::importList() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import symbols"), {}, tr("Text files (*.txt *.csv);;All files (*)"));
    if (path.isEmpty()) {
        return;
    }
    const QString problem = model_.importList(path);
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Import symbols"), problem);
    }
    report(problem, tr("Imported %1 into \"%2\"").arg(path, model_.currentList()));
}

void WatchlistDock::exportList() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export watchlist"),
                                                      model_.currentList() + QStringLiteral(".txt"),
                                                      tr("Text files (*.txt)"));
    if (!path.isEmpty()) {
        report(model_.exportList(path), tr("Wrote %1").arg(path));
    }
}

QMenu* WatchlistDock::contextMenuFor(const QString& symbol) {
    auto* menu = new QMenu(this);
    menu->addAction(tr("Compare with Chart"), this,
                    [this, symbol] { Q_EMIT compareRequested(symbol); });
    menu->addAction(tr("Show in a Pane"), this, [this, symbol] { Q_EMIT paneRequested(symbol); });
    return menu;
}

}  // namespace retest::ui
