// The levels dock: the zones of the current chart in a sortable table, the sensitivity knob,
// the auto-levels switch and manual levels. It shows ChartDocument's analysis on the chart's
// LevelOverlay and recomputes nothing itself.
#pragma once

#include <QDockWidget>
#include <QString>
#include <cstdint>
#include <optional>

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;
class QTableWidget;
class QTimer;

namespace retest::ui {

class ChartDocument;
class LevelOverlay;

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
        ColFlipped,
        ColManual,
        ColumnCount
    };

    LevelsPanel(ChartDocument& doc, LevelOverlay& overlay, QWidget* parent = nullptr);

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
    /// Selects the row of `zone`: highlights it on the chart and scrolls the chart to its last
    /// touch. False when the zone is not listed.
    bool selectZone(int zone);
    /// Adds a manual level through the document; reports a failure in a message box unless
    /// `quiet`. Returns false on failure.
    bool addLevel(double price, const QString& label, bool quiet = false);
    /// Removes the manual level shown in the selected row; false when it is not manual.
    bool removeSelectedLevel();
    /// Applies a pending sensitivity change now instead of after the debounce delay.
    void flushSensitivity();

private:
    void buildUi();
    void sizeColumns();
    void fitNameColumn();
    void refresh();
    void fillRow(int row, int zone);
    void onSelectionChanged();
    void onSliderMoved(int value);
    void promptAddLevel();
    void updateButtons();
    std::optional<std::int64_t> manualLevelId(int zone) const;

    ChartDocument& doc_;
    LevelOverlay& overlay_;
    QSlider* slider_ = nullptr;
    QLabel* sliderValue_ = nullptr;
    QTimer* debounce_ = nullptr;
    QCheckBox* autoBox_ = nullptr;
    QPushButton* addButton_ = nullptr;
    QPushButton* removeButton_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* state_ = nullptr;
    bool filling_ = false;
    std::optional<double> selectedPrice_;  // keeps the selection across recomputations
};

}  // namespace retest::ui
