// The local price cache: one SQLite file holding symbols and their daily bars.
// Talks to SQLite's C API directly: prepared statements, one transaction per write,
// schema migrated forward with PRAGMA user_version. No Qt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotations/annotation.h"
#include "core/cache/annotation_store.h"
#include "core/model/bar.h"
#include "core/model/corporate_action.h"
#include "core/model/result.h"

struct sqlite3;

namespace retest {

/// What the cache knows about a symbol besides its bars.
struct SymbolInfo {
    std::string symbol;       ///< e.g. "^GSPC", "IWM" (as the user types it)
    std::string description;  ///< e.g. "S&P 500"; may be empty
    std::string currency;     ///< e.g. "USD"; may be empty
    std::string source;       ///< where the bars came from: "sample", "csv:FILE", "yahoo", …
    std::optional<Day> firstDay;
    std::optional<Day> lastDay;
    std::int64_t barCount = 0;
    std::optional<std::int64_t> lastRefreshUnix;  ///< seconds since epoch of the last import/fetch
};

/// Metadata written together with bars; empty strings leave stored values unchanged.
struct SymbolMeta {
    std::string description;
    std::string currency;
    std::string source;
};

struct UpsertStats {
    std::size_t inserted = 0;   ///< days that were not stored before
    std::size_t updated = 0;    ///< days stored before whose values changed
    std::size_t unchanged = 0;  ///< days stored before with identical values
};

/// Everything one refresh or import writes for one symbol, applied in a single transaction.
struct SymbolUpdate {
    std::span<const Bar> bars;
    std::span<const CorporateAction> actions;  ///< upserted by (day, kind)
    SymbolMeta meta;
    bool replaceAll = false;  ///< delete the symbol's stored bars and actions first
};

/// A price level the user placed by hand on a symbol.
struct ManualLevel {
    std::int64_t id = 0;
    std::string symbol;
    double price = 0;
    std::string label;
    friend bool operator==(const ManualLevel&, const ManualLevel&) = default;
};

/// How a cache is opened. The defaults are what the app uses.
struct CacheOptions {
    /// How long a writer waits for another process's write to finish before giving up
    /// (SQLite's busy handler, retrying with backoff). Two minutes: ten 300k-row imports
    /// started together all get their turn.
    int busyTimeoutMs = 120000;
    /// PRAGMA quick_check at open (about 4 ms per MB of cache), so a damaged file is
    /// refused before anything is written to it.
    bool checkIntegrity = true;
};

/// One piece of a chart's market context: a compare overlay or an indicator pane.
struct ChartContextItem {
    enum class Kind { Compare, Pane };
    Kind kind = Kind::Compare;
    std::string target;              ///< the compared or shown symbol ("KRE", "^TNX", "IWM:SPY")
    std::vector<double> thresholds;  ///< a pane's threshold lines
    double height = 0;               ///< a pane's height as a stretch factor; 0 = default

    friend bool operator==(const ChartContextItem&, const ChartContextItem&) = default;
};

class PriceCache {
public:
    /// The schema version this build writes; older files are migrated forward on open.
    static int schemaVersion();

    /// Opens (creating if needed) and migrates the database at `path`. Refused with an Error
    /// naming the path, before anything is written: a path that is not a regular file (a
    /// device, a folder), a new file in a folder that does not exist, a file of another
    /// program (see schema::kApplicationId), one newer than this build, or a damaged one (the
    /// message says how to recover).
    static Result<std::unique_ptr<PriceCache>> open(const std::filesystem::path& path,
                                                    const CacheOptions& options = {});
    /// The checks open() makes on the path before SQLite touches it.
    static Result<Ok> checkPath(const std::filesystem::path& path);

    ~PriceCache();
    PriceCache(const PriceCache&) = delete;
    PriceCache& operator=(const PriceCache&) = delete;

    const std::filesystem::path& path() const { return path_; }
    /// The open connection, for the stores of other tables in the same file (watchlists,
    /// alerts). They prepare their own statements and run their own transactions on it.
    sqlite3* connection() const { return db_; }

