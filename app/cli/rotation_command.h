// `retest rotation [LIST|SYM...] [--benchmark SPY] [--until DATE] [--json]`.
#pragma once

#include "app/cli/cli.h"

namespace retest::cli {

int runRotation(Context& ctx);

}  // namespace retest::cli
