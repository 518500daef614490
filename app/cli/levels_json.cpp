// JSON and text pieces shared by the commands that print levels.
#include "app/cli/levels_json.h"

#include <QJsonArray>
#include <cmath>

#include "core/model/date.h"
#include "core/model/qt_text.h"

namespace retest::cli {

QString isoDate(Day d) {
    return QString::fromStdString(formatIsoDate(d));
}
double round4(double v) {
    return std::round(v * 1e4) / 1e4;
}

QJsonValue eventJson(const LevelAnalysis& a, std::size_t i) {
    const LevelEvent& e = a.events[i];
    QJsonObject retest{
        {QStringLiteral("state"), toQString(retestStateName(e.retest))},
        {QStringLiteral("date"), e.retest == RetestState::None ? QJsonValue(QJsonValue::Null)
                                                               : QJsonValue(isoDate(e.retestDay))}};
    QJsonArray history;
    for (const RetestStep& s : e.history) {
        history.append(QJsonObject{{QStringLiteral("state"), toQString(retestStateName(s.state))},
                                   {QStringLiteral("date"), isoDate(s.day)}});
    }
    retest.insert(QStringLiteral("history"), history);
    return QJsonObject{{QStringLiteral("id"), toQString(e.id)},
                       {QStringLiteral("levelId"), toQString(a.zones[e.zone].id)},
                       {QStringLiteral("type"), toQString(levelEventTypeName(e.type))},
                       {QStringLiteral("date"), isoDate(e.day)},
                       {QStringLiteral("close"), round4(e.close)},
                       {QStringLiteral("level"), round4(e.level)},
                       {QStringLiteral("line"), round4(e.line)},
                       {QStringLiteral("low"), round4(e.low)},
                       {QStringLiteral("high"), round4(e.high)},
                       {QStringLiteral("name"), toQString(e.name)},
                       {QStringLiteral("record"), e.record},
                       {QStringLiteral("movePct"), round4(e.movePct)},
                       {QStringLiteral("distancePct"), round4(e.distancePct)},
                       {QStringLiteral("distanceAtr"), round4(e.distanceAtr)},
                       {QStringLiteral("description"), toQString(e.description())},
                       {QStringLiteral("retest"), retest}};
}

QJsonObject zoneJson(const Zone& z, double last) {
    return QJsonObject{
        {QStringLiteral("id"), toQString(z.id)},
        {QStringLiteral("price"), round4(z.price)},
        {QStringLiteral("low"), round4(z.low)},
        {QStringLiteral("high"), round4(z.high)},
        {QStringLiteral("kind"), toQString(levelKindName(z.kind))},
        {QStringLiteral("touches"), static_cast<int>(z.touches.size())},
        {QStringLiteral("firstTouch"),
         z.touches.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(isoDate(z.firstTouch))},
        {QStringLiteral("lastTouch"),
         z.touches.empty() ? QJsonValue(QJsonValue::Null) : QJsonValue(isoDate(z.lastTouch))},
        {QStringLiteral("strength"), round4(z.strength)},
        {QStringLiteral("flipped"), z.flipped},
        {QStringLiteral("manual"), z.manual},
        {QStringLiteral("manualId"),
         z.manual ? QJsonValue(static_cast<qint64>(z.manualId)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("major"), z.major},
        {QStringLiteral("record"), z.record},
        {QStringLiteral("shown"), z.shown},
        {QStringLiteral("name"), toQString(z.name)},
        {QStringLiteral("distancePct"), round4((z.price / last - 1.0) * 100.0)},
        {QStringLiteral("why"), toQString(z.why)}};
}

QJsonValue allTimeHighJson(const LevelAnalysis& a) {
    if (!a.allTimeHigh) {
        return {};
    }
    return QJsonObject{{QStringLiteral("high"), round4(a.allTimeHigh->high)},
                       {QStringLiteral("highDate"), isoDate(a.allTimeHigh->highDay)},
                       {QStringLiteral("close"), round4(a.allTimeHigh->close)},
                       {QStringLiteral("closeDate"), isoDate(a.allTimeHigh->closeDay)}};
}

}  // namespace retest::cli
