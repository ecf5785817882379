#include "syncserver.h"
#include "workerpool.h"

#include "metrics.h"
#include "model/domain/cbor.h"

#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace Stockroom::Sync {

namespace {

constexpr int tickMs = 1000;
constexpr int defaultPullLimit = 1000;
constexpr int maxDeviceIdLength = 100;

ProtocolError fatal(const char *code, const QString &message)
{
    return {QString::fromLatin1(code), message, true};
}

ProtocolError nonFatal(const char *code, const QString &message)
{
    return {QString::fromLatin1(code), message, false};
}

} // namespace

SyncServer::SyncServer(Database &db,
                       const Clock &clock,
                       EventLog &log,
                       Metrics &metrics,
                       ServerOptions options,
                       QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_log(log)
    , m_metrics(metrics)
    , m_options(options)
    , m_store(db, clock, options.negativeStock)
    , m_feed(db)
    , m_tokens(db)
{
    m_ticker.setInterval(std::min(tickMs, std::max(1, m_options.heartbeatMs / 2)));
    connect(&m_ticker, &QTimer::timeout, this, &SyncServer::tick);
}

SyncServer::~SyncServer()
{
    for (const auto &peer : m_peers)
        peer->socket->disconnect(this);
}

Status SyncServer::listen(const QHostAddress &address,
                          quint16 port,
                          const std::optional<QSslConfiguration> &tls)
{
    // The listener is ours rather than QWebSocketServer's so that every connection gets
    // TCP_NODELAY: without it a small message waits 40 ms for a delayed acknowledgement.
    m_guard = new ConnectionGuard(QStringLiteral("sync"), m_options.connections, m_log, this);
    m_listener = m_guard->listener(tls, this);
    if (auto *secure = qobject_cast<QSslServer *>(m_listener)) {
        connect(secure,
                &QSslServer::errorOccurred,
                this,
                [this](QSslSocket *socket, QAbstractSocket::SocketError) {
                    m_log.warning("tls-error",
                                  {{"peer", socket->peerAddress().toString()},
                                   {"reason", socket->errorString()}});
                });
    }
    m_server = new QWebSocketServer(QStringLiteral("stockroom-server"),
                                    QWebSocketServer::NonSecureMode,
                                    this);
    connect(m_listener, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (m_listener->hasPendingConnections()) {
            QTcpSocket *socket = m_listener->nextPendingConnection();
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_server->handleConnection(socket);
        }
    });
    connect(m_listener, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        m_log.warning("accept-failed", {{"reason", m_listener->errorString()}});
    });
    connect(m_server, &QWebSocketServer::newConnection, this, &SyncServer::accept);
    if (!m_listener->listen(address, port))
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot listen on %1:%2: %3")
                        .arg(address.toString())
                        .arg(port)
                        .arg(m_listener->errorString()));
    m_ticker.start();
    m_log.info("listening",
               {{"address", address.toString()},
                {"port", m_listener->serverPort()},
                {"tls", bool(tls)},
                {"server", m_db.deviceId()}});
    return {};
}

quint16 SyncServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

void SyncServer::shutdown()
{
    if (m_listener)
        m_listener->close();
    m_ticker.stop();
    m_pushes.clear();
    m_queuedOps = 0;
    m_shuttingDown = true;
    m_log.info("shutting-down", {{"connections", connectionCount()}});
    if (m_peers.empty())
        Q_EMIT shutDown();
    for (const auto &peer : m_peers)
        peer->socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("shutdown"));
}

void SyncServer::accept()
{
    while (m_server->hasPendingConnections()) {
        QWebSocket *socket = m_server->nextPendingConnection();
        socket->setParent(this);
        // Qt refuses a bigger frame itself, with close code 1009 (message too big).
        socket->setMaxAllowedIncomingFrameSize(quint64(m_options.maxMessage));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_options.maxMessage));

        auto peer = std::make_unique<Peer>();
        peer->number = m_nextPeer++;
        peer->socket = socket;
        peer->address = socket->peerAddress().toString() + QLatin1Char(':')
                        + QString::number(socket->peerPort());
        peer->connected.start();
        peer->heard.start();
        peer->pinged.start();
        const quint64 number = peer->number;
        connect(socket,
                &QWebSocket::binaryMessageReceived,
                this,
                [this, number](const QByteArray &frame) { received(number, frame); });
        connect(socket, &QWebSocket::textMessageReceived, this, [this, number](const QString &) {
            if (Peer *peer = find(number))
                refuse(*peer,
                       fatal("malformed",
                             QStringLiteral(
                                 "Text frames are not part of the protocol; send CBOR in "
                                 "binary frames.")));
        });
        connect(socket, &QWebSocket::pong, this, [this, number](quint64, const QByteArray &) {
            if (Peer *peer = find(number))
                peer->heard.restart();
        });
        connect(socket, &QWebSocket::disconnected, this, [this, number] { drop(number); });
        m_log.info("connected", {{"peer", peer->address}, {"connection", number}});
        m_peers.push_back(std::move(peer));
    }
}

