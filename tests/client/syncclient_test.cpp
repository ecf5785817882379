// SyncClient against a scripted server: what it sends when the server pushes back.

#include "sync/client/syncclient.h"
#include "sync/protocol/protocol.h"

#include "tests/support/printers.h"
#include "tests/support/sync/syncharness.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QWebSocket>
#include <QWebSocketServer>

#include <gmock/gmock.h>

namespace Stockroom::Sync {
namespace {

// One connection at a time; welcomes every hello with one operation a push and up to four
// pushes in flight, hands each push to the test, and answers pulls with nothing new or as
// the test says.
class ScriptedServer
{
public:
    using PushHandler = std::function<void(QWebSocket &, qint64 id, const QCborArray &ops)>;
    using PullHandler = std::function<void(QWebSocket &, const QCborMap &pull)>;

    explicit ScriptedServer(PushHandler onPush, PullHandler onPull = {})
        : m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
        , m_onPush(std::move(onPush))
        , m_onPull(std::move(onPull))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, [this] {
            ++m_connections;
            QWebSocket *socket = m_server.nextPendingConnection();
            socket->setParent(&m_server); // the caller's to delete: with the server
            QObject::connect(socket,
                             &QWebSocket::binaryMessageReceived,
                             [this, socket](const QByteArray &frame) {
                                 received(*socket, QCborValue::fromCbor(frame).toMap());
                             });
        });
    }

    QUrl url() const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()));
    }

    int connections() const { return m_connections; }

    // The answer to a pull: items, and no more after them.
    static void changes(QWebSocket &socket, const QCborMap &pull, const QCborArray &items)
    {
        send(socket,
             {{key("t"), QStringLiteral("changes")},
              {key("id"), pull.value(key("id"))},
              {key("items"), items},
              {key("cursor"), pull.value(key("cursor"))},
              {key("more"), false}});
    }

    static void send(QWebSocket &socket, const QCborMap &message)
    {
        socket.sendBinaryMessage(QCborValue(message).toCbor());
    }

    static void answer(QWebSocket &socket, qint64 id, const QCborArray &ops)
    {
        QCborArray results;
        qint64 last = 0;
        for (const QCborValue &op : ops) {
            last = op.toMap().value(key("seq")).toInteger();
            results.append(
                QCborMap{{key("seq"), last}, {key("outcome"), QStringLiteral("applied")}});
        }
        send(socket,
             {{key("t"), QStringLiteral("pushed")},
              {key("id"), id},
              {key("acked"), last},
              {key("results"), results}});
    }

private:
    void received(QWebSocket &socket, const QCborMap &message)
    {
        const QString type = message.value(key("t")).toString();
        if (type == QLatin1String("hello")) {
            send(socket,
                 {{key("t"), QStringLiteral("welcome")},
                  {key("proto"), protocolVersion},
                  {key("server"), QStringLiteral("scripted")},
                  {key("role"), QStringLiteral("manager")},
                  {key("warehouses"), QCborArray()},
                  {key("acked"), 0},
                  {key("maxMessage"), defaultMaxMessage},
                  {key("maxBatch"), 1},
                  {key("maxPushes"), 4},
                  {key("heartbeat"), defaultHeartbeatMs}});
        } else if (type == QLatin1String("pull")) {
            if (m_onPull)
                m_onPull(socket, message);
            else
                changes(socket, message, {});
        } else if (type == QLatin1String("push")) {
            m_onPush(socket,
                     message.value(key("id")).toInteger(),
                     message.value(key("ops")).toArray());
        }
    }

    QWebSocketServer m_server;
    PushHandler m_onPush;
    PullHandler m_onPull;
    int m_connections = 0;
};

// A page a workstation does not take in one message: more than four times the largest
// message a server accepts by default.
QCborArray tooLargeAPage()
{
    return {QByteArray(4 * defaultMaxMessage + 1024, 'x')};
}

using SyncClientTest = Stockroom::Test::JoinedStockFixture;

