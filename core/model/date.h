// Calendar dates as `Day` (days since 1970-01-01) and their ISO-8601 text form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model/bar.h"

namespace retest {

struct CivilDate {
    int year = 1970;
    unsigned month = 1;  // 1..12
    unsigned day = 1;    // 1..31
};

/// Strict `YYYY-MM-DD` (a real calendar date); anything else is std::nullopt.
std::optional<Day> parseIsoDate(std::string_view text);
/// `YYYY-MM-DD`.
std::string formatIsoDate(Day day);

CivilDate civilFromDay(Day day);
/// "Jan" … "Dec" for month 1..12 (wrapped into that range).
const char* monthAbbrev(unsigned month);
/// The day of a calendar date; month and day must be valid.
Day dayFromCivil(int year, unsigned month, unsigned day);
/// 0 = Monday … 6 = Sunday.
int weekdayOf(Day day);

}  // namespace retest
