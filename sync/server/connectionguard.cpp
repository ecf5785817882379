#include "connectionguard.h"

#include "eventlog.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <utility>

namespace Stockroom::Sync {

namespace {

// A plain listener that asks the guard before it queues a socket for its server.
class GuardedTcpServer final : public QTcpServer
{
public:
    GuardedTcpServer(ConnectionGuard &guard, QObject *parent)
        : QTcpServer(parent)
        , m_guard(guard)
    {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        if (m_guard.admit(socket))
            addPendingConnection(socket);
    }

private:
    ConnectionGuard &m_guard;
};

} // namespace

ConnectionGuard::ConnectionGuard(QString port, Caps caps, EventLog &log, QObject *parent)
    : QObject(parent)
    , m_port(std::move(port))
    , m_caps(caps)
    , m_log(log)
{}

QTcpServer *ConnectionGuard::listener(const std::optional<QSslConfiguration> &tls, QObject *parent)
{
    if (!tls)
        return new GuardedTcpServer(*this, parent);
    // QSslServer makes the socket itself and starts the handshake at once; it is counted,
    // or aborted, as the handshake starts (QSslServer's own timeout ends a handshake that
    // does not finish).
    auto *secure = new QSslServer(parent);
    secure->setSslConfiguration(*tls);
    connect(secure, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) {
        admit(socket);
    });
    return secure;
}

bool ConnectionGuard::admit(QAbstractSocket *socket)
{
    const QHostAddress address = socket->peerAddress();
    int &fromAddress = m_byAddress[address];
    if (m_open >= m_caps.total || fromAddress >= m_caps.perAddress) {
        if (fromAddress == 0)
            m_byAddress.remove(address);
        ++m_refused;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastRefusalLogged >= 1000) {
            m_lastRefusalLogged = now;
            m_log.warning("connection-refused",
                          {{"port", m_port},
                           {"peer", address.toString()},
                           {"open", m_open},
                           {"refused", m_refused}});
        }
        socket->abort();
        socket->deleteLater();
        return false;
    }
    ++m_open;
    ++fromAddress;
    // Released when the connection ends, or the socket goes, whichever comes first: an
    // upgraded WebSocket keeps its TCP socket object after the peer is gone.
    auto released = std::make_shared<bool>(false);
    const auto release = [this, address, released] {
        if (std::exchange(*released, true))
            return;
        --m_open;
        if (auto it = m_byAddress.find(address); it != m_byAddress.end() && --*it <= 0)
            m_byAddress.erase(it);
    };
    connect(socket, &QAbstractSocket::disconnected, this, release);
    connect(socket, &QObject::destroyed, this, release);
    if (m_caps.idleMs > 0)
        watchIdle(socket);
    return true;
}

void ConnectionGuard::watchIdle(QAbstractSocket *socket)
{
    // Bytes in either direction are activity; a connection quiet for idleMs is closed.
    auto *timer = new QTimer(socket);
    timer->setSingleShot(true);
    timer->setInterval(m_caps.idleMs);
    const auto restart = [timer] {
        timer->start();
    };
    connect(socket, &QIODevice::readyRead, timer, restart);
    connect(socket, &QIODevice::bytesWritten, timer, restart);
    connect(timer, &QTimer::timeout, socket, [socket] {
        // Closed, not aborted: a reply being written still goes out.
        socket->disconnectFromHost();
    });
    timer->start();
}

} // namespace Stockroom::Sync
