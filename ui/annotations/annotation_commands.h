// Undoable annotation edits. Every add, change and removal is one QUndoCommand that writes the
// cache at once (drawings are saved as they change) and then refreshes the chart's layer.
#pragma once

#include <QObject>
#include <QUndoCommand>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/annotations/annotation.h"
#include "core/cache/price_cache.h"

namespace retest::ui {

class AnnotationLayer;

/// The current symbol's annotations: the cache is the truth, the layer shows a copy. Undoing
/// an add and redoing it stores a new row with a new id; `resolve` maps the id a command first
/// saw to the current one so later commands in the stack still find it.
class AnnotationStore : public QObject {
    Q_OBJECT

public:
    AnnotationStore(PriceCache& cache, AnnotationLayer& layer, QObject* parent = nullptr);

    /// Loads `symbol`'s annotations from the cache into the layer.
    void setSymbol(const std::string& symbol);
    const std::string& symbol() const { return symbol_; }
    /// As stored in the cache (the layer may be showing a drag in progress).
    const std::vector<Annotation>& annotations() const { return list_; }
    const Annotation* find(std::int64_t id) const;

    /// Each returns the id written (0 on failure, with error() emitted).
    std::int64_t add(Annotation a);
    bool update(const Annotation& a);
    bool remove(std::int64_t id);

    std::int64_t resolve(std::int64_t id) const;
    void remap(std::int64_t from, std::int64_t to);

Q_SIGNALS:
    void error(const QString& message);
    /// The list changed (after any write or reload).
    void changed();

private:
    void reload();

    PriceCache& cache_;
    AnnotationLayer& layer_;
    std::string symbol_;
    std::vector<Annotation> list_;  ///< as stored; the layer may show a dragged copy
    std::map<std::int64_t, std::int64_t> remap_;
};

class AddAnnotationCommand : public QUndoCommand {
public:
    AddAnnotationCommand(AnnotationStore& store, Annotation a);
    void redo() override;
    void undo() override;
    /// The id of the stored annotation after the last redo (0 if the write failed).
    std::int64_t storedId() const { return store_.resolve(firstId_); }

private:
    AnnotationStore& store_;
    Annotation annotation_;
    std::int64_t firstId_ = 0;
};

class UpdateAnnotationCommand : public QUndoCommand {
public:
    UpdateAnnotationCommand(AnnotationStore& store, Annotation before, Annotation after,
                            const QString& text);
    void redo() override;
    void undo() override;

private:
    void write(Annotation a);
    AnnotationStore& store_;
    Annotation before_;
    Annotation after_;
};

class RemoveAnnotationCommand : public QUndoCommand {
public:
    RemoveAnnotationCommand(AnnotationStore& store, Annotation a);
    void redo() override;
    void undo() override;

private:
    AnnotationStore& store_;
    Annotation annotation_;
    std::int64_t firstId_;
};

/// "Horizontal line", "Zone", … for menus and undo texts.
QString annotationKindTitle(AnnotationKind kind);

}  // namespace retest::ui
