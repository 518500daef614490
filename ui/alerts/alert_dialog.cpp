#include "ui/alerts/alert_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <algorithm>

#include "core/model/date.h"
#include "core/model/qt_text.h"

namespace retest::ui {

namespace {

QString kindLabel(AlertKind k) {
    switch (k) {
        case AlertKind::ClosesAbove:
            return AlertDialog::tr("Closes above");
        case AlertKind::ClosesBelow:
            return AlertDialog::tr("Closes below");
        case AlertKind::EntersZone:
            return AlertDialog::tr("Enters the zone");
        case AlertKind::RetestHeld:
            return AlertDialog::tr("A retest holds");
        case AlertKind::RetestFailed:
            return AlertDialog::tr("A retest fails");
        case AlertKind::AllTimeHigh:
            return AlertDialog::tr("New all-time high");
        case AlertKind::ClosesAboveLine:
            return AlertDialog::tr("Closes above the trend line");
        case AlertKind::ClosesBelowLine:
            return AlertDialog::tr("Closes below the trend line");
    }
    return {};
}

}  // namespace

std::vector<Alert> allAlertChoices(const QString& symbol, double price) {
    std::vector<Alert> out;
    for (AlertKind k : {AlertKind::ClosesAbove, AlertKind::ClosesBelow, AlertKind::EntersZone,
                        AlertKind::RetestHeld, AlertKind::RetestFailed, AlertKind::AllTimeHigh}) {
        Alert a;
        a.symbol = symbol.toStdString();
        a.kind = k;
        a.low = a.high = isLevelAlert(k) ? price : 0;
        out.push_back(a);
    }
    return out;
}

AlertDialog::AlertDialog(std::vector<Alert> choices, std::vector<Zone> levels, QWidget* parent)
    : QDialog(parent),
      choices_(std::move(choices)),
      levels_(std::move(levels)),
      symbol_(new QLineEdit),
      kind_(new QComboBox),
      level_(new QComboBox),
      low_(new QDoubleSpinBox),
      high_(new QDoubleSpinBox),
      note_(new QLineEdit),
      line_(new QLabel),
      problem_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setObjectName(QStringLiteral("AlertDialog"));
    const QString symbol = choices_.empty() ? QString() : toQString(choices_.front().symbol);
    setWindowTitle(tr("Alert on %1").arg(symbol.isEmpty() ? tr("…") : symbol));
    symbol_->setText(symbol);
    for (const Alert& a : choices_) {
        kind_->addItem(kindLabel(a.kind), static_cast<int>(a.kind));
    }
    // The decimals of the symbol's prices, as the chart writes them: a ratio's 0.3555 or a
    // yield's 4.125 is kept, not rounded to 0.36 or 4.13.
    double typical = 0;
    for (const Alert& a : choices_) {
        typical = std::max({typical, a.low, a.high});
    }
    for (QDoubleSpinBox* spin : {low_, high_}) {
        spin->setRange(0, 1e9);
        spin->setDecimals(typical > 0 ? priceDecimals(typical) : 2);
    }
    level_->addItem(tr("— (type the prices)"), -1);
    for (std::size_t i = 0; i < levels_.size(); ++i) {
        const Zone& z = levels_[i];
        level_->addItem(tr("%1 %2–%3")
                            .arg(toQString(z.name), toQString(formatPrice(z.low)),
                                 toQString(formatPrice(z.high))),
                        static_cast<int>(i));
    }
    // Wide enough for a level's note ("the Nov-2021 record high 242.20–245.34") in full.
    note_->setMinimumWidth(note_->fontMetrics().averageCharWidth() * 46);
    problem_->setWordWrap(true);
    problem_->setStyleSheet(QStringLiteral("color: #c62828"));
    problem_->hide();

    auto* form = new QFormLayout(this);
    form->addRow(tr("Symbol"), symbol_);
    if (!levels_.empty()) {
        form->addRow(tr("Level"), level_);
    } else {
        level_->hide();
    }
    form->addRow(tr("When"), kind_);
    form->addRow(tr("Price / zone low"), low_);
    form->addRow(tr("Zone high"), high_);
    form->addRow(tr("Note"), note_);
    form->addRow(line_);
    form->addRow(problem_);
    form->addRow(buttons_);

