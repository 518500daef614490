// Y-axis tick placement and labels for the price and volume panes.
#include "ui/chart/chart_tickers.h"

#include <QRegularExpression>
#include <cmath>

#include "ui/chart/chart_data.h"

namespace retest::ui {

namespace {

double niceStep(double raw) {
    if (!(raw > 0)) {
        return 1;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double mantissa = raw / magnitude;
    const double nice = mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10;
    return nice * magnitude;
}

int decimalsFor(double step) {
    return step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
}

}  // namespace

bool PriceTicker::useDecades(const QCPRange& range) const {
    return log_ && range.lower > 0 && range.upper / range.lower > 8;
}

double PriceTicker::getTickStep(const QCPRange& range) {
    step_ = niceStep(range.size() / std::max(1, tickCount()));
    return step_;
}

QVector<double> PriceTicker::createTickVector(double tickStep, const QCPRange& range) {
    if (!useDecades(range)) {
        return QCPAxisTicker::createTickVector(tickStep, range);
    }
    QVector<double> ticks;
    const int firstDecade = static_cast<int>(std::floor(std::log10(range.lower)));
    const int lastDecade = static_cast<int>(std::ceil(std::log10(range.upper)));
    const bool dense = lastDecade - firstDecade <= 4;
    for (int k = firstDecade; k <= lastDecade; ++k) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double v = m * std::pow(10.0, k);
            if ((dense || m == 1.0) && v >= range.lower && v <= range.upper) {
                ticks.push_back(v);
            }
        }
    }
    return ticks;
}

QString PriceTicker::getTickLabel(double tick, const QLocale& locale, QChar /*formatChar*/,
                                  int /*precision*/) {
    if (labelHidden(tick)) {
        return {};
    }
    double step = step_;
    if (log_ && tick > 0 && step_ > tick) {
        step = std::pow(10.0, std::floor(std::log10(tick)));  // decade ticks below the step
    }
    return locale.toString(tick, 'f', decimalsFor(step));
}

QString VolumeTicker::getTickLabel(double tick, const QLocale& /*locale*/, QChar /*formatChar*/,
                                   int /*precision*/) {
    if (labelHidden(tick)) {
        return {};
    }
    QString text = QString::fromStdString(formatVolume(tick));
    // "5.00B" -> "5B", "2.50M" -> "2.5M": tick values are round, the zeros are noise.
    static const QRegularExpression trailingZeros(QStringLiteral("\\.?0+(?=[KMB]$)"));
    if (text.contains(QLatin1Char('.'))) {
        text.remove(trailingZeros);
    }
    return text;
}

}  // namespace retest::ui
