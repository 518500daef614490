// analyzeLevels() on the real S&P 500 sample (2000-01-03 .. 2020-04-17): the levels a chartist
// would mark, invariants at every sensitivity and timeframe, and no look-ahead.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "core/analytics/atr.h"
#include "core/analytics/levels.h"
#include "core/analytics/pivots.h"
#include "core/analytics/resample.h"
#include "core/csv/csv_import.h"
#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

const std::vector<Bar>& sample() {
    static const std::vector<Bar> bars = [] {
        auto r = readCsvFile(test::sampleCsv());
        return r ? r->bars : std::vector<Bar>{};
    }();
    return bars;
}

Day d(const char* iso) {
    return *parseIsoDate(iso);
}

std::vector<Bar> until(const std::vector<Bar>& bars, Day last) {
    std::vector<Bar> out;
    for (const Bar& b : bars) {
        if (b.day <= last) {
            out.push_back(b);
        }
    }
    return out;
}

const Extreme* extremeOn(const std::vector<Extreme>& list, Day from, Day to) {
    for (const Extreme& e : list) {
        if (e.day >= from && e.day <= to) {
            return &e;
        }
    }
    return nullptr;
}

class SampleLevels : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_GT(sample().size(), 5000U) << "sample CSV did not load"; }
};

TEST_F(SampleLevels, AllTimeHighIsTheFebruary2020Peak) {
    const LevelAnalysis a = analyzeLevels(sample());
    EXPECT_EQ(a.asOf, d("2020-04-17"));
    EXPECT_DOUBLE_EQ(a.lastClose, sample().back().close);
    ASSERT_TRUE(a.allTimeHigh);
    EXPECT_NEAR(a.allTimeHigh->close, 3386.15, 0.01);
    EXPECT_EQ(a.allTimeHigh->closeDay, d("2020-02-19"));
    EXPECT_NEAR(a.allTimeHigh->high, 3393.52, 0.01);
    EXPECT_EQ(a.allTimeHigh->highDay, d("2020-02-19"));
    EXPECT_GT(a.atr, 0);
}

TEST_F(SampleLevels, MajorPeaksAndTroughsAChartistWouldMark) {
    const LevelAnalysis a = analyzeLevels(sample());
    const Extreme* p2000 = extremeOn(a.majorPeaks, d("2000-03-01"), d("2000-04-30"));
    ASSERT_NE(p2000, nullptr);
    EXPECT_EQ(p2000->day, d("2000-03-24"));
    EXPECT_NEAR(p2000->price, 1552.87, 0.01);

    const Extreme* p2007 = extremeOn(a.majorPeaks, d("2007-07-01"), d("2007-12-31"));
    ASSERT_NE(p2007, nullptr);
    EXPECT_EQ(p2007->day, d("2007-10-11"));
    EXPECT_NEAR(p2007->price, 1576.09, 0.01);
    EXPECT_EQ(p2007->closeDay, d("2007-10-09"));
    EXPECT_NEAR(p2007->close, 1565.15, 0.01);

    const Extreme* p2020 = extremeOn(a.majorPeaks, d("2020-01-01"), d("2020-04-17"));
    ASSERT_NE(p2020, nullptr);
    EXPECT_EQ(p2020->closeDay, d("2020-02-19"));
    EXPECT_NEAR(p2020->close, 3386.15, 0.01);

    const Extreme* t2002 = extremeOn(a.majorTroughs, d("2002-10-01"), d("2002-10-31"));
    ASSERT_NE(t2002, nullptr);
    EXPECT_EQ(t2002->closeDay, d("2002-10-09"));  // close 776.76, the bear market low
    const Extreme* t2009 = extremeOn(a.majorTroughs, d("2009-03-01"), d("2009-03-31"));
    ASSERT_NE(t2009, nullptr);
    EXPECT_EQ(t2009->day, d("2009-03-06"));       // intraday 666.79
    EXPECT_EQ(t2009->closeDay, d("2009-03-09"));  // close 676.53
    for (std::size_t i = 1; i < a.majorPeaks.size(); ++i) {
        EXPECT_LT(a.majorPeaks[i - 1].day, a.majorPeaks[i].day);
    }
}

