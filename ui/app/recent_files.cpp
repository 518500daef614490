#include "ui/app/recent_files.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace retest::ui {

namespace {

const QString kKey = QStringLiteral("recent/files");

}  // namespace

RecentFiles::RecentFiles(QSettings& settings, QObject* parent)
    : QObject(parent), settings_(settings), menu_(new QMenu(tr("Open &Recent"))) {
    menu_->setObjectName(QStringLiteral("RecentFilesMenu"));
    // Files can vanish while the window is open: list what exists each time the menu opens.
    connect(menu_, &QMenu::aboutToShow, this, &RecentFiles::rebuildMenu);
    rebuildMenu();
}

RecentFiles::~RecentFiles() {
    delete menu_;
}

QStringList RecentFiles::files() const {
    return settings_.value(kKey).toStringList();
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxFiles) {
        list.removeLast();
    }
    save(list);
}

void RecentFiles::clear() {
    save({});
}

void RecentFiles::save(const QStringList& list) {
    settings_.setValue(kKey, list);
    settings_.sync();
    // Queued: add() and clear() run from one of the menu's own actions, which must outlive
    // their triggered() signal.
    QMetaObject::invokeMethod(this, &RecentFiles::rebuildMenu, Qt::QueuedConnection);
}

void RecentFiles::rebuildMenu() {
    menu_->clear();
    int n = 0;
    for (const QString& path : files()) {
        if (!QFileInfo::exists(path)) {
            continue;
        }
        ++n;
        // "&" in a file name is shown as written, not as a shortcut letter.
        const QString name =
            QFileInfo(path).fileName().replace(QLatin1Char('&'), QStringLiteral("&&"));
        const QString label = n < 10 ? QStringLiteral("&%1 %2").arg(n).arg(name) : name;
        QAction* a = menu_->addAction(label);
        a->setData(path);
        a->setStatusTip(path);
        a->setToolTip(path);
        // Queued: the import that follows opens dialogs and rebuilds this very menu.
        connect(a, &QAction::triggered, this, [this, path] {
            QMetaObject::invokeMethod(
                this, [this, path] { Q_EMIT fileChosen(path); }, Qt::QueuedConnection);
        });
    }
    if (n == 0) {
        menu_->addAction(tr("No recent files"))->setEnabled(false);
    }
    menu_->addSeparator();
    QAction* clearAction = menu_->addAction(tr("&Clear Menu"));
    clearAction->setEnabled(n > 0);
    connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
}

}  // namespace retest::ui
