#include "httpconnection.h"

namespace Stockroom::Load {

HttpConnection::HttpConnection(const QString &host, quint16 port, QByteArray token)
    : m_host(host)
    , m_port(port)
    , m_token(std::move(token))
{
    QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { readAnswer(); });
    QObject::connect(&m_socket, &QTcpSocket::connected, [this] {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket.write(m_pending);
        m_pending.clear();
    });
    QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] { fail(); });
    QObject::connect(&m_socket, &QTcpSocket::errorOccurred, [this] { fail(); });
}

void HttpConnection::send(const QByteArray &method,
                          const QByteArray &path,
                          const QByteArray &body,
                          const QByteArray &idempotencyKey,
                          Done done)
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_host.toLatin1()
                         + "\r\nAuthorization: Bearer " + m_token + "\r\n";
    if (!idempotencyKey.isEmpty())
        request += "Idempotency-Key: " + idempotencyKey + "\r\n";
    if (!body.isEmpty())
        request += "Content-Type: application/json\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    // A socket the server closed, but not yet all the way, would never connect again: the
    // request waits on a fresh connection instead.
    if (m_socket.state() != QAbstractSocket::ConnectedState
        && m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
    m_done = std::move(done);
    m_buffer.clear();
    m_timer.start();
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.write(request);
    } else {
        m_pending = request;
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            m_socket.connectToHost(m_host, m_port);
    }
}

void HttpConnection::readAnswer()
{
    m_buffer += m_socket.readAll();
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0 || !m_done)
        return;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    qsizetype length = 0;
    for (const QByteArray &line : lines) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    if (m_buffer.size() < headerEnd + 4 + length)
        return;
    HttpAnswer answer;
    answer.status = lines.constFirst().split(' ').value(1).toInt();
    answer.body = m_buffer.mid(headerEnd + 4, length);
    answer.seconds = double(m_timer.nsecsElapsed()) / 1e9;
    m_buffer.remove(0, headerEnd + 4 + length);
    Done done = std::move(m_done);
    m_done = nullptr;
    done(answer);
}

void HttpConnection::fail()
{
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    HttpAnswer answer;
    answer.body = m_socket.errorString().toUtf8();
    answer.seconds = double(m_timer.nsecsElapsed()) / 1e9;
    m_socket.abort();
    done(answer);
}

} // namespace Stockroom::Load
