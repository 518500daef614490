#include "ui/rotation/rotation_board_model.h"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <cmath>

#include "core/model/date.h"
#include "core/model/qt_text.h"

namespace retest::ui {

namespace {

QString pct(const std::optional<double>& v) {
    return v ? signedPercent(*v, 1) : QStringLiteral("—");
}

QString zoneText(const Zone* z, double last) {
    if (z == nullptr) {
        return QStringLiteral("—");
    }
    return QStringLiteral("%1 (%2)").arg(localePrice(z->price),
                                         toQString(zoneDistanceText(*z, last)));
}

QColor quadrantColor(Quadrant q) {
    switch (q) {
        case Quadrant::Leading:
            return {0xc8, 0xe6, 0xc9};
        case Quadrant::Weakening:
            return {0xff, 0xf3, 0xc4};
        case Quadrant::Lagging:
            return {0xff, 0xcd, 0xd2};
        case Quadrant::Improving:
            return {0xc5, 0xda, 0xf5};
    }
    return {};
}

}  // namespace

RotationBoardModel::RotationBoardModel(QObject* parent) : QAbstractTableModel(parent) {}

void RotationBoardModel::setBoard(RotationBoard board) {
    beginResetModel();
    board_ = std::move(board);
    endResetModel();
}

QString RotationBoardModel::symbolAt(int row) const {
    return row >= 0 && row < rowCount() ? toQString(board_.entries[std::size_t(row)].symbol)
                                        : QString();
}

int RotationBoardModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(board_.entries.size());
}

int RotationBoardModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QColor RotationBoardModel::heat(double pct, double full) {
    const double t = std::clamp(std::abs(pct) / full, 0.0, 1.0);
    const QColor base = pct >= 0 ? QColor(0x2e, 0x9d, 0x55) : QColor(0xd3, 0x3b, 0x3b);
    // Blend from white to the base colour.
    const auto mix = [t](int c) {
        return static_cast<int>(std::lround(255 + (c - 255) * t * 0.75));
    };
    return {mix(base.red()), mix(base.green()), mix(base.blue())};
}

std::optional<double> RotationBoardModel::value(const BoardEntry& e, int column) const {
    const RotationRow& r = e.row;
    if (!e.error.empty()) {
        return std::nullopt;
    }
    if (column >= FirstReturnColumn && column < RsColumn) {
        return r.returns[std::size_t(column - FirstReturnColumn)];
    }
    switch (column) {
        case LastColumn:
            return r.last;
        case RsColumn:
            return r.rsRatio;
        case MomentumColumn:
            return r.rsMomentum;
        case QuadrantColumn:
            return r.quadrant ? std::optional<double>(static_cast<int>(*r.quadrant)) : std::nullopt;
        case High52wColumn:
            return r.fromHigh52wPct;
        case AthColumn:
            return r.fromAthPct;
        case SupportColumn:
            return r.nearestSupport()
                       ? std::optional<double>(zoneDistancePct(*r.nearestSupport(), r.last))
                       : std::nullopt;
        case ResistanceColumn:
            if (const auto over = overhead(r.levels)) {
                return over->zone != nullptr ? zoneDistancePct(*over->zone, r.last)
                                             : (over->price / r.last - 1.0) * 100.0;
            }
            return std::nullopt;
        case EventColumn:
            return r.headlineEvent() ? std::optional<double>(r.headlineEvent()->day) : std::nullopt;
        default:
            return std::nullopt;
    }
}

QVariant RotationBoardModel::display(const BoardEntry& e, int column) const {
    if (column == SymbolColumn) {
        // A row of another time says so where the eye starts: "^GSPC · to 2020-04-17".
        return board_.behind(e) ? tr("%1 · to %2")
                                      .arg(toQString(e.symbol),
                                           QString::fromStdString(formatIsoDate(e.row.asOf)))
                                : QVariant(toQString(e.symbol));
    }
    if (!e.error.empty()) {
        return column == LastColumn ? QVariant(toQString(e.error)) : QVariant();
    }
    const RotationRow& r = e.row;
    if (column >= FirstReturnColumn && column < RsColumn) {
        return pct(r.returns[std::size_t(column - FirstReturnColumn)]);
    }
    switch (column) {
        case LastColumn:
            return localePrice(r.last);
        case RsColumn:
            return r.rsRatio ? QString::number(*r.rsRatio, 'f', 2) : QStringLiteral("—");
        case MomentumColumn:
            return r.rsMomentum ? QString::number(*r.rsMomentum, 'f', 2) : QStringLiteral("—");
        case QuadrantColumn:
            return e.benchmark
                       ? tr("benchmark")
                       : (r.quadrant ? toQString(quadrantName(*r.quadrant)) : QStringLiteral("—"));
        case High52wColumn:
            return pct(r.fromHigh52wPct);
        case AthColumn:
            return pct(r.fromAthPct);
        case SupportColumn:
            return zoneText(r.nearestSupport(), r.last);
        case ResistanceColumn:
            // Above the last level broken, the all-time high, as scan gives it.
            if (const auto over = overhead(r.levels); over && over->zone == nullptr) {
                return QStringLiteral("%1 (%2, ATH)")
                    .arg(localePrice(over->price), pct((over->price / r.last - 1.0) * 100.0));
            }
            return zoneText(r.nearestResistance(), r.last);
        case EventColumn:
            if (const LevelEvent* ev = r.headlineEvent()) {
                return QStringLiteral("%1 %2, %3")
                    .arg(toQString(levelEventTypeName(ev->type)),
                         QString::fromStdString(formatIsoDate(ev->day)),
                         toQString(retestSummary(ev->retest)));
            }
            return QStringLiteral("—");
        default:
            return {};
    }
}

