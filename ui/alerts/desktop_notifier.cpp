#include "ui/alerts/desktop_notifier.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

#ifdef RETEST_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QVariantMap>
#endif

namespace retest::ui {

namespace {

#ifdef RETEST_HAVE_DBUS
bool notifyDBus(const QString& title, const QString& body) {
    QDBusConnection bus = QDBusConnection::sessionBus();
    const QString service = QStringLiteral("org.freedesktop.Notifications");
    if (!bus.isConnected() || bus.interface() == nullptr ||
        !bus.interface()->isServiceRegistered(service).value()) {
        return false;
    }
    QDBusMessage m =
        QDBusMessage::createMethodCall(service, QStringLiteral("/org/freedesktop/Notifications"),
                                       service, QStringLiteral("Notify"));
    m << QStringLiteral("Retest") << 0U << QStringLiteral("dialog-information") << title << body
      << QStringList() << QVariantMap() << 10000;
    return bus.send(m);
}
#endif

}  // namespace

DesktopNotifier::DesktopNotifier(QObject* parent) : QObject(parent) {}

DesktopNotifier::Channel DesktopNotifier::notify(const QString& title, const QString& body) {
#ifdef RETEST_HAVE_DBUS
    if (notifyDBus(title, body)) {
        return Channel::FreedesktopDBus;
    }
#endif
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (tray_ == nullptr) {
            tray_ = new QSystemTrayIcon(
                QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation), this);
            tray_->setToolTip(QStringLiteral("Retest"));
        }
        tray_->show();
        tray_->showMessage(title, body, QSystemTrayIcon::Information, 10000);
        return Channel::SystemTray;
    }
    return Channel::None;
}

}  // namespace retest::ui
