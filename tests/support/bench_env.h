// What the benchmark programs share: whether CTest runs them as a quick smoke test.
#pragma once

#include <cstdlib>
#include <string_view>

namespace retest::test {

/// RETEST_BENCH_SMOKE=1 (set by CTest): small inputs, so the run takes seconds.
inline bool benchSmoke() {
    const char* v = std::getenv("RETEST_BENCH_SMOKE");
    return v != nullptr && std::string_view(v) == "1";
}

}  // namespace retest::test
