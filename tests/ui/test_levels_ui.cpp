// The levels overlay and panel, headless on the real S&P 500 sample: bands at the right pixel
// rows, zone colours in exported images, the all-time high label, the auto-levels switch, the
// table, selection, manual levels and the sensitivity knob.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QFontMetricsF>
#include <QHeaderView>
#include <QImage>
#include <QSlider>
#include <QTableWidget>
#include <QUndoStack>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/annotations/annotation.h"
#include "core/cache/price_cache.h"
#include "core/import/csv_importer.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"
#include "ui/chart/annotation_layer.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart/qcp.h"
#include "ui/chart_document.h"
#include "ui/document_chart.h"
#include "ui/levels/levels_panel.h"

namespace retest::ui {
namespace {

constexpr int kW = 1600;
constexpr int kH = 900;

/// The sample in a fresh cache, its document, and a chart laid out at kW x kH without being
/// shown (as `retest export` uses it), following the document (DocumentChart).
struct Sample {
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
    std::unique_ptr<ChartDocument> doc;
    ChartView view;
    std::unique_ptr<DocumentChart> chart;
    LevelOverlay* overlay = nullptr;

    explicit Sample(Timeframe tf = Timeframe::Daily) {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        EXPECT_TRUE(opened);
        cache = std::move(opened.value());
        EXPECT_TRUE(importCsvFile(*cache, test::sampleCsv(), "^GSPC"));
        doc = std::make_unique<ChartDocument>(*cache);
        doc->setSynchronousLevels(true);
        doc->setTimeframe(tf);
        doc->setSymbol(QStringLiteral("^GSPC"));
        view.resize(kW, kH);
        view.plot()->setViewport(QRect(0, 0, kW, kH));
        chart = std::make_unique<DocumentChart>(*doc, view);
        overlay = chart->levelOverlay();
        view.applyRangePreset(RangePreset::Max);
        layout();
    }
    void layout() { view.plot()->replot(QCustomPlot::rpImmediateRefresh); }
    QString file(const char* name) const { return QString::fromStdString(tmp.file(name).string()); }
    QImage exportPng(const char* name) {
        const QString path = file(name);
        QString error;
        EXPECT_TRUE(view.saveImage(path, kW, kH, 1.0, &error)) << error.toStdString();
        return QImage(path).convertToFormat(QImage::Format_RGB32);
    }
};

int manualZoneCount(const LevelAnalysis& a) {
    return static_cast<int>(
        std::count_if(a.zones.begin(), a.zones.end(), [](const Zone& z) { return z.manual; }));
}

TEST(LevelOverlay, DrawsOneBandPerZoneAtTheZonesPixelRows) {
    Sample s;
    const auto& zones = s.doc->levels().zones;
    ASSERT_GE(zones.size(), 4u);
    // One band per zone of the default selection as of the last visible bar (here the last
    // bar): the rest are hidden until the sensitivity rises.
    const auto selected = static_cast<int>(
        std::count_if(zones.begin(), zones.end(), [](const Zone& z) { return z.shown; }));
    EXPECT_EQ(s.overlay->bandCount(), selected);
    EXPECT_LT(selected, static_cast<int>(zones.size()));
    int checked = 0;
    for (int z = 0; z < static_cast<int>(zones.size()); ++z) {
        QCPItemRect* band = s.overlay->band(z);
        ASSERT_EQ(band != nullptr, zones[static_cast<std::size_t>(z)].shown);
        if (band == nullptr) {
            continue;
        }
        const Zone& zone = zones[static_cast<std::size_t>(z)];
        if (!s.view.priceAxis()->range().contains(zone.price)) {
            continue;
        }
        EXPECT_NEAR(band->topLeft->pixelPosition().y(), s.view.priceAxis()->coordToPixel(zone.high),
                    0.5);
        EXPECT_NEAR(band->bottomRight->pixelPosition().y(),
                    s.view.priceAxis()->coordToPixel(zone.low), 0.5);
        EXPECT_NEAR(band->topLeft->pixelPosition().x(), s.view.priceRect()->left(), 0.5);
        EXPECT_NEAR(band->bottomRight->pixelPosition().x(),
                    s.view.priceRect()->left() + s.view.priceRect()->width(), 0.5);
        ++checked;
    }
    EXPECT_GE(checked, 3);
}

TEST(LevelOverlay, ExportShowsTheZoneColourOnItsRowsAndNowhereElse) {
    Sample s;
    s.view.applyRangePreset(RangePreset::OneYear);  // 2019-04-17 .. 2020-04-17: 2200 .. 3400
    LevelAnalysis one;
    one.asOf = s.doc->bars().back().day;
    one.lastClose = s.doc->bars().back().close;
    Zone zone;
    zone.price = 2900;
    zone.low = 2880;
    zone.high = 2920;
    zone.kind = LevelKind::Support;
    zone.strength = 80;
    one.zones.push_back(zone);
    s.overlay->setAnalysis(one);
    const QImage with = s.exportPng("with.png");
    const double top = s.view.priceAxis()->coordToPixel(zone.high);
    const double bottom = s.view.priceAxis()->coordToPixel(zone.low);
    ASSERT_GT(bottom - top, 10);
    s.overlay->clear();
    const QImage without = s.exportPng("without.png");
    ASSERT_EQ(with.size(), without.size());

    const QRect area = s.view.priceRect()->rect().adjusted(1, 1, -1, -1);
    const QRgb background = s.view.theme().background.rgb();
    int tinted = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        int changed = 0;
        for (int x = area.left(); x <= area.right(); ++x) {
            changed += with.pixel(x, y) != without.pixel(x, y);
            if (y > top + 2 && y < bottom - 2 && without.pixel(x, y) == background) {
                const QColor c(with.pixel(x, y));
                tinted += c.green() > c.red() + 10 && c != QColor(background);
            }
        }
        if (y < top - 2 || y > bottom + 2) {
            EXPECT_EQ(changed, 0) << "row " << y << " outside the zone changed";
        } else if (y > top + 2 && y < bottom - 2) {
            EXPECT_GT(changed, area.width() / 2) << "row " << y << " inside the zone";
        }
    }
    EXPECT_GT(tinted, area.width() * 5);  // green-tinted background on several rows
}

TEST(LevelOverlay, LabelsTheAllTimeHighWithItsValueAndDate) {
    Sample s;
    ASSERT_TRUE(s.doc->levels().allTimeHigh.has_value());
    EXPECT_TRUE(s.overlay->allTimeHighText().contains(QStringLiteral("2020-02-19")))
        << s.overlay->allTimeHighText().toStdString();
    EXPECT_TRUE(s.overlay->allTimeHighText().contains(QStringLiteral("3,393.52")));
}

TEST(LevelOverlay, WritesTheHeadlineInWordsOnTheChart) {
    Sample s;
    const auto& a = s.doc->levels();
    ASSERT_TRUE(a.headline.has_value());
    const LevelEvent& head = a.events[*a.headline];
    EXPECT_EQ(s.overlay->stateText(), QString::fromStdString(head.description()));
    const bool failed = head.retest == RetestState::Failed;
    EXPECT_EQ(s.overlay->activeZone(), failed ? -1 : static_cast<int>(head.zone));
    // Without auto levels and without manual levels there is no event left to describe.
    s.overlay->setShowAutoLevels(false);
    EXPECT_TRUE(s.overlay->stateText().isEmpty());
    EXPECT_EQ(s.overlay->activeZone(), -1);
}

// The state box is drawn over the drawings: a line through it no longer strikes through its
// words (an exported monthly chart read "Broke out above …" crossed by a zone's border).
TEST(LevelOverlay, TheStateBoxIsDrawnOverTheDrawings) {
    Sample s;
    s.layout();
    const auto box = s.overlay->stateBoxRect();
    ASSERT_TRUE(box.has_value());
    AnnotationLayer drawings(s.view);
    Annotation line = makeHorizontalLine(s.view.priceAxis()->pixelToCoord(box->center().y()));
    line.id = 3;
    line.style.color = 0xFFFF00FF;
    drawings.setAnnotations({line});
    const QImage image = s.exportPng("over.png");
    const auto magenta = [&](const QRect& area) {
        int n = 0;
        for (int y = area.top(); y <= area.bottom(); ++y) {
            for (int x = area.left(); x <= area.right(); ++x) {
                const QColor p = image.pixelColor(x, y);
                n += p.red() > 200 && p.green() < 80 && p.blue() > 200 ? 1 : 0;
            }
        }
        return n;
    };
    const QRect inside = box->toAlignedRect().adjusted(3, 3, -3, -3);
    EXPECT_EQ(magenta(inside), 0) << "the line is drawn through the box";
    // Beside the box the line is there: the check above looks where it would show.
    const QRect beside(inside.right() + 20, inside.top(), 40, inside.height());
    EXPECT_GT(magenta(beside), 20);
}

// A view that ends in 2013 answers as of its last visible day: the 2007 record broke out in
// March 2013 and its June retest held, whatever happened after.
TEST(LevelOverlay, TheHeadlineIsAsOfTheLastVisibleDay) {
    Sample s;
    s.view.setDateRange(*parseIsoDate("2012-07-01"), *parseIsoDate("2013-12-31"));
    s.layout();
    const QString text = s.overlay->stateText();
    EXPECT_TRUE(text.startsWith(QStringLiteral(
        "Broke out above the Oct-2007 record high (record close 1,565.15) on 2013-03-28 (close "
        "1,569.19); retest held")))
        << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("2020"))) << text.toStdString();
    s.view.applyRangePreset(RangePreset::Max);
    s.layout();
    EXPECT_EQ(
        s.overlay->stateText(),
        QString::fromStdString(s.doc->levels().events[*s.doc->levels().headline].description()));
}

