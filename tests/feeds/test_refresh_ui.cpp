// The GUI side of refreshing, driven headless: actions and shortcuts, the status-bar widget
// (progress, cancel, offline badge), non-modal error notices and the persisted settings dialog.
#include <QComboBox>
#include <QEventLoop>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableWidget>
#include <QTcpServer>
#include <QTimer>
#include <QToolButton>

#include "core/feeds/feed_settings_store.h"
#include "tests/feeds/feed_test_env.h"
#include "ui/refresh/feed_settings_dialog.h"
#include "ui/refresh/refresh_controller.h"
#include "ui/refresh/refresh_status_widget.h"

namespace retest {
namespace {

using test::CannedResponse;
using ui::RefreshController;

class RefreshUiTest : public test::FeedEnv {
protected:
    void SetUp() override {
        // Keep QSettings inside a scratch directory, never the user's configuration.
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           QString::fromStdString(settingsDir.path().string()));
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           QString::fromStdString(settingsDir.path().string()));
        FeedEnv::SetUp();
        controller = std::make_unique<RefreshController>(cache.get(), window.statusBar(), &window);
        controller->setFeedSettings(settings, false);
        QObject::connect(controller.get(), &RefreshController::symbolUpdated,
                         [this](const QString& s) { updated.append(s); });
    }
    void TearDown() override { controller.reset(); }

