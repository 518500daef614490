// LevelStream: the analysis kept between refreshes is exactly a fresh analysis of the same bars,
// and a refresh that adds a day (or revises the last bar) puts only that through the engine.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/analytics/level_stream.h"
#include "core/analytics/levels.h"
#include "core/analytics/resample.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

/// Everything a user reads off an analysis, as text, so two analyses compare in one assertion.
std::string readOut(const LevelAnalysis& a) {
    std::ostringstream out;
    out.precision(17);
    out << "asOf " << a.asOf << " last " << a.lastClose << " atr " << a.atr << " hidden "
        << a.hiddenZones << " headline " << (a.headline ? static_cast<long>(*a.headline) : -1)
        << '\n';
    if (a.allTimeHigh) {
        out << "ath " << a.allTimeHigh->high << ' ' << a.allTimeHigh->highDay << '\n';
    }
    for (const Zone& z : a.zones) {
        out << "zone " << z.id << ' ' << z.name << ' ' << z.low << ' ' << z.high << ' '
            << z.touches.size() << ' ' << z.rejections << ' ' << z.strength << ' ' << z.shown
            << " | " << z.why << '\n';
    }
    for (const LevelEvent& e : a.events) {
        out << "event " << e.id << ' ' << static_cast<int>(e.retest) << ' ' << e.history.size()
            << " | " << e.description() << '\n';
    }
    return out.str();
}

std::vector<Bar> firstBars(std::size_t n) {
    const std::vector<Bar>& all = test::sampleBars();
    return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n)};
}

TEST(LevelStream, EachAddedDayAppendsOnlyThatDayAndReadsLikeAFreshAnalysis) {
    LevelStream stream;
    std::vector<Bar> bars = firstBars(4000);
    EXPECT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(stream.lastAnalysedBars(), 4000U);  // the first time: everything
    // The 2008 crash, one refresh a day: breakouts, retests and failures arrive as they happen.
    for (std::size_t n = 4001; n <= 4060; ++n) {
        bars = firstBars(n);
        ASSERT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars))) << "day " << n;
        EXPECT_EQ(stream.lastAnalysedBars(), 1U);  // the new day only
    }
    // Several days at once (a refresh after a week away).
    bars = firstBars(4100);
    EXPECT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(stream.lastAnalysedBars(), 40U);
}

TEST(LevelStream, TodaysBarRevisedByALaterRefreshIsAnalysedAgainAlone) {
    LevelStream stream;
    std::vector<Bar> bars = firstBars(3000);
    stream.update(bars);
    // The session went on after the first refresh: the bars before today are settled once.
    bars.back().high *= 1.02;
    bars.back().close = bars.back().high;
    EXPECT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(stream.lastAnalysedBars(), 3000U);
    // ... and from then on a revision of today's bar costs that bar.
    bars.back().high *= 1.01;
    bars.back().close = bars.back().high;
    EXPECT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(stream.lastAnalysedBars(), 1U);
    // The next day: today's last state is final, the new day is appended.
    bars = firstBars(3001);
    bars[2999] = firstBars(3000).back();
    bars[2999].high *= 1.02 * 1.01;
    bars[2999].close = bars[2999].high;
    EXPECT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(stream.lastAnalysedBars(), 1U);
    // A series known to revise its last bar (a weekly view) settles the rest from the start.
    LevelStream weekly;
    weekly.update(firstBars(3000), {}, LastBar::MayChange);
    EXPECT_EQ(weekly.lastAnalysedBars(), 3000U);
    bars = firstBars(3000);
    bars.back().close = bars.back().low;
    EXPECT_EQ(readOut(weekly.update(bars, {}, LastBar::MayChange)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(weekly.lastAnalysedBars(), 1U);
}

TEST(LevelStream, ChangedHistoryOrSettingsStartOver) {
    LevelStream stream;
    std::vector<Bar> bars = firstBars(3000);
    stream.update(bars);
    bars[10].close *= 0.99;  // a correction deep in the history
    bars[10].low = std::min(bars[10].low, bars[10].close);
    EXPECT_EQ(readOut(stream.update(bars)), readOut(analyzeLevels(bars)));
    EXPECT_EQ(stream.lastAnalysedBars(), 3000U);

    LevelSettings other;
    other.sensitivity = 0.8;
    EXPECT_TRUE(stream.madeFor(LevelSettings{}, {}));
    EXPECT_FALSE(stream.madeFor(other, {}));
    EXPECT_FALSE(stream.madeFor(LevelSettings{}, {ManualLevelInput{1000, "", 1}}));
}

TEST(LevelStream, WeeklyBarsOfAGrowingDailySeries) {
    // The weekly view of a daily chart: its last week is partial and changes with every day.
    LevelStream stream;
    for (std::size_t n = 4000; n <= 4015; ++n) {
        const std::vector<Bar> daily = firstBars(n);
        const std::vector<Bar> weekly = resample(daily, Timeframe::Weekly);
        ASSERT_EQ(readOut(stream.update(weekly, daily, LastBar::MayChange)),
                  readOut(analyzeLevels(weekly, {}, {}, daily)))
            << "day " << n;
        if (n > 4000) {
            EXPECT_LE(stream.lastAnalysedBars(), 2U);
        }
    }
}

// A breakout decided on a day that is not its week's last, corrected so that day closes under
// the line: the weekly bars stay as they were, but the days they are read through changed.
TEST(LevelStream, ADayCorrectedInsideAWeekIsReadAgain) {
    std::vector<Bar> daily = firstBars(4000);
    const std::vector<Bar> weekly = resample(daily, Timeframe::Weekly);
    LevelStream stream;
    const std::string before = readOut(stream.update(weekly, daily, LastBar::MayChange));
    const LevelAnalysis a = analyzeLevels(weekly, {}, {}, daily);
    const auto dayOf = [&](Day d) {
        return std::lower_bound(daily.begin(), daily.end(), d,
                                [](const Bar& b, Day x) { return b.day < x; });
    };
    const auto e = std::find_if(a.events.begin(), a.events.end(), [&](const LevelEvent& ev) {
        return ev.type == LevelEventType::Breakout && ev.day != weekly[ev.index].day &&
               dayOf(ev.day)->low < ev.line && dayOf(ev.day)->open < ev.line;
    });
    ASSERT_NE(e, a.events.end());
    const auto day = dayOf(e->day);
    day->close = day->adjClose = day->low;
    ASSERT_EQ(resample(daily, Timeframe::Weekly), weekly);
    const std::string after = readOut(stream.update(weekly, daily, LastBar::MayChange));
    EXPECT_EQ(after, readOut(analyzeLevels(weekly, {}, {}, daily)));
    EXPECT_NE(after, before) << "the corrected day decided a breakout";
}

TEST(LevelStream, NoBarsNoLevels) {
    LevelStream stream;
    const LevelAnalysis a = stream.update({});
    EXPECT_TRUE(a.zones.empty());
    EXPECT_TRUE(a.events.empty());
}

}  // namespace
}  // namespace retest
