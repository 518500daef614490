// Drawing tools driven by simulated mouse events on a shown chart of the real sample: a
// horizontal line and a trend line land in the cache at the (date, price) under the mouse,
// undo removes them and redo restores them, drag moves one, the magnet snaps to a bar's high,
// a tool stops the drag-pan, and anchors stay on their dates when the view switches D -> W.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QTest>
#include <QUndoStack>

#include "core/analytics/resample.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/annotations/annotation_controller.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"
#include "ui/chart_document.h"

namespace retest::ui {
namespace {

Day iso(const char* text) {
    return *parseIsoDate(text);
}

class AnnotationTools : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened);
        cache = std::move(opened.value());
        ASSERT_TRUE(cache->upsertBars("^GSPC", test::sampleBars(), {"S&P 500", "USD", "sample"}));
        doc = std::make_unique<ChartDocument>(*cache);
        doc->setSymbol(QStringLiteral("^GSPC"));
        view.resize(1200, 700);
        view.show();
        QApplication::processEvents();
        view.setBars(doc->bars(), doc->timeframe());
        view.setDateRange(iso("2019-10-01"), iso("2020-04-17"));
        view.plot()->replot();
        tools = std::make_unique<AnnotationController>(view, *doc);
        tools->setMagnet(false);
    }
    int indexOf(Day day) const {
        const auto& bars = view.bars();
        return static_cast<int>(std::lower_bound(bars.begin(), bars.end(), day,
                                                 [](const Bar& b, Day d) { return b.day < d; }) -
                                bars.begin());
    }
    /// The pixel of the session `day` at `price`.
    QPoint at(const char* day, double price) const {
        return QPoint(qRound(view.timeAxis()->coordToPixel(indexOf(iso(day)))),
                      qRound(view.priceAxis()->coordToPixel(price)));
    }
    /// The price the pixel row of `price` maps back to (what a click there stores).
    double rowPrice(double price) const {
        return view.priceAxis()->pixelToCoord(qRound(view.priceAxis()->coordToPixel(price)));
    }
    std::vector<Annotation> stored() const {
        return cache->annotationStore().ofSymbol("^GSPC").value();
    }

    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    std::unique_ptr<ChartDocument> doc;
    ChartView view;
    std::unique_ptr<AnnotationController> tools;
};

TEST_F(AnnotationTools, HorizontalLineByClickIsStoredAndUndoable) {
    tools->toolAction(AnnotationController::Tool::HorizontalLine)->trigger();
    EXPECT_EQ(tools->tool(), AnnotationController::Tool::HorizontalLine);
    EXPECT_FALSE(view.plot()->interactions().testFlag(QCP::iRangeDrag));  // no pan while drawing
    const QPoint p = at("2020-01-15", 3000);
    QTest::mousePress(view.plot(), Qt::LeftButton, {}, p);
    QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, p);
    ASSERT_EQ(stored().size(), 1U);
    const Annotation a = stored().front();
    EXPECT_EQ(a.kind, AnnotationKind::HorizontalLine);
    EXPECT_NEAR(a.points[0].price, 3000, 0.01 + std::fabs(rowPrice(3000) - 3000));
    EXPECT_EQ(tools->tool(), AnnotationController::Tool::None);
    EXPECT_TRUE(view.plot()->interactions().testFlag(QCP::iRangeDrag));
    EXPECT_EQ(tools->selectedId(), a.id);

    tools->undoStack().undo();
    EXPECT_TRUE(stored().empty());
    EXPECT_EQ(tools->layer().count(), 0);
    tools->undoStack().redo();
    ASSERT_EQ(stored().size(), 1U);
    EXPECT_EQ(stored().front().points, a.points);
    EXPECT_EQ(tools->layer().count(), 1);
}

