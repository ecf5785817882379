#pragma once

// HttpConnection: one client's HTTP/1.1 connection to RestServer.
//
// Requests are read through HttpRequestParser, one at a time: the next request is not read
// until the one in hand has been answered, and the socket's own buffer is bounded, so a client
// that sends faster than it is answered is held back by TCP, not by the server's memory. A
// request must arrive whole within requestMs of its first byte; one that does not (headers
// sent a byte at a time, a body that never ends) is answered 408 and the connection closed.
// Refusals (malformed, too large, too slow) are answered like requests and then close the
// connection: after one, the next request cannot be found reliably in what follows. Before
// it closes, the connection reads and drops what the client is still sending (a body refused
// as too large, say), for a bounded time and number of bytes: closing on unread bytes resets
// the connection, and the client would lose the answer that says why.
//
// The connection owns its socket and deletes itself once the socket has disconnected.

#include "httpmessage.h"
#include "httprequestparser.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace Stockroom::Sync {

class HttpConnection : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 socketBuffer = 64 * 1024;
    // What a refused client may still send, dropped unread, before the connection closes.
    static constexpr qint64 lingerBytes = 8 * 1024 * 1024;
    static constexpr int lingerMs = 2000;
    static constexpr int lingerQuietMs = 500;

    // Takes socket (connected) over.
    HttpConnection(QTcpSocket *socket, HttpLimits limits, int requestMs, QObject *parent = nullptr);

    // Answers the request in hand (from received() or refused()); HEAD gets no body. The
    // connection then reads the next request, or closes if the client, a refusal or
    // finishUp() asked it to.
    void respond(const HttpReply &reply);
    // Takes no request after the one in hand: closes once that is answered, or at once when
    // none is (a request half received is dropped: nothing of it was applied).
    void finishUp();
    // Whether a request is in hand and not yet answered.
    bool busy() const { return m_busy; }

signals:
    void received(Stockroom::Sync::HttpConnection *connection, Stockroom::Sync::HttpCall call);
    // A request refused before it was read whole; reply says why and is to be sent with
    // respond().
    void refused(Stockroom::Sync::HttpConnection *connection,
                 const Stockroom::Sync::HttpReply &reply);

private:
    void readMore();
    void handle(HttpRequestParser::State state);
    void expire();
    void close();
    void linger(qint64 expected);
    void discard();

    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    QTimer m_deadline;
    bool m_busy = false;
    bool m_head = false;       // the request in hand is a HEAD
    bool m_closeAfter = false; // close once the request in hand is answered
    bool m_finishing = false;  // finishUp() was called
    bool m_continued = false;  // "100 Continue" was sent for the request in hand
    bool m_refusing = false;   // the request in hand is a refusal: linger after answering
    qint64 m_unreadBody = 0;   // what a refused client will still send; -1: unknown
    bool m_lingering = false;
    qint64 m_lingerLeft = 0;
    QTimer m_lingerQuiet;
};

} // namespace Stockroom::Sync
