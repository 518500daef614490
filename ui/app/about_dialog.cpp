#include "ui/app/about_dialog.h"

#include <sqlite3.h>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include "ui/chart/qcp.h"

namespace retest::ui {

namespace {

/// The sample's NOTICE, compiled into the binary with the sample itself.
QString sampleNotice() {
    QFile file(QStringLiteral(":/sample/NOTICE.md"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

}  // namespace

QString aboutText() {
    const QString notice = sampleNotice();
    QString text =
        QApplication::tr(
            "<h3>Retest %1</h3>"
            "<p>Price charts with support and resistance zones, breakouts and retests.</p>"
            "<p>Copyright © 2026 The Retest authors. Retest is free software under the "
            "<a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GNU General Public License, "
            "version 3 or later</a>; it comes with no warranty.</p>"
            "<p><b>Built on</b></p><ul>"
            "<li>Qt %2 (running %3): LGPL-3.0-only or GPL-2.0/3.0, "
            "<a href=\"https://www.qt.io/licensing/\">qt.io/licensing</a></li>"
            "<li>QCustomPlot %4: GPL-3.0-or-later, "
            "<a href=\"https://www.qcustomplot.com/\">qcustomplot.com</a></li>"
            "<li>SQLite %5: public domain, "
            "<a href=\"https://www.sqlite.org/copyright.html\">sqlite.org/copyright</a></li>"
            "</ul>")
            .arg(QApplication::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion()), QStringLiteral(QCUSTOMPLOT_VERSION_STR),
                 QString::fromLatin1(sqlite3_libversion()));
    text += QApplication::tr("<p><b>Data</b></p>");
    if (notice.isEmpty()) {
        text += QApplication::tr(
            "<p>Bundled sample: S&amp;P 500 daily bars 2000–2020 from Yahoo Finance via "
            "vega-datasets 3.2.1 (BSD-3-Clause).</p>");
    } else {
        text += QStringLiteral("<pre style=\"white-space: pre-wrap\">") + notice.toHtmlEscaped() +
                QStringLiteral("</pre>");
    }
    text += QApplication::tr(
        "<p>Prices fetched online come from Yahoo Finance or Stooq, for personal use under "
        "their terms.</p>");
    return text;
}

void showAboutDialog(QWidget* parent) {
    QMessageBox box(parent);
    box.setWindowTitle(QApplication::tr("About Retest"));
    box.setIconPixmap(QApplication::windowIcon().pixmap(96, 96));
    box.setTextFormat(Qt::RichText);
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    box.setText(aboutText());
    box.setStandardButtons(QMessageBox::Ok);
    box.exec();
}

}  // namespace retest::ui
