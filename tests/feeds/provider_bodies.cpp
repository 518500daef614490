// Builders of provider answers for the feed tests.
#include "tests/feeds/provider_bodies.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <sstream>

#include "core/model/date.h"
#include "tests/support/test_paths.h"

namespace retest::test {
namespace {

QJsonObject yahooMeta(const YahooBodyOptions& o) {
    QJsonObject meta;
    meta[QStringLiteral("currency")] = QStringLiteral("USD");
    meta[QStringLiteral("symbol")] = QString::fromStdString(o.symbol);
    meta[QStringLiteral("exchangeName")] = QStringLiteral("SNP");
    meta[QStringLiteral("instrumentType")] = QStringLiteral("INDEX");
    meta[QStringLiteral("gmtoffset")] = o.gmtoffset;
    meta[QStringLiteral("timezone")] = QStringLiteral("EST");
    meta[QStringLiteral("exchangeTimezoneName")] = QString::fromStdString(o.timezone);
    meta[QStringLiteral("longName")] = QString::fromStdString(o.longName);
    meta[QStringLiteral("shortName")] = QString::fromStdString(o.longName);
    meta[QStringLiteral("dataGranularity")] = QStringLiteral("1d");
    return meta;
}

qint64 stamp(Day day, const std::string& zone) {
    const CivilDate c = civilFromDay(day);
    const QDate date(c.year, static_cast<int>(c.month), static_cast<int>(c.day));
    return QDateTime(date, QTime(9, 30), QTimeZone(QByteArray::fromStdString(zone)))
        .toSecsSinceEpoch();
}

QJsonObject yahooEvents(const std::vector<CorporateAction>& actions, const std::string& zone) {
    QJsonObject splits, dividends;
    for (const CorporateAction& a : actions) {
        const qint64 t = stamp(a.day, zone);
        QJsonObject e;
        e[QStringLiteral("date")] = t;
        if (a.kind == CorporateAction::Kind::Split) {
            e[QStringLiteral("numerator")] = a.value;
            e[QStringLiteral("denominator")] = 1.0;
            e[QStringLiteral("splitRatio")] =
                QString(QString::number(a.value) + QStringLiteral(":1"));
            splits[QString::number(t)] = e;
        } else {
            e[QStringLiteral("amount")] = a.value;
            dividends[QString::number(t)] = e;
        }
    }
    QJsonObject events;
    if (!dividends.isEmpty()) {
        events[QStringLiteral("dividends")] = dividends;
    }
    if (!splits.isEmpty()) {
        events[QStringLiteral("splits")] = splits;
    }
    return events;
}

}  // namespace

qint64 newYork0930(Day day) {
    return stamp(day, "America/New_York");
}

QByteArray yahooChartBody(std::span<const Bar> bars, const YahooBodyOptions& o) {
    QJsonArray timestamp, open, high, low, close, volume, adj;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const Bar& b = bars[i];
        timestamp.append(stamp(b.day, o.timezone));
        const bool null = o.nullRows.count(i) > 0;
        open.append(null ? QJsonValue() : QJsonValue(b.open));
        high.append(null ? QJsonValue() : QJsonValue(b.high));
        low.append(null ? QJsonValue() : QJsonValue(b.low));
        close.append(null ? QJsonValue() : QJsonValue(b.close));
        volume.append(null ? QJsonValue() : QJsonValue(b.volume));
        adj.append(null ? QJsonValue() : QJsonValue(b.adjClose));
    }
    QJsonObject quote{{QStringLiteral("open"), open},
                      {QStringLiteral("high"), high},
                      {QStringLiteral("low"), low},
                      {QStringLiteral("close"), close},
                      {QStringLiteral("volume"), volume}};
    QJsonObject indicators{{QStringLiteral("quote"), QJsonArray{quote}}};
    if (o.withAdjClose) {
        indicators[QStringLiteral("adjclose")] =
            QJsonArray{QJsonObject{{QStringLiteral("adjclose"), adj}}};
    }
    QJsonObject result{{QStringLiteral("meta"), yahooMeta(o)},
                       {QStringLiteral("timestamp"), timestamp},
                       {QStringLiteral("indicators"), indicators}};
    const QJsonObject events = yahooEvents(o.actions, o.timezone);
    if (!events.isEmpty()) {
        result[QStringLiteral("events")] = events;
    }
    const QJsonObject chart{{QStringLiteral("result"), QJsonArray{result}},
                            {QStringLiteral("error"), QJsonValue()}};
    return QJsonDocument(QJsonObject{{QStringLiteral("chart"), chart}})
        .toJson(QJsonDocument::Compact);
}

QByteArray yahooNotFoundBody() {
    return R"({"chart":{"result":null,"error":{"code":"Not Found",)"
           R"("description":"No data found, symbol may be delisted"}}})";
}

QByteArray stooqCsvBody(std::span<const Bar> bars) {
    QByteArray out = "Date,Open,High,Low,Close,Volume\r\n";
    for (const Bar& b : bars) {
        out += QByteArray::fromStdString(formatIsoDate(b.day)) + ',' +
               QByteArray::number(b.open, 'g', 10) + ',' + QByteArray::number(b.high, 'g', 10) +
               ',' + QByteArray::number(b.low, 'g', 10) + ',' +
               QByteArray::number(b.close, 'g', 10) + ',' + QByteArray::number(b.volume, 'f', 0) +
               "\r\n";
    }
    return out;
}

}  // namespace retest::test
