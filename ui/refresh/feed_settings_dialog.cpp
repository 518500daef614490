// FeedSettingsDialog. The mapping table has one row per user symbol with a column per
// provider; an empty cell means "use the built-in rule", so only real overrides are stored.
#include "ui/refresh/feed_settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <set>

namespace retest::ui {
namespace {

QString cell(const QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool isWebAddress(const QString& text) {
    const QUrl url(text.trimmed());
    return url.isValid() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
           !url.host().isEmpty();
}

}  // namespace

FeedSettingsDialog::FeedSettingsDialog(const FeedSettings& settings, QWidget* parent)
    : QDialog(parent),
      base_(settings),
      provider_(new QComboBox(this)),
      yahooUrl_(new QLineEdit(this)),
      stooqUrl_(new QLineEdit(this)),
      mapping_(new QTableWidget(0, 3, this)),
      error_(new QLabel(this)) {
    setWindowTitle(tr("Price feed settings"));
    provider_->addItem(tr("Yahoo Finance"), QStringLiteral("yahoo"));
    provider_->addItem(tr("Stooq"), QStringLiteral("stooq"));
    mapping_->setHorizontalHeaderLabels({tr("Symbol"), tr("Yahoo symbol"), tr("Stooq symbol")});
    mapping_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    mapping_->verticalHeader()->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("&Provider:"), provider_);
    form->addRow(tr("&Yahoo address:"), yahooUrl_);
    form->addRow(tr("&Stooq address:"), stooqUrl_);

    auto* add = new QPushButton(tr("&Add mapping"), this);
    auto* remove = new QPushButton(tr("&Remove mapping"), this);
    connect(add, &QPushButton::clicked, this, [this] { addMappingRow(); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (mapping_->currentRow() >= 0) {
            mapping_->removeRow(mapping_->currentRow());
        }
    });
    auto* rowButtons = new QHBoxLayout;
    rowButtons->addWidget(add);
    rowButtons->addWidget(remove);
    rowButtons->addStretch();

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &FeedSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FeedSettingsDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &FeedSettingsDialog::restoreDefaults);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(
        tr("Symbol mapping (leave a cell empty for the built-in name; \"-\" means the provider "
           "does not carry the symbol):"),
        this));
    layout->addWidget(mapping_);
    layout->addLayout(rowButtons);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));
    error_->hide();
    layout->addWidget(error_);
    layout->addWidget(buttons);
    load(settings);
}

void FeedSettingsDialog::addMappingRow(const QString& symbol, const QString& yahoo,
                                       const QString& stooq) {
    const int row = mapping_->rowCount();
    mapping_->insertRow(row);
    mapping_->setItem(row, 0, new QTableWidgetItem(symbol));
    mapping_->setItem(row, 1, new QTableWidgetItem(yahoo));
    mapping_->setItem(row, 2, new QTableWidgetItem(stooq));
}

void FeedSettingsDialog::load(const FeedSettings& settings) {
    provider_->setCurrentIndex(settings.provider == Provider::Yahoo ? 0 : 1);
    yahooUrl_->setText(settings.yahooBaseUrl);
    stooqUrl_->setText(settings.stooqBaseUrl);
    mapping_->setRowCount(0);
    std::set<std::string> symbols;
    for (const auto& [provider, table] : settings.overrides) {
        for (const auto& entry : table) {
            symbols.insert(entry.first);
        }
    }
    auto shown = [&](Provider p, const std::string& symbol) {
        const auto it = settings.overrides.find(p);
        if (it == settings.overrides.end() || !it->second.count(symbol)) {
            return QString();
        }
        const std::string& v = it->second.at(symbol);
        return v.empty() ? QStringLiteral("-") : QString::fromStdString(v);
    };
    for (const std::string& s : symbols) {
        addMappingRow(QString::fromStdString(s), shown(Provider::Yahoo, s),
                      shown(Provider::Stooq, s));
    }
}

void FeedSettingsDialog::restoreDefaults() {
    FeedSettings defaults;
    defaults.fetch = base_.fetch;
    defaults.overlapSessions = base_.overlapSessions;
    load(defaults);
}

FeedSettings FeedSettingsDialog::settings() const {
    FeedSettings out = base_;
    out.provider = provider_->currentIndex() == 1 ? Provider::Stooq : Provider::Yahoo;
    out.yahooBaseUrl = yahooUrl_->text().trimmed();
    out.stooqBaseUrl = stooqUrl_->text().trimmed();
    out.overrides.clear();
    for (int row = 0; row < mapping_->rowCount(); ++row) {
        const QString symbol = cell(mapping_, row, 0);
        if (symbol.isEmpty()) {
            continue;
        }
        const Provider providers[] = {Provider::Yahoo, Provider::Stooq};
        for (int column = 1; column <= 2; ++column) {
            const QString value = cell(mapping_, row, column);
            if (!value.isEmpty()) {
                out.overrides[providers[column - 1]][symbol.toStdString()] =
                    value == QLatin1String("-") ? std::string() : value.toStdString();
            }
        }
    }
    return out;
}

void FeedSettingsDialog::accept() {
    for (QLineEdit* edit : {yahooUrl_, stooqUrl_}) {
        if (!isWebAddress(edit->text())) {
            error_->setText(tr("\"%1\" is not an http:// or https:// address.").arg(edit->text()));
            error_->show();
            edit->setFocus();
            return;
        }
    }
    QDialog::accept();
}

}  // namespace retest::ui
