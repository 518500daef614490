// Parsing and naming of chart options, preset date arithmetic, the two built-in themes, and the
// colour and line-breaking helpers of the chart's text.
#include "ui/chart/chart_types.h"

#include <QFontMetricsF>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "core/model/date.h"
#include "core/model/text.h"

namespace retest::ui {

namespace {

unsigned daysInMonth(int year, unsigned month) {
    static constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29U : kDays[month - 1];
}

Day monthsBefore(Day day, int months) {
    const CivilDate c = civilFromDay(day);
    const int total = c.year * 12 + static_cast<int>(c.month) - 1 - months;
    const int year = total >= 0 ? total / 12 : (total - 11) / 12;
    const auto month = static_cast<unsigned>(total - year * 12 + 1);
    return dayFromCivil(year, month, std::min(c.day, daysInMonth(year, month)));
}

constexpr std::array<std::pair<RangePreset, std::string_view>, 7> kPresetNames{{
    {RangePreset::OneMonth, "1M"},
    {RangePreset::ThreeMonths, "3M"},
    {RangePreset::SixMonths, "6M"},
    {RangePreset::YearToDate, "YTD"},
    {RangePreset::OneYear, "1Y"},
    {RangePreset::FiveYears, "5Y"},
    {RangePreset::Max, "Max"},
}};

}  // namespace

QColor textOn(const QColor& fill) {
    return fill.lightnessF() > 0.62 ? QColor(0x14, 0x16, 0x1a) : QColor(Qt::white);
}

namespace {

double relativeLuminance(const QColor& c) {
    const auto channel = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

}  // namespace

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor mixColors(const QColor& a, const QColor& b, double t) {
    const auto channel = [t](float x, float y) { return static_cast<float>(x + t * (y - x)); };
    QColor out;
    out.setRgbF(channel(a.redF(), b.redF()), channel(a.greenF(), b.greenF()),
                channel(a.blueF(), b.blueF()), a.alphaF());
    return out;
}

QColor readableOn(const QColor& color, const QColor& background) {
    constexpr double kText = 4.5;
    const QColor toward = relativeLuminance(background) < 0.18 ? Qt::white : Qt::black;
    QColor mixed = color;
    for (int step = 1; step <= 20 && contrastRatio(mixed, background) < kText; ++step) {
        mixed = mixColors(color, toward, step / 20.0);
    }
    return mixed;
}

QStringList wrapEvenly(const QString& text, double room, const QFont& font) {
    const QFontMetricsF metrics(font);
    // A bracket's words are kept together ("(close 105.44)") while they fit on a line.
    QStringList words;
    int depth = 0;
    for (const QString& w : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (depth > 0 && !words.isEmpty()) {
            words.back() += QLatin1Char(' ') + w;
        } else {
            words << w;
        }
        depth = std::max<int>(0, depth + static_cast<int>(w.count(QLatin1Char('('))) -
                                     static_cast<int>(w.count(QLatin1Char(')'))));
    }
    if (std::any_of(words.begin(), words.end(),
                    [&](const QString& w) { return metrics.horizontalAdvance(w) > room; })) {
        words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    // Words joined greedily into lines no wider than `width` (a wider word stands alone).
    const auto wrap = [&](double width) {
        QStringList lines;
        QString line;
        for (const QString& w : words) {
            const QString longer = line.isEmpty() ? w : line + QLatin1Char(' ') + w;
            if (line.isEmpty() || metrics.horizontalAdvance(longer) <= width) {
                line = longer;
            } else {
                lines << line;
                line = w;
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines << line;
        }
        return lines;
    };
    QStringList best = wrap(room);
    if (best.size() < 2) {
        return best;
    }
    // The narrowest width that still takes no more lines: greedy wrapping needs no more lines
    // as the width grows, so halving the interval finds it to within a pixel.
    double low = 0;
    double high = room;
    for (const QString& w : words) {
        low = std::max(low, std::min(room, metrics.horizontalAdvance(w)));
    }
    low = std::max(0.0, low - 1);  // wrap(low) may still fit: the search tries it
    while (high - low > 0.5) {
        const double mid = (low + high) / 2;
        QStringList lines = wrap(mid);
        if (lines.size() <= best.size()) {
            high = mid;
            best = std::move(lines);
        } else {
            low = mid;
        }
    }
    return best;
}

QFont pixelFont(int px, int weight) {
    QFont f;
    f.setPixelSize(px);
    f.setWeight(static_cast<QFont::Weight>(weight));
    return f;
}

std::optional<RangePreset> parseRangePreset(std::string_view text) {
    const std::string wanted = toLowerAscii(text);
    for (const auto& [preset, name] : kPresetNames) {
        if (toLowerAscii(name) == wanted) {
            return preset;
        }
    }
    return std::nullopt;
}

std::string_view rangePresetName(RangePreset preset) {
    for (const auto& [p, name] : kPresetNames) {
        if (p == preset) {
            return name;
        }
    }
    return "MAX";
}

Day rangePresetStart(RangePreset preset, Day lastDay) {
    switch (preset) {
        case RangePreset::OneMonth:
            return monthsBefore(lastDay, 1);
        case RangePreset::ThreeMonths:
            return monthsBefore(lastDay, 3);
        case RangePreset::SixMonths:
            return monthsBefore(lastDay, 6);
        case RangePreset::YearToDate:
            return dayFromCivil(civilFromDay(lastDay).year, 1, 1);
        case RangePreset::OneYear:
            return monthsBefore(lastDay, 12);
        case RangePreset::FiveYears:
            return monthsBefore(lastDay, 60);
        case RangePreset::Max:
            break;
    }
    return std::numeric_limits<Day>::min();
}

std::optional<ChartStyle> parseChartStyle(std::string_view text) {
    const std::string wanted = toLowerAscii(text);
    if (wanted == "candles" || wanted == "candle" || wanted == "candlestick") {
        return ChartStyle::Candles;
    }
    if (wanted == "ohlc" || wanted == "bars") {
        return ChartStyle::OhlcBars;
    }
    if (wanted == "line") {
        return ChartStyle::Line;
    }
    return std::nullopt;
}

std::string_view chartStyleName(ChartStyle style) {
    switch (style) {
        case ChartStyle::Candles:
            return "candles";
        case ChartStyle::OhlcBars:
            return "ohlc";
        case ChartStyle::Line:
            return "line";
    }
    return "candles";
}

ChartTheme ChartTheme::light() {
    ChartTheme t;
    t.background = QColor(0xff, 0xff, 0xff);
    t.text = QColor(0x1f, 0x23, 0x28);
    t.mutedText = QColor(0x5f, 0x66, 0x6d);
    t.grid = QColor(0xe6, 0xe8, 0xeb);
    t.axis = QColor(0xb8, 0xbd, 0xc3);
    t.up = QColor(0x12, 0x93, 0x6f);
    t.down = QColor(0xd6, 0x33, 0x3f);
    t.line = QColor(0x2b, 0x31, 0x38);  // charcoal: the drawings' blue stays distinct
    t.volumeUp = QColor(0x12, 0x93, 0x6f, 90);
    t.volumeDown = QColor(0xd6, 0x33, 0x3f, 90);
    t.crosshair = QColor(0x60, 0x66, 0x70, 200);
    t.tagBackground = QColor(0x3a, 0x40, 0x48);
    t.tagText = QColor(0xff, 0xff, 0xff);
    t.support = QColor(0x12, 0x93, 0x6f);
    t.resistance = QColor(0xd6, 0x33, 0x3f);
    t.manualLevel = QColor(0x7b, 0x4f, 0xd6);
    t.annotation = QColor(0x29, 0x62, 0xff);  // the drawings' default colour
    return t;
}

ChartTheme ChartTheme::dark() {
    ChartTheme t;
    t.background = QColor(0x13, 0x17, 0x22);
    t.text = QColor(0xd8, 0xdc, 0xe3);
    t.mutedText = QColor(0x8a, 0x92, 0x9e);
    t.grid = QColor(0x24, 0x2a, 0x36);
    t.axis = QColor(0x3c, 0x44, 0x52);
    t.up = QColor(0x26, 0xa6, 0x9a);
    t.down = QColor(0xef, 0x53, 0x50);
    t.line = QColor(0xd0, 0xd4, 0xdc);
    t.volumeUp = QColor(0x26, 0xa6, 0x9a, 100);
    t.volumeDown = QColor(0xef, 0x53, 0x50, 100);
    t.crosshair = QColor(0xa0, 0xa8, 0xb4, 200);
    t.tagBackground = QColor(0x4a, 0x52, 0x60);
    t.tagText = QColor(0xff, 0xff, 0xff);
    t.support = QColor(0x26, 0xa6, 0x9a);
    t.resistance = QColor(0xef, 0x53, 0x50);
    t.manualLevel = QColor(0xb3, 0x8c, 0xff);
    t.annotation = QColor(0x29, 0x62, 0xff);
    return t;
}

std::optional<ChartTheme> parseChartTheme(std::string_view text) {
    const std::string wanted = toLowerAscii(text);
    if (wanted == "light") {
        return ChartTheme::light();
    }
    if (wanted == "dark") {
        return ChartTheme::dark();
    }
    return std::nullopt;
}

std::optional<ImageFormat> parseImageFormat(std::string_view text) {
    if (!text.empty() && text.front() == '.') {
        text.remove_prefix(1);
    }
    const std::string wanted = toLowerAscii(text);
    if (wanted == "png") {
        return ImageFormat::Png;
    }
    if (wanted == "jpg" || wanted == "jpeg") {
        return ImageFormat::Jpeg;
    }
    if (wanted == "pdf") {
        return ImageFormat::Pdf;
    }
    if (wanted == "svg") {
        return ImageFormat::Svg;
    }
    return std::nullopt;
}

std::optional<ImageFormat> imageFormatForPath(const QString& path) {
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (dot < 0 || dot < slash) {
        return std::nullopt;
    }
    return parseImageFormat(path.mid(dot + 1).toStdString());
}

QString unsupportedFormatError(const QString& path) {
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    const bool suffix = dot >= 0 && dot > path.lastIndexOf(QLatin1Char('/'));
    return QStringLiteral("Unsupported image format \"%1\": use .png, .jpg, .jpeg, .pdf or .svg")
        .arg(suffix ? path.mid(dot) : path);
}

std::string_view imageFormatSuffix(ImageFormat format) {
    switch (format) {
        case ImageFormat::Png:
            return "png";
        case ImageFormat::Jpeg:
            return "jpg";
        case ImageFormat::Pdf:
            return "pdf";
        case ImageFormat::Svg:
            return "svg";
    }
    return "png";
}

bool isVectorFormat(ImageFormat format) {
    return format == ImageFormat::Pdf || format == ImageFormat::Svg;
}

QString exportPixelLimitError(int width, int height, double scale, bool vector) {
    const double s = vector ? 1.0 : scale;
    const double pixels = static_cast<double>(width) * height * s * s;
    if (std::isfinite(pixels) && pixels <= kMaxExportPixels) {
        return {};
    }
    const QString size = s == 1.0
                             ? QStringLiteral("%1×%2").arg(width).arg(height)
                             : QStringLiteral("%1×%2 at scale %3").arg(width).arg(height).arg(s);
    return QStringLiteral(
               "Image too large: %1 is %2 million pixels; the limit is %3 million "
               "(width × height × scale²). Use a smaller size or scale.")
        .arg(size)
        .arg(pixels / 1e6, 0, 'f', 1)
        .arg(kMaxExportPixels / 1e6, 0, 'f', 0);
}

}  // namespace retest::ui
