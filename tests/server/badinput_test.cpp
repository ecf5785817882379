// What a real server process does with bad input: each gets a clear refusal, and the
// server goes on serving everyone else.

#include "tests/support/sync/syncharness.h"

#include "sync/protocol/protocol.h"

#include <gmock/gmock.h>

#include <sys/resource.h>

namespace Stockroom::Test {
namespace {

using Sync::key;

class BadInputTest : public ServerFixture<>
{
protected:
    void SetUp() override { startServer(); }

    void TearDown() override
    {
        // Whatever came before, the server still serves a good workstation.
        Workstation good(dir.filePath(QStringLiteral("good.db")),
                         tokens.value(QStringLiteral("all")));
        EXPECT_TRUE(good.sync(server->url())) << good.lastError().toStdString();
        EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();
    }

    // Expects an error with code as the next message, and the connection closed after it.
    void expectFatal(RawPeer &peer, const char *code)
    {
        const QCborMap error = peer.next();
        EXPECT_EQ(error.value(key("t")).toString(), QStringLiteral("error"));
        EXPECT_EQ(error.value(key("code")).toString(), QString::fromLatin1(code));
        EXPECT_FALSE(error.value(key("message")).toString().isEmpty());
        EXPECT_TRUE(peer.waitClosed());
    }
};

TEST_F(BadInputTest, TheServerRaisesItsOpenFilesLimitToTheHardLimit)
{
    // A few hundred idle connections must not use up a soft limit of 1,024.
    rlimit limit{};
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
    const QString expected = limit.rlim_max == RLIM_INFINITY
                                 ? QString()
                                 : QStringLiteral("event=open-files-limit files=%1")
                                       .arg(qulonglong(limit.rlim_max));
    EXPECT_TRUE(server->log().contains(QStringLiteral("event=open-files-limit")))
        << server->log().toStdString();
    if (!expected.isEmpty()) {
        EXPECT_TRUE(server->log().contains(expected)) << server->log().toStdString();
    }
}

TEST_F(BadInputTest, AnUnknownTokenIsUnauthorized)
{
    RawPeer peer(server->url());
    peer.hello(QStringLiteral("srt_not-a-token"));
    expectFatal(peer, "unauthorized");
}

TEST_F(BadInputTest, ARevokedTokenIsRefused)
{
    RawPeer peer(server->url());
    peer.hello(tokens.value(QStringLiteral("revoked")));
    expectFatal(peer, "token-revoked");
}

TEST_F(BadInputTest, AnExpiredTokenIsRefused)
{
    RawPeer peer(server->url());
    peer.hello(tokens.value(QStringLiteral("expired")));
    expectFatal(peer, "token-expired");
}

TEST_F(BadInputTest, AnOldProtocolVersionIsRefused)
{
    RawPeer peer(server->url());
    peer.hello(tokens.value(QStringLiteral("all")), 0);
    expectFatal(peer, "protocol-version");
}

TEST_F(BadInputTest, AWorkstationClientIsToldWhyItWasRefused)
{
    Workstation revoked(dir.filePath(QStringLiteral("revoked.db")),
                        tokens.value(QStringLiteral("revoked")));
    EXPECT_FALSE(revoked.sync(server->url()));
    EXPECT_EQ(revoked.lastState(), Sync::SyncClient::State::Refused);
    EXPECT_THAT(revoked.lastError().toStdString(), testing::HasSubstr("revoked"));
}

TEST_F(BadInputTest, AMessageBeforeHelloIsRefused)
{
    RawPeer peer(server->url());
    peer.send({{key("t"), QStringLiteral("pull")}, {key("id"), 1}});
    expectFatal(peer, "not-authenticated");
}

TEST_F(BadInputTest, AConnectionThatNeverSaysHelloIsClosed)
{
    // A second server with a short deadline, beside the fixture's.
    ServerProcess impatient(serverPath,
                            {QStringLiteral("--hello-timeout-ms"), QStringLiteral("300")});
    ASSERT_TRUE(impatient.start());
    RawPeer peer(impatient.url());
    ASSERT_TRUE(peer.connected());
    expectFatal(peer, "not-authenticated");
    EXPECT_THAT(impatient.log().toStdString(), testing::HasSubstr("event=refused connection=1"));
}

TEST_F(BadInputTest, BytesThatAreNotCborAreMalformed)
{
    RawPeer peer(server->url());
    peer.sendBytes(QByteArray("\xff\x00garbage", 9));
    expectFatal(peer, "malformed");
}

TEST_F(BadInputTest, ATextFrameIsMalformed)
{
    RawPeer peer(server->url());
    peer.sendText(QStringLiteral("{\"t\": \"hello\"}"));
    expectFatal(peer, "malformed");
}

TEST_F(BadInputTest, AHelloWithoutItsKeysIsMalformed)
{
    RawPeer peer(server->url());
    peer.send({{key("t"), QStringLiteral("hello")}, {key("proto"), Sync::protocolVersion}});
    expectFatal(peer, "malformed");
}

TEST_F(BadInputTest, AFrameAboveTheLimitClosesTheConnectionAsTooBig)
{
    RawPeer peer(server->url());
    peer.sendBytes(QByteArray(int(Sync::defaultMaxMessage) + 1, 'x'));
    EXPECT_TRUE(peer.waitClosed());
    EXPECT_EQ(peer.closeCode(), int(QWebSocketProtocol::CloseCodeTooMuchData));
}

TEST_F(BadInputTest, APushAboveTheBatchLimitIsTooLarge)
{
    RawPeer peer(server->url());
    peer.hello(tokens.value(QStringLiteral("all")));
    ASSERT_EQ(peer.next().value(key("t")).toString(), QStringLiteral("welcome"));
    QCborArray ops;
    for (int i = 0; i <= Sync::defaultMaxBatch; ++i)
        ops.append(QCborMap{{key("seq"), i + 1}});
    peer.send({{key("t"), QStringLiteral("push")}, {key("id"), 7}, {key("ops"), ops}});
    expectFatal(peer, "too-large");
}

TEST_F(BadInputTest, AnUnknownTypeIsRefusedAndTheConnectionStays)
{
    RawPeer peer(server->url());
    peer.hello(tokens.value(QStringLiteral("all")));
    ASSERT_EQ(peer.next().value(key("t")).toString(), QStringLiteral("welcome"));
    peer.send({{key("t"), QStringLiteral("teleport")}, {key("id"), 3}});
    const QCborMap error = peer.next();
    EXPECT_EQ(error.value(key("code")).toString(), QStringLiteral("unknown-type"));
    EXPECT_EQ(error.value(key("id")).toInteger(), 3);
    peer.send({{key("t"), QStringLiteral("pull")}, {key("id"), 4}});
    const QCborMap changes = peer.next();
    EXPECT_EQ(changes.value(key("t")).toString(), QStringLiteral("changes"));
    EXPECT_EQ(changes.value(key("id")).toInteger(), 4);
    EXPECT_TRUE(peer.connected());
}

TEST_F(BadInputTest, ATokenForAnotherWarehouseGetsNothingOfItAndCannotMoveItsStock)
{
    Workstation seoul(dir.filePath(QStringLiteral("a.db")), tokens.value(QStringLiteral("wh-a")));
    ASSERT_TRUE(seoul.sync(server->url())) << seoul.lastError().toStdString();
    Workstation other(dir.filePath(QStringLiteral("b.db")), tokens.value(QStringLiteral("wh-b")));
    ASSERT_TRUE(other.sync(server->url()));

    // It sees its own warehouse's locations only.
    EXPECT_TRUE(Catalog(seoul.db()).findLocation(QStringLiteral("A-1")));
    EXPECT_FALSE(Catalog(seoul.db()).findLocation(QStringLiteral("B-1")));

    // WH-B's movements do not reach WH-A's workstation.
    ASSERT_TRUE(other.post(QStringLiteral("kim"),
                           ReceiveStock{other.productId(QStringLiteral("P-1")),
                                        other.locationId(QStringLiteral("B-1")),
                                        {},
                                        {},
                                        9,
                                        {},
                                        {}}));
    ASSERT_TRUE(other.sync(server->url()));
    ASSERT_TRUE(seoul.sync(server->url()));
    EXPECT_TRUE(stockRows(seoul.db()).isEmpty());

    // A movement pushed into WH-B with WH-A's token is rejected as out of scope.
    RawPeer peer(server->url());
    peer.hello(tokens.value(QStringLiteral("wh-a")));
    ASSERT_EQ(peer.next().value(key("t")).toString(), QStringLiteral("welcome"));
    auto serverDb = openDatabase(serverPath);
    const QString product = Catalog(*serverDb).findProduct(QStringLiteral("P-1"))->uuid;
    const QString bin = Catalog(*serverDb).findLocation(QStringLiteral("B-1"))->uuid;
    const QString user = Catalog(*serverDb).userByName(QStringLiteral("kim"))->uuid;
    serverDb.reset();
    const QCborMap body{{key("id"), QStringLiteral("raw-movement-1")},
                        {key("type"), QStringLiteral("receipt")},
                        {key("deviceSeq"), 1},
                        {key("at"), 0},
                        {key("legs"),
                         QCborArray{QCborMap{{key("product"), product},
                                             {key("location"), bin},
                                             {key("delta"), 5}}}}};
    peer.send({{key("t"), QStringLiteral("push")},
               {key("id"), 1},
               {key("ops"),
                QCborArray{QCborMap{{key("seq"), 1},
                                    {key("kind"), QStringLiteral("movement")},
                                    {key("base"), QByteArray()},
                                    {key("user"), user},
                                    {key("body"), body}}}}});
    const QCborMap pushed = peer.next();
    ASSERT_EQ(pushed.value(key("t")).toString(), QStringLiteral("pushed"));
    const QCborMap result = pushed.value(key("results")).toArray().at(0).toMap();
    EXPECT_EQ(result.value(key("outcome")).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(result.value(key("reason")).toString(), QStringLiteral("out-of-scope"));
}

} // namespace
} // namespace Stockroom::Test
