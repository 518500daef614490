// Building blocks of levels.h: swing prices clustered into disjoint zones, and the bars that
// tested each zone. Exposed for tests; callers normally use analyzeLevels().
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/analytics/levels.h"
#include "core/analytics/pivots.h"

namespace retest {

/// Widths relative to price, so one setting fits a level at 700 and one at 3000.
struct ZoneParams {
    double gapRel = 0.02;      ///< swings closer than this (fraction of price) share a zone
    double maxSpanRel = 0.04;  ///< a zone's swings never spread wider than this
    double padRel = 0.005;     ///< the zone extends this far beyond its outermost swings
};

struct SwingPoint {
    Pivot pivot;
    bool major = false;   ///< a major peak or trough
    bool record = false;  ///< a peak above every earlier high (an all-time high when made)
};

/// Disjoint zones sorted by price, named after their most telling swing ("the 2007 high");
/// manual levels become zones too, merging with any detected zone they overlap.
/// Touches, kind and strength are left empty.
std::vector<Zone> buildZones(std::span<const SwingPoint> swings,
                             std::span<const ManualLevelInput> manual, const ZoneParams& params);

/// Whether swing `a` names a zone better than `b`: major and record swings first, then the
/// most extreme (the highest high, the lowest low), highs before lows.
bool namesZoneBetter(const SwingPoint& a, const SwingPoint& b);
/// "the 2007 high", "the 2009 low".
std::string swingName(const SwingPoint& s);

/// Fills touches, rejections and first/last touch of zones sorted by price and disjoint.
/// A visit starts when a bar's range reaches the zone and ends when a close is beyond the zone
/// by `clearanceAtr` ATR; it is a rejection when it ends on the side it came from. O(n log z).
void collectTouches(std::span<const Bar> bars, std::span<const double> atr, double clearanceAtr,
                    std::vector<Zone>& zones);

}  // namespace retest
