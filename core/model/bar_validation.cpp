// Bar rules shared by every source; see bar_validation.h.
#include "core/model/bar_validation.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <numeric>
#include <vector>

#include "core/model/date.h"

namespace retest {

namespace {

/// Shortest text that reads back as the same double ("101.5", "1e+20", "nan").
std::string number(double v) {
    if (!std::isfinite(v)) {
        return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    }
    std::array<char, 32> buf{};
    const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

}  // namespace

Day earliestBarDay() {
    return dayFromCivil(1900, 1, 1);
}

Day latestBarDay() {
    const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return static_cast<Day>(today.time_since_epoch().count()) + 1;
}

std::optional<std::string> checkBar(const Bar& bar, Day latest) {
    if (bar.day < earliestBarDay() || bar.day > latest) {
        return "date " + formatIsoDate(bar.day) + " is outside " + formatIsoDate(earliestBarDay()) +
               ".." + formatIsoDate(latest);
    }
    struct Field {
        const char* name;
        double value;
    };
    const std::array<Field, 5> prices = {{{"open", bar.open},
                                          {"high", bar.high},
                                          {"low", bar.low},
                                          {"close", bar.close},
                                          {"adj close", bar.adjClose}}};
    for (const Field& f : prices) {
        if (!std::isfinite(f.value)) {
            return std::string(f.name) + " " + number(f.value) + " is not a finite number";
        }
        if (f.value <= 0) {
            return std::string(f.name) + " " + number(f.value) +
                   (f.value < 0 ? " is negative" : " is zero (prices must be positive)");
        }
    }
    if (!std::isfinite(bar.volume)) {
        return "volume " + number(bar.volume) + " is not a finite number";
    }
    if (bar.volume < 0) {
        return "volume " + number(bar.volume) + " is negative";
    }
    const std::array<std::array<Field, 2>, 5> order = {
        {{{{"low", bar.low}, {"high", bar.high}}},
         {{{"low", bar.low}, {"open", bar.open}}},
         {{{"low", bar.low}, {"close", bar.close}}},
         {{{"open", bar.open}, {"high", bar.high}}},
         {{{"close", bar.close}, {"high", bar.high}}}}};
    for (const auto& [lower, upper] : order) {
        if (lower.value > upper.value) {
            return std::string(lower.name) + " " + number(lower.value) + " is above " + upper.name +
                   " " + number(upper.value);
        }
    }
    return std::nullopt;
}

std::string BarProblem::describe() const {
    return formatIsoDate(day) + " (bar " + std::to_string(index + 1) + "): " + reason;
}

std::optional<BarProblem> validateBars(std::span<const Bar> bars, Day latest) {
    for (std::size_t i = 0; i < bars.size(); ++i) {
        if (auto why = checkBar(bars[i], latest)) {
            return BarProblem{i, bars[i].day, std::move(*why)};
        }
    }
    const auto byDay = [](const Bar& a, const Bar& b) { return a.day < b.day; };
    std::vector<std::size_t> order;
    if (!std::is_sorted(bars.begin(), bars.end(), byDay)) {
        order.resize(bars.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return bars[a].day < bars[b].day; });
    }
    const auto at = [&](std::size_t k) { return order.empty() ? k : order[k]; };
    for (std::size_t k = 1; k < bars.size(); ++k) {
        const Bar& prev = bars[at(k - 1)];
        const Bar& cur = bars[at(k)];
        if (prev.day == cur.day && !(prev == cur)) {
            return BarProblem{std::max(at(k - 1), at(k)), cur.day,
                              "the day appears twice with different values (bars " +
                                  std::to_string(std::min(at(k - 1), at(k)) + 1) + " and " +
                                  std::to_string(std::max(at(k - 1), at(k)) + 1) + ")"};
        }
    }
    return std::nullopt;
}

}  // namespace retest
