#include "syncclient.h"

#include "model/domain/cbor.h"
#include "model/domain/tr.h"
#include "model/io/keyfile.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QWebSocket>

namespace Stockroom::Sync {

namespace {

// Answers may be larger than what the server accepts from a client: a page of changes.
constexpr qint64 maxIncomingMessage = 4 * defaultMaxMessage;
constexpr int busyRetryMs = 200;
constexpr int unavailableRetryMs = 1000;

bool cannotBeCuredByRetrying(const QString &code)
{
    static const QStringList permanent{QStringLiteral("unauthorized"),
                                       QStringLiteral("token-revoked"),
                                       QStringLiteral("token-expired"),
                                       QStringLiteral("protocol-version"),
                                       QStringLiteral("schema-version"),
                                       QStringLiteral("history-diverged")};
    return permanent.contains(code);
}

} // namespace

SyncClient::SyncClient(
    Database &db, StockLedger &ledger, const Clock &clock, ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_store(db, ledger, clock)
    , m_options(std::move(options))
    , m_pullLimit(m_options.pullLimit)
{
    qRegisterMetaType<RecordedAnswers>();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SyncClient::connectNow);
    connect(&m_heartbeat, &QTimer::timeout, this, &SyncClient::heartbeat);
    // Whatever is queued for the server (a movement, a product or threshold edit, a
    // conflict decision) starts a sync once it is committed: on the next turn of the event
    // loop, never inside a step of this client's that queued something itself, and once
    // for a burst of them.
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, [this] {
        Q_EMIT queued();
        syncNow();
    });
    m_db.addOutboxListener(this, [this] { m_soon.start(); });
}

SyncClient::~SyncClient()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void SyncClient::start()
{
    m_running = true;
    m_attempt = 0;
    if (m_state == State::Refused)
        setState(State::Offline);
    connectNow();
}

void SyncClient::stop()
{
    m_running = false;
    m_retry.stop();
    m_heartbeat.stop();
    if (m_socket)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("stopped"));
    if (m_state != State::Refused)
        setState(State::Offline);
}

void SyncClient::syncNow()
{
    m_needPush = true;
    m_needPull = true;
    if (m_state == State::Online || m_state == State::Syncing) {
        setState(State::Syncing);
        step();
    }
}

void SyncClient::connectNow()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(maxIncomingMessage));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(maxIncomingMessage));
    if (!m_options.caCertificates.isEmpty()) {
        QSslConfiguration configuration = m_socket->sslConfiguration();
        configuration.addCaCertificates(m_options.caCertificates);
        m_socket->setSslConfiguration(configuration);
    }
    connect(m_socket, &QWebSocket::connected, this, &SyncClient::connected);
    connect(m_socket, &QWebSocket::disconnected, this, &SyncClient::disconnected);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &SyncClient::received);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_heard.restart(); });
    connect(m_socket,
            qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
            this,
            [this](QAbstractSocket::SocketError) { m_lastError = m_socket->errorString(); });
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (!errors.isEmpty())
            m_lastError = errors.first().errorString();
    });
    m_pushes.clear();
    m_pullInFlight = 0;
    setState(State::Connecting);
    m_socket->open(m_options.server);
}

void SyncClient::connected()
{
    setLowDelay(*m_socket);
    m_heard.start();
    QCborMap hello{{key("t"), QStringLiteral("hello")},
                   {key("proto"), protocolVersion},
                   {key("schema"), m_db.schemaVersion()},
                   {key("device"), m_db.deviceId()},
                   {key("token"), m_options.token}};
    // Where this workstation's history led when the server last answered it: the server
    // compares it with what it recorded then.
    auto kept = m_store.newestKeptLink();
    if (!kept) {
        failLocally(kept.error());
        return;
    }
    if (kept->seq > 0)
        hello.insert(key("chain"), QCborMap{{key("seq"), kept->seq}, {key("link"), kept->link}});
    send(hello);
}

void SyncClient::disconnected()
{
    m_heartbeat.stop();
    m_pushes.clear();
    const bool pulling = std::exchange(m_pullInFlight, 0) != 0;
    if (m_state == State::Refused || !m_running)
        return;
    if (m_socket && m_socket->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData) {
        tooLarge(pulling);
        return;
    }
    if (m_socket && !m_socket->closeReason().isEmpty())
        m_lastError = m_socket->closeReason();
    setState(State::Offline);
    retryLater();
}

