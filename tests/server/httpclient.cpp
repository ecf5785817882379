#include "httpclient.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QUuid>

#include <algorithm>

namespace Stockroom::Test {

namespace {

constexpr int waitMs = 10000;

} // namespace

QString HttpResult::problem() const
{
    return json()
        .value(QStringLiteral("type"))
        .toString()
        .remove(QStringLiteral("urn:stockroom:problem:"));
}

HttpClient::HttpClient(QUrl base)
    : m_base(std::move(base))
{}

HttpResult HttpClient::send(const QByteArray &method,
                            const QString &pathAndQuery,
                            const QString &token,
                            const QByteArray &body,
                            Headers headers)
{
    const QUrl url = m_base.resolved(QUrl(pathAndQuery));
    QByteArray request = method + ' '
                         + url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority
                                         | QUrl::RemoveFragment)
                         + " HTTP/1.1\r\nHost: " + url.host().toLatin1() + ':'
                         + QByteArray::number(url.port()) + "\r\nConnection: close\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token.toLatin1() + "\r\n";
    const bool named = std::ranges::any_of(headers, [](const auto &header) {
        return header.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    });
    if (!body.isEmpty() && !named)
        request += "Content-Type: application/json\r\n";
    if (!body.isEmpty() || (method != "GET" && method != "HEAD" && method != "DELETE"))
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    request += "\r\n" + body;

    QDeadlineTimer deadline(waitMs);
    QTcpSocket socket;
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return {};
    socket.write(request);
    QByteArray answer;
    HttpResult result;
    qsizetype headerEnd = -1;
    qsizetype length = -1; // of the body, if the headers name it: else until the end
    while (!deadline.hasExpired()) {
        if (socket.bytesAvailable() == 0 && socket.state() != QAbstractSocket::ConnectedState)
            break;
        if (socket.bytesAvailable() == 0)
            socket.waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 1)));
        answer += socket.readAll();
        if (headerEnd < 0 && (headerEnd = answer.indexOf("\r\n\r\n")) >= 0) {
            const QList<QByteArray> lines = answer.left(headerEnd).split('\n');
            const QList<QByteArray> status = lines.first().trimmed().split(' ');
            result.status = status.size() > 1 ? status.at(1).toInt() : 0;
            for (const QByteArray &line : lines.mid(1)) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    result.headers.insert(line.left(colon).trimmed().toLower(),
                                          line.mid(colon + 1).trimmed());
            }
            const bool bodiless = method == "HEAD" || result.status == 204 || result.status == 304;
            const QByteArray named = result.header("content-length");
            length = bodiless ? 0 : named.isEmpty() ? -1 : named.toLongLong();
        }
        if (headerEnd >= 0 && length >= 0 && answer.size() - headerEnd - 4 >= length) {
            result.body = answer.mid(headerEnd + 4, length);
            return result;
        }
    }
    if (headerEnd >= 0 && length < 0 && socket.state() != QAbstractSocket::ConnectedState) {
        result.body = answer.mid(headerEnd + 4);
        return result;
    }
    return {}; // no whole answer in time
}

HttpResult HttpClient::post(const QString &path, const QString &token, const QJsonObject &body)
{
    const QByteArray key = "test-" + QByteArray::number(++m_keys) + '-'
                           + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    return send("POST",
                path,
                token,
                QJsonDocument(body).toJson(QJsonDocument::Compact),
                {{"Idempotency-Key", key}});
}

} // namespace Stockroom::Test
