// The drawing tools of the chart: horizontal line, zone, trend line, rectangle, note, arrow and
// date marker; select, move, resize by handles, edit, delete; magnet snapping to the bar's
// open/high/low/close. Every finished gesture is one edit on the ChartDocument (an undo command
// on its stack that writes the cache); the drawings layer shows the document's drawings.
// Undo/Redo act on the document's one history, manual levels and sensitivity included.
// While a tool is active (or a drawing is dragged) the chart's drag-pan is off.
#pragma once

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

#include "core/alerts/alert.h"
#include "core/annotations/annotation.h"

class QAction;
class QActionGroup;
class QMenu;
class QMouseEvent;
class QUndoStack;

namespace retest::ui {

class AnnotationLayer;
class ChartDocument;
class ChartView;
class LevelOverlay;

class AnnotationController : public QObject {
    Q_OBJECT

public:
    enum class Tool { None, HorizontalLine, Zone, TrendLine, Rectangle, Note, Arrow, DateMarker };

    /// Draws on `view` and edits `doc`'s drawings (per symbol, shown on every timeframe). The
    /// tool actions are added to the view so their shortcuts work wherever the window adds
    /// them too. Either may be deleted before the controller.
    AnnotationController(ChartView& view, ChartDocument& doc, QObject* parent = nullptr);
    ~AnnotationController() override;

    void setTool(Tool tool);
    Tool tool() const { return tool_; }
    /// Snaps prices to the nearest open/high/low/close of the bar under the mouse.
    void setMagnet(bool on);
    bool magnet() const;

    QAction* toolAction(Tool tool) const;
    /// Horizontal line … date marker, in menu order.
    QList<QAction*> toolActions() const;
    QAction* magnetAction() const { return magnet_; }
    QAction* cancelAction() const { return cancel_; }
    QAction* deleteAction() const { return delete_; }
    QAction* editAction() const { return edit_; }
    QAction* undoAction() const { return undo_; }
    QAction* redoAction() const { return redo_; }
    /// A "Draw" menu with every tool, magnet, undo/redo and delete.
    QMenu* createMenu(QWidget* parent) const;

    /// The document's undo history.
    QUndoStack& undoStack() const;
    AnnotationLayer& layer() const { return *layer_; }
    std::int64_t selectedId() const;
    void select(std::int64_t id);
    void deleteSelected();
    /// Opens the properties dialog of the selection.
    void editSelected();
    /// One undoable edit replacing the stored annotation with `after` (same id).
    void applyEdit(const Annotation& after, const QString& text);

    /// The level zones drawn on the chart, so a right-click on a band offers "Alert…" for it.
    void setLevelOverlay(LevelOverlay* overlay);

    /// Test hooks: the note text prompt and the properties dialog (return nullopt: cancel).
    void setTextPrompt(std::function<std::optional<QString>(const QString& current)> prompt) {
        textPrompt_ = std::move(prompt);
    }
    void setPropertiesPrompt(std::function<std::optional<Annotation>(const Annotation&)> prompt) {
        propertiesPrompt_ = std::move(prompt);
    }

Q_SIGNALS:
    void toolChanged(Tool tool);
    void selectionChanged(std::int64_t id);
    /// Status-bar text (a failed cache write, a refused drawing).
    void message(const QString& text);
    /// Right-click ▸ Alert… on a horizontal line, zone or rectangle drawing, or on a level's
    /// band: the alerts offered on it, for the alert dialog. Trend lines, notes, arrows and
    /// date markers offer none.
    void alertRequested(const std::vector<retest::Alert>& choices);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Drag {
        enum class Mode { Draw, Move, Handle } mode = Mode::Draw;
        Annotation before;  ///< Move/Handle: the stored state
        Annotation current;
        QPointF press;
        AnchorPoint origin;  ///< Draw: the first point
        int handle = -1;
        bool clickClick = false;  ///< a two-point tool waiting for its second click
    };

    void buildActions();
    void updateActions();
    AnchorPoint snapped(QPointF pixel) const;
    bool onPress(QMouseEvent* event);
    bool onMove(QMouseEvent* event);
    bool onRelease(QMouseEvent* event);
    bool startTool(QPointF pos);
    void finishDrawing();
    void cancelDrawing();
    void addAnnotation(Annotation a);
    void pushEdit(const Annotation& after, const QString& text);
    void onDrawingsChanged();
    void onDocumentChanged();
    Annotation moved(const Annotation& a, QPointF from, QPointF to) const;
    Annotation reshaped(const Annotation& a, int handle, QPointF to) const;
    void showLive(const Annotation& a);
    void contextMenu(QPointF pos, QPoint global);
    void setPanEnabled(bool on);

    ChartView& view_;
    bool viewGone_ = false;  // the view said it is going (ChartView::aboutToBeDestroyed)
    ChartDocument& doc_;
    QPointer<ChartDocument> docAlive_;
    QPointer<LevelOverlay> overlay_;
    AnnotationLayer* layer_ = nullptr;
    Tool tool_ = Tool::None;
    std::optional<Drag> drag_;
    QString symbol_;
    QActionGroup* tools_ = nullptr;
    QAction* magnet_ = nullptr;
    QAction* cancel_ = nullptr;
    QAction* delete_ = nullptr;
    QAction* edit_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    std::function<std::optional<QString>(const QString&)> textPrompt_;
    std::function<std::optional<Annotation>(const Annotation&)> propertiesPrompt_;
};

}  // namespace retest::ui
