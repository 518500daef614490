// Kind and style names, colour text, per-kind point rules and validation of annotations.
#include "core/annotations/annotation.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/model/date.h"

namespace retest {

namespace {

constexpr std::array<std::pair<AnnotationKind, std::string_view>, 7> kKindNames{{
    {AnnotationKind::HorizontalLine, "hline"},
    {AnnotationKind::Zone, "zone"},
    {AnnotationKind::TrendLine, "trend"},
    {AnnotationKind::Rectangle, "rect"},
    {AnnotationKind::Note, "note"},
    {AnnotationKind::Arrow, "arrow"},
    {AnnotationKind::DateMarker, "vline"},
}};

constexpr std::array<std::pair<LineStyle, std::string_view>, 3> kLineNames{{
    {LineStyle::Solid, "solid"},
    {LineStyle::Dash, "dash"},
    {LineStyle::Dot, "dot"},
}};

// 0001-01-01 .. 9999-12-31: the days an ISO date string can name.
const Day kFirstDay = dayFromCivil(1, 1, 1);
const Day kLastDay = dayFromCivil(9999, 12, 31);

std::string describe(const Annotation& a) {
    return std::string(annotationKindName(a.kind));
}

Result<Ok> validatePoints(const Annotation& a) {
    const std::string what = describe(a);
    const int want = annotationPointCount(a.kind);
    if (static_cast<int>(a.points.size()) != want) {
        return Error{what + " needs " + std::to_string(want) + (want == 1 ? " point" : " points") +
                     ", not " + std::to_string(a.points.size())};
    }
    for (std::size_t i = 0; i < a.points.size(); ++i) {
        const AnchorPoint& p = a.points[i];
        // Appended, not `" " + std::to_string()`: that trips GCC 12's -Wrestrict at -O3.
        std::string which;
        if (want != 1) {
            which = ' ';
            which += std::to_string(i + 1);
        }
        if (annotationUsesPrice(a.kind) && !std::isfinite(p.price)) {
            return Error{what + ": the price of point" + which + " is not a finite number"};
        }
        if (annotationUsesDay(a.kind) && (p.day < kFirstDay || p.day > kLastDay)) {
            return Error{what + ": the date of point" + which + " is outside the years 0001..9999"};
        }
    }
    return Ok{};
}

}  // namespace

std::string_view annotationKindName(AnnotationKind kind) {
    for (const auto& [k, name] : kKindNames) {
        if (k == kind) {
            return name;
        }
    }
    return "?";
}

std::optional<AnnotationKind> parseAnnotationKind(std::string_view name) {
    for (const auto& [k, n] : kKindNames) {
        if (n == name) {
            return k;
        }
    }
    return std::nullopt;
}

std::string_view lineStyleName(LineStyle style) {
    for (const auto& [s, name] : kLineNames) {
        if (s == style) {
            return name;
        }
    }
    return "?";
}

std::optional<LineStyle> parseLineStyle(std::string_view name) {
    for (const auto& [s, n] : kLineNames) {
        if (n == name) {
            return s;
        }
    }
    return std::nullopt;
}

std::string formatColor(std::uint32_t argb) {
    char buf[16];
    if ((argb >> 24) == 0xFF) {
        std::snprintf(buf, sizeof buf, "#%06x", static_cast<unsigned>(argb & 0xFFFFFF));
    } else {
        std::snprintf(buf, sizeof buf, "#%08x", static_cast<unsigned>(argb));
    }
    return buf;
}

std::optional<std::uint32_t> parseColor(std::string_view text) {
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#') {
        return std::nullopt;
    }
    const std::string_view hex = text.substr(1);
    for (char c : hex) {
        const bool digit =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!digit) {
            return std::nullopt;
        }
    }
    std::uint32_t value = 0;
    std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    return hex.size() == 6 ? (0xFF000000u | value) : value;
}

int annotationPointCount(AnnotationKind kind) {
    switch (kind) {
        case AnnotationKind::HorizontalLine:
        case AnnotationKind::Note:
        case AnnotationKind::DateMarker:
            return 1;
        case AnnotationKind::Zone:
        case AnnotationKind::TrendLine:
        case AnnotationKind::Rectangle:
        case AnnotationKind::Arrow:
            return 2;
    }
    return 0;
}

bool annotationUsesDay(AnnotationKind kind) {
    return kind != AnnotationKind::HorizontalLine && kind != AnnotationKind::Zone;
}

bool annotationUsesPrice(AnnotationKind kind) {
    return kind != AnnotationKind::DateMarker;
}

std::optional<std::pair<double, double>> annotationPriceSpan(std::span<const Annotation> list) {
    std::optional<std::pair<double, double>> span;
    for (const Annotation& a : list) {
        if (!annotationUsesPrice(a.kind)) {
            continue;
        }
        for (const AnchorPoint& p : a.points) {
            span = span ? std::pair{std::min(span->first, p.price), std::max(span->second, p.price)}
                        : std::pair{p.price, p.price};
        }
    }
    return span;
}

bool priceSpanFitsChart(std::pair<double, double> span, double low, double high) {
    constexpr double kRoom = 1.5;
    return span.first <= high * kRoom && span.second >= low / kRoom;
}

Result<Ok> validateAnnotation(const Annotation& a) {
    if (auto r = validatePoints(a); !r.ok()) {
        return r;
    }
    const std::string what = describe(a);
    if (a.kind == AnnotationKind::Zone && a.points[0].price > a.points[1].price) {
        return Error{what + ": the low price (first point) is above the high price (second point)"};
    }
    if (a.kind == AnnotationKind::TrendLine && a.points[0].day == a.points[1].day) {
        return Error{what + ": the two points are on the same date"};
    }
    if (a.kind == AnnotationKind::Note && a.label.empty()) {
        return Error{what + ": the note has no text"};
    }
    if (!std::isfinite(a.style.width) || a.style.width <= 0 || a.style.width > 50) {
        return Error{what + ": line width must be above 0 and at most 50"};
    }
    if (!std::isfinite(a.style.fontSize) || a.style.fontSize <= 0 || a.style.fontSize > 200) {
        return Error{what + ": font size must be above 0 and at most 200"};
    }
    return Ok{};
}

Annotation makeHorizontalLine(double price, std::string label) {
    Annotation a;
    a.kind = AnnotationKind::HorizontalLine;
    a.points = {AnchorPoint{0, price}};
    a.label = std::move(label);
    return a;
}

Annotation makeZone(double low, double high, std::string label) {
    Annotation a;
    a.kind = AnnotationKind::Zone;
    a.points = {AnchorPoint{0, low}, AnchorPoint{0, high}};
    a.label = std::move(label);
    return a;
}

Annotation makeNote(AnchorPoint at, std::string text) {
    Annotation a;
    a.kind = AnnotationKind::Note;
    a.points = {at};
    a.label = std::move(text);
    return a;
}

Annotation makeDateMarker(Day day, std::string label) {
    Annotation a;
    a.kind = AnnotationKind::DateMarker;
    a.points = {AnchorPoint{day, 0}};
    a.label = std::move(label);
    return a;
}

Annotation makeTwoPoint(AnnotationKind kind, AnchorPoint a, AnchorPoint b, std::string label) {
    Annotation out;
    out.kind = kind;
    out.points = {a, b};
    out.label = std::move(label);
    return out;
}

}  // namespace retest
