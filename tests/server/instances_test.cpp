// Several server instances on one PostgreSQL database: what a workstation does through one
// reaches the workstations of the others, and the ledger stays one chain. And how such a
// database is set up.

#include "tests/support/sync/syncharness.h"

#include "model/storage/schema.h"

#include <QElapsedTimer>

#include <gmock/gmock.h>

namespace Stockroom::Test {
namespace {

class InstancesTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        if (!TestBackend::postgres())
            GTEST_SKIP() << "Several instances share a PostgreSQL database; the embedded store "
                            "has one server.";
        startServer();
        if (HasFatalFailure())
            return;
        other = std::make_unique<ServerProcess>(serverPath);
        ASSERT_TRUE(other->start());
    }

    Result<PostedMovement> receive(Workstation &ws, const char *location, qint64 quantity)
    {
        return ws.post(QStringLiteral("kim"),
                       ReceiveStock{ws.productId(QStringLiteral("P-1")),
                                    ws.locationId(QString::fromLatin1(location)),
                                    {},
                                    {},
                                    quantity,
                                    {},
                                    {}});
    }

    std::unique_ptr<ServerProcess> other; // the second instance, on the same database
};

TEST_F(InstancesTest, AWorkstationOnOneInstanceHearsOfAMovementMadeThroughAnother)
{
    Workstation one(dir.filePath(QStringLiteral("one.db")), tokens.value(QStringLiteral("all")));
    Workstation two(dir.filePath(QStringLiteral("two.db")), tokens.value(QStringLiteral("all")));
    ASSERT_TRUE(one.sync(other->url()));
    auto live = two.startSync(server->url());
    QElapsedTimer waited;
    waited.start();
    while (live->state() != Sync::SyncClient::State::Online && waited.elapsed() < 10000)
        spin(10);
    ASSERT_EQ(live->state(), Sync::SyncClient::State::Online);

    ASSERT_TRUE(receive(one, "A-1", 12));
    ASSERT_TRUE(one.sync(other->url()));
    // The live client pulls only when its server tells it to; its server hears of the
    // push through PostgreSQL's NOTIFY.
    waited.restart();
    while (two.quantity(QStringLiteral("P-1"), QStringLiteral("A-1")) != 12
           && waited.elapsed() < 10000)
        spin(5);
    EXPECT_EQ(two.quantity(QStringLiteral("P-1"), QStringLiteral("A-1")), 12);
    std::printf("seen through the other instance after %lld ms\n", waited.elapsed());
}

TEST_F(InstancesTest, WorkstationsSyncingThroughBothInstancesConvergeOnOneLedger)
{
    std::vector<std::unique_ptr<Workstation>> stations;
    QRandomGenerator random(20261124);
    for (int i = 0; i < 4; ++i) {
        stations.push_back(
            std::make_unique<Workstation>(dir.filePath(QStringLiteral("ws%1.db").arg(i)),
                                          tokens.value(QStringLiteral("all"))));
        ASSERT_TRUE(stations.back()->sync((i % 2 ? other : server)->url()));
    }
    for (int round = 0; round < 3; ++round) {
        for (auto &ws : stations) {
            for (int n = 0; n < 10; ++n)
                recordRandomMovement(*ws, random);
        }
        for (size_t i = 0; i < stations.size(); ++i)
            ASSERT_TRUE(stations.at(i)->sync((i % 2 ? other : server)->url()));
    }
    // A second pass brings the first ones what was pushed after them.
    for (size_t i = 0; i < stations.size(); ++i)
        ASSERT_TRUE(stations.at(i)->sync((i % 2 ? other : server)->url()));

    auto serverDb = openDatabase(serverPath);
    const QStringList serverLedger = ledgerRows(*serverDb);
    QSet<QString> movementIds;
    for (const QString &line : serverLedger)
        movementIds.insert(line.section(QLatin1Char('|'), 0, 0));
    EXPECT_EQ(movementIds.size(), 4 * 3 * 10); // every movement arrived, once
    for (auto &ws : stations) {
        EXPECT_EQ(stockRows(ws->db()), stockRows(*serverDb));
        EXPECT_EQ(ledgerRows(ws->db()), serverLedger);
    }
    StockLedger ledger(*serverDb);
    auto report = ledger.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

// How an administrator sets a PostgreSQL server up: stockroom-cli init on an empty database,
// with no key to give; a second init is refused; a workstation cannot live there.
TEST(PostgresSetupTest, InitCreatesTheTablesOnceAndAWorkstationIsRefused)
{
    if (!TestBackend::postgres())
        GTEST_SKIP() << "This is the PostgreSQL set-up; the embedded one has its own tests.";
    QTemporaryDir dir;
    const QString url = TestBackend::newDatabase(dir.filePath(QStringLiteral("unused.db")));
    const auto cli = [](const QStringList &arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("STOCKROOM_DB_KEY"));
        environment.insert(QStringLiteral("STOCKROOM_ADMIN_PASSWORD"),
                           QStringLiteral("admin-password"));
        process.setProcessEnvironment(environment);
        process.setStandardInputFile(QProcess::nullDevice()); // a key prompt would fail
        process.start(QStringLiteral(STOCKROOM_CLI_EXECUTABLE), arguments);
        EXPECT_TRUE(process.waitForFinished(30000));
        return std::pair(process.exitCode(),
                         QString::fromUtf8(process.readAllStandardOutput()
                                           + process.readAllStandardError()));
    };
    const QStringList init{QStringLiteral("init"),
                           QStringLiteral("--db"),
                           url,
                           QStringLiteral("--admin"),
                           QStringLiteral("ada")};
    const auto [created, createdText] = cli(init);
    EXPECT_EQ(created, 0) << createdText.toStdString();
    EXPECT_THAT(createdText.toStdString(), testing::HasSubstr("(PostgreSQL), admin ada"));
    const auto [again, againText] = cli(init);
    EXPECT_EQ(again, 1);
    EXPECT_THAT(againText.toStdString(), testing::HasSubstr("already holds a Stockroom database"));

    auto db = openDatabase(url);
    ASSERT_TRUE(db->isPostgres());
    EXPECT_EQ(db->schemaVersion(), Schema::latestVersion());
    SystemClock clock;
    EXPECT_TRUE(UserService(*db, clock).actorFor(QStringLiteral("ada")));

    const auto [joined, joinedText] = cli({QStringLiteral("join"),
                                           QStringLiteral("--db"),
                                           url,
                                           QStringLiteral("--server"),
                                           QStringLiteral("ws://127.0.0.1:1")});
    EXPECT_EQ(joined, 1);
    EXPECT_THAT(joinedText.toStdString(), testing::HasSubstr("PostgreSQL is for the server"));
}

} // namespace
} // namespace Stockroom::Test
