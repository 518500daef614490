// One HTTP GET with a transfer timeout and bounded retries (exponential backoff on 5xx and
// 429, honouring Retry-After), reporting a single outcome a user can read.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <string>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace retest {

struct FetchPolicy {
    int timeoutMs = 20000;        ///< no byte for this long: give up on the attempt
    int maxAttempts = 3;          ///< attempts in all, first one included
    int backoffBaseMs = 1000;     ///< first retry delay; doubled each time
    int maxRetryAfterMs = 60000;  ///< cap on a server's Retry-After
    int maxInFlight = 3;          ///< concurrent requests of one refresh
    QByteArray userAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0 Safari/537.36";
};

struct FetchOutcome {
    enum class Failure {
        None,       ///< 2xx, body complete
        Http,       ///< the server answered with an error status
        Timeout,    ///< no answer within the policy's timeout
        Network,    ///< no connection (offline, DNS, refused) or connection lost mid-answer
        Cancelled,  ///< abort() was called
    };
    Failure failure = Failure::None;
    int httpStatus = 0;
    QByteArray body;
    int attempts = 0;
    /// e.g. "HTTP 500 Internal Server Error after 3 attempts"; empty on success.
    std::string error;

    bool ok() const { return failure == Failure::None; }
};

/// Runs on the thread's event loop; `done` is called exactly once (also after abort()).
class HttpFetch : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const FetchOutcome&)>;
    HttpFetch(QNetworkAccessManager& network, QUrl url, FetchPolicy policy, Done done,
              QObject* parent = nullptr);
    ~HttpFetch() override;

    void start();
    void abort();
    const QUrl& url() const { return url_; }

private:
    void attempt();
    void onReplyFinished();
    void retryLater(int delayMs);
    void finish(const FetchOutcome& outcome);

    QNetworkAccessManager& network_;
    QUrl url_;
    FetchPolicy policy_;
    Done done_;
    QPointer<QNetworkReply> reply_;
    QTimer* backoff_ = nullptr;
    int attempts_ = 0;
    bool finished_ = false;
};

/// Delay before retry number `retry` (1-based): base * 2^(retry-1), or Retry-After when given.
int retryDelayMs(const FetchPolicy& policy, int retry, int retryAfterSeconds);

}  // namespace retest
