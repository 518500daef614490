// What a symbol's level analysis takes from the cache besides its bars: the levels drawn by
// hand and the sensitivity last chosen on its chart. One reading for the window, `levels`,
// `scan` and `export`, so they analyse a symbol alike. No Qt.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/analytics/levels.h"
#include "core/cache/price_cache.h"

namespace retest {

/// The cache's manual levels as the analysis takes them (each zone keeps its level's id).
std::vector<ManualLevelInput> manualLevelInputs(const std::vector<ManualLevel>& levels);

/// The sensitivity to analyse `symbol` at: `given` (a command's --sensitivity), else the one
/// last chosen on its chart, else the default (also when the cache cannot be read).
double levelSensitivityFor(const PriceCache& cache, std::string_view symbol,
                           std::optional<double> given);

/// Everything analyzeLevels() takes for `symbol` besides its bars, as its chart has it.
struct LevelInputs {
    LevelSettings settings;                ///< at levelSensitivityFor(cache, symbol, sensitivity)
    std::vector<ManualLevelInput> manual;  ///< none when the cache cannot read them
};
LevelInputs levelInputsFor(const PriceCache& cache, std::string_view symbol,
                           std::optional<double> sensitivity = std::nullopt);

}  // namespace retest
