// The HTTP port on the wire, against a real stockroom-server: what an attacker's raw bytes
// get (a body too large, an endless header, headers sent a byte at a time, requests that
// could be read two ways), what a well-behaved client gets (pipelining, 100-continue), and
// what SIGTERM does to requests in flight. Every send, wait and count is bounded.

#include "httpclient.h"
#include "tests/support/sync/syncharness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSslSocket>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace Stockroom::Test {
namespace {

constexpr int requestMs = 1000;

struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;
};

// The whole responses in bytes, in order.
QList<RawResponse> responsesIn(QByteArray bytes)
{
    QList<RawResponse> responses;
    while (true) {
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        if (end < 0 || !bytes.startsWith("HTTP/1.1 "))
            return responses;
        RawResponse response;
        response.head = bytes.left(end);
        response.status = bytes.mid(9, 3).toInt();
        qint64 length = 0;
        for (const QByteArray &line : response.head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (bytes.size() < end + 4 + length)
            return responses;
        response.body = bytes.mid(end + 4, length);
        bytes.remove(0, end + 4 + length);
        responses.append(response);
    }
}

// A connection that writes raw bytes and collects what comes back.
class RawConnection
{
public:
    // Over TLS (the server's certificate taken as it is) when tls is set.
    explicit RawConnection(const QUrl &base, bool tls = false)
    {
        if (tls) {
            m_socket.setPeerVerifyMode(QSslSocket::VerifyNone);
            m_socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), quint16(base.port()));
            if (!m_socket.waitForEncrypted(5000)) {
                ADD_FAILURE() << "no TLS: " << m_socket.errorString().toStdString();
            }
            return;
        }
        m_socket.connectToHost(QHostAddress::LocalHost, quint16(base.port()));
        if (!m_socket.waitForConnected(2000)) {
            ADD_FAILURE() << "cannot connect: " << m_socket.errorString().toStdString();
        }
    }

    // Writes bytes and waits until the socket took them; false once the server has closed.
    bool write(const QByteArray &bytes)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            collect(0);
            return false;
        }
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0) {
            if (!m_socket.waitForBytesWritten(2000))
                return false;
        }
        collect(0);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }

    // Waits up to ms for count whole responses (or the server's close); the responses.
    QList<RawResponse> responses(int count = 1, int ms = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (responsesIn(m_received).size() < count && timer.elapsed() < ms
               && m_socket.state() == QAbstractSocket::ConnectedState)
            collect(50);
        return responsesIn(m_received);
    }

    // Waits up to ms for the server to close the connection; whether it did.
    bool closedWithin(int ms)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < ms)
            collect(50);
        return m_socket.state() != QAbstractSocket::ConnectedState;
    }

    const QByteArray &received() const { return m_received; }

private:
    void collect(int ms)
    {
        m_socket.waitForReadyRead(ms);
        m_received += m_socket.readAll();
    }

    QSslSocket m_socket;
    QByteArray m_received;
};

class HttpFrontTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        startServer({QStringLiteral("--http"),
                     QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--http-request-ms"),
                     QString::number(requestMs)});
    }

    // The server's resident memory now, in kB (0 where /proc does not say).
    qint64 residentKb()
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(server->pid()));
        if (!status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
        return 0;
    }

    QByteArray receiptRequest(int key) const
    {
        const QByteArray body = R"({"product":"P-1","location":"A-1","quantity":1})";
        return "POST /api/v1/receipts HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
               + tokens.value(QStringLiteral("wh-a")).toLatin1()
               + "\r\nContent-Type: application/json\r\nIdempotency-Key: drain-"
               + QByteArray::number(key) + "\r\nContent-Length: " + QByteArray::number(body.size())
               + "\r\n\r\n" + body;
    }
};

TEST_F(HttpFrontTest, ABodyTooLargeIsRefusedByItsLengthBeforeOneByteOfItIsSent)
{
    const qint64 before = residentKb();
    RawConnection connection(server->httpUrl());
    // No token: the refusal needs none.
    ASSERT_TRUE(connection.write("POST /api/v1/receipts HTTP/1.1\r\nHost: test\r\n"
                                 "Content-Length: 500000000\r\n\r\n"));
    const QList<RawResponse> answers = connection.responses();
    ASSERT_EQ(answers.size(), 1) << connection.received().toStdString();
    EXPECT_EQ(answers.at(0).status, 413);
    EXPECT_TRUE(answers.at(0).head.contains("Connection: close"));
    EXPECT_TRUE(answers.at(0).body.contains("payload-too-large"));
    // The client may send on for a moment (so that it reads the answer rather than a reset);
    // the server drops what comes, unread, and closes within its bound.
    const QByteArray megabyte(1024 * 1024, 'b');
    int sent = 0;
    while (sent < 64 && connection.write(megabyte))
        ++sent;
    EXPECT_LT(sent, 64) << "the server went on reading a body it refused";
    EXPECT_TRUE(connection.closedWithin(5000));
    EXPECT_LT(residentKb() - before, 20 * 1024) << "kB";
}