// A headline a little wider than a narrow chart is broken into two even lines, not a full line
// and a lone "1,569.19)" under it, and not inside brackets; every line fits the pane and no word
// is lost.
TEST(LevelOverlay, AHeadlineTooWideForTheChartBreaksIntoEvenLines) {
    Sample s;
    s.view.setDateRange(*parseIsoDate("2012-07-01"), *parseIsoDate("2013-12-31"));
    const QString text = s.overlay->stateText();
    const QString event = text.left(text.indexOf(QStringLiteral("; ")));
    ASSERT_TRUE(event.startsWith(QStringLiteral("Broke out above the Oct-2007")))
        << text.toStdString();
    const QFontMetricsF metrics(pixelFont(14, QFont::DemiBold));  // the state box's
    int tried = 0;
    for (int width = kW; width >= 400; width -= 10) {
        s.view.plot()->setViewport(QRect(0, 0, width, kH));
        s.layout();
        const QStringList lines = s.overlay->stateBoxLines();
        // The event's lines: those before the one that starts its retest.
        QStringList eventLines;
        for (const QString& line : lines) {
            if (eventLines.join(QLatin1Char(' ')) == event) {
                break;
            }
            eventLines << line;
        }
        ASSERT_EQ(eventLines.join(QLatin1Char(' ')), event)
            << lines.join(QLatin1Char('|')).toStdString();
        if (eventLines.size() < 2) {
            continue;
        }
        ++tried;
        const auto box = s.overlay->stateBoxRect();
        ASSERT_TRUE(box.has_value());
        EXPECT_LE(box->right(), s.view.priceRect()->right() + 1) << width;
        double shortest = HUGE_VAL;
        double longest = 0;
        for (const QString& line : eventLines) {
            // "(record close 1,565.15)" is read whole: never broken across lines.
            EXPECT_EQ(line.count(QLatin1Char('(')), line.count(QLatin1Char(')')))
                << width << ": " << eventLines.join(QLatin1Char('|')).toStdString();
            shortest = std::min(shortest, metrics.horizontalAdvance(line));
            longest = std::max(longest, metrics.horizontalAdvance(line));
        }
        EXPECT_GT(shortest, 0.6 * longest)
            << width << ": " << eventLines.join(QLatin1Char('|')).toStdString();
    }
    EXPECT_GT(tried, 10);
}

// The daily chart also carries the weekly and monthly major levels, marked as such, where no
// daily zone already stands; a weekly chart shows only its own.
TEST(LevelOverlay, DailyChartShowsWeeklyAndMonthlyMajorLevels) {
    Sample daily;
    daily.view.applyRangePreset(RangePreset::FiveYears);
    daily.layout();
    const auto& lines = daily.overlay->higherTimeframeLines();
    ASSERT_FALSE(lines.empty());
    EXPECT_LE(lines.size(), 6U);
    for (const Zone& z : lines) {
        ASSERT_TRUE(z.timeframe.has_value()) << z.name;
        EXPECT_NE(*z.timeframe, Timeframe::Daily);
        EXPECT_TRUE(z.major || z.record) << z.name;
        for (const int k : daily.overlay->shownZones()) {
            const Zone& d = daily.doc->levels().zones[static_cast<std::size_t>(k)];
            EXPECT_FALSE(z.price >= d.low && z.price <= d.high) << z.name << " doubles " << d.name;
        }
    }
    daily.overlay->setShowAutoLevels(false);
    EXPECT_TRUE(daily.overlay->higherTimeframeLines().empty());

    Sample weekly(Timeframe::Weekly);
    EXPECT_TRUE(weekly.doc->levels().higherTimeframe.empty());
    EXPECT_TRUE(weekly.overlay->higherTimeframeLines().empty());
}

