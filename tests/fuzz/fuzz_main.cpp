// libFuzzer entry point for one target, chosen at compile time (RETEST_FUZZ_TARGET is the
// target's name, e.g. csv); built only by scripts/fuzz.sh with clang -fsanitize=fuzzer.
#include "tests/fuzz/fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const retest::fuzz::Target target = retest::fuzz::targetNamed(RETEST_FUZZ_TARGET);
    return target(data, size);
}
