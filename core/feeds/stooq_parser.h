// Stooq daily CSV (q/d/l/) -> bars. Pure; the CSV itself is read by core/csv.
#pragma once

#include <QByteArray>

#include "core/feeds/feed_types.h"
#include "core/model/result.h"

namespace retest {

/// Parses a Stooq download. Stooq answers an unknown symbol with the text "No data" (HTTP 200)
/// and a quota overrun with a sentence; both, HTML and any CSV error are Errors.
Result<FeedData> parseStooqCsv(const QByteArray& body);

}  // namespace retest
