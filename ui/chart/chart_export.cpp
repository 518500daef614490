// ChartView::saveImage: headless rendering to PNG, JPEG or PDF. The plot is laid out at the
// export size first (ticks, decimation and y fit depend on it), then written to a temporary
// file beside the target and renamed, so a failed export never leaves a partial file.
#include "ui/chart/qcp.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <filesystem>
#include <system_error>

#include "ui/chart/chart_view.h"

namespace retest::ui {

namespace {

void setError(QString* error, const QString& message) {
    if (error != nullptr) {
        *error = message;
    }
}

}  // namespace

bool ChartView::writeImage(const QString& path, const QString& ext, int width, int height,
                           double scale) {
    if (ext == QLatin1String("png")) {
        return plot_->savePng(path, width, height, scale);
    }
    if (ext == QLatin1String("jpg") || ext == QLatin1String("jpeg")) {
        return plot_->saveJpg(path, width, height, scale, 92);
    }
    return plot_->savePdf(path, width, height, QCP::epAllowCosmetic, QStringLiteral("Retest"),
                          title_->text());
}

bool ChartView::saveImage(const QString& path, int width, int height, double scale,
                          QString* error) {
    const QFileInfo target(path);
    const QString ext = target.suffix().toLower();
    static const QStringList kFormats{QStringLiteral("png"), QStringLiteral("jpg"),
                                      QStringLiteral("jpeg"), QStringLiteral("pdf")};
    if (!kFormats.contains(ext)) {
        setError(error,
                 tr("Unsupported image format \"%1\": use .png, .jpg, .jpeg or .pdf")
                     .arg(target.suffix().isEmpty() ? path : QLatin1Char('.') + target.suffix()));
        return false;
    }
    if (width < 50 || height < 50 || !(scale > 0) || scale > 8) {
        setError(error,
                 tr("Invalid image size %1x%2 at scale %3").arg(width).arg(height).arg(scale));
        return false;
    }
    if (!target.absoluteDir().exists()) {
        setError(error, tr("Folder does not exist: %1").arg(target.absolutePath()));
        return false;
    }

    // Lay out at the export size; the hovered crosshair is not part of an export.
    const QRect oldViewport = plot_->viewport();
    const int hovered = hovered_;
    if (hovered >= 0) {
        hideCrosshair();
    }
    plot_->setViewport(QRect(0, 0, width, height));
    plot_->replot(QCustomPlot::rpQueuedRefresh);
    refreshView();
    plot_->replot(QCustomPlot::rpQueuedRefresh);

    const QString tmp = target.absoluteDir().filePath(QStringLiteral(".%1.partial-%2.%3")
                                                          .arg(target.completeBaseName())
                                                          .arg(QCoreApplication::applicationPid())
                                                          .arg(ext));
    bool ok = writeImage(tmp, ext, width, height, scale);

    plot_->setViewport(oldViewport);
    refreshView();

    std::error_code ec;
    const std::filesystem::path tmpPath = tmp.toStdString();
    if (ok && std::filesystem::file_size(tmpPath, ec) > 0 && !ec) {
        std::filesystem::rename(tmpPath, path.toStdString(), ec);
        ok = !ec;
        if (!ok) {
            setError(error,
                     tr("Cannot write %1: %2").arg(path, QString::fromStdString(ec.message())));
        }
    } else {
        ok = false;
        setError(error, tr("Cannot render the chart to %1").arg(path));
    }
    if (!ok) {
        std::filesystem::remove(tmpPath, ec);
    }
    return ok;
}

}  // namespace retest::ui
