#include "ui/rotation/rotation_dock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <algorithm>
#include <limits>

#include "core/model/date.h"
#include "ui/rotation/rotation_board_model.h"
#include "ui/rotation/rotation_plot.h"

namespace retest::ui {

namespace {

QDate toQDate(Day day) {
    const CivilDate c = civilFromDay(day);
    return {c.year, static_cast<int>(c.month), static_cast<int>(c.day)};
}

Day fromQDate(const QDate& d) {
    return dayFromCivil(d.year(), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

}  // namespace

RotationDock::RotationDock(PriceCache& cache, QWidget* parent)
    : QDockWidget(tr("Rotation"), parent),
      cache_(cache),
      model_(new RotationBoardModel(this)),
      proxy_(new QSortFilterProxyModel(this)),
      table_(new QTableView),
      plot_(new RotationPlot),
      benchmark_(new QComboBox),
      date_(new QDateEdit),
      latest_(new QCheckBox(tr("Latest"))),
      status_(new QLabel) {
    setObjectName(QStringLiteral("RotationDock"));
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(RotationBoardModel::SortRole);

    benchmark_->setEditable(true);
    benchmark_->addItems({QStringLiteral("SPY"), QStringLiteral("QQQ"), QStringLiteral("^GSPC"),
                          QStringLiteral("IWM")});
    benchmark_->setToolTip(tr("Benchmark for relative strength"));
    date_->setCalendarPopup(true);
    date_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    date_->setDate(QDate::currentDate());
    date_->setEnabled(false);
    date_->setToolTip(tr("The board as of this day: later bars are ignored"));
    latest_->setChecked(true);
    auto* back = new QToolButton;
    back->setText(QStringLiteral("◀"));
    back->setToolTip(tr("One week earlier"));
    auto* forward = new QToolButton;
    forward->setText(QStringLiteral("▶"));
    forward->setToolTip(tr("One week later"));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 4, 4, 0);
    bar->addWidget(new QLabel(tr("Benchmark")));
    bar->addWidget(benchmark_);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("As of")));
    bar->addWidget(back);
    bar->addWidget(date_);
    bar->addWidget(forward);
    bar->addWidget(latest_);
    bar->addStretch();
    bar->addWidget(status_);

    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(RotationBoardModel::RsColumn, Qt::DescendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setShowGrid(false);
    table_->installEventFilter(this);

    // Side by side: the board needs width for its columns, the plot a square-ish area.
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(table_);
    split->addWidget(plot_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    table_->setMinimumHeight(table_->verticalHeader()->defaultSectionSize() * 8);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split);
    setWidget(body);

    connect(table_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT symbolActivated(model_->symbolAt(proxy_->mapToSource(index).row()));
    });
    connect(plot_, &RotationPlot::symbolActivated, this, &RotationDock::symbolActivated);
    connect(benchmark_, &QComboBox::currentTextChanged, this, [this] { recompute(); });
    connect(date_, &QDateEdit::dateChanged, this, [this] { recompute(); });
    connect(latest_, &QCheckBox::toggled, this, [this](bool on) {
        date_->setEnabled(!on);
        recompute();
    });
    connect(back, &QToolButton::clicked, this, [this] { stepWeeks(-1); });
    connect(forward, &QToolButton::clicked, this, [this] { stepWeeks(1); });
}

void RotationDock::setSymbols(const QString& listName, const QStringList& symbols) {
    listName_ = listName;
    symbols_ = symbols;
    setWindowTitle(tr("Rotation — %1").arg(listName));
    // The menu item that shows the dock copies the title, where "&" marks a shortcut letter:
    // "Small caps & sectors" must read as written.
    toggleViewAction()->setText(windowTitle().replace(QLatin1Char('&'), QStringLiteral("&&")));
    dirty_ = true;
    if (isVisible()) {
        recompute();
    }
}

void RotationDock::setBenchmark(const QString& symbol) {
    benchmark_->setCurrentText(symbol);
}

QString RotationDock::benchmark() const {
    return benchmark_->currentText().trimmed();
}

void RotationDock::setAsOf(std::optional<Day> day) {
    const QSignalBlocker b1(latest_);
    const QSignalBlocker b2(date_);
    latest_->setChecked(!day.has_value());
    date_->setEnabled(day.has_value());
    if (day) {
        date_->setDate(toQDate(*day));
    }
    recompute();
}

std::optional<Day> RotationDock::asOf() const {
    if (latest_->isChecked()) {
        return std::nullopt;
    }
    return fromQDate(date_->date());
}

void RotationDock::stepWeeks(int weeks) {
    Day from = asOf().value_or(0);
    if (from == 0) {
        // From the latest bar shown.
        for (const BoardEntry& e : model_->board().entries) {
            from = std::max(from, e.row.asOf);
        }
    }
    setAsOf(from + 7 * weeks);
}

void RotationDock::recompute() {
    dirty_ = false;
    std::vector<std::string> wanted;
    for (const QString& s : symbols_) {
        wanted.push_back(s.toStdString());
    }
    const Day until = asOf().value_or(std::numeric_limits<Day>::max());
    auto board = computeRotationBoard(cache_, wanted, benchmark().toStdString(), until);
    if (!board) {
        status_->setText(QString::fromStdString(board.error().message));
        return;
    }
    if (wanted.empty()) {
        status_->setText(tr("The watchlist \"%1\" is empty").arg(listName_));
    } else if (!board->benchmarkProblem.empty()) {
        status_->setText(QString::fromStdString(board->benchmarkProblem));
    } else {
        QString text = tr("%1 of %2 symbols with data").arg(board->withData()).arg(wanted.size());
        QStringList behind;
        for (const BoardEntry& e : board->entries) {
            if (board->behind(e)) {
                behind << tr("%1 to %2")
                              .arg(QString::fromStdString(e.symbol),
                                   QString::fromStdString(formatIsoDate(e.row.asOf)));
            }
        }
        if (!behind.isEmpty()) {
            text += tr("; data ending earlier (greyed, not plotted): %1")
                        .arg(behind.join(QStringLiteral(", ")));
        }
        status_->setText(text);
    }
    if (latest_->isChecked()) {
        // Show the day the board is as of, for stepping back from it.
        Day newest = 0;
        for (const BoardEntry& e : board->entries) {
            newest = std::max(newest, e.row.asOf);
        }
        if (newest > 0) {
            const QSignalBlocker block(date_);
            date_->setDate(toQDate(newest));
        }
    }
    plot_->setBoard(*board);
    model_->setBoard(std::move(board.value()));
}

QString RotationDock::statusText() const {
    return status_->text();
}

void RotationDock::showEvent(QShowEvent* event) {
    QDockWidget::showEvent(event);
    if (dirty_) {
        recompute();
    }
}

bool RotationDock::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            const QModelIndex current = table_->currentIndex();
            if (current.isValid()) {
                Q_EMIT symbolActivated(model_->symbolAt(proxy_->mapToSource(current).row()));
                return true;
            }
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

}  // namespace retest::ui
