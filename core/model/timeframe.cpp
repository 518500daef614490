#include "core/model/timeframe.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace retest {

std::optional<Timeframe> parseTimeframe(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "d" || lower == "daily") {
        return Timeframe::Daily;
    }
    if (lower == "w" || lower == "weekly") {
        return Timeframe::Weekly;
    }
    if (lower == "m" || lower == "monthly") {
        return Timeframe::Monthly;
    }
    return std::nullopt;
}

std::string_view timeframeCode(Timeframe tf) {
    switch (tf) {
        case Timeframe::Daily:
            return "D";
        case Timeframe::Weekly:
            return "W";
        case Timeframe::Monthly:
            return "M";
    }
    return "D";
}

std::string_view timeframeName(Timeframe tf) {
    switch (tf) {
        case Timeframe::Daily:
            return "Daily";
        case Timeframe::Weekly:
            return "Weekly";
        case Timeframe::Monthly:
            return "Monthly";
    }
    return "Daily";
}

}  // namespace retest
