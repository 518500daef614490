// ChartView export: headless rendering to PNG, JPEG, PDF (vector) and SVG (vector), and to an
// in-memory image for the clipboard. The plot is laid out at the export size first (ticks,
// decimation and y fit depend on it), with a price/legend band under the title and a footer,
// then written to a temporary file beside the target and renamed: a failure leaves nothing.
#include "ui/chart/qcp.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSvgGenerator>
#include <filesystem>
#include <system_error>

#include "core/model/qt_text.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/chart_types.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/clipping_painter.h"

namespace retest::ui {

namespace {

constexpr int kBandFontPx = 14;
constexpr int kFooterFontPx = 11;

void setError(QString* error, const QString& message) {
    if (error != nullptr) {
        *error = message;
    }
}

/// A one-line strip of text runs and legend swatches: runs on the left, legend on the right.
class DecorBand : public QCPLayoutElement {
public:
    enum class Swatch { None, CandleUp, CandleDown, Band, Line };
    struct Run {
        Run(QString t, QColor c, bool b = false, Swatch s = Swatch::None, QColor sc = {})
            : text(std::move(t)), color(c), bold(b), swatch(s), swatchColor(sc) {}
        QString text;
        QColor color;
        bool bold = false;
        Swatch swatch = Swatch::None;
        QColor swatchColor;
    };

    DecorBand(QCustomPlot* plot, int fontPx, int height)
        : QCPLayoutElement(plot), fontPx_(fontPx), height_(height) {
        setMargins(QMargins(14, 0, 14, 0));
    }
    std::vector<Run> left;
    std::vector<Run> right;

    QSize minimumOuterSizeHint() const override { return {0, height_}; }
    QSize maximumOuterSizeHint() const override { return {QWIDGETSIZE_MAX, height_}; }

protected:
    void draw(QCPPainter* painter) override {
        painter->setRenderHint(QPainter::Antialiasing, true);
        int x = mRect.left();
        for (const Run& run : left) {
            x += drawRun(painter, run, x);
        }
        int width = 0;
        for (const Run& run : right) {
            width += runWidth(run);
        }
        x = mRect.right() - width;
        for (const Run& run : right) {
            x += drawRun(painter, run, x);
        }
    }

private:
    QFont font(bool bold) const {
        return pixelFont(fontPx_, bold ? QFont::DemiBold : QFont::Normal);
    }
    int swatchWidth(const Run& run) const { return run.swatch == Swatch::None ? 0 : fontPx_ + 6; }
    int runWidth(const Run& run) const {
        return swatchWidth(run) + QFontMetrics(font(run.bold)).horizontalAdvance(run.text) +
               fontPx_ / 2 + 4;
    }

    void drawSwatch(QCPPainter* painter, const Run& run, int x) const {
        const int s = fontPx_;
        const QRectF box(x, mRect.center().y() - s / 2.0, s, s);
        painter->setPen(Qt::NoPen);
        switch (run.swatch) {
            case Swatch::CandleUp:
            case Swatch::CandleDown: {
                painter->setPen(QPen(run.swatchColor, 1));
                painter->drawLine(QPointF(box.center().x(), box.top()),
                                  QPointF(box.center().x(), box.bottom()));
                painter->setBrush(run.swatchColor);
                painter->drawRect(
                    QRectF(box.left() + s * 0.25, box.top() + s * 0.25, s * 0.5, s * 0.5));
                break;
            }
            case Swatch::Band: {
                QColor fill = run.swatchColor;
                fill.setAlpha(70);
                painter->setBrush(fill);
                painter->drawRect(box.adjusted(0, s * 0.2, 0, -s * 0.2));
                painter->setPen(QPen(run.swatchColor, 1.5));
                painter->drawLine(QPointF(box.left(), box.center().y()),
                                  QPointF(box.right(), box.center().y()));
                break;
            }
            case Swatch::Line:
                painter->setPen(QPen(run.swatchColor, 2));
                painter->drawLine(QPointF(box.left(), box.bottom() - 2),
                                  QPointF(box.right(), box.top() + 2));
                break;
            case Swatch::None:
                break;
        }
        painter->setBrush(Qt::NoBrush);
    }

    int drawRun(QCPPainter* painter, const Run& run, int x) const {
        if (run.swatch != Swatch::None) {
            drawSwatch(painter, run, x);
        }
        const int textX = x + swatchWidth(run);
        painter->setFont(font(run.bold));
        painter->setPen(run.color);
        painter->drawText(QRect(textX, mRect.top(), mRect.right() - textX, mRect.height()),
                          Qt::AlignLeft | Qt::AlignVCenter, run.text);
        return runWidth(run);
    }