void SyncClient::retryLater()
{
    if (!m_running || m_retry.isActive())
        return;
    const int shift = std::min(m_attempt, 16);
    const qint64 ceiling = std::min<qint64>(m_options.maxBackoffMs,
                                            qint64(m_options.minBackoffMs) << shift);
    // Full jitter in the upper half: workstations that lost the server together do not
    // all come back in the same millisecond.
    const qint64 delay = ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1);
    ++m_attempt;
    m_retry.start(int(delay));
}

void SyncClient::tooLarge(bool pulling)
{
    if (pulling && m_pullLimit > 1) {
        // A page larger than this workstation takes, from a server that pages by count
        // only: ask for one record a page until caught up.
        m_pullLimit = 1;
        m_lastError = Tr::tr("The server sent more than %1 MiB in one message; "
                             "fetching one record at a time.")
                          .arg(maxIncomingMessage / (1024 * 1024));
        setState(State::Offline);
        m_attempt = 0;
        retryLater();
        return;
    }
    // One record, or one of our pushes, is larger than a message may be. Trying again
    // would only fail again, so sync stops here and says why; nothing is lost, and the
    // outbox keeps what was not sent.
    m_lastError = pulling ? Tr::tr("Sync stopped: the server sent a record larger than the %1 MiB "
                                   "a workstation takes in one message. Nothing was lost here. "
                                   "Ask the server's administrator to update Stockroom.")
                                .arg(maxIncomingMessage / (1024 * 1024))
                          : Tr::tr("Sync stopped: the server refused a message from this "
                                   "workstation as too large. Nothing was lost here. Ask the "
                                   "server's administrator to raise its --max-message.");
    m_running = false;
    m_retry.stop();
    setState(State::Refused);
}

void SyncClient::heartbeat()
{
    if (!m_socket)
        return;
    if (m_heard.elapsed() > 3 * qint64(m_heartbeatMs)) {
        m_lastError = Tr::tr("The server stopped answering.");
        m_socket->abort();
        return;
    }
    m_socket->ping();
}

void SyncClient::received(const QByteArray &frame)
{
    m_heard.restart();
    auto message = decode(frame, maxIncomingMessage);
    if (!message) {
        failLocally(
            {ErrorCode::InvalidInput,
             Tr::tr("The server sent an unreadable message: %1").arg(message.error().message),
             std::nullopt});
        return;
    }
    const QString type = typeOf(*message);
    if (type == QLatin1String("welcome"))
        welcomed(*message);
    else if (type == QLatin1String("pushed"))
        pushed(*message);
    else if (type == QLatin1String("changes"))
        changes(*message);
    else if (type == QLatin1String("error"))
        refused(*message);
    else if (type == QLatin1String("notify")) {
        m_needPull = true;
        if (m_state == State::Online)
            setState(State::Syncing);
        step();
    }
}

void SyncClient::welcomed(const QCborMap &message)
{
    m_serverAcked = cborInteger(message.value(key("acked")));
    m_maxBatch = int(
        std::clamp<qint64>(cborInteger(message.value(key("maxBatch"))), 1, defaultMaxBatch));
    m_maxMessage = std::clamp<qint64>(message.value(key("maxMessage")).toInteger(defaultMaxMessage),
                                      1024,
                                      maxMaxMessage);
    m_maxPushes = int(
        std::clamp<qint64>(message.value(key("maxPushes")).toInteger(olderServersPushesInFlight),
                           1,
                           maxPushesInFlight));
    m_heartbeatMs = int(
        std::clamp<qint64>(cborInteger(message.value(key("heartbeat"))), 100, 600000));
    m_role = message.value(key("role")).toString();
    auto last = m_store.lastSeq();
    if (!last) {
        failLocally(last.error());
        return;
    }
    if (m_serverAcked > *last) {
        // The server holds operations of this device that its database does not: it was
        // restored from an older copy. Its new operations would reuse numbers the server
        // has answered, and be taken for replays; stop rather than lose them.
        m_lastError = Tr::tr("The server has %1 operations from this workstation, but its "
                             "database holds only %2: it was restored from an older copy. "
                             "Join the server again with a new database.")
                          .arg(m_serverAcked)
                          .arg(*last);
        m_running = false;
        setState(State::Refused);
        m_socket->close();
        return;
    }
    if (auto pinned = checkServerKey(message.value(key("signingKey")).toByteArray()); !pinned) {
        m_lastError = pinned.error().message;
        m_running = false;
        setState(State::Refused);
        m_socket->close();
        return;
    }
    m_attempt = 0;
    m_lastError.clear();
    m_heartbeat.start(m_heartbeatMs);
    m_needPush = true;
    m_needPull = true;
    m_unsendable.reset();
    setState(State::Syncing);
    step();
}

