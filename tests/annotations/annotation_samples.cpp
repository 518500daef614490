#include "tests/annotations/annotation_samples.h"

#include "core/model/date.h"

namespace retest::test {

std::vector<Annotation> everyKind(const std::string& symbol) {
    const Day feb19 = *parseIsoDate("2020-02-19");
    const Day mar23 = *parseIsoDate("2020-03-23");
    const Day apr17 = *parseIsoDate("2020-04-17");
    std::vector<Annotation> all{
        makeHorizontalLine(3393.52, "old ceiling = new floor?"),
        makeZone(2191.860107, 2304.919922, "retest zone"),
        makeTwoPoint(AnnotationKind::TrendLine, {mar23, 2191.860107}, {apr17, 2830.879883}),
        makeTwoPoint(AnnotationKind::Rectangle, {feb19, 3393.52}, {mar23, 2191.860107}),
        makeNote({mar23, 2191.860107}, "COVID low\nline two, \"quoted\", é"),
        makeTwoPoint(AnnotationKind::Arrow, {mar23 - 3, 2100.0}, {mar23 + 1, 2344.439941},
                     "breakout bar"),
        makeDateMarker(feb19, "top"),
    };
    all[0].style.line = LineStyle::Dash;
    all[1].style.color = 0x802E7D32;
    all[2].style.extendRight = true;
    all[3].style.width = 3;
    all[4].style.fontSize = 14;
    all[5].style.color = 0xFFD32F2F;
    all[6].style.line = LineStyle::Dot;
    for (Annotation& a : all) {
        a.symbol = symbol;
    }
    return all;
}

}  // namespace retest::test
