// Desktop integration of the window, headless: File ▸ Open Recent, importing a file named on
// the command line (with the symbol its name suggests), the single-instance hand-off of a
// second launch, and the About box.
#include <gtest/gtest.h>
#include <unistd.h>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include "core/import/csv_importer.h"
#include "tests/support/qt_printers.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_paths.h"
#include "ui/app/about_dialog.h"
#include "ui/app/recent_files.h"
#include "ui/app/single_instance.h"
#include "ui/app/symbol_suggestion.h"
#include "ui/chart_document.h"
#include "ui/main_window.h"

namespace retest::test {
namespace {

/// Answers the window's modal dialogs as a user would: the symbol prompt (recording the
/// suggestion it showed, answering `symbol`) and the import report (recording its text).
class DialogAnswerer {
public:
    explicit DialogAnswerer(QString symbol) : symbol_(std::move(symbol)) {
        QObject::connect(&timer_, &QTimer::timeout, [this] { answer(); });
        timer_.start(20);
    }
    QStringList suggestions;  ///< what each symbol prompt offered
    QStringList reports;      ///< the import report boxes: text + informative text

private:
    void answer() {
        QWidget* modal = QApplication::activeModalWidget();
        if (auto* input = qobject_cast<QInputDialog*>(modal)) {
            suggestions << input->textValue();
            input->setTextValue(symbol_);
            input->accept();
        } else if (auto* box = qobject_cast<QMessageBox*>(modal)) {
            reports << box->text() + QLatin1Char('\n') + box->informativeText();
            box->accept();
        }
    }
    QString symbol_;
    QTimer timer_;
};

class DesktopIntegrationTest : public ::testing::Test {
protected:
    // An empty cache: the window opens on its empty state, and every symbol a test finds in
    // the cache got there through the import under test.
    void SetUp() override {
        settings = std::make_unique<QSettings>(
            QString::fromStdString(tmp.file("retest.ini").string()), QSettings::IniFormat);
        settings->setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened) << opened.error().message;
        cache = std::move(opened.value());
    }

    /// A real Yahoo-layout file under `name` in the scratch folder.
    QString csvNamed(const char* name) const {
        const auto path = tmp.file(name);
        std::filesystem::copy_file(dataFile("cli/gspc-2019-12-yahoo.csv"), path);
        return QString::fromStdString(path.string());
    }

    bool cached(const char* symbol) const {
        std::vector<Bar> bars;
        return cache->readBars(symbol, std::numeric_limits<Day>::min(),
                               std::numeric_limits<Day>::max(), bars) &&
               !bars.empty();
    }

    TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    std::unique_ptr<QSettings> settings;
};

TEST(SymbolSuggestion, UnambiguousFileNamesSuggestTheirTicker) {
    EXPECT_EQ(ui::suggestSymbol(QStringLiteral("/home/u/Downloads/IWM.csv")),
              QStringLiteral("IWM"));
    EXPECT_EQ(ui::suggestSymbol(QStringLiteral("iwm.csv")), QStringLiteral("IWM"));
    EXPECT_EQ(ui::suggestSymbol(QStringLiteral("^GSPC.csv")), QStringLiteral("^GSPC"));
    EXPECT_EQ(ui::suggestSymbol(QStringLiteral("BRK-B.csv")), QStringLiteral("BRK-B"));
    EXPECT_EQ(ui::suggestSymbol(QStringLiteral("XBI (1).csv")), QStringLiteral("XBI"));
    EXPECT_EQ(ui::suggestSymbol(QStringLiteral("kre.us.txt")),
              QStringLiteral("KRE"));  // Stooq's naming
}

TEST(SymbolSuggestion, AmbiguousFileNamesSuggestNothing) {
    for (const char* name : {"data.csv", "export.csv", "prices.csv", "my prices 2020.csv",
                             "S&P 500 history.csv", "2020-01-01.csv", "ohlc_daily_v2.csv"}) {
        EXPECT_EQ(ui::suggestSymbol(QString::fromLatin1(name)), QString()) << name;
    }
}

TEST_F(DesktopIntegrationTest, FileFromTheCommandLineIsImportedUnderTheSuggestedSymbol) {
    ui::MainWindow w(*cache, *settings);
    w.show();
    const QString file = csvNamed("IWM.csv");
    DialogAnswerer user(QStringLiteral("IWM"));
    w.openFiles({file});
    ASSERT_EQ(user.suggestions, QStringList{QStringLiteral("IWM")});
    EXPECT_TRUE(cached("IWM"));
    EXPECT_EQ(w.document()->symbol(), QStringLiteral("IWM"));
    ASSERT_EQ(user.reports.size(), 1);
    EXPECT_TRUE(user.reports.front().contains(QStringLiteral("IWM")))
        << user.reports.front().toStdString();
}

TEST_F(DesktopIntegrationTest, AmbiguousFileNameLeavesTheSymbolToTheUser) {
    ui::MainWindow w(*cache, *settings);
    w.show();
    DialogAnswerer user(QStringLiteral("KRE"));
    w.openFiles({csvNamed("data.csv")});
    EXPECT_EQ(user.suggestions, QStringList{QString()});
    EXPECT_TRUE(cached("KRE"));
}

TEST_F(DesktopIntegrationTest, NonCsvFilesAreRefusedWithTheImportersReasonAndStoreNothing) {
    ui::MainWindow w(*cache, *settings);
    w.show();
    // A web page saved under a .csv name, and a PNG image: what "Open with Retest" may get.
    const QString html = QString::fromStdString(tmp.file("quotes.csv").string());
    const QString png = QString::fromStdString(tmp.file("chart.csv").string());
    {
        QFile f(html);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("<!DOCTYPE html>\n<html><body>Quotes</body></html>\n");
        QFile g(png);
        ASSERT_TRUE(g.open(QIODevice::WriteOnly));
        g.write("\x89PNG\r\n\x1a\n\0\0\0\rIHDR garbage", 24);
    }
    DialogAnswerer user(QStringLiteral("CHART"));
    w.openFiles({html, png});
    ASSERT_EQ(user.reports.size(), 1);
    const QString& report = user.reports.front();
    // The importer's own words: FILE:LINE: reason for the page, FILE: reason naming the line
    // of the first NUL byte for the image.
    EXPECT_TRUE(report.contains(html + QStringLiteral(":1: "))) << report.toStdString();
    EXPECT_TRUE(report.contains(png + QStringLiteral(": binary content (a NUL byte on line 3)")))
        << report.toStdString();
    EXPECT_FALSE(cached("CHART"));
    EXPECT_TRUE(w.recentFiles()->files().isEmpty()) << "a refused file is no recent import";
}

TEST_F(DesktopIntegrationTest, OpenRecentListsImportedFilesAcrossRestartsAndReimports) {
    const QString iwm = csvNamed("IWM.csv");
    const QString xbi = csvNamed("XBI.csv");
    {
        ui::MainWindow w(*cache, *settings);
        w.show();
        DialogAnswerer first(QStringLiteral("IWM"));
        w.openFiles({iwm});
    }
    {
        ui::MainWindow w(*cache, *settings);
        w.show();
        DialogAnswerer second(QStringLiteral("XBI"));
        w.openFiles({xbi});
    }
    // A new window on the same settings: newest first, persisted.
    ui::MainWindow w(*cache, *settings);
    w.show();
    EXPECT_EQ(w.recentFiles()->files(), (QStringList{xbi, iwm}));
    QMenu* menu = w.recentFiles()->menu();
    Q_EMIT menu->aboutToShow();
    QStringList paths;
    QAction* iwmEntry = nullptr;
    for (QAction* a : menu->actions()) {
        if (!a->data().toString().isEmpty()) {
            paths << a->data().toString();
            if (a->data().toString() == iwm) {
                iwmEntry = a;
            }
        }
    }
    EXPECT_EQ(paths, (QStringList{xbi, iwm}));
    ASSERT_NE(iwmEntry, nullptr);
    EXPECT_TRUE(iwmEntry->text().contains(QStringLiteral("IWM.csv")));

    // Choosing the entry imports the file again (asking for its symbol) and moves it first.
    ASSERT_TRUE(cache->removeSymbol("IWM"));
    DialogAnswerer user(QStringLiteral("IWM"));
    iwmEntry->trigger();
    RETEST_WAIT_FOR(cached("IWM"), 10000);
    EXPECT_EQ(user.suggestions, QStringList{QStringLiteral("IWM")});
    EXPECT_EQ(w.recentFiles()->files().front(), iwm);

    // A file deleted since is no longer offered.
    ASSERT_TRUE(QFile::remove(xbi));
    Q_EMIT menu->aboutToShow();
    for (QAction* a : menu->actions()) {
        EXPECT_NE(a->data().toString(), xbi);
    }
}

TEST_F(DesktopIntegrationTest, RecentFilesKeepsTheTenNewestWithoutDuplicates) {
    ui::RecentFiles recent(*settings);
    for (int i = 0; i < 12; ++i) {
        recent.add(QStringLiteral("/data/F%1.csv").arg(i));
    }
    recent.add(QStringLiteral("/data/F5.csv"));
    const QStringList files = recent.files();
    ASSERT_EQ(files.size(), ui::RecentFiles::kMaxFiles);
    EXPECT_EQ(files.front(), QStringLiteral("/data/F5.csv"));
    EXPECT_EQ(files.count(QStringLiteral("/data/F5.csv")), 1);
    EXPECT_FALSE(files.contains(QStringLiteral("/data/F0.csv")));
    recent.clear();
    EXPECT_TRUE(ui::RecentFiles(*settings).files().isEmpty());
}

// A file name with "&" reads as written in the menu, not with a shortcut letter under it.
TEST_F(DesktopIntegrationTest, OpenRecentShowsAnAmpersandInAFileNameAsWritten) {
    ui::RecentFiles recent(*settings);
    const QString file = csvNamed("S&P 500.csv");
    recent.add(file);
    Q_EMIT recent.menu()->aboutToShow();
    ASSERT_FALSE(recent.menu()->actions().isEmpty());  // the file, then "Clear"
    const QAction* a = recent.menu()->actions().front();
    EXPECT_EQ(a->text(), QStringLiteral("&1 S&&P 500.csv"));
    EXPECT_EQ(a->iconText(), QStringLiteral("1 S&P 500.csv"));  // what the menu shows
    EXPECT_EQ(a->data().toString(), file);
}

QString uniqueServerName() {
    return QStringLiteral("retest-test-") + QUuid::createUuid().toString(QUuid::Id128);
}

TEST(SingleInstance, SecondLaunchHandsItsFilesToTheRunningOne) {
    const QString name = uniqueServerName();
    ui::SingleInstance running(name);
    ASSERT_TRUE(running.listen()) << running.errorString().toStdString();
    QSignalSpy received(&running, &ui::SingleInstance::requestReceived);

    // The second launch's socket calls block, so the running side answers from a thread's
    // event loop: here the request is sent from a helper thread instead.
    bool handedOff = false;
    std::unique_ptr<QThread> second(QThread::create([&] {
        ui::SingleInstance launch(name);
        handedOff = launch.handOff({{QStringLiteral("/tmp/IWM.csv")}, false}, 5000);
    }));
    second->start();
    ASSERT_TRUE(received.wait(5000));
    second->wait();
    EXPECT_TRUE(handedOff);
    const auto request = received.front().front().value<ui::HandOffRequest>();
    EXPECT_EQ(request.files, QStringList{QStringLiteral("/tmp/IWM.csv")});
    EXPECT_FALSE(request.importDialog);
}

TEST(SingleInstance, WindowImportsWhatASecondLaunchHandsOver) {
    TempDir tmp;
    auto opened = PriceCache::open(tmp.file("cache.sqlite"));
    ASSERT_TRUE(opened);
    QSettings settings(QString::fromStdString(tmp.file("r.ini").string()), QSettings::IniFormat);
    settings.setValue(QStringLiteral("feeds/refreshStaleOnOpen"), false);
    ui::MainWindow w(*opened.value(), settings);
    w.show();
    const QString name = uniqueServerName();
    ui::SingleInstance running(name);
    ASSERT_TRUE(running.listen());
    QObject::connect(&running, &ui::SingleInstance::requestReceived, &w,
                     [&w](const ui::HandOffRequest& r) {
                         QTimer::singleShot(0, &w, [&w, r] { w.openFiles(r.files); });
                     });
    const auto csv = tmp.file("XLI.csv");
    std::filesystem::copy_file(dataFile("cli/gspc-2019-12-yahoo.csv"), csv);
    std::unique_ptr<QThread> second(QThread::create([&] {
        ui::SingleInstance(name).handOff({{QString::fromStdString(csv.string())}, false}, 5000);
    }));
    DialogAnswerer user(QStringLiteral("XLI"));
    second->start();
    RETEST_WAIT_FOR(w.document()->symbol() == QStringLiteral("XLI"), 10000);
    second->wait();
    EXPECT_EQ(user.suggestions, QStringList{QStringLiteral("XLI")});
}

TEST(SingleInstance, SocketLeftByACrashedInstanceIsTakenOver) {
    const QString name = uniqueServerName();
    {
        // A server that dies without closing leaves its socket file behind, as a crash does.
        QLocalServer crashed;
        ASSERT_TRUE(crashed.listen(name));
        const QString path = crashed.fullServerName();
        ::close(static_cast<int>(crashed.socketDescriptor()));
        ASSERT_TRUE(QFileInfo::exists(path));
        ui::SingleInstance launch(name);
        EXPECT_FALSE(launch.handOff({{QStringLiteral("/tmp/a.csv")}, false}, 500));
        EXPECT_TRUE(launch.listen()) << launch.errorString().toStdString();
        QLocalSocket next;  // the next launch reaches the new window
        next.connectToServer(name);
        EXPECT_TRUE(next.waitForConnected(2000));
    }
}

TEST(SingleInstance, LaunchThatReachesNoOneStartsNormally) {
    const QString name = uniqueServerName();
    ui::SingleInstance launch(name);
    EXPECT_FALSE(launch.handOff({{QStringLiteral("/tmp/a.csv")}, false}, 500));
    // It then becomes the running instance itself.
    EXPECT_TRUE(launch.listen()) << launch.errorString().toStdString();
    ui::SingleInstance other(name);
    EXPECT_FALSE(other.listen()) << "a live instance's socket must not be taken over";
}

TEST(SingleInstance, ServerNamesDifferPerCache) {
    EXPECT_NE(ui::SingleInstance::serverNameFor(QStringLiteral("/a/retest.sqlite")),
              ui::SingleInstance::serverNameFor(QStringLiteral("/b/retest.sqlite")));
    EXPECT_EQ(ui::SingleInstance::serverNameFor(QStringLiteral("/a/retest.sqlite")),
              ui::SingleInstance::serverNameFor(QStringLiteral("/a/retest.sqlite")));
}

TEST(AboutBox, NamesVersionLibrariesTheirLicencesAndTheDataNotice) {
    QApplication::setApplicationVersion(QStringLiteral("9.8.7 (git abc1234)"));
    const QString text = ui::aboutText();
    for (const char* s : {"9.8.7 (git abc1234)", "GNU General Public License", "Qt ", "LGPL-3.0",
                          "QCustomPlot", "GPL-3.0-or-later", "SQLite", "public domain",
                          "vega-datasets", "BSD-3-Clause", "Yahoo Finance"}) {
        EXPECT_TRUE(text.contains(QLatin1String(s))) << s;
    }
}

}  // namespace
}  // namespace retest::test
