#include "core/context/series_loader.h"

#include <algorithm>
#include <cctype>

#include "core/model/date.h"

namespace retest {

namespace {

Result<std::vector<Bar>> readRange(const PriceCache& cache, const std::string& symbol,
                                   const SeriesRequest& request) {
    std::vector<Bar> bars;
    if (auto r = cache.readBars(symbol, request.from, request.to, bars); !r) {
        return r.error();
    }
    return bars;
}

std::string dateSpan(const std::vector<Bar>& bars) {
    return formatIsoDate(bars.front().day) + " to " + formatIsoDate(bars.back().day);
}

Result<LoadedSeries> loadRatio(const PriceCache& cache, LoadedSeries out,
                               const SeriesRequest& request) {
    const RatioSymbol& r = *out.ratio;
    auto num = readRange(cache, r.numerator, request);
    if (!num) {
        return num.error();
    }
    auto den = readRange(cache, r.denominator, request);
    if (!den) {
        return den.error();
    }
    for (const auto* side : {&r.numerator, &r.denominator}) {
        if ((side == &r.numerator ? num : den)->empty()) {
            return Error{"no cached data for " + *side + " (the " +
                         (side == &r.numerator ? "numerator" : "denominator") + " of " +
                         out.symbol + "); import or fetch " + *side + " first"};
        }
    }
    out.bars = ratioBars(*num, *den);
    if (out.bars.empty()) {
        return Error{r.numerator + " and " + r.denominator + " have no common dates for " +
                     out.symbol + " (" + r.numerator + ": " + dateSpan(*num) + "; " +
                     r.denominator + ": " + dateSpan(*den) + ")"};
    }
    SymbolInfo info;
    info.symbol = out.symbol;
    info.description = r.numerator + " / " + r.denominator;
    info.source = "ratio of cached " + r.numerator + " and " + r.denominator;
    info.firstDay = out.bars.front().day;
    info.lastDay = out.bars.back().day;
    info.barCount = static_cast<std::int64_t>(out.bars.size());
    out.info = info;
    return out;
}

}  // namespace

void adjustForSplitsAndDividends(std::vector<Bar>& bars) {
    for (Bar& b : bars) {
        const double factor = b.close > 0 ? b.adjClose / b.close : 1.0;
        if (factor > 0 && factor != 1.0) {
            b.open *= factor;
            b.high *= factor;
            b.low *= factor;
            b.close = b.adjClose;
        }
    }
}

std::optional<std::string> standInFor(std::string_view symbol) {
    if (symbol == "^TNX") {
        return std::string("DGS10");
    }
    return std::nullopt;
}

Result<Ok> checkSymbolText(std::string_view text) {
    const std::string s = canonicalSymbol(text);
    if (looksLikeRatio(s)) {
        if (auto r = parseRatioSymbol(s); !r) {
            return r.error();
        }
        return Ok{};
    }
    if (!isPlainSymbol(s)) {
        return Error{"\"" + std::string(text) + "\" is not a symbol"};
    }
    return Ok{};
}

Result<LoadedSeries> loadSeriesTail(const PriceCache& cache, std::string_view symbol) {
    const std::string s = canonicalSymbol(symbol);
    const auto lastDayOf = [&](const std::string& side) -> std::optional<Day> {
        auto info = cache.symbolInfo(side);
        return info && info.value() ? info.value()->lastDay : std::nullopt;
    };
    std::optional<Day> last = lastDayOf(s);
    if (!last) {
        std::vector<std::string> sides;
        if (const auto standIn = standInFor(s)) {
            sides = {*standIn};
        } else if (looksLikeRatio(s)) {
            if (const auto ratio = parseRatioSymbol(s)) {
                sides = {ratio->numerator, ratio->denominator};
            }
        }
        for (const std::string& side : sides) {
            const std::optional<Day> day = lastDayOf(side);
            if (!day) {
                last.reset();  // a side without bars: loadSeries says so
                break;
            }
            last = last ? std::min(*last, *day) : *day;
        }
    }
    SeriesRequest request;
    request.allowStandIn = true;
    if (last) {
        request.from = *last - 14;
    }
    return loadSeries(cache, symbol, request);
}

Result<LoadedSeries> loadSeries(const PriceCache& cache, std::string_view symbol,
                                const SeriesRequest& request) {
    LoadedSeries out;
    out.symbol = canonicalSymbol(symbol);
    out.dataSymbol = out.symbol;
    if (auto ok = checkSymbolText(symbol); !ok) {
        return ok.error();
    }
    if (looksLikeRatio(out.symbol)) {
        out.ratio = parseRatioSymbol(out.symbol).value();
        return loadRatio(cache, std::move(out), request);
    }
    auto info = cache.symbolInfo(out.symbol);
    if (!info) {
        return info.error();
    }
    const auto standIn = standInFor(out.symbol);
    if (request.allowStandIn && standIn && (!info.value() || info.value()->barCount == 0)) {
        auto other = cache.symbolInfo(*standIn);
        if (!other) {
            return other.error();
        }
        if (other.value() && other.value()->barCount > 0) {
            out.dataSymbol = *standIn;
            info = std::move(other);
        }
    }
    out.info = info.value();
    if (out.info) {
        auto bars = readRange(cache, out.dataSymbol, request);
        if (!bars) {
            return bars.error();
        }
        out.bars = std::move(bars.value());
    }
    return out;
}

Result<LoadedSeries> loadSeriesWithData(const PriceCache& cache, std::string_view symbol,
                                        const SeriesRequest& request) {
    auto series = loadSeries(cache, symbol, request);
    if (series && series->bars.empty()) {
        return Error{"no cached data for " + series->symbol +
                     " (import a CSV or fetch it first; `retest list` shows what is cached)"};
    }
    return series;
}

}  // namespace retest
