// The one place where UTF-8 std::string text and QString meet: core speaks std::string, the
// widgets speak QString.
#pragma once

#include <QString>
#include <string>
#include <string_view>

namespace retest::ui {

inline QString toQString(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

inline std::string toUtf8(const QString& s) {
    return s.toStdString();
}

}  // namespace retest::ui
