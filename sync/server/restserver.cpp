#include "restserver.h"

#include "eventlog.h"
#include "metrics.h"
#include "restapi.h"
#include "restjson.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace Stockroom::Sync {

RestServer::RestServer(RestApi &api, EventLog &log, Metrics &metrics, QObject *parent)
    : QObject(parent)
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
    m_listeners.append(listener);
    connect(listener, &QTcpServer::pendingConnectionAvailable, this, [this, listener] {
        accept(listener);
    });
    connect(listener, &QTcpServer::acceptError, this, [this, listener] {
        m_log.warning("accept-failed", {{"reason", listener->errorString()}});
    });
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

void RestServer::accept(QTcpServer *listener)
{
    while (listener->hasPendingConnections()) {
        QTcpSocket *socket = listener->nextPendingConnection();
        if (m_draining) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Small replies go out at once instead of waiting for the peer's delayed ACK.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        HttpLimits limits;
        limits.body = maxBody;
        auto *connection = new HttpConnection(socket, limits, m_requestMs, this);
        m_connections.insert(connection);
        connect(connection, &HttpConnection::received, this, &RestServer::handleRequest);
        connect(connection, &HttpConnection::refused, this, &RestServer::refuse);
        connect(connection, &QObject::destroyed, this, [this, connection] {
            m_connections.remove(connection);
            checkDrained();
        });
    }
}

void RestServer::drain()
{
    m_draining = true;
    for (QTcpServer *listener : std::as_const(m_listeners))
        listener->close();
    for (HttpConnection *connection : QSet(m_connections))
        connection->finishUp();
    checkDrained();
}

bool RestServer::drained() const
{
    return m_draining && m_connections.isEmpty() && m_pending.empty() && m_groupInFlight.empty()
           && m_withWorkers.empty();
}

void RestServer::checkDrained()
{
    if (drained() && !std::exchange(m_finishedSent, true))
        QMetaObject::invokeMethod(this, &RestServer::finished, Qt::QueuedConnection);
}

void RestServer::refuse(HttpConnection *connection, const HttpReply &reply)
{
    QElapsedTimer timer;
    timer.start();
    finish(connection, RestApi::RoutedCall{}, timer, reply);
}

void RestServer::handleRequest(HttpConnection *connection, HttpCall call)
{
    QElapsedTimer timer;
    timer.start();
    RestApi::RoutedCall routed = m_api.route(std::move(call));
    const bool alone = m_strategy != StockStrategy::Group && routed.changesStock();
    if (alone && !m_writers) {
        const HttpReply answer = m_api.handleAlone(routed);
        finish(connection, routed, timer, answer);
        return;
    }
    WorkerPool *workers = alone ? m_writers : routed.reads() ? m_readers : nullptr;
    if (workers) {
        const quint64 ticket = m_nextTicket++;
        workers->submit(routed,
                        [server = QPointer<RestServer>(this), ticket](const HttpReply &reply) {
                            if (server)
                                server->finishFromWorker(ticket, reply);
                        });
        m_withWorkers.emplace(ticket, Pending{std::move(routed), timer, QPointer(connection)});
        return;
    }
    if (!routed.groupable()) {
        const HttpReply answer = m_api.handle(routed);
        finish(connection, routed, timer, answer);
        return;
    }
    m_pending.push_back(Pending{std::move(routed), timer, QPointer(connection)});
    if (int(m_pending.size()) >= maxGroup) {
        commitGroup();
    } else if (!m_groupScheduled) {
        // After the sockets that are ready now have been read: their writes join the group.
        m_groupScheduled = true;
        QTimer::singleShot(0, this, &RestServer::commitGroup);
    }
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
    checkDrained();
}

void RestServer::answerGroup(std::vector<Pending> &group, const QList<HttpReply> &replies)
{
    m_metrics.observe(Metrics::groupSize, {}, double(group.size()));
    for (size_t i = 0; i < group.size(); ++i) {
        Pending &pending = group[i];
        if (!pending.connection)
            continue; // applied all the same; a retry with its Idempotency-Key gets the reply
        finish(pending.connection, pending.call, pending.timer, replies.at(qsizetype(i)));
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
    checkDrained();
}

void RestServer::finishFromWorker(quint64 ticket, const HttpReply &reply)
{
    auto found = m_withWorkers.find(ticket);
    if (found == m_withWorkers.end())
        return;
    Pending &pending = found->second;
    if (pending.connection) // else applied all the same; a retry gets the reply by its key
        finish(pending.connection, pending.call, pending.timer, reply);
    m_withWorkers.erase(found);
    checkDrained();
}

void RestServer::finish(HttpConnection *connection,
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
    connection->respond(reply);
}

} // namespace Stockroom::Sync
