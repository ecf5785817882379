#pragma once

// RestServer: the HTTP listener of stockroom-server's REST API (see RestApi), /metrics,
// /healthz, /readyz and /openapi.json.
//
// Each connection is an HttpConnection, which reads requests strictly and within bounds
// (HttpRequestParser): a body over maxBody is refused with 413 by its Content-Length, before
// it is read, and headers over their limit with 431, with no token needed. RestServer hands
// each request to RestApi, writes back the reply, and counts and times it in Metrics.
// Writes are group-committed:
// the writes that arrive while the event loop is busy wait for its next turn and are then
// applied together in one transaction (RestApi::handleAll), up to maxGroup at a time, and
// answered once that transaction committed. Under load this turns a commit (an fsync) per
// request into one per group; alone, a write waits for nothing.

#include "connectionguard.h"
#include "httpconnection.h"
#include "model/domain/error.h"
#include "restapi.h"
#include "workerpool.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>

#include <optional>
#include <unordered_map>
#include <vector>

class QTcpServer;

namespace Stockroom::Sync {

class EventLog;
class Metrics;

class RestServer : public QObject
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
    // How long a request may take to arrive whole, from its first byte.
    static constexpr int defaultRequestMs = 30000;
    void setRequestDeadline(int ms) { m_requestMs = ms; }
    ~RestServer() override;

    // Listens on address and port (0: any free port); https:// when tls is given.
    Status listen(const QHostAddress &address,
                  quint16 port,
                  const std::optional<QSslConfiguration> &tls = std::nullopt);
    quint16 port() const { return m_port; }
    // Stops listening and takes no further request: what was received whole is still
    // answered, then its connection closes; drained() follows once nothing is left.
    void drain();
    bool drained() const;
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

signals:
    // After drain(), once every request received was answered or its client had gone.
    void finished();

private:
    struct Pending
    {
        RestApi::RoutedCall call;
        QElapsedTimer timer;
        QPointer<HttpConnection> connection; // null once the client has gone: nothing to answer
    };

    void accept(QTcpServer *listener);
    void handleRequest(HttpConnection *connection, HttpCall call);
    void refuse(HttpConnection *connection, const HttpReply &reply);
    void checkDrained();

    void commitGroup();
    // Hands the pending writes (at most maxGroup) to a writer, unless a group is there.
    void dispatchGroup();
    void finishGroup(const QList<HttpReply> &replies);
    // Answers each request of group that is still connected with its reply.
    void answerGroup(std::vector<Pending> &group, const QList<HttpReply> &replies);
    void finishFromWorker(quint64 ticket, const HttpReply &reply);
    void finish(HttpConnection *connection,
                const RestApi::RoutedCall &call,
                const QElapsedTimer &timer,
                const HttpReply &reply);

    RestApi &m_api;
    EventLog &m_log;
    Metrics &m_metrics;
    quint16 m_port = 0;
    ConnectionGuard::Caps m_caps{4096, 256, defaultIdleMs};
    int m_requestMs = defaultRequestMs;
    ConnectionGuard *m_guard = nullptr;
    QList<QTcpServer *> m_listeners;
    QSet<HttpConnection *> m_connections;
    bool m_draining = false;
    bool m_finishedSent = false;
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
