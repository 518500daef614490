// The rotation dock headless: rows, sorting, heat colours, Enter opens, as-of replay, plot.
#include <gtest/gtest.h>
#include <QBrush>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <cmath>

#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"
#include "ui/chart/qcp.h"
#include "ui/rotation/rotation_board_model.h"
#include "ui/rotation/rotation_dock.h"
#include "ui/rotation/rotation_plot.h"

namespace retest {
namespace {

using ui::RotationBoardModel;

/// Weekdays from 2024-01-02 to 2025-10-31 with close = f(index).
template <typename F>
std::vector<Bar> series(F close) {
    std::vector<Bar> bars;
    for (Day d = *parseIsoDate("2024-01-02"); d <= *parseIsoDate("2025-10-31"); ++d) {
        if (weekdayOf(d) < 5) {
            const double c = close(static_cast<double>(bars.size()));
            bars.push_back(Bar{d, c, c + 0.5, c - 0.5, c, c, 1000});
        }
    }
    return bars;
}

double up(double i) {
    return 50 * std::exp((i / 400) * (i / 400));
}

class RotationUiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(cache->upsertBars("SPY", series([](double) { return 100.0; })).ok());
        // UP outperforms faster and faster, DOWN underperforms faster and faster: their
        // relative strength keeps rising above (falling below) its mean: leading and lagging.
        ASSERT_TRUE(cache->upsertBars("UP", series([](double i) { return up(i); })).ok());
        ASSERT_TRUE(cache->upsertBars("DOWN", series([](double i) { return 300 / up(i); })).ok());
    }
    int rowOf(const ui::RotationDock& dock, const QString& symbol) {
        for (int r = 0; r < dock.proxy()->rowCount(); ++r) {
            if (dock.proxy()->index(r, RotationBoardModel::SymbolColumn).data().toString() ==
                symbol) {
                return r;
            }
        }
        return -1;
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(RotationUiTest, TheBoardShowsSortsAndColoursTheList) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"), {QStringLiteral("DOWN"), QStringLiteral("UP"),
                                             QStringLiteral("SPY"), QStringLiteral("NODATA")});
    dock.recompute();
    ASSERT_EQ(dock.proxy()->rowCount(), 4);
    EXPECT_EQ(dock.statusText(), QStringLiteral("3 of 4 symbols with data"));
    // Sorted by RS, strongest first: UP leads.
    EXPECT_EQ(dock.proxy()->index(0, 0).data().toString(), QStringLiteral("UP"));
    const int up = rowOf(dock, QStringLiteral("UP"));
    const int down = rowOf(dock, QStringLiteral("DOWN"));
    EXPECT_EQ(dock.proxy()->index(up, RotationBoardModel::QuadrantColumn).data().toString(),
              QStringLiteral("leading"));
    EXPECT_EQ(dock.proxy()->index(down, RotationBoardModel::QuadrantColumn).data().toString(),
              QStringLiteral("lagging"));
    EXPECT_EQ(dock.proxy()
                  ->index(rowOf(dock, QStringLiteral("SPY")), RotationBoardModel::QuadrantColumn)
                  .data()
                  .toString(),
              QStringLiteral("benchmark"));
    // Heat: a rising 1M return is green, a falling one red.
    const int oneMonth = RotationBoardModel::FirstReturnColumn + 1;
    const QColor green =
        dock.proxy()->index(up, oneMonth).data(Qt::BackgroundRole).value<QBrush>().color();
    const QColor red =
        dock.proxy()->index(down, oneMonth).data(Qt::BackgroundRole).value<QBrush>().color();
    EXPECT_GT(green.green(), green.red());
    EXPECT_GT(red.red(), red.green());
    // Sorting by 1W ascending puts the faller first.
    dock.table()->sortByColumn(RotationBoardModel::FirstReturnColumn, Qt::AscendingOrder);
    EXPECT_EQ(dock.proxy()->index(0, 0).data().toString(), QStringLiteral("NODATA"));
    EXPECT_EQ(dock.proxy()->index(1, 0).data().toString(), QStringLiteral("DOWN"));
}

// UP keeps making records: no level is above it, and its resistance is the all-time high (the
// last bar's high), as scan and the chart's all-time-high line give it, not "—".
TEST_F(RotationUiTest, AboveEveryLevelTheResistanceIsTheAllTimeHigh) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"), {QStringLiteral("UP"), QStringLiteral("SPY")});
    dock.recompute();
    const std::vector<Bar> bars = series([](double i) { return up(i); });
    const QString resistance =
        dock.proxy()
            ->index(rowOf(dock, QStringLiteral("UP")), RotationBoardModel::ResistanceColumn)
            .data()
            .toString();
    EXPECT_EQ(resistance,
              QStringLiteral("%1 (%2, ATH)")
                  .arg(localePrice(bars.back().high),
                       signedPercent((bars.back().high / bars.back().close - 1) * 100, 1)))
        << resistance.toStdString();
}

