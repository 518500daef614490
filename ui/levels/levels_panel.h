// The levels dock: the zones of the current chart in a sortable table, the sensitivity knob,
// the auto-levels switch and manual levels. A view of ChartDocument like the chart itself: it
// reads the analysis, the selected level and the filter from the document, sends every edit
// and selection to the document, and never talks to the chart. Rows are matched by Zone::id.
#pragma once

#include <QDockWidget>
#include <QString>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/alerts/alert.h"
#include "ui/chart/chart_types.h"

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;
class QTimer;

namespace retest::ui {

class ChartDocument;

class LevelsPanel : public QDockWidget {
    Q_OBJECT

public:
    enum Column {
        ColName,
        ColPrice,
        ColKind,
        ColTouches,
        ColStrength,
        ColDistance,
        ColRetest,
        ColFlipped,
        ColManual,
        ColumnCount
    };

    explicit LevelsPanel(ChartDocument& doc, QWidget* parent = nullptr);
    /// The chart's theme, for the kind colours.
    void setTheme(const ChartTheme& theme);

    QTableWidget* table() const { return table_; }
    QSlider* sensitivitySlider() const { return slider_; }
    QCheckBox* autoLevelsBox() const { return autoBox_; }
    QPushButton* addButton() const { return addButton_; }
    QPushButton* removeButton() const { return removeButton_; }
    /// The latest event in words ("Retesting the 2007 high since …").
    QString stateLine() const;

    /// The zone (index into the analysis) shown in table row `row`, or -1.
    int zoneAtRow(int row) const;
    /// The row showing zone `zone`, or -1 (hidden rows count as not shown).
    int rowOfZone(int zone) const;
    /// Selects the level of row `zone` in the document (the chart highlights it and scrolls to
    /// its last touch). False when the zone is not listed.
    bool selectZone(int zone);
    /// Adds a manual level through the document (one undo step); reports a failure in a
    /// message box unless `quiet`. Returns false on failure.
    bool addLevel(double price, const QString& label, bool quiet = false);
    /// Removes the manual level shown in the selected row; false when it is not manual.
    bool removeSelectedLevel();
    /// Asks for a new price and label of the manual level in the selected row (double-click
    /// does this) and changes it, as one undo step; false when nothing changed.
    bool editSelectedLevel();

    /// A price and a label, as the level dialog asks for them.
    struct LevelInput {
        double price = 0;
        QString label;
    };
    /// Test hook: replaces the level dialog (title, initial values; nullopt: cancel).
    void setLevelPrompt(
        std::function<std::optional<LevelInput>(const QString&, const LevelInput&)> prompt) {
        prompt_ = std::move(prompt);
    }
    /// Applies a pending sensitivity change now instead of after the debounce delay.
    void flushSensitivity();

Q_SIGNALS:
    /// Right-click on a level ▸ Alert…: the alerts offered on its zone (enters it, closes
    /// above its high, closes below its low), for the alert dialog.
    void alertRequested(const std::vector<retest::Alert>& choices);

private:
    void buildUi();
    void sizeColumns();
    void fitNameColumn();
    void refresh();
    void fillRow(int row, int zone, const LevelEvent* latest);
    void onSelectionChanged();
    void onSliderMoved(int value);
    void showSelection();
    void showSensitivity();
    std::string zoneIdAtRow(int row) const;
    void promptAddLevel();
    std::optional<LevelInput> askLevel(const QString& title, const LevelInput& initial);
    void updateButtons();
    std::int64_t manualLevelId(int zone) const;
    void selectManualLevel(std::int64_t id);
    void showRowMenu(const QPoint& pos);

    ChartDocument& doc_;
    ChartTheme theme_ = ChartTheme::light();
    QSlider* slider_ = nullptr;
    QLabel* sliderValue_ = nullptr;
    QTimer* debounce_ = nullptr;
    QCheckBox* autoBox_ = nullptr;
    QPushButton* addButton_ = nullptr;
    QPushButton* removeButton_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* state_ = nullptr;
    bool filling_ = false;
    std::function<std::optional<LevelInput>(const QString&, const LevelInput&)> prompt_;
};

}  // namespace retest::ui
