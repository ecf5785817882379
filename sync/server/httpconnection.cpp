#include "httpconnection.h"

#include "restjson.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpSocket>

namespace Stockroom::Sync {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    }
}

// RFC 9110 5.6.7's IMF-fixdate, made once a second.
QByteArray httpDate()
{
    static qint64 second = -1;
    static QByteArray text;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (const qint64 current = now.toSecsSinceEpoch(); current != second) {
        second = current;
        text = QLocale::c().toString(now, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
    }
    return text;
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, HttpLimits limits, int requestMs, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_parser(limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(socketBuffer);
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(requestMs);
    connect(&m_deadline, &QTimer::timeout, this, &HttpConnection::expire);
    m_lingerQuiet.setSingleShot(true);
    m_lingerQuiet.setInterval(lingerQuietMs);
    connect(&m_lingerQuiet, &QTimer::timeout, this, &HttpConnection::close);
    connect(m_socket, &QIODevice::readyRead, this, &HttpConnection::readMore);
    connect(m_socket, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    // Bytes that arrived with the connection (a TLS handshake's last flight, say).
    QMetaObject::invokeMethod(this, &HttpConnection::readMore, Qt::QueuedConnection);
}

void HttpConnection::readMore()
{
    if (m_lingering) {
        discard();
        return;
    }
    if (m_busy || m_finishing || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    handle(m_parser.feed(bytes));
}

void HttpConnection::handle(HttpRequestParser::State state)
{
    using State = HttpRequestParser::State;
    switch (state) {
    case State::Empty:
        m_deadline.stop();
        return;
    case State::Headers:
        if (!m_deadline.isActive())
            m_deadline.start();
        return;
    case State::Body:
        if (!m_deadline.isActive())
            m_deadline.start();
        if (m_parser.expectsContinue() && !m_continued) {
            m_continued = true;
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_socket->flush();
        }
        return;
    case State::Complete:
        m_deadline.stop();
        m_busy = true;
        m_head = m_parser.method() == "HEAD";
        m_closeAfter = !m_parser.keepAlive();
        emit received(this, m_parser.takeRequest());
        return;
    case State::Failed:
        m_deadline.stop();
        m_busy = true;
        m_head = m_parser.method() == "HEAD";
        m_closeAfter = true;
        m_refusing = true;
        // A body too large is still coming, and its length is known; after anything else,
        // what follows is unknown.
        m_unreadBody = m_parser.failure().status == 413 ? m_parser.unreadBody() : -1;
        emit refused(this, m_parser.failure());
        return;
    }
}

void HttpConnection::expire()
{
    if (m_busy)
        return;
    m_busy = true;
    m_head = false;
    m_closeAfter = true;
    // The client may still be sending: it reads this answer rather than a reset.
    m_refusing = true;
    m_unreadBody = -1;
    emit refused(this,
                 Rest::problem(408,
                               "request-timeout",
                               QStringLiteral("The request took too long to arrive"),
                               QStringLiteral("A request must arrive whole within %1 ms of its "
                                              "first byte.")
                                   .arg(m_deadline.interval())));
}

void HttpConnection::respond(const HttpReply &reply)
{
    if (!m_busy)
        return;
    const bool closing = m_closeAfter || m_finishing;
    QByteArray bytes;
    bytes.reserve(256 + (m_head ? 0 : reply.body.size()));
    bytes += "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status)
             + "\r\nDate: " + httpDate() + "\r\nContent-Type: " + reply.contentType
             + "\r\nContent-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        bytes += name + ": " + value + "\r\n";
    if (closing)
        bytes += "Connection: close\r\n";
    bytes += "\r\n";
    if (!m_head)
        bytes += reply.body;
    m_socket->write(bytes);
    // Sent now, not when the event loop next finds the socket writable: under load that is
    // after every other ready socket has been read and handled.
    m_socket->flush();
    m_busy = false;
    m_continued = false;
    if (closing) {
        if (m_refusing)
            linger(m_unreadBody);
        else
            close();
        return;
    }
    // A request the client sent behind this one, or bytes the socket holds: read on, after
    // the caller has returned (a pipelined request must not be answered inside this call).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_busy || m_finishing)
                return;
            handle(m_parser.resume());
            readMore();
        },
        Qt::QueuedConnection);
}

void HttpConnection::finishUp()
{
    m_finishing = true;
    if (!m_busy)
        close();
}

void HttpConnection::linger(qint64 expected)
{
    if (expected == 0) {
        close();
        return;
    }
    m_lingering = true;
    m_finishing = true;
    m_lingerLeft = expected > 0 ? std::min(expected, lingerBytes) : lingerBytes;
    // Whatever the client does, the connection closes within lingerMs.
    QTimer::singleShot(lingerMs, this, &HttpConnection::close);
    m_lingerQuiet.start();
    discard();
}

void HttpConnection::discard()
{
    while (m_lingerLeft > 0 && m_socket->bytesAvailable() > 0) {
        char scrap[16 * 1024];
        const qint64 read = m_socket->read(scrap, std::min<qint64>(sizeof scrap, m_lingerLeft));
        if (read <= 0)
            break;
        m_lingerLeft -= read;
        m_lingerQuiet.start();
    }
    if (m_lingerLeft <= 0)
        close();
}

void HttpConnection::close()
{
    m_lingering = false;
    m_lingerQuiet.stop();
    m_deadline.stop();
    m_finishing = true;
    // What was written still goes out before the connection closes; a client that does not
    // read it is cut off after the request deadline.
    m_socket->disconnectFromHost();
    if (m_socket->state() == QAbstractSocket::UnconnectedState)
        deleteLater();
    else
        QTimer::singleShot(m_deadline.interval(), m_socket, &QAbstractSocket::abort);
}

} // namespace Stockroom::Sync
