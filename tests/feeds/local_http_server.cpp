// LocalHttpServer: one request per connection (Connection: close), enough for QtNetwork.
#include "tests/feeds/local_http_server.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <memory>

namespace retest::test {

CannedResponse CannedResponse::ok(QByteArray body, QByteArray contentType) {
    CannedResponse r;
    r.body = std::move(body);
    r.contentType = std::move(contentType);
    return r;
}

CannedResponse CannedResponse::withStatus(int code, QByteArray reason, QByteArray body) {
    CannedResponse r;
    r.status = code;
    r.reason = std::move(reason);
    r.body = std::move(body);
    return r;
}

LocalHttpServer::LocalHttpServer() : server_(new QTcpServer(this)) {
    server_->listen(QHostAddress::LocalHost, 0);
    connect(server_, &QTcpServer::newConnection, this, &LocalHttpServer::onNewConnection);
}

LocalHttpServer::~LocalHttpServer() = default;

QString LocalHttpServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:") + QString::number(server_->serverPort());
}

void LocalHttpServer::route(const QString& key, std::vector<CannedResponse> answers) {
    routes_[key] = std::move(answers);
}

void LocalHttpServer::onNewConnection() {
    while (QTcpSocket* socket = server_->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    }
}

void LocalHttpServer::onReadyRead(QTcpSocket* socket) {
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    if (!buffer.contains("\r\n\r\n") || socket->property("seen").toBool()) {
        return;
    }
    socket->setProperty("seen", true);
    const QByteArray target = buffer.left(buffer.indexOf("\r\n")).split(' ').value(1);
    requests_.append(QString::fromLatin1(target));
    const QUrl url(QString::fromLatin1(target));
    QString key = url.path(QUrl::FullyDecoded);
    const QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("s"))) {
        key +=
            QStringLiteral("?s=") + query.queryItemValue(QStringLiteral("s"), QUrl::FullyDecoded);
    }
    const int hit = hits_[key]++;
    CannedResponse response = CannedResponse::withStatus(404, "Not Found");
    if (auto it = routes_.find(key); it != routes_.end() && !it->empty()) {
        response = it->at(std::min<std::size_t>(static_cast<std::size_t>(hit), it->size() - 1));
    }
    ++pending_;
    maxConcurrent_ = std::max(maxConcurrent_, pending_);
    if (response.mode == CannedResponse::Mode::Stall) {
        return;  // the client's transfer timeout (or abort) ends it
    }
    QTimer::singleShot(response.delayMs, socket,
                       [this, socket, response] { answer(socket, response); });
}

void LocalHttpServer::answer(QTcpSocket* socket, const CannedResponse& response) {
    --pending_;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + response.reason +
                      "\r\nContent-Type: " + response.contentType + "\r\n";
    if (response.mode != CannedResponse::Mode::Endless) {
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    }
    head += "Connection: close\r\n";
    for (const auto& [name, value] : response.headers) {
        head += name + ": " + value + "\r\n";
    }
    head += "\r\n";
    socket->write(head);
    if (response.mode == CannedResponse::Mode::Drip ||
        response.mode == CannedResponse::Mode::Endless) {
        stream(socket, response);
        return;
    }
    if (response.mode == CannedResponse::Mode::Truncated) {
        socket->write(response.body.left(response.body.size() / 2));
    } else {
        socket->write(response.body);
    }
    socket->disconnectFromHost();
}

void LocalHttpServer::stream(QTcpSocket* socket, const CannedResponse& response) {
    auto* timer = new QTimer(socket);  // dies with the socket
    const bool endless = response.mode == CannedResponse::Mode::Endless;
    const QByteArray chunk(qsizetype{64} * 1024,
                           response.body.isEmpty() ? ' ' : response.body.at(0));
    auto sent = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [socket, timer, response, chunk, endless, sent] {
        if (socket->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        if (endless) {
            if (socket->bytesToWrite() < 4 * chunk.size()) {  // do not buffer without bound
                socket->write(chunk);
            }
            return;
        }
        if (*sent >= response.body.size()) {
            timer->stop();
            socket->disconnectFromHost();
            return;
        }
        socket->write(response.body.mid((*sent)++, 1));
    });
    timer->start(endless ? 1 : response.intervalMs);
}

}  // namespace retest::test