    int fontPx_;
    int height_;
};

}  // namespace

/// While alive, the plot is laid out at the export size with the export decorations; the
/// destructor puts the on-screen layout back.
class ExportLayout {
public:
    ExportLayout(ChartView& view, const ImageOptions& options)
        : view_(view), oldViewport_(view.plot_->viewport()) {
        if (view_.hovered_ >= 0) {
            view_.hideCrosshair();  // the hovered crosshair is not part of an export
        }
        Q_EMIT view_.exportLayoutChanged(true);
        if (options.decorated && !view_.emptyShown_) {
            addDecorations(options);
        }
        QCustomPlot* plot = view_.plot_;
        plot->setViewport(QRect(0, 0, options.width, options.height));
        plot->replot(QCustomPlot::rpQueuedRefresh);
        view_.refreshView();
        plot->replot(QCustomPlot::rpQueuedRefresh);
    }
    ~ExportLayout() {
        QCPLayoutGrid* grid = view_.plot_->plotLayout();
        for (DecorBand* band : {header_, footer_}) {
            if (band != nullptr && grid->take(band)) {
                delete band;
            }
        }
        grid->simplify();
        view_.plot_->setViewport(oldViewport_);
        Q_EMIT view_.exportLayoutChanged(false);
        view_.refreshView();
    }
    ExportLayout(const ExportLayout&) = delete;
    ExportLayout& operator=(const ExportLayout&) = delete;

private:
    void addDecorations(const ImageOptions& options);
    void fillHeader(const ImageOptions& options);