    connect(kind_, &QComboBox::currentIndexChanged, this, &AlertDialog::loadChoice);
    connect(level_, &QComboBox::currentIndexChanged, this, &AlertDialog::useLevel);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons_, &QDialogButtonBox::accepted, this, &AlertDialog::submit);
    loadChoice();
}

const Alert* AlertDialog::choice(AlertKind kind) const {
    const auto it = std::find_if(choices_.begin(), choices_.end(),
                                 [kind](const Alert& a) { return a.kind == kind; });
    return it == choices_.end() ? nullptr : &*it;
}

bool AlertDialog::selectKind(AlertKind kind) {
    const int i = kind_->findData(static_cast<int>(kind));
    if (i < 0) {
        return false;
    }
    kind_->setCurrentIndex(i);
    return true;
}

void AlertDialog::loadChoice() {
    if (kind_->currentIndex() < 0) {
        return;
    }
    const auto k = static_cast<AlertKind>(kind_->currentData().toInt());
    low_->setEnabled(isLevelAlert(k));
    high_->setEnabled(k == AlertKind::EntersZone);
    const Alert* a = choice(k);
    line_->setVisible(isLineAlert(k) && a != nullptr);
    // A trend line has its own prices (shown in words); the price fields are for the rest.
    if (auto* form = qobject_cast<QFormLayout*>(layout())) {
        form->setRowVisible(low_, !isLineAlert(k));
        form->setRowVisible(high_, !isLineAlert(k));
    }
    if (a == nullptr) {
        return;
    }
    if (isLevelAlert(k)) {
        low_->setValue(a->low);
        high_->setValue(a->high);
    }
    if (isLineAlert(k)) {  // the drawn line, as it is: its points are moved on the chart
        line_->setText(
            tr("Trend line %1 (%2) → %3 (%4), extended to the right")
                .arg(toQString(formatPrice(a->low)), toQString(formatIsoDate(a->lineFrom)),
                     toQString(formatPrice(a->high)), toQString(formatIsoDate(a->lineTo))));
    }
    // A note the user typed stays; one this dialog filled in follows the choice.
    if (note_->text() == loadedNote_) {
        note_->setText(toQString(a->note));
    }
    loadedNote_ = toQString(a->note);
}

void AlertDialog::useLevel() {
    const int i = level_->currentData().toInt();
    if (i < 0 || i >= static_cast<int>(levels_.size())) {
        return;
    }
    // The level's zone replaces the priced choices: enters it, closes above/below it.
    for (const Alert& z :
         alertChoicesForZone(symbol_->text().toStdString(), levels_[std::size_t(i)])) {
        for (Alert& c : choices_) {
            if (c.kind == z.kind) {
                c = z;
            }
        }
    }
    const auto k = static_cast<AlertKind>(kind_->currentData().toInt());
    if (!isLevelAlert(k)) {
        selectKind(AlertKind::EntersZone);  // loads the choice
    } else {
        loadChoice();
    }
}

Alert AlertDialog::alert() const {
    Alert a;
    a.symbol = symbol_->text().trimmed().toStdString();
    a.kind = static_cast<AlertKind>(kind_->currentData().toInt());
    if (isLevelAlert(a.kind)) {
        a.low = low_->value();
        a.high = a.kind == AlertKind::EntersZone ? high_->value() : a.low;
    }
    if (const Alert* line = isLineAlert(a.kind) ? choice(a.kind) : nullptr) {
        a.low = line->low;
        a.high = line->high;
        a.lineFrom = line->lineFrom;
        a.lineTo = line->lineTo;
    }
    a.note = note_->text().trimmed().toStdString();
    return a;
}

QString AlertDialog::problem() const {
    return problem_->isHidden() ? QString() : problem_->text();
}

void AlertDialog::submit() {
    const QString problem = submit_ ? submit_(alert()) : QString();
    if (problem.isEmpty()) {
        problem_->hide();
        accept();
        return;
    }
    problem_->setText(problem);
    problem_->show();
}

}  // namespace retest::ui
