#include "core/analytics/resample.h"

#include <algorithm>

#include "core/model/date.h"

namespace retest {

Day periodStart(Day day, Timeframe tf) {
    switch (tf) {
        case Timeframe::Daily:
            return day;
        case Timeframe::Weekly:
            return day - weekdayOf(day);
        case Timeframe::Monthly: {
            const CivilDate c = civilFromDay(day);
            return dayFromCivil(c.year, c.month, 1);
        }
    }
    return day;
}

std::vector<Bar> resample(std::span<const Bar> daily, Timeframe tf) {
    if (tf == Timeframe::Daily) {
        return {daily.begin(), daily.end()};
    }
    std::vector<Bar> out;
    out.reserve(tf == Timeframe::Weekly ? daily.size() / 4 + 1 : daily.size() / 18 + 1);
    Day currentPeriod = 0;
    for (const Bar& b : daily) {
        const Day period = periodStart(b.day, tf);
        if (out.empty() || period != currentPeriod) {
            currentPeriod = period;
            out.push_back(b);
            continue;
        }
        Bar& agg = out.back();
        agg.day = b.day;
        agg.high = std::max(agg.high, b.high);
        agg.low = std::min(agg.low, b.low);
        agg.close = b.close;
        agg.adjClose = b.adjClose;
        agg.volume += b.volume;
    }
    return out;
}

}  // namespace retest
