// `retest annotate SYM (--hline|--zone|--note|--trend|--rect|--arrow|--vline …|--list|--remove|
// --export|--import)`. QCommandLineParser takes one value per option, so the second and later
// values of a multi-value form (--zone LOW HIGH) arrive as positional arguments after SYM.
#include "app/cli/annotate_command.h"

#include <QLocale>
#include <QSaveFile>
#include <algorithm>
#include <cmath>
#include <span>

#include "app/cli/cli_options.h"
#include "core/annotations/annotation_json.h"
#include "core/model/bounded_file.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "core/model/text.h"

namespace retest::cli {

namespace {

/// A price as typed, with no more decimals than prices are shown with (priceDecimals()): a
/// line dragged in the window is stored at a pixel's price, 227.94062580442545, and lists as
/// "227.94"; "2100" stays "2100". --json keeps every digit.
QString priceText(double v) {
    const double scale = std::pow(10.0, priceDecimals(v));
    return QString::number(std::round(v * scale) / scale, 'g', QLocale::FloatingPointShortest);
}

/// One way of adding: the option, its kind and the words it takes (value + positionals).
struct AddForm {
    const char* option;
    AnnotationKind kind;
    const char* valueName;
    const char* words;  // the whole syntax, for messages
    int extra;          // positionals after SYM; -1: one or more (the note's text)
};

constexpr AddForm kAddForms[] = {
    {"hline", AnnotationKind::HorizontalLine, "PRICE", "--hline PRICE", 0},
    {"zone", AnnotationKind::Zone, "LOW", "--zone LOW HIGH", 1},
    {"note", AnnotationKind::Note, "DATE", "--note DATE PRICE TEXT", -1},
    {"trend", AnnotationKind::TrendLine, "DATE1", "--trend DATE1 PRICE1 DATE2 PRICE2", 3},
    {"rect", AnnotationKind::Rectangle, "DATE1", "--rect DATE1 PRICE1 DATE2 PRICE2", 3},
    {"arrow", AnnotationKind::Arrow, "DATE1", "--arrow DATE1 PRICE1 DATE2 PRICE2", 3},
    {"vline", AnnotationKind::DateMarker, "DATE", "--vline DATE", 0},
};

const char* kDescription =
    "Add, list, remove, export or import the chart annotations of SYM. SYM comes first; the\n"
    "extra values of a form follow its option as plain words:\n"
    "  retest annotate SYM --hline PRICE [--label TEXT]\n"
    "  retest annotate SYM --zone LOW HIGH [--label TEXT]\n"
    "  retest annotate SYM --note DATE PRICE TEXT…\n"
    "  retest annotate SYM --trend DATE1 PRICE1 DATE2 PRICE2 [--label TEXT] [--extend-right]\n"
    "  retest annotate SYM --rect DATE1 PRICE1 DATE2 PRICE2 [--label TEXT]\n"
    "  retest annotate SYM --arrow DATE1 PRICE1 DATE2 PRICE2 [--label TEXT]  (tail, head)\n"
    "  retest annotate SYM --vline DATE [--label TEXT]\n"
    "      print the new annotation's id alone. --color #rrggbb, --line solid|dash|dot\n"
    "      and --width N set its style. Write a negative price as --hline=-5.\n"
    "  retest annotate SYM --list [--json]\n"
    "      one line per annotation: ID KIND VALUES… [\"LABEL\"], in the order of the forms\n"
    "      above; --json prints a JSON array (id, kind, points as date+price, label, style).\n"
    "  retest annotate SYM --remove ID\n"
    "  retest annotate SYM --export FILE.json\n"
    "  retest annotate SYM --import FILE.json [--replace] [--force]\n"
    "      adds the file's annotations to SYM (--replace: instead of SYM's current ones).\n"
    "      The whole file (a regular file, at most 16 MiB) is checked first; a bad file\n"
    "      changes nothing. Annotations whose prices are all far from SYM's (drawn on\n"
    "      another symbol: IWM's on ^RUT) are refused unless --force is given.\n"
    "Dates are YYYY-MM-DD. Adding or importing needs SYM's prices in the cache (import or\n"
    "fetch them first). Annotations are kept when a symbol's prices are re-imported,\n"
    "refreshed or removed.";

struct Options {
    QCommandLineOption label{QStringLiteral("label"),
                             QStringLiteral("Caption of a new annotation."),
                             QStringLiteral("TEXT")};
    QCommandLineOption color{QStringLiteral("color"),
                             QStringLiteral("Colour of a new annotation, #rrggbb or #aarrggbb."),
                             QStringLiteral("COLOR")};
    QCommandLineOption line{QStringLiteral("line"), QStringLiteral("solid, dash or dot."),
                            QStringLiteral("STYLE")};
    QCommandLineOption width{QStringLiteral("width"), QStringLiteral("Line width in pixels."),
                             QStringLiteral("N")};
    QCommandLineOption extendRight{QStringLiteral("extend-right"),
                                   QStringLiteral("Continue a trend line past its second point.")};
    QCommandLineOption list{QStringLiteral("list"), QStringLiteral("List SYM's annotations.")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("With --list: print JSON.")};
    QCommandLineOption remove{QStringLiteral("remove"), QStringLiteral("Remove annotation ID."),
                              QStringLiteral("ID")};
    QCommandLineOption exportTo{QStringLiteral("export"),
                                QStringLiteral("Write SYM's annotations to a JSON file."),
                                QStringLiteral("FILE")};
    QCommandLineOption importFrom{QStringLiteral("import"),
                                  QStringLiteral("Add the annotations of a JSON file to SYM."),
                                  QStringLiteral("FILE")};
    QCommandLineOption replace{QStringLiteral("replace"),
                               QStringLiteral("With --import: replace SYM's annotations.")};
    QCommandLineOption force{
        QStringLiteral("force"),
        QStringLiteral("With --import: import even when no annotation is near SYM's prices.")};
};

int usageError(Context& ctx, const QString& message) {
    ctx.err << "retest annotate: " << message << "\n(see retest annotate --help)" << Qt::endl;
    return kUsage;
}

int failure(Context& ctx, const std::string& message) {
    ctx.err << "retest annotate: " << toQString(message) << Qt::endl;
    return kFailed;
}

/// Annotations are drawn on a symbol's bars: a symbol without any is refused (exit 1), so a
/// typo does not store drawings nobody will see.
int requireCachedBars(Context& ctx, PriceCache& cache, const std::string& symbol) {
    auto info = cache.symbolInfo(symbol);
    if (!info) {
        return failure(ctx, info.error().message);
    }
    if (!info->has_value() || (*info)->barCount == 0) {
        return failure(ctx, symbol +
                                " has no prices in the cache; import or fetch them first "
                                "(nothing was stored)");
    }
    return kOk;
}

std::optional<double> parsePrice(Context& ctx, const QString& what, const QString& text) {
    const auto v = parseFiniteNumber(text);
    if (!v) {
        ctx.err << "retest annotate: " << what << " '" << text << "' is not a price" << Qt::endl;
    }
    return v;
}

std::optional<Day> parseDate(Context& ctx, const QString& what, const QString& text) {
    const auto day = parseIsoDate(text.toStdString());
    if (!day) {
        ctx.err << "retest annotate: " << what << " '" << text
                << "' is not a date (expected YYYY-MM-DD)" << Qt::endl;
    }
    return day;
}

/// The anchor points of an add form from its words (the option value, then the positionals).
std::optional<std::vector<AnchorPoint>> parsePoints(Context& ctx, const AddForm& f,
                                                    const QStringList& w) {
    std::vector<AnchorPoint> pts;
    switch (f.kind) {
        case AnnotationKind::HorizontalLine:
        case AnnotationKind::Zone:
            for (qsizetype i = 0; i < w.size(); ++i) {
                const char* what = f.kind == AnnotationKind::HorizontalLine ? "PRICE"
                                   : i == 0                                 ? "LOW"
                                                                            : "HIGH";
                const auto p = parsePrice(ctx, QLatin1String(what), w[i]);
                if (!p) {
                    return std::nullopt;
                }
                pts.push_back({0, *p});
            }
            return pts;
        case AnnotationKind::DateMarker: {
            const auto d = parseDate(ctx, QStringLiteral("DATE"), w[0]);
            if (!d) {
                return std::nullopt;
            }
            pts.push_back({*d, 0});
            return pts;
        }
        default:
            break;
    }
    const qsizetype pairs = f.kind == AnnotationKind::Note ? 1 : 2;
    for (qsizetype i = 0; i < pairs; ++i) {
        const QString n = pairs == 1 ? QString() : QString::number(i + 1);
        const auto d = parseDate(ctx, QStringLiteral("DATE") + n, w[2 * i]);
        const auto p =
            d ? parsePrice(ctx, QStringLiteral("PRICE") + n, w[2 * i + 1]) : std::nullopt;
        if (!p) {
            return std::nullopt;
        }
        pts.push_back({*d, *p});
    }
    return pts;
}

/// Label and style options onto a new annotation; false (reported) on a bad value.
bool applyStyle(Context& ctx, const QCommandLineParser& p, const Options& o, Annotation& a) {
    if (p.isSet(o.label)) {
        a.label = p.value(o.label).toStdString();
    }
    if (p.isSet(o.color)) {
        const auto c = parseColor(p.value(o.color).toStdString());
        if (!c) {
            usageError(ctx, QStringLiteral("--color '") + p.value(o.color) +
                                QStringLiteral("' is not #rrggbb or #aarrggbb"));
            return false;
        }
        a.style.color = *c;
    }
    if (p.isSet(o.line)) {
        const auto l = parseLineStyle(p.value(o.line).toStdString());
        if (!l) {
            usageError(ctx, QStringLiteral("--line must be solid, dash or dot"));
            return false;
        }
        a.style.line = *l;
    }
    if (p.isSet(o.width)) {
        const auto width = parseFiniteNumber(p.value(o.width));
        a.style.width = width.value_or(0);
        if (!width) {
            usageError(ctx, QStringLiteral("--width '") + p.value(o.width) +
                                QStringLiteral("' is not a number"));
            return false;
        }
    }
    a.style.extendRight = p.isSet(o.extendRight);
    return true;
}

int addForm(Context& ctx, const QCommandLineParser& p, const Options& o, const AddForm& f,
            const std::string& symbol) {
    QStringList words = p.positionalArguments().mid(1);
    const qsizetype want = f.extra < 0 ? 2 : f.extra;
    if (words.size() < want || (f.extra >= 0 && words.size() > want)) {
        return usageError(ctx, QStringLiteral("expected %1 after SYM, got %2 extra word(s)")
                                   .arg(QLatin1String(f.words))
                                   .arg(words.size()));
    }
    if (f.kind == AnnotationKind::Note && p.isSet(o.label)) {
        return usageError(ctx, QStringLiteral("--note takes its text as words, not --label"));
    }
    words.prepend(p.value(QLatin1String(f.option)));
    Annotation a;
    a.symbol = symbol;
    a.kind = f.kind;
    if (f.kind == AnnotationKind::Note) {
        a.label = words.mid(2).join(QLatin1Char(' ')).toStdString();
        words = words.mid(0, 2);
    }
    auto pts = parsePoints(ctx, f, words);
    if (!pts) {
        return kUsage;
    }
    a.points = std::move(*pts);
    if (!applyStyle(ctx, p, o, a)) {
        return kUsage;
    }
    if (auto valid = validateAnnotation(a); !valid.ok()) {
        return usageError(ctx, toQString(valid.error().message));
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    if (const int missing = requireCachedBars(ctx, *cache, symbol); missing != kOk) {
        return missing;
    }
    auto id = cache->annotationStore().add(a);
    if (!id.ok()) {
        return failure(ctx, id.error().message);
    }
    ctx.out << *id << Qt::endl;
    return kOk;
}

QString describeLine(const Annotation& a) {
    QStringList parts{QString::number(a.id), toQString(annotationKindName(a.kind))};
    for (const AnchorPoint& pt : a.points) {
        if (annotationUsesDay(a.kind)) {
            parts << toQString(formatIsoDate(pt.day));
        }
        if (annotationUsesPrice(a.kind)) {
            parts << priceText(pt.price);
        }
    }
    if (!a.label.empty()) {
        QString label = toQString(a.label);
        label.replace(QLatin1Char('\n'), QLatin1Char(' '));
        parts << QLatin1Char('"') + label + QLatin1Char('"');
    }
    return parts.join(QLatin1Char(' '));
}

int listForm(Context& ctx, PriceCache& cache, const std::string& symbol, bool json) {
    auto list = cache.annotationStore().ofSymbol(symbol);
    if (!list.ok()) {
        return failure(ctx, list.error().message);
    }
    if (json) {
        ctx.out << toQString(annotationsToJson(*list));
    } else {
        for (const Annotation& a : *list) {
            ctx.out << describeLine(a) << '\n';
        }
    }
    ctx.out.flush();
    return kOk;
}

int removeForm(Context& ctx, PriceCache& cache, const std::string& symbol, const QString& idText) {
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    if (!ok || id <= 0) {
        return usageError(ctx, QStringLiteral("--remove '") + idText +
                                   QStringLiteral("' is not an annotation id"));
    }
    auto found = cache.annotationStore().byId(id);
    if (!found.ok()) {
        return failure(ctx, found.error().message);
    }
    if (!*found || (*found)->symbol != symbol) {
        return failure(ctx, "no annotation " + std::to_string(id) + " on " + symbol +
                                " (see retest annotate " + symbol + " --list)");
    }
    if (auto r = cache.annotationStore().remove(id); !r.ok()) {
        return failure(ctx, r.error().message);
    }
    return kOk;
}

int exportForm(Context& ctx, PriceCache& cache, const std::string& symbol, const QString& file) {
    auto list = cache.annotationStore().ofSymbol(symbol);
    if (!list.ok()) {
        return failure(ctx, list.error().message);
    }
    const std::string text = annotationsToJson(*list);
    // QSaveFile: an interrupted export never leaves a half-written file over a good one.
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !out.commit()) {
        return failure(ctx,
                       file.toStdString() + ": cannot write: " + out.errorString().toStdString());
    }
    ctx.out << "Exported " << list->size() << " annotation(s) of " << toQString(symbol) << " to "
            << file << Qt::endl;
    return kOk;
}

/// Ok when `list` can belong to `symbol`'s chart (priceSpanFitsChart()); else the reason.
Result<Ok> checkPricesFit(PriceCache& cache, const std::string& symbol,
                          std::span<const Annotation> list, const std::string& file) {
    const auto span = annotationPriceSpan(list);
    if (!span) {
        return Ok{};  // only date markers: they fit any chart
    }
    auto bars = cache.readAllBars(symbol);
    if (!bars) {
        return bars.error();
    }
    double low = HUGE_VAL;
    double high = -HUGE_VAL;
    for (const Bar& b : *bars) {
        low = std::min(low, b.low);
        high = std::max(high, b.high);
    }
    if (!(low > 0) || priceSpanFitsChart(*span, low, high)) {
        return Ok{};
    }
    return Error{concat({file, ": its annotations lie between ", formatPrice(span->first), " and ",
                         formatPrice(span->second), ", far from ", symbol, "'s prices (",
                         formatPrice(low), " to ", formatPrice(high),
                         "): were they drawn on another symbol? --force imports them anyway"})};
}

int importForm(Context& ctx, PriceCache& cache, const std::string& symbol, const QString& file,
               bool replace, bool force) {
    if (const int missing = requireCachedBars(ctx, cache, symbol); missing != kOk) {
        return missing;
    }
    // Only a regular file of bounded size: `--import /dev/zero` used to hang, then abort.
    const auto bytes = readBoundedFile(file.toStdString(), kMaxAnnotationFileBytes);
    if (!bytes) {
        return failure(ctx, bytes.error().message);
    }
    auto parsed = annotationsFromJson(*bytes, file.toStdString());
    if (parsed.ok() && !force) {
        if (auto fits = checkPricesFit(cache, symbol, *parsed, file.toStdString()); !fits.ok()) {
            parsed = fits.error();
        }
    }
    auto ids = parsed.ok() ? (replace ? cache.annotationStore().replace(symbol, *parsed)
                                      : cache.annotationStore().append(symbol, *parsed))
                           : Result<std::vector<std::int64_t>>(parsed.error());
    if (!ids.ok()) {
        return failure(ctx, ids.error().message + "\nNothing was imported; the annotations of " +
                                symbol + " are unchanged.");
    }
    ctx.out << "Imported " << ids->size() << " annotation(s) into " << toQString(symbol)
            << (replace ? " (replacing the previous ones)" : "") << Qt::endl;
    return kOk;
}

/// Exactly one action, and --json/--replace only with theirs; `add` is set for an add form.
int checkOneAction(Context& ctx, const QCommandLineParser& p, const Options& o,
                   const AddForm*& add) {
    QStringList actions;
    for (const AddForm& f : kAddForms) {
        if (p.isSet(QLatin1String(f.option))) {
            actions << QStringLiteral("--") + QLatin1String(f.option);
            add = &f;
        }
    }
    for (const QCommandLineOption* opt : {&o.list, &o.remove, &o.exportTo, &o.importFrom}) {
        if (p.isSet(*opt)) {
            actions << QStringLiteral("--") + opt->names().front();
        }
    }
    if (actions.size() != 1) {
        return usageError(ctx, actions.isEmpty()
                                   ? QStringLiteral("say what to do: --hline, --zone, "
                                                    "--note, --trend, --rect, "
                                                    "--arrow, --vline, --list, "
                                                    "--remove, --export or --import")
                                   : QStringLiteral("one action at a time, not ") +
                                         actions.join(QStringLiteral(", ")));
    }
    if (p.isSet(o.json) && !p.isSet(o.list)) {
        return usageError(ctx, QStringLiteral("--json goes with --list"));
    }
    if (p.isSet(o.replace) && !p.isSet(o.importFrom)) {
        return usageError(ctx, QStringLiteral("--replace goes with --import"));
    }
    if (p.isSet(o.force) && !p.isSet(o.importFrom)) {
        return usageError(ctx, QStringLiteral("--force goes with --import"));
    }
    return kOk;
}

}  // namespace

int runAnnotate(Context& ctx) {
    QCommandLineParser p;
    p.setApplicationDescription(QString::fromUtf8(kDescription));
    p.addPositionalArgument(QStringLiteral("SYM"), QStringLiteral("The symbol, e.g. ^GSPC."));
    const Options o;
    for (const AddForm& f : kAddForms) {
        p.addOption(QCommandLineOption(QLatin1String(f.option),
                                       QStringLiteral("Add: ") + QLatin1String(f.words),
                                       QLatin1String(f.valueName)));
    }
    p.addOptions({o.label, o.color, o.line, o.width, o.extendRight, o.list, o.json, o.remove,
                  o.exportTo, o.importFrom, o.replace, o.force});
    if (auto r = parseCommand(p, ctx, QStringLiteral("annotate"), 1, -1); r != ParseOutcome::Run) {
        return r == ParseOutcome::Done ? kOk : kUsage;
    }
    const auto symbolArg =
        parseSymbolArgument(ctx, QStringLiteral("annotate"), p.positionalArguments().front());
    if (!symbolArg) {
        return kUsage;
    }
    const std::string symbol = symbolArg->toStdString();
    const AddForm* add = nullptr;
    if (const int bad = checkOneAction(ctx, p, o, add); bad != kOk) {
        return bad;
    }
    if (add) {
        return addForm(ctx, p, o, *add, symbol);
    }
    if (p.positionalArguments().size() > 1) {
        return usageError(ctx, QStringLiteral("unexpected ") +
                                   p.positionalArguments().mid(1).join(QLatin1Char(' ')));
    }
    auto cache = openCacheOrReport(ctx);
    if (!cache) {
        return kFailed;
    }
    if (p.isSet(o.list)) {
        return listForm(ctx, *cache, symbol, p.isSet(o.json));
    }
    if (p.isSet(o.remove)) {
        return removeForm(ctx, *cache, symbol, p.value(o.remove));
    }
    if (p.isSet(o.exportTo)) {
        return exportForm(ctx, *cache, symbol, p.value(o.exportTo));
    }
    return importForm(ctx, *cache, symbol, p.value(o.importFrom), p.isSet(o.replace),
                      p.isSet(o.force));
}

}  // namespace retest::cli
