// The version `retest --version` and the About box show, fixed when CMake configures the build.
#pragma once

namespace retest::app {

/// project(VERSION) of the top-level CMakeLists.txt, e.g. "0.1.0".
extern const char* const kVersion;
/// `git describe --tags --always --dirty` at configure time; empty outside a git checkout.
extern const char* const kGitDescription;

}  // namespace retest::app