SyncServer::Peer *SyncServer::find(quint64 number) const
{
    for (const auto &peer : m_peers) {
        if (peer->number == number)
            return peer.get();
    }
    return nullptr;
}

void SyncServer::drop(quint64 number)
{
    const auto it = std::find_if(m_peers.begin(), m_peers.end(), [number](const auto &peer) {
        return peer->number == number;
    });
    if (it == m_peers.end())
        return;
    QWebSocket *socket = (*it)->socket;
    m_log.info("disconnected",
               {{"connection", number},
                {"device", (*it)->session.deviceId},
                {"code", int(socket->closeCode())},
                {"reason", socket->closeReason()}});
    socket->disconnect(this);
    socket->deleteLater();
    m_peers.erase(it);
    countWorkstations();
    if (m_shuttingDown && m_peers.empty())
        Q_EMIT shutDown();
}

void SyncServer::received(quint64 number, const QByteArray &frame)
{
    Peer *peer = find(number);
    if (!peer)
        return;
    peer->heard.restart();
    auto message = decode(frame, m_options.maxMessage);
    if (!message) {
        refuse(*peer, message.error());
        return;
    }
    const QString type = typeOf(*message);
    if (!peer->welcomed) {
        if (type == QLatin1String("hello"))
            hello(*peer, *message);
        else
            refuse(*peer,
                   fatal("not-authenticated",
                         QStringLiteral("The first message must be \"hello\".")));
        return;
    }
    if (type == QLatin1String("push"))
        queuePush(*peer, *message);
    else if (type == QLatin1String("pull"))
        pull(*peer, *message);
    else if (type == QLatin1String("hello"))
        refuse(*peer, fatal("malformed", QStringLiteral("\"hello\" was already sent.")));
    else
        refuse(*peer,
               nonFatal("unknown-type", QStringLiteral("Unknown message type \"%1\".").arg(type)),
               message->value(key("id")));
}

void SyncServer::hello(Peer &peer, const QCborMap &message)
{
    auto proto = requireInteger(message, "proto");
    if (!proto) {
        refuse(peer, proto.error());
        return;
    }
    if (*proto != protocolVersion) {
        refuse(peer,
               fatal("protocol-version",
                     QStringLiteral("This server speaks sync protocol %1, not %2; update the "
                                    "workstation or the server.")
                         .arg(protocolVersion)
                         .arg(*proto)));
        return;
    }
    auto schema = requireInteger(message, "schema");
    auto device = requireText(message, "device");
    auto token = requireText(message, "token");
    if (!schema || !device || !token) {
        refuse(peer, !schema ? schema.error() : !device ? device.error() : token.error());
        return;
    }
    if (device->isEmpty() || device->size() > maxDeviceIdLength) {
        refuse(peer,
               fatal("malformed", QStringLiteral("The device id must be 1 to 100 characters.")));
        return;
    }
    if (*schema > m_db.schemaVersion()) {
        refuse(peer,
               fatal("schema-version",
                     QStringLiteral(
                         "The workstation's database is schema %1, newer than the server's "
                         "%2; update the server first.")
                         .arg(*schema)
                         .arg(m_db.schemaVersion())));
        return;
    }
    auto grant = m_tokens.authenticate(*token, m_clock.now());
    if (!grant) {
        m_log.warning("auth-refused",
                      {{"connection", peer.number},
                       {"peer", peer.address},
                       {"device", *device},
                       {"code", grant.error().code}});
        refuse(peer, {grant.error().code, grant.error().message, true});
        return;
    }
    auto known = m_store.device(*device);
    if (!known) {
        refuse(peer, fatal("unavailable", known.error().message));
        return;
    }
    if (auto diverged = known->anchor.checkHello(message.value(key("chain")).toMap())) {
        m_log.warning("history-diverged",
                      {{"connection", peer.number},
                       {"peer", peer.address},
                       {"device", *device},
                       {"token", grant->name},
                       {"chain_seq", known->anchor.seq}});
        m_metrics.increment(Metrics::historyRefusals);
        refuse(peer, *diverged);
        return;
    }
    const qint64 *acked = &known->acked;
    // A device connects once: a newer connection (a restarted workstation) replaces an
    // older one, which may be half-open.
    for (const auto &other : m_peers) {
        if (other.get() != &peer && other->welcomed && other->session.deviceId == *device)
            other->socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("replaced"));
    }
    peer.welcomed = true;
    countWorkstations();
    peer.session.deviceId = *device;
    peer.session.token = *grant;
    peer.token = *token;
    QCborArray warehouses;
    for (const QString &code : grant->warehouseCodes)
        warehouses.append(code);
    send(peer,
         {{key("t"), QStringLiteral("welcome")},
          {key("proto"), protocolVersion},
          {key("server"), m_db.deviceId()},
          {key("role"), toString(grant->role)},
          {key("warehouses"), warehouses},
          {key("acked"), *acked},
          {key("chain"),
           QCborMap{{key("seq"), known->anchor.seq},
                    {key("link"),
                     known->anchor.isRecorded() ? QCborValue(known->anchor.link)
                                                : QCborValue(nullptr)}}},
          {key("signingKey"), m_options.signingKey},
          {key("maxMessage"), m_options.maxMessage},
          {key("maxBatch"), m_options.maxBatch},
          {key("maxPushes"), maxPushesInFlight},
          {key("heartbeat"), m_options.heartbeatMs}});
    m_log.info("welcome",
               {{"connection", peer.number},
                {"device", *device},
                {"token", grant->name},
                {"role", toString(grant->role)},
                {"acked", *acked}});
}

