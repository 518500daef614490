// Value types shared by the chart widget, its export path and the CLI: styles, range presets,
// colour themes, image export options. No QCustomPlot here so callers can parse options
// without pulling it in.
#pragma once

#include <QColor>
#include <QFont>
#include <QImage>
#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <string_view>

#include "core/model/bar.h"

namespace retest::ui {

enum class ChartStyle { Candles, OhlcBars, Line };

enum class RangePreset { OneMonth, ThreeMonths, SixMonths, YearToDate, OneYear, FiveYears, Max };

/// Every preset, shortest first (the toolbar's order).
inline constexpr std::array<RangePreset, 7> kRangePresets{
    RangePreset::OneMonth,   RangePreset::ThreeMonths, RangePreset::SixMonths,
    RangePreset::YearToDate, RangePreset::OneYear,     RangePreset::FiveYears,
    RangePreset::Max};
/// "1M 3M 6M YTD 1Y 5Y MAX" (case-insensitive).
std::optional<RangePreset> parseRangePreset(std::string_view text);
/// "1M", "3M", "6M", "YTD", "1Y", "5Y" or "Max": the toolbar's labels.
std::string_view rangePresetName(RangePreset preset);
/// First calendar day a preset shows when the newest bar is dated `lastDay` (Max: INT32_MIN).
/// Month arithmetic clamps to the month's end (Mar 31 minus one month is Feb 28/29).
Day rangePresetStart(RangePreset preset, Day lastDay);

/// "candles", "ohlc", "line" (case-insensitive; "bars" too).
std::optional<ChartStyle> parseChartStyle(std::string_view text);
std::string_view chartStyleName(ChartStyle style);

/// The default font at a size in pixels (not points): chart text keeps its size in exports at
/// any DPI. `weight` is a QFont::Weight.
QFont pixelFont(int px, int weight = QFont::Normal);
/// Text readable on a filled tag of colour `fill` (near-black on light fills, else white).
QColor textOn(const QColor& fill);
/// `a` moved a fraction `t` (0 to 1) of the way to `b`, channel by channel; `a`'s alpha.
QColor mixColors(const QColor& a, const QColor& b, double t);
/// The contrast ratio of two opaque colours, 1 to 21 (WCAG 2: relative luminance).
double contrastRatio(const QColor& a, const QColor& b);
/// `color` as text on `background`: unchanged when their contrast is at least 4.5 (WCAG AA
/// for text), else mixed toward white on a dark background (black on a light one) until it
/// is. A drawing's label in the default blue is read on the dark theme as on the light one.
QColor readableOn(const QColor& color, const QColor& background);
/// `text` broken at its spaces into as few lines as fit `room` pixels wide in `font`, and those
/// lines as even as they can be (the longest as short as the count allows): a headline that
/// needs two lines reads as two halves, not a full line and a lone "105.44)". The words in
/// brackets stay together while they fit on a line; a word wider than `room` is a line of its
/// own.
QStringList wrapEvenly(const QString& text, double room, const QFont& font);

struct ChartTheme {
    QColor background;
    QColor text;
    QColor mutedText;
    QColor grid;
    QColor axis;
    QColor up;
    QColor down;
    QColor line;  ///< the price line in line style; never the drawings' default blue
    QColor volumeUp;
    QColor volumeDown;
    QColor crosshair;
    QColor tagBackground;  ///< price/date tags under the crosshair
    QColor tagText;
    // Overlays share these so the export legend and the chart always agree.
    QColor support;      ///< support zones/lines (fill with alpha)
    QColor resistance;   ///< resistance zones/lines
    QColor manualLevel;  ///< levels the user placed by hand
    QColor annotation;   ///< default colour of drawings

    static ChartTheme light();
    static ChartTheme dark();
};

/// "light" or "dark" (case-insensitive).
std::optional<ChartTheme> parseChartTheme(std::string_view text);

enum class ImageFormat { Png, Jpeg, Pdf, Svg };

/// "png", "jpg"/"jpeg", "pdf", "svg" (case-insensitive; a leading dot is allowed).
std::optional<ImageFormat> parseImageFormat(std::string_view text);
/// The format a file name's extension asks for.
std::optional<ImageFormat> imageFormatForPath(const QString& path);
/// Why `path` names no image format: "Unsupported image format ".gif": use .png, …".
QString unsupportedFormatError(const QString& path);
/// "png", "jpg", "pdf", "svg".
std::string_view imageFormatSuffix(ImageFormat format);
/// PDF and SVG: drawn as vectors, so the pixel scale does not apply.
bool isVectorFormat(ImageFormat format);

struct ImageSizePreset {
    std::string_view name;
    int width;
    int height;
};
/// Sizes offered by the export dialog: social wide, HD, full HD, square.
inline constexpr std::array<ImageSizePreset, 4> kImageSizePresets{{
    {"1200 × 675 (social)", 1200, 675},
    {"1600 × 900", 1600, 900},
    {"1920 × 1080 (full HD)", 1920, 1080},
    {"1080 × 1080 (square)", 1080, 1080},
}};

/// The most pixels an export may have: width × height × scale² (scale counts as 1 for PDF and
/// SVG). 40 million, about 160 MB per image buffer: 7680×4320 at 1×, 3840×2160 at 2× and
/// 1920×1080 at 4× fit; 3840×2160 at 3× does not. Bigger requests are refused before rendering.
inline constexpr double kMaxExportPixels = 40'000'000;

/// Empty when an export of width × height at `scale` fits kMaxExportPixels, else the message
/// that says so ("… is 74.6 million pixels; the limit is 40 million …").
QString exportPixelLimitError(int width, int height, double scale, bool vector);

/// How an exported image is laid out. Sizes are in logical pixels; raster formats are written
/// at width*scale x height*scale with everything drawn `scale` times larger.
struct ImageOptions {
    int width = 1600;
    int height = 900;
    double scale = 1.0;
    int jpegQuality = 92;
    /// Adds the price/change line, the legend and the footer around the chart.
    bool decorated = true;
    /// Footer text, e.g. "Data: yahoo · as of 2024-05-01"; empty leaves the left side blank.
    QString footer;
    bool legendLevels = false;       ///< the legend explains support/resistance colours
    bool legendManual = false;       ///< … and the manual-level colour (some are drawn)
    bool legendAnnotations = false;  ///< the legend explains the drawings' colour
};

}  // namespace retest::ui
