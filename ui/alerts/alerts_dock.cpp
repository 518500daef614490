#include "ui/alerts/alerts_dock.h"

#include <QComboBox>
#include <QDate>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/alerts/alert_check.h"
#include "core/cache/alert_store.h"
#include "core/model/date.h"

namespace retest::ui {

namespace {

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

Day today() {
    const QDate d = QDate::currentDate();
    return dayFromCivil(d.year(), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

}  // namespace

AlertsDock::AlertsDock(PriceCache& cache, QWidget* parent)
    : QDockWidget(tr("Alerts"), parent),
      cache_(cache),
      notifier_(this),
      table_(new QTableWidget(0, ColumnCount)),
      status_(new QLabel) {
    setObjectName(QStringLiteral("AlertsDock"));
    table_->setHorizontalHeaderLabels(
        {tr("#"), tr("Symbol"), tr("Condition"), tr("State"), tr("Bar"), tr("Note")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setShowGrid(false);
    status_->setWordWrap(true);

    auto* add = new QPushButton(tr("Add…"));
    add->setToolTip(tr("An alert on the chart's symbol"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* rearm = new QPushButton(tr("Re-arm"));
    rearm->setToolTip(tr("Arm again: watches the bars after the last cached one"));
    auto* check = new QPushButton(tr("Check now"));
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(4, 4, 4, 0);
    for (QPushButton* b : {add, remove, rearm, check}) {
        buttons->addWidget(b);
    }
    buttons->addStretch();
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(table_);
    layout->addWidget(status_);
    setWidget(body);

    connect(add, &QPushButton::clicked, this, &AlertsDock::openAddDialog);
    connect(remove, &QPushButton::clicked, this, &AlertsDock::removeSelected);
    connect(rearm, &QPushButton::clicked, this, &AlertsDock::rearmSelected);
    connect(check, &QPushButton::clicked, this, [this] { checkNow(); });
    connect(table_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        Q_EMIT symbolActivated(table_->item(row, SymbolColumn)->text());
    });
    reload();
}

void AlertsDock::reload() {
    auto stored = AlertStore(cache_).all();
    alerts_.clear();
    QString status;
    if (!stored) {
        status = qs(stored.error().message);
    } else {
        alerts_ = stored->alerts;
        for (const std::string& s : stored->skipped) {
            status += (status.isEmpty() ? QString() : QStringLiteral("\n")) + qs(s);
        }
    }
    table_->setRowCount(static_cast<int>(alerts_.size()));
    int armed = 0;
    for (int row = 0; row < static_cast<int>(alerts_.size()); ++row) {
        const Alert& a = alerts_[std::size_t(row)];
        const bool fired = a.state == AlertState::Fired;
        armed += fired ? 0 : 1;
        const QStringList cells = {
            QString::number(a.id),
            qs(a.symbol),
            qs(describeAlert(a)),
            fired ? tr("fired") : tr("armed"),
            fired ? tr("%1 (%2)").arg(qs(formatIsoDate(a.firedDay)), qs(a.firedDetail))
                  : tr("watching after %1").arg(qs(formatIsoDate(a.watchFrom))),
            qs(a.note)};
        for (int c = 0; c < ColumnCount; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (fired) {
                item->setBackground(QColor(0xff, 0xf3, 0xe0));
            }
            table_->setItem(row, c, item);
        }
    }
    if (status.isEmpty()) {
        status = tr("%1 armed, %2 fired").arg(armed).arg(static_cast<int>(alerts_.size()) - armed);
    }
    status_->setText(status);
    Q_EMIT alertsChanged();
}

std::vector<Alert> AlertsDock::checkNow(const QStringList& symbols) {
    std::vector<std::string> only;
    for (const QString& s : symbols) {
        only.push_back(s.toStdString());
    }
    auto report = checkAlerts(cache_, only);
    if (!report) {
        Q_EMIT message(qs(report.error().message));
        return {};
    }
    for (const Alert& a : report->fired) {
        const QString title = tr("%1 %2").arg(qs(a.symbol), qs(describeAlert(a)));
        const QString body =
            tr("%1: %2%3")
                .arg(qs(formatIsoDate(a.firedDay)), qs(a.firedDetail),
                     a.note.empty() ? QString() : QStringLiteral(" — ") + qs(a.note));
        lastChannel_ = notifier_.notify(title, body);
        Q_EMIT message(tr("Alert #%1 fired: %2 — %3").arg(a.id).arg(title, body));
    }
    reload();
    for (const Alert& a : report->fired) {
        Q_EMIT alertFired(a);
    }
    return report->fired;
}

void AlertsDock::setCurrentSymbol(const QString& symbol, std::optional<double> lastClose) {
    symbol_ = symbol;
    lastClose_ = lastClose;
}

void AlertsDock::setLevels(std::vector<Zone> zones) {
    zones_ = std::move(zones);
}

QString AlertsDock::addAlert(const Alert& alert) {
    auto id = AlertStore(cache_).add(alert, today());
    if (!id) {
        return qs(id.error().message);
    }
    reload();
    return {};
}

std::vector<Alert> AlertsDock::alertsFor(const QString& symbol) const {
    std::vector<Alert> out;
    for (const Alert& a : alerts_) {
        if (qs(a.symbol).compare(symbol, Qt::CaseInsensitive) == 0) {
            out.push_back(a);
        }
    }
    return out;
}

QString AlertsDock::statusText() const {
    return status_->text();
}

std::optional<std::int64_t> AlertsDock::selectedId() const {
    const int row = table_->currentRow();
    if (row < 0 || row >= static_cast<int>(alerts_.size())) {
        return std::nullopt;
    }
    return alerts_[std::size_t(row)].id;
}

void AlertsDock::removeSelected() {
    if (auto id = selectedId()) {
        if (auto r = AlertStore(cache_).remove(*id); !r) {
            Q_EMIT message(qs(r.error().message));
        }
        reload();
    }
}

void AlertsDock::rearmSelected() {
    if (auto id = selectedId()) {
        if (auto r = AlertStore(cache_).rearm(*id, today()); !r) {
            Q_EMIT message(qs(r.error().message));
        }
        reload();
    }
}

void AlertsDock::openAddDialog() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Alert on %1").arg(symbol_.isEmpty() ? tr("…") : symbol_));
    auto* symbol = new QLineEdit(symbol_);
    auto* kind = new QComboBox;
    const std::pair<AlertKind, QString> kinds[] = {
        {AlertKind::ClosesAbove, tr("Closes above")},
        {AlertKind::ClosesBelow, tr("Closes below")},
        {AlertKind::EntersZone, tr("Enters the zone")},
        {AlertKind::RetestHeld, tr("A retest holds")},
        {AlertKind::RetestFailed, tr("A retest fails")},
        {AlertKind::AllTimeHigh, tr("New all-time high")}};
    for (const auto& [k, name] : kinds) {
        kind->addItem(name, static_cast<int>(k));
    }
    auto makeSpin = [this] {
        auto* spin = new QDoubleSpinBox;
        spin->setRange(0, 1e9);
        spin->setDecimals(2);
        spin->setValue(lastClose_.value_or(0));
        return spin;
    };
    QDoubleSpinBox* low = makeSpin();
    QDoubleSpinBox* high = makeSpin();
    auto* note = new QLineEdit;
    auto* level = new QComboBox;
    level->addItem(tr("— (type the prices)"), -1);
    for (std::size_t i = 0; i < zones_.size(); ++i) {
        const Zone& z = zones_[i];
        level->addItem(tr("%1 %2–%3").arg(qs(z.name)).arg(z.low, 0, 'f', 2).arg(z.high, 0, 'f', 2),
                       static_cast<int>(i));
    }
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Symbol"), symbol);
    form->addRow(tr("Level"), level);
    form->addRow(tr("When"), kind);
    form->addRow(tr("Price / zone low"), low);
    form->addRow(tr("Zone high"), high);
    form->addRow(tr("Note"), note);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(box);
    const auto update = [&] {
        const auto k = static_cast<AlertKind>(kind->currentData().toInt());
        low->setEnabled(k == AlertKind::ClosesAbove || k == AlertKind::ClosesBelow ||
                        k == AlertKind::EntersZone);
        high->setEnabled(k == AlertKind::EntersZone);
    };
    connect(kind, &QComboBox::currentIndexChanged, &dialog, update);
    // A level fills the prices from its zone (entering it, a close above it or below it).
    const auto fromLevel = [&] {
        const int i = level->currentData().toInt();
        if (i < 0 || i >= static_cast<int>(zones_.size())) {
            return;
        }
        const auto k = static_cast<AlertKind>(kind->currentData().toInt());
        const Alert a = alertForZone(
            symbol->text().toStdString(), zones_[std::size_t(i)],
            k == AlertKind::ClosesAbove || k == AlertKind::ClosesBelow ? k : AlertKind::EntersZone);
        if (k != AlertKind::ClosesAbove && k != AlertKind::ClosesBelow) {
            kind->setCurrentIndex(kind->findData(static_cast<int>(AlertKind::EntersZone)));
        }
        low->setValue(a.low);
        high->setValue(a.high);
        note->setText(qs(a.note));
    };
    connect(level, &QComboBox::currentIndexChanged, &dialog, fromLevel);
    connect(kind, &QComboBox::currentIndexChanged, &dialog, fromLevel);
    update();
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(box, &QDialogButtonBox::accepted, &dialog, [&] {
        Alert a;
        a.symbol = symbol->text().toStdString();
        a.kind = static_cast<AlertKind>(kind->currentData().toInt());
        a.low = low->value();
        a.high = a.kind == AlertKind::EntersZone ? high->value() : a.low;
        a.note = note->text().toStdString();
        const QString problem = addAlert(a);
        if (problem.isEmpty()) {
            dialog.accept();
        } else {
            Q_EMIT message(problem);
            box->setToolTip(problem);
        }
    });
    dialog.exec();
}

}  // namespace retest::ui
