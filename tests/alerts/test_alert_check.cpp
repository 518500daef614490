// Alerts through the cache: created on the last cached bar, fired once by the refresh that
// brings the bar, re-armed, waiting without data, and corrupt rows skipped.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "core/alerts/alert_check.h"
#include "core/cache/alert_store.h"
#include "core/model/date.h"
#include "tests/alerts/dated_bars.h"
#include "tests/analytics/series_builder.h"
#include "tests/support/test_paths.h"

namespace retest {
namespace {

Day d(const char* iso) {
    return *parseIsoDate(iso);
}

using test::datedBar;

class AlertCheckTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto opened = PriceCache::open(tmp.file("cache.sqlite"));
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        cache = std::move(opened.value());
    }
    void append(std::vector<Bar> bars) { ASSERT_TRUE(cache->upsertBars("IWM", bars).ok()); }
    AlertCheckReport check() {
        auto r = checkAlerts(*cache);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? r.value() : AlertCheckReport{};
    }
    std::int64_t add(AlertKind kind, double price, const char* today = "2025-11-13") {
        Alert a;
        a.symbol = "iwm";
        a.kind = kind;
        a.low = price;
        a.note = "old record zone";
        auto id = AlertStore(*cache).add(a, d(today));
        EXPECT_TRUE(id.ok()) << id.error().message;
        return id.ok() ? *id : 0;
    }
    test::TempDir tmp;
    std::unique_ptr<PriceCache> cache;
};

TEST_F(AlertCheckTest, ARefreshThatBringsTheBarFiresTheAlertOnceAtThatBar) {
    append({datedBar("2025-11-10", 245), datedBar("2025-11-11", 244), datedBar("2025-11-12", 242)});
    const auto id = add(AlertKind::ClosesBelow, 240);
    EXPECT_EQ((*AlertStore(*cache).find(id))->watchFrom, d("2025-11-12"));
    EXPECT_TRUE(check().fired.empty());

    append({datedBar("2025-11-13", 236.79), datedBar("2025-11-14", 235)});  // the refresh
    const AlertCheckReport first = check();
    ASSERT_EQ(first.fired.size(), 1u);
    EXPECT_EQ(first.fired[0].id, id);
    EXPECT_EQ(first.fired[0].firedDay, d("2025-11-13"));
    EXPECT_EQ(first.fired[0].firedClose, 236.79);

    append({datedBar("2025-11-17", 238),
            datedBar("2025-11-18", 230)});  // another refresh: still below
    EXPECT_TRUE(check().fired.empty());
    const Alert stored = **AlertStore(*cache).find(id);
    EXPECT_EQ(stored.state, AlertState::Fired);
    EXPECT_EQ(stored.firedDay, d("2025-11-13"));
    EXPECT_EQ(stored.note, "old record zone");
}

TEST_F(AlertCheckTest, AReArmedAlertWatchesOnlyBarsAfterTheReArm) {
    append({datedBar("2025-11-12", 242), datedBar("2025-11-13", 236)});
    const auto id = add(AlertKind::ClosesBelow, 240, "2025-11-12");
    // Created when 2025-11-13 was already cached: that bar is history for this alert.
    EXPECT_TRUE(check().fired.empty());
    append({datedBar("2025-11-14", 241), datedBar("2025-11-17", 239)});
    ASSERT_EQ(check().fired.size(), 1u);
    ASSERT_TRUE(AlertStore(*cache).rearm(id, d("2025-11-17")).ok());
    EXPECT_TRUE(check().fired.empty());
    append({datedBar("2025-11-18", 242), datedBar("2025-11-19", 238)});
    const auto again = check();
    ASSERT_EQ(again.fired.size(), 1u);
    EXPECT_EQ(again.fired[0].firedDay, d("2025-11-19"));
}

// A retest alert watches the retests the chart shows, the user's own levels among them: a
// line drawn at 110, broken on the way to 120, comes back to 110 and holds.
TEST_F(AlertCheckTest, ARetestAlertWatchesTheChartsLevelsTheUsersOwnIncluded) {
    // Each bar spans its close +- 1, so it opens (at the previous close) inside its range.
    const std::vector<Bar> bars = test::barsFromCloses(test::walk({100, 120, 110, 130}), 1.0);
    append({bars.begin(), bars.begin() + 21});  // up to the 120 top: the breakout is behind
    const auto line = cache->addManualLevel("IWM", 110, "my 110 line");
    ASSERT_TRUE(line.ok()) << line.error().message;
    Alert held;
    held.symbol = "IWM";
    held.kind = AlertKind::RetestHeld;
    const auto id = AlertStore(*cache).add(held, bars[20].day);
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_TRUE(check().fired.empty());

    // Down to 110 and on to 130: bar 29 (close 111, low 110) reaches the line and closes above
    // it, the retest held.
    append({bars.begin() + 21, bars.end()});
    const AlertCheckReport report = check();
    ASSERT_EQ(report.fired.size(), 1u);
    EXPECT_EQ(report.fired[0].id, *id);
    EXPECT_EQ(report.fired[0].firedDay, bars[29].day);
    EXPECT_EQ(report.fired[0].firedClose, 111);
    const Alert stored = **AlertStore(*cache).find(*id);
    EXPECT_NE(stored.firedDetail.find("my 110 line"), std::string::npos) << stored.firedDetail;
}