// The 2000 and 2007 tops form one zone. The first close above the 2007 close (1565.15) was
// 2013-03-28, but the zone reaches up to the 2007 intraday high (1576.09) plus a pad, and a
// breakout needs a close half an ATR beyond that: in April 2013.
TEST_F(SampleLevels, BreakoutAboveThe2000And2007TopsIsInSpring2013) {
    const LevelAnalysis a = analyzeLevels(sample());
    const LevelEvent* breakout = nullptr;
    for (const LevelEvent& e : a.events) {
        if (e.type == LevelEventType::Breakout && e.low <= 1552.87 && e.high >= 1576.09) {
            breakout = &e;
        }
    }
    ASSERT_NE(breakout, nullptr);
    EXPECT_GE(breakout->day, d("2013-03-28"));
    EXPECT_LE(breakout->day, d("2013-05-31"));
    const Zone& zone = a.zones.at(breakout->zone);
    EXPECT_TRUE(zone.record);
    EXPECT_EQ(zone.name, "the 2007 high");
    EXPECT_EQ(zone.kind, LevelKind::Support);
    EXPECT_TRUE(zone.flipped);
    // The June 2013 pullback came back to the old top and held; price never returned since.
    EXPECT_EQ(breakout->retest, RetestState::Held);
    EXPECT_GE(breakout->retestDay, d("2013-06-01"));
    EXPECT_LE(breakout->retestDay, d("2013-06-30"));
    const bool juneRetest =
        std::any_of(breakout->history.begin(), breakout->history.end(), [](const RetestStep& s) {
            return s.state == RetestState::Retesting && s.day >= d("2013-06-01") &&
                   s.day <= d("2013-06-30");
        });
    EXPECT_TRUE(juneRetest);
    EXPECT_GT(breakout->distancePct, 50);
    EXPECT_NE(breakout->description.find("the 2007 high"), std::string::npos);
}

// The September 2018 top was the last record before February 2020: broken out above in 2019,
// and the breakout failed in the March 2020 crash.
TEST_F(SampleLevels, PriorAllTimeHighIsSeptember2018AndItsBreakoutFailedIn2020) {
    const LevelAnalysis a = analyzeLevels(sample());
    ASSERT_TRUE(a.priorAllTimeHigh);
    EXPECT_EQ(a.priorAllTimeHigh->day, d("2018-09-21"));
    EXPECT_NEAR(a.priorAllTimeHigh->price, 2940.91, 0.01);
    ASSERT_TRUE(a.priorHighBreakout);
    const LevelEvent& e = a.events.at(*a.priorHighBreakout);
    EXPECT_EQ(e.type, LevelEventType::Breakout);
    EXPECT_GE(e.day, d("2019-01-01"));
    EXPECT_EQ(e.retest, RetestState::Failed);
    EXPECT_GE(e.retestDay, d("2020-02-24"));
    EXPECT_LE(e.retestDay, d("2020-03-31"));
    EXPECT_LT(e.distancePct, 0);
}