QVariant RotationBoardModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const BoardEntry& e = board_.entries[std::size_t(index.row())];
    const int c = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return display(e, c);
        case SortRole: {
            if (c == SymbolColumn) {
                return toQString(e.symbol);
            }
            const auto v = value(e, c);
            return v ? *v : -1e300;
        }
        case Qt::BackgroundRole: {
            const auto v = value(e, c);
            if (!v || board_.behind(e)) {
                return {};  // a row of another time is not coloured against this board's
            }
            if (c >= FirstReturnColumn && c < RsColumn) {
                // Full colour at a move that is large for the period (4% a week … 30% a year).
                static constexpr std::array<double, kReturnPeriodCount> kFull = {4,  8,  15,
                                                                                 20, 25, 30};
                return QBrush(heat(*v, kFull[std::size_t(c - FirstReturnColumn)]));
            }
            if (c == RsColumn || c == MomentumColumn) {
                return QBrush(heat(*v - 100.0, 5));
            }
            if (c == High52wColumn || c == AthColumn) {
                return QBrush(heat(*v, 25));
            }
            if (c == QuadrantColumn && e.row.quadrant) {
                return QBrush(quadrantColor(*e.row.quadrant));
            }
            return {};
        }
        case Qt::TextAlignmentRole:
            return c == SymbolColumn ||
                           (c >= QuadrantColumn && c != High52wColumn && c != AthColumn)
                       ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ToolTipRole:
            if (!e.error.empty()) {
                return QString(toQString(e.symbol) + QStringLiteral(": ") + toQString(e.error));
            }
            if (const LevelEvent* ev = e.row.headlineEvent(); ev && c == EventColumn) {
                return toQString(ev->description());
            }
            if (!e.standIn.empty()) {
                return tr("%1 as of %2 (%3 standing in)")
                    .arg(toQString(e.symbol), QString::fromStdString(formatIsoDate(e.row.asOf)),
                         toQString(e.standIn));
            }
            if (board_.behind(e)) {
                return tr("%1: its data ends on %2, before the board's day %3; its returns and "
                          "relative strength are of that time")
                    .arg(toQString(e.symbol), QString::fromStdString(formatIsoDate(e.row.asOf)),
                         QString::fromStdString(formatIsoDate(board_.day)));
            }
            return tr("%1 as of %2")
                .arg(toQString(e.symbol), QString::fromStdString(formatIsoDate(e.row.asOf)));
        case Qt::ForegroundRole:
            return e.error.empty() && !board_.behind(e)
                       ? QVariant()
                       : QVariant(QBrush(QColor(0x90, 0x90, 0x90)));
        default:
            return {};
    }
}

QVariant RotationBoardModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (section >= FirstReturnColumn && section < RsColumn) {
            return tr(
                "Percent from the last close on or before the same calendar day earlier "
                "(YTD: from the last close of the previous year)");
        }
        if (section == RsColumn) {
            return tr(
                "RS-Ratio: weekly relative strength against the benchmark over its 10-week "
                "mean, around 100");
        }
        if (section == MomentumColumn) {
            return tr("RS-Momentum: RS-Ratio against its value 4 weeks earlier, around 100");
        }
        return {};
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (section >= FirstReturnColumn && section < RsColumn) {
        return toQString(
            returnPeriodName(kReturnPeriods[std::size_t(section - FirstReturnColumn)]));
    }
    switch (section) {
        case SymbolColumn:
            return tr("Symbol");
        case LastColumn:
            return tr("Last");
        case RsColumn:
            return tr("RS");
        case MomentumColumn:
            return tr("Mom");
        case QuadrantColumn:
            return tr("Quadrant");
        case High52wColumn:
            return tr("52W high");
        case AthColumn:
            return tr("ATH");
        case SupportColumn:
            return tr("Support");
        case ResistanceColumn:
            return tr("Resistance");
        case EventColumn:
            return tr("Breakout");
        default:
            return {};
    }
}

}  // namespace retest::ui
