// The one dialog that makes an alert, whatever it starts from: the alerts dock's Add… (every
// condition, the chart's levels to fill the prices in) and every right-click ▸ Alert… (a level,
// a zone band on the chart, a drawing, a pane threshold: the conditions that make sense for it,
// prices and note filled in). Picking a condition loads that choice's prices; OK hands the
// alert to the submit function, which stores it or says why not (the dialog then stays open).
#pragma once

#include <QDialog>
#include <QString>
#include <functional>
#include <vector>

#include "core/alerts/alert.h"
#include "core/analytics/levels.h"

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace retest::ui {

class AlertDialog : public QDialog {
    Q_OBJECT

public:
    /// `choices`: the conditions offered, one per kind, the first selected; all on the same
    /// symbol. `levels` (may be empty): zones offered to fill the prices in.
    AlertDialog(std::vector<Alert> choices, std::vector<Zone> levels, QWidget* parent = nullptr);

    /// Stores the alert; returns "" on success or the reason it was refused.
    void setSubmit(std::function<QString(const Alert&)> submit) { submit_ = std::move(submit); }

    /// The alert as the fields describe it now.
    Alert alert() const;
    /// The condition on offer (by kind); false when it is not one of the choices.
    bool selectKind(AlertKind kind);
    /// Shows why OK did not store the alert (empty: nothing).
    QString problem() const;
    /// Presses OK: submits, and closes when the alert was stored.
    void submit();

    QLineEdit* symbolEdit() const { return symbol_; }
    QComboBox* kindBox() const { return kind_; }
    QComboBox* levelBox() const { return level_; }
    QDoubleSpinBox* lowBox() const { return low_; }
    QDoubleSpinBox* highBox() const { return high_; }
    QLineEdit* noteEdit() const { return note_; }
    /// The trend line a line condition follows, in words (hidden for other conditions).
    QLabel* lineLabel() const { return line_; }

private:
    void loadChoice();
    void useLevel();
    const Alert* choice(AlertKind kind) const;

    std::vector<Alert> choices_;
    std::vector<Zone> levels_;
    std::function<QString(const Alert&)> submit_;
    QString loadedNote_;  ///< the note last filled in (a note the user typed is kept)
    QLineEdit* symbol_ = nullptr;
    QComboBox* kind_ = nullptr;
    QComboBox* level_ = nullptr;
    QDoubleSpinBox* low_ = nullptr;
    QDoubleSpinBox* high_ = nullptr;
    QLineEdit* note_ = nullptr;
    QLabel* line_ = nullptr;
    QLabel* problem_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

/// Every condition for `symbol` (prices at `price`), as the dock's Add… offers them.
std::vector<Alert> allAlertChoices(const QString& symbol, double price);

}  // namespace retest::ui
