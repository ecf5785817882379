#include "httpclient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

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
    QNetworkRequest request(m_base.resolved(QUrl(pathAndQuery)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    if (!body.isEmpty())
        request.setRawHeader("Content-Type", "application/json");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QBuffer data;
    data.setData(body);
    data.open(QIODevice::ReadOnly);
    // HEAD through head(), which knows that no body follows the headers.
    QNetworkReply *reply = method == "HEAD" ? m_network.head(request)
                                            : m_network.sendCustomRequest(request, method, &data);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(waitMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
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
