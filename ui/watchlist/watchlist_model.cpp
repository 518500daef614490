#include "ui/watchlist/watchlist_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <algorithm>

#include "core/model/date.h"
#include "core/model/watchlist.h"

namespace retest::ui {

QStringList WatchlistModel::defaultSymbols() {
    QStringList out;
    for (std::string_view s : kDefaultWatchlist) {
        out << QString::fromLatin1(s.data(), static_cast<qsizetype>(s.size()));
    }
    return out;
}

WatchlistModel::WatchlistModel(PriceCache& cache, QObject* parent)
    : QAbstractTableModel(parent), cache_(cache) {
    refresh();
}

void WatchlistModel::refresh() {
    beginResetModel();
    rows_.clear();
    for (const QString& s : defaultSymbols()) {
        rows_.push_back(Row{s, {}, {}, {}, {}});
    }
    lastError_.clear();
    auto listed = cache_.listSymbols();
    if (!listed) {
        lastError_ = tr("Cannot list the cached symbols: %1")
                         .arg(QString::fromStdString(listed.error().message));
    } else {
        for (const SymbolInfo& info : listed.value()) {
            const QString sym = QString::fromStdString(info.symbol);
            auto it = std::find_if(rows_.begin(), rows_.end(),
                                   [&](const Row& r) { return r.symbol == sym; });
            if (it == rows_.end()) {
                rows_.push_back(Row{sym, {}, {}, {}, {}});
                it = rows_.end() - 1;
            }
            it->description = QString::fromStdString(info.description);
            if (!info.lastDay) {
                continue;
            }
            std::vector<Bar> tail;
            // Two weeks back holds at least two sessions even across holidays.
            const auto read = cache_.readBars(info.symbol, *info.lastDay - 14, *info.lastDay, tail);
            if (!read && lastError_.isEmpty()) {
                lastError_ = tr("Cannot read the last quotes of %1: %2")
                                 .arg(sym, QString::fromStdString(read.error().message));
            }
            if (read && !tail.empty()) {
                it->last = tail.back().close;
                it->lastDay = tail.back().day;
                if (tail.size() >= 2) {
                    it->previous = tail[tail.size() - 2].close;
                }
            }
        }
    }
    endResetModel();
    if (!lastError_.isEmpty()) {
        Q_EMIT errorOccurred(lastError_);
    }
}

int WatchlistModel::rowOf(const QString& symbol) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].symbol.compare(symbol, Qt::CaseInsensitive) == 0) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

QString WatchlistModel::symbolAt(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) ? rows_[std::size_t(row)].symbol
                                                            : QString();
}

QStringList WatchlistModel::symbols() const {
    QStringList out;
    for (const Row& r : rows_) {
        out.push_back(r.symbol);
    }
    return out;
}

int WatchlistModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int WatchlistModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WatchlistModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(rows_.size())) {
        return {};
    }
    const Row& r = rows_[std::size_t(index.row())];
    const bool hasChange = r.last && r.previous && *r.previous != 0;
    const double change = hasChange ? (*r.last / *r.previous - 1.0) * 100.0 : 0.0;
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case SymbolColumn:
                    return r.symbol;
                case LastColumn:
                    return r.last ? QLocale().toString(*r.last, 'f', 2) : QStringLiteral("—");
                case ChangeColumn:
                    return hasChange ? QStringLiteral("%1%2%")
                                           .arg(change >= 0 ? QStringLiteral("+") : QString())
                                           .arg(change, 0, 'f', 2)
                                     : QString();
                default:
                    return {};
            }
        case Qt::ToolTipRole: {
            QString tip = r.symbol;
            if (!r.description.isEmpty()) {
                tip += QStringLiteral(" — ") + r.description;
            }
            if (r.lastDay) {
                tip += tr("\nLast close %1 on %2")
                           .arg(QLocale().toString(*r.last, 'f', 2),
                                QString::fromStdString(formatIsoDate(*r.lastDay)));
            } else {
                tip += tr("\nNo cached data yet");
            }
            return tip;
        }
        case Qt::TextAlignmentRole:
            return index.column() == SymbolColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                  : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (index.column() == ChangeColumn && hasChange) {
                return QBrush(change >= 0 ? QColor(0x1b, 0x8a, 0x4a) : QColor(0xc6, 0x28, 0x28));
            }
            if (!r.last) {
                return QBrush(QColor(0x90, 0x90, 0x90));
            }
            return {};
        case Qt::UserRole:
            return r.symbol;
        default:
            return {};
    }
}

QVariant WatchlistModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case SymbolColumn:
            return tr("Symbol");
        case LastColumn:
            return tr("Last");
        case ChangeColumn:
            return tr("Chg");
        default:
            return {};
    }
}

}  // namespace retest::ui
