#include "ui/app/about_dialog.h"

#include <sqlite3.h>
#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include "ui/chart/qcp.h"

namespace retest::ui {

namespace {

/// The sample's NOTICE (Markdown), compiled into the binary with the sample itself.
QString sampleNotice() {
    QFile file(QStringLiteral(":/sample/NOTICE.md"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll());
}

/// The NOTICE's few Markdown forms as HTML: paragraphs, "- " lists, `code`; its own
/// "# " title gives way to the box's "Data" heading.
QString noticeHtml(const QString& markdown) {
    QString html;
    for (const QString& block : markdown.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
        const QString trimmed = block.trimmed();
        if (trimmed.startsWith(QLatin1String("# "))) {
            continue;
        }
        QStringList items;
        for (const QString& line : trimmed.split(QLatin1Char('\n'))) {
            if (line.startsWith(QLatin1String("- ")) || items.isEmpty()) {
                items << line.mid(line.startsWith(QLatin1String("- ")) ? 2 : 0).trimmed();
            } else {
                items.back() += QLatin1Char(' ') + line.trimmed();
            }
        }
        const bool list = trimmed.startsWith(QLatin1String("- "));
        html += list ? QStringLiteral("<ul>") : QString();
        for (QString item : items) {
            item = item.toHtmlEscaped();
            // `code` → <code>code</code>, pairwise.
            for (bool open = true; item.contains(QLatin1Char('`')); open = !open) {
                item.replace(item.indexOf(QLatin1Char('`')), 1,
                             open ? QStringLiteral("<code>") : QStringLiteral("</code>"));
            }
            html += list ? QStringLiteral("<li>") + item + QStringLiteral("</li>")
                         : QStringLiteral("<p>") + item + QStringLiteral("</p>");
        }
        html += list ? QStringLiteral("</ul>") : QString();
    }
    return html;
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
        text += noticeHtml(notice);
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
