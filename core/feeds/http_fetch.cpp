// HttpFetch: QNetworkReply handling. Qt reports transport failures (codes below 200) and
// HTTP statuses through the same error(); they are told apart so the user hears the right
// story (offline vs. server error vs. a cut-off answer).
#include "core/feeds/http_fetch.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <algorithm>
#include <utility>

#include "core/model/bounded_file.h"

namespace retest {
namespace {

bool isRetryable(int status) {
    return status == 429 || (status >= 500 && status <= 599);
}

std::string httpText(int status, const QString& reason) {
    std::string text = "HTTP " + std::to_string(status);
    if (!reason.isEmpty()) {
        text += ' ';  // appended apart: `" " + std::string` trips GCC 12's -Wrestrict at -O3
        text += reason.toStdString();
    }
    return text;
}

std::string duration(int ms) {
    return ms < 1000 || ms % 1000 != 0 ? std::to_string(ms) + " ms"
                                       : std::to_string(ms / 1000) + " s";
}

std::string transportText(const QNetworkReply& reply, const FetchPolicy& policy, qint64 received) {
    switch (reply.error()) {
        case QNetworkReply::OperationCanceledError:  // what setTransferTimeout() produces
        case QNetworkReply::TimeoutError:
            return "no answer within " + duration(policy.timeoutMs) + " (timed out)";
        case QNetworkReply::RemoteHostClosedError:
            return received > 0 ? "connection closed before the whole answer arrived (got " +
                                      std::to_string(received) + " bytes)"
                                : "connection closed by the server without an answer";
        case QNetworkReply::HostNotFoundError:
            return "host " + reply.url().host().toStdString() + " not found (offline?)";
        case QNetworkReply::ConnectionRefusedError:
            return "connection refused by " + reply.url().host().toStdString();
        default:
            return "network error: " + reply.errorString().toStdString();
    }
}

/// The body length the server announced, or -1 when unknown or compressed (Qt inflates
/// gzip bodies, so their size differs from Content-Length).
qint64 announcedLength(const QNetworkReply& reply) {
    const QByteArray encoding = reply.rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        return -1;
    }
    const QVariant length = reply.header(QNetworkRequest::ContentLengthHeader);
    return length.isValid() ? length.toLongLong() : -1;
}

}  // namespace

std::optional<qint64> parseRetryAfterMs(const QByteArray& value, const QDateTime& now) {
    const QByteArray text = value.trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    const bool digits =
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) {
        // Any number of digits: more than 9 is beyond every cap, so saturate instead of parsing.
        constexpr qint64 kSaturated = qint64{1} << 40;
        return text.size() > 9 ? kSaturated : text.toLongLong() * 1000;
    }
    // HTTP dates end in "GMT" (RFC 9110 IMF-fixdate), which Qt's RFC 2822 parser wants as
    // a numeric offset.
    QString date = QString::fromLatin1(text);
    if (date.endsWith(QLatin1String(" GMT")) || date.endsWith(QLatin1String(" UTC"))) {
        date = date.left(date.size() - 4) + QLatin1String(" +0000");
    }
    const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
    if (!when.isValid()) {
        return std::nullopt;
    }
    return std::max<qint64>(0, now.msecsTo(when));
}

int retryDelayMs(const FetchPolicy& policy, int retry, std::optional<qint64> retryAfterMs) {
    const qint64 cap = std::max(policy.maxRetryAfterMs, 0);
    if (retryAfterMs) {
        return static_cast<int>(std::clamp<qint64>(*retryAfterMs, 0, cap));
    }
    const int shift = std::clamp(retry - 1, 0, 16);
    return static_cast<int>(std::min<qint64>(qint64{policy.backoffBaseMs} << shift, cap));
}

HttpFetch::HttpFetch(QNetworkAccessManager& network, QUrl url, FetchPolicy policy, Done done,
                     QObject* parent)
    : QObject(parent),
      network_(network),
      url_(std::move(url)),
      policy_(std::move(policy)),
      done_(std::move(done)) {}

HttpFetch::~HttpFetch() {
    dropReply();
}

