#include "ui/app/symbol_suggestion.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace retest::ui {

QString suggestSymbol(const QString& path) {
    QString base = QFileInfo(path).fileName();
    // One extension goes (.csv, .txt); browsers add " (1)" to a second download of a file.
    static const QRegularExpression kExtension(QStringLiteral("\\.(csv|txt|tsv)$"),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression kCopy(QStringLiteral("\\s*\\(\\d+\\)$"));
    base.remove(kExtension).remove(kCopy);
    // Stooq names its US files `iwm.us`.
    static const QRegularExpression kStooqUs(QStringLiteral("\\.us$"),
                                             QRegularExpression::CaseInsensitiveOption);
    base.remove(kStooqUs);
    // A ticker: optional ^ (index), a letter, up to 5 more letters or digits, and at most one
    // class or exchange suffix (BRK-B, BRK.B, RY.TO, EURUSD=X).
    static const QRegularExpression kTicker(
        QStringLiteral("^\\^?[A-Za-z][A-Za-z0-9]{0,5}([.\\-=][A-Za-z0-9]{1,3})?$"));
    if (!kTicker.match(base).hasMatch()) {
        return {};
    }
    // Words people name downloads with, not tickers.
    static const QStringList kGeneric = {
        QStringLiteral("data"),   QStringLiteral("export"), QStringLiteral("prices"),
        QStringLiteral("price"),  QStringLiteral("quotes"), QStringLiteral("history"),
        QStringLiteral("daily"),  QStringLiteral("table"),  QStringLiteral("download"),
        QStringLiteral("file"),   QStringLiteral("sample"), QStringLiteral("test"),
        QStringLiteral("chart"),  QStringLiteral("stock"),  QStringLiteral("stocks"),
        QStringLiteral("ohlc"),   QStringLiteral("ohlcv"),  QStringLiteral("bars"),
        QStringLiteral("import"), QStringLiteral("output"), QStringLiteral("untitled")};
    if (kGeneric.contains(base, Qt::CaseInsensitive)) {
        return {};
    }
    return base.toUpper();
}

}  // namespace retest::ui
