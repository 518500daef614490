// The window's watchlist export, off the GUI thread: each symbol's bars, levels and drawings
// are read and analysed on a worker thread (with its own connection to the cache file), and
// only the drawing of the finished chart, one symbol at a time, happens on the GUI thread, so
// the window stays responsive and Cancel is honoured after the symbol in hand.
#pragma once

#include <QObject>
#include <QStringList>
#include <filesystem>
#include <memory>

#include "ui/export/symbol_export.h"

template <typename T>
class QFutureWatcher;

namespace retest::ui {

class BatchExport : public QObject {
    Q_OBJECT

public:
    struct Result {
        QStringList written;  ///< file paths
        QStringList skipped;  ///< "SYM: reason"
        bool cancelled = false;
    };

    /// Exports `symbols` into `dir` with unique file names (batchExportFileNames). `cacheFile`
    /// is opened again by the worker; the GUI's connection is never used off its thread.
    BatchExport(std::filesystem::path cacheFile, QStringList symbols, SymbolExportRequest req,
                QString dir, ImageFormat format, QObject* parent = nullptr);
    ~BatchExport() override;

    void start();
    /// Stops after the symbol being exported now.
    void cancel();
    bool isRunning() const { return running_; }
    int total() const { return static_cast<int>(symbols_.size()); }
    const Result& result() const { return result_; }

Q_SIGNALS:
    /// `done` symbols are finished; `next` is being exported now.
    void progress(int done, const QString& next);
    void finished();

private:
    struct Worker;
    void next();
    void onLoaded();
    void finish();

    std::shared_ptr<Worker> worker_;
    QStringList symbols_;
    QStringList names_;
    SymbolExportRequest req_;
    QString dir_;
    QFutureWatcher<ExportSource>* watcher_ = nullptr;
    int index_ = 0;
    bool running_ = false;
    bool cancelled_ = false;
    Result result_;
};

}  // namespace retest::ui