TEST_F(AnnotationTools, TrendLineByDragStoresBothDatesAndPrices) {
    tools->setTool(AnnotationController::Tool::TrendLine);
    const QCPRange before = view.timeAxis()->range();
    const QPoint from = at("2019-10-03", 2885);
    const QPoint to = at("2020-02-19", 3386);
    QTest::mousePress(view.plot(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view.plot(), (from + to) / 2);
    QTest::mouseMove(view.plot(), to);
    QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, to);
    EXPECT_EQ(view.timeAxis()->range(), before);  // the drag drew, it did not pan
    ASSERT_EQ(stored().size(), 1U);
    const Annotation a = stored().front();
    EXPECT_EQ(a.kind, AnnotationKind::TrendLine);
    EXPECT_EQ(a.points[0].day, iso("2019-10-03"));
    EXPECT_EQ(a.points[1].day, iso("2020-02-19"));
    EXPECT_NEAR(a.points[0].price, 2885, 3);
    EXPECT_NEAR(a.points[1].price, 3386, 3);

    // A second one by two clicks, then undo both, redo both.
    tools->setTool(AnnotationController::Tool::TrendLine);
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, at("2019-12-02", 3100));
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, at("2020-01-02", 3250));
    ASSERT_EQ(stored().size(), 2U);
    EXPECT_EQ(stored().back().points[1].day, iso("2020-01-02"));
    tools->undoStack().undo();
    tools->undoStack().undo();
    EXPECT_TRUE(stored().empty());
    tools->undoStack().redo();
    tools->undoStack().redo();
    ASSERT_EQ(stored().size(), 2U);
    EXPECT_EQ(stored().front().points, a.points);
}

TEST_F(AnnotationTools, DraggingMovesAndUndoPutsItBack) {
    tools->setTool(AnnotationController::Tool::HorizontalLine);
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, at("2020-01-15", 3000));
    const Annotation placed = stored().front();
    tools->select(0);
    const QPoint grab(at("2019-11-15", 3000).x(),
                      qRound(view.priceAxis()->coordToPixel(placed.points[0].price)));
    QTest::mousePress(view.plot(), Qt::LeftButton, {}, grab);
    EXPECT_EQ(tools->selectedId(), placed.id);
    QTest::mouseMove(view.plot(), grab + QPoint(30, -40));
    QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, grab + QPoint(30, -40));
    const double movedTo = stored().front().points[0].price;
    EXPECT_NEAR(movedTo, view.priceAxis()->pixelToCoord(grab.y() - 40), 0.5);
    EXPECT_GT(movedTo, placed.points[0].price + 10);
    tools->undoStack().undo();
    EXPECT_EQ(stored().front().points, placed.points);

    tools->deleteAction()->trigger();
    EXPECT_TRUE(stored().empty());
    tools->undoStack().undo();
    EXPECT_EQ(stored().size(), 1U);
}

// A note on the newest bar would run off the pane's right edge: it turns to the left of its
// point, read whole, and a click on it there selects it.
TEST_F(AnnotationTools, ANoteAtTheRightEdgeTurnsLeftOfItsPoint) {
    const Bar& last = view.bars().back();
    const std::int64_t id = doc->addDrawing(
        makeNote({last.day, last.close}, "Retest of the Jan-2018 record, watch it"));
    ASSERT_GT(id, 0);
    view.plot()->replot();
    const QPoint point = at("2020-04-17", last.close);
    const QRect pane = view.priceRect()->rect();
    ASSERT_GT(point.x() + 200, pane.right());  // the note is far wider than the room left
    EXPECT_EQ(tools->layer().hitTest(QPointF(point) + QPointF(-150, -8)), id);
    EXPECT_NE(tools->layer().hitTest(QPointF(point) + QPointF(20, -8)), id);
}

TEST_F(AnnotationTools, MagnetSnapsToTheBarsHigh) {
    tools->setMagnet(true);
    const Bar& bar = view.bars()[static_cast<std::size_t>(indexOf(iso("2020-02-19")))];
    tools->setTool(AnnotationController::Tool::HorizontalLine);
    QTest::mouseClick(view.plot(), Qt::LeftButton, {},
                      at("2020-02-19", bar.high) - QPoint(0, 5));  // 5 px above the high
    ASSERT_EQ(stored().size(), 1U);
    EXPECT_DOUBLE_EQ(stored().front().points[0].price, bar.high);
}

