// Refresh planning: date ranges and URLs.
#include "core/feeds/refresh_plan.h"

#include <QUrlQuery>
#include <algorithm>

#include "core/model/date.h"

namespace retest {
namespace {

// Yahoo's "max" range starts here; earlier period1 values are rejected.
constexpr qint64 kYahooEarliest = -2208988800;  // 1900-01-01T00:00:00Z

QString stooqDate(Day day) {
    const CivilDate c = civilFromDay(day);
    return QString::asprintf("%04d%02u%02u", c.year, c.month, c.day);
}

QString joinUrl(const QString& base, const QString& path) {
    QString b = base;
    while (b.endsWith(QLatin1Char('/'))) {
        b.chop(1);
    }
    return b + path;
}

}  // namespace

Day weekdaysBefore(Day day, int sessions) {
    Day d = day;
    for (int left = sessions; left > 0;) {
        --d;
        if (weekdayOf(d) < 5) {
            --left;
        }
    }
    return d;
}

RequestRange planRequest(std::optional<Day> lastCachedDay, bool full, std::optional<Day> since,
                         int overlapSessions) {
    if (full || !lastCachedDay) {
        return {since, false};
    }
    Day from = weekdaysBefore(*lastCachedDay, std::max(overlapSessions, 0));
    if (since && *since < from) {
        from = *since;
    }
    return {from, true};
}

QUrl yahooChartUrl(const QString& base, const std::string& symbol, std::optional<Day> from,
                   qint64 nowSecsSinceEpoch) {
    QUrl url(joinUrl(base, QStringLiteral("/v8/finance/chart/")));
    // The symbol is one path segment, percent-encoded ("^GSPC" as "%5EGSPC", "M&M.NS" as
    // "M%26M.NS"), whatever characters it holds.
    url.setPath(url.path(QUrl::FullyEncoded) +
                    QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(symbol))),
                QUrl::StrictMode);
    const qint64 period1 = from ? qint64{*from} * 86400 : kYahooEarliest;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("period1"), QString::number(period1));
    query.addQueryItem(QStringLiteral("period2"), QString::number(nowSecsSinceEpoch));
    query.addQueryItem(QStringLiteral("interval"), QStringLiteral("1d"));
    query.addQueryItem(QStringLiteral("events"), QStringLiteral("div,split"));
    url.setQuery(query);
    return url;
}

QUrl stooqCsvUrl(const QString& base, const std::string& symbol, std::optional<Day> from,
                 Day today) {
    QUrl url(joinUrl(base, QStringLiteral("/q/d/l/")));
    QUrlQuery query;
    // QUrlQuery leaves '&' and '=' in values alone: encode the symbol first.
    query.addQueryItem(
        QStringLiteral("s"),
        QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(symbol))));
    if (from) {
        query.addQueryItem(QStringLiteral("d1"), stooqDate(*from));
        query.addQueryItem(QStringLiteral("d2"), stooqDate(today));
    }
    query.addQueryItem(QStringLiteral("i"), QStringLiteral("d"));
    url.setQuery(query);
    return url;
}

std::optional<std::string> fullReloadReason(const FeedData& fresh,
                                            std::span<const CorporateAction> storedActions,
                                            std::span<const Bar> storedOverlap) {
    for (const CorporateAction& a : fresh.actions) {
        if (std::find(storedActions.begin(), storedActions.end(), a) == storedActions.end()) {
            const bool split = a.kind == CorporateAction::Kind::Split;
            return std::string(split ? "new split on " : "new dividend on ") + formatIsoDate(a.day);
        }
    }
    for (const Bar& stored : storedOverlap) {
        const auto it = std::lower_bound(fresh.bars.begin(), fresh.bars.end(), stored.day,
                                         [](const Bar& b, Day day) { return b.day < day; });
        if (it == fresh.bars.end() || it->day != stored.day || stored.close <= 0) {
            continue;
        }
        const double ratio = it->close / stored.close;
        if (ratio > 1.25 || ratio < 1 / 1.25) {
            return "history restated (close on " + formatIsoDate(stored.day) + " was " +
                   std::to_string(stored.close) + ", now " + std::to_string(it->close) + ")";
        }
    }
    return std::nullopt;
}

}  // namespace retest
