// The document's edits as QUndoCommands, and the cache writes they are made of. Every command
// writes the cache when it is done, undone or redone; a write that fails makes the command
// obsolete (QUndoStack drops it) and reaches the user through ChartDocument::errorOccurred.
//
// Undoing a removal (or an add, then redoing it) stores the row again under its id, so a manual
// level's zone keeps its id ("M42") and a drawing its number for `retest annotate`. When another
// window or the command line took that id meanwhile, the row gets a new one and the document
// remembers which id became which, so later commands in the stack (and callers holding the
// first id) still find the row.
#pragma once

#include <QUndoCommand>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>

#include "ui/chart_document.h"

namespace retest::ui {

/// Maps the id a command first saw to the row's current id.
class IdRemap {
public:
    std::int64_t resolve(std::int64_t id) const;
    void remap(std::int64_t from, std::int64_t to);
    void clear() { map_.clear(); }

private:
    std::map<std::int64_t, std::int64_t> map_;
};

struct ChartDocument::Writes {
    explicit Writes(ChartDocument& d) : doc(d) {}

    // Each returns the id written (0 on failure) or success, reloads the list from the cache
    // and emits the document's signal; failures are reported and kept in lastError.
    std::int64_t addManual(const ManualLevel& level);
    /// Stores a removed row again, under its id when that is free (see the file comment).
    std::int64_t restoreManual(const ManualLevel& level);
    bool updateManual(const ManualLevel& level);
    bool removeManual(std::int64_t id);
    std::int64_t addDrawing(const Annotation& a);
    std::int64_t restoreDrawing(const Annotation& a);
    bool updateDrawing(const Annotation& a);
    bool removeDrawing(std::int64_t id);
    void setSensitivity(double sensitivity);

    ChartDocument& doc;
    IdRemap manualIds;
    IdRemap drawingIds;
    std::optional<Error> lastError;

private:
    bool check(const Result<Ok>& r);
    void reloadManual();
    void reloadDrawings();
};

/// The operations a row command needs: add, update and remove one row of one kind.
template <typename Row>
struct RowOps;

template <>
struct RowOps<ManualLevel> {
    static std::int64_t add(ChartDocument::Writes& w, const ManualLevel& r) {
        return w.addManual(r);
    }
    static std::int64_t restore(ChartDocument::Writes& w, const ManualLevel& r) {
        return w.restoreManual(r);
    }
    static bool update(ChartDocument::Writes& w, const ManualLevel& r) { return w.updateManual(r); }
    static bool remove(ChartDocument::Writes& w, std::int64_t id) { return w.removeManual(id); }
    static IdRemap& ids(ChartDocument::Writes& w) { return w.manualIds; }
};

template <>
struct RowOps<Annotation> {
    static std::int64_t add(ChartDocument::Writes& w, const Annotation& r) {
        return w.addDrawing(r);
    }
    static std::int64_t restore(ChartDocument::Writes& w, const Annotation& r) {
        return w.restoreDrawing(r);
    }
    static bool update(ChartDocument::Writes& w, const Annotation& r) { return w.updateDrawing(r); }
    static bool remove(ChartDocument::Writes& w, std::int64_t id) { return w.removeDrawing(id); }
    static IdRemap& ids(ChartDocument::Writes& w) { return w.drawingIds; }
};

/// Adds a row (a manual level, a drawing); undo removes it.
template <typename Row>
class AddRowCommand : public QUndoCommand {
public:
    AddRowCommand(ChartDocument& doc, Row row, const QString& text)
        : doc_(doc), row_(std::move(row)) {
        setText(text);
    }
    void redo() override {
        auto& w = doc_.writes();
        if (firstId_ == 0) {
            firstId_ = RowOps<Row>::add(w, row_);
            setObsolete(firstId_ == 0);
            return;
        }
        Row again = row_;
        again.id = RowOps<Row>::ids(w).resolve(firstId_);
        const std::int64_t id = RowOps<Row>::restore(w, again);
        RowOps<Row>::ids(w).remap(again.id, id);
        setObsolete(id == 0);
    }
    void undo() override { setObsolete(!RowOps<Row>::remove(doc_.writes(), firstId_)); }
    /// The id the row got the first time (0 if the write failed).
    std::int64_t firstId() const { return firstId_; }

private:
    ChartDocument& doc_;
    Row row_;
    std::int64_t firstId_ = 0;
};

/// Replaces a row by `after` (same id); undo puts `before` back.
template <typename Row>
class EditRowCommand : public QUndoCommand {
public:
    EditRowCommand(ChartDocument& doc, Row before, Row after, const QString& text)
        : doc_(doc), before_(std::move(before)), after_(std::move(after)) {
        setText(text);
    }
    void redo() override { setObsolete(!RowOps<Row>::update(doc_.writes(), after_)); }
    void undo() override { setObsolete(!RowOps<Row>::update(doc_.writes(), before_)); }

private:
    ChartDocument& doc_;
    Row before_;
    Row after_;
};

/// Removes a row; undo stores it again (under its id when free, else a new one, remapped).
template <typename Row>
class RemoveRowCommand : public QUndoCommand {
public:
    RemoveRowCommand(ChartDocument& doc, Row row, const QString& text)
        : doc_(doc), row_(std::move(row)) {
        setText(text);
    }
    void redo() override { setObsolete(!RowOps<Row>::remove(doc_.writes(), row_.id)); }
    void undo() override {
        auto& w = doc_.writes();
        Row again = row_;
        again.id = RowOps<Row>::ids(w).resolve(row_.id);
        const std::int64_t id = RowOps<Row>::restore(w, again);
        RowOps<Row>::ids(w).remap(again.id, id);
        setObsolete(id == 0);
    }

private:
    ChartDocument& doc_;
    Row row_;
};

/// A sensitivity change; a run of changes (a dragged slider: each change asked for within kRun
/// of the last one's analysis ending) merges into one step, and two drags a moment apart are
/// two. The time an analysis takes is not counted.
class SensitivityCommand : public QUndoCommand {
public:
    static constexpr std::chrono::milliseconds kRun{1000};
    SensitivityCommand(ChartDocument& doc, double before, double after);
    void redo() override {
        doc_.writes().setSensitivity(after_);
        done_ = std::chrono::steady_clock::now();
    }
    void undo() override { doc_.writes().setSensitivity(before_); }
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    ChartDocument& doc_;
    double before_;
    double after_;
    std::chrono::steady_clock::time_point asked_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point done_ = asked_;
};

/// "Horizontal line", "Zone", … for menus and undo texts.
QString annotationKindTitle(AnnotationKind kind);

}  // namespace retest::ui
