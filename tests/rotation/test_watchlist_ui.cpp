// The editable watchlist dock: lists, add/remove/reorder (drag), Delete key, import errors.
#include <gtest/gtest.h>
#include <QComboBox>
#include <QFile>
#include <QLocale>
#include <QMimeData>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include "core/model/date.h"
#include "tests/support/qt_printers.h"
#include "tests/support/test_paths.h"
#include "ui/watchlist/watchlist_dock.h"
#include "ui/watchlist/watchlist_model.h"

namespace retest {
namespace {

class WatchlistUiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
    }
    QStringList firstRows(const ui::WatchlistModel& m, int n) {
        QStringList out;
        for (int r = 0; r < n; ++r) {
            out << m.symbolAt(r);
        }
        return out;
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(WatchlistUiTest, TheDefaultListFirstThenOtherCachedSymbolsNotMembers) {
    ASSERT_TRUE(
        cache->upsertBars("ZZZ", std::vector<Bar>{Bar{20000, 1, 2, 0.5, 1.5, 1.5, 10}}).ok());
    ui::WatchlistModel model(*cache);
    EXPECT_EQ(model.currentList(), QStringLiteral("Small caps & sectors"));
    EXPECT_EQ(model.listSymbols().size(), 10);
    const int zzz = model.rowOf(QStringLiteral("ZZZ"));
    EXPECT_EQ(zzz, 10);
    EXPECT_FALSE(model.isMember(zzz));
    EXPECT_TRUE(model.isMember(0));
}

// A ratio member and ^TNX without bars of its own show the last close their chart shows (the
// sides' ratio, DGS10 standing in), with the decimals a ratio needs.
TEST_F(WatchlistUiTest, ARatioAndTheTnxStandInShowTheirLastClose) {
    ASSERT_TRUE(cache->upsertBars("SPY", test::sampleBars()).ok());
    ASSERT_TRUE(cache->upsertBars("HALF", test::scaledSampleBars(0.5)).ok());
    ASSERT_TRUE(cache->upsertBars("DGS10", test::scaledSampleBars(0.001)).ok());
    ui::WatchlistModel model(*cache);
    ASSERT_EQ(model.createList(QStringLiteral("Context")), QString());
    ASSERT_EQ(model.addSymbol(QStringLiteral("HALF:SPY")), QString());
    ASSERT_EQ(model.addSymbol(QStringLiteral("^TNX")), QString());
    const auto last = [&](const QString& symbol) {
        return model
            .data(model.index(model.rowOf(symbol), ui::WatchlistModel::LastColumn), Qt::DisplayRole)
            .toString();
    };
    EXPECT_EQ(last(QStringLiteral("HALF:SPY")), QStringLiteral("0.5000"));
    const double tnx = test::sampleBars().back().close * 0.001;
    EXPECT_EQ(last(QStringLiteral("^TNX")), QLocale().toString(tnx, 'f', 4));
    const QModelIndex tnxSymbol = model.index(model.rowOf(QStringLiteral("^TNX")), 0);
    EXPECT_TRUE(model.data(tnxSymbol, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("(DGS10 standing in)")));
    EXPECT_EQ(last(QStringLiteral("SPY")),
              QLocale().toString(test::sampleBars().back().close, 'f', 2));
    const QModelIndex ratioChange =
        model.index(model.rowOf(QStringLiteral("HALF:SPY")), ui::WatchlistModel::ChangeColumn);
    const QString change = model.data(ratioChange, Qt::DisplayRole).toString();
    EXPECT_EQ(change, QStringLiteral("0.00%"));  // the sides moved alike: neither up nor down
    EXPECT_FALSE(model.data(ratioChange, Qt::ForegroundRole).isValid());
}

TEST_F(WatchlistUiTest, ListsCanBeCreatedChosenRenamedAndEditedAndPersist) {
    {
        ui::WatchlistModel model(*cache);
        QSignalSpy changed(&model, &ui::WatchlistModel::listsChanged);
        EXPECT_EQ(model.createList(QStringLiteral("Banks")), QString());
        EXPECT_EQ(model.currentList(), QStringLiteral("Banks"));
        EXPECT_EQ(model.addSymbol(QStringLiteral("kre")), QString());
        EXPECT_EQ(model.addSymbol(QStringLiteral("KBE")), QString());
        EXPECT_EQ(model.addSymbol(QStringLiteral("kre")),
                  QStringLiteral("KRE is already on \"Banks\""));
        EXPECT_EQ(model.moveSymbol(QStringLiteral("KBE"), 0), QString());
        EXPECT_EQ(model.renameList(QStringLiteral("Regional banks")), QString());
        EXPECT_GE(changed.size(), 5);
    }
    ui::WatchlistModel model(*cache);
    EXPECT_EQ(model.listNames(), (QStringList{QStringLiteral("Small caps & sectors"),
                                              QStringLiteral("Regional banks")}));
    ASSERT_TRUE(model.setCurrentList(QStringLiteral("Regional banks")));
    EXPECT_EQ(model.listSymbols(), (QStringList{QStringLiteral("KBE"), QStringLiteral("KRE")}));
    EXPECT_FALSE(model.setCurrentList(QStringLiteral("Nope")));
    EXPECT_EQ(model.deleteList(), QString());
    EXPECT_EQ(model.currentList(), QStringLiteral("Small caps & sectors"));
}

TEST_F(WatchlistUiTest, DraggingARowReordersTheList) {
    ui::WatchlistModel model(*cache);
    QMimeData* drag = model.mimeData({model.index(0, 0)});  // IWM
    ASSERT_NE(drag, nullptr);
    // Dropped before row 3 (XBI): IWM lands after KRE.
    EXPECT_TRUE(model.dropMimeData(drag, Qt::MoveAction, 3, 0, {}));
    delete drag;
    EXPECT_EQ(firstRows(model, 4), (QStringList{QStringLiteral("VTWO"), QStringLiteral("KRE"),
                                                QStringLiteral("IWM"), QStringLiteral("XBI")}));
    // Cached symbols that are not members cannot be dragged.
    ASSERT_TRUE(
        cache->upsertBars("ZZZ", std::vector<Bar>{Bar{20000, 1, 2, 0.5, 1.5, 1.5, 10}}).ok());
    model.refresh();
    EXPECT_EQ(model.mimeData({model.index(model.rowOf(QStringLiteral("ZZZ")), 0)}), nullptr);
}

TEST_F(WatchlistUiTest, TheDeleteKeyRemovesTheCurrentSymbolAndTheChooserFollowsLists) {
    ui::WatchlistModel model(*cache);
    ui::WatchlistDock dock(model);
    dock.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dock));
    ASSERT_TRUE(dock.selectSymbol(QStringLiteral("KRE")));
    dock.view()->setFocus();
    QTest::keyClick(dock.view(), Qt::Key_Delete);
    EXPECT_EQ(model.rowOf(QStringLiteral("KRE")), -1);
    EXPECT_EQ(model.listSymbols().size(), 9);
    EXPECT_EQ(model.createList(QStringLiteral("Second")), QString());
    EXPECT_EQ(dock.listChooser()->count(), 2);
    EXPECT_EQ(dock.listChooser()->currentText(), QStringLiteral("Second"));
    EXPECT_EQ(dock.windowTitle(), QStringLiteral("Second"));
}

TEST_F(WatchlistUiTest, ImportingAFileWithJunkAddsNothingAndExportWritesOneALine) {
    ui::WatchlistModel model(*cache);
    const QString bad = QString::fromStdString(tmp.file("bad.txt").string());
    {
        QFile f(bad);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("XLK\nX L F\n");
    }
    EXPECT_EQ(model.importList(bad),
              bad + QStringLiteral(
                        ":2: \"X L F\" has a space in it (one symbol a line)\nNothing was added."));
    EXPECT_EQ(model.listSymbols().size(), 10);
    const QString out = QString::fromStdString(tmp.file("out.txt").string());
    EXPECT_EQ(model.exportList(out), QString());
    QFile f(out);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), QByteArray("IWM\nVTWO\nKRE\nXBI\nXLI\nSPY\nQQQ\n^RUT\n^TNX\n^GSPC\n"));
}

}  // namespace
}  // namespace retest