Status SyncClient::checkServerKey(const QByteArray &serverKey)
{
    const QString pinPath = m_db.path() + QStringLiteral(".server-key");
    if (!QFile::exists(pinPath)) {
        if (serverKey.isEmpty())
            return {};
        // The first server that names its key: pinned beside the database, not in it.
        QSaveFile pin(pinPath);
        if (!pin.open(QIODevice::WriteOnly) || pin.write(serverKey.toBase64() + '\n') < 0
            || !pin.commit())
            return fail(ErrorCode::Io,
                        Tr::tr("Cannot write %1: %2").arg(pinPath, pin.errorString()));
        return {};
    }
    auto pinned = KeyFile::readPublicKey(pinPath);
    if (!pinned)
        return std::unexpected(pinned.error());
    if (serverKey == *pinned)
        return {};
    return fail(ErrorCode::PermissionDenied,
                serverKey.isEmpty()
                    ? Tr::tr("The server no longer signs its ledger, but it did when this "
                             "workstation first synced (its key is pinned in %1). Sync stopped; "
                             "ask the server's administrator to give it its --signing-key again.")
                          .arg(pinPath)
                    : Tr::tr("The server signs with another key (%1) than the one pinned in %2 "
                             "when this workstation first synced: it may not be the same server. "
                             "Sync stopped. If the key was replaced on purpose, the "
                             "administrator removes that file.")
                          .arg(QString::fromLatin1(serverKey.toBase64()), pinPath));
}

void SyncClient::step()
{
    if (!m_socket || m_pullInFlight != 0 || (m_state != State::Syncing && m_state != State::Online))
        return;
    while (m_needPush && m_pushes.size() < m_maxPushes) {
        qint64 after = 0;
        if (m_pushes.isEmpty()) {
            auto first = m_store.firstPendingSeq();
            auto last = m_store.lastSeq();
            if (!first || !last) {
                failLocally(!first ? first.error() : last.error());
                return;
            }
            // From the first unanswered operation, or from what the server has if it has
            // less (the server was restored from a backup: it gets them again).
            after = std::min(*first == 0 ? *last : *first - 1, m_serverAcked);
        } else {
            after = m_pushes.last().lastSeq;
        }
        // As many as fit in a message the server takes.
        auto ops = m_store.encodedOperations(after, m_maxBatch, m_maxMessage - pushMessageOverhead);
        if (!ops) {
            failLocally(ops.error());
            return;
        }
        if (ops->count == 0) {
            m_needPush = !m_pushes.isEmpty(); // look again once the answers are in
            break;
        }
        const qint64 id = m_nextId++;
        const QByteArray frame = pushMessage(id, *ops);
        if (frame.size() > m_maxMessage) {
            // A single operation too large. It stays in the outbox, first in line: nothing
            // after it is sent either, since the server takes a device's operations in
            // order; the rest of the round (the answers to the pushes before it, the pull)
            // still goes on.
            m_unsendable = Error{ErrorCode::InvalidInput,
                                 Tr::tr("Operation %1 is %2 bytes as sent, more than the %3 "
                                        "bytes the server accepts in a message. Ask the "
                                        "server's administrator to raise its --max-message.")
                                     .arg(ops->firstSeq)
                                     .arg(frame.size())
                                     .arg(m_maxMessage),
                                 std::nullopt};
            m_needPush = false;
            break;
        }
        send(frame);
        m_pushes.append({id, ops->lastSeq});
    }
    if (!m_pushes.isEmpty())
        return;
    if (m_needPull) {
        m_pullInFlight = m_nextId++;
        send({{key("t"), QStringLiteral("pull")},
              {key("id"), m_pullInFlight},
              {key("cursor"), m_store.cursor().toBytes()},
              {key("limit"), m_pullLimit}});
        return;
    }
    if (m_unsendable) {
        const Error error = *std::exchange(m_unsendable, std::nullopt);
        failLocally(error);
        return;
    }
    m_lastSynced = m_clock.now();
    setState(State::Online);
    Q_EMIT synced();
}

