// Fuzz target bodies; see fuzz_targets.h.
#include "tests/fuzz/fuzz_targets.h"

#include <QByteArray>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/annotations/annotation_json.h"
#include "core/csv/csv_import.h"
#include "core/feeds/stooq_parser.h"
#include "core/feeds/yahoo_chart_parser.h"
#include "core/model/bar_validation.h"
#include "core/model/symbol.h"

namespace retest::fuzz {

namespace {

/// A broken promise: report it and abort, so libFuzzer saves the input and ctest fails.
void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

bool ascendingOnePerDay(const std::vector<Bar>& bars) {
    return std::adjacent_find(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
               return a.day >= b.day;
           }) == bars.end();
}

std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

int csvParser(const std::uint8_t* data, std::size_t size) {
    auto parsed = parseCsv(bytes(data, size), "fuzz.csv");
    if (parsed) {
        require(!parsed->bars.empty(), "an accepted CSV has bars");
        require(ascendingOnePerDay(parsed->bars), "CSV bars ascend, one per day");
        require(!validateBars(parsed->bars).has_value(), "CSV bars pass the bar rules");
    } else {
        require(!parsed.error().reason.empty(), "a refused CSV says why");
    }
    return 0;
}

int yahooChart(const std::uint8_t* data, std::size_t size) {
    auto parsed = parseYahooChart(
        QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    if (parsed) {
        require(ascendingOnePerDay(parsed->bars), "Yahoo bars ascend, one per day");
        require(!validateBars(parsed->bars).has_value(), "Yahoo bars pass the bar rules");
        for (const CorporateAction& a : parsed->actions) {
            require(std::isfinite(a.value) && a.value >= 0, "corporate actions are finite");
        }
    } else {
        require(!parsed.error().message.empty(), "a refused answer says why");
    }
    return 0;
}

int stooqCsv(const std::uint8_t* data, std::size_t size) {
    auto parsed = parseStooqCsv(
        QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    if (parsed) {
        require(!validateBars(parsed->bars).has_value(), "Stooq bars pass the bar rules");
        require(ascendingOnePerDay(parsed->bars), "Stooq bars ascend, one per day");
    }
    return 0;
}

int annotationJson(const std::uint8_t* data, std::size_t size) {
    auto parsed = annotationsFromJson(bytes(data, size), "fuzz.json");
    if (!parsed) {
        return 0;
    }
    for (const Annotation& a : *parsed) {
        require(validateAnnotation(a).ok(), "accepted annotations are valid");
    }
    auto again = annotationsFromJson(annotationsToJson(*parsed), "again.json");
    require(again.ok() && again->size() == parsed->size(), "annotations survive a round trip");
    return 0;
}

int symbolRule(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = bytes(data, size);
    if (auto plain = normalizeSymbol(text)) {
        require(plain->size() <= kMaxSymbolLength, "symbols are short");
        require(
            std::none_of(plain->begin(), plain->end(), [](char c) { return c >= 'a' && c <= 'z'; }),
            "symbols are upper case");
        auto again = normalizeSymbol(*plain);
        require(again.ok() && *again == *plain, "normalising twice changes nothing");
    } else {
        const std::string& m = plain.error().message;
        require(m.find('\n') == std::string::npos && m.size() < 300,
                "a refusal prints on one short line");
    }
    if (auto ratio = splitRatioSymbol(text)) {
        require(ratio->numerator != ratio->denominator, "a ratio has two different sides");
        require(normalizeSymbol(ratio->numerator).ok(), "a ratio's sides are plain symbols");
    }
    return 0;
}

Target targetNamed(std::string_view name) {
    if (name == "csv") {
        return &csvParser;
    }
    if (name == "yahoo") {
        return &yahooChart;
    }
    if (name == "stooq") {
        return &stooqCsv;
    }
    if (name == "annotation_json") {
        return &annotationJson;
    }
    if (name == "symbol") {
        return &symbolRule;
    }
    return nullptr;
}

}  // namespace retest::fuzz
