// Exhaustion by connections: one host's idle connections, on the sync port and on the HTTP
// port, are capped per address, and quiet HTTP connections are closed; workstations already
// connected and /healthz from elsewhere go on being served. The attacking sockets come from
// 127.0.0.2, the rest from 127.0.0.1; every count and wait is bounded.

#include "httpclient.h"
#include "tests/support/sync/syncharness.h"

#include <QTcpSocket>

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace Stockroom::Test {
namespace {

constexpr int perAddress = 20;

class ExhaustionTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        startServer({QStringLiteral("--http"),
                     QStringLiteral("127.0.0.1:0"),
                     QStringLiteral("--max-connections-per-address"),
                     QString::number(perAddress),
                     QStringLiteral("--http-idle-ms"),
                     QStringLiteral("1500")});
    }

    // Opens count idle connections to port from 127.0.0.2; how many the server kept open
    // a moment later.
    int openIdle(quint16 port, int count)
    {
        for (int i = 0; i < count; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            if (!socket->bind(QHostAddress(QStringLiteral("127.0.0.2")))) {
                ADD_FAILURE() << "cannot bind 127.0.0.2: " << socket->errorString().toStdString();
            }
            socket->connectToHost(QHostAddress::LocalHost, port);
            socket->waitForConnected(2000);
            idle.push_back(std::move(socket));
        }
        spin(500);
        return stillOpen();
    }

    int stillOpen()
    {
        int open = 0;
        for (const auto &socket : idle) {
            socket->waitForReadyRead(1); // lets a close by the server arrive
            open += socket->state() == QAbstractSocket::ConnectedState;
        }
        return open;
    }

    std::vector<std::unique_ptr<QTcpSocket>> idle;
};

TEST_F(ExhaustionTest, IdleConnectionsFromOneAddressAreCappedAndOthersAreStillServed)
{
    Workstation desk(dir.filePath(QStringLiteral("desk.db")), tokens.value(QStringLiteral("all")));
    ASSERT_TRUE(desk.sync(server->url()));
    auto live = desk.startSync(server->url());
    ASSERT_TRUE(waitUntil([&] { return live->state() == Sync::SyncClient::State::Online; }));

    EXPECT_EQ(openIdle(server->url().port(), perAddress + 10), perAddress);
    idle.clear();
    EXPECT_EQ(openIdle(quint16(server->httpUrl().port()), perAddress + 10), perAddress);
    EXPECT_TRUE(server->log().contains(QStringLiteral("event=connection-refused")));

    // From elsewhere, /healthz answers; the connected workstation still syncs.
    HttpClient http(server->httpUrl());
    EXPECT_EQ(http.get(QStringLiteral("/healthz"), QString()).status, 200);
    ASSERT_TRUE(desk.post(QStringLiteral("kim"),
                          ReceiveStock{desk.productId(QStringLiteral("P-1")),
                                       desk.locationId(QStringLiteral("A-1")),
                                       {},
                                       {},
                                       4,
                                       {},
                                       {}}));
    live->syncNow();
    EXPECT_TRUE(waitUntil([&] { return live->pendingCount().value_or(-1) == 0; }));
}

TEST_F(ExhaustionTest, AClosedConnectionNoLongerCountsAgainstItsAddress)
{
    Workstation desk(dir.filePath(QStringLiteral("desk.db")), tokens.value(QStringLiteral("all")));
    for (int i = 0; i < 2 * perAddress; ++i)
        ASSERT_TRUE(desk.sync(server->url()))
            << "sync " << i << ": " << desk.lastError().toStdString();
}

TEST_F(ExhaustionTest, AQuietHttpConnectionIsClosed)
{
    EXPECT_EQ(openIdle(quint16(server->httpUrl().port()), 3), 3);
    EXPECT_TRUE(waitUntil([&] { return stillOpen() == 0; }, 5000));
}

} // namespace
} // namespace Stockroom::Test