void SyncServer::pull(Peer &peer, const QCborMap &message)
{
    auto id = requireInteger(message, "id");
    if (!id) {
        refuse(peer, id.error());
        return;
    }
    Cursor cursor;
    const QCborValue cursorValue = message.value(key("cursor"));
    if (!cursorValue.isUndefined() && !cursorValue.isNull()) {
        auto read = cursorValue.isByteArray() ? Cursor::fromBytes(cursorValue.toByteArray())
                                              : std::unexpected(ProtocolError{});
        if (!read) {
            refuse(peer,
                   fatal("malformed",
                         QStringLiteral("\"cursor\" is not a cursor this server made.")));
            return;
        }
        cursor = *read;
    }
    const QCborValue limitValue = message.value(key("limit"));
    const int limit = limitValue.isInteger()
                          ? int(std::clamp<qint64>(cborInteger(limitValue), 1, maxPullLimit))
                          : defaultPullLimit;
    QElapsedTimer timer;
    timer.start();
    auto page = m_feed.pull(peer.session.token, peer.session.deviceId, cursor, limit);
    if (!page) {
        m_log.error("pull-failed",
                    {{"device", peer.session.deviceId}, {"reason", page.error().message}});
        refuse(peer,
               nonFatal("unavailable",
                        QStringLiteral("The server could not read its database; try again later.")),
               *id);
        return;
    }
    send(peer,
         {{key("t"), QStringLiteral("changes")},
          {key("id"), *id},
          {key("items"), page->items},
          {key("cursor"), page->cursor.toBytes()},
          {key("more"), page->more}});
    if (!page->items.isEmpty())
        m_log.info("pull",
                   {{"device", peer.session.deviceId},
                    {"items", page->items.size()},
                    {"more", page->more},
                    {"ms", timer.elapsed()}});
}

void SyncServer::queuePush(Peer &peer, const QCborMap &message)
{
    auto id = requireInteger(message, "id");
    auto ops = requireArray(message, "ops");
    if (!id || !ops) {
        refuse(peer, !id ? id.error() : ops.error());
        return;
    }
    if (ops->size() > m_options.maxBatch) {
        refuse(peer,
               fatal("too-large",
                     QStringLiteral("A push holds at most %1 operations, not %2.")
                         .arg(m_options.maxBatch)
                         .arg(ops->size())),
               *id);
        return;
    }
    if (peer.pushesQueued >= maxPushesInFlight) {
        refuse(peer,
               nonFatal("busy",
                        QStringLiteral("Wait for an answer: %1 pushes are waiting already.")
                            .arg(maxPushesInFlight)),
               *id);
        return;
    }
    // What all connections have waiting is bounded too, so that many workstations
    // catching up at once cannot fill the server's memory; each may still have one.
    if (peer.pushesQueued > 0 && m_queuedOps + ops->size() > m_options.maxQueuedOps) {
        refuse(peer,
               nonFatal("busy",
                        QStringLiteral("The server has %1 operations waiting; wait for an "
                                       "answer.")
                            .arg(m_queuedOps)),
               *id);
        return;
    }
    ++peer.pushesQueued;
    m_queuedOps += ops->size();
    m_pushes.enqueue({peer.number, *id, *ops, message.value(key("chain")).toMap()});
    if (m_pushes.size() == 1)
        QTimer::singleShot(0, this, &SyncServer::applyNextPush);
}

