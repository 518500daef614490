// Symbol overrides are stored as "SYMBOL=PROVIDER_SYMBOL" lists, one list per provider, so
// the file stays readable and editable by hand.
#include "core/feeds/feed_settings_store.h"

#include <QStringList>

namespace retest {
namespace {

QString overridesKey(Provider p) {
    return QStringLiteral("feeds/mapping/") + QString::fromLatin1(providerName(p).data());
}

}  // namespace

FeedSettings loadFeedSettings(QSettings& settings) {
    FeedSettings feed;
    const QString provider = settings.value(QStringLiteral("feeds/provider")).toString();
    if (auto p = parseProvider(provider.toStdString())) {
        feed.provider = *p;
    }
    feed.yahooBaseUrl =
        settings.value(QStringLiteral("feeds/yahooBaseUrl"), feed.yahooBaseUrl).toString();
    feed.stooqBaseUrl =
        settings.value(QStringLiteral("feeds/stooqBaseUrl"), feed.stooqBaseUrl).toString();
    for (Provider p : {Provider::Yahoo, Provider::Stooq}) {
        const QStringList entries = settings.value(overridesKey(p)).toStringList();
        for (const QString& entry : entries) {
            const qsizetype eq = entry.indexOf(QLatin1Char('='));
            if (eq > 0) {
                feed.overrides[p][entry.left(eq).trimmed().toStdString()] =
                    entry.mid(eq + 1).trimmed().toStdString();
            }
        }
    }
    return feed;
}

void saveFeedSettings(QSettings& settings, const FeedSettings& feed) {
    settings.setValue(QStringLiteral("feeds/provider"),
                      QString::fromLatin1(providerName(feed.provider).data()));
    settings.setValue(QStringLiteral("feeds/yahooBaseUrl"), feed.yahooBaseUrl);
    settings.setValue(QStringLiteral("feeds/stooqBaseUrl"), feed.stooqBaseUrl);
    for (Provider p : {Provider::Yahoo, Provider::Stooq}) {
        QStringList entries;
        if (auto it = feed.overrides.find(p); it != feed.overrides.end()) {
            for (const auto& [symbol, mapped] : it->second) {
                entries.append(QString::fromStdString(symbol) + QLatin1Char('=') +
                               QString::fromStdString(mapped));
            }
        }
        settings.setValue(overridesKey(p), entries);
    }
}

}  // namespace retest
