// One Retest window per user and cache: a second launch hands its files to the running window
// over a QLocalSocket and exits; when no running window answers, it starts normally.
#pragma once

#include <QMetaType>
#include <QObject>
#include <QStringList>

class QLocalServer;

namespace retest::ui {

/// What a second launch asks the running window to do.
struct HandOffRequest {
    QStringList files;          ///< absolute paths of CSV files to import
    bool importDialog = false;  ///< open File ▸ Import CSV…
};

}  // namespace retest::ui

Q_DECLARE_METATYPE(retest::ui::HandOffRequest)

namespace retest::ui {

class SingleInstance : public QObject {
    Q_OBJECT

public:
    /// `serverName`: see serverNameFor(); tests pass a unique name of their own.
    explicit SingleInstance(QString serverName, QObject* parent = nullptr);
    ~SingleInstance() override;

    /// The server name for this user and this cache file: two caches, two windows.
    static QString serverNameFor(const QString& databasePath);

    /// Sends `request` to a running instance. True only when it acknowledged within
    /// `timeoutMs`; false when none runs or it does not answer (then start normally).
    bool handOff(const HandOffRequest& request, int timeoutMs = 3000) const;

    /// Starts answering hand-offs. A socket left behind by a crashed instance is removed; a
    /// live instance's is left alone (false, as for any other failure: see errorString()).
    bool listen();
    bool isListening() const;
    QString errorString() const { return error_; }

Q_SIGNALS:
    /// A second launch handed over a request; the window should come to the front.
    void requestReceived(const retest::ui::HandOffRequest& request);

private:
    void acceptConnection();

    QString name_;
    QLocalServer* server_ = nullptr;
    QString error_;
};

}  // namespace retest::ui
