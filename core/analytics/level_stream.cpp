// LevelStream (see level_stream.h).
#include "core/analytics/level_stream.h"

#include <algorithm>
#include <utility>

namespace retest {

namespace {

bool sameSettings(const LevelSettings& a, const LevelSettings& b) {
    return a.sensitivity == b.sensitivity && a.atrPeriod == b.atrPeriod &&
           a.rules.touchAtr == b.rules.touchAtr && a.rules.failAtr == b.rules.failAtr &&
           a.rules.failCloses == b.rules.failCloses && a.rules.awayAtr == b.rules.awayAtr;
}

bool sameManual(const std::vector<ManualLevelInput>& a, const std::vector<ManualLevelInput>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const ManualLevelInput& x, const ManualLevelInput& y) {
                          return x.price == y.price && x.label == y.label && x.id == y.id;
                      });
}

}  // namespace

LevelStream::LevelStream(const LevelSettings& settings, std::vector<ManualLevelInput> manual)
    : settings_(settings), manual_(std::move(manual)) {}

bool LevelStream::madeFor(const LevelSettings& settings,
                          const std::vector<ManualLevelInput>& manual) const {
    return sameSettings(settings_, settings) && sameManual(manual_, manual);
}

LevelAnalysis LevelStream::update(std::span<const Bar> bars, std::span<const Bar> daily) {
    lastAnalysed_ = 0;
    if (bars.empty()) {
        settled_.reset();
        return LevelEngine(settings_, manual_).analysis();
    }
    const std::size_t keep = bars.size() - 1;  // the last bar may still change
    daily_.assign(daily.begin(), daily.end());
    const bool extends = settled_ && settled_->bars().size() <= keep &&
                         std::equal(settled_->bars().begin(), settled_->bars().end(), bars.begin());
    if (!extends) {
        settled_.emplace(settings_, manual_, daily_);
    }
    settled_->setDaily(daily_);
    const std::size_t have = settled_->bars().size();
    settled_->append(bars.subspan(have, keep - have));
    LevelEngine now = *settled_;
    now.append(bars.back());
    lastAnalysed_ = keep - have + 1;
    return now.analysis();
}

}  // namespace retest