// Panned back to 2008-09, the window reads the zones as they were then, as `retest export --to`
// does: the old records above price are resistance, in red, and their explanation counts only
// the touches up to the last visible day, with the strength they gave then; back at the end,
// they read as of the last bar.
TEST(LevelOverlay, APastViewReadsItsZonesAsOfItsLastVisibleDay) {
    Sample s;
    s.view.setDateRange(*parseIsoDate("2008-01-01"), *parseIsoDate("2009-06-30"));
    s.layout();
    const auto& zones = s.doc->levels().zones;
    int records = 0;
    for (const int k : s.overlay->shownZones()) {
        const Zone& z = zones[static_cast<std::size_t>(k)];
        if (!z.record || z.price < 1500) {
            continue;
        }
        ++records;
        EXPECT_EQ(z.kind, LevelKind::Support) << z.name;  // in 2020, above them
        EXPECT_EQ(s.overlay->band(k)->brush().color().rgb(), s.view.theme().resistance.rgb())
            << z.name;
        const QString tip = s.overlay->zoneToolTip(k);
        EXPECT_TRUE(tip.contains(QStringLiteral(" · resistance<br>"))) << tip.toStdString();
        EXPECT_TRUE(tip.contains(QStringLiteral("as of 2009-06-30"))) << tip.toStdString();
        for (const char* later : {"2010", "2013", "2016", "2020"}) {
            EXPECT_FALSE(tip.contains(QString::fromLatin1(later))) << tip.toStdString();
        }
    }
    EXPECT_EQ(records, 2);  // the 2000 and 2007 records
    // Every band spans and is named as the data cut on that day has it (some grew later).
    const auto& bars = s.view.bars();
    const auto last = static_cast<std::size_t>(s.view.visibleBarRange().second);
    const LevelAnalysis cut = analyzeLevels(std::span<const Bar>(bars).first(last + 1));
    for (const int k : s.overlay->shownZones()) {
        const Zone& z = zones[static_cast<std::size_t>(k)];
        const auto then = std::find_if(cut.zones.begin(), cut.zones.end(),
                                       [&](const Zone& c) { return c.id == z.id; });
        ASSERT_NE(then, cut.zones.end()) << z.name;
        EXPECT_EQ(s.overlay->band(k)->topLeft->coords().y(), then->high) << z.name;
        EXPECT_EQ(s.overlay->band(k)->bottomRight->coords().y(), then->low) << z.name;
        const QString tip = s.overlay->zoneToolTip(k);
        EXPECT_TRUE(
            tip.startsWith(QStringLiteral("<b>%1</b>").arg(QString::fromStdString(then->name))))
            << then->name;
        // Its strength then, not the one years of later tests gave it.
        EXPECT_TRUE(
            tip.contains(QStringLiteral("Strength %1/100").arg(std::lround(then->strength))))
            << tip.toStdString() << " / " << then->strength;
        // And its explanation then: the touches up to that day and the pivots known by then.
        EXPECT_TRUE(tip.contains(QString::fromStdString(then->why).toHtmlEscaped()))
            << tip.toStdString() << " / " << then->why;
    }

    s.view.applyRangePreset(RangePreset::Max);
    s.layout();
    for (const int k : s.overlay->shownZones()) {
        const Zone& z = zones[static_cast<std::size_t>(k)];
        EXPECT_EQ(s.overlay->band(k)->brush().color().rgb(),
                  LevelOverlay::zoneColor(z, s.view.theme()).rgb())
            << z.name;
        EXPECT_EQ(s.overlay->zoneToolTip(k), LevelOverlay::describeZone(z));
    }
}

// A week before the February-2020 peak, the all-time high is the one made by then: the chart
// names no high from its future.
TEST(LevelOverlay, APastViewLabelsTheAllTimeHighOfItsLastVisibleDay) {
    Sample s;
    s.view.setDateRange(*parseIsoDate("2019-06-01"), *parseIsoDate("2020-02-12"));
    s.layout();
    const QString text = s.overlay->allTimeHighText();
    EXPECT_TRUE(text.startsWith(QStringLiteral("All-time high 3,3"))) << text.toStdString();
    EXPECT_TRUE(text.endsWith(QStringLiteral(" · 2020-02-12"))) << text.toStdString();
    s.view.applyRangePreset(RangePreset::Max);
    s.layout();
    EXPECT_EQ(s.overlay->allTimeHighText(), QStringLiteral("All-time high 3,393.52 · 2020-02-19"));
}

// The weekly and monthly levels of a view that ends in 2017 are those the weekly and monthly
// analyses of the bars up to then select: none is named for a swing that came later.
TEST(LevelOverlay, APastViewShowsTheWeeklyAndMonthlyLevelsKnownThen) {
    Sample s;
    s.view.setDateRange(*parseIsoDate("2016-01-01"), *parseIsoDate("2018-01-01"));
    s.layout();
    const auto& bars = s.view.bars();
    const int last = s.view.visibleBarRange().second;
    ASSERT_EQ(formatIsoDate(bars[static_cast<std::size_t>(last)].day), "2017-12-29");
    const auto seen = std::span<const Bar>(bars).first(static_cast<std::size_t>(last) + 1);
    std::vector<std::string> known;
    for (const Timeframe tf : {Timeframe::Weekly, Timeframe::Monthly}) {
        for (const Zone& z : higherTimeframeZones(seen, tf, LevelSettings{})) {
            known.push_back(z.name);
        }
    }
    const auto& lines = s.overlay->higherTimeframeLines();
    ASSERT_FALSE(lines.empty());
    for (const Zone& z : lines) {
        EXPECT_NE(std::find(known.begin(), known.end(), z.name), known.end()) << z.name;
        for (const char* later : {"2018", "2019", "2020"}) {
            EXPECT_EQ(z.name.find(later), std::string::npos) << z.name;
        }
    }
}

// Two weekly or monthly levels a few pixels apart both keep their label: the second steps
// below its line instead of disappearing. Hovering a line explains it, labelled or not.
TEST(LevelOverlay, WeeklyLevelLabelsGiveWayBelowTheirLineAndExplainThemselves) {
    Sample s;
    s.view.setDateRange(*parseIsoDate("2010-01-01"), *parseIsoDate("2015-01-01"));
    s.layout();
    const auto& lines = s.overlay->higherTimeframeLines();
    const auto rects = s.overlay->higherTimeframeLabelRects();
    ASSERT_EQ(lines.size(), rects.size());
    const QRect area = s.view.priceRect()->rect();
    const auto onScreen = [&](double y) {
        return area.contains(area.center().x(), static_cast<int>(y));
    };
    int close = 0;
    for (std::size_t a = 0; a < lines.size(); ++a) {
        for (std::size_t b = a + 1; b < lines.size(); ++b) {
            const double ya = s.view.priceAxis()->coordToPixel(lines[a].price);
            const double yb = s.view.priceAxis()->coordToPixel(lines[b].price);
            if (std::abs(ya - yb) > 16 || !onScreen(ya) || !onScreen(yb)) {
                continue;
            }
            ++close;  // closer than a label's height: side by side they would cover each other
            ASSERT_TRUE(rects[a] && rects[b]) << lines[a].name << " / " << lines[b].name;
            EXPECT_FALSE(rects[a]->intersects(*rects[b]));
        }
    }
    EXPECT_GE(close, 1);  // the 2007 record and the 2000 top, 24 points apart
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const double y = s.view.priceAxis()->coordToPixel(lines[k].price);
        if (!onScreen(y)) {
            continue;
        }
        const int hit = s.overlay->higherTimeframeLineAt(QPointF(area.center().x(), y + 1));
        ASSERT_GE(hit, 0) << lines[k].name;
        const QString tip = s.overlay->higherTimeframeToolTip(hit);
        EXPECT_TRUE(tip.contains(QString::fromStdString(lines[static_cast<std::size_t>(hit)].name)))
            << tip.toStdString();
        EXPECT_TRUE(tip.startsWith(QStringLiteral("<b>Weekly level: ")) ||
                    tip.startsWith(QStringLiteral("<b>Monthly level: ")))
            << tip.toStdString();
    }
}

