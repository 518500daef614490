// Pure chart data helpers; no Qt, no QCustomPlot.
#include "ui/chart/chart_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/model/date.h"
#include "core/model/text.h"

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

std::vector<std::optional<double>> spreadLabels(std::span<const double> wanted,
                                                std::span<const int> priority, double height,
                                                double top, double bottom) {
    const std::size_t n = wanted.size();
    std::vector<std::optional<double>> out(n);
    if (n == 0 || !(height > 0) || bottom - top < height) {
        return out;
    }
    // Keep the most important ones that fit, then lay those out top to bottom.
    std::vector<std::size_t> kept(n);
    for (std::size_t i = 0; i < n; ++i) {
        kept[i] = i;
    }
    std::stable_sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
        return (a < priority.size() ? priority[a] : 0) > (b < priority.size() ? priority[b] : 0);
    });
    const auto capacity = static_cast<std::size_t>((bottom - top) / height);
    kept.resize(std::min(kept.size(), capacity));
    std::sort(kept.begin(), kept.end(), [&](std::size_t a, std::size_t b) {
        return wanted[a] < wanted[b] || (wanted[a] == wanted[b] && a < b);
    });

    struct Cluster {
        std::size_t first;  // into kept
        std::size_t count;
        double sum;    // of the members' wanted centres
        double start;  // centre of its first label
    };
    const double lowest = top + height / 2;
    const double highest = bottom - height / 2;
    const auto place = [&](Cluster& c) {
        const double span = height * static_cast<double>(c.count - 1);
        c.start = std::clamp(c.sum / static_cast<double>(c.count) - span / 2, lowest,
                             std::max(lowest, highest - span));
    };
    std::vector<Cluster> clusters;
    for (std::size_t k = 0; k < kept.size(); ++k) {
        Cluster c{k, 1, wanted[kept[k]], 0};
        place(c);
        while (!clusters.empty()) {
            Cluster& prev = clusters.back();
            if (prev.start + height * static_cast<double>(prev.count) <= c.start + 1e-9) {
                break;
            }
            prev.count += c.count;
            prev.sum += c.sum;
            place(prev);
            c = prev;
            clusters.pop_back();
        }
        clusters.push_back(c);
    }
    for (const Cluster& c : clusters) {
        for (std::size_t j = 0; j < c.count; ++j) {
            out[kept[c.first + j]] = c.start + height * static_cast<double>(j);
        }
    }
    return out;
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

std::string readoutText(std::span<const Bar> bars, int index) {
    return readoutText(bars, index, index);
}

std::pair<int, int> mergedGroup(int index, int factor, int barCount) {
    factor = std::max(factor, 1);
    if (barCount <= 0) {
        return {0, -1};
    }
    index = std::clamp(index, 0, barCount - 1);
    const int first = index / factor * factor;
    return {first, std::min(barCount - 1, first + factor - 1)};
}

std::string readoutText(std::span<const Bar> bars, int first, int last, bool volume) {
    const int n = static_cast<int>(bars.size());
    if (first < 0 || last < first || last >= n) {
        return {};
    }
    const auto at = [&](int i) -> const Bar& { return bars[static_cast<std::size_t>(i)]; };
    Bar b = at(first);
    for (int i = first + 1; i <= last; ++i) {
        b.high = std::max(b.high, at(i).high);
        b.low = std::min(b.low, at(i).low);
        b.volume += at(i).volume;
    }
    b.close = at(last).close;
    std::string date = formatIsoDate(at(first).day);
    if (last > first) {
        date += " – " + formatIsoDate(at(last).day);
    }
    // One precision for the whole bar, the close's (as its change has): "L 9.0000" beside
    // "H 11.00" read as two different instruments.
    const auto price = [&](double p) { return formatPrice(p, b.close); };
    std::string text = date + "   O " + price(b.open) + "  H " + price(b.high) + "  L " +
                       price(b.low) + "  C " + price(b.close);
    if (volume) {
        text += "   Vol " + formatVolume(b.volume);
    }
    if (first > 0) {
        const double prev = at(first - 1).close;
        const double change = b.close - prev;
        appendText(text, {"   ", formatChange(change, b.close), " (",
                          signedText(prev != 0 ? 100.0 * change / prev : 0.0, 2), "%)"});
    }
    return text;
}

}  // namespace retest::ui
