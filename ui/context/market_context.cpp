#include "ui/context/market_context.h"

#include <QInputDialog>
#include <QMenu>
#include <algorithm>

#include "core/analytics/compare.h"
#include "core/analytics/resample.h"
#include "core/model/qt_text.h"
#include "ui/chart/chart_view.h"
#include "ui/chart/qcp.h"

namespace retest::ui {

Result<LoadedSeries> loadContextSeries(const PriceCache& cache, const QString& symbol,
                                       const ContextFrame& frame) {
    SeriesRequest request;
    request.allowStandIn = true;
    if (frame.until) {
        request.to = *frame.until;
    }
    auto series = loadSeriesWithData(cache, symbol.toStdString(), request);
    if (!series) {
        return series;
    }
    if (frame.adjusted) {
        adjustForSplitsAndDividends(series->bars);
    }
    series->bars = resample(series->bars, frame.timeframe);
    return series;
}

QString paneTitle(const LoadedSeries& series) {
    QString title = toQString(series.symbol);
    if (series.standIn()) {
        return title + QStringLiteral(" · from ") + toQString(series.dataSymbol) +
               QStringLiteral(" (no ") + title + QStringLiteral(" data in the cache)");
    }
    if (series.ratio) {
        return title + QStringLiteral(" · relative strength (100 = first common day)");
    }
    if (series.info && !series.info->description.empty()) {
        title += QStringLiteral(" · ") + toQString(series.info->description);
    }
    return title;
}

std::vector<double> defaultThresholds(const QString& symbol) {
    const std::string s = canonicalSymbol(symbol.toStdString());
    if (s == "^TNX" || s == "DGS10") {
        return {5.0};
    }
    return {};
}

MarketContext::MarketContext(ChartView& view, const PriceCache& cache)
    : view_(view), cache_(cache) {}

MarketContext::~MarketContext() {
    clear();
}

void MarketContext::clear() {
    compare_.reset();
    panes_.clear();
}

CompareLayer& MarketContext::ensureCompare() {
    if (!compare_) {
        compare_ = std::make_unique<CompareLayer>(view_, frame_.mainSymbol);
        connect(compare_.get(), &CompareLayer::removeRequested, this, [this](const QString& s) {
            if (removeCompare(s)) {
                Q_EMIT edited();
            }
        });
    }
    return *compare_;
}

QStringList MarketContext::apply(const ContextFrame& frame,
                                 const std::vector<ChartContextItem>& items) {
    clear();
    frame_ = frame;
    QStringList errors;
    for (const ChartContextItem& item : items) {
        const QString symbol = toQString(item.target);
        const Result<Ok> r = item.kind == ChartContextItem::Kind::Compare
                                 ? addCompare(symbol)
                                 : addPane(symbol, item.thresholds, item.height);
        if (!r) {
            errors << toQString(r.error().message);
        }
    }
    return errors;
}

QStringList MarketContext::reframe(const ContextFrame& frame) {
    return apply(frame, items());
}

Result<Ok> MarketContext::addCompare(const QString& symbol) {
    const QString s = toQString(canonicalSymbol(symbol.toStdString()));
    if (s == frame_.mainSymbol) {
        return Error{s.toStdString() + " is the chart's own symbol"};
    }
    if (compare_ && compare_->symbols().contains(s)) {
        return Error{s.toStdString() + " is already compared"};
    }
    if (compare_ && compare_->count() >= CompareLayer::kMaxSeries) {
        return Error{"cannot compare " + s.toStdString() + ": at most " +
                     std::to_string(CompareLayer::kMaxSeries) + " symbols can be compared"};
    }
    auto series = loadContextSeries(cache_, s, frame_);
    if (!series) {
        return Error{"cannot compare " + s.toStdString() + ": " + series.error().message};
    }
    ensureCompare().add({s, std::move(series->bars)});
    return Ok{};
}

bool MarketContext::removeCompare(const QString& symbol) {
    if (!compare_ || !compare_->remove(symbol)) {
        return false;
    }
    if (compare_->count() == 0) {
        compare_.reset();
    }
    return true;
}

Result<Ok> MarketContext::addPane(const QString& symbol,
                                  const std::optional<std::vector<double>>& thresholds,
                                  double stretch) {
    const QString s = toQString(canonicalSymbol(symbol.toStdString()));
    auto series = loadContextSeries(cache_, s, frame_);
    if (!series) {
        return Error{"cannot show " + s.toStdString() + " in a pane: " + series.error().message};
    }
    if (series->ratio) {  // a relative-strength line: 100 on the sides' first common day
        auto num = loadContextSeries(cache_, toQString(series->ratio->numerator), frame_);
        auto den = loadContextSeries(cache_, toQString(series->ratio->denominator), frame_);
        if (num && den) {
            series->bars = relativeStrength(num->bars, den->bars);
        }
    }
    auto pane = std::make_unique<IndicatorPane>(view_, s, paneTitle(*series),
                                                std::move(series->bars), stretch);
    pane->setThresholds(thresholds.value_or(defaultThresholds(s)));
    connectPane(pane.get());
    panes_.push_back(std::move(pane));
    return Ok{};
}

void MarketContext::connectPane(IndicatorPane* pane) {
    connect(pane, &IndicatorPane::resized, this, [this] { Q_EMIT edited(); });
    connect(pane, &IndicatorPane::menuRequested, this, [this, pane](const QPoint& global) {
        for (std::size_t i = 0; i < panes_.size(); ++i) {
            if (panes_[i].get() == pane) {
                showPaneMenu(static_cast<int>(i), global);
                return;
            }
        }
    });
}

bool MarketContext::removePane(int index) {
    if (index < 0 || index >= static_cast<int>(panes_.size())) {
        return false;
    }
    panes_.erase(panes_.begin() + index);
    view_.plot()->replot();
    return true;
}

void MarketContext::setThresholds(int pane, std::vector<double> values) {
    if (pane >= 0 && pane < static_cast<int>(panes_.size())) {
        panes_[static_cast<std::size_t>(pane)]->setThresholds(std::move(values));
    }
}

std::vector<ChartContextItem> MarketContext::items() const {
    std::vector<ChartContextItem> out;
    if (compare_) {
        for (const QString& s : compare_->symbols()) {
            out.push_back({ChartContextItem::Kind::Compare, s.toStdString(), {}, 0});
        }
    }
    for (const auto& pane : panes_) {
        out.push_back({ChartContextItem::Kind::Pane, pane->symbol().toStdString(),
                       pane->thresholds(), pane->stretch()});
    }
    return out;
}

void MarketContext::showPaneMenu(int index, const QPoint& globalPos) {
    if (index < 0 || index >= static_cast<int>(panes_.size())) {
        return;
    }
    IndicatorPane* pane = panes_[static_cast<std::size_t>(index)].get();
    const auto ask = [this, pane](const QString& title, double value, bool* ok) {
        return QInputDialog::getDouble(&view_, title, tr("Threshold for %1:").arg(pane->symbol()),
                                       value, -1e9, 1e9, 2, ok);
    };
    QMenu menu(&view_);
    menu.addAction(tr("Add Threshold…"), this, [this, index, pane, ask] {
        bool ok = false;
        const double v =
            ask(tr("Add Threshold"), pane->valueAt(view_.visibleBarRange().second), &ok);
        if (ok) {
            std::vector<double> values = pane->thresholds();
            values.push_back(v);
            setThresholds(index, std::move(values));
            Q_EMIT edited();
        }
    });
    for (std::size_t k = 0; k < pane->thresholds().size(); ++k) {
        const double t = pane->thresholds()[k];
        const QString shown = QString::number(t, 'f', 2);
        menu.addAction(tr("Edit Threshold %1…").arg(shown), this, [this, index, pane, ask, k, t] {
            bool ok = false;
            const double v = ask(tr("Edit Threshold"), t, &ok);
            if (ok) {
                std::vector<double> values = pane->thresholds();
                values[k] = v;
                setThresholds(index, std::move(values));
                Q_EMIT edited();
            }
        });
        menu.addAction(tr("Alert on Threshold %1…").arg(shown), this, [this, pane, t] {
            const std::string symbol = pane->symbol().toStdString();
            Q_EMIT alertRequested(alertChoicesForPrice(
                symbol, t, symbol + " threshold " + QString::number(t, 'f', 2).toStdString()));
        });
        menu.addAction(tr("Remove Threshold %1").arg(shown), this, [this, index, pane, k] {
            std::vector<double> values = pane->thresholds();
            values.erase(values.begin() + static_cast<std::ptrdiff_t>(k));
            setThresholds(index, std::move(values));
            Q_EMIT edited();
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Remove Pane %1").arg(pane->symbol()), this, [this, index] {
        if (removePane(index)) {
            Q_EMIT edited();
        }
    });
    menu.exec(globalPos);
}

}  // namespace retest::ui
