// Yahoo Finance chart API (v8/finance/chart) JSON -> bars, splits, dividends and metadata.
// Pure: bytes in, values out; no network.
#pragma once

#include <QByteArray>

#include "core/feeds/feed_types.h"
#include "core/model/result.h"

namespace retest {

/// Parses a whole chart API answer. Sessions whose open/high/low/close is null are skipped
/// (counted in skippedMissing); timestamps become trading days in the exchange's time zone.
/// `chart.error`, HTML, truncated JSON, mismatched arrays, absurd timestamps or offsets, a bar
/// that breaks the bar rules (core/model/bar_validation.h) and an answer without any price
/// are Errors whose message says why (without symbol or provider: the caller adds those).
Result<FeedData> parseYahooChart(const QByteArray& body);

/// The human text of a `chart.error` in `body`, or empty when there is none (used to explain
/// an HTTP 404, which Yahoo sends with such a body for unknown symbols).
std::string yahooChartErrorText(const QByteArray& body);

/// True when the body looks like an HTML page (a consent wall, a proxy error, a login page).
bool looksLikeHtml(const QByteArray& body);

}  // namespace retest
