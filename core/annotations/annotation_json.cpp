// JSON of annotations through QtCore's QJsonDocument (doubles are written in their shortest
// round-trip form, so prices survive export/import exactly). Every error names the annotation.
#include "core/annotations/annotation_json.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QString>

#include "core/model/date.h"
#include "core/model/qt_text.h"

namespace retest {

namespace {

QJsonObject pointToJson(AnnotationKind kind, const AnchorPoint& p) {
    QJsonObject o;
    if (annotationUsesDay(kind)) {
        o.insert(QStringLiteral("date"), toQString(formatIsoDate(p.day)));
    }
    if (annotationUsesPrice(kind)) {
        o.insert(QStringLiteral("price"), p.price);
    }
    return o;
}

QJsonObject toJson(const Annotation& a) {
    QJsonObject o;
    o.insert(QStringLiteral("id"), static_cast<qint64>(a.id));
    o.insert(QStringLiteral("kind"), toQString(annotationKindName(a.kind)));
    QJsonArray points;
    for (const AnchorPoint& p : a.points) {
        points.append(pointToJson(a.kind, p));
    }
    o.insert(QStringLiteral("points"), points);
    o.insert(QStringLiteral("label"), toQString(a.label));
    QJsonObject style;
    style.insert(QStringLiteral("color"), toQString(formatColor(a.style.color)));
    style.insert(QStringLiteral("width"), a.style.width);
    style.insert(QStringLiteral("line"), toQString(lineStyleName(a.style.line)));
    style.insert(QStringLiteral("extendRight"), a.style.extendRight);
    style.insert(QStringLiteral("fontSize"), a.style.fontSize);
    o.insert(QStringLiteral("style"), style);
    return o;
}

std::string quoted(const char* key) {
    return std::string("\"") + key + "\"";
}

/// Reads one member with a type check; "missing" only when `required`.
struct Reader {
    const QJsonObject& obj;
    std::string where;  // "FILE: annotation 3" or "… : point 2"

    Error fail(const std::string& why) const { return Error{where + ": " + why}; }