void SyncServer::applyNextPush()
{
    if (m_applying)
        return; // the writer takes what waits when it is done with its group
    // Group commit: the pushes waiting now, from one device or many, are applied in one
    // transaction (one commit, and each page they change written once) up to
    // pushGroupOps operations; the rest wait for the next turn.
    QList<QueuedPush> taken;
    QList<PushRequest> requests;
    qsizetype ops = 0;
    while (!m_pushes.isEmpty()) {
        if (!requests.isEmpty() && ops + m_pushes.head().ops.size() > m_options.pushGroupOps)
            break;
        const QueuedPush queued = m_pushes.dequeue();
        m_queuedOps -= queued.ops.size();
        Peer *peer = find(queued.peer);
        if (!peer)
            continue; // gone: it resends after reconnecting, and a replay is answered the same
        --peer->pushesQueued;
        // A token revoked while connected stops working at the next push (once the revocation
        // reaches this server: TokenStore remembers a valid grant for grantLifetime).
        auto grant = m_tokens.authenticate(peer->token, m_clock.now());
        if (!grant) {
            refuse(*peer, {grant.error().code, grant.error().message, true}, queued.id);
            continue;
        }
        peer->session.token = *grant;
        requests.append({peer->session, queued.ops, queued.chain});
        taken.append(queued);
        ops += queued.ops.size();
    }
    if (!m_pushes.isEmpty())
        QTimer::singleShot(0, this, &SyncServer::applyNextPush);
    if (requests.isEmpty())
        return;

    if (!m_pushWriter) {
        QElapsedTimer timer;
        timer.start();
        const PushGroupOutcome outcome = m_store.pushGroup(requests);
        answerGroup(taken, outcome, double(timer.nsecsElapsed()) / 1e9);
        return;
    }
    // On the writer's thread; meanwhile this thread reads and queues the next pushes.
    m_applying = true;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_pushWriter->submitPushes(requests, [this, taken, timer](const PushGroupOutcome &outcome) {
        const double seconds = double(timer->nsecsElapsed()) / 1e9;
        // The writer starts on the next group before this thread answers the last one.
        m_applying = false;
        if (!m_pushes.isEmpty())
            applyNextPush();
        answerGroup(taken, outcome, seconds);
    });
}

void SyncServer::answerGroup(const QList<QueuedPush> &taken,
                             const PushGroupOutcome &outcome,
                             double seconds)
{
    m_metrics.observe(Metrics::databaseSeconds, {{"caller", QStringLiteral("push")}}, seconds);
    if (outcome.groupError) {
        m_log.warning("push-group-failed",
                      {{"pushes", taken.size()}, {"reason", outcome.groupError->message}});
    }
    for (qsizetype i = 0; i < taken.size(); ++i)
        answerPush(taken.at(i),
                   outcome.pushes.at(i),
                   seconds,
                   outcome.groupError ? 1 : taken.size());
}

