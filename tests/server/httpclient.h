#pragma once

// HttpClient: a blocking HTTP/1.1 client for the REST tests, one connection per request,
// on a QTcpSocket of the calling thread. Each request waits at most 10 s; a request that
// gets no whole answer has status 0.
//
// Not QNetworkAccessManager: it hands every request to a thread of its own under Qt's
// locks, which ThreadSanitizer cannot see, so the threaded server tests would stop on
// Qt's handover instead of checking the server.

#include <QByteArray>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <utility>

namespace Stockroom::Test {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names in lower case

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    // The problem's type without its "urn:stockroom:problem:" prefix.
    QString problem() const;
};

class HttpClient
{
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    explicit HttpClient(QUrl base);

    // Sends a request with an optional bearer token; a body is sent as application/json
    // unless headers name another Content-Type.
    HttpResult send(const QByteArray &method,
                    const QString &pathAndQuery,
                    const QString &token = {},
                    const QByteArray &body = {},
                    Headers headers = {});
    HttpResult get(const QString &pathAndQuery, const QString &token = {})
    {
        return send("GET", pathAndQuery, token);
    }
    // A POST with a fresh Idempotency-Key.
    HttpResult post(const QString &path, const QString &token, const QJsonObject &body);

private:
    QUrl m_base;
    int m_keys = 0;
};

} // namespace Stockroom::Test
