// Annotations as JSON: exact round trips of every kind, the documented shape, and errors that
// name the file, the annotation and the reason.
#include <gtest/gtest.h>

#include "core/annotations/annotation_json.h"
#include "core/model/date.h"
#include "tests/annotations/annotation_samples.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

TEST(AnnotationJson, EveryKindRoundTripsExactly) {
    std::vector<Annotation> all = test::everyKind("");
    for (std::size_t i = 0; i < all.size(); ++i) {
        all[i].id = static_cast<std::int64_t>(i) + 40;
    }
    const std::string text = annotationsToJson(all);
    auto back = annotationsFromJson(text, "round.json");
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_EQ(back->size(), all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        EXPECT_EQ((*back)[i], all[i]) << annotationKindName(all[i].kind);
    }
}

TEST(AnnotationJson, WritesTheDocumentedShape) {
    Annotation line = makeHorizontalLine(3393.52, "ceiling");
    line.id = 7;
    Annotation marker = makeDateMarker(*parseIsoDate("2020-02-19"));
    const std::vector<Annotation> two{line, marker};
    const std::string text = annotationsToJson(two);
    // Qt writes keys sorted; lines carry no date, date markers no price.
    EXPECT_NE(text.find(R"("kind": "hline")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("points": [
            {
                "price": 3393.52
            }
        ])"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(R"("date": "2020-02-19")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("color": "#2962ff")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("line": "solid")"), std::string::npos) << text;
    EXPECT_NE(text.find(R"("extendRight": false)"), std::string::npos) << text;
    EXPECT_EQ(text.find("symbol"), std::string::npos) << text;
    EXPECT_EQ(annotationsToJson({}), "[\n]\n");
}

TEST(AnnotationJson, ReadsAHandWrittenFileWithDefaults) {
    const auto path = test::dataFile("annotations/all_kinds.json");
    auto parsed = annotationsFromJson(test::readFile(path), path.string());
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    const std::vector<Annotation>& a = *parsed;
    ASSERT_EQ(a.size(), 7u);
    EXPECT_EQ(a[0].id, 11);
    EXPECT_EQ(a[0].points, (std::vector<AnchorPoint>{{0, 3393.52}}));
    EXPECT_EQ(a[0].style.color, 0xFFD32F2Fu);
    EXPECT_EQ(a[0].style.line, LineStyle::Dash);
    EXPECT_EQ(a[1].id, 0);  // no "id": not stored yet
    EXPECT_EQ(a[1].kind, AnnotationKind::Zone);
    EXPECT_EQ(a[1].style, AnnotationStyle{});
    EXPECT_EQ(a[2].points[1], (AnchorPoint{*parseIsoDate("2020-04-17"), 2830.88}));
    EXPECT_TRUE(a[2].style.extendRight);
    EXPECT_EQ(a[4].label, "COVID low");
    EXPECT_EQ(a[4].style.fontSize, 12);
    EXPECT_EQ(a[5].style.color, 0x802E7D32u);
    EXPECT_EQ(a[6].points, (std::vector<AnchorPoint>{{*parseIsoDate("2020-02-19"), 0}}));
    for (const Annotation& x : a) {
        EXPECT_TRUE(x.symbol.empty());
    }
}

std::string errorOf(const std::string& json) {
    auto r = annotationsFromJson(json, "f.json");
    return r.ok() ? "(parsed)" : r.error().message;
}

TEST(AnnotationJson, ErrorsNameFileAnnotationAndReason) {
    const auto path = test::dataFile("annotations/bad_third_missing_points.json");
    auto bad = annotationsFromJson(test::readFile(path), path.string());
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, path.string() + ": annotation 3: missing \"points\"");

    EXPECT_EQ(errorOf(R"([{"kind": "circle", "points": []}])"),
              "f.json: annotation 1: \"kind\" \"circle\" is not one of hline, zone, trend, rect, "
              "note, arrow, vline");
    EXPECT_EQ(errorOf(R"([{"points": []}])"), "f.json: annotation 1: missing \"kind\"");
    EXPECT_EQ(errorOf(R"([{"kind": "trend", "points": [{"date": "2020-03-23", "price": 1},
                                                      {"date": "2020-02-30", "price": 2}]}])"),
              "f.json: annotation 1: point 2: \"date\" \"2020-02-30\" is not a real YYYY-MM-DD "
              "date");
    EXPECT_EQ(errorOf(R"([{"kind": "note", "points": [{"date": "2020-03-23"}], "label": "x"}])"),
              "f.json: annotation 1: point 1: missing \"price\"");
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": "3393"}]}])"),
              "f.json: annotation 1: point 1: \"price\" must be a number");
    EXPECT_EQ(errorOf(R"([{"kind": "zone", "points": [{"price": 2}, {"price": 1}]}])"),
              "f.json: annotation 1: zone: the low price (first point) is above the high price "
              "(second point)");
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": 1}, {"price": 2}]}])"),
              "f.json: annotation 1: hline needs 1 point, not 2");
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": 1}],
                           "style": {"color": "red"}}])"),
              "f.json: annotation 1: style: \"color\" \"red\" is not #rrggbb or #aarrggbb");
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": 1}], "id": 2.5}])"),
              "f.json: annotation 1: \"id\" must be a whole number, 0 or more");
    // Found by fuzzing: an id beyond int64 was undefined behaviour in the cast.
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": 1}], "id": 1.5e81}])"),
              "f.json: annotation 1: \"id\" must be a whole number, 0 or more");
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": 1}], "id": 1e19}])"),
              "f.json: annotation 1: \"id\" must be a whole number, 0 or more");
    EXPECT_EQ(errorOf(R"([{"kind": "hline", "points": [{"price": 1}]}, 5])"),
              "f.json: annotation 2: must be a JSON object");
    EXPECT_EQ(errorOf(R"({"kind": "hline"})"),
              "f.json: expected a JSON array of annotations ([{...}, ...])");
    const std::string syntax = errorOf("[\n  {\"kind\": \"hline\",,}\n]");
    EXPECT_EQ(syntax.rfind("f.json: not valid JSON at line 2, column ", 0), 0u) << syntax;
}

TEST(AnnotationJson, UnknownKeysAreIgnoredForFilesFromNewerVersions) {
    auto r = annotationsFromJson(
        R"([{"kind": "hline", "points": [{"price": 1, "extra": 1}], "locked": true}])", "f");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ((*r)[0].points[0].price, 1);
}

}  // namespace
}  // namespace retest