void HttpFetch::dropReply() {
    if (QNetworkReply* reply = std::exchange(reply_, nullptr)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HttpFetch::fail(FetchOutcome::Failure failure, std::string why) {
    FetchOutcome outcome;
    outcome.failure = failure;
    outcome.attempts = attempts_;
    outcome.error = std::move(why);
    finish(outcome);
}

void HttpFetch::start() {
    attempt();
}

void HttpFetch::attempt() {
    ++attempts_;
    QNetworkRequest request(url_);
    request.setHeader(QNetworkRequest::UserAgentHeader, policy_.userAgent);
    request.setRawHeader("Accept", "application/json,text/csv,text/plain;q=0.9,*/*;q=0.5");
    request.setTransferTimeout(policy_.timeoutMs);
    reply_ = network_.get(request);
    connect(reply_, &QNetworkReply::finished, this, &HttpFetch::onReplyFinished);
    connect(reply_, &QNetworkReply::downloadProgress, this,
            [this](qint64 received, qint64 /*total*/) { onProgress(received); });
    connect(reply_, &QNetworkReply::metaDataChanged, this, [this] {
        if (reply_ && announcedLength(*reply_) > policy_.maxBodyBytes) {
            onProgress(announcedLength(*reply_));
        }
    });
    if (!deadline_) {
        deadline_ = new QTimer(this);
        deadline_->setSingleShot(true);
        connect(deadline_, &QTimer::timeout, this, &HttpFetch::onDeadline);
    }
    deadline_->start(policy_.totalTimeoutMs);
}

void HttpFetch::onProgress(qint64 received) {
    if (received > policy_.maxBodyBytes) {
        stopAttempt(FetchOutcome::Failure::Network,
                    "the answer is larger than the limit of " +
                        byteSizeText(static_cast<std::size_t>(policy_.maxBodyBytes)) + "; refused");
    }
}

void HttpFetch::onDeadline() {
    stopAttempt(FetchOutcome::Failure::Timeout, "no complete answer within " +
                                                    duration(policy_.totalTimeoutMs) +
                                                    " (the server is too slow; timed out)");
}

void HttpFetch::stopAttempt(FetchOutcome::Failure failure, std::string why) {
    if (!reply_) {
        return;
    }
    dropReply();
    if (deadline_) {
        deadline_->stop();
    }
    fail(failure, std::move(why));
}

void HttpFetch::onReplyFinished() {
    QNetworkReply* reply = reply_;
    reply_ = nullptr;
    if (!reply) {
        return;
    }
    reply->deleteLater();
    if (deadline_) {
        deadline_->stop();
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QNetworkReply::NetworkError error = reply->error();
    FetchOutcome outcome;
    outcome.httpStatus = status;
    outcome.attempts = attempts_;
    if (error != QNetworkReply::NoError && (status == 0 || error < 200)) {
        const bool timeout =
            error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError;
        outcome.failure = timeout ? FetchOutcome::Failure::Timeout : FetchOutcome::Failure::Network;
        outcome.error = transportText(*reply, policy_, body.size());
        finish(outcome);
        return;
    }
    if (status >= 200 && status < 300) {
        if (const qint64 expected = announcedLength(*reply); body.size() < expected) {
            // Qt may report a connection closed mid-body as a normal end.
            outcome.failure = FetchOutcome::Failure::Network;
            outcome.error = "connection closed before the whole answer arrived (got " +
                            std::to_string(body.size()) + " of " + std::to_string(expected) +
                            " bytes)";
            finish(outcome);
            return;
        }
        outcome.body = body;
        finish(outcome);
        return;
    }
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    if (isRetryable(status) && attempts_ < policy_.maxAttempts) {
        const QDateTime now = policy_.now ? policy_.now() : QDateTime::currentDateTimeUtc();
        const auto retryAfter = parseRetryAfterMs(reply->rawHeader("Retry-After"), now);
        retryLater(retryDelayMs(policy_, attempts_, retryAfter));
        return;
    }
    outcome.failure = FetchOutcome::Failure::Http;
    outcome.body = body;
    outcome.error = httpText(status, reason);
    if (attempts_ > 1) {
        outcome.error += " after " + std::to_string(attempts_) + " attempts";
    }
    finish(outcome);
}

void HttpFetch::retryLater(int delayMs) {
    if (!backoff_) {
        backoff_ = new QTimer(this);
        backoff_->setSingleShot(true);
        connect(backoff_, &QTimer::timeout, this, &HttpFetch::attempt);
    }
    backoff_->start(policy_.waitBeforeRetry ? policy_.waitBeforeRetry(delayMs) : delayMs);
}

void HttpFetch::abort() {
    if (finished_) {
        return;
    }
    if (backoff_) {
        backoff_->stop();
    }
    if (deadline_) {
        deadline_->stop();
    }
    dropReply();
    fail(FetchOutcome::Failure::Cancelled, "cancelled");
}

void HttpFetch::finish(const FetchOutcome& outcome) {
    if (finished_) {
        return;
    }
    finished_ = true;
    if (done_) {
        done_(outcome);
    }
}

}  // namespace retest
