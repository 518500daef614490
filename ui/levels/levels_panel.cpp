// LevelsPanel: a table over ChartDocument::levels(), refilled on every levelsChanged(); each
// row carries its zone's id, so the document's selection survives recomputations.
#include "ui/levels/levels_panel.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>

#include "core/model/date.h"
#include "core/model/qt_text.h"
#include "ui/chart/chart_data.h"
#include "ui/chart/level_overlay.h"
#include "ui/chart_document.h"

namespace retest::ui {

namespace {

constexpr int kZoneIdRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;
constexpr int kDebounceMs = 250;

/// Sorts by a number kept beside the text, so "1,000" sorts after "999".
class SortItem : public QTableWidgetItem {
public:
    SortItem(const QString& text, double key) : QTableWidgetItem(text) {
        setData(kSortRole, key);
        setFlags(flags() & ~Qt::ItemIsEditable);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        return data(kSortRole).toDouble() < other.data(kSortRole).toDouble();
    }
};

// "↑ held", "↓ retesting", "↑ failed", "↑ not yet": the latest event's direction and state.
QString retestCellText(const LevelEvent& e) {
    const QString arrow =
        e.type == LevelEventType::Breakout ? QStringLiteral("\u2191 ") : QStringLiteral("\u2193 ");
    switch (e.retest) {
        case RetestState::None:
            return arrow + LevelsPanel::tr("not yet");
        case RetestState::Retesting:
            return arrow + LevelsPanel::tr("retesting");
        case RetestState::Held:
            return arrow + LevelsPanel::tr("held");
        case RetestState::Failed:
            return arrow + LevelsPanel::tr("failed");
    }
    return {};
}

}  // namespace

LevelsPanel::LevelsPanel(ChartDocument& doc, QWidget* parent)
    : QDockWidget(tr("Levels"), parent), doc_(doc) {
    setObjectName(QStringLiteral("levelsDock"));
    buildUi();
    connect(&doc_, &ChartDocument::levelsChanged, this, &LevelsPanel::refresh);
    connect(&doc_, &ChartDocument::levelFilterChanged, this, &LevelsPanel::refresh);
    connect(&doc_, &ChartDocument::levelSelectionChanged, this, &LevelsPanel::showSelection);
    connect(&doc_, &ChartDocument::levelSettingsChanged, this, &LevelsPanel::showSensitivity);
    connect(&doc_, &ChartDocument::changed, this, &LevelsPanel::updateButtons);
    refresh();
}

void LevelsPanel::setTheme(const ChartTheme& theme) {
    theme_ = theme;
    refresh();
}

void LevelsPanel::buildUi() {
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(6, 6, 6, 6);

    auto* knob = new QHBoxLayout;
    knob->addWidget(new QLabel(tr("Sensitivity"), body));
    slider_ = new QSlider(Qt::Horizontal, body);
    slider_->setRange(0, 100);
    slider_->setValue(static_cast<int>(std::lround(doc_.levelSettings().sensitivity * 100)));
    slider_->setToolTip(
        tr("Left: only the big, obvious levels. Right: smaller swings, "
           "narrower zones, more of them."));
    knob->addWidget(slider_, 1);
    sliderValue_ = new QLabel(QString::number(slider_->value()), body);
    sliderValue_->setMinimumWidth(
        QFontMetrics(sliderValue_->font()).horizontalAdvance(QStringLiteral("100")));
    knob->addWidget(sliderValue_);
    layout->addLayout(knob);

    auto* buttons = new QHBoxLayout;
    autoBox_ = new QCheckBox(tr("Auto levels"), body);
    autoBox_->setChecked(doc_.showAutoLevels());
    autoBox_->setToolTip(tr("Show the levels found in the prices; off leaves your own levels."));
    buttons->addWidget(autoBox_);
    buttons->addStretch(1);
    addButton_ = new QPushButton(tr("Add level…"), body);
    removeButton_ = new QPushButton(tr("Remove"), body);
    removeButton_->setToolTip(tr("Remove the selected manual level"));
    buttons->addWidget(addButton_);
    buttons->addWidget(removeButton_);
    layout->addLayout(buttons);

    table_ = new QTableWidget(0, ColumnCount, body);
    table_->setHorizontalHeaderLabels({tr("Level"), tr("Price"), tr("Kind"), tr("Touches"),
                                       tr("Strength"), tr("Distance"), tr("Retest"), tr("Flipped"),
                                       tr("Manual")});
    table_->horizontalHeaderItem(ColDistance)
        ->setToolTip(tr("The level's price relative to the last close; \"inside\" when the "
                        "close is within its zone"));
    table_->horizontalHeaderItem(ColRetest)->setToolTip(
        tr("The latest breakout (\u2191) or breakdown (\u2193) through the level "
           "and the state of its retest"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->setVisible(false);
    sizeColumns();
    table_->setSortingEnabled(true);
    table_->sortByColumn(ColStrength, Qt::DescendingOrder);
    layout->addWidget(table_, 1);

    state_ = new QLabel(body);
    state_->setWordWrap(true);
    state_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(state_);
    setWidget(body);

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, &LevelsPanel::flushSensitivity);
    connect(slider_, &QSlider::valueChanged, this, &LevelsPanel::onSliderMoved);
    connect(autoBox_, &QCheckBox::toggled, &doc_, &ChartDocument::setShowAutoLevels);
    connect(addButton_, &QPushButton::clicked, this, &LevelsPanel::promptAddLevel);
    connect(removeButton_, &QPushButton::clicked, this, &LevelsPanel::removeSelectedLevel);
    connect(table_, &QTableWidget::itemSelectionChanged, this, &LevelsPanel::onSelectionChanged);
    connect(table_, &QTableWidget::itemDoubleClicked, this, [this] { editSelectedLevel(); });
    table_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table_, &QTableWidget::customContextMenuRequested, this, &LevelsPanel::showRowMenu);
}

void LevelsPanel::showRowMenu(const QPoint& pos) {
    const int row = table_->rowAt(pos.y());
    const int zone = zoneAtRow(row);
    if (zone < 0) {
        return;
    }
    table_->selectRow(row);
    const Zone z = doc_.levels().zones[static_cast<std::size_t>(zone)];
    QMenu menu(table_);
    QAction* alert = menu.addAction(tr("Alert…"));
    alert->setStatusTip(tr("An alert when price enters this level or closes beyond it"));
    connect(alert, &QAction::triggered, this, [this, z] {
        Q_EMIT alertRequested(alertChoicesForZone(doc_.symbol().toStdString(), z));
    });
    menu.exec(table_->viewport()->mapToGlobal(pos));
}

// Every column as wide as its header and values; only the level's name may be cut (with "…",
// the full text is in the tooltip). The sort column, Strength, comes right after the name and
// kind so it is never the one scrolled away, and the table asks for its full width so the dock
// opens wide enough for all of it.
void LevelsPanel::sizeColumns() {
    QHeaderView* header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ColName, QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setTextElideMode(Qt::ElideRight);
    table_->setTextElideMode(Qt::ElideRight);
    table_->setWordWrap(false);
    const int order[] = {ColName,     ColKind,   ColStrength, ColTouches, ColPrice,
                         ColDistance, ColRetest, ColFlipped,  ColManual};
    for (int visual = 0; visual < ColumnCount; ++visual) {
        header->moveSection(header->visualIndex(order[visual]), visual);
    }
    // Touches, Flipped and Manual are extras (the touches are in the strength and, with the
    // first and last dates, in the tooltip; a manual level's kind is in its own colour; a flip is
    // in the tooltip): hidden at first so the rest fit beside the chart; the header's context menu
    // shows or hides any column.
    header->setSectionHidden(ColTouches, true);
    header->setSectionHidden(ColFlipped, true);
    header->setSectionHidden(ColManual, true);
    header->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (int c = ColPrice; c < ColumnCount; ++c) {
        auto* toggle = new QAction(table_->horizontalHeaderItem(c)->text(), header);
        toggle->setCheckable(true);
        toggle->setChecked(!header->isSectionHidden(c));
        connect(toggle, &QAction::toggled, this, [this, c](bool on) {
            table_->horizontalHeader()->setSectionHidden(c, !on);
            table_->updateGeometry();  // the dock's size hint follows the visible columns
        });
        header->addAction(toggle);
    }
    table_->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    fitNameColumn();
}

void LevelsPanel::fitNameColumn() {
    const QFontMetrics metrics(table_->font());
    int wanted = table_->horizontalHeader()->sectionSizeHint(ColName);
    for (int row = 0; row < table_->rowCount(); ++row) {
        if (const QTableWidgetItem* item = table_->item(row, ColName)) {
            wanted = std::max(wanted, metrics.horizontalAdvance(item->text()) + 16);
        }
    }
    // Room for the longest name the analysis gives ("the 28-Nov-2021 record high", in the
    // widest month): a longer label of the user's own is cut.
    int longestName = 0;
    for (unsigned month = 1; month <= 12; ++month) {
        const QString name =
            QStringLiteral("the 28-%1-2000 record high").arg(QLatin1String(monthAbbrev(month)));
        longestName = std::max(longestName, metrics.horizontalAdvance(name));
    }
    const int cap = longestName + 16;
    table_->horizontalHeader()->resizeSection(ColName, std::min(wanted, cap));
}

void LevelsPanel::refresh() {
    const LevelAnalysis& a = doc_.levels();
    filling_ = true;
    table_->setSortingEnabled(false);
    table_->clearContents();
    table_->setRowCount(static_cast<int>(a.zones.size()));
    const auto latest = latestEventOfEachZone(a);
    for (int z = 0; z < static_cast<int>(a.zones.size()); ++z) {
        const auto& k = latest[static_cast<std::size_t>(z)];
        fillRow(z, z, k ? &a.events[*k] : nullptr);
    }
    table_->setSortingEnabled(true);
    fitNameColumn();
    // The default selection (Zone::shown): the record, the nearest levels, live retests;
    // the rest are one slider move away, and the panel says how many.
    for (int row = 0; row < table_->rowCount(); ++row) {
        const Zone& z = a.zones[static_cast<std::size_t>(zoneAtRow(row))];
        table_->setRowHidden(row, !z.manual && !(doc_.showAutoLevels() && z.shown));
    }
    filling_ = false;
    {
        const QSignalBlocker block(autoBox_);
        autoBox_->setChecked(doc_.showAutoLevels());
    }
    QString state = a.headline ? tr("Now: %1").arg(toQString(a.events[*a.headline].description()))
                               : tr("No live breakout or breakdown at this sensitivity.");
    if (doc_.showAutoLevels() && a.hiddenZones > 0) {
        // At full sensitivity there is nothing to raise: the rest are the weakest, far away.
        const QString hint = a.sensitivity >= 1.0 ? tr("the weakest, far from price.")
                                                  : tr("raise the sensitivity to show them.");
        state += QLatin1Char('\n') + tr("%1 more %2 hidden: %3")
                                         .arg(a.hiddenZones)
                                         .arg(a.hiddenZones == 1 ? tr("level") : tr("levels"))
                                         .arg(hint);
    }
    state_->setText(state);
    showSelection();
}

void LevelsPanel::showSelection() {
    const std::string& id = doc_.selectedLevelId();
    int selected = -1;
    for (int row = 0; row < table_->rowCount() && !id.empty(); ++row) {
        if (zoneIdAtRow(row) == id && !table_->isRowHidden(row)) {
            selected = row;
        }
    }
    filling_ = true;
    table_->clearSelection();
    if (selected >= 0) {
        table_->selectRow(selected);
        table_->scrollToItem(table_->item(selected, ColName));
    }
    filling_ = false;
    updateButtons();
}

void LevelsPanel::showSensitivity() {
    const int value = static_cast<int>(std::lround(doc_.levelSettings().sensitivity * 100));
    if (value != slider_->value() && !debounce_->isActive()) {
        const QSignalBlocker block(slider_);
        slider_->setValue(value);
        sliderValue_->setText(QString::number(value));
    }
}

void LevelsPanel::fillRow(int row, int zone, const LevelEvent* latest) {
    const LevelAnalysis& a = doc_.levels();
    const Zone& z = a.zones[static_cast<std::size_t>(zone)];
    const double distance = zoneDistancePct(z, a.lastClose);
    const QString name = toQString(z.name.empty() ? formatPrice(z.price) : z.name);
    auto* nameItem = new SortItem(name, z.price);
    nameItem->setData(kZoneIdRole, toQString(z.id));
    auto* kind =
        new SortItem(toQString(levelKindName(z.kind)), z.kind == LevelKind::Support ? 0 : 1);
    kind->setForeground(LevelOverlay::zoneColor(z, theme_));
    const std::array<QTableWidgetItem*, ColumnCount> items{
        nameItem,
        new SortItem(toQString(formatPrice(z.price)), z.price),
        kind,
        new SortItem(QString::number(z.touches.size()), double(z.touches.size())),
        new SortItem(QString::number(std::lround(z.strength)), z.strength),
        new SortItem(toQString(zoneDistanceText(z, a.lastClose)), distance),
        new SortItem(latest ? retestCellText(*latest) : QString(),
                     latest ? static_cast<double>(latest->day) : 0),
        new SortItem(z.flipped ? tr("yes") : QString(), z.flipped ? 1 : 0),
        new SortItem(z.manual ? tr("yes") : QString(), z.manual ? 1 : 0),
    };
    const QString tip = LevelOverlay::describeZone(z);
    for (int c = 0; c < ColumnCount; ++c) {
        items[static_cast<std::size_t>(c)]->setToolTip(
            c == ColRetest && latest ? toQString(latest->description()) : tip);
        if (c != ColName && c != ColKind) {
            items[static_cast<std::size_t>(c)]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        table_->setItem(row, c, items[static_cast<std::size_t>(c)]);
    }
}

std::string LevelsPanel::zoneIdAtRow(int row) const {
    const QTableWidgetItem* item = table_->item(row, ColName);
    return item != nullptr ? toUtf8(item->data(kZoneIdRole).toString()) : std::string();
}

int LevelsPanel::zoneAtRow(int row) const {
    return doc_.zoneIndex(zoneIdAtRow(row));
}

int LevelsPanel::rowOfZone(int zone) const {
    for (int row = 0; row < table_->rowCount(); ++row) {
        if (zone >= 0 && zoneAtRow(row) == zone && !table_->isRowHidden(row)) {
            return row;
        }
    }
    return -1;
}

bool LevelsPanel::selectZone(int zone) {
    const int row = rowOfZone(zone);
    if (row < 0) {
        return false;
    }
    doc_.selectLevel(zoneIdAtRow(row), true);
    return true;
}

void LevelsPanel::onSelectionChanged() {
    if (filling_) {
        return;
    }
    const QList<QTableWidgetItem*> selected = table_->selectedItems();
    doc_.selectLevel(selected.isEmpty() ? std::string() : zoneIdAtRow(selected.front()->row()),
                     !selected.isEmpty());
}

void LevelsPanel::onSliderMoved(int value) {
    sliderValue_->setText(QString::number(value));
    debounce_->start();
}

void LevelsPanel::flushSensitivity() {
    debounce_->stop();
    doc_.setSensitivity(slider_->value() / 100.0);
}

QString LevelsPanel::stateLine() const {
    return state_->text();
}

bool LevelsPanel::addLevel(double price, const QString& label, bool quiet) {
    const auto id = doc_.addManualLevel(price, label.trimmed());
    if (!id) {
        if (!quiet) {
            QMessageBox::warning(this, tr("Add level"),
                                 tr("Cannot add the level: %1").arg(toQString(id.error().message)));
        }
        return false;
    }
    selectManualLevel(doc_.resolveManualId(*id));
    return true;
}

std::optional<LevelsPanel::LevelInput> LevelsPanel::askLevel(const QString& title,
                                                             const LevelInput& initial) {
    if (prompt_) {
        return prompt_(title, initial);
    }
    QDialog dialog(this);
    dialog.setWindowTitle(title);
    auto* form = new QFormLayout(&dialog);
    auto* price = new QDoubleSpinBox(&dialog);
    price->setDecimals(initial.price > 0 ? priceDecimals(initial.price) : 2);
    price->setRange(0.0001, 1e9);
    price->setValue(initial.price > 0 ? initial.price : 1.0);
    auto* label = new QLineEdit(initial.label, &dialog);
    label->setPlaceholderText(tr("optional, e.g. \"2022 low\""));
    form->addRow(tr("Price"), price);
    form->addRow(tr("Label"), label);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(box);
    connect(box, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return LevelInput{price->value(), label->text()};
}

void LevelsPanel::promptAddLevel() {
    if (const auto input = askLevel(tr("Add level"), {doc_.levels().lastClose, QString()})) {
        addLevel(input->price, input->label);
    }
}

bool LevelsPanel::editSelectedLevel() {
    const QList<QTableWidgetItem*> selected = table_->selectedItems();
    const std::int64_t id =
        manualLevelId(selected.isEmpty() ? -1 : zoneAtRow(selected.front()->row()));
    const auto& levels = doc_.manualLevels();
    const auto it = std::find_if(levels.begin(), levels.end(),
                                 [id](const ManualLevel& m) { return m.id == id; });
    if (id == 0 || it == levels.end()) {
        return false;
    }
    const auto input = askLevel(tr("Edit level"), {it->price, toQString(it->label)});
    if (!input) {
        return false;
    }
    const auto edited = doc_.editManualLevel(id, input->price, input->label);
    if (!edited) {
        QMessageBox::warning(
            this, tr("Edit level"),
            tr("Cannot change the level: %1").arg(toQString(edited.error().message)));
        return false;
    }
    selectManualLevel(id);  // keep it selected at its new price
    return true;
}

void LevelsPanel::selectManualLevel(std::int64_t id) {
    // The analysis may still be running (the window computes in the background): a manual
    // level's zone is "M<id>" unless it merged into a detected zone already listed.
    std::string zoneId = "M" + std::to_string(id);
    for (const Zone& z : doc_.levels().zones) {
        if (z.manualId == id) {
            zoneId = z.id;
        }
    }
    doc_.selectLevel(zoneId);
}

std::int64_t LevelsPanel::manualLevelId(int zone) const {
    const auto& zones = doc_.levels().zones;
    if (zone < 0 || zone >= static_cast<int>(zones.size())) {
        return 0;
    }
    return zones[static_cast<std::size_t>(zone)].manualId;
}

bool LevelsPanel::removeSelectedLevel() {
    const QList<QTableWidgetItem*> selected = table_->selectedItems();
    const std::int64_t id =
        manualLevelId(selected.isEmpty() ? -1 : zoneAtRow(selected.front()->row()));
    if (id == 0) {
        return false;
    }
    doc_.selectLevel({});
    const auto removed = doc_.removeManualLevel(id);
    if (!removed) {
        QMessageBox::warning(
            this, tr("Remove level"),
            tr("Cannot remove the level: %1").arg(toQString(removed.error().message)));
        return false;
    }
    return true;
}

void LevelsPanel::updateButtons() {
    addButton_->setEnabled(!doc_.bars().empty());
    const QList<QTableWidgetItem*> selected = table_->selectedItems();
    const int zone = selected.isEmpty() ? -1 : zoneAtRow(selected.front()->row());
    removeButton_->setEnabled(manualLevelId(zone) != 0);
}

}  // namespace retest::ui
