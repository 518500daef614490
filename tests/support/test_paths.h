// Where test fixtures live, and scratch directories that clean up after themselves.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/bar.h"

namespace retest::test {

/// tests/data/NAME in the source tree.
std::filesystem::path dataFile(std::string_view name);
/// The bundled real S&P 500 sample (resources/sample/sp500-2000.csv).
std::filesystem::path sampleCsv();
/// The bundled sample's 5,105 daily bars, read once with the real CSV parser.
const std::vector<Bar>& sampleBars();
/// The sample with every price times `factor`: another symbol with the same moves.
std::vector<Bar> scaledSampleBars(double factor);
/// The whole content of a file (binary-safe).
std::string readFile(const std::filesystem::path& path);
/// The build directory's root (where the `retest` binary is built under app/).
std::filesystem::path binaryDir();

/// A fresh empty directory, removed with everything in it when this object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path file(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace retest::test
