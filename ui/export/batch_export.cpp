// BatchExport: one worker job per symbol, rendered on the GUI thread as each one arrives.
#include "ui/export/batch_export.h"

#include <QDir>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <mutex>

#include "core/model/qt_text.h"

namespace retest::ui {

/// The worker's own cache connection, opened by the first job and used by one job at a time.
struct BatchExport::Worker {
    std::filesystem::path file;
    std::mutex mutex;
    std::unique_ptr<PriceCache> cache;
    QString openError;
};

BatchExport::BatchExport(std::filesystem::path cacheFile, QStringList symbols,
                         SymbolExportRequest req, QString dir, ImageFormat format, QObject* parent)
    : QObject(parent),
      worker_(std::make_shared<Worker>()),
      symbols_(std::move(symbols)),
      names_(batchExportFileNames(symbols_, format)),
      req_(std::move(req)),
      dir_(std::move(dir)),
      watcher_(new QFutureWatcher<ExportSource>(this)) {
    worker_->file = std::move(cacheFile);
    connect(watcher_, &QFutureWatcher<ExportSource>::finished, this, &BatchExport::onLoaded);
}

BatchExport::~BatchExport() = default;  // a job still running keeps the worker alive

void BatchExport::start() {
    if (running_) {
        return;
    }
    running_ = true;
    index_ = 0;
    result_ = {};
    next();
}

void BatchExport::cancel() {
    cancelled_ = true;
}

void BatchExport::next() {
    if (cancelled_ && index_ < symbols_.size()) {
        result_.cancelled = true;
    }
    if (result_.cancelled || index_ >= symbols_.size()) {
        finish();
        return;
    }
    const QString symbol = symbols_[index_];
    Q_EMIT progress(index_, symbol);
    watcher_->setFuture(QtConcurrent::run([worker = worker_, symbol, req = req_] {
        const std::lock_guard lock(worker->mutex);
        if (!worker->cache && worker->openError.isEmpty()) {
            auto opened = PriceCache::open(worker->file);
            if (opened) {
                worker->cache = std::move(opened.value());
            } else {
                worker->openError = toQString(opened.error().message);
            }
        }
        if (!worker->cache) {
            ExportSource failed;
            failed.data.symbol = symbol;
            failed.error = worker->openError;
            return failed;
        }
        return loadExportSource(*worker->cache, symbol, req);
    }));
}

void BatchExport::onLoaded() {
    const QString path = QDir(dir_).filePath(names_[index_]);
    const ExportOutcome r = renderExport(watcher_->result(), req_, path);
    if (r.status == ExportStatus::Written) {
        result_.written << path;
    } else {
        result_.skipped << symbols_[index_] + QStringLiteral(": ") + r.message;
    }
    ++index_;
    QTimer::singleShot(0, this, &BatchExport::next);  // let the window breathe in between
}

void BatchExport::finish() {
    running_ = false;
    Q_EMIT progress(static_cast<int>(symbols_.size()), QString());
    Q_EMIT finished();
}

}  // namespace retest::ui
