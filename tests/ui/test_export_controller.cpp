// The window's export actions, headless: Save image writes what the dialog chose and remembers
// the folder and format, Copy puts the chart on the clipboard, batch export covers the cache
// off the GUI thread with unique file names, and an export right after a symbol switch shows
// the new symbol's levels.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <fstream>
#include <sstream>

#include "core/model/date.h"
#include "tests/support/qt_wait.h"
#include "tests/support/test_paths.h"
#include "ui/chart/chart_view.h"
#include "ui/chart_document.h"
#include "ui/export/export_controller.h"
#include "ui/export/export_dialog.h"

namespace retest::ui {
namespace {

using test::sampleBars;

class ExportActions : public ::testing::Test {
protected:
    void SetUp() override {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                           QString::fromStdString(tmp.file("settings").string()));
        QSettings().clear();
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened);
        cache = std::move(opened.value());
        ASSERT_TRUE(cache->upsertBars("^GSPC", sampleBars(), {"S&P 500", "USD", "sample"}));
        doc = std::make_unique<ChartDocument>(*cache);
        doc->setSynchronousLevels(true);
        doc->setSymbol(QStringLiteral("^GSPC"));
        view.resize(900, 500);
        view.setBars(doc->bars(), doc->timeframe());
        view.setDateRange(*parseIsoDate("2020-01-02"), *parseIsoDate("2020-04-17"));
        controller = std::make_unique<ExportController>(view, *doc, nullptr);
    }
    QString path(const char* name) const { return QString::fromStdString(tmp.file(name).string()); }
    /// A new folder for a batch, and small images to keep it quick.
    static ExportSettings small(int width, int height) {
        ExportSettings s;
        s.width = width;
        s.height = height;
        return s;
    }
    QString folder(const char* name) const {
        QString dir = path(name);
        EXPECT_TRUE(QDir().mkpath(dir));
        return dir;
    }

    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    std::unique_ptr<ChartDocument> doc;
    ChartView view;
    std::unique_ptr<ExportController> controller;
};

