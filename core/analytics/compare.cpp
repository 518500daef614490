#include "core/analytics/compare.h"

#include <cmath>
#include <limits>

namespace retest {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool usable(double v) {
    return std::isfinite(v) && v != 0.0;
}

}  // namespace

std::vector<double> alignCloses(std::span<const Bar> base, std::span<const Bar> other) {
    std::vector<double> out(base.size(), kNaN);
    std::size_t j = 0;
    for (std::size_t i = 0; i < base.size(); ++i) {
        while (j < other.size() && other[j].day <= base[i].day) {
            ++j;
        }
        if (j > 0) {
            out[i] = other[j - 1].close;
        }
    }
    return out;
}

std::optional<std::size_t> rebaseIndex(std::span<const double> values, std::size_t from) {
    for (std::size_t i = from; i < values.size(); ++i) {
        if (usable(values[i])) {
            return i;
        }
    }
    return std::nullopt;
}

std::vector<double> rebasePercent(std::span<const double> values, std::size_t from) {
    std::vector<double> out(values.size(), kNaN);
    const auto base = rebaseIndex(values, from);
    if (!base) {
        return out;
    }
    const double v0 = values[*base];
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isfinite(values[i])) {
            out[i] = (values[i] / v0 - 1.0) * 100.0;
        }
    }
    return out;
}

std::optional<double> percentChange(std::span<const double> values, std::size_t from,
                                    std::size_t to) {
    const auto base = rebaseIndex(values, from);
    if (!base || to >= values.size() || to < *base || !std::isfinite(values[to])) {
        return std::nullopt;
    }
    return (values[to] / values[*base] - 1.0) * 100.0;
}

std::vector<Bar> relativeStrength(std::span<const Bar> symbol, std::span<const Bar> benchmark) {
    std::vector<Bar> out;
    double s0 = 0;
    double b0 = 0;
    auto a = symbol.begin();
    auto b = benchmark.begin();
    while (a != symbol.end() && b != benchmark.end()) {
        if (a->day != b->day) {
            a->day < b->day ? ++a : ++b;
            continue;
        }
        if (a->close > 0 && b->close > 0) {
            if (out.empty()) {
                s0 = a->close;
                b0 = b->close;
            }
            const double v = 100.0 * (a->close / s0) / (b->close / b0);
            out.push_back(Bar{a->day, v, v, v, v, v, 0});
        }
        ++a;
        ++b;
    }
    return out;
}

}  // namespace retest
