// `retest alerts …`: price alerts from the command line. `import` and `fetch` store bars only;
// `retest fetch --watchlist && retest alerts check` is the headless loop.
#pragma once

#include "app/cli/cli.h"

namespace retest::cli {

/// Exit status of `retest alerts check`: something fired (0), nothing fired (3); errors are
/// kFailed (1), a wrong command line kUsage (2).
inline constexpr int kAlertsNothingFired = 3;

int runAlerts(Context& ctx);

}  // namespace retest::cli
