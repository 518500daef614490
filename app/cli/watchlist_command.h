// Watchlists on the command line: `retest watchlist …`, and the symbols of a list for the
// commands that take one (`rotation`, `fetch --watchlist`).
#pragma once

#include <QStringList>
#include <optional>

#include "app/cli/cli.h"

namespace retest::cli {

/// The symbols of list `name` (empty: the first list), or std::nullopt after printing why
/// (unknown list, empty list) to ctx.err prefixed with "retest COMMAND: ".
std::optional<QStringList> watchlistSymbols(Context& ctx, PriceCache& cache, const QString& name,
                                            const QString& command);

/// True when `name` is the name of a stored list.
bool isWatchlistName(PriceCache& cache, const QString& name);

int runWatchlist(Context& ctx);

}  // namespace retest::cli
