#pragma once

// ConnectionGuard: what one listening port lets in. It counts the port's open connections,
// in all and per peer address, and refuses one beyond either cap at once (the socket is
// aborted before anything is read from it), so that one host's idle or slow connections
// cannot use up the server's descriptors and shut everyone else out. With an idle limit,
// a connection that sends and receives nothing for that long is closed.
//
// listener() makes the port's QTcpServer (QSslServer for TLS) that hands every accepted
// socket to admit() first: plain and TLS listeners alike are guarded.

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <optional>

class QAbstractSocket;
class QTcpServer;

namespace Stockroom::Sync {

class EventLog;

class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    struct Caps
    {
        int total = 4096;
        int perAddress = 256;
        int idleMs = 0; // 0: no idle limit
    };

    // port names it in the log ("sync", "http"); log must outlive the guard.
    ConnectionGuard(QString port, Caps caps, EventLog &log, QObject *parent = nullptr);

    // A listener whose accepted sockets pass admit() before anyone reads them; owned by
    // parent.
    QTcpServer *listener(const std::optional<QSslConfiguration> &tls, QObject *parent);

    // Counts socket until it is destroyed, or aborts it when a cap is reached. False for a
    // socket refused.
    bool admit(QAbstractSocket *socket);

    int open() const { return m_open; }
    qint64 refused() const { return m_refused; }

private:
    void watchIdle(QAbstractSocket *socket);

    QString m_port;
    Caps m_caps;
    EventLog &m_log;
    int m_open = 0;
    qint64 m_refused = 0;
    QHash<QHostAddress, int> m_byAddress;
    qint64 m_lastRefusalLogged = 0; // ms since epoch: refusals are logged once a second
};

} // namespace Stockroom::Sync
