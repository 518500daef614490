// The alerts dock: every alert, armed or fired (with the bar that fired it); add one for the
// chart's symbol, remove, re-arm, check now. A check that fires alerts notifies the desktop
// and tells the window (which marks the chart).
#pragma once

#include <QDockWidget>
#include <QStringList>
#include <optional>
#include <vector>

#include "core/alerts/alert.h"
#include "core/cache/price_cache.h"
#include "ui/alerts/desktop_notifier.h"

class QLabel;
class QTableWidget;

namespace retest::ui {

class AlertsDock : public QDockWidget {
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        SymbolColumn,
        ConditionColumn,
        StateColumn,
        BarColumn,
        NoteColumn,
        ColumnCount
    };

    AlertsDock(PriceCache& cache, QWidget* parent = nullptr);

    /// Re-reads the alerts; unreadable rows are skipped and named in the status line.
    void reload();
    /// Checks the armed alerts (of `symbols`, or all), notifies for each that fired, reloads.
    std::vector<Alert> checkNow(const QStringList& symbols = {});
    /// The symbol (and its last close) the Add dialog starts from.
    void setCurrentSymbol(const QString& symbol, std::optional<double> lastClose);
    /// The chart's levels, offered in the Add dialog ("Level" prefills the prices).
    void setLevels(std::vector<Zone> zones);
    /// Stores an alert; the message to show, or "" on success.
    QString addAlert(const Alert& alert);
    /// The alerts of one symbol as last read (for the chart's marks).
    std::vector<Alert> alertsFor(const QString& symbol) const;
    const std::vector<Alert>& alerts() const { return alerts_; }

    QTableWidget* table() const { return table_; }
    QString statusText() const;
    DesktopNotifier::Channel lastChannel() const { return lastChannel_; }
    /// The Add dialog for the current symbol: every condition, the chart's levels offered.
    void openAddDialog();
    /// The alert dialog offering `choices` (right-click ▸ Alert… on a level, a zone band, a
    /// drawing or a pane threshold); OK stores the alert as Add… does. Does nothing without
    /// choices.
    void openAlertDialog(const std::vector<Alert>& choices);

Q_SIGNALS:
    void alertsChanged();
    void alertFired(const Alert& alert);
    void message(const QString& text);
    void symbolActivated(const QString& symbol);

private:
    std::optional<std::int64_t> selectedId() const;
    void removeSelected();
    void rearmSelected();

    PriceCache& cache_;
    DesktopNotifier notifier_;
    DesktopNotifier::Channel lastChannel_ = DesktopNotifier::Channel::None;
    std::vector<Alert> alerts_;
    QString symbol_;
    std::optional<double> lastClose_;
    std::vector<Zone> zones_;
    QTableWidget* table_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace retest::ui
