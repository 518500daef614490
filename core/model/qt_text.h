// The one place where UTF-8 std::string text and QString meet: the analytics speak std::string,
// Qt speaks QString. Header-only, for the parts of Retest that use QtCore (core/annotations,
// core/feeds, ui, app); the C++-only libraries never include it.
#pragma once

#include <QString>
#include <string>
#include <string_view>

namespace retest {

inline QString toQString(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

inline std::string toUtf8(const QString& s) {
    return s.toStdString();
}

}  // namespace retest