// A note written over the right end of a weekly or monthly line, where its label sits above
// or below it: the label moves to the line's left end rather than disappear.
TEST(LevelOverlay, AWeeklyLevelsLabelMovesLeftWhenItsRightEndIsTaken) {
    Sample s;
    AnnotationLayer drawings(s.view);
    s.view.setDateRange(*parseIsoDate("2010-01-01"), *parseIsoDate("2015-01-01"));
    s.layout();
    const auto& lines = s.overlay->higherTimeframeLines();
    const auto before = s.overlay->higherTimeframeLabelRects();
    const QRect area = s.view.priceRect()->rect();
    std::size_t k = 0;
    while (k < lines.size() && !(before[k] && before[k]->right() > area.center().x())) {
        ++k;
    }
    ASSERT_LT(k, lines.size()) << "no weekly or monthly label at the right end";
    const double y = s.view.priceAxis()->coordToPixel(lines[k].price);
    Annotation note = makeNote(drawings.fromPixel(QPointF(area.right() - 2, y + 22)),
                               "Weekly level: sell the first test\nstop 2% above it");
    note.id = 1;
    drawings.setAnnotations({note});
    s.layout();
    s.layout();
    const std::vector<QRectF> words = drawings.textRects();
    ASSERT_EQ(words.size(), 1U);
    ASSERT_TRUE(words.front().intersects(*before[k]));  // it covers where the label was
    ASSERT_LT(words.front().top(), y - 16);             // above the line and below it
    ASSERT_GT(words.front().bottom(), y + 16);
    const auto after = s.overlay->higherTimeframeLabelRects();
    ASSERT_TRUE(after[k].has_value()) << lines[k].name;
    EXPECT_FALSE(after[k]->intersects(words.front())) << lines[k].name;
    EXPECT_LT(after[k]->left(), area.left() + 10) << lines[k].name;
}

TEST(LevelOverlay, HidingAutoLevelsLeavesOnlyManualZones) {
    Sample s;
    ASSERT_TRUE(s.doc->addManualLevel(1800, QStringLiteral("my level")));
    s.overlay->setAnalysis(s.doc->levels());
    const auto& a = s.doc->levels();
    ASSERT_EQ(manualZoneCount(a), 1);
    s.overlay->setShowAutoLevels(false);
    ASSERT_EQ(s.overlay->bandCount(), 1);
    EXPECT_TRUE(a.zones[static_cast<std::size_t>(s.overlay->shownZones().front())].manual);
    EXPECT_TRUE(s.overlay->allTimeHighText().isEmpty());
    s.overlay->setShowAutoLevels(true);
    EXPECT_EQ(s.overlay->bandCount(),
              static_cast<int>(std::count_if(a.zones.begin(), a.zones.end(),
                                             [](const Zone& z) { return z.shown || z.manual; })));
}

TEST(LevelOverlay, HoverExplainsTheZoneUnderTheMouse) {
    Sample s;
    const auto& zones = s.doc->levels().zones;
    const auto strongest = std::max_element(
        zones.begin(), zones.end(), [](auto& a, auto& b) { return a.strength < b.strength; });
    const int z = static_cast<int>(strongest - zones.begin());
    const QPointF centre(s.view.priceRect()->center().x(),
                         s.view.priceAxis()->coordToPixel(strongest->price));
    EXPECT_EQ(s.overlay->zoneAt(centre), z);
    const QString tip = s.overlay->zoneToolTip(z);
    EXPECT_TRUE(tip.contains(QString::fromStdString(strongest->why).toHtmlEscaped()));
    EXPECT_TRUE(tip.contains(QString::fromStdString(formatIsoDate(strongest->firstTouch))));
    EXPECT_TRUE(tip.contains(QString::fromStdString(formatIsoDate(strongest->lastTouch))));
    // Far above every zone there is nothing to explain.
    const double above = zones.back().high * 1.5;
    if (s.view.priceAxis()->range().contains(above)) {
        EXPECT_EQ(s.overlay->zoneAt({centre.x(), s.view.priceAxis()->coordToPixel(above)}), -1);
    }
}

/// Tick labels of `axis` as drawn: text and pixel rectangle (right axis: left of the text at
/// the pane's right edge plus tick and padding; centred on the tick).
std::vector<std::pair<QString, QRectF>> tickLabels(const QCPAxis* axis, const QRect& pane) {
    std::vector<std::pair<QString, QRectF>> out;
    const QFontMetricsF metrics(axis->tickLabelFont());
    const auto ticks = axis->tickVector();
    const auto labels = axis->tickVectorLabels();
    for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
        if (labels[i].isEmpty() || !axis->range().contains(ticks[i])) {
            continue;
        }
        const double y = axis->coordToPixel(ticks[i]);
        const double h = metrics.height();
        out.emplace_back(labels[i], QRectF(pane.right() + 1, y - h / 2,
                                           axis->tickLabelPadding() + axis->tickLengthOut() +
                                               metrics.horizontalAdvance(labels[i]),
                                           h));
    }
    return out;
}

