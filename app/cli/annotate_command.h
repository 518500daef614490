// `retest annotate SYM …`: add, list, remove, export or import a symbol's chart annotations.
#pragma once

#include "app/cli/cli.h"

namespace retest::cli {

/// Registered in kCommands (cli.cpp).
int runAnnotate(Context& ctx);

}  // namespace retest::cli