TEST_F(SyncClientTest, AfterBusyThePushesBeforeTheRefusedOneAreNotSentAgain)
{
    for (int i = 0; i < 4; ++i)
        post(ReceiveStock{widget.id, binA.id, {}, {}, 1 + i, {}, {}});

    // The first push waits for its answer; the second is refused as busy. Everything after
    // is answered at once, and the first once the second has come again.
    QList<qint64> sent; // the first operation of each push, in the order received
    QWebSocket *held = nullptr;
    qint64 heldId = 0;
    QCborArray heldOps;
    bool refused = false;
    ScriptedServer server([&](QWebSocket &socket, qint64 id, const QCborArray &ops) {
        const qint64 seq = ops.first().toMap().value(key("seq")).toInteger();
        sent.append(seq);
        if (seq == 1 && !held) {
            held = &socket;
            heldId = id;
            heldOps = ops;
        } else if (seq == 2 && !refused) {
            refused = true;
            ScriptedServer::send(socket,
                                 {{key("t"), QStringLiteral("error")},
                                  {key("id"), id},
                                  {key("code"), QStringLiteral("busy")},
                                  {key("message"), QStringLiteral("busy")},
                                  {key("fatal"), false}});
        } else if (refused && sent.count(2) == 1 && seq > 2) {
            // The pushes sent before the refusal reached the client: refused as a gap.
            ScriptedServer::send(socket,
                                 {{key("t"), QStringLiteral("error")},
                                  {key("id"), id},
                                  {key("code"), QStringLiteral("out-of-order")},
                                  {key("message"), QStringLiteral("gap")},
                                  {key("acked"), 0},
                                  {key("fatal"), false}});
        } else {
            if (held && seq == 2) {
                ScriptedServer::answer(*held, heldId, heldOps);
                held = nullptr;
            }
            ScriptedServer::answer(socket, id, ops);
        }
    });

    ClientOptions options;
    options.server = server.url();
    options.token = QStringLiteral("any");
    SyncClient client(*db, *ledger, clock, options);
    bool synced = false;
    QObject::connect(&client, &SyncClient::synced, [&] { synced = true; });
    client.start();
    ASSERT_TRUE(Stockroom::Test::waitUntil([&] { return synced; }))
        << client.lastError().toStdString();

    EXPECT_EQ(sent.count(1), 1) << "the push before the busy one was sent again";
    EXPECT_EQ(sent.count(2), 2);
    EXPECT_EQ(sent.count(4), 2);
    EXPECT_THAT(sent, testing::ElementsAre(1, 2, 3, 4, 2, 3, 4));
}

TEST_F(SyncClientTest, APageLargerThanAWorkstationTakesIsPulledAgainOneRecordAtATime)
{
    // A server that pages by count only (release 0.1.0) sends a page too large; the
    // workstation asks again for one record a page, and then for whole pages once caught up.
    QList<qint64> limits;
    ScriptedServer server(ScriptedServer::answer, [&](QWebSocket &socket, const QCborMap &pull) {
        const qint64 limit = pull.value(key("limit")).toInteger();
        limits.append(limit);
        ScriptedServer::changes(socket, pull, limit > 1 ? tooLargeAPage() : QCborArray());
    });
    ClientOptions options;
    options.server = server.url();
    options.token = QStringLiteral("any");
    options.minBackoffMs = 20;
    SyncClient client(*db, *ledger, clock, options);
    bool synced = false;
    QObject::connect(&client, &SyncClient::synced, [&] { synced = true; });
    client.start();
    ASSERT_TRUE(Stockroom::Test::waitUntil([&] { return synced; }))
        << client.lastError().toStdString();
    EXPECT_THAT(limits, testing::ElementsAre(options.pullLimit, 1));
    EXPECT_EQ(server.connections(), 2);
}

TEST_F(SyncClientTest, ARecordLargerThanAWorkstationTakesStopsSyncWithAReasonAndNoRetries)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    int pulls = 0;
    ScriptedServer server(ScriptedServer::answer, [&](QWebSocket &socket, const QCborMap &pull) {
        ++pulls;
        ScriptedServer::changes(socket, pull, tooLargeAPage());
    });
    ClientOptions options;
    options.server = server.url();
    options.token = QStringLiteral("any");
    options.minBackoffMs = 20;
    options.maxBackoffMs = 40;
    SyncClient client(*db, *ledger, clock, options);
    client.start();
    ASSERT_TRUE(Stockroom::Test::waitUntil([&] {
        return client.state() == SyncClient::State::Refused;
    })) << client.lastError().toStdString();
    EXPECT_THAT(client.lastError().toStdString(), testing::HasSubstr("Sync stopped"));
    EXPECT_THAT(client.lastError().toStdString(), testing::HasSubstr("16 MiB"));
    // It stays stopped: with retries every 40 ms, a loop would have connected again.
    Stockroom::Test::spin(500);
    EXPECT_EQ(client.state(), SyncClient::State::Refused);
    EXPECT_EQ(server.connections(), 2);
    EXPECT_EQ(pulls, 2);
    // The movement pushed before the pull stays answered; nothing is left behind.
    EXPECT_EQ(client.pendingCount().value_or(-1), 0);
}

} // namespace
} // namespace Stockroom::Sync
