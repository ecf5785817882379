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
// pushes in flight, answers pulls with nothing new, and hands each push to the test.
class ScriptedServer
{
public:
    using PushHandler = std::function<void(QWebSocket &, qint64 id, const QCborArray &ops)>;

    explicit ScriptedServer(PushHandler onPush)
        : m_server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode)
        , m_onPush(std::move(onPush))
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&m_server, &QWebSocketServer::newConnection, [this] {
            QWebSocket *socket = m_server.nextPendingConnection();
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
            send(socket,
                 {{key("t"), QStringLiteral("changes")},
                  {key("id"), message.value(key("id"))},
                  {key("items"), QCborArray()},
                  {key("cursor"), message.value(key("cursor"))},
                  {key("more"), false}});
        } else if (type == QLatin1String("push")) {
            m_onPush(socket,
                     message.value(key("id")).toInteger(),
                     message.value(key("ops")).toArray());
        }
    }

    QWebSocketServer m_server;
    PushHandler m_onPush;
};

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

} // namespace
} // namespace Stockroom::Sync
