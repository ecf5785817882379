// Workstations that work offline and then sync with a real server process converge: the
// same stock and the same ledger everywhere, and a clean verify on the server.

#include "tests/support/sync/syncharness.h"

#include <gmock/gmock.h>

namespace Stockroom::Test {
namespace {

class ConvergenceTest : public ServerFixture<testing::TestWithParam<int>>
{
protected:
    void SetUp() override { startServer(); }
};

TEST_P(ConvergenceTest, WorkstationsThatWorkedOfflineConvergeAfterSync)
{
    const int count = GetParam();
    std::vector<std::unique_ptr<Workstation>> stations;
    for (int i = 0; i < count; ++i) {
        stations.push_back(
            std::make_unique<Workstation>(dir.filePath(QStringLiteral("ws%1.db").arg(i)),
                                          tokens.value(QStringLiteral("all"))));
        // Clocks hours apart, ahead and behind: nothing may depend on them (conflicts.md
        // row 17).
        stations.back()->clock().advance((i - count / 2) * 5 * 3600);
        ASSERT_TRUE(stations.back()->sync(server->url()))
            << stations.back()->lastError().toStdString();
    }

    // Offline: every workstation records on its own, on the same products and bins.
    QRandomGenerator random(20261124u + quint32(count));
    for (int round = 0; round < 25; ++round) {
        for (auto &ws : stations)
            recordRandomMovement(*ws, random);
    }
    for (auto &ws : stations)
        EXPECT_GT(ws->pending(), 0);

    // Back online: each pushes its own and pulls the others'; a second round brings the
    // first ones what was pushed after them.
    for (int pass = 0; pass < 2; ++pass) {
        for (auto &ws : stations)
            ASSERT_TRUE(ws->sync(server->url())) << ws->lastError().toStdString();
    }

    auto serverDb = openDatabase(serverPath);
    const QStringList serverStock = stockRows(*serverDb);
    const QStringList serverLedger = ledgerRows(*serverDb);
    QSet<QString> movementIds;
    for (const QString &line : serverLedger)
        movementIds.insert(line.section(QLatin1Char('|'), 0, 0));
    EXPECT_EQ(movementIds.size(), 25 * count); // every movement arrived, once
    for (auto &ws : stations) {
        EXPECT_EQ(ws->pending(), 0);
        EXPECT_EQ(stockRows(ws->db()), serverStock);
        EXPECT_EQ(ledgerRows(ws->db()), serverLedger);
        auto report = ws->ledger().verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->isClean());
    }
    serverDb.reset();

    EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();
    EXPECT_THAT(server->log().toStdString(), testing::HasSubstr("event=stopped"));
    serverDb = openDatabase(serverPath);
    StockLedger serverLedgerCheck(*serverDb);
    auto report = serverLedgerCheck.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

INSTANTIATE_TEST_SUITE_P(Workstations, ConvergenceTest, testing::Values(2, 5));

} // namespace
} // namespace Stockroom::Test
