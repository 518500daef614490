// A symbol's level analysis inputs from the cache (see level_inputs.h).
#include "core/context/level_inputs.h"

namespace retest {

std::vector<ManualLevelInput> manualLevelInputs(const std::vector<ManualLevel>& levels) {
    std::vector<ManualLevelInput> out;
    out.reserve(levels.size());
    for (const ManualLevel& m : levels) {
        out.push_back({m.price, m.label, m.id});
    }
    return out;
}

double levelSensitivityFor(const PriceCache& cache, std::string_view symbol,
                           std::optional<double> given) {
    if (given) {
        return *given;
    }
    const auto stored = cache.levelSensitivity(symbol);
    return stored ? stored.value().value_or(LevelSettings{}.sensitivity)
                  : LevelSettings{}.sensitivity;
}

LevelInputs levelInputsFor(const PriceCache& cache, std::string_view symbol,
                           std::optional<double> sensitivity) {
    LevelInputs in;
    in.settings.sensitivity = levelSensitivityFor(cache, symbol, sensitivity);
    if (auto levels = cache.manualLevels(symbol)) {
        in.manual = manualLevelInputs(levels.value());
    }
    return in;
}

}  // namespace retest
