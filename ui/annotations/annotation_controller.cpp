// AnnotationController: tool actions, the mouse state machine on the plot, snapping, and the
// translation of every finished gesture into one undo command.
#include "ui/annotations/annotation_controller.h"

#include "ui/chart/qcp.h"

#include <QAction>
#include <QActionGroup>
#include <QInputDialog>
#include <QMenu>
#include <QMouseEvent>
#include <QUndoStack>
#include <cmath>

#include "ui/annotations/annotation_dialog.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart_document.h"
#include "ui/chart_document_commands.h"

namespace retest::ui {

namespace {

constexpr double kMagnetPixels = 14;
constexpr double kClickSlack = 4;

struct ToolInfo {
    AnnotationController::Tool tool;
    AnnotationKind kind;
    QKeySequence shortcut;
};

const std::array<ToolInfo, 7>& toolInfos() {
    using T = AnnotationController::Tool;
    static const std::array<ToolInfo, 7> kTools{{
        {T::HorizontalLine, AnnotationKind::HorizontalLine, QKeySequence(Qt::ALT | Qt::Key_H)},
        {T::Zone, AnnotationKind::Zone, QKeySequence(Qt::ALT | Qt::Key_Z)},
        {T::TrendLine, AnnotationKind::TrendLine, QKeySequence(Qt::ALT | Qt::Key_T)},
        {T::Rectangle, AnnotationKind::Rectangle, QKeySequence(Qt::ALT | Qt::Key_R)},
        {T::Note, AnnotationKind::Note, QKeySequence(Qt::ALT | Qt::Key_N)},
        {T::Arrow, AnnotationKind::Arrow, QKeySequence(Qt::ALT | Qt::Key_A)},
        {T::DateMarker, AnnotationKind::DateMarker, QKeySequence(Qt::ALT | Qt::Key_V)},
    }};
    return kTools;
}

AnnotationKind kindOf(AnnotationController::Tool tool) {
    for (const ToolInfo& t : toolInfos()) {
        if (t.tool == tool) {
            return t.kind;
        }
    }
    return AnnotationKind::HorizontalLine;
}

/// Drops the coordinates a kind ignores (kept at 0 by the model).
AnchorPoint fit(AnnotationKind kind, AnchorPoint p) {
    if (!annotationUsesDay(kind)) {
        p.day = 0;
    }
    if (!annotationUsesPrice(kind)) {
        p.price = 0;
    }
    return p;
}

/// The annotation a two-point tool draws between `a` and `b`.
Annotation twoPoint(AnnotationKind kind, AnchorPoint a, AnchorPoint b) {
    if (kind == AnnotationKind::Zone) {
        return makeZone(std::min(a.price, b.price), std::max(a.price, b.price));
    }
    return makeTwoPoint(kind, a, b);
}

}  // namespace

AnnotationController::AnnotationController(ChartView& view, ChartDocument& doc, QObject* parent)
    : QObject(parent), view_(view), doc_(doc), docAlive_(&doc) {
    layer_ = new AnnotationLayer(view, this);
    buildActions();
    view.plot()->installEventFilter(this);
    connect(&doc, &ChartDocument::drawingsChanged, this, &AnnotationController::onDrawingsChanged);
    connect(&doc, &ChartDocument::changed, this, &AnnotationController::onDocumentChanged);
    const auto forget = [this] {
        disconnect(docAlive_, nullptr, this, nullptr);
        delete undo_;  // they act on the document's stack
        delete redo_;
        undo_ = redo_ = nullptr;
    };
    connect(&doc, &QObject::destroyed, this, forget);
    // Let go of the view while it is still whole (QObject::destroyed comes from ~QWidget, after
    // the ChartView part is gone, and the plot still sends events while it is torn down).
    connect(&view, &ChartView::aboutToBeDestroyed, this, [this] {
        viewGone_ = true;
        view_.plot()->removeEventFilter(this);
        if (docAlive_ != nullptr) {
            disconnect(docAlive_, nullptr, this, nullptr);
        }
    });
    symbol_ = doc.symbol();
    layer_->setAnnotations(doc.drawings());
}

AnnotationController::~AnnotationController() = default;

QUndoStack& AnnotationController::undoStack() const {
    return doc_.undoStack();
}

void AnnotationController::onDrawingsChanged() {
    if (drag_ && drag_->mode != Drag::Mode::Draw) {
        cancelDrawing();
    }
    layer_->setAnnotations(doc_.drawings());
    if (layer_->selectedId() != 0 && layer_->find(layer_->selectedId()) == nullptr) {
        select(0);
    }
    updateActions();
}

void AnnotationController::onDocumentChanged() {
    if (doc_.symbol() == symbol_) {
        layer_->replot();  // bars or timeframe changed: anchors map anew at draw time
        return;
    }
    cancelDrawing();
    symbol_ = doc_.symbol();
    select(0);
}

void AnnotationController::buildActions() {
    tools_ = new QActionGroup(this);
    tools_->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    for (const ToolInfo& t : toolInfos()) {
        auto* action = new QAction(annotationKindTitle(t.kind), tools_);
        action->setCheckable(true);
        action->setShortcut(t.shortcut);
        action->setData(static_cast<int>(t.tool));
        connect(action, &QAction::triggered, this, [this, action, tool = t.tool] {
            setTool(action->isChecked() ? tool : Tool::None);
        });
    }
    magnet_ = new QAction(tr("&Magnet"), this);
    magnet_->setToolTip(tr("Magnet: snap points to the bar's open, high, low or close"));
    magnet_->setCheckable(true);
    magnet_->setChecked(true);
    cancel_ = new QAction(tr("Cancel Drawing"), this);
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(cancel_, &QAction::triggered, this, [this] { setTool(Tool::None); });
    delete_ = new QAction(tr("&Delete Drawing"), this);
    delete_->setShortcut(QKeySequence::Delete);
    connect(delete_, &QAction::triggered, this, &AnnotationController::deleteSelected);
    edit_ = new QAction(tr("Drawing &Properties…"), this);
    connect(edit_, &QAction::triggered, this, &AnnotationController::editSelected);
    undo_ = doc_.undoStack().createUndoAction(this, tr("&Undo"));
    undo_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    redo_ = doc_.undoStack().createRedoAction(this, tr("&Redo"));
    redo_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    view_.addActions(tools_->actions());
    view_.addActions({cancel_, delete_, undo_, redo_});
    updateActions();
}

void AnnotationController::updateActions() {
    cancel_->setEnabled(tool_ != Tool::None || drag_.has_value());
    const bool selected = layer_->selectedId() != 0;
    delete_->setEnabled(selected);
    edit_->setEnabled(selected);
}

void AnnotationController::setTool(Tool tool) {
    cancelDrawing();
    tool_ = tool;
    for (QAction* a : tools_->actions()) {
        a->setChecked(a->data().toInt() == static_cast<int>(tool));
    }
    setPanEnabled(tool == Tool::None);
    view_.plot()->setCursor(tool == Tool::None ? Qt::ArrowCursor : Qt::CrossCursor);
    updateActions();
    Q_EMIT toolChanged(tool);
}

void AnnotationController::setPanEnabled(bool on) {
    view_.plot()->setInteraction(QCP::iRangeDrag, on);
}

void AnnotationController::setMagnet(bool on) {
    magnet_->setChecked(on);
}
bool AnnotationController::magnet() const {
    return magnet_->isChecked();
}

QAction* AnnotationController::toolAction(Tool tool) const {
    for (QAction* a : tools_->actions()) {
        if (a->data().toInt() == static_cast<int>(tool)) {
            return a;
        }
    }
    return nullptr;
}

QList<QAction*> AnnotationController::toolActions() const {
    return tools_->actions();
}

QMenu* AnnotationController::createMenu(QWidget* parent) const {
    auto* menu = new QMenu(tr("&Draw"), parent);
    menu->addActions(tools_->actions());
    menu->addSeparator();
    menu->addAction(magnet_);
    menu->addSeparator();
    menu->addActions({undo_, redo_, edit_, delete_, cancel_});
    return menu;
}

std::int64_t AnnotationController::selectedId() const {
    return layer_->selectedId();
}

void AnnotationController::select(std::int64_t id) {
    if (id == layer_->selectedId()) {
        return;
    }
    layer_->setSelectedId(id);
    updateActions();
    Q_EMIT selectionChanged(id);
}

void AnnotationController::deleteSelected() {
    if (layer_->find(layer_->selectedId()) != nullptr) {
        doc_.removeDrawing(layer_->selectedId());
    }
}

void AnnotationController::applyEdit(const Annotation& after, const QString& text) {
    pushEdit(after, text);
}

void AnnotationController::pushEdit(const Annotation& after, const QString& text) {
    if (auto ok = validateAnnotation(after); !ok) {
        Q_EMIT message(QString::fromStdString(ok.error().message));
        return;
    }
    doc_.editDrawing(after, text);
}

void AnnotationController::editSelected() {
    const Annotation* a = layer_->find(layer_->selectedId());
    if (a == nullptr) {
        return;
    }
    const auto edited =
        propertiesPrompt_ ? propertiesPrompt_(*a) : editAnnotationProperties(*a, &view_);
    if (edited) {
        applyEdit(*edited, tr("Edit %1").arg(annotationKindTitle(a->kind).toLower()));
    }
}

AnchorPoint AnnotationController::snapped(QPointF pixel) const {
    AnchorPoint p = layer_->fromPixel(pixel);
    const std::vector<Bar>& bars = view_.bars();
    const QCPAxis* x = view_.priceRect()->axis(QCPAxis::atBottom);
    const long i = std::lround(x->pixelToCoord(pixel.x()));
    if (!magnet() || i < 0 || i >= static_cast<long>(bars.size())) {
        return p;
    }
    const Bar& b = bars[static_cast<std::size_t>(i)];
    double best = kMagnetPixels;
    for (double price : {b.open, b.high, b.low, b.close}) {
        const double d = std::fabs(view_.priceAxis()->coordToPixel(price) - pixel.y());
        if (d <= best) {
            best = d;
            p.price = price;
        }
    }
    return p;
}

void AnnotationController::addAnnotation(Annotation a) {
    if (auto ok = validateAnnotation(a); !ok) {
        Q_EMIT message(QString::fromStdString(ok.error().message));
        return;
    }
    const std::int64_t id = doc_.addDrawing(std::move(a));  // 0 if the write failed
    if (id != 0) {
        select(doc_.resolveDrawingId(id));
    }
}

bool AnnotationController::startTool(QPointF pos) {
    const AnnotationKind kind = kindOf(tool_);
    const AnchorPoint p = fit(kind, snapped(pos));
    if (annotationPointCount(kind) == 2) {
        Drag d;
        d.mode = Drag::Mode::Draw;
        d.press = pos;
        d.origin = p;
        d.current = twoPoint(kind, p, p);
        drag_ = d;
        updateActions();
        return true;
    }
    Annotation a;
    if (kind == AnnotationKind::HorizontalLine) {
        a = makeHorizontalLine(p.price);
    } else if (kind == AnnotationKind::DateMarker) {
        a = makeDateMarker(p.day);
    } else {
        const auto text =
            textPrompt_ ? textPrompt_(QString()) : [this]() -> std::optional<QString> {
            bool ok = false;
            const QString t = QInputDialog::getText(&view_, tr("Note"), tr("Text:"),
                                                    QLineEdit::Normal, QString(), &ok);
            return ok ? std::optional<QString>(t) : std::nullopt;
        }();
        if (!text || text->trimmed().isEmpty()) {
            setTool(Tool::None);
            return true;
        }
        a = makeNote(p, text->trimmed().toStdString());
    }
    setTool(Tool::None);
    addAnnotation(std::move(a));
    return true;
}

void AnnotationController::finishDrawing() {
    Annotation a = drag_->current;
    drag_.reset();
    layer_->setPreview(std::nullopt);
    setTool(Tool::None);
    addAnnotation(std::move(a));
}

void AnnotationController::cancelDrawing() {
    if (!drag_) {
        return;
    }
    const bool edit = drag_->mode != Drag::Mode::Draw;
    drag_.reset();
    layer_->setPreview(std::nullopt);
    if (edit) {
        layer_->setAnnotations(doc_.drawings());  // put the dragged one back
    }
    setPanEnabled(tool_ == Tool::None);
    updateActions();
}

Annotation AnnotationController::moved(const Annotation& a, QPointF from, QPointF to) const {
    const QCPAxis* x = view_.priceRect()->axis(QCPAxis::atBottom);
    const QCPAxis* y = view_.priceAxis();
    const double bars = std::round(x->pixelToCoord(to.x()) - x->pixelToCoord(from.x()));
    const double dy = to.y() - from.y();
    Annotation out = a;
    for (AnchorPoint& p : out.points) {
        if (annotationUsesDay(a.kind)) {
            p.day = layer_->dayForX(layer_->xForDay(p.day) + bars);
        }
        if (annotationUsesPrice(a.kind)) {  // in pixels, so log scale moves proportionally
            p.price = y->pixelToCoord(y->coordToPixel(p.price) + dy);
        }
    }
    return out;
}

Annotation AnnotationController::reshaped(const Annotation& a, int handle, QPointF to) const {
    Annotation out = a;
    if (handle < 0 || handle >= static_cast<int>(out.points.size())) {
        return out;
    }
    out.points[static_cast<std::size_t>(handle)] = fit(a.kind, snapped(to));
    if (a.kind == AnnotationKind::Zone && out.points[0].price > out.points[1].price) {
        std::swap(out.points[0].price, out.points[1].price);
    }
    return out;
}

void AnnotationController::showLive(const Annotation& a) {
    std::vector<Annotation> list = doc_.drawings();
    for (Annotation& item : list) {
        if (item.id == a.id) {
            item = a;
        }
    }
    layer_->setAnnotations(std::move(list));
}

bool AnnotationController::onPress(QMouseEvent* event) {
    const QPointF pos = event->position();
    if (view_.bars().empty() || !view_.priceRect()->rect().contains(pos.toPoint())) {
        return false;
    }
    if (event->button() == Qt::RightButton) {
        contextMenu(pos, event->globalPosition().toPoint());
        return true;
    }
    if (event->button() != Qt::LeftButton) {
        return false;
    }
    if (drag_ && drag_->clickClick) {  // second click of a two-point tool
        drag_->current =
            twoPoint(drag_->current.kind, drag_->origin, fit(drag_->current.kind, snapped(pos)));
        finishDrawing();
        return true;
    }
    if (tool_ != Tool::None) {
        return startTool(pos);
    }
    int handle = -1;
    const std::int64_t hit = layer_->hitTest(pos, &handle);
    select(hit);
    if (hit == 0) {
        return false;  // empty chart: let the drag pan
    }
    Drag d;
    d.mode = handle >= 0 ? Drag::Mode::Handle : Drag::Mode::Move;
    d.before = *layer_->find(hit);
    d.current = d.before;
    d.press = pos;
    d.handle = handle;
    drag_ = d;
    setPanEnabled(false);
    updateActions();
    return true;
}

bool AnnotationController::onMove(QMouseEvent* event) {
    if (!drag_) {
        return false;
    }
    const QPointF pos = event->position();
    switch (drag_->mode) {
        case Drag::Mode::Draw:
            drag_->current = twoPoint(drag_->current.kind, drag_->origin,
                                      fit(drag_->current.kind, snapped(pos)));
            layer_->setPreview(drag_->current);
            break;
        case Drag::Mode::Move:
            drag_->current = moved(drag_->before, drag_->press, pos);
            showLive(drag_->current);
            break;
        case Drag::Mode::Handle:
            drag_->current = reshaped(drag_->before, drag_->handle, pos);
            showLive(drag_->current);
            break;
    }
    return false;  // the crosshair keeps following the mouse
}

bool AnnotationController::onRelease(QMouseEvent* event) {
    if (!drag_ || event->button() != Qt::LeftButton) {
        return false;
    }
    const QPointF pos = event->position();
    const bool click = QLineF(pos, drag_->press).length() < kClickSlack;
    if (drag_->mode == Drag::Mode::Draw) {
        if (click && !drag_->clickClick) {
            drag_->clickClick = true;  // wait for the second click
            return true;
        }
        if (!drag_->clickClick) {
            drag_->current = twoPoint(drag_->current.kind, drag_->origin,
                                      fit(drag_->current.kind, snapped(pos)));
            finishDrawing();
        }
        return true;
    }
    const Annotation before = drag_->before;
    const Annotation after = drag_->current;
    const bool handle = drag_->mode == Drag::Mode::Handle;
    drag_.reset();
    setPanEnabled(tool_ == Tool::None);
    updateActions();
    layer_->setAnnotations(doc_.drawings());  // drop the live copy
    if (!click && !(before == after)) {
        pushEdit(after, (handle ? tr("Resize %1") : tr("Move %1"))
                            .arg(annotationKindTitle(before.kind).toLower()));
    }
    return true;
}

void AnnotationController::setLevelOverlay(LevelOverlay* overlay) {
    overlay_ = overlay;
}

void AnnotationController::contextMenu(QPointF pos, QPoint global) {
    cancelDrawing();
    const std::int64_t hit = layer_->hitTest(pos);
    select(hit);
    QMenu menu(&view_);
    const auto addAlert = [this, &menu](std::vector<Alert> choices) {
        if (choices.empty()) {
            return;
        }
        QAction* alert = menu.addAction(tr("Alert…"));
        connect(alert, &QAction::triggered, this,
                [this, choices = std::move(choices)] { Q_EMIT alertRequested(choices); });
    };
    if (hit != 0) {
        menu.addAction(edit_);
        addAlert(alertChoicesForDrawing(*layer_->find(hit)));
        if (const Annotation* a = layer_->find(hit); a->kind == AnnotationKind::TrendLine) {
            QAction* extend = menu.addAction(tr("Extend Right"));
            extend->setCheckable(true);
            extend->setChecked(a->style.extendRight);
            connect(extend, &QAction::triggered, this, [this, hit](bool on) {
                if (const Annotation* t = layer_->find(hit)) {
                    Annotation after = *t;
                    after.style.extendRight = on;
                    applyEdit(after, tr("Extend trend line"));
                }
            });
        }
        menu.addAction(delete_);
    } else {
        if (const int zone = overlay_ ? overlay_->zoneAt(pos) : -1; zone >= 0) {
            addAlert(
                alertChoicesForZone(doc_.symbol().toStdString(),
                                    overlay_->analysis().zones[static_cast<std::size_t>(zone)]));
            menu.addSeparator();
        }
        menu.addActions(tools_->actions());
        menu.addSeparator();
        menu.addAction(magnet_);
    }
    menu.addSeparator();
    menu.addActions({undo_, redo_});
    menu.exec(global);
}

bool AnnotationController::eventFilter(QObject* watched, QEvent* event) {
    if (docAlive_ == nullptr || viewGone_ || watched != view_.plot()) {
        return QObject::eventFilter(watched, event);
    }
    switch (event->type()) {
        case QEvent::MouseButtonPress:
            return onPress(static_cast<QMouseEvent*>(event));
        case QEvent::MouseMove:
            onMove(static_cast<QMouseEvent*>(event));
            return false;
        case QEvent::MouseButtonRelease:
            return onRelease(static_cast<QMouseEvent*>(event));
        case QEvent::MouseButtonDblClick: {
            auto* mouse = static_cast<QMouseEvent*>(event);
            if (tool_ == Tool::None && layer_->hitTest(mouse->position()) != 0) {
                select(layer_->hitTest(mouse->position()));
                editSelected();
                return true;
            }
            return false;
        }
        default:
            return false;
    }
}

}  // namespace retest::ui
