#include "core/model/timeframe.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/model/text.h"

namespace retest {

std::optional<Timeframe> parseTimeframe(std::string_view text) {
    const std::string lower = toLowerAscii(text);
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
