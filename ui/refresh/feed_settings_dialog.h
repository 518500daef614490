// Settings of the online price feeds: provider, base URLs and the user's symbol mapping.
#pragma once

#include <QDialog>

#include "core/feeds/feed_refresher.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace retest::ui {

class FeedSettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit FeedSettingsDialog(const FeedSettings& settings, QWidget* parent = nullptr);

    /// The edited settings (fetch policy and overlap are kept from the input).
    FeedSettings settings() const;

    QComboBox* providerBox() const { return provider_; }
    QLineEdit* yahooUrlEdit() const { return yahooUrl_; }
    QLineEdit* stooqUrlEdit() const { return stooqUrl_; }
    QTableWidget* mappingTable() const { return mapping_; }
    /// Why OK was refused (an invalid address); hidden otherwise.
    QLabel* errorLabel() const { return error_; }
    /// Appends an empty mapping row (the "Add" button).
    void addMappingRow(const QString& symbol = {}, const QString& yahoo = {},
                       const QString& stooq = {});

    /// OK: refused (with errorLabel() shown) while an address is not http(s).
    void accept() override;

private:
    void load(const FeedSettings& settings);
    void restoreDefaults();

    FeedSettings base_;
    QComboBox* provider_;
    QLineEdit* yahooUrl_;
    QLineEdit* stooqUrl_;
    QTableWidget* mapping_;
    QLabel* error_;
};

}  // namespace retest::ui
