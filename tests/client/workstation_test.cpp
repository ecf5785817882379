// A workstation's life with a real server: live notifications, and a movement the
// server rejects.

#include "tests/support/sync/syncharness.h"

#include "model/domain/limits.h"
#include "model/services/conflictservice.h"
#include "tests/support/printers.h"

#include <QSqlError>
#include <QSqlQuery>

#include <gmock/gmock.h>

namespace Stockroom::Test {
namespace {

class WorkstationTest : public ServerFixture<>
{
protected:
    void start(const QStringList &serverArguments = {})
    {
        startServer(serverArguments);
        if (HasFatalFailure())
            return;
        const QList<QSslCertificate> trusted = QSslCertificate::fromPath(
            dir.filePath(QStringLiteral("cert.pem")));
        for (const char *name : {"one", "two"}) {
            stations.push_back(std::make_unique<Workstation>(dir.filePath(QString::fromLatin1(name)
                                                                          + QStringLiteral(".db")),
                                                             tokens.value(QStringLiteral("all"))));
            stations.back()->trust(trusted);
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

    Result<PostedMovement> issue(Workstation &ws, qint64 quantity)
    {
        return ws.post(QStringLiteral("kim"),
                       IssueStock{ws.productId(QStringLiteral("P-1")),
                                  ws.locationId(QStringLiteral("A-1")),
                                  {},
                                  quantity,
                                  {},
                                  {}});
    }

    qint64 stock(Workstation &ws)
    {
        return ws.quantity(QStringLiteral("P-1"), QStringLiteral("A-1"));
    }

    // Mina, a manager, signed in at a workstation, with its master-data commands.
    struct Manager
    {
        Manager(Workstation &ws, FakeClock &clock)
            : masterData(ws.db(), clock)
            , actor(*UserService(ws.db(), clock).actorFor(QStringLiteral("mina")))
        {}
        MasterDataService masterData;
        Actor actor;
    };

    std::vector<std::unique_ptr<Workstation>> stations;
};

TEST_F(WorkstationTest, AConnectedWorkstationIsNotifiedAndPullsAnotherOnesMovement)
{
    start();
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    auto live = two.startSync(server->url());
    QElapsedTimer waited;
    waited.start();
    while (live->state() != Sync::SyncClient::State::Online && waited.elapsed() < 10000)
        spin(10);
    ASSERT_EQ(live->state(), Sync::SyncClient::State::Online);

    ASSERT_TRUE(receive(one, 12));
    ASSERT_TRUE(one.sync(server->url()));
    // Without the server's notification the live client would not pull again.
    waited.restart();
    while (stock(two) != 12 && waited.elapsed() < 10000)
        spin(10);
    EXPECT_EQ(stock(two), 12);
}

TEST_F(WorkstationTest, AnEditMadeOnlineIsPushedAtOnceWithoutWaitingForAMovement)
{
    start();
    Workstation &one = *stations.at(0);
    auto live = one.startSync(server->url());
    ASSERT_TRUE(waitUntil([&] { return live->state() == Sync::SyncClient::State::Online; }));
    ASSERT_EQ(one.pending(), 0);

    Manager manager(one, one.clock());
    SetThreshold threshold;
    threshold.productId = one.productId(QStringLiteral("P-1"));
    threshold.minQty = 5;
    ASSERT_TRUE(manager.masterData.setThreshold(manager.actor, threshold));
    EXPECT_EQ(one.pending(), 1);
    // Nothing else happens at this workstation: the edit itself starts the sync.
    EXPECT_TRUE(waitUntil([&] { return one.pending() == 0; }));
}

TEST_F(WorkstationTest, WhatIsQueuedOfflineIsAnnouncedOnceForABurstSoTheCountKeepsUp)
{
    start();
    Workstation &one = *stations.at(0);
    Sync::SyncClient offline(one.db(), one.ledger(), one.clock(), {});
    int queued = 0;
    QObject::connect(&offline, &Sync::SyncClient::queued, [&] { ++queued; });
    for (int i = 0; i < 4; ++i)
        ASSERT_TRUE(receive(one, 1));
    EXPECT_EQ(queued, 0); // after the commit, on the next turn of the event loop
    spin(50);
    EXPECT_EQ(queued, 1);
    EXPECT_EQ(one.pending(), 4);
    ASSERT_TRUE(receive(one, 1));
    spin(50);
    EXPECT_EQ(queued, 2);
}

TEST_F(WorkstationTest, PushesAreCutToTheServersLargestMessageAndAnOperationTooLargeWaits)
{
    // 64 KiB messages: 300 receipts whose reason and reference are as long as the limits
    // allow, in Korean (three bytes a character), take about ten pushes.
    start({QStringLiteral("--max-message"), QStringLiteral("65536")});
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    const QString longReason(Limits::reason, QChar(0xC7AC));       // 재
    const QString longReference(Limits::reference, QChar(0xACE0)); // 고
    for (int i = 0; i < 300; ++i) {
        ASSERT_TRUE(one.post(QStringLiteral("kim"),
                             ReceiveStock{one.productId(QStringLiteral("P-1")),
                                          one.locationId(QStringLiteral("A-1")),
                                          {},
                                          {},
                                          1,
                                          longReason,
                                          longReference}));
    }
    ASSERT_TRUE(one.sync(server->url())) << one.lastError().toStdString();
    EXPECT_EQ(one.pending(), 0);
    EXPECT_FALSE(server->log().contains(QStringLiteral("1009")));
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(stock(two), 300);

    // One receipt whose reason alone is larger than a message, as a release without the
    // limits could have queued it: it is not sent, the workstation says why, and it stays
    // in the outbox with the receipt after it.
    ASSERT_TRUE(receive(one, 2));
    auto queued = receive(one, 3);
    ASSERT_TRUE(queued);
    {
        QSqlQuery query(one.db().connection());
        ASSERT_TRUE(query.exec(QStringLiteral("DROP TRIGGER movements_no_update")));
        query.prepare(QStringLiteral("UPDATE movements SET reason = ? WHERE id = ?"));
        query.addBindValue(QString(70 * 1024, QLatin1Char('h')));
        query.addBindValue(queued->id);
        ASSERT_TRUE(query.exec()) << query.lastError().text().toStdString();
        ASSERT_TRUE(query.exec(QStringLiteral(R"(CREATE TRIGGER movements_no_update
            BEFORE UPDATE ON movements BEGIN
            SELECT RAISE(ABORT, 'the movement ledger is append-only: movements cannot be changed');
            END)")));
    }
    ASSERT_TRUE(receive(one, 4));
    EXPECT_FALSE(one.sync(server->url(), 3000));
    EXPECT_THAT(one.lastError().toStdString(), testing::HasSubstr("--max-message"));
    EXPECT_EQ(one.pending(), 2);
    EXPECT_EQ(stock(one), 309);
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(stock(two), 302);
}

TEST_F(WorkstationTest, AMovementTheServerRejectsIsReversedLocallyAndShownInTheInbox)
{
    start({QStringLiteral("--negative-stock"), QStringLiteral("refuse")});
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    ASSERT_TRUE(receive(one, 10));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    ASSERT_EQ(stock(two), 10);

    // Both pick from the same 10 while offline; the server refuses the one that comes
    // second, since together they would take stock below zero.
    ASSERT_TRUE(issue(one, 8));
    auto refused = issue(two, 5);
    ASSERT_TRUE(refused);
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    ASSERT_TRUE(one.sync(server->url()));

    EXPECT_EQ(stock(one), 2);
    EXPECT_EQ(stock(two), 2);
    EXPECT_EQ(stockRows(one.db()), stockRows(two.db()));
    EXPECT_EQ(two.pending(), 0);

    QSqlQuery inbox(two.db().connection());
    ASSERT_TRUE(inbox.exec(QStringLiteral("SELECT entity_key, detail FROM conflicts "
                                          "WHERE type = 'rejected' AND state = 'open'")));
    ASSERT_TRUE(inbox.next());
    EXPECT_EQ(inbox.value(0).toString(), refused->id);
    EXPECT_FALSE(inbox.value(1).toString().isEmpty());
    EXPECT_FALSE(inbox.next());

    // The ledger is not edited: the rejected line stays, with its local reversal.
    QSqlQuery lines(two.db().connection());
    ASSERT_TRUE(lines.exec(QStringLiteral("SELECT delta, device_id FROM movements "
                                          "WHERE id = '%1' OR reference = '%1' ORDER BY seq")
                               .arg(refused->id)));
    ASSERT_TRUE(lines.next());
    EXPECT_EQ(lines.value(0).toLongLong(), -5);
    ASSERT_TRUE(lines.next());
    EXPECT_EQ(lines.value(0).toLongLong(), 5);
    EXPECT_TRUE(lines.value(1).toString().endsWith(QStringLiteral("/local")));
    auto report = two.ledger().verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

} // namespace
} // namespace Stockroom::Test

namespace Stockroom::Test {
namespace {

TEST_F(WorkstationTest, AWorkstationSyncsOverTlsWithTheServersCertificate)
{
    const auto [cert, keyFile] = makeSelfSignedCertificate(QDir(dir.path()));
    ASSERT_FALSE(cert.isEmpty());
    start({QStringLiteral("--tls-cert"), cert, QStringLiteral("--tls-key"), keyFile});
    ASSERT_EQ(server->url().scheme(), QStringLiteral("wss"));
    Workstation &one = *stations.at(0);
    ASSERT_TRUE(receive(one, 4));
    ASSERT_TRUE(one.sync(server->url()));

    // A workstation that does not trust the certificate is not let through.
    Workstation stranger(dir.filePath(QStringLiteral("stranger.db")),
                         tokens.value(QStringLiteral("all")));
    EXPECT_FALSE(stranger.sync(server->url(), 3000));
    EXPECT_TRUE(stockRows(stranger.db()).isEmpty());

    auto serverDb = openDatabase(serverPath);
    EXPECT_EQ(stockRows(*serverDb), stockRows(one.db()));
}

} // namespace
} // namespace Stockroom::Test

namespace Stockroom::Test {
namespace {

TEST_F(WorkstationTest, AProductEditTheServerForbidsIsTakenBackAndShownInTheInbox)
{
    start();
    // A manager signs in at a clerk's workstation: the token's role does not allow edits.
    Workstation counter(dir.filePath(QStringLiteral("counter.db")),
                        tokens.value(QStringLiteral("wh-a")));
    ASSERT_TRUE(counter.sync(server->url()));
    FakeClock clock;
    MasterDataService masterData(counter.db(), clock);
    const Actor mina = *UserService(counter.db(), clock).actorFor(QStringLiteral("mina"));
    const Product before = *Catalog(counter.db()).findProduct(QStringLiteral("P-1"));
    ASSERT_TRUE(masterData.editProduct(
        mina, EditProduct{before.id, before.version, QStringLiteral("Renamed here"), {}, {}, {}}));
    ASSERT_EQ(Catalog(counter.db()).findProduct(QStringLiteral("P-1"))->name,
              QStringLiteral("Renamed here"));

    ASSERT_TRUE(counter.sync(server->url()));
    EXPECT_EQ(Catalog(counter.db()).findProduct(QStringLiteral("P-1"))->name, before.name);
    EXPECT_EQ(counter.pending(), 0);
    QSqlQuery inbox(counter.db().connection());
    ASSERT_TRUE(inbox.exec(QStringLiteral("SELECT entity, entity_key, mine FROM conflicts "
                                          "WHERE type = 'rejected' AND state = 'open'")));
    ASSERT_TRUE(inbox.next());
    EXPECT_EQ(inbox.value(0).toString(), QStringLiteral("product"));
    EXPECT_EQ(inbox.value(1).toString(), before.uuid);
    EXPECT_EQ(inbox.value(2).toString(), QStringLiteral("forbidden: product.edit"));

    auto serverDb = openDatabase(serverPath);
    EXPECT_EQ(Catalog(*serverDb).findProduct(QStringLiteral("P-1"))->name, before.name);
}

TEST_F(WorkstationTest, AThresholdConflictDecidedForThisWorkstationReachesEveryoneOrIsReopened)
{
    start();
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    FakeClock clock;
    Manager atOne(one, clock);
    Manager atTwo(two, clock);
    const auto minimum = [](Workstation &ws) {
        auto threshold = Catalog(ws.db()).threshold(ws.productId(QStringLiteral("P-1")), 0);
        return threshold && *threshold ? (*threshold)->minQty : std::optional<qint64>();
    };
    const auto setMinimum = [](Manager &manager, Workstation &ws, qint64 min, qint64 max) {
        const qint64 product = ws.productId(QStringLiteral("P-1"));
        auto current = Catalog(ws.db()).threshold(product, 0);
        const qint64 version = current && *current ? (*current)->version : 0;
        return manager.masterData.setThreshold(manager.actor,
                                               SetThreshold{product, 0, version, min, max, {}});
    };
    const auto openConflict = [](Workstation &ws) {
        QSqlQuery query(ws.db().connection());
        EXPECT_TRUE(query.exec(QStringLiteral("SELECT uuid FROM conflicts WHERE type = 'field' "
                                              "AND state = 'open'")));
        return query.next() ? query.value(0).toString() : QString();
    };
    ASSERT_TRUE(setMinimum(atOne, one, 5, 50));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    ASSERT_EQ(minimum(two), 5);

    // Offline, both change the minimum; the second to sync loses, and sees the server's.
    ASSERT_TRUE(setMinimum(atOne, one, 8, 50));
    ASSERT_TRUE(setMinimum(atTwo, two, 3, 50));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(minimum(two), 8);
    const QString conflict = openConflict(two);
    ASSERT_FALSE(conflict.isEmpty());

    // The manager keeps this workstation's minimum: the server writes it, everyone has it.
    ConflictService decisions(two.db(), two.clock());
    ASSERT_TRUE(decisions.resolve(atTwo.actor, conflict, ConflictChoice::Mine));
    ASSERT_TRUE(two.sync(server->url()));
    ASSERT_TRUE(one.sync(server->url()));
    EXPECT_EQ(minimum(two), 3);
    EXPECT_EQ(minimum(one), 3);
    EXPECT_EQ(*Catalog(*openDatabase(serverPath))
                   .threshold(one.productId(QStringLiteral("P-1")), 0)
                   .value()
                   ->minQty,
              3);

    // Another conflict, and then the maximum drops below what this workstation would keep:
    // the server refuses the decision, and the conflict is open here again.
    ASSERT_TRUE(setMinimum(atOne, one, 9, 50));
    ASSERT_TRUE(setMinimum(atTwo, two, 4, 50));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    const QString second = openConflict(two);
    ASSERT_FALSE(second.isEmpty());
    ASSERT_TRUE(setMinimum(atOne, one, 1, 2));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(decisions.resolve(atTwo.actor, second, ConflictChoice::Mine));
    EXPECT_TRUE(openConflict(two).isEmpty());
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(openConflict(two), second);
    EXPECT_EQ(minimum(two), 1);
    QSqlQuery inbox(two.db().connection());
    ASSERT_TRUE(inbox.exec(QStringLiteral("SELECT mine FROM conflicts WHERE type = 'rejected' "
                                          "AND state = 'open'")));
    ASSERT_TRUE(inbox.next());
    EXPECT_EQ(inbox.value(0).toString(), QStringLiteral("invalid: conflict.resolve"));
}

TEST_F(WorkstationTest, AStaleCountThatAManagerLetsStandAdjustsTheStockEverywhere)
{
    start();
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    ASSERT_TRUE(receive(one, 10));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));

    // Offline, two issues 3 while one counts 8 against the 10 it knows.
    ASSERT_TRUE(issue(two, 3));
    ASSERT_TRUE(one.post(QStringLiteral("kim"),
                         CountStock{one.productId(QStringLiteral("P-1")),
                                    one.locationId(QStringLiteral("A-1")),
                                    {},
                                    8,
                                    {},
                                    {},
                                    {}}));
    ASSERT_TRUE(two.sync(server->url()));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    EXPECT_EQ(stock(one), 5); // the count's -2 on top of the other issue
    EXPECT_EQ(stock(two), 5);

    QSqlQuery open(one.db().connection());
    ASSERT_TRUE(open.exec(QStringLiteral("SELECT uuid FROM conflicts WHERE type = 'stale-count' "
                                         "AND state = 'open'")));
    ASSERT_TRUE(open.next());
    FakeClock clock;
    const Actor mina = *UserService(one.db(), clock).actorFor(QStringLiteral("mina"));
    ConflictService decisions(one.db(), clock);
    ASSERT_TRUE(decisions.resolve(mina, open.value(0).toString(), ConflictChoice::Mine));
    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    // The 3 the count found more than it left are back, at both, and the ledgers agree.
    EXPECT_EQ(stock(one), 8);
    EXPECT_EQ(stock(two), 8);
    for (Workstation *ws : {&one, &two}) {
        auto report = ws->ledger().verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->isClean());
    }
}

TEST_F(WorkstationTest, ABarcodeLinkedAtOneWorkstationReachesTheOtherAndADoubleLinkIsTakenBack)
{
    start();
    Workstation &one = *stations.at(0);
    Workstation &two = *stations.at(1);
    FakeClock clock;
    Manager atOne(one, clock);
    Manager atTwo(two, clock);
    const QString code = QStringLiteral("4006381333931");

    // Both link the same unknown code, offline, to different products.
    ASSERT_TRUE(
        atOne.masterData.addBarcode(atOne.actor, {one.productId(QStringLiteral("P-1")), code}));
    ASSERT_TRUE(
        atTwo.masterData.addBarcode(atTwo.actor, {two.productId(QStringLiteral("P-2")), code}));
    EXPECT_EQ(one.pending(), 1);

    ASSERT_TRUE(one.sync(server->url()));
    ASSERT_TRUE(two.sync(server->url()));
    // The first link stands everywhere; the second workstation took its own back.
    EXPECT_EQ(Catalog(one.db()).findProduct(code)->sku, QStringLiteral("P-1"));
    auto atServer = Catalog(*openDatabase(serverPath)).findProduct(code);
    ASSERT_TRUE(atServer) << atServer.error();
    EXPECT_EQ(atServer->sku, QStringLiteral("P-1"));
    EXPECT_EQ(Catalog(two.db()).findProduct(code)->sku, QStringLiteral("P-1"));
    EXPECT_EQ(two.pending(), 0);
    QSqlQuery inbox(two.db().connection());
    ASSERT_TRUE(inbox.exec(QStringLiteral("SELECT mine, detail FROM conflicts "
                                          "WHERE type = 'rejected' AND state = 'open'")));
    ASSERT_TRUE(inbox.next());
    EXPECT_EQ(inbox.value(0).toString(), QStringLiteral("duplicate: product.barcode"));
    EXPECT_THAT(inbox.value(1).toString().toStdString(), testing::HasSubstr(code.toStdString()));

    // Sent again (a retried batch), the first link is the same link.
    ASSERT_TRUE(one.sync(server->url()));
    EXPECT_EQ(one.pending(), 0);
}

} // namespace
} // namespace Stockroom::Test
