// The window's export actions: copy the chart image to the clipboard (Ctrl+Shift+C), save it
// through a small options dialog (Ctrl+Alt+S), and export the whole watchlist to a folder with
// a cancellable progress dialog (the work runs off the GUI thread: ui/export/batch_export.h).
// Renders a fresh headless chart of the document — its current analysis, never a previous
// symbol's — in the view's current range and style, so the screen never flickers and the image
// is the screen's twin.
#pragma once

#include <QImage>
#include <QObject>
#include <QStringList>
#include <functional>

#include "ui/export/batch_export.h"
#include "ui/export/export_dialog.h"
#include "ui/export/symbol_export.h"

class QAction;
class QWidget;

namespace retest::ui {

class ChartView;
class ChartDocument;

class ExportController : public QObject {
    Q_OBJECT

public:
    /// `view` and `doc` must outlive the controller; `window` parents the dialogs.
    ExportController(ChartView& view, ChartDocument& doc, QWidget* window,
                     QObject* parent = nullptr);

    QAction* copyImageAction() const { return copy_; }
    QAction* saveImageAction() const { return save_; }
    QAction* exportWatchlistAction() const { return batch_; }

    /// What the view shows now (range, timeframe, style, log scale) with `settings`' look.
    SymbolExportRequest requestFor(const ExportSettings& settings) const;
    /// The current chart as an image (null without bars).
    QImage renderCurrent(const ExportSettings& settings) const;
    /// Writes the current chart to `path`; false with the reason in `error`.
    bool saveCurrent(const QString& path, const ExportSettings& settings, QString* error) const;

    using BatchResult = BatchExport::Result;
    /// Starts exporting every watchlist and cached symbol into `dir` as SYMBOL.EXT (unique
    /// names) with a progress dialog (cancel stops after the current symbol); returns at once.
    /// batchFinished() follows. Null when a batch is already running.
    BatchExport* startWatchlistExport(const QString& dir, const ExportSettings& settings);
    /// The same, waiting for the end (the event loop keeps running meanwhile).
    BatchResult exportWatchlistTo(const QString& dir, const ExportSettings& settings);

    /// Test hook: replaces the file/folder pickers (returns "" for cancel).
    void setPathPicker(std::function<QString(bool folder, const QString& suggestion)> picker) {
        picker_ = std::move(picker);
    }
    /// Test hook: replaces the options dialog (return false for cancel).
    void setOptionsPicker(std::function<bool(ExportSettings&)> picker) {
        options_ = std::move(picker);
    }

Q_SIGNALS:
    /// A line for the status bar ("Saved chart to …", "Copied chart image", errors).
    void message(const QString& text);
    void batchFinished(const BatchResult& result);

public:
    void copyImage();
    void saveImage();
    void exportWatchlist();

private:
    QString pick(bool folder, const QString& suggestion) const;
    void reportBatch(const QString& dir, const BatchResult& r);

    ChartView& view_;
    ChartDocument& doc_;
    QWidget* window_;
    QAction* copy_ = nullptr;
    QAction* save_ = nullptr;
    QAction* batch_ = nullptr;
    BatchExport* running_ = nullptr;
    std::function<QString(bool, const QString&)> picker_;
    std::function<bool(ExportSettings&)> options_;
};

}  // namespace retest::ui
