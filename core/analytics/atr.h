// Average true range (Wilder): the volatility unit behind zone widths, margins and distances.
#pragma once

#include <span>
#include <vector>

#include "core/model/bar.h"

namespace retest {

/// Wilder's ATR for every bar. Causal: value i uses bars 0..i only. Before `period` bars the
/// value is the plain mean of the true ranges so far, so there is a usable value from bar 0.
std::vector<double> wilderAtr(std::span<const Bar> bars, int period = 14);

}  // namespace retest
