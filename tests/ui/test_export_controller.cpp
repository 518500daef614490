// The window's export actions, headless: Save image writes what the dialog chose and remembers
// the folder and format, Copy puts the chart on the clipboard, batch export covers the cache.
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
#include <QSpinBox>
#include <fstream>
#include <sstream>

#include "core/model/date.h"
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
    const QString target = path("chart");  // no extension: the chosen format's is added
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

TEST_F(ExportActions, BatchExportWritesCachedSymbolsAndListsTheRest) {
    ExportSettings s;
    s.width = 600;
    s.height = 400;
    const QString dir = path("batch");
    ASSERT_TRUE(QDir().mkpath(dir));
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
