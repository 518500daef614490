// One HTTP GET with a transfer timeout and bounded retries (exponential backoff on 5xx and
// 429, honouring Retry-After), reporting a single outcome a user can read.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>
#include <string>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace retest {

struct FetchPolicy {
    int timeoutMs = 20000;        ///< no byte for this long: give up on the attempt
    int totalTimeoutMs = 120000;  ///< one attempt may take at most this long, even if bytes
                                  ///< keep dripping in (a server sending a byte every 5 s)
    qint64 maxBodyBytes = qint64{64} << 20;  ///< a longer answer is cut off and refused
    int maxAttempts = 3;                     ///< attempts in all, first one included
    int backoffBaseMs = 1000;                ///< first retry delay; doubled each time
    int maxRetryAfterMs = 60000;             ///< cap on a server's Retry-After
    int maxInFlight = 3;                     ///< concurrent requests of one refresh
    /// Turns a retry delay into the time actually waited; tests inject one that records the
    /// delay and returns 0 instead of sleeping. Empty: wait the delay.
    std::function<int(int delayMs)> waitBeforeRetry;
    /// The current time, for Retry-After given as an HTTP date. Empty: the real clock.
    std::function<QDateTime()> now;
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
    void onProgress(qint64 received);
    void onDeadline();
    /// Ends the running attempt with `failure` (after a deadline or an oversized body).
    void stopAttempt(FetchOutcome::Failure failure, std::string why);
    /// Forgets the request under way, if any: aborted, deleted later, and silent.
    void dropReply();
    void fail(FetchOutcome::Failure failure, std::string why);
    void retryLater(int delayMs);
    void finish(const FetchOutcome& outcome);

    QNetworkAccessManager& network_;
    QUrl url_;
    FetchPolicy policy_;
    Done done_;
    QPointer<QNetworkReply> reply_;
    QTimer* backoff_ = nullptr;
    QTimer* deadline_ = nullptr;
    int attempts_ = 0;
    bool finished_ = false;
};

/// A Retry-After header as milliseconds from `now`: delay-seconds ("120", any size without
/// overflow) or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"; a past date is 0). nullopt
/// when absent or unreadable.
std::optional<qint64> parseRetryAfterMs(const QByteArray& value, const QDateTime& now);

/// Delay before retry number `retry` (1-based): base * 2^(retry-1), or the server's
/// Retry-After when given; both capped at policy.maxRetryAfterMs.
int retryDelayMs(const FetchPolicy& policy, int retry, std::optional<qint64> retryAfterMs);

}  // namespace retest
