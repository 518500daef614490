#include "ui/alerts/alerts_dock.h"

#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/alerts/alert_check.h"
#include "core/cache/alert_store.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/alerts/alert_dialog.h"

namespace retest::ui {

namespace {

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
        status = toQString(stored.error().message);
    } else {
        alerts_ = stored->alerts;
        for (const std::string& s : stored->skipped) {
            status += (status.isEmpty() ? QString() : QStringLiteral("\n")) + toQString(s);
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
            toQString(a.symbol),
            toQString(describeAlert(a)),
            fired ? tr("fired") : tr("armed"),
            fired
                ? tr("%1 (%2)").arg(toQString(formatIsoDate(a.firedDay)), toQString(a.firedDetail))
                : tr("watching after %1").arg(toQString(formatIsoDate(a.watchFrom))),
            toQString(a.note)};
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
        Q_EMIT message(toQString(report.error().message));
        return {};
    }
    for (const Alert& a : report->fired) {
        const QString title = tr("%1 %2").arg(toQString(a.symbol), toQString(describeAlert(a)));
        const QString body =
            tr("%1: %2%3")
                .arg(toQString(formatIsoDate(a.firedDay)), toQString(a.firedDetail),
                     a.note.empty() ? QString() : QStringLiteral(" — ") + toQString(a.note));
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
    auto id = retest::addAlert(cache_, alert, today());
    if (!id) {
        return toQString(id.error().message);
    }
    reload();
    return {};
}

std::vector<Alert> AlertsDock::alertsFor(const QString& symbol) const {
    std::vector<Alert> out;
    for (const Alert& a : alerts_) {
        if (toQString(a.symbol).compare(symbol, Qt::CaseInsensitive) == 0) {
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
            Q_EMIT message(toQString(r.error().message));
        }
        reload();
    }
}

void AlertsDock::rearmSelected() {
    if (auto id = selectedId()) {
        if (auto r = rearmAlert(cache_, *id, today()); !r) {
            Q_EMIT message(toQString(r.error().message));
        }
        reload();
    }
}

void AlertsDock::openAddDialog() {
    AlertDialog dialog(allAlertChoices(symbol_, lastClose_.value_or(0)), zones_, this);
    dialog.setSubmit([this](const Alert& a) { return addAlert(a); });
    dialog.exec();
}

void AlertsDock::openAlertDialog(const std::vector<Alert>& choices) {
    if (choices.empty()) {
        return;
    }
    AlertDialog dialog(choices, {}, this);
    dialog.setSubmit([this](const Alert& a) { return addAlert(a); });
    if (dialog.exec() == QDialog::Accepted) {
        const Alert a = dialog.alert();
        Q_EMIT message(
            tr("Alert added: %1 %2").arg(toQString(a.symbol), toQString(describeAlert(a))));
    }
}

}  // namespace retest::ui