void expectInvariants(std::span<const Bar> bars, const LevelAnalysis& a, const std::string& what) {
    SCOPED_TRACE(what);
    ASSERT_FALSE(a.zones.empty());
    for (std::size_t i = 0; i < a.zones.size(); ++i) {
        const Zone& z = a.zones[i];
        EXPECT_LE(z.low, z.price);
        EXPECT_LE(z.price, z.high);
        if (i > 0) {
            EXPECT_LT(a.zones[i - 1].high, z.low) << "zones overlap or are unsorted at " << i;
        }
        // Kind follows the last close.
        if (z.high < a.lastClose) {
            EXPECT_EQ(z.kind, LevelKind::Support);
        }
        if (z.low > a.lastClose) {
            EXPECT_EQ(z.kind, LevelKind::Resistance);
        }
        EXPECT_GE(z.strength, 0);
        EXPECT_LE(z.strength, 100);
        EXPECT_FALSE(z.why.empty());
        for (std::size_t k = 0; k < z.touches.size(); ++k) {
            const LevelTouch& t = z.touches[k];
            ASSERT_LT(t.index, bars.size());
            EXPECT_EQ(t.day, bars[t.index].day);
            EXPECT_LE(bars[t.index].low, z.high) << "touch outside its zone";
            EXPECT_GE(bars[t.index].high, z.low) << "touch outside its zone";
            if (k > 0) {
                EXPECT_LT(z.touches[k - 1].index, t.index);
            }
        }
        if (!z.touches.empty()) {
            EXPECT_EQ(z.firstTouch, z.touches.front().day);
            EXPECT_EQ(z.lastTouch, z.touches.back().day);
        }
    }
    for (std::size_t i = 0; i < a.events.size(); ++i) {
        const LevelEvent& e = a.events[i];
        if (i > 0) {
            EXPECT_LE(a.events[i - 1].day, e.day) << "events not oldest first";
        }
        ASSERT_LT(e.zone, a.zones.size());
        EXPECT_DOUBLE_EQ(e.low, a.zones[e.zone].low);
        EXPECT_DOUBLE_EQ(e.high, a.zones[e.zone].high);
        EXPECT_EQ(e.history.empty(), e.retest == RetestState::None);
        if (!e.history.empty()) {
            EXPECT_EQ(e.history.back().state, e.retest);
            EXPECT_EQ(e.history.back().day, e.retestDay);
            EXPECT_GE(e.history.front().index, e.index);
        }
        EXPECT_EQ(e.distancePct > 0, a.lastClose > e.high);
        EXPECT_EQ(e.distancePct < 0, a.lastClose < e.low);
        EXPECT_FALSE(e.description.empty());
    }
}

TEST_F(SampleLevels, InvariantsAtEverySensitivityAndTimeframe) {
    for (const Timeframe tf : {Timeframe::Daily, Timeframe::Weekly, Timeframe::Monthly}) {
        const auto bars = resample(sample(), tf);
        std::size_t fewest = 0;
        std::size_t most = 0;
        for (const double s : {0.0, 0.25, 0.5, 0.75, 1.0}) {
            LevelSettings settings;
            settings.sensitivity = s;
            const std::vector<ManualLevelInput> manual = {{2000, "round number"}};
            const LevelAnalysis a = analyzeLevels(bars, settings, manual);
            expectInvariants(bars, a,
                             std::string(timeframeName(tf)) + " sensitivity " + std::to_string(s));
            (s == 0.0 ? fewest : most) = a.zones.size();
            EXPECT_TRUE(std::any_of(a.zones.begin(), a.zones.end(),
                                    [](const Zone& z) { return z.manual; }));
        }
        EXPECT_GT(most, fewest) << "full sensitivity should mark more levels than none";
    }
}

TEST_F(SampleLevels, WeeklyAndMonthlyChartsStillSeeTheBigTops) {
    for (const Timeframe tf : {Timeframe::Weekly, Timeframe::Monthly}) {
        const LevelAnalysis a = analyzeLevels(resample(sample(), tf));
        SCOPED_TRACE(std::string(timeframeName(tf)));
        EXPECT_NE(extremeOn(a.majorPeaks, d("2000-03-01"), d("2000-04-30")), nullptr);
        EXPECT_NE(extremeOn(a.majorPeaks, d("2007-07-01"), d("2007-12-31")), nullptr);
        EXPECT_NE(extremeOn(a.majorTroughs, d("2009-02-01"), d("2009-03-31")), nullptr);
        const bool tops = std::any_of(a.zones.begin(), a.zones.end(), [](const Zone& z) {
            return z.low <= 1565.15 && z.high >= 1552.87;
        });
        EXPECT_TRUE(tops) << "no zone at the 2000/2007 tops";
    }
}

