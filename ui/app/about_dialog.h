// Help ▸ About Retest: the version `retest --version` prints, the licences of the libraries
// Retest is built on, and the notice of the bundled sample data.
#pragma once

#include <QString>

class QWidget;

namespace retest::ui {

/// The About box's rich text: version, GPL, Qt/QCustomPlot/SQLite licences, data notice.
QString aboutText();

/// Shows the About box over `parent`.
void showAboutDialog(QWidget* parent);

}  // namespace retest::ui