    /// Inserts or replaces bars by (symbol, day), creating the symbol if new, updating its
    /// first/last day, bar count, metadata and last refresh, all in one transaction: on any
    /// error nothing is written.
    Result<UpsertStats> upsertBars(std::string_view symbol, std::span<const Bar> bars,
                                   const SymbolMeta& meta = {});

    /// Deletes every bar of `symbol` then inserts `bars`, in one transaction (full re-download).
    Result<UpsertStats> replaceBars(std::string_view symbol, std::span<const Bar> bars,
                                    const SymbolMeta& meta = {});

    /// The general write: bars, corporate actions and metadata of one symbol in one
    /// transaction (upsertBars and replaceBars are this with no actions). All or nothing.
    Result<UpsertStats> applyUpdate(std::string_view symbol, const SymbolUpdate& update);

    /// Splits and dividends of `symbol`, ascending by day.
    Result<std::vector<CorporateAction>> corporateActions(std::string_view symbol) const;

    /// Bars of `symbol` with from <= day <= to, ascending, into `out` (cleared first; its
    /// capacity is reused). An unknown symbol gives an empty vector, not an error.
    Result<Ok> readBars(std::string_view symbol, Day from, Day to, std::vector<Bar>& out) const;
    /// Every bar of `symbol`.
    Result<std::vector<Bar>> readAllBars(std::string_view symbol) const;

    /// All symbols with at least one bar or a metadata row, sorted by symbol.
    Result<std::vector<SymbolInfo>> listSymbols() const;
    /// std::nullopt inside the Result when the symbol is unknown.
    Result<std::optional<SymbolInfo>> symbolInfo(std::string_view symbol) const;
    /// True when no symbol has any bar (first start).
    Result<bool> isEmpty() const;
    /// SQLite's data_version: it changes when another connection (the command line, a second
    /// window) commits to the file, never for this connection's own writes. The window polls
    /// it to show what `retest import` or `retest annotate` changed while it was open.
    Result<std::int64_t> dataVersion() const;
    /// Removes a symbol's bars and metadata (never its manual levels or annotations).
    Result<Ok> removeSymbol(std::string_view symbol);

    /// Manual levels, kept per symbol and independent of the price data.
    Result<std::int64_t> addManualLevel(std::string_view symbol, double price,
                                        std::string_view label);
    /// Stores `level` again under level.id when no level has that id (undoing its removal, so
    /// its zone keeps the id "M<id>"), else under a new id; returns the id it got.
    Result<std::int64_t> restoreManualLevel(const ManualLevel& level);
    Result<std::vector<ManualLevel>> manualLevels(std::string_view symbol) const;
    /// Error when no level has that id.
    Result<Ok> removeManualLevel(std::int64_t id);
    /// Changes a level's price and label in place (its id stays). Error when there is none.
    Result<Ok> updateManualLevel(std::int64_t id, double price, std::string_view label);

    /// The user's chart annotations, stored in the same file on the same connection (see
    /// annotation_store.h). Bar writes (replaceBars, applyUpdate with replaceAll) and
    /// removeSymbol never delete them.
    AnnotationStore& annotationStore() { return *annotations_; }
    const AnnotationStore& annotationStore() const { return *annotations_; }

    /// The compare overlays and panes remembered for `symbol`'s chart, in order (none: empty).
    Result<std::vector<ChartContextItem>> chartContext(std::string_view symbol) const;
    /// Replaces what is remembered for `symbol`'s chart, in one transaction (all or nothing).
    Result<Ok> setChartContext(std::string_view symbol, std::span<const ChartContextItem> items);
    /// The level sensitivity last chosen on `symbol`'s chart (std::nullopt: never changed).
    Result<std::optional<double>> levelSensitivity(std::string_view symbol) const;
    /// Remembers it (0..1; anything else is an Error and changes nothing).
    Result<Ok> setLevelSensitivity(std::string_view symbol, double sensitivity);

private:
    PriceCache(sqlite3* db, std::filesystem::path path);
    struct Statements;
    sqlite3* db_ = nullptr;
    std::filesystem::path path_;
    std::unique_ptr<Statements> stmts_;
    std::unique_ptr<AnnotationStore> annotations_;
};

}  // namespace retest
