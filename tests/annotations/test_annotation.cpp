// The annotation value type: names users type, colours, per-kind rules and validation.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/annotations/annotation.h"
#include "core/model/date.h"
#include "tests/annotations/annotation_samples.h"

namespace retest {
namespace {

TEST(Annotation, KindNamesRoundTripAndUnknownNamesAreRefused) {
    const char* expected[] = {"hline", "zone", "trend", "rect", "note", "arrow", "vline"};
    int i = 0;
    for (AnnotationKind k : kAllAnnotationKinds) {
        EXPECT_EQ(annotationKindName(k), expected[i++]);
        EXPECT_EQ(parseAnnotationKind(annotationKindName(k)), k);
    }
    EXPECT_EQ(parseAnnotationKind("HLINE"), std::nullopt);
    EXPECT_EQ(parseAnnotationKind("line"), std::nullopt);
    EXPECT_EQ(parseLineStyle("dash"), LineStyle::Dash);
    EXPECT_EQ(parseLineStyle("dashed"), std::nullopt);
}

TEST(Annotation, ColoursAreHexWithOptionalAlpha) {
    EXPECT_EQ(formatColor(0xFFD32F2F), "#d32f2f");
    EXPECT_EQ(formatColor(0x802E7D32), "#802e7d32");
    EXPECT_EQ(parseColor("#D32F2F"), 0xFFD32F2Fu);
    EXPECT_EQ(parseColor("#802e7d32"), 0x802E7D32u);
    EXPECT_EQ(parseColor("d32f2f"), std::nullopt);
    EXPECT_EQ(parseColor("#d32f2"), std::nullopt);
    EXPECT_EQ(parseColor("#d32f2g"), std::nullopt);
    EXPECT_EQ(parseColor("red"), std::nullopt);
}

TEST(Annotation, EveryKindOfTheSamplesIsValidWithTheRightPointCount) {
    for (const Annotation& a : test::everyKind("^GSPC")) {
        EXPECT_TRUE(validateAnnotation(a).ok()) << annotationKindName(a.kind);
        EXPECT_EQ(static_cast<int>(a.points.size()), annotationPointCount(a.kind));
    }
}

std::string problem(const Annotation& a) {
    auto r = validateAnnotation(a);
    return r.ok() ? "(valid)" : r.error().message;
}

TEST(Annotation, ValidationSaysWhatIsWrong) {
    EXPECT_EQ(problem(makeZone(2304.92, 2191.86)),
              "zone: the low price (first point) is above the high price (second point)");
    EXPECT_EQ(problem(makeZone(2191.86, 2191.86)), "(valid)");
    EXPECT_EQ(problem(makeHorizontalLine(std::numeric_limits<double>::quiet_NaN())),
              "hline: the price of point is not a finite number");
    const Day d = *parseIsoDate("2020-03-23");
    EXPECT_EQ(problem(makeTwoPoint(AnnotationKind::TrendLine, {d, 1}, {d, 2})),
              "trend: the two points are on the same date");
    EXPECT_EQ(problem(makeTwoPoint(AnnotationKind::Rectangle, {d, 1},
                                   {d + 1, std::numeric_limits<double>::infinity()})),
              "rect: the price of point 2 is not a finite number");
    EXPECT_EQ(problem(makeNote({d, 2191.86}, "")), "note: the note has no text");

    Annotation wrongCount = makeHorizontalLine(1);
    wrongCount.points.push_back({0, 2});
    EXPECT_EQ(problem(wrongCount), "hline needs 1 point, not 2");
    Annotation noPoints = makeTwoPoint(AnnotationKind::Arrow, {d, 1}, {d + 1, 2});
    noPoints.points.clear();
    EXPECT_EQ(problem(noPoints), "arrow needs 2 points, not 0");

    EXPECT_EQ(problem(makeDateMarker(dayFromCivil(10000, 1, 1))),
              "vline: the date of point is outside the years 0001..9999");
    // A date marker's price and a line's day are ignored, whatever they hold.
    Annotation marker = makeDateMarker(d);
    marker.points[0].price = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(problem(marker), "(valid)");

    Annotation thin = makeHorizontalLine(1);
    thin.style.width = 0;
    EXPECT_EQ(problem(thin), "hline: line width must be above 0 and at most 50");
    Annotation tiny = makeNote({d, 1}, "x");
    tiny.style.fontSize = -1;
    EXPECT_EQ(problem(tiny), "note: font size must be above 0 and at most 200");
}

// The price span of a set of drawings, and whether it can belong to a chart: IWM's trend line
// and zone (175 to 258) fit neither ^RUT (966 to 2,596) nor VTWO (35.5 to 104), and fit SPY.
TEST(Annotation, DrawingsFitAChartWhoseRangeTheyReach) {
    const std::vector<Annotation> iwm = {
        makeTwoPoint(AnnotationKind::TrendLine, {100, 175.11}, {300, 228.09}),
        makeZone(210.43, 258.04), makeDateMarker(400)};
    const auto span = annotationPriceSpan(iwm);
    ASSERT_TRUE(span);
    EXPECT_DOUBLE_EQ(span->first, 175.11);
    EXPECT_DOUBLE_EQ(span->second, 258.04);
    EXPECT_FALSE(priceSpanFitsChart(*span, 966.22, 2595.98));
    EXPECT_FALSE(priceSpanFitsChart(*span, 35.53, 103.99));
    EXPECT_TRUE(priceSpanFitsChart(*span, 218.26, 689.70));
    // A target half as high again as the all-time high, or a stop a third under the low, fits.
    EXPECT_TRUE(priceSpanFitsChart({150, 150}, 50, 100));
    EXPECT_TRUE(priceSpanFitsChart({34, 34}, 50, 100));
    EXPECT_FALSE(priceSpanFitsChart({151, 160}, 50, 100));
    // Date markers have no price.
    EXPECT_FALSE(annotationPriceSpan(std::vector<Annotation>{makeDateMarker(400)}));
}

}  // namespace
}  // namespace retest
