// The whole window, headless, driven as a user drives it: click and arrow keys in the
// watchlist switch the chart from the cache; layout and last symbol survive a restart.
#include <gtest/gtest.h>
#include <QAbstractItemView>
#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "core/import/csv_importer.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_view.h"
#include "ui/chart_document.h"
#include "ui/main_window.h"
#include "ui/watchlist/watchlist_dock.h"
#include "ui/watchlist/watchlist_model.h"

namespace retest::test {
namespace {

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(importCsvFile(*cache, sampleCsv(), "^GSPC"));
        // The same real rows under a second name, so there are two cached symbols to switch.
        ASSERT_TRUE(importCsvFile(*cache, dataFile("cli/gspc-2019-12-yahoo.csv"), "GSPC19"));
    }

    /// Window settings in a scratch file; background refresh is off so no test goes online.
    std::unique_ptr<QSettings> settings() const {
        auto s = std::make_unique<QSettings>(
            QString::fromStdString(tmp.file("retest.ini").string()), QSettings::IniFormat);
        s->setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
        return s;
    }

    static QPoint rowCenter(QTableView* view, int row) {
        return view->visualRect(view->model()->index(row, 0)).center();
    }

    TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(MainWindowTest, OpensOnTheSampleAsCandles) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_EQ(w.chartView()->bars().size(), 5105U);
    EXPECT_FALSE(w.chartView()->isEmptyStateShown());
    EXPECT_TRUE(w.chartView()->title().startsWith(QStringLiteral("^GSPC · S&P 500")) ||
                w.chartView()->title().startsWith(QStringLiteral("^GSPC · Daily")))
        << w.chartView()->title().toStdString();
    EXPECT_EQ(w.watchlistDock()->currentSymbol(), QStringLiteral("^GSPC"));
}

TEST_F(MainWindowTest, ClickAndArrowKeysSwitchSymbols) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QTableView* view = w.watchlistDock()->view();
    auto* model = qobject_cast<ui::WatchlistModel*>(view->model());
    ASSERT_NE(model, nullptr);
    // The default list comes first, then every other cached symbol.
    EXPECT_EQ(model->symbolAt(0), QStringLiteral("IWM"));
    const int gspc19 = model->rowOf(QStringLiteral("GSPC19"));
    ASSERT_GE(gspc19, 10);

    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rowCenter(view, gspc19));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("GSPC19"));
    EXPECT_EQ(w.chartView()->bars().size(), 27U);

    // Up from GSPC19 is ^GSPC (last of the default list), then ^TNX, which has no data.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Up);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_EQ(w.chartView()->bars().size(), 5105U);
    QTest::keyClick(view, Qt::Key_Up);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^TNX"));
    EXPECT_TRUE(w.chartView()->isEmptyStateShown());
    EXPECT_TRUE(
        w.chartView()->emptyStateMessage().contains(QStringLiteral("No cached data for ^TNX")));
    QTest::keyClick(view, Qt::Key_Down);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("^GSPC"));
    EXPECT_FALSE(w.chartView()->isEmptyStateShown());
}

TEST_F(MainWindowTest, LastSymbolAndViewChoicesPersist) {
    {
        auto s = settings();
        ui::MainWindow w(*cache, *s);
        w.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
        w.showSymbol(QStringLiteral("GSPC19"));
        w.document()->setTimeframe(Timeframe::Weekly);
        w.close();
    }
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("GSPC19"));
    EXPECT_EQ(w.document()->timeframe(), Timeframe::Weekly);
    EXPECT_EQ(w.watchlistDock()->currentSymbol(), QStringLiteral("GSPC19"));
}

TEST_F(MainWindowTest, ImportReportsAndRefusesBadFilesWithoutTouchingTheCache) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    const auto before = cache->listSymbols().value().size();
    const QString bad = QString::fromStdString(dataFile("cli/bad-low-above-close.csv").string());
    const QString report =
        w.importFiles({bad}, [](const QString&) { return QStringLiteral("BAD"); });
    EXPECT_TRUE(report.contains(QStringLiteral("bad-low-above-close.csv:5:")))
        << report.toStdString();
    EXPECT_EQ(cache->listSymbols().value().size(), before);

    const QString good = QString::fromStdString(dataFile("cli/gspc-2019-12-yahoo.csv").string());
    const QString ok = w.importFiles({good}, [](const QString&) { return QStringLiteral("new1"); });
    EXPECT_TRUE(ok.contains(QStringLiteral("NEW1: 27 bars"))) << ok.toStdString();
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("NEW1"));
    EXPECT_GE(qobject_cast<ui::WatchlistModel*>(w.watchlistDock()->view()->model())
                  ->rowOf(QStringLiteral("NEW1")),
              0);
}

TEST_F(MainWindowTest, CtrlShiftCCopiesTheChartImageToTheClipboard) {
    auto s = settings();
    ui::MainWindow w(*cache, *s);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    QGuiApplication::clipboard()->clear();
    QTest::keyClick(&w, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QImage image = QGuiApplication::clipboard()->image();
    ASSERT_FALSE(image.isNull());
    EXPECT_GE(image.width(), 600);
    EXPECT_GE(image.height(), 300);
}

}  // namespace
}  // namespace retest::test