void SyncServer::answerPush(const QueuedPush &push,
                            const Result<PushOutcome> &pushed,
                            double seconds,
                            qsizetype group)
{
    m_metrics.observe(Metrics::pushSeconds, {}, seconds);
    Peer *peer = find(push.peer);
    if (!peer)
        return; // gone meanwhile: a replay of the push is answered from what is stored
    const QString &device = peer->session.deviceId;
    if (!pushed) {
        m_log.error("push-failed",
                    {{"device", device},
                     {"ops", push.ops.size()},
                     {"reason", pushed.error().message}});
        refuse(*peer,
               nonFatal("unavailable",
                        QStringLiteral(
                            "The server could not write its database; try again later.")),
               push.id);
        return;
    }
    if (pushed->refusal) {
        if (pushed->refusal->code == QLatin1String("history-diverged"))
            m_metrics.increment(Metrics::historyRefusals);
        m_log.warning("push-refused",
                      {{"device", device},
                       {"code", pushed->refusal->code},
                       {"acked", pushed->acked}});
        refuse(*peer, *pushed->refusal, push.id, {{key("acked"), pushed->acked}});
        return;
    }
    send(*peer,
         {{key("t"), QStringLiteral("pushed")},
          {key("id"), push.id},
          {key("results"), pushed->results},
          {key("acked"), pushed->acked}});
    QHash<QString, int> counts;
    for (const QCborValue &result : std::as_const(pushed->results)) {
        const QCborMap map = result.toMap();
        if (map.value(key("replayed")).toBool())
            continue; // counted when it was applied
        const QString outcome = map.value(key("outcome")).toString();
        ++counts[outcome];
        if (outcome == QLatin1String("rejected"))
            m_metrics.increment(Metrics::rejections,
                                {{"reason", map.value(key("reason")).toString()}});
    }
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        m_metrics.increment(Metrics::operations, {{"outcome", it.key()}}, it.value());
    m_metrics.increment(Metrics::movements, {}, double(pushed->movements));
    // ms: the time of the transaction the push was applied in, shared by group pushes.
    m_log.info("push",
               {{"device", device},
                {"ops", push.ops.size()},
                {"acked", pushed->acked},
                {"applied", counts.value(QStringLiteral("applied"))},
                {"rebased", counts.value(QStringLiteral("rebased"))},
                {"conflict", counts.value(QStringLiteral("conflict"))},
                {"rejected", counts.value(QStringLiteral("rejected"))},
                {"ms", qint64(seconds * 1000)},
                {"group", group}});
    notify(peer, pushed->warehouses, pushed->changedMasterData);
}

void SyncServer::notifyChanged(const QSet<qint64> &warehouses, bool masterData)
{
    notify(nullptr, warehouses, masterData);
}

void SyncServer::notify(const Peer *from, const QSet<qint64> &warehouses, bool masterData)
{
    if (warehouses.isEmpty() && !masterData)
        return;
    const QCborMap message{{key("t"), QStringLiteral("notify")}};
    for (const auto &peer : m_peers) {
        if (peer.get() == from || !peer->welcomed)
            continue;
        bool sees = masterData;
        for (auto it = warehouses.cbegin(); !sees && it != warehouses.cend(); ++it)
            sees = peer->session.token.maySee(*it);
        if (sees)
            send(*peer, message);
    }
}

void SyncServer::countWorkstations()
{
    const auto welcomed = std::count_if(m_peers.cbegin(), m_peers.cend(), [](const auto &peer) {
        return peer->welcomed;
    });
    m_metrics.set(Metrics::workstations, {}, double(welcomed));
}

void SyncServer::send(const Peer &peer, const QCborMap &message)
{
    peer.socket->sendBinaryMessage(encode(message));
}

void SyncServer::refuse(Peer &peer,
                        const ProtocolError &error,
                        const QCborValue &requestId,
                        const QCborMap &extra)
{
    QCborMap message = errorMessage(error, requestId);
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        message.insert(it.key(), it.value());
    send(peer, message);
    if (!error.fatal)
        return;
    m_log.warning("refused",
                  {{"connection", peer.number},
                   {"peer", peer.address},
                   {"device", peer.session.deviceId},
                   {"code", error.code},
                   {"reason", error.message}});
    peer.socket->close(QWebSocketProtocol::CloseCodePolicyViolated, error.code);
}

void SyncServer::tick()
{
    const qint64 silenceLimit = 3 * qint64(m_options.heartbeatMs);
    QList<quint64> numbers;
    for (const auto &peer : m_peers)
        numbers.append(peer->number);
    // Refusing or aborting can drop a peer at once, so look each one up again.
    for (quint64 number : std::as_const(numbers)) {
        Peer *peer = find(number);
        if (!peer)
            continue;
        if (!peer->welcomed && peer->connected.elapsed() > m_options.helloTimeoutMs) {
            refuse(*peer,
                   fatal("not-authenticated",
                         QStringLiteral("No \"hello\" within %1 ms.").arg(m_options.helloTimeoutMs)));
        } else if (peer->heard.elapsed() > silenceLimit) {
            m_log.warning("silent", {{"connection", number}, {"device", peer->session.deviceId}});
            peer->socket->abort();
        } else if (peer->pinged.elapsed() >= m_options.heartbeatMs) {
            peer->pinged.restart();
            peer->socket->ping();
        }
    }
}

} // namespace Stockroom::Sync
