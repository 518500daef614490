// Support/resistance analysis: zones, major swings, breakouts and retests (see levels.h).
#include "core/analytics/levels.h"

namespace retest {

std::string_view levelKindName(LevelKind kind) {
    return kind == LevelKind::Support ? "support" : "resistance";
}

std::string_view levelEventTypeName(LevelEventType type) {
    return type == LevelEventType::Breakout ? "breakout" : "breakdown";
}

std::string_view retestStateName(RetestState state) {
    switch (state) {
        case RetestState::None:
            return "none";
        case RetestState::Retesting:
            return "retesting";
        case RetestState::Held:
            return "held";
        case RetestState::Failed:
            return "failed";
    }
    return "none";
}

LevelAnalysis analyzeLevels(std::span<const Bar> bars, const LevelSettings& settings,
                            std::span<const ManualLevelInput> manual) {
    (void)settings;
    (void)manual;
    LevelAnalysis out;
    if (!bars.empty()) {
        out.asOf = bars.back().day;
        out.lastClose = bars.back().close;
    }
    return out;
}

}  // namespace retest
