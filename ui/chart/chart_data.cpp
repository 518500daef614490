// Pure chart data helpers; no Qt, no QCustomPlot.
#include "ui/chart/chart_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/model/date.h"

namespace retest::ui {

int decimationFactor(double visibleBars, double pixels, double minPixels) {
    if (pixels <= 0 || visibleBars <= 0) {
        return 1;
    }
    return std::max(1, static_cast<int>(std::ceil(visibleBars * minPixels / pixels)));
}

std::vector<DrawnBar> decimateBars(std::span<const Bar> bars, int factor) {
    factor = std::max(factor, 1);
    std::vector<DrawnBar> out;
    out.reserve(bars.size() / static_cast<std::size_t>(factor) + 1);
    for (std::size_t start = 0; start < bars.size(); start += static_cast<std::size_t>(factor)) {
        const std::size_t end = std::min(bars.size(), start + static_cast<std::size_t>(factor));
        DrawnBar d;
        d.x = 0.5 * static_cast<double>(start + end - 1);
        d.open = bars[start].open;
        d.close = bars[end - 1].close;
        d.high = bars[start].high;
        d.low = bars[start].low;
        for (std::size_t i = start; i < end; ++i) {
            d.high = std::max(d.high, bars[i].high);
            d.low = std::min(d.low, bars[i].low);
            d.volume += bars[i].volume;
        }
        d.volume /= static_cast<double>(end - start);
        out.push_back(d);
    }
    return out;
}

Extremes visibleExtremes(std::span<const Bar> bars, int first, int last, bool closesOnly) {
    Extremes e;
    first = std::max(first, 0);
    last = std::min(last, static_cast<int>(bars.size()) - 1);
    for (int i = first; i <= last; ++i) {
        const Bar& b = bars[static_cast<std::size_t>(i)];
        const double lo = closesOnly ? b.close : b.low;
        const double hi = closesOnly ? b.close : b.high;
        if (!e.valid) {
            e = {lo, hi, b.volume, true};
            continue;
        }
        e.low = std::min(e.low, lo);
        e.high = std::max(e.high, hi);
        e.maxVolume = std::max(e.maxVolume, b.volume);
    }
    return e;
}

std::string formatVolume(double volume) {
    char buf[32];
    const double a = std::fabs(volume);
    if (a >= 1e9) {
        std::snprintf(buf, sizeof buf, "%.2fB", volume / 1e9);
    } else if (a >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.2fM", volume / 1e6);
    } else if (a >= 1e4) {
        std::snprintf(buf, sizeof buf, "%.1fK", volume / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f", volume);
    }
    return buf;
}

std::string formatPrice(double price, double reference) {
    char buf[32];
    const double magnitude = std::isnan(reference) ? price : reference;
    std::snprintf(buf, sizeof buf, std::fabs(magnitude) < 10 ? "%.4f" : "%.2f", price);
    return buf;
}

std::string readoutText(std::span<const Bar> bars, int index) {
    if (index < 0 || index >= static_cast<int>(bars.size())) {
        return {};
    }
    const Bar& b = bars[static_cast<std::size_t>(index)];
    std::string text = formatIsoDate(b.day) + "   O " + formatPrice(b.open) + "  H " +
                       formatPrice(b.high) + "  L " + formatPrice(b.low) + "  C " +
                       formatPrice(b.close) + "   Vol " + formatVolume(b.volume);
    if (index > 0) {
        const double prev = bars[static_cast<std::size_t>(index - 1)].close;
        const double change = b.close - prev;
        char buf[64];
        std::snprintf(buf, sizeof buf, "   %s%s (%+.2f%%)", change >= 0 ? "+" : "",
                      formatPrice(change, b.close).c_str(),
                      prev != 0 ? 100.0 * change / prev : 0.0);
        text += buf;
    }
    return text;
}

}  // namespace retest::ui