TEST_F(AlertCheckTest, AnAllTimeHighAlertFiresOnceAfterARefresh) {
    append({datedBar("2025-11-10", 250), datedBar("2025-11-11", 240)});
    add(AlertKind::AllTimeHigh, 0);
    append({datedBar("2025-11-12", 249), datedBar("2025-11-13", 251), datedBar("2025-11-14", 260)});
    const auto r = check();
    ASSERT_EQ(r.fired.size(), 1u);
    EXPECT_EQ(r.fired[0].firedDay, d("2025-11-13"));
    EXPECT_TRUE(check().fired.empty());
}

TEST_F(AlertCheckTest, AnAllTimeHighMustBeatTheRecordOfYearsAgoNotJustTheLastMonth) {
    // The check reads only the last weeks' bars; the record close of 2021 still counts.
    append({datedBar("2021-11-08", 243), datedBar("2021-11-09", 238)});
    append({datedBar("2025-11-10", 220), datedBar("2025-11-11", 221), datedBar("2025-11-12", 222)});
    add(AlertKind::AllTimeHigh, 0);
    append({datedBar("2025-11-13", 235)});  // above every close since 2021, below the record
    EXPECT_TRUE(check().fired.empty());
    append({datedBar("2025-11-14", 244)});
    const auto r = check();
    ASSERT_EQ(r.fired.size(), 1u);
    EXPECT_EQ(r.fired[0].firedDay, d("2025-11-14"));
    EXPECT_EQ(r.fired[0].firedDetail,
              "closed 244.00, a new all-time high (the previous highest close was 243.00)");
    EXPECT_TRUE(check().fired.empty());
}

TEST_F(AlertCheckTest, ARatioAndTheTnxStandInAreWatchedOnTheirComputedSeries) {
    const auto store = [&](const char* symbol, std::vector<Bar> bars) {
        ASSERT_TRUE(cache->upsertBars(symbol, bars).ok());
    };
    store("IWM", {datedBar("2025-11-10", 240), datedBar("2025-11-12", 240)});
    store("SPY", {datedBar("2025-11-10", 600), datedBar("2025-11-12", 600)});
    store("DGS10", {datedBar("2025-11-10", 4.9), datedBar("2025-11-12", 4.95)});
    Alert ratio;
    ratio.symbol = "iwm:spy";
    ratio.kind = AlertKind::ClosesAbove;
    ratio.low = 0.41;  // IWM 0.41 × SPY: the ratio is 0.40 now
    const auto ratioId = AlertStore(*cache).add(ratio, d("2025-11-13")).value();
    Alert yield;
    yield.symbol = "^TNX";  // no ^TNX bars: DGS10 stands in, as in the ^TNX pane
    yield.kind = AlertKind::ClosesAbove;
    yield.low = 5;
    const auto yieldId = AlertStore(*cache).add(yield, d("2025-11-13")).value();
    Alert missing = ratio;
    missing.symbol = "KRE:SPY";
    AlertStore(*cache).add(missing, d("2025-11-13")).value();

    AlertCheckReport r = check();
    EXPECT_TRUE(r.fired.empty());
    EXPECT_EQ(r.armed, 3u);
    ASSERT_EQ(r.waiting.size(), 1u);
    EXPECT_EQ(r.waiting[0].rfind("KRE:SPY: no cached data for KRE", 0), 0u) << r.waiting[0];

    store("IWM", {datedBar("2025-11-13", 250)});
    store("SPY", {datedBar("2025-11-13", 600)});
    store("DGS10", {datedBar("2025-11-13", 5.05)});
    r = check();
    ASSERT_EQ(r.fired.size(), 2u);
    EXPECT_EQ(r.fired[0].id, ratioId);  // by symbol: IWM:SPY before ^TNX
    EXPECT_EQ(r.fired[0].firedDay, d("2025-11-13"));
    EXPECT_NEAR(r.fired[0].firedClose, 250.0 / 600.0, 1e-9);
    EXPECT_EQ(r.fired[1].id, yieldId);
    EXPECT_EQ(r.fired[1].firedDay, d("2025-11-13"));
    EXPECT_EQ(r.fired[1].firedDetail, "closed 5.0500 above 5.0000 (DGS10 standing in)");
    EXPECT_TRUE(check().fired.empty());
}

