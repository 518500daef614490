// ExportController: actions, pickers and the batch loop with its progress dialog.
#include "ui/export/export_controller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>

#include "core/model/qt_text.h"
#include "ui/chart/chart_view.h"
#include "ui/chart_document.h"

namespace retest::ui {

namespace {

QString suffixOf(ImageFormat f) {
    return toQString(imageFormatSuffix(f));
}

QString filterFor(ImageFormat f) {
    switch (f) {
        case ImageFormat::Png:
            return QObject::tr("PNG image (*.png)");
        case ImageFormat::Jpeg:
            return QObject::tr("JPEG image (*.jpg *.jpeg)");
        case ImageFormat::Pdf:
            return QObject::tr("PDF document (*.pdf)");
        case ImageFormat::Svg:
            return QObject::tr("SVG drawing (*.svg)");
    }
    return {};
}

}  // namespace

ExportController::ExportController(ChartView& view, ChartDocument& doc, QWidget* window,
                                   QObject* parent)
    : QObject(parent), view_(view), doc_(doc), window_(window) {
    copy_ = new QAction(tr("&Copy Chart Image"), this);
    copy_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy_->setStatusTip(tr("Copy the chart, with its legend, to the clipboard"));
    save_ = new QAction(tr("Save Chart &Image…"), this);
    save_->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    save_->setStatusTip(tr("Save the chart as PNG, JPEG, PDF or SVG"));
    batch_ = new QAction(tr("Export &Watchlist Images…"), this);
    batch_->setStatusTip(tr("One image per watchlist and cached symbol, into a folder"));
    connect(copy_, &QAction::triggered, this, &ExportController::copyImage);
    connect(save_, &QAction::triggered, this, &ExportController::saveImage);
    connect(batch_, &QAction::triggered, this, &ExportController::exportWatchlist);
}

SymbolExportRequest ExportController::requestFor(const ExportSettings& s) const {
    SymbolExportRequest req;
    req.timeframe = doc_.timeframe();
    const std::vector<Bar>& bars = view_.bars();
    const auto [first, last] = view_.visibleBarRange();
    if (!bars.empty() && first >= 0 && last >= first) {
        req.from = bars[static_cast<std::size_t>(first)].day;
        req.to = bars[static_cast<std::size_t>(last)].day;
    }
    req.style = view_.style();
    req.logScale = view_.logScale();
    req.theme = s.dark ? ChartTheme::dark() : ChartTheme::light();
    req.levels = s.levels;
    req.annotations = s.annotations;
    req.image.width = s.width;
    req.image.height = s.height;
    req.image.scale = isVectorFormat(s.format) ? 1.0 : s.scale;
    req.image.jpegQuality = s.jpegQuality;
    return req;
}

QImage ExportController::renderCurrent(const ExportSettings& settings) const {
    ExportOutcome outcome;
    auto scene = buildExportScene(exportSource(doc_), requestFor(settings), outcome);
    return scene ? scene->view.renderImage(scene->image) : QImage();
}

bool ExportController::saveCurrent(const QString& path, const ExportSettings& settings,
                                   QString* error) const {
    const ExportOutcome r = renderExport(exportSource(doc_), requestFor(settings), path);
    if (r.status != ExportStatus::Written && error != nullptr) {
        *error = r.message;
    }
    return r.status == ExportStatus::Written;
}

QString ExportController::pick(bool folder, const QString& suggestion) const {
    if (picker_) {
        return picker_(folder, suggestion);
    }
    if (folder) {
        return QFileDialog::getExistingDirectory(window_, tr("Export Watchlist Images To"),
                                                 suggestion);
    }
    const auto format = imageFormatForPath(suggestion).value_or(ImageFormat::Png);
    QStringList filters;
    for (ImageFormat f :
         {ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::Pdf, ImageFormat::Svg}) {
        filters << filterFor(f);
    }
    QString selected = filterFor(format);
    return QFileDialog::getSaveFileName(window_, tr("Save Chart Image"), suggestion,
                                        filters.join(QStringLiteral(";;")), &selected);
}

void ExportController::copyImage() {
    ExportOutcome outcome;
    const auto scene =
        buildExportScene(exportSource(doc_), requestFor(ExportSettings::load()), outcome);
    const QImage image = scene ? scene->view.renderImage(scene->image) : QImage();
    if (image.isNull()) {
        Q_EMIT message(outcome.status == ExportStatus::Failed && !outcome.message.isEmpty()
                           ? tr("Cannot copy the chart: %1").arg(outcome.message)
                           : tr("Nothing to copy: the chart has no bars"));
        return;
    }
    QApplication::clipboard()->setImage(image);
    Q_EMIT message(tr("Copied the chart image (%1×%2)").arg(image.width()).arg(image.height()));
}

void ExportController::saveImage() {
    ExportSettings s = ExportSettings::load();
    if (options_) {
        if (!options_(s)) {
            return;
        }
    } else {
        ExportDialog dialog(s, window_);
        if (dialog.exec() != QDialog::Accepted) {
            return;
        }
        s = dialog.settings();
    }
    const QString dir = s.lastDir.isEmpty() ? QDir::homePath() : s.lastDir;
    const QString name = batchExportFileNames({doc_.symbol()}, s.format).front();
    QString path = pick(false, QDir(dir).filePath(name));
    if (path.isEmpty()) {
        return;
    }
    if (!imageFormatForPath(path)) {
        path += QLatin1Char('.') + suffixOf(s.format);
    }
    s.format = imageFormatForPath(path).value_or(s.format);
    s.lastDir = QFileInfo(path).absolutePath();
    s.save();
    QString error;
    if (!saveCurrent(path, s, &error)) {
        QMessageBox::warning(window_, tr("Save Chart Image"), error);
        return;
    }
    Q_EMIT message(tr("Saved the chart to %1").arg(QDir::toNativeSeparators(path)));
}

BatchExport* ExportController::startWatchlistExport(const QString& dir, const ExportSettings& s) {
    if (running_ != nullptr) {
        return nullptr;
    }
    QString listError;
    const QStringList symbols = batchExportSymbols(doc_.cache(), &listError);
    if (!listError.isEmpty()) {
        Q_EMIT message(tr("Cannot read the watchlists: %1").arg(listError));
        return nullptr;
    }
    SymbolExportRequest req = requestFor(s);
    req.from.reset();  // each symbol shows its own last year, not this chart's dates
    req.to.reset();
    req.range = RangePreset::OneYear;
    auto* batch = new BatchExport(doc_.cache().path(), symbols, req, dir, s.format, this);
    running_ = batch;
    auto* progress = new QProgressDialog(tr("Exporting chart images…"), tr("Cancel"), 0,
                                         batch->total(), window_);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoReset(false);
    progress->setAutoClose(false);
    connect(progress, &QProgressDialog::canceled, batch, &BatchExport::cancel);
    connect(batch, &BatchExport::progress, progress, [progress](int done, const QString& next) {
        progress->setValue(done);
        if (!next.isEmpty()) {
            progress->setLabelText(tr("Exporting %1…").arg(next));
        }
    });
    connect(batch, &BatchExport::finished, this, [this, batch, progress] {
        progress->deleteLater();
        running_ = nullptr;
        batch->deleteLater();
        Q_EMIT batchFinished(batch->result());
    });
    batch->start();
    return batch;
}

ExportController::BatchResult ExportController::exportWatchlistTo(const QString& dir,
                                                                  const ExportSettings& s) {
    BatchResult result;
    QEventLoop loop;
    const auto done =
        connect(this, &ExportController::batchFinished, &loop, [&](const BatchResult& r) {
            result = r;
            loop.quit();
        });
    if (startWatchlistExport(dir, s) != nullptr) {
        loop.exec();
    }
    disconnect(done);
    return result;
}

void ExportController::exportWatchlist() {
    ExportSettings s = ExportSettings::load();
    const QString dir = pick(true, s.lastDir.isEmpty() ? QDir::homePath() : s.lastDir);
    if (dir.isEmpty()) {
        return;
    }
    s.lastDir = dir;
    s.save();
    auto* batch = startWatchlistExport(dir, s);
    if (batch == nullptr) {
        Q_EMIT message(tr("A watchlist export is already running"));
        return;
    }
    connect(batch, &BatchExport::finished, this,
            [this, batch, dir] { reportBatch(dir, batch->result()); });
}

void ExportController::reportBatch(const QString& dir, const BatchResult& r) {
    QString text = tr("%n image(s) written to %1.", nullptr, static_cast<int>(r.written.size()))
                       .arg(QDir::toNativeSeparators(dir));
    if (r.cancelled) {
        text += QLatin1Char(' ') + tr("Cancelled.");
    }
    Q_EMIT message(text);
    if (!r.skipped.isEmpty() && !picker_) {
        QMessageBox::information(window_, tr("Export Watchlist Images"),
                                 text + QStringLiteral("\n\n") + tr("Skipped:") +
                                     QStringLiteral("\n") + r.skipped.join(QLatin1Char('\n')));
    }
}

}  // namespace retest::ui
