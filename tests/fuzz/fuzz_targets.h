// The fuzz targets: each takes arbitrary bytes, runs one parser that meets hostile input, and
// aborts when the parser accepts something that breaks the rules it promises (a crash or a
// sanitizer report is a failure too). Built two ways: as libFuzzer programs with clang
// (scripts/fuzz.sh) and, replaying the saved corpora, inside the normal test suite.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retest::fuzz {

using Target = int (*)(const std::uint8_t* data, std::size_t size);

/// core/csv: parseCsv. Accepted files give valid, ascending, one-per-day bars.
int csvParser(const std::uint8_t* data, std::size_t size);
/// core/feeds: parseYahooChart. Accepted answers give ascending, one-per-day bars and finite
/// corporate actions.
int yahooChart(const std::uint8_t* data, std::size_t size);
/// core/feeds: parseStooqCsv. Accepted answers give valid bars.
int stooqCsv(const std::uint8_t* data, std::size_t size);
/// core/annotations: annotationsFromJson. Accepted files hold valid annotations that survive
/// a JSON round trip.
int annotationJson(const std::uint8_t* data, std::size_t size);
/// core/model: normalizeSymbol and splitRatioSymbol. Accepted symbols are canonical (upper
/// case, allowed characters only, normalising again changes nothing).
int symbolRule(const std::uint8_t* data, std::size_t size);

/// The target called NAME ("csv", "yahoo", "stooq", "annotation_json", "symbol"), or nullptr.
Target targetNamed(std::string_view name);

}  // namespace retest::fuzz
