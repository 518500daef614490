#include "tests/support/test_paths.h"

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "core/csv/csv_import.h"

namespace retest::test {

std::filesystem::path dataFile(std::string_view name) {
    return std::filesystem::path(RETEST_TEST_DATA_DIR) / name;
}

std::filesystem::path sampleCsv() {
    return RETEST_SAMPLE_CSV;
}

const std::vector<Bar>& sampleBars() {
    static const std::vector<Bar> bars = [] {
        auto parsed = readCsvFile(sampleCsv());
        if (!parsed) {
            throw std::runtime_error(parsed.error().message());
        }
        return std::move(parsed.value().bars);
    }();
    return bars;
}

std::vector<Bar> scaledSampleBars(double factor) {
    std::vector<Bar> bars = sampleBars();
    for (Bar& b : bars) {
        b.open *= factor;
        b.high *= factor;
        b.low *= factor;
        b.close *= factor;
        b.adjClose *= factor;
    }
    return bars;
}

std::filesystem::path binaryDir() {
    return RETEST_BINARY_DIR;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read test file " + path.string());
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("retest-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace retest::test
