// Yahoo chart API parsing. The answer is column-oriented (one array per field, indexed like
// `timestamp`), so every array is checked against the timestamps before any bar is built.
#include "core/feeds/yahoo_chart_parser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "core/model/bar_validation.h"
#include "core/model/date.h"

namespace retest {
namespace {

Error fail(const std::string& why) {
    return Error{why};
}

// Real zones are within UTC-12..UTC+14; anything beyond 18 h is not an offset.
constexpr double kMaxOffsetSeconds = 18 * 3600;
// Timestamps beyond year 9999 either way are garbage (and would overflow a cast).
constexpr double kMaxAbsTimestamp = 253402300800.0;

/// The exchange's zone: its IANA name when this machine knows it, else the fixed offset.
Result<QTimeZone> exchangeZone(const QJsonObject& meta) {
    const QByteArray name = meta.value(QStringLiteral("exchangeTimezoneName")).toString().toUtf8();
    if (!name.isEmpty() && QTimeZone::isTimeZoneIdAvailable(name)) {
        return QTimeZone(name);
    }
    const QJsonValue offset = meta.value(QStringLiteral("gmtoffset"));
    if (offset.isDouble()) {
        const double seconds = offset.toDouble();
        if (!(std::abs(seconds) <= kMaxOffsetSeconds)) {
            return fail("malformed answer: gmtoffset " + QString::number(seconds).toStdString() +
                        " is not a time zone offset (at most 18 hours)");
        }
        return QTimeZone(static_cast<int>(seconds));
    }
    return QTimeZone::utc();
}

/// A timestamp as whole seconds, or nullopt when it is not a number in a sane range.
std::optional<qint64> timestampOf(const QJsonValue& v) {
    if (!v.isDouble() || !(std::abs(v.toDouble()) < kMaxAbsTimestamp)) {
        return std::nullopt;
    }
    return static_cast<qint64>(v.toDouble());
}

Day tradingDay(qint64 secondsSinceEpoch, const QTimeZone& zone) {
    const QDate date = QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, zone).date();
    return dayFromCivil(date.year(), static_cast<unsigned>(date.month()),
                        static_cast<unsigned>(date.day()));
}

/// `field` of `quote` as an array as long as the timestamps, or an Error saying what is off.
Result<QJsonArray> column(const QJsonObject& object, const char* field, qsizetype expected) {
    const QJsonValue value = object.value(QLatin1String(field));
    if (!value.isArray()) {
        return fail(std::string("malformed answer: no '") + field + "' array");
    }
    QJsonArray array = value.toArray();
    if (array.size() != expected) {
        return fail(std::string("malformed answer: '") + field + "' has " +
                    std::to_string(array.size()) + " values for " + std::to_string(expected) +
                    " timestamps");
    }
    return array;
}

struct Columns {
    QJsonArray timestamp, open, high, low, close, volume, adjclose;
    bool hasAdj = false;
};

Result<Columns> readColumns(const QJsonObject& result) {
    Columns c;
    c.timestamp = result.value(QStringLiteral("timestamp")).toArray();
    if (c.timestamp.isEmpty()) {
        return fail("no price data in the answer");
    }
    const qsizetype n = c.timestamp.size();
    const QJsonObject indicators = result.value(QStringLiteral("indicators")).toObject();
    const QJsonObject quote = indicators.value(QStringLiteral("quote")).toArray().at(0).toObject();
    QJsonArray* targets[] = {&c.open, &c.high, &c.low, &c.close, &c.volume};
    const char* names[] = {"open", "high", "low", "close", "volume"};
    for (int i = 0; i < 5; ++i) {
        auto col = column(quote, names[i], n);
        if (!col) {
            return col.error();
        }
        *targets[i] = std::move(col.value());
    }
    const QJsonArray adj = indicators.value(QStringLiteral("adjclose")).toArray();
    if (!adj.isEmpty()) {
        auto col = column(adj.at(0).toObject(), "adjclose", n);
        if (!col) {
            return col.error();
        }
        c.adjclose = std::move(col.value());
        c.hasAdj = true;
    }
    return c;
}

/// A number, or nullopt for null; anything else makes `bad` true.
std::optional<double> number(const QJsonValue& v, bool& bad) {
    if (v.isDouble()) {
        return v.toDouble();
    }
    if (!v.isNull()) {
        bad = true;
    }
    return std::nullopt;
}

Result<Ok> readBars(const Columns& c, const QTimeZone& zone, FeedData& out) {
    // Yahoo repeats the live session at the end: the last session may repeat a day with new
    // values (the last one wins). Any other repeated day with other values is refused.
    std::map<Day, std::pair<Bar, qsizetype>> byDay;
    const qsizetype last = c.timestamp.size() - 1;
    for (qsizetype i = 0; i < c.timestamp.size(); ++i) {
        const std::optional<qint64> time = timestampOf(c.timestamp.at(i));
        if (!time) {
            return fail("malformed answer: timestamp " + std::to_string(i) +
                        " is not a time between years 1 and 9999");
        }
        bool bad = false;
        const auto o = number(c.open.at(i), bad), h = number(c.high.at(i), bad);
        const auto l = number(c.low.at(i), bad), cl = number(c.close.at(i), bad);
        const auto vol = number(c.volume.at(i), bad);
        const auto adj = c.hasAdj ? number(c.adjclose.at(i), bad) : std::nullopt;
        if (bad) {
            return fail("malformed answer: value " + std::to_string(i) + " is not a number");
        }
        if (!o || !h || !l || !cl) {
            ++out.skippedMissing;
            continue;
        }
        Bar bar;
        bar.day = tradingDay(*time, zone);
        bar.open = *o;
        bar.high = *h;
        bar.low = *l;
        bar.close = *cl;
        bar.adjClose = adj.value_or(*cl);
        bar.volume = vol.value_or(0.0);
        const auto [it, fresh] = byDay.try_emplace(bar.day, bar, i);
        if (!fresh && !(it->second.first == bar) && i != last) {
            return fail("malformed answer: sessions " + std::to_string(it->second.second) +
                        " and " + std::to_string(i) + " both fall on " + formatIsoDate(bar.day) +
                        " with different prices");
        }
        it->second = {bar, i};
    }
    if (byDay.empty()) {
        return fail("no price data in the answer (all " + std::to_string(c.timestamp.size()) +
                    " sessions are null)");
    }
    out.bars.reserve(byDay.size());
    for (const auto& [day, entry] : byDay) {
        out.bars.push_back(entry.first);
    }
    return Ok{};
}

Result<Ok> readEvents(const QJsonObject& events, const QTimeZone& zone, FeedData& out) {
    const QJsonObject splits = events.value(QStringLiteral("splits")).toObject();
    for (const QJsonValue v : splits) {
        const QJsonObject s = v.toObject();
        const double num = s.value(QStringLiteral("numerator")).toDouble();
        const double den = s.value(QStringLiteral("denominator")).toDouble();
        const auto date = timestampOf(s.value(QStringLiteral("date")));
        if (!date || !(num > 0) || !(den > 0) || !std::isfinite(num / den)) {
            return fail("malformed answer: a split without date, numerator or denominator");
        }
        out.actions.push_back({tradingDay(*date, zone), CorporateAction::Kind::Split, num / den});
    }
    const QJsonObject dividends = events.value(QStringLiteral("dividends")).toObject();
    for (const QJsonValue v : dividends) {
        const QJsonObject d = v.toObject();
        const auto date = timestampOf(d.value(QStringLiteral("date")));
        const double amount = d.value(QStringLiteral("amount")).toDouble(-1);
        if (!date || !(amount >= 0) || !std::isfinite(amount)) {
            return fail("malformed answer: a dividend without date or amount");
        }
        out.actions.push_back({tradingDay(*date, zone), CorporateAction::Kind::Dividend, amount});
    }
    std::sort(out.actions.begin(), out.actions.end(), [](const auto& a, const auto& b) {
        return a.day != b.day ? a.day < b.day : a.kind < b.kind;
    });
    return Ok{};
}

std::string errorText(const QJsonValue& error) {
    if (error.isString()) {
        return error.toString().toStdString();
    }
    const QJsonObject e = error.toObject();
    const QString description = e.value(QStringLiteral("description")).toString();
    const QString code = e.value(QStringLiteral("code")).toString();
    if (description.isEmpty()) {
        return code.isEmpty() ? std::string("the provider reported an error") : code.toStdString();
    }
    return description.toStdString();
}

}  // namespace

