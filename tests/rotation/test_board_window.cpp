// The whole window with the new docks: Ins adds the chart's symbol to the list and the board
// follows; an import that brings the bar fires the alert once, in the dock and on the chart.
#include <gtest/gtest.h>
#include <QFile>
#include <QSettings>
#include <QTableWidget>
#include <QTest>

#include "core/cache/alert_store.h"
#include "core/model/date.h"
#include "tests/alerts/dated_bars.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"
#include "ui/alerts/alert_marks.h"
#include "ui/alerts/alerts_dock.h"
#include "ui/main_window.h"
#include "ui/rotation/rotation_board_model.h"
#include "ui/rotation/rotation_dock.h"
#include "ui/watchlist/watchlist_dock.h"
#include "ui/watchlist/watchlist_model.h"

namespace retest {
namespace {

using test::datedBar;

class BoardWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
        ASSERT_TRUE(cache
                        ->upsertBars("ZZZ", std::vector<Bar>{datedBar("2025-11-10", 245),
                                                             datedBar("2025-11-11", 244),
                                                             datedBar("2025-11-12", 243)})
                        .ok());
        settings = std::make_unique<QSettings>(
            QString::fromStdString(tmp.file("retest.ini").string()), QSettings::IniFormat);
        settings->setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    std::unique_ptr<QSettings> settings;
};

TEST_F(BoardWindowTest, InsAddsTheChartsSymbolToTheListAndTheBoardFollows) {
    ui::MainWindow w(*cache, *settings);
    w.resize(1400, 900);
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    w.rotationDock()->show();  // hidden at a first start; the board fills while shown
    w.showSymbol(QStringLiteral("ZZZ"));
    auto* model = qobject_cast<ui::WatchlistModel*>(w.watchlistDock()->view()->model());
    ASSERT_NE(model, nullptr);
    EXPECT_FALSE(model->listSymbols().contains(QStringLiteral("ZZZ")));
    QTest::keyClick(&w, Qt::Key_Insert);
    EXPECT_EQ(model->listSymbols().back(), QStringLiteral("ZZZ"));
    const auto& entries = w.rotationDock()->model()->board().entries;
    ASSERT_EQ(entries.size(), 11u);
    EXPECT_EQ(entries.back().symbol, "ZZZ");
}

TEST_F(BoardWindowTest, AnImportThatBringsTheBarFiresTheAlertOnceAndMarksTheChart) {
    Alert a;
    a.symbol = "ZZZ";
    a.kind = AlertKind::ClosesBelow;
    a.low = a.high = 240;
    ASSERT_TRUE(AlertStore(*cache).add(a, *parseIsoDate("2025-11-12")).ok());
    ui::MainWindow w(*cache, *settings);
    w.showSymbol(QStringLiteral("ZZZ"));
    EXPECT_EQ(w.alertMarks()->armedLines(), 1);
    const QString csv = QString::fromStdString(tmp.file("zzz.csv").string());
    {
        QFile f(csv);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(
            "Date,Open,High,Low,Close,Volume\n2025-11-13,243,243.5,236,236.79,100\n"
            "2025-11-14,237,238,233,235,100\n");
    }
    w.importFiles({csv}, [](const QString&) { return QStringLiteral("ZZZ"); });
    QTableWidget* table = w.alertsDock()->table();
    ASSERT_EQ(table->rowCount(), 1);
    EXPECT_EQ(table->item(0, ui::AlertsDock::StateColumn)->text(), QStringLiteral("fired"));
    EXPECT_TRUE(
        table->item(0, ui::AlertsDock::BarColumn)->text().startsWith(QStringLiteral("2025-11-13")));
    EXPECT_EQ(w.alertMarks()->firedMarks(), 1);
    EXPECT_EQ(w.alertMarks()->armedLines(), 0);
    // A second import of the same file fires nothing new.
    w.importFiles({csv}, [](const QString&) { return QStringLiteral("ZZZ"); });
    EXPECT_TRUE(w.alertsDock()->checkNow().empty());
    EXPECT_EQ(w.alertMarks()->firedMarks(), 1);
}

}  // namespace
}  // namespace retest