/// Every label rule of issue #13 on the current layout of `s`.
void expectLabelsGiveWay(Sample& s, const std::string& what, bool everyZone = true) {
    SCOPED_TRACE(what);
    const QCPAxis* price = s.view.priceAxis();
    const QRect pane = s.view.priceRect()->rect();
    const QRect volumePane = s.view.volumeRect()->rect();
    const auto& zones = s.doc->levels().zones;

    // Every drawn level line (its price in view) has a tag; at the default sensitivity every
    // zone in view is drawn (only a crowded axis leaves the least important ones out).
    const auto tagged = s.overlay->taggedZones();
    int inView = 0;
    for (int z : s.overlay->shownZones()) {
        if (price->range().contains(zones[static_cast<std::size_t>(z)].price)) {
            ++inView;
            const bool hasTag = std::find(tagged.begin(), tagged.end(), z) != tagged.end();
            EXPECT_EQ(s.overlay->band(z)->visible(), hasTag)
                << "line at " << zones[static_cast<std::size_t>(z)].price;
            if (everyZone) {
                EXPECT_TRUE(hasTag)
                    << "no tag for the line at " << zones[static_cast<std::size_t>(z)].price;
            }
        }
    }
    EXPECT_GE(inView, 3);

    // Tags overlap neither each other nor any tick label.
    const auto tags = s.overlay->tagRects();
    ASSERT_EQ(tags.size(), tagged.size());
    const auto labels = tickLabels(price, pane);
    // The axis still reads prices: tick labels where there is room, the tags' own prices.
    EXPECT_GE(labels.size() + tags.size(), 4U);
    for (std::size_t i = 0; i < tags.size(); ++i) {
        EXPECT_GE(tags[i].left(), pane.right() - 1);  // on the axis, not in the plot
        for (std::size_t j = i + 1; j < tags.size(); ++j) {
            EXPECT_FALSE(tags[i].intersects(tags[j]))
                << "tags " << i << " and " << j << ": " << tags[i].top() << "-" << tags[i].bottom()
                << " " << tags[j].top() << "-" << tags[j].bottom();
        }
        for (const auto& [text, rect] : labels) {
            EXPECT_FALSE(tags[i].intersects(rect))
                << "a tag hides tick label " << text.toStdString();
        }
    }
    // Tick labels stay in their own pane: no "600" on "40B" where the panes meet.
    for (const auto& [text, rect] : labels) {
        EXPECT_GE(rect.top(), pane.top()) << text.toStdString();
        EXPECT_LE(rect.bottom(), pane.bottom() + 1) << text.toStdString();
    }
    for (const auto& [text, rect] : tickLabels(s.view.volumeAxis(), volumePane)) {
        EXPECT_GE(rect.top(), volumePane.top()) << text.toStdString();
        EXPECT_LE(rect.bottom(), volumePane.bottom() + 1) << text.toStdString();
    }

    // A zone's name never hides under the state box (the record under the headline).
    if (const auto box = s.overlay->stateBoxRect()) {
        for (const QRectF& name : s.overlay->zoneNameRects()) {
            EXPECT_FALSE(name.intersects(*box)) << "a zone name under the state box";
        }
    }
    // Breakout labels overlap neither each other nor the candles under them, and none hangs
    // far from its bar (a long arrow across the chart reads as a move that never happened).
    for (const double length : s.overlay->eventArrowLengths()) {
        EXPECT_LE(length, 4 * 22 + 2) << "an event arrow across the chart";
    }
    const auto events = s.overlay->eventLabelRects();
    const auto& bars = s.view.bars();
    const QCPAxis* x = s.view.priceRect()->axis(QCPAxis::atBottom);
    for (std::size_t i = 0; i < events.size(); ++i) {
        for (std::size_t j = i + 1; j < events.size(); ++j) {
            EXPECT_FALSE(events[i].intersects(events[j])) << "event labels " << i << ", " << j;
        }
        const int from =
            std::max(0, static_cast<int>(std::ceil(x->pixelToCoord(events[i].left()))));
        const int to = std::min(static_cast<int>(bars.size()) - 1,
                                static_cast<int>(std::floor(x->pixelToCoord(events[i].right()))));
        for (int b = from; b <= to; ++b) {
            const Bar& bar = bars[static_cast<std::size_t>(b)];
            const double top = price->coordToPixel(bar.high);
            const double bottom = price->coordToPixel(bar.low);
            EXPECT_TRUE(bottom < events[i].top() || top > events[i].bottom())
                << "event label " << i << " covers the candle of " << formatIsoDate(bar.day);
        }
    }
}

TEST(LevelOverlay, LabelsGiveWayToEachOtherInEveryView) {
    for (const Timeframe tf : {Timeframe::Daily, Timeframe::Weekly}) {
        Sample s(tf);
        for (const double sensitivity : {0.5, 1.0}) {
            s.doc->setSensitivity(sensitivity);
            s.overlay->setAnalysis(s.doc->levels());
            for (const RangePreset preset : {RangePreset::Max, RangePreset::FiveYears}) {
                s.view.applyRangePreset(preset);
                s.layout();
                s.layout();  // the tags placed in the first pass hide their tick labels
                expectLabelsGiveWay(s,
                                    std::string(timeframeName(tf)) + " " +
                                        std::string(rangePresetName(preset)) + " sensitivity " +
                                        std::to_string(sensitivity),
                                    sensitivity <= 0.5);
            }
        }
    }
    // The README's picture: weekly, 2005 to 2015.
    Sample readme(Timeframe::Weekly);
    readme.view.setDateRange(*parseIsoDate("2005-01-01"), *parseIsoDate("2015-12-31"));
    readme.layout();
    readme.layout();
    expectLabelsGiveWay(readme, "README image");
}

// The year to the sample's end: five breakouts through the Jan-2018 record failed before price
// broke out again on its last day (and more failed through other levels). Each failed one keeps a
// short arrow and no "Breakout" label, so the labels left are the breakouts still standing.
TEST(LevelOverlay, FailedEventsAreArrowsWithoutLabels) {
    Sample s;
    s.view.applyRangePreset(RangePreset::OneYear);
    s.layout();
    s.layout();
    const auto last = static_cast<std::size_t>(s.view.visibleBarRange().second);
    const std::vector<LevelEvent> asOf = eventsAsOf(s.doc->levels(), s.view.bars(), last);
    int failed = 0;
    int labelled = 0;
    for (const LevelOverlay::EventMark& m : s.overlay->eventMarks()) {
        ASSERT_LT(static_cast<std::size_t>(m.event), asOf.size());
        const LevelEvent& e = asOf[static_cast<std::size_t>(m.event)];
        if (e.retest == RetestState::Failed) {
            ++failed;
            EXPECT_FALSE(m.labelled) << e.description();
        }
        labelled += m.labelled ? 1 : 0;
    }
    EXPECT_GE(failed, 5);  // the grey arrows are there
    EXPECT_EQ(s.overlay->eventLabelRects().size(), static_cast<std::size_t>(labelled));
}

// Views ending every month from 2007 to 2020, three months wide: the headline's zone often runs
// just under the state box in the top-left corner, and its name must then move out from under it.
TEST(LevelOverlay, ZoneNamesStayClearOfTheStateBox) {
    Sample s;
    int checked = 0;
    for (Day end = *parseIsoDate("2007-01-31"); end < *parseIsoDate("2020-04-17"); end += 30) {
        s.view.setDateRange(end - 91, end);
        s.layout();
        s.layout();
        const auto box = s.overlay->stateBoxRect();
        if (!box) {
            continue;
        }
        for (const QRectF& name : s.overlay->zoneNameRects()) {
            ++checked;
            EXPECT_FALSE(name.intersects(*box))
                << "a zone name under the state box, view ending " << formatIsoDate(end);
        }
    }
    EXPECT_GT(checked, 20);
}

// The headline names its zone on the chart, held or failed: "Broke out above the Jan-2018 record
// high …; failed on …" points at a line the reader can find, not at one price tag among many.
TEST(LevelOverlay, TheHeadlinesZoneIsNamedOnTheChartEvenOnceFailed) {
    Sample s;
    int failed = 0;
    for (Day end = *parseIsoDate("2001-01-31"); end < *parseIsoDate("2020-04-17"); end += 61) {
        s.view.setDateRange(end - 182, end);
        s.layout();
        s.layout();
        const int head = s.overlay->stateEvent();
        if (head < 0) {
            continue;
        }
        const auto last = static_cast<std::size_t>(s.view.visibleBarRange().second);
        const LevelEvent e =
            eventsAsOf(s.doc->levels(), s.view.bars(), last)[static_cast<std::size_t>(head)];
        if (!s.view.priceAxis()->range().contains(s.doc->levels().zones[e.zone].price)) {
            continue;  // its line is off the chart
        }
        failed += e.retest == RetestState::Failed ? 1 : 0;
        const std::vector<int> named = s.overlay->namedZones();
        EXPECT_NE(std::find(named.begin(), named.end(), static_cast<int>(e.zone)), named.end())
            << "view ending " << formatIsoDate(end) << ": " << e.description();
    }
    EXPECT_GE(failed, 3);
}

