// The fault property test: seeded random schedules of offline work and one injected
// fault each (the server killed mid-apply, a client process killed mid-push, a cut
// connection, duplicated and reordered pushes), healed by syncing. After every schedule
// nothing is lost, nothing is applied twice, and every database agrees with the server.
//
// CI runs 200 schedules; STOCKROOM_FAULT_SCHEDULES sets another number (make soak).

#include "tests/support/sync/syncharness.h"

#include <gmock/gmock.h>

#include <csignal>

namespace Stockroom::Test {
namespace {

using Sync::key;

constexpr int stationCount = 3;
constexpr int defaultSchedules = 200;
const QString rawDevice = QStringLiteral("raw-duplicating-device");

class FaultTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        startServer();
        if (HasFatalFailure())
            return;
        serverDb = openDatabase(serverPath);
        Catalog catalog(*serverDb);
        productUuid = catalog.findProduct(QStringLiteral("P-2"))->uuid;
        binUuid = catalog.findLocation(QStringLiteral("A-2"))->uuid;
        userUuid = catalog.userByName(QStringLiteral("mina"))->uuid;
        for (int i = 0; i < stationCount; ++i) {
            stations.push_back(
                std::make_unique<Workstation>(dir.filePath(QStringLiteral("ws%1.db").arg(i)),
                                              tokens.value(QStringLiteral("all"))));
            ASSERT_TRUE(stations.back()->sync(server->url()));
        }
    }

    void TearDown() override
    {
        stations.clear();
        serverDb.reset();
    }

    // The server's SIGKILL while a workstation pushes; then it starts again.
    void killServerMidPush(Workstation &ws, QRandomGenerator &random)
    {
        auto client = ws.startSync(server->url());
        spin(random.bounded(30));
        server->kill();
        client.reset();
        ASSERT_TRUE(server->start());
    }

    // A stockroom-cli sync process SIGKILLed at a random moment of its run.
    void killClientMidPush(Workstation &ws, QRandomGenerator &random)
    {
        ws.setServer(server->url());
        QProcess cli;
        cli.setProcessEnvironment(keyedEnvironment());
        cli.start(QStringLiteral(STOCKROOM_CLI_EXECUTABLE),
                  {QStringLiteral("sync"), QStringLiteral("--db"), ws.path()});
        ASSERT_TRUE(cli.waitForStarted());
        cli.waitForFinished(random.bounded(120));
        if (cli.state() == QProcess::Running)
            ::kill(pid_t(cli.processId()), SIGKILL);
        cli.waitForFinished();
    }

    // The connection dropped at a random moment: the client goes away mid-round.
    void cutConnection(Workstation &ws, QRandomGenerator &random)
    {
        auto client = ws.startSync(server->url());
        spin(random.bounded(30));
        client.reset();
    }

