#pragma once

// HttpRequestParser: reads HTTP/1.1 requests from the bytes of one connection, strictly and
// within bounds, before anything else sees them.
//
// Every limit is checked before the bytes it bounds are kept: a request line or a header
// section too long is refused as soon as it is longer than allowed, and a body too large is
// refused by its Content-Length, before one byte of it is read. No token is needed for a
// refusal. What RFC 9112 lets a server be lenient about is refused here (with 400) when a
// proxy in front could read it another way: a Content-Length that is not a plain decimal
// number, given twice, or beside a Transfer-Encoding; a header folded over lines; a
// control character or NUL; a bare CR or LF; a version other than HTTP/1.0 and HTTP/1.1.
// Bodies come with Content-Length only: a chunked body is refused with 411.
//
// The parser owns no socket: feed it what arrived and ask what it has. After a failure the
// connection is unusable (the next request cannot be found reliably) and must be closed.

#include "httpmessage.h"

#include <QByteArray>
#include <QString>

namespace Stockroom::Sync {

struct HttpLimits
{
    qsizetype requestLine = 8 * 1024;    // method, target and version
    qsizetype headerSection = 32 * 1024; // the request line and every header, with line ends
    int headerCount = 100;
    qint64 body = 1024 * 1024;
};

class HttpRequestParser
{
public:
    enum class State {
        Empty,    // nothing of the next request yet
        Headers,  // part of its request line or headers
        Body,     // its headers, and part of its body
        Complete, // a whole request: takeRequest()
        Failed,   // failure() says why; close the connection after answering it
    };

    explicit HttpRequestParser(HttpLimits limits = {});

    // Adds bytes received and parses as far as they go. Bytes past a complete request are
    // kept for the next one.
    State feed(QByteArrayView bytes);
    State state() const { return m_state; }

    // Parses what is kept again (after takeRequest(), for a pipelined request).
    State resume();

    // The request, once Complete; the parser then starts on the next one.
    HttpCall takeRequest();
    // Whether the connection stays open after the request taken (HTTP/1.1 unless
    // "Connection: close"; HTTP/1.0 only with "Connection: keep-alive").
    bool keepAlive() const { return m_keepAlive; }
    // Whether the client waits for "100 Continue" before it sends the body (Body state).
    bool expectsContinue() const { return m_expectsContinue; }
    // The method of the request in hand, once its request line was read (for HEAD).
    const QByteArray &method() const { return m_call.method; }

    // Why the request was refused (Failed): a problem reply (400, 411, 413, 414, 417, 431,
    // 501) for the client.
    const HttpReply &failure() const { return m_failure; }

    // Of a body refused as too large (413), the bytes the client will still send.
    qint64 unreadBody() const { return m_unreadBody; }

    // Bytes kept and not yet parsed into a request (bounded by the limits).
    qsizetype buffered() const { return m_buffer.size(); }

private:
    State parseHead(qsizetype end);
    // Fails (414, 431) and says so when the request line or the head, as far as it has
    // arrived, is past its limit.
    bool headTooLarge(qsizetype lineLength, qsizetype headLength);
    State fail(int status, const char *type, const QString &title, const QString &detail);
    State parse();

    HttpLimits m_limits;
    State m_state = State::Empty;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // where the search for the header section's end resumes
    HttpCall m_call;
    qint64 m_bodyLength = 0;
    qint64 m_unreadBody = 0;
    qsizetype m_blankSkipped = 0; // empty lines before the request line, which RFC 9112 allows
    bool m_keepAlive = true;
    bool m_expectsContinue = false;
    HttpReply m_failure;
};

} // namespace Stockroom::Sync
