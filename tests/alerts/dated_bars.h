// A bar on a calendar day with a given close and a range of close ± 1: the alert tests build
// their refreshes from these.
#pragma once

#include "core/model/bar.h"
#include "core/model/date.h"

namespace retest::test {

inline Bar datedBar(const char* iso, double close) {
    return Bar{*parseIsoDate(iso), close, close + 1, close - 1, close, close, 100};
}

}  // namespace retest::test
