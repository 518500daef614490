// The "Save image…" options: format, size preset or custom size, pixel scale, theme, and
// whether levels and drawings are included. Remembers the last choice (QSettings).
#pragma once

#include <QDialog>

#include "ui/chart/chart_types.h"

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace retest::ui {

/// What the user picked; persisted under "export/…".
struct ExportSettings {
    ImageFormat format = ImageFormat::Png;
    int width = 1600;
    int height = 900;
    double scale = 1.0;
    bool dark = false;
    bool levels = true;
    bool annotations = true;
    int jpegQuality = 92;
    QString lastDir;  ///< folder of the last saved image or batch

    static ExportSettings load();
    void save() const;
};

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    explicit ExportDialog(const ExportSettings& initial, QWidget* parent = nullptr);
    ExportSettings settings() const;

    QComboBox* formatBox() const { return format_; }
    QComboBox* sizeBox() const { return size_; }
    QComboBox* scaleBox() const { return scale_; }
    QComboBox* themeBox() const { return theme_; }
    QSpinBox* widthBox() const { return width_; }
    QSpinBox* heightBox() const { return height_; }
    /// Why Save is disabled (the image would be over kMaxExportPixels), else empty.
    QString sizeProblem() const;
    QPushButton* saveButton() const;

private:
    void updateEnabled();

    ExportSettings initial_;
    QComboBox* format_ = nullptr;
    QComboBox* size_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
    QComboBox* scale_ = nullptr;
    QComboBox* theme_ = nullptr;
    QSpinBox* quality_ = nullptr;
    QCheckBox* levels_ = nullptr;
    QCheckBox* annotations_ = nullptr;
    QLabel* sizeProblem_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
};

}  // namespace retest::ui