    ChartView& view_;
    QRect oldViewport_;
    DecorBand* header_ = nullptr;
    DecorBand* footer_ = nullptr;
};

void ExportLayout::addDecorations(const ImageOptions& options) {
    QCustomPlot* plot = view_.plot_;
    QCPLayoutGrid* grid = plot->plotLayout();
    header_ = new DecorBand(plot, kBandFontPx, kBandFontPx * 2);
    footer_ = new DecorBand(plot, kFooterFontPx, kFooterFontPx * 2 + 6);
    grid->insertRow(1);
    grid->addElement(1, 0, header_);
    grid->insertRow(grid->rowCount());
    grid->addElement(grid->rowCount() - 1, 0, footer_);
    QList<double> factors = grid->rowStretchFactors();
    factors[1] = 0.01;
    factors.back() = 0.01;
    grid->setRowStretchFactors(factors);
    fillHeader(options);
    const ChartTheme& t = view_.theme_;
    if (!options.footer.isEmpty()) {
        footer_->left.emplace_back(options.footer, t.mutedText);
    }
    footer_->right.emplace_back(QStringLiteral("Retest"), t.mutedText, true);
}

void ExportLayout::fillHeader(const ImageOptions& options) {
    using Swatch = DecorBand::Swatch;
    const ChartTheme& t = view_.theme_;
    const std::vector<Bar>& bars = view_.bars_;
    const int last = view_.last_;
    const int first = view_.first_;
    if (last >= 0 && last < static_cast<int>(bars.size())) {
        const Bar& b = bars[static_cast<std::size_t>(last)];
        header_->left.emplace_back(QString::fromStdString(formatPrice(b.close)), t.text, true);
        if (last > 0) {
            const double prev = bars[static_cast<std::size_t>(last) - 1].close;
            const double change = b.close - prev;
            const QString shown = toQString(formatChange(change, b.close));
            // Coloured as it reads: a change that rounds to zero is neither up nor down.
            const QColor color = shown.startsWith(QLatin1Char('+'))   ? t.up
                                 : shown.startsWith(QLatin1Char('-')) ? t.down
                                                                      : t.mutedText;
            header_->left.emplace_back(
                shown + QStringLiteral(" (") +
                    signedPercent(prev != 0 ? 100.0 * change / prev : 0.0, 2) + QStringLiteral(")"),
                color);
        }
        if (first >= 0 && first < last && bars[static_cast<std::size_t>(first)].close != 0) {
            const double from = bars[static_cast<std::size_t>(first)].close;
            const double pct = 100.0 * (b.close - from) / from;
            header_->left.emplace_back(QStringLiteral("·  ") + signedPercent(pct, 1) +
                                           QStringLiteral(" over the period shown"),
                                       t.mutedText);
        }
    }
    header_->right.emplace_back(QStringLiteral("Up"), t.mutedText, false, Swatch::CandleUp, t.up);
    header_->right.emplace_back(QStringLiteral("Down"), t.mutedText, false, Swatch::CandleDown,
                                t.down);
    if (options.legendLevels) {
        header_->right.emplace_back(QStringLiteral("Support"), t.mutedText, false, Swatch::Band,
                                    t.support);
        header_->right.emplace_back(QStringLiteral("Resistance"), t.mutedText, false, Swatch::Band,
                                    t.resistance);
    }
    if (options.legendLevels && options.legendManual) {
        header_->right.emplace_back(QStringLiteral("Manual"), t.mutedText, false, Swatch::Band,
                                    t.manualLevel);
    }
    if (options.legendAnnotations) {
        header_->right.emplace_back(QStringLiteral("Drawings"), t.mutedText, false, Swatch::Line,
                                    t.annotation);
    }
}

QString ChartView::lastPriceText() const {
    if (last_ < 0 || last_ >= static_cast<int>(bars_.size())) {
        return {};
    }
    const Bar& b = bars_[static_cast<std::size_t>(last_)];
    QString text = QString::fromStdString(formatPrice(b.close));
    if (last_ > 0) {
        const double prev = bars_[static_cast<std::size_t>(last_) - 1].close;
        const double change = b.close - prev;
        text += QStringLiteral("  ") + toQString(formatChange(change, b.close)) +
                QStringLiteral(" (") + signedPercent(prev != 0 ? 100.0 * change / prev : 0.0, 2) +
                QStringLiteral(")");
    }
    return text;
}

bool ChartView::renderFile(const QString& path, ImageFormat format, const ImageOptions& options) {
    const int w = options.width;
    const int h = options.height;
    switch (format) {
        case ImageFormat::Png:
            return plot_->savePng(path, w, h, options.scale);
        case ImageFormat::Jpeg:
            return plot_->saveJpg(path, w, h, options.scale, options.jpegQuality);
        case ImageFormat::Pdf:
            return plot_->savePdf(path, w, h, QCP::epAllowCosmetic, QStringLiteral("Retest"),
                                  title_->text());
        case ImageFormat::Svg: {
            QSvgGenerator generator;
            generator.setFileName(path);
            generator.setSize(QSize(w, h));
            generator.setViewBox(QRect(0, 0, w, h));
            // QSvgGenerator writes these verbatim: "S&P 500" would break the XML.
            generator.setTitle(title_->text().toHtmlEscaped());
            generator.setDescription(QStringLiteral("Chart exported by Retest"));
            QPainter svg;
            if (!svg.begin(&generator)) {
                return false;
            }
            bool ok = false;
            {
                // QSvgGenerator (Qt < 6.7) ignores clipping: cut at the panes' edges ourselves.
                ClippingPaintDevice clipped(svg, QSize(w, h));
                QCPPainter painter;
                if (painter.begin(&clipped)) {
                    plot_->toPainter(&painter, w, h);
                    ok = painter.end();
                }
            }
            return svg.end() && ok;
        }
    }
    return false;
}

namespace {

QString validate(const ImageOptions& options, bool vector) {
    if (options.width < 50 || options.height < 50 || options.width > 20000 ||
        options.height > 20000 || !(options.scale > 0) || options.scale > 8) {
        return QCoreApplication::translate("retest::ui::ChartView",
                                           "Invalid image size %1x%2 at scale %3")
            .arg(options.width)
            .arg(options.height)
            .arg(options.scale);
    }
    return exportPixelLimitError(options.width, options.height, options.scale, vector);
}

}  // namespace

bool ChartView::exportImage(const QString& path, const ImageOptions& options, QString* error) {
    const QFileInfo target(path);
    const auto format = imageFormatForPath(path);
    if (!format) {
        setError(error, unsupportedFormatError(path));
        return false;
    }
    if (const QString bad = validate(options, isVectorFormat(*format)); !bad.isEmpty()) {
        setError(error, bad);
        return false;
    }
    if (!target.absoluteDir().exists()) {
        setError(error, tr("Folder does not exist: %1").arg(target.absolutePath()));
        return false;
    }
    const QString ext = QString::fromLatin1(imageFormatSuffix(*format).data());
    const QString tmp = target.absoluteDir().filePath(QStringLiteral(".%1.partial-%2.%3")
                                                          .arg(target.completeBaseName())
                                                          .arg(QCoreApplication::applicationPid())
                                                          .arg(ext));
    bool ok = false;
    {
        ExportLayout layout(*this, options);
        ok = renderFile(tmp, *format, options);
    }
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

QImage ChartView::renderImage(const ImageOptions& options) {
    if (!validate(options, false).isEmpty()) {
        return {};
    }
    ExportLayout layout(*this, options);
    return plot_->toPixmap(options.width, options.height, options.scale).toImage();
}

bool ChartView::saveImage(const QString& path, int width, int height, double scale,
                          QString* error) {
    ImageOptions options;
    options.width = width;
    options.height = height;
    options.scale = scale;
    options.decorated = false;
    return exportImage(path, options, error);
}

}  // namespace retest::ui