// Alerts on a ratio or a stand-in added (or re-armed) today, with data that ends weeks ago:
// they watch from the computed series' last day, like a symbol's own, so the bars a later
// import brings for the days in between are watched, not passed over.
TEST_F(AlertCheckTest, AComputedSeriesIsWatchedFromItsLastDayNotFromToday) {
    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{datedBar("2025-12-31", 246)}).ok());
    ASSERT_TRUE(cache->upsertBars("SPY", std::vector<Bar>{datedBar("2025-12-31", 682)}).ok());
    ASSERT_TRUE(cache->upsertBars("DGS10", std::vector<Bar>{datedBar("2025-12-31", 4.18)}).ok());
    const Day today = d("2026-12-02");
    Alert ratio;
    ratio.symbol = "IWM:SPY";
    ratio.kind = AlertKind::ClosesBelow;
    ratio.low = 0.3555;
    const auto ratioId = addAlert(*cache, ratio, today).value();
    Alert yield;
    yield.symbol = "^TNX";
    yield.kind = AlertKind::ClosesAbove;
    yield.low = 4.2;
    const auto yieldId = addAlert(*cache, yield, today).value();
    EXPECT_EQ(AlertStore(*cache).find(ratioId).value()->watchFrom, d("2025-12-31"));
    EXPECT_EQ(AlertStore(*cache).find(yieldId).value()->watchFrom, d("2025-12-31"));
    EXPECT_EQ(describeAlert(*AlertStore(*cache).find(ratioId).value()), "closes below 0.3555");

    ASSERT_TRUE(cache->upsertBars("IWM", std::vector<Bar>{datedBar("2026-01-05", 240)}).ok());
    ASSERT_TRUE(cache->upsertBars("SPY", std::vector<Bar>{datedBar("2026-01-05", 700)}).ok());
    ASSERT_TRUE(cache->upsertBars("DGS10", std::vector<Bar>{datedBar("2026-01-05", 4.25)}).ok());
    AlertCheckReport r = check();
    ASSERT_EQ(r.fired.size(), 2u);
    EXPECT_EQ(r.fired[0].firedDay, d("2026-01-05"));
    EXPECT_EQ(r.fired[0].firedDetail, "closed 0.3429 below 0.3555");
    EXPECT_EQ(r.fired[1].firedDay, d("2026-01-05"));

    ASSERT_TRUE(rearmAlert(*cache, ratioId, today).ok());
    EXPECT_EQ(AlertStore(*cache).find(ratioId).value()->watchFrom, d("2026-01-05"));
}

TEST_F(AlertCheckTest, AnAlertOnASymbolWithoutDataWaitsArmedAndSaysSo) {
    const auto id = add(AlertKind::ClosesAbove, 100, "2025-11-13");
    const auto r = check();
    EXPECT_TRUE(r.fired.empty());
    EXPECT_EQ(r.armed, 1u);
    ASSERT_EQ(r.waiting.size(), 1u);
    EXPECT_EQ(r.waiting[0],
              "IWM: no cached data yet; alert " + std::to_string(id) + " waits, armed");
    // The first import brings old history (never fires) and the day of creation (may fire).
    append({datedBar("2025-11-10", 90), datedBar("2025-11-11", 120), datedBar("2025-11-12", 95),
            datedBar("2025-11-13", 101)});
    const auto after = check();
    ASSERT_EQ(after.fired.size(), 1u);
    EXPECT_EQ(after.fired[0].firedDay, d("2025-11-13"));
}

TEST_F(AlertCheckTest, ACorruptRowIsSkippedWithAMessageAndTheOthersStillWork) {
    append({datedBar("2025-11-12", 242)});
    const auto good = add(AlertKind::ClosesBelow, 240);
    const auto bad = add(AlertKind::ClosesAbove, 250);
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(cache->path().c_str(), &raw), SQLITE_OK);
    const std::string sql = "UPDATE alerts SET kind = 'sideways' WHERE id = " + std::to_string(bad);
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);

    const auto all = AlertStore(*cache).all();
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->alerts.size(), 1u);
    EXPECT_EQ(all->alerts[0].id, good);
    ASSERT_EQ(all->skipped.size(), 1u);
    EXPECT_EQ(all->skipped[0],
              "alert " + std::to_string(bad) + " has an unknown condition \"sideways\"; skipped");
    append({datedBar("2025-11-13", 236.79)});
    const auto r = check();
    EXPECT_EQ(r.fired.size(), 1u);
    EXPECT_EQ(r.skipped.size(), 1u);
}

TEST_F(AlertCheckTest, BadAlertsAreRefusedAndNothingIsStored) {
    Alert zone;
    zone.symbol = "IWM";
    zone.kind = AlertKind::EntersZone;
    zone.low = 10;
    zone.high = 5;
    const auto r = AlertStore(*cache).add(zone, d("2025-11-13"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "cannot add the alert on IWM: the zone's low 10.00 is above its high 5.0000");
    EXPECT_TRUE(AlertStore(*cache).all()->alerts.empty());
    EXPECT_EQ(AlertStore(*cache).remove(42).error().message, "no alert has id 42");
}

}  // namespace
}  // namespace retest
