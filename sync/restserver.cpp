#include "restserver.h"

#include "eventlog.h"
#include "metrics.h"
#include "restapi.h"
#include "restjson.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Stockroom::Sync {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

} // namespace

RestServer::RestServer(RestApi &api, EventLog &log, Metrics &metrics, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_api(api)
    , m_log(log)
    , m_metrics(metrics)
{}

RestServer::~RestServer() = default;

Status RestServer::listen(const QHostAddress &address,
                          quint16 port,
                          const std::optional<QSslConfiguration> &tls)
{
    QTcpServer *listener = nullptr;
    if (tls) {
        auto *secure = new QSslServer(this);
        secure->setSslConfiguration(*tls);
        listener = secure;
    } else {
        listener = new QTcpServer(this);
    }
    if (!listener->listen(address, port)) {
        const QString reason = listener->errorString();
        delete listener;
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot serve HTTP on %1:%2: %3")
                        .arg(address.toString())
                        .arg(port)
                        .arg(reason));
    }
    bind(listener);
    m_port = listener->serverPort();
    m_log.info("http-listening",
               {{"address", address.toString()}, {"port", m_port}, {"tls", tls.has_value()}});
    return {};
}

void RestServer::close()
{
    for (QTcpServer *listener : servers())
        listener->close();
}

bool RestServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Small replies go out at once instead of waiting for the peer's delayed ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QElapsedTimer timer;
    timer.start();
    HttpCall call;
    call.method = methodName(request.method());
    call.path = request.url().path();
    call.query = request.query();
    for (const auto &[name, value] : request.headers())
        call.headers.insert(name.toLower(), value);

    HttpReply answer;
    QString route;
    if (request.body().size() > maxBody) {
        answer = Rest::problem(413,
                               "payload-too-large",
                               QStringLiteral("The body is too large"),
                               QStringLiteral("A request body may have at most %1 bytes; this one "
                                              "has %2.")
                                   .arg(maxBody)
                                   .arg(request.body().size()));
    } else {
        call.body = request.body();
        route = m_api.routeOf(call);
        answer = m_api.handle(call);
    }
    if (route.isEmpty())
        route = QStringLiteral("other");
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    m_metrics.observe(Metrics::requestSeconds, {{"route", route}}, seconds);
    m_metrics.increment(Metrics::requests,
                        {{"route", route}, {"status", QString::number(answer.status)}});
    if (answer.status >= 500) {
        m_log.error("http-failed",
                    {{"method", QString::fromLatin1(call.method)},
                     {"path", call.path},
                     {"status", answer.status}});
    }
    reply(request, socket, answer);
    return true;
}

void RestServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request; this is only reached if Qt asks anyway.
    reply(request,
          socket,
          Rest::problem(404, "not-found", QStringLiteral("No such resource"), QString()));
}

void RestServer::reply(const QHttpServerRequest &request, QTcpSocket *socket, const HttpReply &reply)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeBody(reply.body);
}

} // namespace Stockroom::Sync
