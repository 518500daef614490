// FeedSettings <-> QSettings, shared by the GUI's settings dialog and the `fetch` command so
// both use the same provider, base URLs and symbol mapping.
#pragma once

#include <QSettings>

#include "core/feeds/feed_refresher.h"

namespace retest {

/// Reads the "feeds/" group; missing keys keep FeedSettings' defaults.
FeedSettings loadFeedSettings(QSettings& settings);
/// Writes the "feeds/" group (provider, base URLs, symbol overrides).
void saveFeedSettings(QSettings& settings, const FeedSettings& feed);

}  // namespace retest