// A ratio in the list is a row like any symbol, its prices with the decimals it needs.
TEST_F(RotationUiTest, ARatioRowReadsWithFourDecimals) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"), {QStringLiteral("UP:SPY")});
    dock.resize(900, 600);
    dock.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dock));
    const int row = rowOf(dock, QStringLiteral("UP:SPY"));
    ASSERT_GE(row, 0);
    const double last = series([](double i) { return up(i); }).back().close / 100;
    EXPECT_EQ(dock.proxy()->index(row, RotationBoardModel::LastColumn).data().toString(),
              QLocale().toString(last, 'f', 4));
}

// The View menu's item for the board names the list as written: "&" is no shortcut marker.
TEST_F(RotationUiTest, TheMenuItemNamesAListWithAnAmpersandAsWritten) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Small caps & sectors"), {QStringLiteral("UP")});
    EXPECT_EQ(dock.windowTitle(), QStringLiteral("Rotation — Small caps & sectors"));
    EXPECT_EQ(dock.toggleViewAction()->text(), QStringLiteral("Rotation — Small caps && sectors"));
    EXPECT_EQ(dock.toggleViewAction()->iconText(),
              QStringLiteral("Rotation — Small caps & sectors"));
}

TEST_F(RotationUiTest, EnterAndDoubleClickOpenTheChartOfTheRow) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"), {QStringLiteral("DOWN"), QStringLiteral("UP")});
    dock.resize(900, 600);
    dock.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dock));
    QSignalSpy opened(&dock, &ui::RotationDock::symbolActivated);
    dock.table()->setFocus();
    dock.table()->setCurrentIndex(dock.proxy()->index(0, 0));
    QTest::keyClick(dock.table(), Qt::Key_Down);
    QTest::keyClick(dock.table(), Qt::Key_Return);
    ASSERT_EQ(opened.size(), 1);
    EXPECT_EQ(opened[0][0].toString(), QStringLiteral("DOWN"));
    const QRect cell = dock.table()->visualRect(dock.proxy()->index(0, 0));
    QTest::mouseClick(dock.table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(dock.table()->viewport(), Qt::LeftButton, {}, cell.center());
    ASSERT_EQ(opened.size(), 2);
    EXPECT_EQ(opened[1][0].toString(), QStringLiteral("UP"));
}

TEST_F(RotationUiTest, TheDateControlReplaysTheBoardAsOfAnEarlierDay) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"), {QStringLiteral("UP")});
    dock.recompute();
    EXPECT_EQ(dock.model()->board().entries[0].row.asOf, *parseIsoDate("2025-10-31"));
    dock.setAsOf(*parseIsoDate("2025-09-30"));
    EXPECT_EQ(dock.model()->board().entries[0].row.asOf, *parseIsoDate("2025-09-30"));
    EXPECT_NEAR(dock.model()->board().entries[0].row.last, up(455), 1e-9);
    dock.setAsOf(std::nullopt);
    EXPECT_EQ(dock.model()->board().entries[0].row.asOf, *parseIsoDate("2025-10-31"));
}

// A symbol whose data ends months before the others (never refreshed, or the bundled sample)
// says so on its row, greyed and uncoloured, and stays off the plot: its returns and relative
// strength are of another time.
TEST_F(RotationUiTest, ARowWhoseDataEndsEarlierSaysSoAndIsNotPlotted) {
    std::vector<Bar> old = series([](double i) { return up(i); });
    while (old.back().day > *parseIsoDate("2025-06-30")) {
        old.pop_back();
    }
    ASSERT_TRUE(cache->upsertBars("OLD", old).ok());
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"),
                    {QStringLiteral("UP"), QStringLiteral("OLD"), QStringLiteral("SPY")});
    dock.recompute();
    EXPECT_EQ(dock.statusText(),
              QStringLiteral("3 of 3 symbols with data; data ending earlier (greyed, not "
                             "plotted): OLD to 2025-06-30"));
    const int row = rowOf(dock, QStringLiteral("OLD · to 2025-06-30"));
    ASSERT_GE(row, 0);
    const int oneMonth = RotationBoardModel::FirstReturnColumn + 1;
    EXPECT_FALSE(dock.proxy()->index(row, oneMonth).data(Qt::BackgroundRole).isValid());
    EXPECT_TRUE(dock.proxy()->index(row, oneMonth).data(Qt::ForegroundRole).isValid());
    const int current = rowOf(dock, QStringLiteral("UP"));
    ASSERT_GE(current, 0);
    EXPECT_TRUE(dock.proxy()->index(current, oneMonth).data(Qt::BackgroundRole).isValid());
    EXPECT_FALSE(dock.proxy()->index(current, oneMonth).data(Qt::ForegroundRole).isValid());
    EXPECT_EQ(dock.rotationPlot()->symbols(), QStringList{QStringLiteral("UP")});
    // Replayed to a day both have, the two rows are alike again.
    dock.setAsOf(*parseIsoDate("2025-06-30"));
    EXPECT_GE(rowOf(dock, QStringLiteral("OLD")), 0);
    EXPECT_EQ(dock.statusText(), QStringLiteral("3 of 3 symbols with data"));
}

