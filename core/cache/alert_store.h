// Price alerts in the cache. A row this build cannot read (unknown kind, bad numbers) is
// skipped with a message, never an error that stops the caller: a corrupt alert must not keep
// the window from opening.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/alerts/alert.h"
#include "core/cache/price_cache.h"

namespace retest {

struct StoredAlerts {
    std::vector<Alert> alerts;         ///< ascending id
    std::vector<std::string> skipped;  ///< one message per unreadable row, naming its id
};

class AlertStore {
public:
    /// Works on `cache`'s connection; `cache` must outlive the store.
    explicit AlertStore(PriceCache& cache);

    /// Stores an armed alert (id, state and firing ignored) and returns its id. `watchFrom`
    /// is set here: the symbol's last cached day; for a symbol without bars of its own, the
    /// last day of the series computed for it (`seriesLast`: a ratio, a stand-in; see
    /// addAlert()), else the day before `nowDay`.
    Result<std::int64_t> add(const Alert& alert, Day nowDay,
                             std::optional<Day> seriesLast = std::nullopt);
    Result<StoredAlerts> all() const;
    Result<std::optional<Alert>> find(std::int64_t id) const;
    /// An Error when no alert has that id.
    Result<Ok> remove(std::int64_t id);
    /// Records a firing: state fired, the bar and its detail.
    Result<Ok> markFired(std::int64_t id, const AlertFiring& firing);
    /// Armed again, watching the bars after the symbol's last cached day (as add()).
    Result<Ok> rearm(std::int64_t id, Day nowDay, std::optional<Day> seriesLast = std::nullopt);

    /// The highest close of `symbol` on the days before `day`, std::nullopt without such bars:
    /// what a new all-time high must beat, found by SQLite without reading the bars out.
    Result<std::optional<double>> highestCloseBefore(std::string_view symbol, Day day) const;

private:
    Result<Day> watchStart(const std::string& symbol, Day nowDay,
                           std::optional<Day> seriesLast) const;
    PriceCache& cache_;
};

}  // namespace retest
