// AnnotationStore and the three undo commands.
#include "ui/annotations/annotation_commands.h"

#include <QCoreApplication>
#include <algorithm>

#include "ui/chart/annotation_layer.h"

namespace retest::ui {

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

AnnotationStore::AnnotationStore(PriceCache& cache, AnnotationLayer& layer, QObject* parent)
    : QObject(parent), cache_(cache), layer_(layer) {}

void AnnotationStore::setSymbol(const std::string& symbol) {
    symbol_ = symbol;
    remap_.clear();
    reload();
}

const Annotation* AnnotationStore::find(std::int64_t id) const {
    const std::int64_t current = resolve(id);
    const auto it = std::find_if(list_.begin(), list_.end(),
                                 [current](const Annotation& a) { return a.id == current; });
    return it == list_.end() ? nullptr : &*it;
}

void AnnotationStore::reload() {
    std::vector<Annotation> list;
    if (!symbol_.empty()) {
        auto loaded = cache_.annotations(symbol_);
        if (loaded) {
            list = std::move(loaded.value());
        } else {
            Q_EMIT error(QString::fromStdString(loaded.error().message));
        }
    }
    list_ = std::move(list);
    layer_.setAnnotations(list_);
    Q_EMIT changed();
}

std::int64_t AnnotationStore::add(Annotation a) {
    a.id = 0;
    a.symbol = symbol_;
    auto id = cache_.addAnnotation(a);
    if (!id) {
        Q_EMIT error(QString::fromStdString(id.error().message));
        return 0;
    }
    reload();
    return id.value();
}

bool AnnotationStore::update(const Annotation& a) {
    Annotation stored = a;
    stored.id = resolve(a.id);
    stored.symbol = symbol_;
    auto ok = cache_.updateAnnotation(stored);
    if (!ok) {
        Q_EMIT error(QString::fromStdString(ok.error().message));
        return false;
    }
    reload();
    return true;
}

bool AnnotationStore::remove(std::int64_t id) {
    auto ok = cache_.removeAnnotation(resolve(id));
    if (!ok) {
        Q_EMIT error(QString::fromStdString(ok.error().message));
        return false;
    }
    if (layer_.selectedId() == resolve(id)) {
        layer_.setSelectedId(0);
    }
    reload();
    return true;
}

std::int64_t AnnotationStore::resolve(std::int64_t id) const {
    for (auto it = remap_.find(id); it != remap_.end(); it = remap_.find(id)) {
        id = it->second;
    }
    return id;
}

void AnnotationStore::remap(std::int64_t from, std::int64_t to) {
    if (from != 0 && from != to) {
        remap_[from] = to;
    }
}

AddAnnotationCommand::AddAnnotationCommand(AnnotationStore& store, Annotation a)
    : store_(store), annotation_(std::move(a)) {
    setText(QCoreApplication::translate("Annotations", "Add %1")
                .arg(annotationKindTitle(annotation_.kind).toLower()));
}

void AddAnnotationCommand::redo() {
    const std::int64_t id = store_.add(annotation_);
    if (firstId_ == 0) {
        firstId_ = id;
    } else {
        store_.remap(store_.resolve(firstId_), id);
    }
    setObsolete(id == 0);
}

void AddAnnotationCommand::undo() {
    store_.remove(firstId_);
}

UpdateAnnotationCommand::UpdateAnnotationCommand(AnnotationStore& store, Annotation before,
                                                 Annotation after, const QString& text)
    : store_(store), before_(std::move(before)), after_(std::move(after)) {
    setText(text);
}

void UpdateAnnotationCommand::write(Annotation a) {
    setObsolete(!store_.update(a));
}

void UpdateAnnotationCommand::redo() {
    write(after_);
}

void UpdateAnnotationCommand::undo() {
    write(before_);
}

RemoveAnnotationCommand::RemoveAnnotationCommand(AnnotationStore& store, Annotation a)
    : store_(store), annotation_(std::move(a)), firstId_(annotation_.id) {
    setText(QCoreApplication::translate("Annotations", "Delete %1")
                .arg(annotationKindTitle(annotation_.kind).toLower()));
}

void RemoveAnnotationCommand::redo() {
    setObsolete(!store_.remove(firstId_));
}

void RemoveAnnotationCommand::undo() {
    const std::int64_t id = store_.add(annotation_);
    store_.remap(store_.resolve(firstId_), id);
}

}  // namespace retest::ui