TEST_F(ExportActions, ActionsCarryTheirShortcuts) {
    EXPECT_EQ(controller->copyImageAction()->shortcut(),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    EXPECT_EQ(controller->saveImageAction()->shortcut(),
              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
}

TEST_F(ExportActions, SaveImageWritesTheChosenFormatAndRemembersFolderAndFormat) {
    controller->setOptionsPicker([](ExportSettings& s) {
        s.format = ImageFormat::Svg;
        s.width = 1200;
        s.height = 675;
        return true;
    });
    QString suggested;
    QString target = path("chart");  // no extension: the chosen format's is added
    controller->setPathPicker([&](bool folder, const QString& suggestion) {
        EXPECT_FALSE(folder);
        suggested = suggestion;
        return target;
    });
    controller->saveImage();
    EXPECT_TRUE(suggested.endsWith(QStringLiteral("GSPC.svg"))) << suggested.toStdString();
    QFile svg(target + QStringLiteral(".svg"));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    const QByteArray xml = svg.readAll();
    EXPECT_TRUE(xml.contains("2020-01-02 – 2020-04-17")) << "the view's range is exported";
    const ExportSettings remembered = ExportSettings::load();
    EXPECT_EQ(remembered.format, ImageFormat::Svg);
    EXPECT_EQ(remembered.lastDir, QString::fromStdString(tmp.path().string()));
    EXPECT_EQ(remembered.width, 1200);
}

TEST_F(ExportActions, CopyPutsTheScaledChartOnTheClipboard) {
    ExportSettings s = ExportSettings::load();
    s.width = 800;
    s.height = 450;
    s.scale = 2;
    s.save();
    controller->copyImage();
    const QImage image = QApplication::clipboard()->image();
    EXPECT_EQ(image.size(), QSize(1600, 900));
}

TEST_F(ExportActions, ExportRightAfterASwitchHasTheNewSymbolsLevelsAndLegend) {
    // The window's document computes in the background; the export must not wait for it, nor
    // draw the previous symbol's levels (which it did: the legend even named its manual level).
    std::vector<Bar> older;
    ASSERT_TRUE(cache->readBars("^GSPC", 0, *parseIsoDate("2009-12-31"), older));
    ASSERT_TRUE(cache->upsertBars("OLD", older, {"Old S&P", "USD", "sample"}));
    ChartDocument live(*cache);
    live.setSymbol(QStringLiteral("^GSPC"));
    ASSERT_TRUE(live.addManualLevel(3000, QStringLiteral("round number")));
    RETEST_WAIT_FOR(!live.levelsPending(), 20000);
    ChartView shown;
    shown.resize(900, 500);
    ExportController exporter(shown, live, nullptr);

    live.setSymbol(QStringLiteral("OLD"));
    shown.setBars(live.bars(), live.timeframe());
    shown.applyRangePreset(RangePreset::OneYear);
    ExportSettings s;
    ExportOutcome outcome;
    const auto scene = buildExportScene(exportSource(live), exporter.requestFor(s), outcome);
    ASSERT_TRUE(scene) << outcome.message.toStdString();
    ASSERT_TRUE(scene->levels);
    const LevelAnalysis& drawn = scene->levels->analysis();
    EXPECT_EQ(drawn.asOf, *parseIsoDate("2009-12-31"));
    EXPECT_FALSE(drawn.zones.empty());
    EXPECT_GT(scene->levels->bandCount(), 0) << "the levels match the exported bars";
    EXPECT_FALSE(scene->image.legendManual) << "OLD has no manual level";
    EXPECT_TRUE(scene->view.title().startsWith(QStringLiteral("OLD · Old S&P")));

    // And through the action: the saved SVG names the new symbol only.
    const QString file = path("switch.svg");
    QString error;
    ASSERT_TRUE(exporter.saveCurrent(file, s, &error)) << error.toStdString();
    QFile svg(file);
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    const QByteArray xml = svg.readAll();
    EXPECT_TRUE(xml.contains("OLD")) << "title";
    EXPECT_FALSE(xml.contains("round number"));
}

TEST_F(ExportActions, BatchFileNamesAreUniqueWithinABatch) {
    const QStringList names = batchExportFileNames(
        {QStringLiteral("^RUT"), QStringLiteral("RUT"), QStringLiteral("'"), QStringLiteral("\""),
         QStringLiteral("^"), QStringLiteral("rut"), QStringLiteral("BRK.B")},
        ImageFormat::Png);
    EXPECT_EQ(names, (QStringList{QStringLiteral("RUT.png"), QStringLiteral("RUT-2.png"),
                                  QStringLiteral("_.png"), QStringLiteral("_-2.png"),
                                  QStringLiteral("_-3.png"), QStringLiteral("rut-3.png"),
                                  QStringLiteral("BRK.B.png")}));
}

TEST_F(ExportActions, BatchExportOfRutAndCaretRutWritesTwoFiles) {
    std::vector<Bar> older;
    ASSERT_TRUE(cache->readBars("^GSPC", 0, *parseIsoDate("2009-12-31"), older));
    ASSERT_TRUE(cache->upsertBars("^RUT", sampleBars(), {"Russell 2000", "USD", "sample"}));
    ASSERT_TRUE(cache->upsertBars("RUT", older, {"Not the index", "USD", "sample"}));
    const ExportSettings s = small(400, 300);
    const QString dir = folder("rut");
    const auto r = controller->exportWatchlistTo(dir, s);
    EXPECT_EQ(r.written.size(), 3);  // ^RUT, ^GSPC, RUT
    const QStringList files = QDir(dir).entryList(QDir::Files);
    EXPECT_EQ(files.size(), r.written.size()) << files.join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(r.written.contains(QDir(dir).filePath(QStringLiteral("RUT.png"))));
    EXPECT_TRUE(r.written.contains(QDir(dir).filePath(QStringLiteral("RUT-2.png"))));
}

TEST_F(ExportActions, BatchExportRunsInTheBackgroundAndCancels) {
    const ExportSettings s = small(400, 300);
    const QString dir = folder("async");
    QSignalSpy finished(controller.get(), &ExportController::batchFinished);
    BatchExport* batch = controller->startWatchlistExport(dir, s);
    ASSERT_NE(batch, nullptr);
    // Returned at once: nothing is written yet, the loading runs on a worker thread.
    EXPECT_TRUE(QDir(dir).entryList(QDir::Files).isEmpty());
    EXPECT_EQ(controller->startWatchlistExport(dir, s), nullptr) << "one batch at a time";
    ASSERT_TRUE(finished.wait(30000));
    const auto r = finished.front().front().value<ExportController::BatchResult>();
    EXPECT_EQ(r.written.size(), 1);
    EXPECT_FALSE(r.cancelled);

    // Cancel once the first symbol is under way: the batch stops after it.
    QSignalSpy again(controller.get(), &ExportController::batchFinished);
    BatchExport* second = controller->startWatchlistExport(path("async"), s);
    ASSERT_NE(second, nullptr);
    second->cancel();
    ASSERT_TRUE(again.wait(30000));
    const auto c = again.front().front().value<ExportController::BatchResult>();
    EXPECT_TRUE(c.cancelled);
    EXPECT_EQ(c.written.size() + c.skipped.size(), 1);
}

TEST_F(ExportActions, BatchExportWritesCachedSymbolsAndListsTheRest) {
    const ExportSettings s = small(600, 400);
    const QString dir = folder("batch");
    const auto r = controller->exportWatchlistTo(dir, s);
    EXPECT_EQ(r.written, QStringList{QDir(dir).filePath(QStringLiteral("GSPC.png"))});
    EXPECT_EQ(r.skipped.size(), 9);
    EXPECT_TRUE(r.skipped.front().startsWith(QStringLiteral("IWM: no cached data")))
        << r.skipped.front().toStdString();
    EXPECT_EQ(QImage(r.written.front()).size(), QSize(600, 400));
    EXPECT_FALSE(r.cancelled);
}

TEST(ExportDialogLimit, TooManyPixelsDisableSaveWithTheReason) {
    ExportSettings initial;
    ExportDialog dialog(initial);
    EXPECT_TRUE(dialog.sizeProblem().isEmpty());
    EXPECT_TRUE(dialog.saveButton()->isEnabled());
    dialog.sizeBox()->setCurrentIndex(dialog.sizeBox()->count() - 1);  // Custom
    dialog.widthBox()->setValue(8000);
    dialog.heightBox()->setValue(6000);
    EXPECT_FALSE(dialog.saveButton()->isEnabled());
    EXPECT_TRUE(dialog.sizeProblem().contains(QStringLiteral("limit is 40 million")))
        << dialog.sizeProblem().toStdString();
    dialog.widthBox()->setValue(3840);
    dialog.heightBox()->setValue(2160);
    EXPECT_TRUE(dialog.saveButton()->isEnabled());
    dialog.scaleBox()->setCurrentIndex(2);  // 3x: 74.6 million pixels
    EXPECT_FALSE(dialog.saveButton()->isEnabled());
    dialog.formatBox()->setCurrentIndex(3);  // SVG: the scale does not apply
    EXPECT_TRUE(dialog.saveButton()->isEnabled());
}

}  // namespace
}  // namespace retest::ui
