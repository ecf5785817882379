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
#include <QTimer>

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
    m_guard = new ConnectionGuard(QStringLiteral("http"), m_caps, m_log, this);
    QTcpServer *listener = m_guard->listener(tls, this);
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

void RestServer::setStockStrategy(StockStrategy strategy, WorkerPool *writers)
{
    m_strategy = strategy;
    m_writers = writers;
}

void RestServer::close()
{
    for (QTcpServer *listener : servers())
        listener->close();
}

bool RestServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Small replies go out at once instead of waiting for the peer's delayed ACK. Set once
    // per connection (a system call), not once per request on it.
    static const char *const lowDelaySet = "stockroomLowDelay";
    if (!socket->property(lowDelaySet).isValid()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setProperty(lowDelaySet, true);
    }
    QElapsedTimer timer;
    timer.start();
    HttpCall call;
    call.method = methodName(request.method());
    call.path = request.url().path(QUrl::FullyEncoded);
    call.query = request.query();
    for (const auto &[name, value] : request.headers())
        call.headers.insert(name.toLower(), value);
    QHttpServerResponder responder = makeResponder(request, socket);

    if (request.body().size() > maxBody) {
        finish(responder,
               socket,
               RestApi::RoutedCall{std::move(call), nullptr, {}},
               timer,
               Rest::problem(413,
                             "payload-too-large",
                             QStringLiteral("The body is too large"),
                             QStringLiteral("A request body may have at most %1 bytes; this "
                                            "one has %2.")
                                 .arg(maxBody)
                                 .arg(request.body().size())));
        return true;
    }
    call.body = request.body();
    RestApi::RoutedCall routed = m_api.route(std::move(call));
    const bool alone = m_strategy != StockStrategy::Group && routed.changesStock();
    if (alone && !m_writers) {
        const HttpReply answer = m_api.handleAlone(routed);
        finish(responder, socket, routed, timer, answer);
        return true;
    }
    WorkerPool *workers = alone ? m_writers : routed.reads() ? m_readers : nullptr;
    if (workers) {
        const quint64 ticket = m_nextTicket++;
        workers->submit(routed,
                        [server = QPointer<RestServer>(this), ticket](const HttpReply &reply) {
                            if (server)
                                server->finishFromWorker(ticket, reply);
                        });
        m_withWorkers.emplace(ticket,
                              Pending{std::move(routed),
                                      std::move(responder),
                                      timer,
                                      QPointer<QTcpSocket>(socket)});
        return true;
    }
    if (!routed.groupable()) {
        const HttpReply answer = m_api.handle(routed);
        finish(responder, socket, routed, timer, answer);
        return true;
    }
    m_pending.push_back(
        Pending{std::move(routed), std::move(responder), timer, QPointer<QTcpSocket>(socket)});
    if (int(m_pending.size()) >= maxGroup) {
        commitGroup();
    } else if (!m_groupScheduled) {
        // After the sockets that are ready now have been read: their writes join the group.
        m_groupScheduled = true;
        QTimer::singleShot(0, this, &RestServer::commitGroup);
    }
    return true;
}

void RestServer::commitGroup()
{
    m_groupScheduled = false;
    if (m_pending.empty())
        return;
    // A lone write with no group in flight runs here: the hop to the writer would only add
    // to its latency, as there is nothing to overlap with.
    if (m_strategy == StockStrategy::Group && m_writers
        && (m_groupDispatched || m_pending.size() > 1)) {
        dispatchGroup();
        return;
    }
    std::vector<Pending> group;
    group.swap(m_pending);
    QList<const RestApi::RoutedCall *> calls;
    calls.reserve(qsizetype(group.size()));
    for (const Pending &pending : group)
        calls.append(&pending.call);
    answerGroup(group, m_api.handleAll(calls));
}

void RestServer::answerGroup(std::vector<Pending> &group, const QList<HttpReply> &replies)
{
    m_metrics.observe(Metrics::groupSize, {}, double(group.size()));
    for (size_t i = 0; i < group.size(); ++i) {
        Pending &pending = group[i];
        if (!pending.socket)
            continue; // applied all the same; a retry with its Idempotency-Key gets the reply
        finish(pending.responder,
               pending.socket,
               pending.call,
               pending.timer,
               replies.at(qsizetype(i)));
    }
}

void RestServer::dispatchGroup()
{
    if (m_groupDispatched)
        return; // finishGroup() sends what gathered meanwhile
    std::vector<Pending> group;
    group.swap(m_pending);
    // Writes past the largest group wait for the next (they move back; Pending can be
    // moved into place, not assigned).
    for (size_t i = maxGroup; i < group.size(); ++i)
        m_pending.push_back(std::move(group[i]));
    while (group.size() > size_t(maxGroup))
        group.pop_back();
    m_groupInFlight = std::move(group);
    QList<RestApi::RoutedCall> calls;
    calls.reserve(qsizetype(m_groupInFlight.size()));
    for (const Pending &pending : m_groupInFlight)
        calls.append(pending.call);
    m_groupDispatched = true;
    m_writers->submitGroup(calls,
                           [server = QPointer<RestServer>(this)](const QList<HttpReply> &replies) {
                               if (server)
                                   server->finishGroup(replies);
                           });
}

void RestServer::finishGroup(const QList<HttpReply> &replies)
{
    answerGroup(m_groupInFlight, replies);
    m_groupInFlight.clear();
    m_groupDispatched = false;
    if (!m_pending.empty())
        dispatchGroup();
}

void RestServer::finishFromWorker(quint64 ticket, const HttpReply &reply)
{
    auto found = m_withWorkers.find(ticket);
    if (found == m_withWorkers.end())
        return;
    Pending &pending = found->second;
    if (pending.socket) // else applied all the same; a retry gets the reply by Idempotency-Key
        finish(pending.responder, pending.socket, pending.call, pending.timer, reply);
    m_withWorkers.erase(found);
}

void RestServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers every request; this is only reached if Qt asks anyway.
    QHttpServerResponder responder = makeResponder(request, socket);
    QElapsedTimer timer;
    timer.start();
    finish(responder,
           socket,
           RestApi::RoutedCall{},
           timer,
           Rest::problem(404, "not-found", QStringLiteral("No such resource"), QString()));
}

void RestServer::finish(QHttpServerResponder &responder,
                        QTcpSocket *socket,
                        const RestApi::RoutedCall &routed,
                        const QElapsedTimer &timer,
                        const HttpReply &reply)
{
    const HttpCall &call = routed.call;
    const QString route = routed.label();
    const QString label = route.isEmpty() ? QStringLiteral("other") : route;
    m_metrics.observe(Metrics::requestSeconds,
                      {{"route", label}},
                      double(timer.nsecsElapsed()) / 1e9);
    m_metrics.increment(Metrics::requests,
                        {{"route", label}, {"status", QString::number(reply.status)}});
    if (reply.status >= 500) {
        m_log.error("http-failed",
                    {{"method", QString::fromLatin1(call.method)},
                     {"path", call.path},
                     {"status", reply.status}});
    }
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeBody(routed.head() ? QByteArray() : reply.body);
    // Sent now, not when the event loop next finds the socket writable: under load that is
    // after every other ready socket has been read and handled.
    if (socket)
        socket->flush();
}

} // namespace Stockroom::Sync
