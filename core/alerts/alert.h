// Price alerts: what a user asked to be told about, and when it fired. Pure values and pure
// evaluation over arrays of daily bars; the cache stores them (core/cache/alert_store.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <vector>

#include "core/analytics/levels.h"
#include "core/annotations/annotation.h"
#include "core/model/bar.h"

namespace retest {

enum class AlertKind {
    EntersZone,       ///< a bar's range reaches into LOW..HIGH after a bar that did not
    ClosesAbove,      ///< a close above P after a close at or below it (also pane thresholds)
    ClosesBelow,      ///< a close below P after a close at or above it
    RetestHeld,       ///< a breakout's (or breakdown's) retest became "held"
    RetestFailed,     ///< a breakout's (or breakdown's) retest became "failed"
    AllTimeHigh,      ///< a close above every earlier close
    ClosesAboveLine,  ///< a close above a trend line after a close at or below it
    ClosesBelowLine,  ///< a close below a trend line after a close at or above it
};
/// A close against a trend line (ClosesAboveLine, ClosesBelowLine).
inline bool isLineAlert(AlertKind kind) {
    return kind == AlertKind::ClosesAboveLine || kind == AlertKind::ClosesBelowLine;
}
/// A close above or below a price, or entering a zone: an alert at fixed prices.
inline bool isLevelAlert(AlertKind kind) {
    return kind == AlertKind::ClosesAbove || kind == AlertKind::ClosesBelow ||
           kind == AlertKind::EntersZone;
}
/// An alert with prices (low, high): at fixed prices or along a trend line.
inline bool isPricedAlert(AlertKind kind) {
    return isLevelAlert(kind) || isLineAlert(kind);
}

/// "enters", "closes-above", "closes-below", "retest-held", "retest-failed", "ath",
/// "closes-above-line", "closes-below-line".
std::string_view alertKindName(AlertKind kind);
std::optional<AlertKind> parseAlertKind(std::string_view name);

enum class AlertState { Armed, Fired };

struct Alert {
    std::int64_t id = 0;
    std::string symbol;
    AlertKind kind = AlertKind::ClosesAbove;
    double low = 0;   ///< the price P, the zone's low, or the trend line's price on lineFrom
    double high = 0;  ///< the zone's high, the line's price on lineTo, otherwise equal to low
    /// A trend line's two days (ClosesAboveLine, ClosesBelowLine). The line runs through
    /// (lineFrom, low) and (lineTo, high) and on past them, bar by bar as the daily chart
    /// draws it (barAxisPosition(): a day without a session is on the next one).
    Day lineFrom = 0;
    Day lineTo = 0;
    std::string note;
    /// Only bars after this day are watched: the last cached bar when the alert was created or
    /// re-armed (the day before creation when the symbol had no data), so old history never
    /// fires it.
    Day watchFrom = 0;
    AlertState state = AlertState::Armed;
    Day firedDay = 0;  ///< the bar that fired it (Fired only)
    double firedClose = 0;
    std::string firedDetail;  ///< e.g. "closed 236.79 below 240.00"
    std::int64_t createdUnix = 0;

    /// Sets the trend line through two points, given in either order (stored oldest first).
    void setLine(Day day1, double price1, Day day2, double price2);
    std::int64_t firedUnix = 0;
};

/// The condition in words: "closes below 240.00", "enters 228.00–232.00", "new all-time high".
std::string describeAlert(const Alert& alert);

/// Why the alert's numbers are not usable (NaN, negative, low > high), or std::nullopt.
std::optional<std::string> alertProblem(const Alert& alert);

/// An alert on a level's zone: entering it (LOW..HIGH), a close above its high or below its
/// low; the note names the level ("the Nov-2021 record high 242.06–247.38").
Alert alertForZone(std::string_view symbol, const Zone& zone, AlertKind kind);

/// What right-click ▸ Alert… offers on something drawn at prices, the default first. A level's
/// zone: entering it, a close above its high, a close below its low (alertForZone).
std::vector<Alert> alertChoicesForZone(std::string_view symbol, const Zone& zone);
/// A price range LOW..HIGH (a zone or rectangle drawing): entering it, a close above HIGH, a
/// close below LOW; each with `note`.
std::vector<Alert> alertChoicesForRange(std::string_view symbol, double low, double high,
                                        const std::string& note);
/// One price (a horizontal line, a pane threshold): a close above it, a close below it.
std::vector<Alert> alertChoicesForPrice(std::string_view symbol, double price,
                                        const std::string& note);
/// A drawing: a horizontal line as a price, a zone or rectangle as its price range, a trend
/// line as a close above or below it (extended past its points), the note naming the drawing
/// ("line 240.00", or its label). Empty for kinds without a price condition (notes, arrows,
/// date markers).
std::vector<Alert> alertChoicesForDrawing(const Annotation& drawing);

/// One occurrence of an alert's condition.
struct AlertFiring {
    Day day = 0;  ///< the bar that fired it
    double close = 0;
    std::string detail;
};

/// The first occurrence of `alert`'s condition on a bar after alert.watchFrom, in ascending
/// daily `bars` (the whole cached history of the symbol: the bar before the first watched one
/// and, for all-time highs, every earlier close count as context). std::nullopt when nothing
/// happened yet. `levels` is analyzeLevels(bars) for the retest kinds (computed here when
/// null); other kinds ignore it. `highestCloseBefore`: for all-time highs when `bars` starts
/// later than the history, the highest close before bars.front().
std::optional<AlertFiring> evaluateAlert(const Alert& alert, std::span<const Bar> bars,
                                         const LevelAnalysis* levels = nullptr,
                                         std::optional<double> highestCloseBefore = std::nullopt);

}  // namespace retest
