// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the OS) serving canned answers in
// sequence per route, so feed tests exercise the real QtNetwork path without the internet.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <vector>

class QTcpServer;
class QTcpSocket;

namespace retest::test {

struct CannedResponse {
    enum class Mode {
        Normal,
        Truncated,  ///< announce the whole body's Content-Length, send half, close
        Stall,      ///< accept the request and never answer
        Drip,       ///< send the body one byte every `intervalMs` (a slow-drip server)
        Endless,    ///< send 64 KiB chunks of the body's first byte without end
    };
    int status = 200;
    QByteArray reason = "OK";
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Mode mode = Mode::Normal;
    int delayMs = 0;      ///< wait before answering (to observe concurrency)
    int intervalMs = 50;  ///< Drip: between bytes; Endless: between chunks

    static CannedResponse ok(QByteArray body, QByteArray contentType = "application/json");
    static CannedResponse withStatus(int code, QByteArray reason, QByteArray body = {});
};

class LocalHttpServer : public QObject {
    Q_OBJECT
public:
    LocalHttpServer();
    ~LocalHttpServer() override;

    /// "http://127.0.0.1:PORT"
    QString baseUrl() const;

    /// Answers for a route, one per request, the last one repeated. A route is the decoded
    /// path, plus "?s=VALUE" when the query has an `s` item (Stooq): "/v8/finance/chart/^GSPC",
    /// "/q/d/l/?s=^spx". Unknown routes get a 404 with an empty body.
    void route(const QString& key, std::vector<CannedResponse> answers);

    /// Every request target received ("/path?query", still encoded), in arrival order.
    QStringList requests() const { return requests_; }
    int hits(const QString& key) const { return hits_.value(key); }
    /// The largest number of requests waiting for an answer at the same time.
    int maxConcurrent() const { return maxConcurrent_; }

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket* socket);
    void answer(QTcpSocket* socket, const CannedResponse& response);
    /// Drip and Endless: keeps writing on a timer until the client goes away.
    void stream(QTcpSocket* socket, const CannedResponse& response);

    QTcpServer* server_;
    QMap<QString, std::vector<CannedResponse>> routes_;
    QMap<QString, int> hits_;
    QStringList requests_;
    int pending_ = 0;
    int maxConcurrent_ = 0;
};

}  // namespace retest::test
