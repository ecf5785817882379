#pragma once

// HttpCall and HttpReply: one HTTP request and its answer as the REST API sees them,
// apart from the sockets that carry them (RestServer's).

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <expected>

namespace Stockroom::Sync {

struct HttpCall
{
    QByteArray method; // upper case: GET, POST, ...
    QString path;      // percent-encoded as sent, without the query (RestApi decodes each
                       // segment after splitting)
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

struct HttpReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
};

// A value read from a request, or the reply that says what is wrong with it.
template<typename T>
using Parsed = std::expected<T, HttpReply>;

} // namespace Stockroom::Sync