void SyncClient::pushed(const QCborMap &message)
{
    if (m_pushes.isEmpty() || cborInteger(message.value(key("id"))) != m_pushes.first().id)
        return; // the answer to a push given up on
    m_pushes.removeFirst();
    m_serverAcked = cborInteger(message.value(key("acked")));
    auto recorded = m_store.record(message.value(key("results")).toArray());
    if (!recorded) {
        failLocally(recorded.error());
        return;
    }
    Q_EMIT answered(*recorded);
    if (recorded->rejected > 0)
        Q_EMIT replicaChanged(); // the rejected movements were reversed
    m_needPush = true;
    m_needPull = true;
    step();
}

void SyncClient::changes(const QCborMap &message)
{
    if (cborInteger(message.value(key("id"))) != m_pullInFlight)
        return;
    m_pullInFlight = 0;
    auto cursor = Cursor::fromBytes(message.value(key("cursor")).toByteArray());
    if (!cursor) {
        failLocally({ErrorCode::InvalidInput, cursor.error().message, std::nullopt});
        return;
    }
    auto applied = m_store.apply(message.value(key("items")).toArray(), *cursor);
    if (!applied) {
        failLocally(applied.error());
        return;
    }
    if (*applied > 0)
        Q_EMIT replicaChanged();
    m_needPull = message.value(key("more")).toBool();
    if (!m_needPull)
        m_pullLimit = m_options.pullLimit; // caught up: whole pages again
    step();
}

void SyncClient::refused(const QCborMap &message)
{
    const QString code = message.value(key("code")).toString();
    m_lastError = message.value(key("message")).toString();
    if (cannotBeCuredByRetrying(code)) {
        m_running = false;
        m_retry.stop();
        setState(State::Refused);
        return; // the server closes the connection
    }
    const qint64 id = cborInteger(message.value(key("id")));
    if (id != 0 && id == m_pullInFlight) {
        m_pullInFlight = 0;
    } else if (const auto refusedPush = std::find_if(m_pushes.begin(),
                                                     m_pushes.end(),
                                                     [id](const PushInFlight &push) {
                                                         return push.id == id;
                                                     });
               refusedPush != m_pushes.end()) {
        // The pushes after a refused one are refused too (they would leave a gap); those
        // before it are the server's, and it answers them. Sending goes on after them, so
        // that after a "busy" none of them is sent again.
        m_pushes.erase(refusedPush, m_pushes.end());
        m_needPush = true;
    } else {
        return; // about a request given up on already
    }
    if (code == QLatin1String("out-of-order")) {
        m_serverAcked = cborInteger(message.value(key("acked")));
        step();
    } else if (code == QLatin1String("busy")) {
        QTimer::singleShot(busyRetryMs, this, &SyncClient::step);
    } else if (code == QLatin1String("unavailable")) {
        QTimer::singleShot(unavailableRetryMs, this, &SyncClient::step);
    }
    // Anything else fatal is followed by the server closing the connection, and a retry.
}

void SyncClient::failLocally(const Error &error)
{
    m_lastError = error.message;
    if (m_socket)
        m_socket->abort();
}

void SyncClient::send(const QCborMap &message)
{
    send(encode(message));
}

void SyncClient::send(const QByteArray &frame)
{
    m_socket->sendBinaryMessage(frame);
    // Out now, not when the event loop next runs: the server starts on a push while this
    // side prepares the next one.
    m_socket->flush();
}

void SyncClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Stockroom::Sync