TEST_F(AnnotationTools, EscapeCancelsAndAnchorsSurviveSwitchingToWeekly) {
    tools->setTool(AnnotationController::Tool::Rectangle);
    QTest::mousePress(view.plot(), Qt::LeftButton, {}, at("2019-12-02", 3100));
    tools->cancelAction()->trigger();
    EXPECT_EQ(tools->tool(), AnnotationController::Tool::None);
    QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, at("2019-12-20", 3200));
    EXPECT_TRUE(stored().empty());

    tools->setTool(AnnotationController::Tool::TrendLine);
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, at("2019-10-03", 2885));
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, at("2020-02-19", 3386));
    ASSERT_EQ(stored().size(), 1U);
    const Annotation a = stored().front();

    doc->setTimeframe(Timeframe::Weekly);
    view.setBars(doc->bars(), Timeframe::Weekly);
    view.plot()->replot();
    EXPECT_EQ(stored().front().points, a.points);  // the stored anchors are untouched
    // 2019-10-03 (a Thursday) is drawn on the week ending Friday 2019-10-04.
    const auto& weeks = view.bars();
    const auto weekOf = [&](Day d) {
        return static_cast<double>(std::find_if(weeks.begin(), weeks.end(),
                                                [&](const Bar& b) {
                                                    return periodStart(b.day, Timeframe::Weekly) ==
                                                           periodStart(d, Timeframe::Weekly);
                                                }) -
                                   weeks.begin());
    };
    EXPECT_EQ(weeks[static_cast<std::size_t>(weekOf(iso("2019-10-03")))].day, iso("2019-10-04"));
    EXPECT_EQ(tools->layer().xForDay(a.points[0].day), weekOf(a.points[0].day));
    EXPECT_EQ(tools->layer().xForDay(a.points[1].day), weekOf(a.points[1].day));
    // A Saturday maps to the week it closes, a holiday Monday to the next session (daily).
    EXPECT_EQ(tools->layer().xForDay(iso("2019-10-05")), weekOf(iso("2019-10-04")));
    doc->setTimeframe(Timeframe::Daily);
    view.setBars(doc->bars(), Timeframe::Daily);
    EXPECT_EQ(tools->layer().xForDay(iso("2020-01-20")), indexOf(iso("2020-01-21")));
}

// A zone drawing spans the chart's width: a drag that starts inside it, away from its edges,
// moves it up or down (the days stay), and undo puts it back.
TEST_F(AnnotationTools, DraggingInsideAZoneMovesIt) {
    const std::int64_t id = doc->addDrawing(makeZone(2900, 3000, "Breakout area"));
    ASSERT_GT(id, 0);
    view.plot()->replot();
    const Annotation placed = stored().front();
    const QPoint grab = at("2019-12-02", 2950);
    QTest::mousePress(view.plot(), Qt::LeftButton, {}, grab);
    EXPECT_EQ(tools->selectedId(), id);
    QTest::mouseMove(view.plot(), grab + QPoint(60, -40));
    QTest::mouseRelease(view.plot(), Qt::LeftButton, {}, grab + QPoint(60, -40));
    const Annotation after = stored().front();
    // 40 pixels up, within a pixel's worth of price (the grab is rounded to whole pixels)
    const double up = view.priceAxis()->pixelToCoord(grab.y() - 40) - 2950;
    const double pixel = view.priceAxis()->pixelToCoord(grab.y() - 1) - 2950;
    EXPECT_GT(up, 50);
    EXPECT_NEAR(after.points[0].price, 2900 + up, pixel);
    EXPECT_NEAR(after.points[1].price, 3000 + up, pixel);
    EXPECT_EQ(after.points[0].day, placed.points[0].day);
    tools->undoStack().undo();
    EXPECT_EQ(stored().front().points, placed.points);
}

}  // namespace
}  // namespace retest::ui
