// The properties dialog of one drawing: text, colour, width, line style, extend right.
#include "ui/annotations/annotation_dialog.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>

#include "ui/chart_document_commands.h"

namespace retest::ui {

namespace {

void paintSwatch(QPushButton* button, QColor color) {
    button->setText(color.name());
    button->setStyleSheet(QStringLiteral("QPushButton { background: %1; color: %2; }")
                              .arg(color.name(), color.lightness() > 140 ? QStringLiteral("#000")
                                                                         : QStringLiteral("#fff")));
}

}  // namespace

std::optional<Annotation> editAnnotationProperties(const Annotation& original, QWidget* parent) {
    QDialog dialog(parent);
    dialog.setWindowTitle(QObject::tr("%1 Properties").arg(annotationKindTitle(original.kind)));
    auto* form = new QFormLayout(&dialog);
    auto* text = new QLineEdit(QString::fromStdString(original.label), &dialog);
    form->addRow(
        original.kind == AnnotationKind::Note ? QObject::tr("&Text:") : QObject::tr("&Label:"),
        text);
    QColor color = QColor::fromRgba(original.style.color);
    auto* colorButton = new QPushButton(&dialog);
    paintSwatch(colorButton, color);
    QObject::connect(colorButton, &QPushButton::clicked, &dialog, [&] {
        const QColor picked = QColorDialog::getColor(color, &dialog);
        if (picked.isValid()) {
            color = picked;
            paintSwatch(colorButton, color);
        }
    });
    form->addRow(QObject::tr("&Colour:"), colorButton);
    auto* width = new QDoubleSpinBox(&dialog);
    width->setRange(0.5, 10);
    width->setSingleStep(0.5);
    width->setValue(original.style.width);
    form->addRow(QObject::tr("&Width:"), width);
    auto* line = new QComboBox(&dialog);
    line->addItems({QObject::tr("Solid"), QObject::tr("Dashed"), QObject::tr("Dotted")});
    line->setCurrentIndex(static_cast<int>(original.style.line));
    form->addRow(QObject::tr("L&ine:"), line);
    auto* fontSize = new QDoubleSpinBox(&dialog);
    fontSize->setRange(6, 36);
    fontSize->setValue(original.style.fontSize);
    form->addRow(QObject::tr("&Font size:"), fontSize);
    auto* extend = new QCheckBox(QObject::tr("&Extend right"), &dialog);
    extend->setChecked(original.style.extendRight);
    extend->setVisible(original.kind == AnnotationKind::TrendLine);
    form->addRow(QString(), extend);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    Annotation a = original;
    a.label = text->text().toStdString();
    a.style.color = color.rgba();
    a.style.width = width->value();
    a.style.line = static_cast<LineStyle>(line->currentIndex());
    a.style.fontSize = fontSize->value();
    a.style.extendRight = extend->isChecked();
    return a;
}

}  // namespace retest::ui
