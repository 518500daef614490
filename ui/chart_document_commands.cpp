// The cache writes behind the document's undo commands, and the id remapping that keeps undo
// and redo of adds pointing at the right rows.
#include "ui/chart_document_commands.h"

#include <QCoreApplication>

#include "core/model/qt_text.h"

namespace retest::ui {

std::int64_t IdRemap::resolve(std::int64_t id) const {
    for (auto it = map_.find(id); it != map_.end(); it = map_.find(id)) {
        id = it->second;
    }
    return id;
}

void IdRemap::remap(std::int64_t from, std::int64_t to) {
    if (from != 0 && to != 0 && from != to) {
        map_[from] = to;
    }
}

bool ChartDocument::Writes::check(const Result<Ok>& r) {
    if (r) {
        return true;
    }
    lastError = r.error();
    doc.report(r.error());
    return false;
}

void ChartDocument::Writes::reloadManual() {
    if (auto levels = doc.cache_.manualLevels(toUtf8(doc.data_.symbol))) {
        doc.manualLevels_ = std::move(levels.value());
    } else {
        check(levels.error());
    }
    Q_EMIT doc.manualLevelsChanged();
    doc.requestAnalysis();
}

void ChartDocument::Writes::reloadDrawings() {
    if (auto list = doc.cache_.annotationStore().ofSymbol(toUtf8(doc.data_.symbol))) {
        doc.drawings_ = std::move(list.value());
    } else {
        check(list.error());
    }
    Q_EMIT doc.drawingsChanged();
}

std::int64_t ChartDocument::Writes::addManual(const ManualLevel& level) {
    ManualLevel fresh = level;
    fresh.id = 0;  // a new row
    return restoreManual(fresh);
}

std::int64_t ChartDocument::Writes::restoreManual(const ManualLevel& level) {
    auto id = doc.cache_.restoreManualLevel(level);
    if (!id) {
        check(id.error());
        return 0;
    }
    reloadManual();
    return id.value();
}

bool ChartDocument::Writes::updateManual(const ManualLevel& level) {
    const bool ok =
        check(doc.cache_.updateManualLevel(manualIds.resolve(level.id), level.price, level.label));
    if (ok) {
        reloadManual();
    }
    return ok;
}

bool ChartDocument::Writes::removeManual(std::int64_t id) {
    const bool ok = check(doc.cache_.removeManualLevel(manualIds.resolve(id)));
    if (ok) {
        reloadManual();
    }
    return ok;
}

std::int64_t ChartDocument::Writes::addDrawing(const Annotation& a) {
    Annotation fresh = a;
    fresh.id = 0;  // a new row
    return restoreDrawing(fresh);
}

std::int64_t ChartDocument::Writes::restoreDrawing(const Annotation& a) {
    Annotation stored = a;
    stored.symbol = toUtf8(doc.data_.symbol);
    auto id = doc.cache_.annotationStore().restore(stored);
    if (!id) {
        check(id.error());
        return 0;
    }
    reloadDrawings();
    return id.value();
}

bool ChartDocument::Writes::updateDrawing(const Annotation& a) {
    Annotation stored = a;
    stored.id = drawingIds.resolve(a.id);
    stored.symbol = toUtf8(doc.data_.symbol);
    const bool ok = check(doc.cache_.annotationStore().update(stored));
    if (ok) {
        reloadDrawings();
    }
    return ok;
}

bool ChartDocument::Writes::removeDrawing(std::int64_t id) {
    const bool ok = check(doc.cache_.annotationStore().remove(drawingIds.resolve(id)));
    if (ok) {
        reloadDrawings();
    }
    return ok;
}

void ChartDocument::Writes::setSensitivity(double sensitivity) {
    doc.applySensitivity(sensitivity);
}

SensitivityCommand::SensitivityCommand(ChartDocument& doc, double before, double after)
    : doc_(doc), before_(before), after_(after) {
    setText(QCoreApplication::translate("ChartDocument", "Change sensitivity"));
}

bool SensitivityCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const SensitivityCommand*>(other);
    if (next == nullptr || &next->doc_ != &doc_ || next->asked_ - done_ > kRun) {
        return false;
    }
    after_ = next->after_;
    done_ = next->done_;
    setObsolete(after_ == before_);
    return true;
}

QString annotationKindTitle(AnnotationKind kind) {
    switch (kind) {
        case AnnotationKind::HorizontalLine:
            return QCoreApplication::translate("Annotations", "Horizontal line");
        case AnnotationKind::Zone:
            return QCoreApplication::translate("Annotations", "Zone");
        case AnnotationKind::TrendLine:
            return QCoreApplication::translate("Annotations", "Trend line");
        case AnnotationKind::Rectangle:
            return QCoreApplication::translate("Annotations", "Rectangle");
        case AnnotationKind::Note:
            return QCoreApplication::translate("Annotations", "Note");
        case AnnotationKind::Arrow:
            return QCoreApplication::translate("Annotations", "Arrow");
        case AnnotationKind::DateMarker:
            return QCoreApplication::translate("Annotations", "Date marker");
    }
    return {};
}

}  // namespace retest::ui
