// The watchlist table over the stored lists and the cached symbols.
#include "ui/watchlist/watchlist_model.h"

#include <QBrush>
#include <QColor>
#include <QFile>
#include <QFont>
#include <QMimeData>
#include <QSaveFile>
#include <algorithm>

#include "core/analytics/ratio.h"
#include "core/context/series_loader.h"
#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "core/model/watchlist.h"

namespace retest::ui {

QStringList WatchlistModel::defaultSymbols() {
    QStringList out;
    for (std::string_view s : kDefaultWatchlist) {
        out << QString::fromLatin1(s.data(), static_cast<qsizetype>(s.size()));
    }
    return out;
}

namespace {

constexpr const char* kMimeType = "application/x-retest-symbol";

}  // namespace

WatchlistModel::WatchlistModel(PriceCache& cache, QObject* parent)
    : QAbstractTableModel(parent), cache_(cache), store_(cache) {
    refresh();
}

void WatchlistModel::refresh() {
    beginResetModel();
    rows_.clear();
    auto members = listName_.isEmpty() ? Result<std::vector<std::string>>(Error{})
                                       : store_.members(listName_.toStdString());
    if (!members) {
        // The list shown is gone (or none was chosen yet): show the first stored list.
        const QStringList names = listNames();
        listName_ = names.value(0);
        members = listName_.isEmpty() ? Result<std::vector<std::string>>(Error{})
                                      : store_.members(listName_.toStdString());
    }
    if (members) {
        for (const std::string& s : members.value()) {
            rows_.push_back(Row{toQString(s), {}, {}, {}, {}, true, {}});
        }
    } else if (listName_.isEmpty()) {
        for (const QString& s : defaultSymbols()) {
            rows_.push_back(Row{s, {}, {}, {}, {}, true, {}});
        }
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
                rows_.push_back(Row{sym, {}, {}, {}, {}, false, {}});
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
    // A ratio member (IWM:SPY) and ^TNX without bars of its own show what their chart shows:
    // the ratio of the sides' closes, DGS10 standing in; from their last two weeks only.
    for (Row& r : rows_) {
        if (r.last) {
            continue;
        }
        const auto series = loadSeriesTail(cache_, toUtf8(r.symbol));
        if (series && !series->bars.empty()) {
            const std::vector<Bar>& bars = series->bars;
            r.standIn = series->standIn() ? toQString(series->dataSymbol) : QString();
            r.last = bars.back().close;
            r.lastDay = bars.back().day;
            if (bars.size() >= 2) {
                r.previous = bars[bars.size() - 2].close;
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
                    return r.last ? localePrice(*r.last) : QStringLiteral("—");
                case ChangeColumn:
                    return hasChange ? signedPercent(change, 2) : QString();
                default:
                    return {};
            }
        case Qt::ToolTipRole: {
            QString tip = r.symbol;
            if (!r.description.isEmpty()) {
                tip += QStringLiteral(" — ") + r.description;
            }
            if (!r.member) {
                tip += tr("\nIn the cache, not on \"%1\" (Ins adds the chart's symbol)")
                           .arg(listName_);
            }
            if (r.lastDay) {
                tip += tr("\nLast close %1 on %2")
                           .arg(localePrice(*r.last),
                                QString::fromStdString(formatIsoDate(*r.lastDay)));
                if (!r.standIn.isEmpty()) {
                    tip += tr(" (%1 standing in)").arg(r.standIn);
                }
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
                // Coloured as it reads: a change that rounds to "0.00%" is neither up nor down.
                const QString shown = signedPercent(change, 2);
                if (shown.startsWith(QLatin1Char('+')) || shown.startsWith(QLatin1Char('-'))) {
                    return QBrush(shown.startsWith(QLatin1Char('+')) ? QColor(0x1b, 0x8a, 0x4a)
                                                                     : QColor(0xc6, 0x28, 0x28));
                }
            }
            if (!r.last) {
                return QBrush(QColor(0x90, 0x90, 0x90));
            }
            return {};
        case Qt::UserRole:
            return r.symbol;
        case Qt::FontRole:
            if (!r.member && index.column() == SymbolColumn) {
                QFont f;
                f.setItalic(true);
                return f;
            }
            return {};
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

QStringList WatchlistModel::listNames() const {
    QStringList out;
    if (auto lists = store_.lists()) {
        for (const WatchlistInfo& w : lists.value()) {
            out << toQString(w.name);
        }
    }
    return out;
}

bool WatchlistModel::setCurrentList(const QString& name) {
    if (!store_.members(name.toStdString())) {
        return false;
    }
    if (name != listName_) {
        listName_ = name;
        refresh();
        Q_EMIT listsChanged();
    }
    return true;
}

QStringList WatchlistModel::listSymbols() const {
    QStringList out;
    for (const Row& r : rows_) {
        if (r.member) {
            out << r.symbol;
        }
    }
    return out;
}

bool WatchlistModel::isMember(int row) const {
    return row >= 0 && row < static_cast<int>(rows_.size()) && rows_[std::size_t(row)].member;
}

QString WatchlistModel::edited(const Result<Ok>& result) {
    if (!result) {
        return toQString(result.error().message);
    }
    refresh();
    Q_EMIT listsChanged();
    return {};
}

QString WatchlistModel::addSymbol(const QString& symbol) {
    const std::vector<std::string> one = {symbol.toStdString()};
    auto added = store_.add(listName_.toStdString(), one);
    return edited(added ? Result<Ok>(Ok{}) : Result<Ok>(added.error()));
}

QString WatchlistModel::removeSymbol(const QString& symbol) {
    return edited(store_.removeSymbol(listName_.toStdString(), symbol.toStdString()));
}

QString WatchlistModel::moveSymbol(const QString& symbol, int position) {
    return edited(store_.move(listName_.toStdString(), symbol.toStdString(),
                              static_cast<std::size_t>(std::max(0, position))));
}

QString WatchlistModel::createList(const QString& name) {
    if (auto r = store_.create(name.toStdString()); !r) {
        return toQString(r.error().message);
    }
    listName_ = name.trimmed();
    return edited(Ok{});
}

QString WatchlistModel::renameList(const QString& name) {
    if (auto r = store_.rename(listName_.toStdString(), name.toStdString()); !r) {
        return toQString(r.error().message);
    }
    listName_ = name.trimmed();
    return edited(Ok{});
}

QString WatchlistModel::deleteList() {
    if (auto r = store_.remove(listName_.toStdString()); !r) {
        return toQString(r.error().message);
    }
    listName_.clear();
    return edited(Ok{});
}

QString WatchlistModel::importList(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("%1: %2; nothing was added").arg(path, file.errorString());
    }
    const QByteArray bytes = file.readAll();
    auto symbols =
        parseSymbolList(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                        path.toStdString());
    if (!symbols) {
        return toQString(symbols.error().message) + tr("\nNothing was added.");
    }
    if (symbols->empty()) {
        return tr("%1: no symbol in the file; nothing was added").arg(path);
    }
    auto added = store_.add(listName_.toStdString(), *symbols);
    if (!added) {
        return toQString(added.error().message) + tr("\nNothing was added.");
    }
    return edited(Ok{});
}

QString WatchlistModel::exportList(const QString& path) const {
    std::vector<std::string> symbols;
    for (const QString& s : listSymbols()) {
        symbols.push_back(s.toStdString());
    }
    const std::string text = formatSymbolList(symbols);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit()) {
        return tr("%1: %2").arg(path, file.errorString());
    }
    return {};
}

Qt::ItemFlags WatchlistModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid()) {
        return f | Qt::ItemIsDropEnabled;
    }
    return isMember(index.row()) ? f | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled : f;
}

Qt::DropActions WatchlistModel::supportedDropActions() const {
    return Qt::MoveAction;
}

QStringList WatchlistModel::mimeTypes() const {
    return {QString::fromLatin1(kMimeType)};
}

QMimeData* WatchlistModel::mimeData(const QModelIndexList& indexes) const {
    if (indexes.isEmpty() || !isMember(indexes.front().row())) {
        return nullptr;
    }
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(kMimeType), symbolAt(indexes.front().row()).toUtf8());
    return data;
}

bool WatchlistModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                  int /*column*/, const QModelIndex& parent) {
    if (action != Qt::MoveAction || data == nullptr ||
        !data->hasFormat(QString::fromLatin1(kMimeType))) {
        return false;
    }
    const QString symbol = QString::fromUtf8(data->data(QString::fromLatin1(kMimeType)));
    const int from = listSymbols().indexOf(symbol);
    int to = row >= 0 ? row : (parent.isValid() ? parent.row() : listSymbols().size());
    to = std::min(to, static_cast<int>(listSymbols().size()));
    if (from < 0) {
        return false;
    }
    // Dropping below itself: the rows after it shift up by one once it is taken out.
    if (to > from) {
        --to;
    }
    return moveSymbol(symbol, to).isEmpty();
}

}  // namespace retest::ui
