// Y-axis tickers: prices with 1-2-5 steps and just enough decimals (1-2-5 per decade on a wide
// log axis), and volumes in compact K/M/B form.
#pragma once

#include "ui/chart/qcp.h"

namespace retest::ui {

class PriceTicker : public QCPAxisTicker {
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

class VolumeTicker : public QCPAxisTicker {
protected:
    int getSubTickCount(double /*tickStep*/) override { return 0; }
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
};

}  // namespace retest::ui
