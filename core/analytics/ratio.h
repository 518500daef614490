// Ratio symbols ("IWM:SPY"): parsing the text and building the ratio's bars from the two sides'
// bars on the dates both have. Pure functions over arrays of bars: no Qt, no I/O.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/bar.h"
#include "core/model/result.h"

namespace retest {

/// The two sides of "A:B" (A over B), upper-case as stored in the cache.
struct RatioSymbol {
    std::string numerator;
    std::string denominator;

    /// "A:B".
    std::string text() const { return numerator + ':' + denominator; }
    friend bool operator==(const RatioSymbol&, const RatioSymbol&) = default;
};

/// True when `text` is meant as a ratio (it contains ':'), valid or not.
bool looksLikeRatio(std::string_view text);

/// Whether `text` is a plain symbol a cache can hold (IWM, ^GSPC, BRK.B, DGS10, ES=F).
/// Kept alone so it can give way to the shared rule in core/model/symbol.h.
bool isPlainSymbol(std::string_view text);

/// Parses "A:B" (spaces around the sides ignored, upper-cased). Errors name the text and say
/// what is wrong: an empty side ("IWM:" has no denominator), both sides the same ("SPY:SPY"),
/// more than one ':' or a side that is not a symbol.
Result<RatioSymbol> parseRatioSymbol(std::string_view text);

/// The ratio's bars on the days both series have (both ascending by day, each day once).
/// close = closeA / closeB and open = openA / openB: the two synchronized prints of a day.
/// The intraday path of a ratio is unknown; all that is certain is that it lies in
/// [lowA / highB, highA / lowB]. high = max(open, close, highA / highB) and
/// low = min(open, close, lowA / lowB): the quotient of the extremes, which lies inside that
/// certain range, widened to hold open and close. adjClose = adjCloseA / adjCloseB; volume 0.
/// Days where a side has a price <= 0 are left out (no ratio exists).
std::vector<Bar> ratioBars(std::span<const Bar> numerator, std::span<const Bar> denominator);

}  // namespace retest
