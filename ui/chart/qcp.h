// The one way to include QCustomPlot in Retest. The project builds with QT_NO_KEYWORDS and
// QT_NO_FOREACH, but qcustomplot.h uses `signals` and `foreach`; they are defined just for
// the header and removed again so our own code keeps the strict spelling.
#pragma once

#include <QObject>

#ifdef QT_NO_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#endif
// NOLINTNEXTLINE(bugprone-macro-parentheses): a declaration cannot be put in parentheses
#define foreach(decl, container) for (decl : container)

#include <qcustomplot.h>

#undef foreach
#ifdef QT_NO_KEYWORDS
#undef signals
#undef slots
#undef emit
#endif

#include <optional>

namespace retest::ui {

/// Anchors an item's position to `rect`: x on its bottom axis, y on `valueAxis`, each either in
/// plot coordinates or as a fraction of the rect (ptPlotCoords / ptAxisRectRatio).
inline void anchorIn(QCPItemPosition* p, QCPAxisRect* rect, QCPAxis* valueAxis,
                     QCPItemPosition::PositionType x, QCPItemPosition::PositionType y) {
    p->setAxisRect(rect);
    p->setAxes(rect->axis(QCPAxis::atBottom), valueAxis);
    p->setTypeX(x);
    p->setTypeY(y);
}

/// Where a text item is drawn, in plot pixels (its box, padding included).
inline QRectF pixelRect(const QCPItemText& text) {
    return {text.topLeft->pixelPosition(), text.bottomRight->pixelPosition()};
}

/// pixelRect() of a text item that exists and is shown.
inline std::optional<QRectF> shownRect(const QCPItemText* text) {
    if (text == nullptr || !text->visible()) {
        return std::nullopt;
    }
    return pixelRect(*text);
}

}  // namespace retest::ui
