// ExportDialog: a small form over ExportSettings, and their QSettings persistence.
#include "ui/export/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include "core/model/qt_text.h"

namespace retest::ui {

namespace {

constexpr ImageFormat kFormats[] = {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Pdf,
                                    ImageFormat::Svg};

}  // namespace

ExportSettings ExportSettings::load() {
    QSettings s;
    ExportSettings e;
    e.format = parseImageFormat(s.value(QStringLiteral("export/format"), QStringLiteral("png"))
                                    .toString()
                                    .toStdString())
                   .value_or(ImageFormat::Png);
    e.width = std::clamp(s.value(QStringLiteral("export/width"), 1600).toInt(), 200, 10000);
    e.height = std::clamp(s.value(QStringLiteral("export/height"), 900).toInt(), 150, 10000);
    e.scale = std::clamp(s.value(QStringLiteral("export/scale"), 1.0).toDouble(), 1.0, 3.0);
    e.dark = s.value(QStringLiteral("export/dark"), false).toBool();
    e.levels = s.value(QStringLiteral("export/levels"), true).toBool();
    e.annotations = s.value(QStringLiteral("export/annotations"), true).toBool();
    e.jpegQuality = std::clamp(s.value(QStringLiteral("export/jpegQuality"), 92).toInt(), 1, 100);
    e.lastDir = s.value(QStringLiteral("export/lastDir")).toString();
    return e;
}

void ExportSettings::save() const {
    QSettings s;
    s.setValue(QStringLiteral("export/format"), toQString(imageFormatSuffix(format)));
    s.setValue(QStringLiteral("export/width"), width);
    s.setValue(QStringLiteral("export/height"), height);
    s.setValue(QStringLiteral("export/scale"), scale);
    s.setValue(QStringLiteral("export/dark"), dark);
    s.setValue(QStringLiteral("export/levels"), levels);
    s.setValue(QStringLiteral("export/annotations"), annotations);
    s.setValue(QStringLiteral("export/jpegQuality"), jpegQuality);
    s.setValue(QStringLiteral("export/lastDir"), lastDir);
}

ExportDialog::ExportDialog(const ExportSettings& initial, QWidget* parent)
    : QDialog(parent), initial_(initial) {
    setWindowTitle(tr("Save Chart Image"));
    auto* form = new QFormLayout;
    format_ = new QComboBox(this);
    format_->addItem(tr("PNG image"));
    format_->addItem(tr("JPEG image"));
    format_->addItem(tr("PDF (vector)"));
    format_->addItem(tr("SVG (vector)"));
    format_->setCurrentIndex(
        static_cast<int>(std::find(std::begin(kFormats), std::end(kFormats), initial.format) -
                         std::begin(kFormats)));
    form->addRow(tr("&Format:"), format_);

    size_ = new QComboBox(this);
    int sizeIndex = static_cast<int>(kImageSizePresets.size());
    for (std::size_t i = 0; i < kImageSizePresets.size(); ++i) {
        size_->addItem(toQString(kImageSizePresets[i].name));
        if (kImageSizePresets[i].width == initial.width &&
            kImageSizePresets[i].height == initial.height) {
            sizeIndex = static_cast<int>(i);
        }
    }
    size_->addItem(tr("Custom"));
    size_->setCurrentIndex(sizeIndex);
    width_ = new QSpinBox(this);
    width_->setRange(200, 10000);
    width_->setValue(initial.width);
    height_ = new QSpinBox(this);
    height_->setRange(150, 10000);
    height_->setValue(initial.height);
    auto* custom = new QHBoxLayout;
    custom->addWidget(width_);
    custom->addWidget(new QLabel(QStringLiteral("×"), this));
    custom->addWidget(height_);
    form->addRow(tr("&Size:"), size_);
    form->addRow(QString(), custom);

    scale_ = new QComboBox(this);
    scale_->addItems({tr("1× (standard)"), tr("2× (sharp)"), tr("3× (print)")});
    scale_->setCurrentIndex(std::clamp(static_cast<int>(std::lround(initial.scale)) - 1, 0, 2));
    form->addRow(tr("S&cale:"), scale_);
    theme_ = new QComboBox(this);
    theme_->addItems({tr("Light"), tr("Dark")});
    theme_->setCurrentIndex(initial.dark ? 1 : 0);
    form->addRow(tr("&Theme:"), theme_);
    quality_ = new QSpinBox(this);
    quality_->setRange(1, 100);
    quality_->setValue(initial.jpegQuality);
    form->addRow(tr("JPEG &quality:"), quality_);
    levels_ = new QCheckBox(tr("Support and resistance &levels"), this);
    levels_->setChecked(initial.levels);
    annotations_ = new QCheckBox(tr("&Drawings"), this);
    annotations_->setChecked(initial.annotations);
    form->addRow(QString(), levels_);
    form->addRow(QString(), annotations_);

    // Too many pixels: said here and Save disabled, before anything is rendered.
    sizeProblem_ = new QLabel(this);
    sizeProblem_->setWordWrap(true);
    sizeProblem_->setStyleSheet(QStringLiteral("color: #c62828;"));
    form->addRow(QString(), sizeProblem_);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons_);
    for (QComboBox* box : {format_, size_, scale_}) {
        connect(box, &QComboBox::currentIndexChanged, this, &ExportDialog::updateEnabled);
    }
    for (QSpinBox* box : {width_, height_}) {
        connect(box, &QSpinBox::valueChanged, this, &ExportDialog::updateEnabled);
    }
    updateEnabled();
}

void ExportDialog::updateEnabled() {
    const int preset = size_->currentIndex();
    const bool custom = preset >= static_cast<int>(kImageSizePresets.size());
    if (!custom) {
        width_->setValue(kImageSizePresets[static_cast<std::size_t>(preset)].width);
        height_->setValue(kImageSizePresets[static_cast<std::size_t>(preset)].height);
    }
    width_->setEnabled(custom);
    height_->setEnabled(custom);
    const ImageFormat format = kFormats[std::clamp(format_->currentIndex(), 0, 3)];
    scale_->setEnabled(!isVectorFormat(format));  // vectors are sharp at any size
    quality_->setEnabled(format == ImageFormat::Jpeg);
    const QString problem = exportPixelLimitError(
        width_->value(), height_->value(), scale_->currentIndex() + 1.0, isVectorFormat(format));
    sizeProblem_->setText(problem);
    sizeProblem_->setVisible(!problem.isEmpty());
    buttons_->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
}

QString ExportDialog::sizeProblem() const {
    return sizeProblem_->text();
}

QPushButton* ExportDialog::saveButton() const {
    return buttons_->button(QDialogButtonBox::Save);
}

ExportSettings ExportDialog::settings() const {
    ExportSettings s = initial_;
    s.format = kFormats[std::clamp(format_->currentIndex(), 0, 3)];
    s.width = width_->value();
    s.height = height_->value();
    s.scale = scale_->currentIndex() + 1.0;
    s.dark = theme_->currentIndex() == 1;
    s.jpegQuality = quality_->value();
    s.levels = levels_->isChecked();
    s.annotations = annotations_->isChecked();
    return s;
}

}  // namespace retest::ui
