// Average true range (Wilder): the volatility unit behind zone widths, margins and distances.
#pragma once

#include <span>
#include <vector>

#include "core/model/bar.h"

namespace retest {

/// Wilder's ATR for every bar. Causal: value i uses bars 0..i only. Before `period` bars the
/// value is the plain mean of the true ranges so far, so there is a usable value from bar 0.
std::vector<double> wilderAtr(std::span<const Bar> bars, int period = 14);

/// The same ATR one bar at a time, for analyses that consume bars as they arrive.
class AtrStream {
public:
    explicit AtrStream(int period = 14);
    /// ATR including `bar`; `previous` is the bar before it (nullptr for the first bar).
    double next(const Bar& bar, const Bar* previous);

private:
    double period_;
    double avg_ = 0;
    double count_ = 0;
};

}  // namespace retest