// "--until DATE" slices the bars: the result must be what the truncated file gives, and what
// was already known then (ATR, confirmed swings) must not change when later bars arrive.
TEST_F(SampleLevels, NoLookAhead) {
    const auto& all = sample();
    const auto atrAll = wilderAtr(all, 14);
    const auto swingsAll = zigzagPercent(all, 0.1);
    for (const char* cut : {"2003-01-31", "2009-06-30", "2013-12-31"}) {
        SCOPED_TRACE(cut);
        const auto part = until(all, d(cut));
        const std::span<const Bar> slice = std::span(all).first(part.size());

        test::TempDir dir;
        {
            std::ofstream out(dir.file("cut.csv"));
            out << "date,open,high,low,close,adjclose,volume\n";
            out.precision(10);
            for (const Bar& b : part) {
                out << formatIsoDate(b.day) << ',' << b.open << ',' << b.high << ',' << b.low << ','
                    << b.close << ',' << b.adjClose << ',' << b.volume << '\n';
            }
        }
        auto file = readCsvFile(dir.file("cut.csv"));
        ASSERT_TRUE(file) << file.error().message();
        const LevelAnalysis fromSlice = analyzeLevels(slice);
        const LevelAnalysis fromFile = analyzeLevels(file->bars);
        EXPECT_EQ(fromSlice.asOf, part.back().day);
        EXPECT_EQ(fromFile.asOf, part.back().day);
        ASSERT_EQ(fromSlice.zones.size(), fromFile.zones.size());
        for (std::size_t i = 0; i < fromSlice.zones.size(); ++i) {
            EXPECT_NEAR(fromSlice.zones[i].price, fromFile.zones[i].price, 1e-6);
            EXPECT_EQ(fromSlice.zones[i].touches.size(), fromFile.zones[i].touches.size());
        }
        ASSERT_EQ(fromSlice.events.size(), fromFile.events.size());
        for (std::size_t i = 0; i < fromSlice.events.size(); ++i) {
            EXPECT_EQ(fromSlice.events[i].day, fromFile.events[i].day);
            EXPECT_EQ(fromSlice.events[i].retest, fromFile.events[i].retest);
        }

        const auto atrPart = wilderAtr(slice, 14);
        for (std::size_t i = 0; i < atrPart.size(); ++i) {
            ASSERT_DOUBLE_EQ(atrPart[i], atrAll[i]);
        }
        const auto swingsPart = zigzagPercent(slice, 0.1);
        std::size_t known = 0;
        for (const Pivot& p : swingsAll) {
            known += p.confirmIndex < slice.size() ? 1 : 0;
        }
        ASSERT_EQ(swingsPart.size(), known);
        for (std::size_t i = 0; i < known; ++i) {
            EXPECT_EQ(swingsPart[i].day, swingsAll[i].day);
        }
    }
}

// Analysed at the end of 2013, the breakout above the 2000/2007 tops is already there, dated
// as in the full analysis: it did not need later bars.
TEST_F(SampleLevels, The2013BreakoutIsVisibleAtTheEndOf2013) {
    auto breakoutDay = [](const LevelAnalysis& a) {
        for (const LevelEvent& e : a.events) {
            if (e.type == LevelEventType::Breakout && e.low <= 1552.87 && e.high >= 1576.09) {
                return e.day;
            }
        }
        return Day{0};
    };
    const LevelAnalysis then = analyzeLevels(until(sample(), d("2013-12-31")));
    const Day dayThen = breakoutDay(then);
    EXPECT_GE(dayThen, d("2013-03-28"));
    EXPECT_LE(dayThen, d("2013-05-31"));
}

}  // namespace
}  // namespace retest
