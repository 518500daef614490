// Pure decisions of a refresh: which dates to ask for, the provider URL, and when an
// incremental answer forces a full re-download.
#pragma once

#include <QString>
#include <QUrl>
#include <optional>
#include <span>
#include <string>

#include "core/feeds/feed_types.h"

namespace retest {

struct RequestRange {
    std::optional<Day> from;   ///< nullopt: the whole history
    bool incremental = false;  ///< true: only the tail since the cache's last day (plus overlap)
};

/// Incremental from `overlapSessions` weekdays before the last cached day, unless `full`, the
/// cache is empty, or `since` asks for earlier data.
RequestRange planRequest(std::optional<Day> lastCachedDay, bool full, std::optional<Day> since,
                         int overlapSessions);

/// The weekday `sessions` weekdays before `day` (weekends skipped; holidays are not known).
Day weekdaysBefore(Day day, int sessions);

/// {base}/v8/finance/chart/{SYMBOL}?period1=…&period2=…&interval=1d&events=div,split
QUrl yahooChartUrl(const QString& base, const std::string& symbol, std::optional<Day> from,
                   qint64 nowSecsSinceEpoch);
/// {base}/q/d/l/?s={symbol}&i=d (with d1/d2 when `from` is set).
QUrl stooqCsvUrl(const QString& base, const std::string& symbol, std::optional<Day> from,
                 Day today);

/// Why an incremental answer must not simply be merged, or nullopt when it may be:
/// - a split or dividend the cache lacks: the provider restated every earlier adjusted price
///   (after a split, Yahoo's raw prices too), so the stored history is stale;
/// - an overlapping session whose close differs from the stored one by more than 25%: the
///   provider restated its history without telling (Stooq after a split).
/// `storedOverlap` are the cached bars over the requested range.
std::optional<std::string> fullReloadReason(const FeedData& fresh,
                                            std::span<const CorporateAction> storedActions,
                                            std::span<const Bar> storedOverlap);

}  // namespace retest
