// Provider-shaped answers built from real bars (the bundled S&P 500 sample), laid out exactly
// as Yahoo's chart API and Stooq's CSV download send them.
#pragma once

#include "tests/support/test_paths.h"

#include <QByteArray>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/cache/price_cache.h"
#include "core/model/bar.h"

namespace retest::test {

/// Seconds since epoch of 09:30 New York time on `day` (when Yahoo stamps US daily bars).
qint64 newYork0930(Day day);

struct YahooBodyOptions {
    std::string symbol = "^GSPC";
    std::string longName = "S&P 500";
    std::string timezone = "America/New_York";
    int gmtoffset = -18000;
    std::set<std::size_t> nullRows;        ///< rows sent as null in every quote array
    std::vector<CorporateAction> actions;  ///< sent in `events`
    bool withAdjClose = true;
};

/// A v8/finance/chart answer for `bars`; bar i stamped at 09:30 in options.timezone.
QByteArray yahooChartBody(std::span<const Bar> bars, const YahooBodyOptions& options = {});
/// Yahoo's answer for an unknown or delisted symbol (sent with HTTP 404).
QByteArray yahooNotFoundBody();

/// Stooq's CSV: "Date,Open,High,Low,Close,Volume", CRLF line ends as Stooq sends.
QByteArray stooqCsvBody(std::span<const Bar> bars);

}  // namespace retest::test