// Candles of `s`'s view whose high-low range meets the pixel rectangle `box`.
int candlesUnder(Sample& s, const QRectF& box) {
    const auto& bars = s.view.bars();
    const QCPAxis* x = s.view.priceRect()->axis(QCPAxis::atBottom);
    const int from = std::max(0, static_cast<int>(std::ceil(x->pixelToCoord(box.left()))));
    const int to = std::min(static_cast<int>(bars.size()) - 1,
                            static_cast<int>(std::floor(x->pixelToCoord(box.right()))));
    int n = 0;
    for (int b = from; b <= to; ++b) {
        const Bar& bar = bars[static_cast<std::size_t>(b)];
        const double top = s.view.priceAxis()->coordToPixel(bar.high);
        const double bottom = s.view.priceAxis()->coordToPixel(bar.low);
        n += bottom < box.top() || top > box.bottom() ? 0 : 1;
    }
    return n;
}

// The headline has a band of its own under the lowest low: in a view that starts at its highs
// (the 2007 top on the left, the crash below it), in a rising one, and in views a year wide
// ending every quarter from 2008 to 2020, it hides no candle and no breakout label.
// Views ending at and after the Feb-2020 record, on a chart as short as it is with the rotation
// board open: the all-time-high label never sits under the readout at the top.
TEST(LevelOverlay, TheAllTimeHighLabelStaysClearOfTheReadout) {
    Sample s;
    int checked = 0;
    for (const QSize size : {QSize(kW, kH), QSize(900, 380)}) {
        s.view.resize(size);
        s.view.plot()->setViewport(QRect(QPoint(0, 0), size));
        for (int end = 0; end < 8; ++end) {
            for (const int days : {30, 60, 91, 182, 365, 730}) {
                const Day to = *parseIsoDate("2020-02-19") + end;
                s.view.setDateRange(to - days, to);
                s.layout();
                s.layout();
                const auto ath = s.overlay->allTimeHighRect();
                const std::vector<QRectF> reserved = s.view.reservedAreas();
                ASSERT_EQ(reserved.size(), 1U);  // the readout
                if (!ath) {
                    continue;
                }
                ++checked;
                EXPECT_FALSE(reserved.front().intersects(*ath))
                    << days << " days to " << formatIsoDate(to) << " at " << size.height() << " px";
            }
        }
    }
    EXPECT_GT(checked, 40);
}

// A user writes a note where the all-time-high label sits, and another over the newest
// breakout label: the labels move aside rather than hide the user's words (drawings are drawn
// under the chart's labels). Views ending at and after the Feb-2020 record, a quarter to two
// years wide.
TEST(LevelOverlay, TheChartsLabelsKeepClearOfTheUsersNotes) {
    Sample s;
    AnnotationLayer drawings(s.view);
    const auto noteAt = [&](std::int64_t id, QPointF pixel) {
        Annotation note;
        note.id = id;
        note.kind = AnnotationKind::Note;
        note.points = {drawings.fromPixel(pixel)};
        note.label = "Trim here; stop under the Feb-2020 high";
        return note;
    };
    int athMoved = 0;
    int eventsCovered = 0;
    for (int end = 0; end < 8; end += 2) {
        for (const int days : {91, 182, 365, 730}) {
            const Day to = *parseIsoDate("2020-02-19") + end;
            const std::string view = std::to_string(days) + " days to " + formatIsoDate(to);
            drawings.setAnnotations({});
            s.view.setDateRange(to - days, to);
            s.layout();
            s.layout();
            const auto ath = s.overlay->allTimeHighRect();
            ASSERT_TRUE(ath.has_value()) << view;
            std::vector<Annotation> notes{noteAt(1, ath->bottomLeft() + QPointF(2, -2))};
            const std::vector<QRectF> events = s.overlay->eventLabelRects();
            if (!events.empty()) {
                notes.push_back(noteAt(2, events.back().bottomLeft() + QPointF(2, -2)));
            }
            drawings.setAnnotations(notes);
            s.layout();
            s.layout();
            const std::vector<QRectF> boxes = drawings.textRects();
            ASSERT_EQ(boxes.size(), notes.size()) << view;
            ASSERT_TRUE(boxes.front().intersects(*ath)) << view;  // it covered the label
            eventsCovered += boxes.size() > 1 && boxes.back().intersects(events.back()) ? 1 : 0;
            const auto moved = s.overlay->allTimeHighRect();
            ASSERT_TRUE(moved.has_value()) << view << ": the label is still shown";
            athMoved += *moved != *ath ? 1 : 0;
            std::vector<QRectF> labels = s.overlay->eventLabelRects();
            labels.push_back(*moved);
            for (const auto& label : s.overlay->higherTimeframeLabelRects()) {
                if (label) {
                    labels.push_back(*label);
                }
            }
            for (const QRectF& note : boxes) {
                for (const QRectF& label : labels) {
                    EXPECT_FALSE(note.intersects(label)) << view;
                }
            }
        }
    }
    EXPECT_EQ(athMoved, 16);
    EXPECT_GT(eventsCovered, 4);
}

// A horizontal line drawn just under the all-time-high label, its long label at the pane's
// right end across the label's place: the label moves clear of the line's words too.
TEST(LevelOverlay, TheAllTimeHighLabelKeepsClearOfADrawingsLabel) {
    Sample s;
    AnnotationLayer drawings(s.view);
    int checked = 0;
    for (const int days : {30, 91, 182}) {
        const Day to = *parseIsoDate("2020-02-21");
        drawings.setAnnotations({});
        s.view.setDateRange(to - days, to);
        s.layout();
        s.layout();
        const auto ath = s.overlay->allTimeHighRect();
        ASSERT_TRUE(ath.has_value()) << days;
        Annotation line = makeHorizontalLine(s.view.priceAxis()->pixelToCoord(ath->bottom() + 3),
                                             "Take profits above here, stop under the Jan high");
        line.id = 1;
        drawings.setAnnotations({line});
        s.layout();
        s.layout();
        const std::vector<QRectF> words = drawings.textRects();
        ASSERT_EQ(words.size(), 1U) << days;
        if (!words.front().intersects(*ath)) {
            continue;  // the label was left of the line's words
        }
        ++checked;
        const auto moved = s.overlay->allTimeHighRect();
        ASSERT_TRUE(moved.has_value()) << days;
        EXPECT_FALSE(moved->intersects(words.front())) << days;
    }
    EXPECT_GE(checked, 2);
}

