#pragma once

// SyncClient: the workstation's sync worker (docs/sync-protocol.md).
//
// start() connects to the server and keeps connecting, with exponential backoff and
// jitter, until stop(). Once welcomed it pushes the outbox in batches (two on the way at
// a time, so that it prepares one while the server applies the other), then pulls until
// the server has nothing more; it pulls again when the server notifies it and pushes
// again after every local change (anything queued in the database's outbox starts a sync),
// or on syncNow(). Every step is checkpointed in the database
// (the outbox's answers, the pull cursor), so after a crash or a cut connection it resumes
// where it was, and what the server acknowledged is never sent again except as a harmless
// replay. A refusal that retrying cannot cure (a revoked token, another protocol version)
// stops the worker and says why.
//
// It runs on the thread that owns the database, and must be destroyed before it.

#include "clientstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace Stockroom::Sync {

struct ClientOptions
{
    QUrl server;
    QString token;
    QList<QSslCertificate> caCertificates; // trusted for wss:// besides the system's
    int pullLimit = 2000;
    int minBackoffMs = 500;
    int maxBackoffMs = 30000;
};

class SyncClient : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Offline,    // not connected; retrying after a backoff
        Connecting, // connected, waiting for the welcome
        Syncing,    // pushing or pulling
        Online,     // up to date, waiting for changes
        Refused,    // the server refused this workstation; see refusal()
    };
    Q_ENUM(State)

    SyncClient(Database &db,
               StockLedger &ledger,
               const Clock &clock,
               ClientOptions options,
               QObject *parent = nullptr);
    ~SyncClient() override;

    void start();
    void stop();
    // A round now: pushes what is pending and asks the server what is new.
    void syncNow();

    State state() const { return m_state; }
    QDateTime lastSynced() const { return m_lastSynced; }
    Result<qint64> pendingCount() const { return m_store.pendingCount(); }
    // Why the server refused this workstation (State::Refused), or the last error.
    QString lastError() const { return m_lastError; }
    QString role() const { return m_role; }

Q_SIGNALS:
    void stateChanged(Stockroom::Sync::SyncClient::State state);
    // Pulled items changed the replica (the stock grid and history should refresh).
    void replicaChanged();
    // Everything pending was answered and everything new pulled.
    void synced();
    // The server answered operations: how many it rejected and how many became conflicts.
    void answered(const Stockroom::RecordedAnswers &results);
    // Something was queued for the server here (once for a burst), online or not: what is
    // waiting to sync has grown.
    void queued();

private:
    void connectNow();
    void connected();
    void disconnected();
    void received(const QByteArray &frame);
    void welcomed(const QCborMap &message);
    void pushed(const QCborMap &message);
    void changes(const QCborMap &message);
    void refused(const QCborMap &message);
    void step();
    void send(const QCborMap &message);
    void send(const QByteArray &frame);
    void setState(State state);
    void retryLater();
    // A message over the size limit closed the connection (code 1009).
    void tooLarge(bool pulling);
    void heartbeat();
    // The server's signing key against the one pinned beside the database at the first
    // welcome that named one (docs/security.md); pins it then.
    Status checkServerKey(const QByteArray &serverKey);
    // A local failure (the database) ends the connection; the round starts over later.
    void failLocally(const Error &error);

    Database &m_db;
    const Clock &m_clock;
    ClientStore m_store;
    ClientOptions m_options;
    QWebSocket *m_socket = nullptr;
    QTimer m_retry;
    QTimer m_heartbeat;
    QTimer m_soon; // a sync after something was queued for the server
    QElapsedTimer m_heard;
    State m_state = State::Offline;
    bool m_running = false;
    int m_attempt = 0;
    qint64 m_nextId = 1;
    struct PushInFlight
    {
        qint64 id;
        qint64 lastSeq;
    };
    QList<PushInFlight> m_pushes; // sent and unanswered, in order: the server answers in order
    qint64 m_pullInFlight = 0;    // the pull's id; 0 when none
    // The items a pull asks for: the option's, or one at a time after a page was larger
    // than this workstation takes, until the feed is caught up again.
    int m_pullLimit = 0;
    qint64 m_serverAcked = 0;
    int m_maxBatch = defaultMaxBatch;
    qint64 m_maxMessage = defaultMaxMessage;      // as the server's welcome says
    int m_maxPushes = olderServersPushesInFlight; // as the server's welcome says
    int m_heartbeatMs = defaultHeartbeatMs;
    bool m_needPush = false;
    bool m_needPull = false;
    std::optional<Error> m_unsendable; // why an operation could not be pushed this round
    QDateTime m_lastSynced;
    QString m_lastError;
    QString m_role;
};

} // namespace Stockroom::Sync

Q_DECLARE_METATYPE(Stockroom::RecordedAnswers)
