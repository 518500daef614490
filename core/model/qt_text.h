// The one place where UTF-8 std::string text and QString meet: the analytics speak std::string,
// Qt speaks QString. Header-only, for the parts of Retest that use QtCore (core/annotations,
// core/feeds, ui, app); the C++-only libraries never include it.
#pragma once

#include <QLocale>
#include <QString>
#include <string>
#include <string_view>

#include "core/model/text.h"  // priceDecimals()

namespace retest {

inline QString toQString(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

inline std::string toUtf8(const QString& s) {
    return s.toStdString();
}

/// A price as a table shows it: grouped in the user's locale, with priceDecimals():
/// "2,481.91", a yield's "4.1630", a ratio's "0.3610".
inline QString localePrice(double price) {
    return QLocale().toString(price, 'f', priceDecimals(price));
}

/// A signed percentage: "+2.68%", "-0.4%", "0.0%" (signedText()).
inline QString signedPercent(double pct, int decimals) {
    return toQString(signedText(pct, decimals)) + QLatin1Char('%');
}

}  // namespace retest