    Result<const QJsonValue*> get(const char* key, QJsonValue::Type type, const char* typeName,
                                  bool required, QJsonValue& slot) const {
        slot = obj.value(QLatin1String(key));
        if (slot.isUndefined() || (!required && slot.isNull())) {
            if (required) {
                return fail("missing " + quoted(key));
            }
            return static_cast<const QJsonValue*>(nullptr);
        }
        if (slot.type() != type) {
            return fail(quoted(key) + " must be " + typeName);
        }
        return static_cast<const QJsonValue*>(&slot);
    }
};

Result<AnchorPoint> pointFromJson(const QJsonValue& v, AnnotationKind kind,
                                  const std::string& where) {
    if (!v.isObject()) {
        return Error{where + ": must be an object with \"date\" and \"price\""};
    }
    const QJsonObject o = v.toObject();
    const Reader r{o, where};
    AnchorPoint p;
    QJsonValue slot;
    if (annotationUsesDay(kind)) {
        auto date = r.get("date", QJsonValue::String, "a \"YYYY-MM-DD\" string", true, slot);
        if (!date.ok()) {
            return date.error();
        }
        const std::string text = toUtf8((*date)->toString());
        const auto day = parseIsoDate(text);
        if (!day) {
            return r.fail("\"date\" \"" + text + "\" is not a real YYYY-MM-DD date");
        }
        p.day = *day;
    }
    if (annotationUsesPrice(kind)) {
        auto price = r.get("price", QJsonValue::Double, "a number", true, slot);
        if (!price.ok()) {
            return price.error();
        }
        p.price = (*price)->toDouble();
    }
    return p;
}

Result<Ok> styleFromJson(const QJsonObject& o, const std::string& where, AnnotationStyle& s) {
    const Reader r{o, where + ": style"};
    QJsonValue slot;
    auto color = r.get("color", QJsonValue::String, "a \"#rrggbb\" string", false, slot);
    if (!color.ok()) {
        return color.error();
    }
    if (*color) {
        const std::string text = toUtf8((*color)->toString());
        const auto argb = parseColor(text);
        if (!argb) {
            return r.fail("\"color\" \"" + text + "\" is not #rrggbb or #aarrggbb");
        }
        s.color = *argb;
    }
    auto line = r.get("line", QJsonValue::String, "\"solid\", \"dash\" or \"dot\"", false, slot);
    if (!line.ok()) {
        return line.error();
    }
    if (*line) {
        const auto parsed = parseLineStyle(toUtf8((*line)->toString()));
        if (!parsed) {
            return r.fail("\"line\" must be \"solid\", \"dash\" or \"dot\"");
        }
        s.line = *parsed;
    }
    for (auto [key, field] : {std::pair{"width", &s.width}, std::pair{"fontSize", &s.fontSize}}) {
        auto num = r.get(key, QJsonValue::Double, "a number", false, slot);
        if (!num.ok()) {
            return num.error();
        }
        if (*num) {
            *field = (*num)->toDouble();
        }
    }
    auto extend = r.get("extendRight", QJsonValue::Bool, "true or false", false, slot);
    if (!extend.ok()) {
        return extend.error();
    }
    if (*extend) {
        s.extendRight = (*extend)->toBool();
    }
    return Ok{};
}

Result<Ok> headerFromJson(const Reader& r, Annotation& a) {
    QJsonValue slot;
    auto id = r.get("id", QJsonValue::Double, "a whole number", false, slot);
    if (!id.ok()) {
        return id.error();
    }
    if (*id) {
        const double d = (*id)->toDouble();
        // Bounded before the cast (found by fuzzing: 1.5e81 overflowed it). 2^53: every whole
        // number up to it is exact in a double.
        constexpr double kMaxId = 9007199254740992.0;
        if (!(d >= 0 && d <= kMaxId) || d != static_cast<double>(static_cast<std::int64_t>(d))) {
            return r.fail("\"id\" must be a whole number, 0 or more");
        }
        a.id = static_cast<std::int64_t>(d);
    }
    auto kind = r.get("kind", QJsonValue::String, "a string", true, slot);
    if (!kind.ok()) {
        return kind.error();
    }
    const std::string name = toUtf8((*kind)->toString());
    const auto parsed = parseAnnotationKind(name);
    if (!parsed) {
        return r.fail("\"kind\" \"" + name +
                      "\" is not one of hline, zone, trend, rect, note, arrow, vline");
    }
    a.kind = *parsed;
    auto label = r.get("label", QJsonValue::String, "a string", false, slot);
    if (!label.ok()) {
        return label.error();
    }
    if (*label) {
        a.label = toUtf8((*label)->toString());
    }
    return Ok{};
}

Result<Annotation> annotationFromJson(const QJsonValue& v, const std::string& where) {
    if (!v.isObject()) {
        return Error{where + ": must be a JSON object"};
    }
    const QJsonObject o = v.toObject();
    const Reader r{o, where};
    Annotation a;
    if (auto h = headerFromJson(r, a); !h.ok()) {
        return h.error();
    }
    QJsonValue slot;
    auto points = r.get("points", QJsonValue::Array, "an array", true, slot);
    if (!points.ok()) {
        return points.error();
    }
    const QJsonArray array = (*points)->toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto p = pointFromJson(array.at(i), a.kind, where + ": point " + std::to_string(i + 1));
        if (!p.ok()) {
            return p.error();
        }
        a.points.push_back(*p);
    }
    auto style = r.get("style", QJsonValue::Object, "an object", false, slot);
    if (!style.ok()) {
        return style.error();
    }
    if (*style) {
        if (auto s = styleFromJson((*style)->toObject(), where, a.style); !s.ok()) {
            return s.error();
        }
    }
    if (auto valid = validateAnnotation(a); !valid.ok()) {
        return r.fail(valid.error().message);
    }
    return a;
}

/// 1-based line and column of a byte offset, for the JSON syntax error.
std::string position(std::string_view text, qsizetype offset) {
    int line = 1;
    int column = 1;
    for (qsizetype i = 0; i < offset && i < static_cast<qsizetype>(text.size()); ++i) {
        if (text[static_cast<std::size_t>(i)] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

std::string annotationsToJson(std::span<const Annotation> annotations) {
    QJsonArray array;
    for (const Annotation& a : annotations) {
        array.append(toJson(a));
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented).toStdString();
}

Result<std::vector<Annotation>> annotationsFromJson(std::string_view text,
                                                    std::string_view source) {
    const std::string src(source);
    QJsonParseError err{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(text.data(), static_cast<qsizetype>(text.size())), &err);
    if (err.error != QJsonParseError::NoError) {
        return Error{src + ": not valid JSON at " + position(text, err.offset) + ": " +
                     toUtf8(err.errorString())};
    }
    if (!doc.isArray()) {
        return Error{src + ": expected a JSON array of annotations ([{...}, ...])"};
    }
    const QJsonArray array = doc.array();
    std::vector<Annotation> out;
    out.reserve(static_cast<std::size_t>(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto a = annotationFromJson(array.at(i), src + ": annotation " + std::to_string(i + 1));
        if (!a.ok()) {
            return a.error();
        }
        out.push_back(std::move(a).value());
    }
    return out;
}

}  // namespace retest
