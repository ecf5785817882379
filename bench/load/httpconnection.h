#pragma once

// HttpConnection: one keep-alive HTTP/1.1 connection of the load generator, one request at
// a time, as a client that waits for each answer does. Plain sockets rather than
// QNetworkAccessManager, which shares six connections per host among all its requests:
// a hundred clients must be a hundred connections.

#include <QByteArray>
#include <QElapsedTimer>
#include <QTcpSocket>

#include <functional>

namespace Stockroom::Load {

struct HttpAnswer
{
    int status = 0; // 0: no answer (the connection failed or closed)
    QByteArray body;
    double seconds = 0;
};

class HttpConnection
{
public:
    using Done = std::function<void(const HttpAnswer &)>;

    HttpConnection(const QString &host, quint16 port, QByteArray token);

    void send(const QByteArray &method,
              const QByteArray &path,
              const QByteArray &body,
              const QByteArray &idempotencyKey,
              Done done);
    bool busy() const { return bool(m_done); }

private:
    void readAnswer();
    void fail();

    QString m_host;
    quint16 m_port;
    QByteArray m_token;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_pending; // written once connected
    QElapsedTimer m_timer;
    Done m_done;
};

} // namespace Stockroom::Load
