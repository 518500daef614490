// JSON and text pieces shared by the commands that print levels: `levels`, `scan` and
// `rotation` describe a zone and an event the same way.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <cstddef>
#include <string_view>

#include "core/analytics/levels.h"
#include "core/model/qt_text.h"  // toQString, used with these pieces

namespace retest::cli {

/// YYYY-MM-DD.
QString isoDate(Day d);
/// Prices and ratios to 4 decimals: enough for any quote, free of binary noise.
double round4(double v);
/// Event `i` of `a` as `levels --json` and `scan --json` print it.
QJsonValue eventJson(const LevelAnalysis& a, std::size_t i);
/// A zone with its distance from the last close `last`.
QJsonObject zoneJson(const Zone& z, double last);
/// The all-time high (its high and highest close, with their dates), null with no bars: what
/// price has to clear when no level is above it.
QJsonValue allTimeHighJson(const LevelAnalysis& a);

}  // namespace retest::cli