    /// Runs the event loop until the refresh reports finished (or 10 s pass).
    void waitForFinish() {
        QEventLoop loop;
        QObject::connect(controller.get(), &RefreshController::refreshFinished, &loop,
                         &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        if (controller->isRunning()) {
            loop.exec();
        }
    }

    test::TempDir settingsDir;
    QMainWindow window;
    std::unique_ptr<RefreshController> controller;
    QStringList updated;
};

TEST_F(RefreshUiTest, F5RefreshesTheCurrentSymbolAndTellsTheWindow) {
    EXPECT_EQ(controller->refreshCurrentAction()->shortcut(), QKeySequence(Qt::Key_F5));
    EXPECT_EQ(controller->refreshWatchlistAction()->shortcut(),
              QKeySequence(Qt::SHIFT | Qt::Key_F5));
    EXPECT_TRUE(window.actions().contains(controller->refreshCurrentAction()));
    EXPECT_FALSE(controller->refreshCurrentAction()->isEnabled());  // no symbol yet

    server.route(QStringLiteral("/v8/finance/chart/^GSPC"),
                 {CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    controller->setCurrentSymbol(QStringLiteral("^GSPC"));
    ASSERT_TRUE(controller->refreshCurrentAction()->isEnabled());
    controller->refreshCurrentAction()->trigger();
    EXPECT_FALSE(controller->refreshCurrentAction()->isEnabled());  // while running
    waitForFinish();
    EXPECT_EQ(updated, QStringList{QStringLiteral("^GSPC")});
    EXPECT_EQ(cache->readAllBars("^GSPC").value(), test::sampleBars());
    EXPECT_TRUE(controller->statusWidget()->progressBar()->isHidden());
    EXPECT_EQ(controller->errorNotice(), nullptr);
    EXPECT_EQ(window.statusBar()->currentMessage(),
              QStringLiteral("Prices refreshed: 1 symbol(s)"));
    EXPECT_TRUE(controller->refreshCurrentAction()->isEnabled());
}

TEST_F(RefreshUiTest, FailuresOpenOneNonModalNotice) {
    server.route(QStringLiteral("/v8/finance/chart/IWM"),
                 {CannedResponse::withStatus(500, "Internal Server Error")});
    server.route(QStringLiteral("/v8/finance/chart/^GSPC"),
                 {CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    controller->setWatchlist({QStringLiteral("IWM"), QStringLiteral("^GSPC")});
    controller->refreshWatchlistAction()->trigger();
    waitForFinish();
    EXPECT_EQ(updated, QStringList{QStringLiteral("^GSPC")});
    QMessageBox* notice = controller->errorNotice();
    ASSERT_NE(notice, nullptr);
    EXPECT_TRUE(notice->isVisible());
    EXPECT_FALSE(notice->isModal());
    EXPECT_EQ(notice->informativeText(),
              QStringLiteral("IWM (yahoo): HTTP 500 Internal Server Error after 3 attempts"));
    EXPECT_FALSE(controller->isOffline());
}

TEST_F(RefreshUiTest, UnreachableNetworkShowsOfflineQuietlyUntilARefreshWorks) {
    QTcpServer probe;
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    FeedSettings offline = settings;
    offline.yahooBaseUrl = QStringLiteral("http://127.0.0.1:") + QString::number(port);
    controller->setFeedSettings(offline, false);
    controller->setCurrentSymbol(QStringLiteral("^GSPC"));
    controller->refreshCurrent();
    waitForFinish();
    EXPECT_TRUE(controller->isOffline());
    EXPECT_TRUE(controller->statusWidget()->isOfflineShown());
    EXPECT_EQ(controller->errorNotice(), nullptr);  // no pop-up for being offline

    server.route(QStringLiteral("/v8/finance/chart/^GSPC"),
                 {CannedResponse::ok(test::yahooChartBody(test::sampleBars()))});
    controller->setFeedSettings(settings, false);
    controller->refreshCurrent();
    waitForFinish();
    EXPECT_FALSE(controller->isOffline());
    EXPECT_FALSE(controller->statusWidget()->isOfflineShown());
}

TEST_F(RefreshUiTest, CancelButtonStopsTheRefresh) {
    seedGspc(50);
    const auto before = test::snapshot(*cache);
    CannedResponse stall;
    stall.mode = CannedResponse::Mode::Stall;
    server.route(QStringLiteral("/v8/finance/chart/^GSPC"), {stall});
    FeedSettings slow = settings;
    slow.fetch.timeoutMs = 10000;
    controller->setFeedSettings(slow, false);
    controller->setCurrentSymbol(QStringLiteral("^GSPC"));
    int failed = -1;
    QObject::connect(controller.get(), &RefreshController::refreshFinished,
                     [&](int, int f) { failed = f; });
    ASSERT_TRUE(controller->refreshCurrent());
    QToolButton* cancel = controller->statusWidget()->cancelButton();
    EXPECT_FALSE(cancel->isHidden());
    QTimer::singleShot(100, cancel, &QToolButton::click);
    waitForFinish();
    EXPECT_FALSE(controller->isRunning());
    EXPECT_EQ(failed, 0);  // cancelled is not failed
    EXPECT_EQ(controller->errorNotice(), nullptr);
    EXPECT_TRUE(cancel->isHidden());
    EXPECT_EQ(test::snapshot(*cache), before);
}

TEST_F(RefreshUiTest, SettingsDialogEditsAndPersists) {
    ui::FeedSettingsDialog* dialog = controller->editSettings();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->yahooUrlEdit()->text(), server.baseUrl());
    dialog->providerBox()->setCurrentIndex(1);
    dialog->stooqUrlEdit()->setText(QStringLiteral("https://stooq.example"));
    dialog->addMappingRow(QStringLiteral("^RUT"), QString(), QStringLiteral("^rut"));
    dialog->addMappingRow(QStringLiteral("IWM"), QStringLiteral("-"), QString());
    dialog->accept();

    const FeedSettings& now = controller->feedSettings();
    EXPECT_EQ(now.provider, Provider::Stooq);
    EXPECT_EQ(now.stooqBaseUrl, QStringLiteral("https://stooq.example"));
    EXPECT_EQ(now.overrides.at(Provider::Stooq).at("^RUT"), "^rut");
    EXPECT_EQ(now.overrides.at(Provider::Yahoo).at("IWM"), "");
    EXPECT_EQ(now.overrides.at(Provider::Yahoo).count("^RUT"), 0u);

    QSettings stored;
    const FeedSettings reloaded = loadFeedSettings(stored);
    EXPECT_EQ(reloaded.provider, Provider::Stooq);
    EXPECT_EQ(reloaded.stooqBaseUrl, QStringLiteral("https://stooq.example"));
    EXPECT_EQ(reloaded.overrides, now.overrides);
}

TEST_F(RefreshUiTest, SettingsDialogRefusesABadAddress) {
    ui::FeedSettingsDialog* dialog = controller->editSettings();
    dialog->yahooUrlEdit()->setText(QStringLiteral("query1.finance.yahoo.com"));
    dialog->accept();
    EXPECT_TRUE(dialog->isVisible());
    EXPECT_FALSE(dialog->errorLabel()->isHidden());
    EXPECT_EQ(controller->feedSettings().yahooBaseUrl, server.baseUrl());
    dialog->reject();
}

}  // namespace
}  // namespace retest