TEST(LevelOverlay, TheStateBoxNeverHidesCandles) {
    Sample s;
    std::vector<std::pair<Day, Day>> views{
        {*parseIsoDate("2007-06-01"), *parseIsoDate("2009-10-30")},
        {*parseIsoDate("2009-03-01"), *parseIsoDate("2010-03-31")}};
    for (Day end = *parseIsoDate("2008-01-31"); end < *parseIsoDate("2020-04-17"); end += 91) {
        views.emplace_back(end - 365, end);
    }
    int checked = 0;
    // As wide as the chart beside both docks of the window, and narrow, where the box spans
    // most of the pane and no corner of it is free.
    for (const QSize size : {QSize(kW, kH), QSize(620, 520)}) {
        s.view.resize(size);
        s.view.plot()->setViewport(QRect(QPoint(0, 0), size));
        for (const auto& [from, to] : views) {
            s.view.setDateRange(from, to);
            s.layout();
            s.layout();
            const auto box = s.overlay->stateBoxRect();
            if (!box) {
                continue;
            }
            ++checked;
            const QRect pane = s.view.priceRect()->rect();
            const std::string view = formatIsoDate(from) + " to " + formatIsoDate(to) + " at " +
                                     std::to_string(size.width()) + " px";
            EXPECT_GT(box->top(), pane.center().y()) << view;
            EXPECT_EQ(candlesUnder(s, *box), 0) << view;
            for (const QRectF& label : s.overlay->eventLabelRects()) {
                EXPECT_FALSE(label.intersects(*box)) << "a breakout label under it, " << view;
            }
        }
    }
    EXPECT_GT(checked, 60);
    // Without a headline the prices take the whole pane back.
    s.view.setDateRange(*parseIsoDate("2000-01-03"), *parseIsoDate("2000-06-30"));
    s.layout();
    s.layout();
    ASSERT_FALSE(s.overlay->stateBoxRect().has_value());
    const QCPRange y = s.view.priceAxis()->range();
    const auto [first, last] = s.view.visibleBarRange();
    double low = HUGE_VAL;
    for (int i = first; i <= last; ++i) {
        low = std::min(low, s.view.bars()[static_cast<std::size_t>(i)].low);
    }
    EXPECT_LT((low - y.lower) / y.size(), 0.05);
}

TEST(LevelOverlay, HidesAnAnalysisOfOtherBars) {
    Sample s;
    auto* bands = s.view.plot()->layer(QStringLiteral("levelBands"));
    ASSERT_NE(bands, nullptr);
    EXPECT_TRUE(bands->visible());
    std::vector<Bar> shorter(s.doc->bars().begin(), s.doc->bars().end() - 30);
    s.view.setBars(shorter, Timeframe::Daily);
    s.layout();
    EXPECT_FALSE(bands->visible());
    // Weekly bars end on the same Friday as the daily ones: still not the analysed bars.
    Sample weekly(Timeframe::Weekly);
    ASSERT_EQ(weekly.doc->bars().back().day, s.doc->bars().back().day);
    s.view.setBars(weekly.doc->bars(), Timeframe::Weekly);
    s.layout();
    EXPECT_FALSE(bands->visible());
    s.overlay->setAnalysis(weekly.doc->levels());
    s.layout();
    EXPECT_TRUE(bands->visible());
}

TEST(LevelsPanel, ListsEveryZoneAndHighlightsTheSelectedOne) {
    Sample s;
    s.view.applyRangePreset(RangePreset::OneMonth);
    LevelsPanel panel(*s.doc);
    const auto& zones = s.doc->levels().zones;
    ASSERT_EQ(panel.table()->rowCount(), static_cast<int>(zones.size()));
    // Strongest first.
    EXPECT_GE(zones[static_cast<std::size_t>(panel.zoneAtRow(0))].strength,
              zones[static_cast<std::size_t>(panel.zoneAtRow(1))].strength);
    // Only the default selection is listed; hidden rows are the hidden zones.
    for (int row = 0; row < panel.table()->rowCount(); ++row) {
        const Zone& z = zones[static_cast<std::size_t>(panel.zoneAtRow(row))];
        EXPECT_EQ(panel.table()->isRowHidden(row), !z.shown && !z.manual) << z.name;
    }
    // Pick the listed zone last touched longest ago: selecting it scrolls the chart back to it.
    int oldest = -1;
    for (int z = 0; z < static_cast<int>(zones.size()); ++z) {
        if (zones[static_cast<std::size_t>(z)].shown &&
            (oldest < 0 || zones[static_cast<std::size_t>(z)].lastTouch <
                               zones[static_cast<std::size_t>(oldest)].lastTouch)) {
            oldest = z;
        }
    }
    ASSERT_GE(oldest, 0);
    const int touch =
        static_cast<int>(zones[static_cast<std::size_t>(oldest)].touches.back().index);
    ASSERT_LT(touch, s.view.visibleBarRange().first);
    ASSERT_TRUE(panel.selectZone(oldest));
    EXPECT_EQ(s.overlay->highlightedZone(), oldest);
    const auto [first, last] = s.view.visibleBarRange();
    EXPECT_GE(touch, first);
    EXPECT_LE(touch, last);
    EXPECT_FALSE(panel.removeButton()->isEnabled());  // not a manual level
    EXPECT_FALSE(panel.stateLine().isEmpty());
}

// Each row says where its level's retest stands, as the CLI and the state box do: on the sample's
// last day price has just broken out above the Jan-2018 record and closed inside its zone.
TEST(LevelsPanel, RowsShowTheRetestStateAndInsideTheZone) {
    Sample s;
    LevelsPanel panel(*s.doc);
    int row = -1;
    for (int r = 0; r < panel.table()->rowCount(); ++r) {
        if (panel.table()->item(r, LevelsPanel::ColName)->text() ==
            QStringLiteral("the Jan-2018 record high")) {
            row = r;
        }
    }
    ASSERT_GE(row, 0);
    EXPECT_EQ(panel.table()->item(row, LevelsPanel::ColDistance)->text(), QStringLiteral("inside"));
    const QTableWidgetItem* retest = panel.table()->item(row, LevelsPanel::ColRetest);
    EXPECT_EQ(retest->text(), QStringLiteral("\u2191 not yet"));
    EXPECT_TRUE(retest->toolTip().startsWith(
        QStringLiteral("Broke out above the Jan-2018 record high on 2020-04-17 (close 2,874.56)")))
        << retest->toolTip().toStdString();
    EXPECT_FALSE(panel.table()->horizontalHeader()->isSectionHidden(LevelsPanel::ColRetest));
    // A level price never broke through has an empty cell; a failed one says so.
    bool failed = false;
    bool empty = false;
    for (int r = 0; r < panel.table()->rowCount(); ++r) {
        const QString text = panel.table()->item(r, LevelsPanel::ColRetest)->text();
        failed = failed || text.endsWith(QStringLiteral("failed"));
        empty = empty || text.isEmpty();
    }
    EXPECT_TRUE(failed);
    EXPECT_TRUE(empty);
}

