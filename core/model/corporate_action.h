// Splits and dividends: events that change how past prices compare with today's.
#pragma once

#include "core/model/bar.h"

namespace retest {

/// A split or a cash dividend, as reported by a feed.
struct CorporateAction {
    enum class Kind { Split, Dividend };
    Day day = 0;
    Kind kind = Kind::Dividend;
    /// Split: new shares per old share (2.0 for a 2-for-1). Dividend: cash per share.
    double value = 0;
    friend bool operator==(const CorporateAction&, const CorporateAction&) = default;
};

}  // namespace retest
