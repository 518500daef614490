// A user's chart annotation (line, zone, note, arrow, …) as a plain value anchored in
// (date, price), so it stays put across zoom, pan, log scale and D/W/M timeframes. No Qt:
// the cache stores it, the JSON layer exchanges it, the chart draws it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/bar.h"
#include "core/model/result.h"

namespace retest {

enum class AnnotationKind { HorizontalLine, Zone, TrendLine, Rectangle, Note, Arrow, DateMarker };

/// Every kind, in declaration order (for menus, tests and loops).
inline constexpr AnnotationKind kAllAnnotationKinds[] = {
    AnnotationKind::HorizontalLine, AnnotationKind::Zone, AnnotationKind::TrendLine,
    AnnotationKind::Rectangle,      AnnotationKind::Note, AnnotationKind::Arrow,
    AnnotationKind::DateMarker};

enum class LineStyle { Solid, Dash, Dot };

/// One anchor. Kinds that ignore a coordinate keep it at 0 (see annotationUsesDay/Price).
struct AnchorPoint {
    Day day = 0;
    double price = 0;
    friend bool operator==(const AnchorPoint&, const AnchorPoint&) = default;
};

struct AnnotationStyle {
    std::uint32_t color = 0xFF2962FF;  ///< 0xAARRGGBB
    double width = 1.5;                ///< line width in device-independent pixels
    LineStyle line = LineStyle::Solid;
    bool extendRight = false;  ///< trend lines: continue past the second point
    double fontSize = 10;      ///< notes and labels, in points
    friend bool operator==(const AnnotationStyle&, const AnnotationStyle&) = default;
};

/// Points by kind (annotationPointCount):
///   HorizontalLine 1 — points[0].price (day ignored)
///   Zone           2 — points[0].price = low, points[1].price = high (days ignored)
///   TrendLine      2 — two (day, price), different days
///   Rectangle      2 — opposite corners, any order
///   Note           1 — where the text sits; the text is `label` (must not be empty)
///   Arrow          2 — points[0] = tail, points[1] = head (the bar it points at)
///   DateMarker     1 — points[0].day (price ignored)
struct Annotation {
    std::int64_t id = 0;  ///< 0 = not stored yet; the cache assigns ids
    std::string symbol;   ///< the symbol it belongs to, as in the cache ("^GSPC")
    AnnotationKind kind = AnnotationKind::HorizontalLine;
    std::vector<AnchorPoint> points;
    std::string label;  ///< caption, or the text of a Note
    AnnotationStyle style;
    friend bool operator==(const Annotation&, const Annotation&) = default;
};

/// "hline", "zone", "trend", "rect", "note", "arrow", "vline".
std::string_view annotationKindName(AnnotationKind kind);
/// The inverse of annotationKindName (exact, lower case); std::nullopt otherwise.
std::optional<AnnotationKind> parseAnnotationKind(std::string_view name);

/// "solid", "dash", "dot", and the inverse.
std::string_view lineStyleName(LineStyle style);
std::optional<LineStyle> parseLineStyle(std::string_view name);

/// "#rrggbb" when opaque, else "#aarrggbb" (Qt's QColor::name(HexArgb) order), lower case.
std::string formatColor(std::uint32_t argb);
/// "#rrggbb" (opaque) or "#aarrggbb", either case; std::nullopt otherwise.
std::optional<std::uint32_t> parseColor(std::string_view text);

/// 1 or 2, see Annotation.
int annotationPointCount(AnnotationKind kind);
/// False for HorizontalLine and Zone (their days are ignored and kept at 0).
bool annotationUsesDay(AnnotationKind kind);
/// False for DateMarker (its price is ignored and kept at 0).
bool annotationUsesPrice(AnnotationKind kind);

/// The lowest and highest price of the annotations' points (date markers have none), or
/// std::nullopt when none has a price.
std::optional<std::pair<double, double>> annotationPriceSpan(std::span<const Annotation> list);

/// Whether annotations spanning prices `span` (annotationPriceSpan()) can belong to a chart
/// that traded between `low` and `high` (both > 0): some point lies between low / 1.5 and
/// high x 1.5 (room for a target above the all-time high, a stop under the low). IWM's
/// drawings at 170–250 fit neither ^RUT's 1,000–2,600 nor VTWO's 60–104: they were drawn on
/// another symbol.
bool priceSpanFitsChart(std::pair<double, double> span, double low, double high);

/// Ok, or one sentence saying what is wrong: wrong number of points, non-finite price, zone
/// low above high, trend line on a single day, empty note, date outside 0001..9999, bad width
/// or font size. Does not check `symbol` or `id`.
Result<Ok> validateAnnotation(const Annotation& a);

/// Builders with the default style (symbol and id left empty/0).
Annotation makeHorizontalLine(double price, std::string label = {});
Annotation makeZone(double low, double high, std::string label = {});
Annotation makeNote(AnchorPoint at, std::string text);
Annotation makeDateMarker(Day day, std::string label = {});
/// TrendLine, Rectangle or Arrow.
Annotation makeTwoPoint(AnnotationKind kind, AnchorPoint a, AnchorPoint b, std::string label = {});

}  // namespace retest