TEST_F(HttpFrontTest, AHeaderLineOfAHundredMegabytesIsRefusedOnceItPassesTheLimit)
{
    const qint64 before = residentKb();
    RawConnection connection(server->httpUrl());
    ASSERT_TRUE(connection.write("GET /healthz HTTP/1.1\r\nHost: test\r\nX-Long: "));
    const QByteArray chunk(256 * 1024, 'v');
    qint64 sent = 0;
    while (sent < 100'000'000 && connection.write(chunk))
        sent += chunk.size();
    EXPECT_LT(sent, 100'000'000) << "the server read a 100 MB header line";
    const QList<RawResponse> answers = connection.responses();
    ASSERT_EQ(answers.size(), 1) << connection.received().left(300).toStdString();
    EXPECT_EQ(answers.at(0).status, 431);
    EXPECT_TRUE(connection.closedWithin(5000));
    EXPECT_LT(residentKb() - before, 20 * 1024) << "kB";
    // And the port serves the next client.
    HttpClient http(server->httpUrl());
    EXPECT_EQ(http.get(QStringLiteral("/healthz")).status, 200);
}

TEST_F(HttpFrontTest, HeadersSentAByteAtATimeAreCutOffAtTheDeadline)
{
    RawConnection connection(server->httpUrl());
    const QByteArray request = "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: "
                               + QByteArray(200, 's') + "\r\n\r\n";
    QElapsedTimer timer;
    timer.start();
    qsizetype at = 0;
    // A byte every 50 ms never finishes within the deadline; the idle limit alone would
    // never fire, as bytes keep coming.
    while (at < request.size() && timer.elapsed() < 4 * requestMs
           && responsesIn(connection.received()).isEmpty()
           && connection.write(request.mid(at, 1))) {
        ++at;
        spin(50);
    }
    const qint64 answeredAfter = timer.elapsed();
    const QList<RawResponse> answers = connection.responses(1, 2000);
    ASSERT_EQ(answers.size(), 1) << connection.received().toStdString();
    EXPECT_EQ(answers.at(0).status, 408);
    EXPECT_LT(answeredAfter, 2 * requestMs);
    // After its answer the server drops what still comes for a bounded time, then closes.
    EXPECT_TRUE(connection.closedWithin(4000));
    EXPECT_LT(at, request.size());
}

