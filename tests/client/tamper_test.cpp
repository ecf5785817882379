// A workstation whose file an insider changed with its key after it synced: the server
// refuses it, says so and writes it down; what the server cannot see, verify finds.
// (docs/security.md, "An insider with the database key".)

#include "sync/client/clientstore.h"

#include "tests/support/insider.h"
#include "tests/support/sync/syncharness.h"

#include <QSqlError>
#include <QSqlQuery>

#include <gmock/gmock.h>

namespace Stockroom::Test {
namespace {

class TamperTest : public ServerFixture<>
{
protected:
    void SetUp() override
    {
        startServer();
        if (HasFatalFailure())
            return;
        for (const char *name : {"one", "two"}) {
            stations.push_back(std::make_unique<Workstation>(dir.filePath(QString::fromLatin1(name)
                                                                          + QStringLiteral(".db")),
                                                             tokens.value(QStringLiteral("all"))));
            ASSERT_TRUE(stations.back()->sync(server->url()));
        }
    }

    Result<PostedMovement> receive(Workstation &ws, qint64 quantity)
    {
        return ws.post(QStringLiteral("kim"),
                       ReceiveStock{ws.productId(QStringLiteral("P-1")),
                                    ws.locationId(QStringLiteral("A-1")),
                                    {},
                                    {},
                                    quantity,
                                    {},
                                    {}});
    }

    qint64 stock(Workstation &ws)
    {
        return ws.quantity(QStringLiteral("P-1"), QStringLiteral("A-1"));
    }

    // Three receipts synced, then the second one's quantity changed in the file (the ledger's
    // hash chain and sums made to agree with it); returns the changed movement's id.
    QString syncThenChangeTheSecondReceipt(Workstation &ws)
    {
        QString second;
        for (qint64 quantity : {5, 7, 1}) {
            auto posted = receive(ws, quantity);
            EXPECT_TRUE(posted);
            if (quantity == 7)
                second = posted->id;
        }
        EXPECT_TRUE(ws.sync(server->url())) << ws.lastError().toStdString();
        EXPECT_TRUE(
            tamper(ws.db(),
                   {QStringLiteral("UPDATE movements SET delta = 70 WHERE id = '%1'").arg(second)}));
        EXPECT_TRUE(rechainLedger(ws.db()));
        EXPECT_TRUE(ws.ledger().repair());
        EXPECT_EQ(stock(ws), 76);
        return second;
    }

    // What the insider does to the links kept with the server's answers: recomputes each
    // from the changed history (the thorough insider), or removes them all.
    void recomputeKeptLinks(Workstation &ws)
    {
        QSqlQuery kept(ws.db().connection());
        ASSERT_TRUE(kept.exec(QStringLiteral("SELECT seq FROM outbox WHERE chain IS NOT NULL")));
        QList<qint64> seqs;
        while (kept.next())
            seqs.append(kept.value(0).toLongLong());
        ASSERT_FALSE(seqs.isEmpty());
        removeKeptLinks(ws);
        Sync::ClientStore store(ws.db(), ws.ledger(), ws.clock());
        QSqlQuery update(ws.db().connection());
        update.prepare(QStringLiteral("UPDATE outbox SET chain = ? WHERE seq = ?"));
        for (qint64 seq : std::as_const(seqs)) {
            auto link = store.linkAt(seq);
            ASSERT_TRUE(link);
            update.addBindValue(*link);
            update.addBindValue(seq);
            ASSERT_TRUE(update.exec()) << update.lastError().text().toStdString();
        }
    }

    void removeKeptLinks(Workstation &ws)
    {
        QSqlQuery query(ws.db().connection());
        ASSERT_TRUE(query.exec(QStringLiteral("UPDATE outbox SET chain = NULL")));
    }

    // The audit log's notes of refused histories, on the server.
    qint64 refusalsAudited()
    {
        auto db = openDatabase(serverPath);
        QSqlQuery query(db->connection());
        EXPECT_TRUE(query.exec(
            QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'refuse-history'")));
        return query.next() ? query.value(0).toLongLong() : -1;
    }

    // stockroom-cli verify on a workstation's file: its exit code and what it printed.
    std::pair<int, QString> verify(Workstation &ws)
    {
        QProcess cli;
        cli.setProcessEnvironment(keyedEnvironment());
        cli.setProcessChannelMode(QProcess::MergedChannels);
        cli.start(QStringLiteral(STOCKROOM_CLI_EXECUTABLE),
                  {QStringLiteral("verify"),
                   QStringLiteral("--db"),
                   ws.path(),
                   QStringLiteral("--user"),
                   QStringLiteral("mina")});
        EXPECT_TRUE(cli.waitForFinished(60000));
        return {cli.exitCode(), QString::fromUtf8(cli.readAll())};
    }

    std::vector<std::unique_ptr<Workstation>> stations;
};

TEST_F(TamperTest, AnUntouchedWorkstationVerifiesCleanAfterSyncing)
{
    Workstation &one = *stations.at(0);
    ASSERT_TRUE(receive(one, 5));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(receive(one, 2));
    ASSERT_TRUE(one.sync(server->url()));
    const auto [exit, output] = verify(one);
    EXPECT_EQ(exit, 0) << output.toStdString();
    EXPECT_THAT(output.toStdString(), testing::HasSubstr("against 2 answers of the server: clean"));
}

TEST_F(TamperTest, AChangeWithTheKeptLinksRecomputedIsRefusedAtTheNextConnection)
{
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    syncThenChangeTheSecondReceipt(one);
    recomputeKeptLinks(one);
    // Nothing new to push: hello alone gives it away.
    EXPECT_FALSE(one.sync(server->url(), 5000));
    EXPECT_EQ(one.lastState(), Sync::SyncClient::State::Refused);
    EXPECT_THAT(one.lastError().toStdString(), testing::HasSubstr("changed outside Stockroom"));
    EXPECT_TRUE(server->log().contains(QStringLiteral("history-diverged")));
    // The server's ledger is what was pushed.
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(stock(two), 13);
}

TEST_F(TamperTest, AChangeWithTheKeptLinksRemovedIsRefusedAtTheNextPushAndAudited)
{
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    syncThenChangeTheSecondReceipt(one);
    removeKeptLinks(one);
    ASSERT_TRUE(receive(one, 100));
    EXPECT_FALSE(one.sync(server->url(), 5000));
    EXPECT_EQ(one.lastState(), Sync::SyncClient::State::Refused);
    EXPECT_THAT(one.lastError().toStdString(), testing::HasSubstr("changed outside Stockroom"));
    EXPECT_EQ(one.pending(), 1); // kept, not lost
    // Nothing of the refused push was applied.
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(stock(two), 13);
    EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();
    EXPECT_EQ(refusalsAudited(), 1);
}

TEST_F(TamperTest, AChangeWithTheKeptLinksLeftAloneIsFoundByVerify)
{
    Workstation &one = *stations.at(0);
    syncThenChangeTheSecondReceipt(one);
    // The hash chain and the sums agree with the change; the history chain does not.
    auto ledgerReport = one.ledger().verify();
    ASSERT_TRUE(ledgerReport);
    EXPECT_TRUE(ledgerReport->isClean());
    const auto [exit, output] = verify(one);
    EXPECT_NE(exit, 0);
    EXPECT_THAT(output.toStdString(), testing::HasSubstr("DIFFERS history chain at operation"));
}

} // namespace
} // namespace Stockroom::Test