    QCborMap rawOperation(qint64 seq, qint64 delta)
    {
        const QCborMap body{{key("id"), QStringLiteral("raw-%1").arg(seq)},
                            {key("type"), QStringLiteral("receipt")},
                            {key("deviceSeq"), seq},
                            {key("at"), 0},
                            {key("legs"),
                             QCborArray{QCborMap{{key("product"), productUuid},
                                                 {key("location"), binUuid},
                                                 {key("delta"), delta}}}}};
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("movement")},
                {key("base"), QByteArray()},
                {key("user"), userUuid},
                {key("body"), body}};
    }

    // Two batches of a device, delivered out of order, the first one twice, the second
    // once more at the end.
    void duplicateAndReorder(QRandomGenerator &random)
    {
        RawPeer peer(server->url());
        peer.hello(tokens.value(QStringLiteral("all")), Sync::protocolVersion, rawDevice);
        const QCborMap welcome = peer.next();
        ASSERT_EQ(welcome.value(key("t")).toString(), QStringLiteral("welcome"));
        ASSERT_EQ(welcome.value(key("acked")).toInteger(), rawSent);
        QCborArray first;
        QCborArray second;
        const int firstSize = 1 + random.bounded(3);
        const int secondSize = 1 + random.bounded(3);
        for (int i = 0; i < firstSize + secondSize; ++i) {
            const qint64 delta = 1 + random.bounded(9);
            rawExpected += delta;
            (i < firstSize ? first : second).append(rawOperation(rawSent + 1 + i, delta));
        }
        rawSent += firstSize + secondSize;
        const auto push = [&](const QCborArray &ops, qint64 id) {
            peer.send({{key("t"), QStringLiteral("push")}, {key("id"), id}, {key("ops"), ops}});
            return peer.next();
        };
        const QCborMap early = push(second, 1);
        EXPECT_EQ(early.value(key("code")).toString(), QStringLiteral("out-of-order"));
        EXPECT_EQ(push(first, 2).value(key("t")).toString(), QStringLiteral("pushed"));
        const QCborMap again = push(first, 3);
        EXPECT_TRUE(
            again.value(key("results")).toArray().at(0).toMap().value(key("replayed")).toBool());
        EXPECT_EQ(push(second, 4).value(key("acked")).toInteger(), rawSent);
        EXPECT_TRUE(push(second, 5)
                        .value(key("results"))
                        .toArray()
                        .at(0)
                        .toMap()
                        .value(key("replayed"))
                        .toBool());
    }

    // Every database agrees with the server, and the server has each movement once.
    void expectConverged()
    {
        const QStringList serverStock = stockRows(*serverDb);
        const QStringList serverLedger = ledgerRows(*serverDb);
        QSet<QString> lines;
        qint64 rawSum = 0;
        for (const QString &line : serverLedger) {
            EXPECT_FALSE(lines.contains(line.section(QLatin1Char('|'), 0, 1)))
                << line.toStdString();
            lines.insert(line.section(QLatin1Char('|'), 0, 1));
            if (line.section(QLatin1Char('|'), 7, 7) == rawDevice)
                rawSum += line.section(QLatin1Char('|'), 5, 5).toLongLong();
        }
        EXPECT_EQ(rawSum, rawExpected);
        for (auto &ws : stations) {
            EXPECT_EQ(ws->pending(), 0);
            EXPECT_EQ(stockRows(ws->db()), serverStock);
            EXPECT_EQ(ledgerRows(ws->db()), serverLedger);
        }
    }

    std::unique_ptr<Database> serverDb; // a reader beside the server process
    std::vector<std::unique_ptr<Workstation>> stations;
    QString productUuid;
    QString binUuid;
    QString userUuid;
    qint64 rawSent = 0;
    qint64 rawExpected = 0;
};

TEST_F(FaultTest, NothingIsLostOrAppliedTwiceUnderInjectedFaults)
{
    const int schedules = qEnvironmentVariableIsSet("STOCKROOM_FAULT_SCHEDULES")
                              ? qEnvironmentVariableIntValue("STOCKROOM_FAULT_SCHEDULES")
                              : defaultSchedules;
    int faults[4] = {};
    for (int seed = 1; seed <= schedules && !HasFailure(); ++seed) {
        SCOPED_TRACE(testing::Message() << "schedule seed " << seed);
        QRandomGenerator random{quint32(seed)};
        for (auto &ws : stations) {
            for (int n = random.bounded(4); n > 0; --n)
                recordRandomMovement(*ws, random);
        }
        Workstation &victim = *stations.at(random.bounded(stationCount));
        const int fault = random.bounded(4);
        ++faults[fault];
        switch (fault) {
        case 0:
            killServerMidPush(victim, random);
            break;
        case 1:
            killClientMidPush(victim, random);
            break;
        case 2:
            cutConnection(victim, random);
            break;
        default:
            duplicateAndReorder(random);
            break;
        }
        // Heal: everyone syncs; the second pass brings the first what came after it.
        for (int pass = 0; pass < 2; ++pass) {
            for (auto &ws : stations)
                ASSERT_TRUE(ws->sync(server->url())) << ws->lastError().toStdString();
        }
        expectConverged();
    }
    std::printf("schedules %d: server killed %d, client killed %d, connection cut %d, "
                "duplicated and reordered %d\n",
                schedules,
                faults[0],
                faults[1],
                faults[2],
                faults[3]);

    EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();
    auto serverCheck = openDatabase(serverPath);
    StockLedger serverLedger(*serverCheck);
    auto report = serverLedger.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    for (auto &ws : stations) {
        auto local = ws->ledger().verify();
        ASSERT_TRUE(local);
        EXPECT_TRUE(local->isClean());
    }
}

} // namespace
} // namespace Stockroom::Test
