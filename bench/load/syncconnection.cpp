#include "syncconnection.h"

#include "sync/protocol/protocol.h"

#include <QCborMap>
#include <QCborValue>

namespace Stockroom::Load {

using Sync::key;

SyncConnection::SyncConnection(const QUrl &url,
                               QString token,
                               QString deviceId,
                               qint64 schemaVersion)
    : m_token(std::move(token))
    , m_deviceId(std::move(deviceId))
    , m_schemaVersion(schemaVersion)
{
    QObject::connect(&m_socket, &QWebSocket::connected, [this] {
        Sync::setLowDelay(m_socket);
        const QCborMap hello{{key("t"), QStringLiteral("hello")},
                             {key("proto"), 1},
                             {key("schema"), m_schemaVersion},
                             {key("device"), m_deviceId},
                             {key("token"), m_token}};
        m_socket.sendBinaryMessage(QCborValue(hello).toCbor());
    });
    QObject::connect(&m_socket,
                     &QWebSocket::binaryMessageReceived,
                     [this](const QByteArray &bytes) { received(bytes); });
    QObject::connect(&m_socket, &QWebSocket::disconnected, [this] {
        m_welcomed = false;
        finish({{}, QStringLiteral("disconnected: %1").arg(m_socket.closeReason()), 0});
    });
    m_socket.open(url);
}

void SyncConnection::push(const QCborArray &ops, Done done)
{
    m_done = std::move(done);
    m_pending = ops;
    m_timer.start();
    if (m_welcomed)
        sendPending();
}

void SyncConnection::sendPending()
{
    const QCborMap push{{key("t"), QStringLiteral("push")},
                        {key("id"), ++m_requestId},
                        {key("ops"), m_pending}};
    m_socket.sendBinaryMessage(QCborValue(push).toCbor());
}

void SyncConnection::received(const QByteArray &bytes)
{
    const QCborMap message = QCborValue::fromCbor(bytes).toMap();
    const QString type = message.value(key("t")).toString();
    if (type == QLatin1String("welcome")) {
        m_welcomed = true;
        m_seq = std::max(m_seq, message.value(key("acked")).toInteger());
        if (m_done)
            sendPending();
    } else if (type == QLatin1String("pushed")) {
        finish({message.value(key("results")).toArray(), {}, 0});
    } else if (type == QLatin1String("error")) {
        finish({{}, message.value(key("code")).toString(), 0});
    }
    // notify and pong need nothing from a pusher.
}

void SyncConnection::finish(const PushAnswer &answer)
{
    if (!m_done)
        return;
    PushAnswer timed = answer;
    timed.seconds = double(m_timer.nsecsElapsed()) / 1e9;
    auto done = std::exchange(m_done, {});
    done(timed);
}

} // namespace Stockroom::Load
