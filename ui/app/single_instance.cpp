#include "ui/app/single_instance.h"

#include <unistd.h>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <memory>
#include <optional>

namespace retest::ui {

namespace {

// One JSON object per connection, ended by a newline; the answer is "ok\n".
QByteArray encode(const HandOffRequest& r) {
    QJsonObject o;
    o.insert(QStringLiteral("files"), QJsonArray::fromStringList(r.files));
    o.insert(QStringLiteral("import"), r.importDialog);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<HandOffRequest> decode(const QByteArray& line) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        return std::nullopt;
    }
    HandOffRequest r;
    for (const QJsonValue v : doc.object().value(QStringLiteral("files")).toArray()) {
        if (v.isString()) {
            r.files << v.toString();
        }
    }
    r.importDialog = doc.object().value(QStringLiteral("import")).toBool();
    return r;
}

constexpr qint64 kMaxRequestBytes = 1 << 20;

}  // namespace

SingleInstance::SingleInstance(QString serverName, QObject* parent)
    : QObject(parent), name_(std::move(serverName)) {}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString& databasePath) {
    const QByteArray key = QFileInfo(databasePath).absoluteFilePath().toUtf8();
    const QByteArray hash =
        QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(12);
    return QStringLiteral("retest-%1-%2").arg(::getuid()).arg(QString::fromLatin1(hash));
}

bool SingleInstance::handOff(const HandOffRequest& request, int timeoutMs) const {
    QLocalSocket socket;
    socket.connectToServer(name_);
    if (!socket.waitForConnected(timeoutMs)) {
        return false;
    }
    socket.write(encode(request));
    if (!socket.waitForBytesWritten(timeoutMs)) {
        return false;
    }
    QByteArray answer;
    while (!answer.contains('\n')) {
        if (!socket.waitForReadyRead(timeoutMs)) {
            return false;
        }
        answer += socket.readAll();
    }
    return answer.startsWith("ok\n");
}

bool SingleInstance::listen() {
    if (server_ != nullptr && server_->isListening()) {
        return true;
    }
    // A live instance answers: leave its socket alone. (listen() alone would not tell: with
    // UserAccessOption Qt binds elsewhere and renames the socket over the existing one.)
    QLocalSocket probe;
    probe.connectToServer(name_);
    if (probe.waitForConnected(500)) {
        probe.abort();
        error_ = tr("another Retest window already answers on %1").arg(name_);
        return false;
    }
    // Nobody answers: any socket file left is from an instance that crashed.
    QLocalServer::removeServer(name_);
    delete server_;
    server_ = new QLocalServer(this);
    // Only this user may hand files to this user's window.
    server_->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server_->listen(name_)) {
        error_ = server_->errorString();
        return false;
    }
    connect(server_, &QLocalServer::newConnection, this, &SingleInstance::acceptConnection);
    error_.clear();
    return true;
}

bool SingleInstance::isListening() const {
    return server_ != nullptr && server_->isListening();
}

void SingleInstance::acceptConnection() {
    while (QLocalSocket* socket = server_->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QLocalSocket::readyRead, this, [this, socket, buffer] {
            *buffer += socket->readAll();
            if (buffer->size() > kMaxRequestBytes) {
                socket->abort();
                return;
            }
            const qsizetype eol = buffer->indexOf('\n');
            if (eol < 0) {
                return;
            }
            const auto request = decode(buffer->left(eol));
            socket->write(request ? "ok\n" : "error\n");
            socket->flush();
            socket->disconnectFromServer();
            if (request) {
                Q_EMIT requestReceived(*request);
            }
        });
    }
}

}  // namespace retest::ui
