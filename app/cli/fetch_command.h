// `retest fetch SYM [SYM ...]`: download or refresh daily bars from Yahoo or Stooq into the
// cache, one line per symbol on `out`, errors on `err`.
#pragma once

#include <QStringList>
#include <QTextStream>

#include "core/cache/price_cache.h"
#include "core/feeds/feed_refresher.h"

namespace retest::cli {

/// `args` are the words after `fetch`. Starts from the feed settings saved by the GUI
/// (QSettings). Returns 0 when every symbol was refreshed, 1 if any failed, 2 on a usage error.
int runFetchCommand(const QStringList& args, PriceCache& cache, QTextStream& out, QTextStream& err);

/// The same with explicit starting settings (tests, embedding); needs a running Qt event
/// dispatcher (a QCoreApplication).
int runFetchCommand(const QStringList& args, PriceCache& cache, QTextStream& out, QTextStream& err,
                    const FeedSettings& defaults);

/// What `retest fetch --help` prints; needs no cache.
QString fetchHelpText();

}  // namespace retest::cli
