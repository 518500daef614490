// LevelStream (see level_stream.h).
#include "core/analytics/level_stream.h"

#include <algorithm>
#include <utility>

namespace retest {

namespace {

/// Whether the first `count` bars `engine` saw (all of them when count is larger) are the
/// first of `bars`, and it saw no more than `upTo`.
bool saw(const std::optional<LevelEngine>& engine, std::span<const Bar> bars, std::size_t count,
         std::size_t upTo) {
    if (!engine || engine->bars().size() > upTo) {
        return false;
    }
    const std::size_t n = std::min(count, engine->bars().size());
    return n <= bars.size() &&
           std::equal(engine->bars().begin(),
                      engine->bars().begin() + static_cast<std::ptrdiff_t>(n), bars.begin());
}

}  // namespace

LevelStream::LevelStream(const LevelSettings& settings, std::vector<ManualLevelInput> manual)
    : settings_(settings), manual_(std::move(manual)) {}

bool LevelStream::madeFor(const LevelSettings& settings,
                          const std::vector<ManualLevelInput>& manual) const {
    return settings_ == settings && manual_ == manual;
}

std::size_t LevelStream::catchUp(LevelEngine& engine, std::span<const Bar> bars,
                                 std::size_t count) {
    engine.setDaily(daily_);
    const std::size_t have = engine.bars().size();
    engine.append(bars.subspan(have, count - have));
    return count - have;
}

LevelAnalysis LevelStream::update(std::span<const Bar> bars, std::span<const Bar> daily,
                                  LastBar lastBar) {
    lastAnalysed_ = 0;
    if (bars.empty()) {
        engine_.reset();
        beforeLast_.reset();
        return LevelEngine(settings_, manual_).analysis();
    }
    // The days an engine read must be the same too (weekly and monthly bars are read through
    // them): a correction of a day can leave its week's bar as it was.
    const auto changed = static_cast<std::size_t>(
        std::mismatch(daily_.begin(), daily_.end(), daily.begin(), daily.end()).first -
        daily_.begin());
    for (std::optional<LevelEngine>* engine : {&engine_, &beforeLast_}) {
        if (*engine && (*engine)->daysRead() > changed) {
            engine->reset();
        }
    }
    daily_.assign(daily.begin(), daily.end());
    const std::size_t n = bars.size();
    if (saw(engine_, bars, n, n)) {
        // A refresh that adds days: append them.
        lastAnalysed_ = catchUp(*engine_, bars, n);
        return engine_->analysis();
    }
    if (saw(beforeLast_, bars, n, n - 1)) {
        // The last bar was revised: from the bars before it, settled, on a copy.
        lastAnalysed_ = catchUp(*beforeLast_, bars, n - 1) + 1;
        engine_ = *beforeLast_;
        engine_->append(bars.back());
        return engine_->analysis();
    }
    const bool revised =
        engine_ && !engine_->bars().empty() && saw(engine_, bars, engine_->bars().size() - 1, n);
    if (revised || lastBar == LastBar::MayChange) {
        // The last bar changes (a revision seen, or a weekly bar): settle the rest once.
        beforeLast_.emplace(settings_, manual_, daily_);
        lastAnalysed_ = catchUp(*beforeLast_, bars, n - 1) + 1;
        engine_ = *beforeLast_;
        engine_->append(bars.back());
        return engine_->analysis();
    }
    beforeLast_.reset();
    engine_.emplace(settings_, manual_, daily_);
    lastAnalysed_ = catchUp(*engine_, bars, n);
    return engine_->analysis();
}

}  // namespace retest
