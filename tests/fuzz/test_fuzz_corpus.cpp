// Replays every saved fuzz input (the seed corpora from real files, and every input that ever
// failed, kept in tests/fuzz/regressions) through the fuzz targets in the normal gcc build, so
// a fixed crash stays fixed even where clang's libFuzzer is not installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/fuzz/fuzz_targets.h"
#include "tests/support/test_paths.h"

namespace retest::fuzz {
namespace {

class FuzzCorpus : public ::testing::TestWithParam<const char*> {};

TEST_P(FuzzCorpus, EverySavedInputPassesItsTarget) {
    const std::string name = GetParam();
    const Target target = targetNamed(name);
    ASSERT_NE(target, nullptr);
    std::size_t replayed = 0;
    for (const char* kind : {"corpus", "regressions"}) {
        const std::filesystem::path dir = std::filesystem::path(RETEST_FUZZ_DIR) / kind / name;
        ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (!entry.is_regular_file() || entry.path().filename().string()[0] == '.') {
                continue;
            }
            const std::string bytes = test::readFile(entry.path());
            SCOPED_TRACE(entry.path().string());
            EXPECT_EQ(target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0);
            ++replayed;
        }
    }
    EXPECT_GE(replayed, 3u) << "each target keeps seeds from real files";
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzCorpus,
                         ::testing::Values("csv", "yahoo", "stooq", "annotation_json", "symbol"));

}  // namespace
}  // namespace retest::fuzz
