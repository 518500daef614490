// A desktop notification for a fired alert: freedesktop notifications over D-Bus when a
// notification server answers, else a QSystemTrayIcon message where a tray exists.
#pragma once

#include <QObject>
#include <QString>

class QSystemTrayIcon;

namespace retest::ui {

class DesktopNotifier : public QObject {
    Q_OBJECT

public:
    enum class Channel { None, FreedesktopDBus, SystemTray };

    explicit DesktopNotifier(QObject* parent = nullptr);

    /// Shows `title`/`body`; the channel used (None: nowhere to show it, the dock still does).
    Channel notify(const QString& title, const QString& body);

private:
    QSystemTrayIcon* tray_ = nullptr;
};

}  // namespace retest::ui