TEST_F(HttpFrontTest, RequestsAProxyCouldReadAnotherWayAreRefusedAndTheConnectionClosed)
{
    const struct
    {
        const char *what;
        QByteArray request;
        int status;
    } cases[] = {
        {"Content-Length abc",
         "POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n",
         400},
        {"Content-Length -1",
         "POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n",
         400},
        {"Content-Length 0x23",
         "POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\nContent-Length: 0x23\r\n\r\n",
         400},
        {"Content-Length twice",
         "POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\nContent-Length: "
         "30\r\n\r\n{}",
         400},
        {"chunked",
         "POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         411},
        {"HTTP/9.9", "GET /healthz HTTP/9.9\r\nHost: t\r\n\r\n", 400},
        {"a NUL in a header",
         QByteArrayLiteral("GET /healthz HTTP/1.1\r\nHost: t\r\nX: \0\r\n\r\n"),
         400},
    };
    for (const auto &c : cases) {
        RawConnection connection(server->httpUrl());
        // The request, then a second one behind it that must never be read.
        connection.write(c.request + "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
        const QList<RawResponse> answers = connection.responses(2, 3000);
        ASSERT_EQ(answers.size(), 1) << c.what << ": " << connection.received().toStdString();
        EXPECT_EQ(answers.at(0).status, c.status) << c.what;
        EXPECT_TRUE(connection.closedWithin(3000)) << c.what;
    }
}

TEST_F(HttpFrontTest, ABodyThatIsItselfARequestIsReadAsABody)
{
    RawConnection connection(server->httpUrl());
    const QByteArray inner = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
    connection.write("POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\nContent-Type: "
                     "application/json\r\nContent-Length: "
                     + QByteArray::number(inner.size()) + "\r\n\r\n" + inner);
    const QList<RawResponse> answers = connection.responses(2, 1000);
    ASSERT_EQ(answers.size(), 1) << connection.received().toStdString();
    EXPECT_EQ(answers.at(0).status, 401); // no token; and the body was not a second request
}

TEST_F(HttpFrontTest, PipelinedRequestsAreAnsweredInOrder)
{
    RawConnection connection(server->httpUrl());
    connection.write("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /api/v1/nothing-here HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /readyz HTTP/1.1\r\nHost: t\r\n\r\n"
                     "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    const QList<RawResponse> answers = connection.responses(4);
    ASSERT_EQ(answers.size(), 4) << connection.received().toStdString();
    EXPECT_EQ(answers.at(0).status, 200);
    EXPECT_NE(answers.at(1).status, 200);
    EXPECT_EQ(answers.at(2).status, 200);
    EXPECT_EQ(answers.at(3).status, 200);
    EXPECT_TRUE(answers.at(3).head.contains("Connection: close"));
    EXPECT_TRUE(connection.closedWithin(3000));
}

TEST_F(HttpFrontTest, ExpectContinueIsAnsweredBeforeTheBodyIsSent)
{
    RawConnection connection(server->httpUrl());
    QByteArray request = receiptRequest(1);
    const qsizetype headEnd = request.indexOf("\r\n\r\n") + 4;
    request.insert(headEnd - 2, "Expect: 100-continue\r\n");
    const QByteArray head = request.left(headEnd + 22);
    ASSERT_TRUE(connection.write(head));
    const QList<RawResponse> interim = connection.responses();
    ASSERT_EQ(interim.size(), 1) << connection.received().toStdString();
    EXPECT_EQ(interim.at(0).status, 100);
    connection.write(request.mid(head.size()));
    const QList<RawResponse> answers = connection.responses(2);
    ASSERT_EQ(answers.size(), 2) << connection.received().toStdString();
    EXPECT_EQ(answers.at(1).status, 201) << answers.at(1).body.toStdString();
}

TEST_F(HttpFrontTest, SigtermAnswersEveryWriteItAppliedAndAppliesNoneItDidNotAnswer)
{
    // Requests in flight on many connections, pipelined, when SIGTERM comes.
    constexpr int connections = 16;
    constexpr int perConnection = 20;
    std::vector<std::unique_ptr<RawConnection>> open;
    int key = 0;
    for (int c = 0; c < connections; ++c) {
        open.push_back(std::make_unique<RawConnection>(server->httpUrl()));
        QByteArray requests;
        for (int r = 0; r < perConnection; ++r)
            requests += receiptRequest(++key);
        open.back()->write(requests);
    }
    // SIGTERM once the server is answering them (else none may have been read yet).
    ASSERT_FALSE(open.front()->responses(1, 5000).isEmpty());
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();
    EXPECT_LT(timer.elapsed(), 12000);
    EXPECT_TRUE(server->log().contains(QStringLiteral("event=signal")));

    int answered = 0;
    for (const auto &connection : open) {
        for (const RawResponse &answer : connection->responses(perConnection, 1000)) {
            EXPECT_EQ(answer.status, 201) << answer.body.toStdString();
            answered += answer.status == 201;
        }
        EXPECT_TRUE(connection->closedWithin(1000));
    }
    // Restarted: exactly what was answered was applied; nothing answered was lost.
    ASSERT_TRUE(server->start());
    HttpClient http(server->httpUrl());
    const HttpResult stock = http.get(QStringLiteral("/api/v1/stock?product=P-1&location=A-1"),
                                      tokens.value(QStringLiteral("all")));
    qint64 total = 0;
    for (const QJsonValue &row : stock.json().value(QStringLiteral("items")).toArray())
        total += row.toObject().value(QStringLiteral("quantity")).toInteger();
    EXPECT_EQ(total, answered);
    EXPECT_GT(answered, 0);
}

class HttpsFrontTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        const auto [cert, key] = makeSelfSignedCertificate(QDir(dir.path()));
        ASSERT_FALSE(cert.isEmpty());
        startServer({QStringLiteral("--http"),
                     QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--tls-cert"),
                     cert,
                     QStringLiteral("--tls-key"),
                     key,
                     QStringLiteral("--http-request-ms"),
                     QString::number(requestMs)});
    }
};

TEST_F(HttpsFrontTest, TheTlsListenerReadsRequestsWithTheSameBounds)
{
    RawConnection pipelined(server->httpUrl(), true);
    pipelined.write("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
                    "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    const QList<RawResponse> answers = pipelined.responses(2);
    ASSERT_EQ(answers.size(), 2) << pipelined.received().toStdString();
    EXPECT_EQ(answers.at(0).status, 200);
    EXPECT_EQ(answers.at(1).status, 200);

    RawConnection large(server->httpUrl(), true);
    ASSERT_TRUE(large.write("POST /api/v1/receipts HTTP/1.1\r\nHost: t\r\n"
                            "Content-Length: 500000000\r\n\r\n"));
    const QList<RawResponse> refused = large.responses();
    ASSERT_EQ(refused.size(), 1) << large.received().toStdString();
    EXPECT_EQ(refused.at(0).status, 413);
    EXPECT_TRUE(large.closedWithin(5000));

    RawConnection slow(server->httpUrl(), true);
    slow.write("GET /healthz HTTP/1.1\r\nHost: t\r\n");
    const QList<RawResponse> late = slow.responses(1, 3 * requestMs);
    ASSERT_EQ(late.size(), 1) << slow.received().toStdString();
    EXPECT_EQ(late.at(0).status, 408);
}

} // namespace
} // namespace Stockroom::Test