TEST_F(RotationUiTest, ThePlotLabelsEachSymbolAndHoverNamesThePoint) {
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"),
                    {QStringLiteral("DOWN"), QStringLiteral("UP"), QStringLiteral("SPY")});
    dock.resize(900, 700);
    dock.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dock));
    ui::RotationPlot* plot = dock.rotationPlot();
    // The benchmark has no point of its own.
    EXPECT_EQ(plot->symbols(), (QStringList{QStringLiteral("DOWN"), QStringLiteral("UP")}));
    const QPointF up = plot->pointPixel(QStringLiteral("UP"));
    const QString hover = plot->hoverTextAt(up.toPoint());
    EXPECT_TRUE(hover.startsWith(QStringLiteral("UP, week of 2025-10-31"))) << hover.toStdString();
    EXPECT_TRUE(hover.contains(QStringLiteral("(leading)"))) << hover.toStdString();
    // UP is right of and above the centre, DOWN left of and below it.
    const QPointF down = plot->pointPixel(QStringLiteral("DOWN"));
    EXPECT_GT(up.x(), down.x());
    EXPECT_LT(up.y(), down.y());
    EXPECT_TRUE(plot->hoverTextAt(QPoint(2, 2)).isEmpty());
}

// Symbols that move with the benchmark crowd around (100, 100): every label still reads, clear
// of the others and of the points.
TEST_F(RotationUiTest, CrowdedPointsKeepTheirLabelsApart) {
    QStringList symbols;
    for (int k = 0; k < 6; ++k) {
        const QString symbol = QStringLiteral("NEAR%1").arg(k);
        // SPY's flat 100 with a wiggle of a few hundredths of a percent each.
        const auto bars = series([k](double i) { return 100.0 + 0.02 * k * std::sin(i / 9); });
        ASSERT_TRUE(cache->upsertBars(symbol.toStdString(), bars).ok());
        symbols << symbol;
    }
    ui::RotationDock dock(*cache);
    dock.setSymbols(QStringLiteral("Test"), symbols);
    dock.resize(900, 700);
    dock.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dock));
    ui::RotationPlot* plot = dock.rotationPlot();
    plot->plot()->replot(QCustomPlot::rpImmediateRefresh);
    ASSERT_EQ(plot->symbols().size(), symbols.size());
    const std::vector<QRectF> labels = plot->labelRects();
    ASSERT_EQ(labels.size(), static_cast<std::size_t>(symbols.size()));
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            EXPECT_FALSE(labels[i].intersects(labels[j]))
                << symbols[static_cast<int>(i)].toStdString() << " and "
                << symbols[static_cast<int>(j)].toStdString();
        }
        for (const QString& other : symbols) {
            const QPointF p = plot->pointPixel(other);
            EXPECT_FALSE(labels[i].contains(p))
                << symbols[static_cast<int>(i)].toStdString() << " covers " << other.toStdString();
        }
    }
    // A label nearer another symbol's point than its own is tied to its own by a line.
    const std::vector<std::optional<QLineF>> leaders = plot->leaderLines();
    ASSERT_EQ(leaders.size(), labels.size());
    const auto gap = [](const QRectF& box, QPointF p) {
        const double dx = std::max({box.left() - p.x(), 0.0, p.x() - box.right()});
        const double dy = std::max({box.top() - p.y(), 0.0, p.y() - box.bottom()});
        return std::hypot(dx, dy);
    };
    int tied = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const QPointF own = plot->pointPixel(symbols[static_cast<int>(i)]);
        bool misleading = false;
        for (const QString& other : symbols) {
            misleading =
                misleading || gap(labels[i], plot->pointPixel(other)) < gap(labels[i], own) - 0.5;
        }
        if (misleading) {
            ASSERT_TRUE(leaders[i].has_value()) << symbols[static_cast<int>(i)].toStdString();
        }
        if (leaders[i]) {
            ++tied;
            EXPECT_LT(QLineF(leaders[i]->p1(), own).length(), 8.0);  // from its own point
            EXPECT_LT(gap(labels[i], leaders[i]->p2()), 1.0);        // to its own label
        }
    }
    EXPECT_GT(tied, 0);  // six crowded points: some labels had to move out
}

}  // namespace
}  // namespace retest
