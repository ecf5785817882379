#pragma once

// RestServer: the HTTP listener of stockroom-server's REST API (see RestApi), /metrics,
// /healthz, /readyz and /openapi.json, on Qt HttpServer.
//
// It turns each request into an HttpCall for RestApi and writes back the reply, counts and
// times it in Metrics, and refuses a body over maxBody with 413. Writes are group-committed:
// the writes that arrive while the event loop is busy wait for its next turn and are then
// applied together in one transaction (RestApi::handleAll), up to maxGroup at a time, and
// answered once that transaction committed. Under load this turns a commit (an fsync) per
// request into one per group; alone, a write waits for nothing. Qt HttpServer 6.4 reads a
// whole request before handing it over, so the limit bounds what is processed, not what
// is received: run the REST port behind the same network rules as the sync port.

#include "connectionguard.h"
#include "model/domain/error.h"
#include "restapi.h"
#include "workerpool.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpSocket>

#include <optional>
#include <unordered_map>
#include <vector>

namespace Stockroom::Sync {

class EventLog;
class Metrics;

class RestServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    static constexpr qint64 maxBody = 1024 * 1024;
    static constexpr int maxGroup = 512;

    // api, log and metrics must outlive the server.
    RestServer(RestApi &api, EventLog &log, Metrics &metrics, QObject *parent = nullptr);
    // Open connections the port takes, and how long one may stay quiet (before listen()).
    static constexpr int defaultIdleMs = 30000;
    void setConnectionCaps(const ConnectionGuard::Caps &caps) { m_caps = caps; }
    ~RestServer() override;

    // Listens on address and port (0: any free port); https:// when tls is given.
    Status listen(const QHostAddress &address,
                  quint16 port,
                  const std::optional<QSslConfiguration> &tls = std::nullopt);
    quint16 port() const { return m_port; }
    // Stops listening; requests already received are still answered.
    void close();
    // How stock writes are applied (group commit by default). Under another strategy each
    // receipt, issue, transfer and adjustment is applied alone: by writers, when given
    // (PostgreSQL), else on this thread. Under group commit with writers (one is enough,
    // as groups take turns on the database's writer lock) each group is applied by a
    // writer while this thread reads the requests that make the next one: the two overlap
    // instead of taking turns. writers must outlive the server.
    void setStockStrategy(StockStrategy strategy, WorkerPool *writers = nullptr);
    // Authenticated reads go to readers instead of waiting their turn on this thread.
    // readers must outlive the server.
    void setReaders(WorkerPool *readers) { m_readers = readers; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Pending
    {
        RestApi::RoutedCall call;
        QHttpServerResponder responder;
        QElapsedTimer timer;
        QPointer<QTcpSocket> socket; // null once the client has gone: nothing to answer
    };

    void commitGroup();
    // Hands the pending writes (at most maxGroup) to a writer, unless a group is there.
    void dispatchGroup();
    void finishGroup(const QList<HttpReply> &replies);
    // Answers each request of group that is still connected with its reply.
    void answerGroup(std::vector<Pending> &group, const QList<HttpReply> &replies);
    void finishFromWorker(quint64 ticket, const HttpReply &reply);
    void finish(QHttpServerResponder &responder,
                QTcpSocket *socket,
                const RestApi::RoutedCall &call,
                const QElapsedTimer &timer,
                const HttpReply &reply);

    RestApi &m_api;
    EventLog &m_log;
    Metrics &m_metrics;
    quint16 m_port = 0;
    ConnectionGuard::Caps m_caps{4096, 256, defaultIdleMs};
    ConnectionGuard *m_guard = nullptr;
    std::vector<Pending> m_pending;
    bool m_groupScheduled = false;
    std::vector<Pending> m_groupInFlight; // with a writer (group commit with writers)
    bool m_groupDispatched = false;
    StockStrategy m_strategy = StockStrategy::Group;
    WorkerPool *m_writers = nullptr;
    WorkerPool *m_readers = nullptr;
    std::unordered_map<quint64, Pending> m_withWorkers; // by ticket
    quint64 m_nextTicket = 0;
};

} // namespace Stockroom::Sync
