#pragma once

// SyncServer: the WebSocket side of stockroom-server (docs/sync-protocol.md).
//
// It accepts connections, authenticates each one's hello within a deadline, answers pulls
// from the ChangeFeed and queues pushes for the ServerStore, which applies them one at a
// time in order of arrival. After a push commits it notifies every other connection that
// may see what changed. Heartbeats find peers that are gone. Anything malformed, oversized
// or unknown gets an error message (and, when fatal, a closed connection); nothing a peer
// sends can stop the server or reach the database unchecked.
//
// It uses the Database on the thread that owns both, and must be destroyed before it.

#include "changefeed.h"
#include "connectionguard.h"
#include "eventlog.h"
#include "serverstore.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QQueue>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

class QTcpServer;
class QWebSocket;
class QWebSocketServer;

namespace Stockroom::Sync {

struct ServerOptions
{
    NegativeStockPolicy negativeStock = NegativeStockPolicy::Allow;
    qint64 maxMessage = defaultMaxMessage;
    int maxBatch = defaultMaxBatch;
    // Pushes waiting together are applied in one transaction, up to this many operations.
    int pushGroupOps = defaultPushGroupOps;
    // Operations all connections may have waiting to be applied (beyond one push each).
    qint64 maxQueuedOps = 32 * qint64(defaultMaxBatch);
    int heartbeatMs = defaultHeartbeatMs;
    int helloTimeoutMs = 10000;
    // Open connections the port takes, in all and from one address; no idle limit here:
    // heartbeats and the hello timeout close silent connections.
    ConnectionGuard::Caps connections;
    // The public half of the key that signs the ledger's checkpoints (signingkey.h), which
    // welcome names so that a workstation can pin it; empty when the server signs none.
    QByteArray signingKey;
};

class Metrics;
class WorkerPool;

class SyncServer : public QObject
{
    Q_OBJECT

public:
    // The clock, log and metrics must outlive the server.
    SyncServer(Database &db,
               const Clock &clock,
               EventLog &log,
               Metrics &metrics,
               ServerOptions options,
               QObject *parent = nullptr);
    ~SyncServer() override;

    // Listens on address and port (0: any free port); wss:// when tls is given.
    Status listen(const QHostAddress &address,
                  quint16 port,
                  const std::optional<QSslConfiguration> &tls = std::nullopt);
    quint16 port() const;
    int connectionCount() const { return int(m_peers.size()); }

    // Stops listening and closes every connection as "going away", and forgets the pushes
    // still waiting (their clients send them again). A group the push writer holds is
    // committed before the writer stops (its destructor waits): a client whose answer did
    // not reach it gets the pushes as replays. Nothing is answered before it is committed.
    // shutDown() follows once every connection has closed.
    void shutdown();
    // Pushes are applied on the writer's thread (a pool of Work::Pushes) rather than on
    // this one. The writer must be destroyed before the server.
    void setPushWriter(WorkerPool *writer) { m_pushWriter = writer; }

    // Something else (the REST API) changed stock in these warehouses, or master data:
    // tells the connected workstations that see it to pull.
    void notifyChanged(const QSet<qint64> &warehouses, bool masterData);

Q_SIGNALS:
    void shutDown();

private:
    struct Peer
    {
        quint64 number = 0;
        QWebSocket *socket = nullptr; // owned by the server through QObject
        QString address;
        QElapsedTimer connected;
        QElapsedTimer heard; // since the last frame or pong
        QElapsedTimer pinged;
        bool welcomed = false;
        SyncSession session;
        QString token; // checked again before each push, so a revocation takes effect
        int pushesQueued = 0;
    };
    struct QueuedPush
    {
        quint64 peer;
        qint64 id; // the push message's
        QCborArray ops;
        QCborMap chain;
    };

    void accept();
    void drop(quint64 number);
    Peer *find(quint64 number) const;
    void received(quint64 number, const QByteArray &frame);
    void hello(Peer &peer, const QCborMap &message);
    void pull(Peer &peer, const QCborMap &message);
    void queuePush(Peer &peer, const QCborMap &message);
    void applyNextPush();
    // Answers the pushes of a group (outcome.pushes in the order of taken) that took
    // seconds to apply.
    void answerGroup(const QList<QueuedPush> &taken,
                     const PushGroupOutcome &outcome,
                     double seconds);
    // Answers one push that shared its transaction with group pushes in all.
    void answerPush(const QueuedPush &push,
                    const Result<PushOutcome> &pushed,
                    double seconds,
                    qsizetype group);
    // Tells the welcomed peers except from (if any) that see what changed.
    void notify(const Peer *from, const QSet<qint64> &warehouses, bool masterData);
    void countWorkstations();
    void send(const Peer &peer, const QCborMap &message);
    void refuse(Peer &peer,
                const ProtocolError &error,
                const QCborValue &requestId = {},
                const QCborMap &extra = {});
    void tick();

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_log;
    Metrics &m_metrics;
    ServerOptions m_options;
    ServerStore m_store;
    ChangeFeed m_feed;
    TokenStore m_tokens;
    ConnectionGuard *m_guard = nullptr;
    QTcpServer *m_listener = nullptr;     // TCP, or TLS (QSslServer)
    QWebSocketServer *m_server = nullptr; // the WebSocket handshake on the listener's sockets
    std::vector<std::unique_ptr<Peer>> m_peers;
    QQueue<QueuedPush> m_pushes;
    WorkerPool *m_pushWriter = nullptr;
    qint64 m_queuedOps = 0;  // in m_pushes
    bool m_applying = false; // a group is on the push writer
    QTimer m_ticker;
    quint64 m_nextPeer = 1;
    bool m_shuttingDown = false;
};

} // namespace Stockroom::Sync