TEST(LevelsPanel, ManualLevelsAddAndRemoveRows) {
    Sample s;
    LevelsPanel panel(*s.doc);
    const int before = panel.table()->rowCount();
    ASSERT_TRUE(s.doc->addManualLevel(1234.5, QStringLiteral("round number")));
    ASSERT_EQ(panel.table()->rowCount(), before + 1);
    int manualRow = -1;
    for (int row = 0; row < panel.table()->rowCount(); ++row) {
        if (panel.table()->item(row, LevelsPanel::ColManual)->text() == QStringLiteral("yes")) {
            manualRow = row;
        }
    }
    ASSERT_GE(manualRow, 0);
    EXPECT_EQ(panel.table()->item(manualRow, LevelsPanel::ColPrice)->text(),
              QStringLiteral("1234.50"));
    EXPECT_EQ(panel.table()->item(manualRow, LevelsPanel::ColName)->text(),
              QStringLiteral("round number"));

    // Auto levels off: only the manual row is left in the table and on the chart.
    panel.autoLevelsBox()->setChecked(false);
    int visible = 0;
    for (int row = 0; row < panel.table()->rowCount(); ++row) {
        visible += !panel.table()->isRowHidden(row);
    }
    EXPECT_EQ(visible, 1);
    EXPECT_EQ(s.overlay->bandCount(), 1);
    panel.autoLevelsBox()->setChecked(true);

    ASSERT_TRUE(panel.selectZone(panel.zoneAtRow(manualRow)));
    EXPECT_TRUE(panel.removeButton()->isEnabled());
    ASSERT_TRUE(panel.removeSelectedLevel());
    EXPECT_EQ(panel.table()->rowCount(), before);
    EXPECT_TRUE(s.doc->manualLevels().empty());
}

TEST(LevelsPanel, EditingAManualLevelIsOneUndoStepAndKeepsItSelected) {
    Sample s;
    LevelsPanel panel(*s.doc);
    ASSERT_TRUE(panel.addLevel(1234.5, QStringLiteral("round number"), true));
    const std::int64_t id = s.doc->manualLevels().front().id;
    ASSERT_TRUE(panel.removeButton()->isEnabled()) << "the new level is selected";
    QString asked;
    panel.setLevelPrompt([&](const QString& title, const LevelsPanel::LevelInput& initial) {
        asked = title;
        EXPECT_DOUBLE_EQ(initial.price, 1234.5);
        EXPECT_EQ(initial.label, QStringLiteral("round number"));
        return std::optional<LevelsPanel::LevelInput>({1300, QStringLiteral("moved")});
    });
    ASSERT_TRUE(panel.editSelectedLevel());
    EXPECT_EQ(asked, QStringLiteral("Edit level"));
    const auto stored = s.cache->manualLevels("^GSPC").value();
    ASSERT_EQ(stored.size(), 1U);
    EXPECT_EQ(stored.front().id, id) << "edited in place";
    EXPECT_DOUBLE_EQ(stored.front().price, 1300);
    const auto selected = panel.table()->selectedItems();
    ASSERT_FALSE(selected.isEmpty());
    EXPECT_EQ(panel.table()->item(selected.front()->row(), LevelsPanel::ColName)->text(),
              QStringLiteral("moved"));
    s.doc->undoStack().undo();
    EXPECT_DOUBLE_EQ(s.cache->manualLevels("^GSPC").value().front().price, 1234.5);
    s.doc->undoStack().undo();
    EXPECT_TRUE(s.cache->manualLevels("^GSPC").value().empty());
}

TEST(LevelsPanel, SensitivityChangesTheZoneCount) {
    Sample s;
    LevelsPanel panel(*s.doc);
    panel.sensitivitySlider()->setValue(5);
    panel.flushSensitivity();
    const auto visibleRows = [&] {
        int n = 0;
        for (int row = 0; row < panel.table()->rowCount(); ++row) {
            n += panel.table()->isRowHidden(row) ? 0 : 1;
        }
        return n;
    };
    const int few = visibleRows();
    EXPECT_DOUBLE_EQ(s.doc->levelSettings().sensitivity, 0.05);
    EXPECT_EQ(panel.table()->rowCount() - few, static_cast<int>(s.doc->levels().hiddenZones));
    EXPECT_TRUE(panel.stateLine().contains(QStringLiteral("more levels hidden")))
        << panel.stateLine().toStdString();
    EXPECT_TRUE(panel.stateLine().contains(QStringLiteral("raise the sensitivity")));
    panel.sensitivitySlider()->setValue(95);
    panel.flushSensitivity();
    const int many = visibleRows();
    EXPECT_GT(many, few);
    EXPECT_EQ(s.overlay->bandCount(), many);
    // At the top of the slider there is nothing to raise: the hint says what the rest are.
    panel.sensitivitySlider()->setValue(panel.sensitivitySlider()->maximum());
    panel.flushSensitivity();
    ASSERT_GT(s.doc->levels().hiddenZones, 0U);
    EXPECT_FALSE(panel.stateLine().contains(QStringLiteral("raise the sensitivity")))
        << panel.stateLine().toStdString();
    EXPECT_TRUE(panel.stateLine().contains(QStringLiteral("the weakest, far from price")));
}

/// Not a check: writes the review images to $RETEST_LEVELS_PNG_DIR for a human to look at.
TEST(LevelOverlay, DISABLED_WriteReviewImages) {
    const char* dir = std::getenv("RETEST_LEVELS_PNG_DIR");
    ASSERT_NE(dir, nullptr);
    for (const Timeframe tf : {Timeframe::Daily, Timeframe::Weekly}) {
        Sample s(tf);
        if (tf == Timeframe::Daily) {
            LevelsPanel panel(*s.doc);
            panel.resize(560, 520);
            s.view.applyRangePreset(RangePreset::OneYear);
            panel.selectZone(panel.zoneAtRow(0));
            ASSERT_TRUE(
                panel.grab().save(QStringLiteral("%1/panel.png").arg(QString::fromUtf8(dir))));
            ASSERT_TRUE(s.view.saveImage(
                QStringLiteral("%1/gspc-d-selected.png").arg(QString::fromUtf8(dir)), kW, kH));
            s.overlay->setHighlightedZone(-1);
        }
        for (const RangePreset p :
             {RangePreset::FiveYears, RangePreset::Max, RangePreset::OneYear}) {
            for (const bool dark : {false, true}) {
                s.view.setTheme(dark ? ChartTheme::dark() : ChartTheme::light());
                s.view.applyRangePreset(p);
                const QString name =
                    QStringLiteral("%1/gspc-%2-%3%4.png")
                        .arg(QString::fromUtf8(dir),
                             tf == Timeframe::Daily ? QStringLiteral("d") : QStringLiteral("w"),
                             QString::fromUtf8(rangePresetName(p)),
                             dark ? QStringLiteral("-dark") : QString());
                ASSERT_TRUE(s.view.saveImage(name, kW, kH));
            }
        }
    }
}

}  // namespace
}  // namespace retest::ui