bool looksLikeHtml(const QByteArray& body) {
    const QByteArray head = body.left(512).trimmed().toLower();
    return head.startsWith("<!doctype html") || head.startsWith("<html") ||
           head.startsWith("<?xml") || head.startsWith("<head") || head.startsWith("<body");
}

std::string yahooChartErrorText(const QByteArray& body) {
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue error =
        doc.object().value(QStringLiteral("chart")).toObject().value(QStringLiteral("error"));
    if (error.isNull() || error.isUndefined()) {
        return {};
    }
    return errorText(error);
}

Result<FeedData> parseYahooChart(const QByteArray& body) {
    if (body.trimmed().isEmpty()) {
        return fail("empty answer");
    }
    if (looksLikeHtml(body)) {
        return fail("received an HTML page instead of chart data");
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return fail("malformed or truncated JSON (" + parseError.errorString().toStdString() +
                    " at byte " + std::to_string(parseError.offset) + " of " +
                    std::to_string(body.size()) + ")");
    }
    const QJsonValue chart = doc.object().value(QStringLiteral("chart"));
    if (!chart.isObject()) {
        return fail("not a chart API answer (no \"chart\" object)");
    }
    const QJsonValue error = chart.toObject().value(QStringLiteral("error"));
    if (!error.isNull() && !error.isUndefined()) {
        return fail(errorText(error));
    }
    const QJsonObject result =
        chart.toObject().value(QStringLiteral("result")).toArray().at(0).toObject();
    if (result.isEmpty()) {
        return fail("no result in the answer");
    }
    const QJsonObject meta = result.value(QStringLiteral("meta")).toObject();
    const auto zoneOrError = exchangeZone(meta);
    if (!zoneOrError) {
        return zoneOrError.error();
    }
    const QTimeZone& zone = *zoneOrError;
    auto columns = readColumns(result);
    if (!columns) {
        return columns.error();
    }
    FeedData data;
    if (auto bars = readBars(*columns, zone, data); !bars) {
        return bars.error();
    }
    if (auto problem = validateBars(data.bars)) {
        return fail("refused the answer, nothing was stored: bar " + problem->describe());
    }
    if (auto events = readEvents(result.value(QStringLiteral("events")).toObject(), zone, data);
        !events) {
        return events.error();
    }
    QString name = meta.value(QStringLiteral("longName")).toString();
    if (name.isEmpty()) {
        name = meta.value(QStringLiteral("shortName")).toString();
    }
    data.description = name.toStdString();
    data.currency = meta.value(QStringLiteral("currency")).toString().toStdString();
    return data;
}

}  // namespace retest
