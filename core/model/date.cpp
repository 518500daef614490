// Calendar arithmetic through <chrono>; parsing is strict so a CSV with `2020-13-01` is refused.
#include "core/model/date.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace retest {

namespace {

template <typename Int>
bool parseDigits(std::string_view text, Int& out) {
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace

std::optional<Day> parseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    if (!parseDigits(text.substr(0, 4), year) || !parseDigits(text.substr(5, 2), month) ||
        !parseDigits(text.substr(8, 2), day)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return static_cast<Day>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

std::string formatIsoDate(Day day) {
    const CivilDate c = civilFromDay(day);
    if (c.year < 0 || c.year > 9999) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.year, c.month, c.day);
        return buf;
    }
    // Digits written directly: event ids and descriptions format thousands of dates.
    const auto y = static_cast<unsigned>(c.year);
    const auto digit = [](unsigned v) { return static_cast<char>('0' + v % 10); };
    const char text[10] = {
        digit(y / 1000),     digit(y / 100), digit(y / 10), digit(y),          '-',
        digit(c.month / 10), digit(c.month), '-',           digit(c.day / 10), digit(c.day)};
    return std::string(text, sizeof text);
}

const char* monthAbbrev(unsigned month) {
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return kMonths[(month + 11) % 12];
}

CivilDate civilFromDay(Day day) {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day())};
}

Day dayFromCivil(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    return static_cast<Day>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

int weekdayOf(Day day) {
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    const int w = (day % 7 + 7 + 3) % 7;
    return w;
}

}  // namespace retest
