// A paint device that forwards every drawing to another painter and applies the painter's clip
// itself, geometrically. For painters whose engine ignores clipping (QSvgGenerator before Qt
// 6.7): what PNG and PDF cut off at a pane's edge — a zone band below the visible prices, a
// half candle at the border — is cut off in the SVG too, and stays vector.
#pragma once

#include <QLineF>
#include <QPaintDevice>
#include <QRectF>
#include <QSize>
#include <memory>
#include <optional>

class QPainter;

namespace retest::ui {

class ClippingPaintEngine;

/// The part of `line` inside `box` (Liang-Barsky), or nothing when it misses the box.
std::optional<QLineF> clipLineToRect(QLineF line, const QRectF& box);

class ClippingPaintDevice : public QPaintDevice {
public:
    /// Draws onto `target` (already begun, outliving this device) a picture of `size` pixels.
    ClippingPaintDevice(QPainter& target, QSize size);
    ~ClippingPaintDevice() override;
    ClippingPaintDevice(const ClippingPaintDevice&) = delete;
    ClippingPaintDevice& operator=(const ClippingPaintDevice&) = delete;

    QPaintEngine* paintEngine() const override;

protected:
    int metric(PaintDeviceMetric metric) const override;

private:
    QPainter& target_;
    QSize size_;
    std::unique_ptr<ClippingPaintEngine> engine_;
};

}  // namespace retest::ui
