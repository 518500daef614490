// The chart-context half of PriceCache: compare overlays and indicator panes (schema v5) and the
// level sensitivity (v6) remembered per symbol. Rarely written (a user edit), so statements are
// prepared per call.
#include <charconv>
#include <cmath>

#include "core/cache/price_cache.h"
#include "core/cache/sqlite_statement.h"

namespace retest {

namespace {

std::string joinThresholds(const std::vector<double>& values) {
    std::string out;
    for (const double v : values) {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        if (!out.empty()) {
            out += ';';
        }
        out.append(buf, r.ptr);
    }
    return out;
}

std::vector<double> splitThresholds(std::string_view text) {
    std::vector<double> out;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find(';'), text.size());
        double v = 0;
        const auto r = std::from_chars(text.data(), text.data() + end, v);
        if (r.ec == std::errc() && std::isfinite(v)) {
            out.push_back(v);
        }
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return out;
}

Error contextError(sqlite3* db, const std::filesystem::path& path, std::string_view symbol,
                   const char* what) {
    return Error{"Price cache " + path.string() + ": cannot " + what + " the chart context of " +
                 std::string(symbol) + ": " + sqlite3_errmsg(db)};
}

}  // namespace

Result<std::vector<ChartContextItem>> PriceCache::chartContext(std::string_view symbol) const {
    sqlite::Statement select;
    if (select.prepare(db_,
                       "SELECT kind, target, thresholds, height FROM chart_context "
                       "WHERE symbol = ?1 ORDER BY position") != SQLITE_OK) {
        return contextError(db_, path_, symbol, "read");
    }
    sqlite::Use use(select);
    use.bind(1, symbol);
    std::vector<ChartContextItem> out;
    int rc = SQLITE_ROW;
    while ((rc = use.step()) == SQLITE_ROW) {
        ChartContextItem item;
        item.kind = use.columnText(0) == "pane" ? ChartContextItem::Kind::Pane
                                                : ChartContextItem::Kind::Compare;
        item.target = use.columnText(1);
        item.thresholds = splitThresholds(use.columnText(2));
        item.height = use.columnDouble(3);
        out.push_back(std::move(item));
    }
    if (rc != SQLITE_DONE) {
        return contextError(db_, path_, symbol, "read");
    }
    return out;
}

Result<Ok> PriceCache::setChartContext(std::string_view symbol,
                                       std::span<const ChartContextItem> items) {
    for (const ChartContextItem& item : items) {
        if (item.target.empty() || !std::isfinite(item.height) || item.height < 0) {
            return Error{"chart context of " + std::string(symbol) +
                         ": every item needs a symbol and a height of 0 or more"};
        }
    }
    sqlite::Statement remove;
    sqlite::Statement insert;
    sqlite::TransactionStatements tx;
    if (remove.prepare(db_, "DELETE FROM chart_context WHERE symbol = ?1") != SQLITE_OK ||
        insert.prepare(db_,
                       "INSERT INTO chart_context(symbol, position, kind, target, "
                       "thresholds, height) VALUES(?1, ?2, ?3, ?4, ?5, ?6)") != SQLITE_OK ||
        tx.prepare(db_) != SQLITE_OK) {
        return contextError(db_, path_, symbol, "store");
    }
    sqlite::Transaction write(db_, tx);  // all or nothing: rolled back unless committed
    if (!write.begin()) {
        return contextError(db_, path_, symbol, "store");
    }
    bool ok = [&] {
        sqlite::Use del(remove);
        return del.bind(1, symbol).step() == SQLITE_DONE;
    }();
    for (std::size_t i = 0; ok && i < items.size(); ++i) {
        const ChartContextItem& item = items[i];
        const std::string kind = item.kind == ChartContextItem::Kind::Pane ? "pane" : "compare";
        const std::string thresholds = joinThresholds(item.thresholds);
        sqlite::Use use(insert);
        use.bind(1, symbol).bind(2, static_cast<std::int64_t>(i)).bind(3, std::string_view(kind));
        use.bind(4, std::string_view(item.target)).bind(5, std::string_view(thresholds));
        use.bind(6, item.height);
        ok = use.step() == SQLITE_DONE;
    }
    if (!ok || !write.commit()) {
        return contextError(db_, path_, symbol, "store");
    }
    return Ok{};
}

Result<std::optional<double>> PriceCache::levelSensitivity(std::string_view symbol) const {
    sqlite::Statement select;
    if (select.prepare(db_, "SELECT sensitivity FROM chart_settings WHERE symbol = ?1") !=
        SQLITE_OK) {
        return contextError(db_, path_, symbol, "read");
    }
    sqlite::Use use(select);
    use.bind(1, symbol);
    const int rc = use.step();
    if (rc == SQLITE_DONE) {
        return std::optional<double>{};
    }
    if (rc != SQLITE_ROW) {
        return contextError(db_, path_, symbol, "read");
    }
    return std::optional<double>{use.columnDouble(0)};
}

Result<Ok> PriceCache::setLevelSensitivity(std::string_view symbol, double sensitivity) {
    if (!(sensitivity >= 0 && sensitivity <= 1)) {
        return Error{"level sensitivity of " + std::string(symbol) + " must be from 0 to 1"};
    }
    sqlite::Statement upsert;
    if (upsert.prepare(db_,
                       "INSERT INTO chart_settings(symbol, sensitivity) VALUES(?1, ?2) "
                       "ON CONFLICT(symbol) DO UPDATE SET sensitivity = excluded.sensitivity") !=
        SQLITE_OK) {
        return contextError(db_, path_, symbol, "store");
    }
    sqlite::Use use(upsert);
    use.bind(1, symbol).bind(2, sensitivity);
    if (use.step() != SQLITE_DONE) {
        return contextError(db_, path_, symbol, "store");
    }
    return Ok{};
}

}  // namespace retest
