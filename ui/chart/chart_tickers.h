// Y-axis tickers: prices with 1-2-5 steps and just enough decimals (1-2-5 per decade on a wide
// log axis), and volumes in compact K/M/B form.
#pragma once

#include "ui/chart/qcp.h"

#include <algorithm>
#include <vector>

namespace retest::ui {

/// A ticker whose labels give way: ticks inside a hidden band (axis coordinates) keep their
/// tick mark and grid line but get no label, so a tag on the axis or the neighbouring pane's
/// label can sit there.
class GivingWayTicker : public QCPAxisTicker {
public:
    /// true when the bands differ from the ones set before (the labels must be made again).
    bool setHiddenBands(std::vector<QCPRange> bands) {
        if (bands == hidden_) {
            return false;
        }
        hidden_ = std::move(bands);
        return true;
    }
    const std::vector<QCPRange>& hiddenBands() const { return hidden_; }

protected:
    bool labelHidden(double tick) const {
        return std::any_of(hidden_.begin(), hidden_.end(),
                           [tick](const QCPRange& r) { return r.contains(tick); });
    }

private:
    std::vector<QCPRange> hidden_;
};

class PriceTicker : public GivingWayTicker {
public:
    /// Log mode: on a range spanning more than a decade-ish, ticks at 1, 2, 5 x 10^k.
    void setLogMode(bool on) { log_ = on; }

protected:
    double getTickStep(const QCPRange& range) override;
    int getSubTickCount(double /*tickStep*/) override { return 0; }
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;

private:
    bool useDecades(const QCPRange& range) const;
    bool log_ = false;
    double step_ = 1;
};

class VolumeTicker : public GivingWayTicker {
protected:
    int getSubTickCount(double /*tickStep*/) override { return 0; }
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
};

}  // namespace retest::ui
