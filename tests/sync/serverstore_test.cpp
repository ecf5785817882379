// The server's store: each row of docs/conflicts.md, applied without a network.

#include "tests/support/stockfixture.h"

#include "sync/changefeed.h"
#include "sync/serverstore.h"

#include <QSqlQuery>

namespace Stockroom::Sync {
namespace {

class ServerStoreTest : public Stockroom::Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        store = std::make_unique<ServerStore>(*db);
        session.deviceId = QStringLiteral("device-1");
        session.token.role = Role::Manager;
        managerUuid = uuidOf(QStringLiteral("users"), manager.userId);
    }

    QString uuidOf(const QString &table, qint64 id)
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT uuid FROM %1 WHERE id = %2").arg(table).arg(id));
        return query.next() ? query.value(0).toString() : QString();
    }

    QCborMap movement(qint64 seq,
                      const QString &type,
                      qint64 delta,
                      const Cursor &base = {},
                      const QCborMap &extra = {})
    {
        QCborMap leg{{key("product"), widget.uuid},
                     {key("location"), binA.uuid},
                     {key("delta"), delta}};
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            leg.insert(it.key(), it.value());
        const QCborMap body{{key("id"), QStringLiteral("mv-%1").arg(++movementsMade)},
                            {key("type"), type},
                            {key("deviceSeq"), seq},
                            {key("at"), 0},
                            {key("legs"), QCborArray{leg}}};
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("movement")},
                {key("base"), base.toBytes()},
                {key("user"), managerUuid},
                {key("body"), body}};
    }

    PushOutcome push(const QCborArray &ops)
    {
        auto pushed = store->push(session, ops);
        EXPECT_TRUE(pushed) << (pushed ? "" : qPrintable(pushed.error().message));
        return pushed ? *pushed : PushOutcome{};
    }

    QString outcomeOf(const PushOutcome &pushed, int i)
    {
        const QCborMap result = pushed.results.at(i).toMap();
        if (result.value(key("outcome")).toString() == QLatin1String("rejected"))
            qInfo("rejected: %s", qPrintable(result.value(key("message")).toString()));
        return result.value(key("outcome")).toString();
    }

    int openConflicts(const QString &type)
    {
        QSqlQuery query(db->connection());
        query.exec(
            QStringLiteral("SELECT count(*) FROM conflicts WHERE state = 'open' AND type = '%1'")
                .arg(type));
        return query.next() ? query.value(0).toInt() : -1;
    }

    // The conflicts of a type, oldest first, by their UUIDs.
    QStringList conflictsOf(const QString &type)
    {
        QSqlQuery query(db->connection());
        query.exec(
            QStringLiteral("SELECT uuid FROM conflicts WHERE type = '%1' ORDER BY id").arg(type));
        QStringList uuids;
        while (query.next())
            uuids << query.value(0).toString();
        return uuids;
    }

    // A manager's decision on a conflict, as operation seq of this device.
    QCborMap resolve(qint64 seq, const QString &conflict, const char *choice)
    {
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("conflict.resolve")},
                {key("base"), Cursor{}.toBytes()},
                {key("user"), managerUuid},
                {key("body"),
                 QCborMap{{key("conflict"), conflict},
                          {key("choice"), QString::fromLatin1(choice)}}}};
    }

    // What another device moves now.
    void moveElsewhere(qint64 delta)
    {
        SyncSession other = session;
        other.deviceId = QStringLiteral("device-2");
        EXPECT_TRUE(store->push(other,
                                {movement(++otherSeq,
                                          QLatin1String(delta < 0 ? "issue" : "receipt"),
                                          delta)}));
    }

    // A count of counted against expected, made on what this device had seen while another
    // device moved otherDelta, unseen. The count's outcome.
    QString staleCount(qint64 otherDelta, qint64 counted, qint64 expected)
    {
        const Cursor seen{0, ledgerHead()};
        moveElsewhere(otherDelta);
        const PushOutcome pushed = push(
            {movement(++seqMade,
                      QStringLiteral("count"),
                      counted - expected,
                      seen,
                      {{key("counted"), counted}, {key("expected"), expected}})});
        return outcomeOf(pushed, 0);
    }

    qint64 ledgerHead()
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT max(seq) FROM movements"));
        return query.next() ? query.value(0).toLongLong() : 0;
    }

    std::unique_ptr<ServerStore> store;
    SyncSession session;
    QString managerUuid;
    int movementsMade = 0;
    qint64 seqMade = 0;  // this device's last operation, for tests that count on it
    qint64 otherSeq = 0; // device-2's
};

TEST_F(ServerStoreTest, AMovementOnCurrentStockIsApplied)
{
    const PushOutcome pushed = push({movement(1, QStringLiteral("receipt"), 10)});
    ASSERT_EQ(pushed.results.size(), 1);
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("applied"));
    EXPECT_EQ(pushed.acked, 1);
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
}

TEST_F(ServerStoreTest, AReplayedOperationReturnsTheStoredOutcomeAndIsNotAppliedTwice)
{
    push({movement(1, QStringLiteral("receipt"), 10)});
    const PushOutcome again = push(
        {movement(1, QStringLiteral("receipt"), 10), movement(2, QStringLiteral("issue"), -3)});
    ASSERT_EQ(again.results.size(), 2);
    EXPECT_EQ(outcomeOf(again, 0), QStringLiteral("applied"));
    EXPECT_TRUE(again.results.at(0).toMap().value(key("replayed")).toBool());
    EXPECT_EQ(outcomeOf(again, 1), QStringLiteral("applied"));
    EXPECT_EQ(quantity(widget.id, binA.id), 7);
}

TEST_F(ServerStoreTest, AMovementReusingTheDevicesNumberIsRejectedAndThePushGoesOn)
{
    push({movement(1, QStringLiteral("receipt"), 10)});
    QCborMap reused = movement(2, QStringLiteral("receipt"), 5);
    QCborMap body = reused.value(key("body")).toMap();
    body.insert(key("deviceSeq"), 1); // the number of the first movement, on another one
    reused.insert(key("body"), body);
    const PushOutcome pushed = push({reused, movement(3, QStringLiteral("issue"), -4)});
    ASSERT_EQ(pushed.results.size(), 2);
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(outcomeOf(pushed, 1), QStringLiteral("applied"));
    EXPECT_EQ(pushed.acked, 3);
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
}

TEST_F(ServerStoreTest, RepeatsInsideOnePushAreRejectedAndThePushGoesOn)
{
    // On PostgreSQL a transaction's lines are written together before it commits: a repeat
    // must be caught before then, or it would fail the whole push.
    const QCborMap first = movement(1, QStringLiteral("receipt"), 10);
    QCborMap sameId = movement(2, QStringLiteral("receipt"), 5);
    QCborMap body = sameId.value(key("body")).toMap();
    body.insert(key("id"), first.value(key("body")).toMap().value(key("id")));
    sameId.insert(key("body"), body);
    QCborMap sameNumber = movement(3, QStringLiteral("receipt"), 7);
    body = sameNumber.value(key("body")).toMap();
    body.insert(key("deviceSeq"), 1);
    sameNumber.insert(key("body"), body);

    const PushOutcome pushed = push(
        {first, sameId, sameNumber, movement(4, QStringLiteral("issue"), -4)});
    ASSERT_EQ(pushed.results.size(), 4);
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("applied"));
    EXPECT_EQ(outcomeOf(pushed, 1), QStringLiteral("rejected"));
    EXPECT_EQ(outcomeOf(pushed, 2), QStringLiteral("rejected"));
    EXPECT_EQ(outcomeOf(pushed, 3), QStringLiteral("applied"));
    EXPECT_EQ(pushed.acked, 4);
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

TEST_F(ServerStoreTest, StockMarksFollowEveryDeviceWithinOneTransaction)
{
    // Three devices' movements on one row in one transaction (as a group commit makes):
    // the row must remember the last line and the last line from another device as if each
    // had been written alone, for the staleness of what comes next.
    SyncSession two = session;
    two.deviceId = QStringLiteral("device-2");
    SyncSession three = session;
    three.deviceId = QStringLiteral("device-3");
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(tx);
        ASSERT_TRUE(store->push(three, {movement(1, QStringLiteral("receipt"), 20)}));
        ASSERT_TRUE(store->push(two, {movement(1, QStringLiteral("issue"), -2)}));
        ASSERT_TRUE(store->push(session, {movement(1, QStringLiteral("issue"), -3)}));
        ASSERT_TRUE(store->push(session, {movement(2, QStringLiteral("issue"), -4)}));
        ASSERT_TRUE(tx->commit());
    }
    const auto seqOf = [&](const QString &device, qint64 number) {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT seq FROM movements WHERE device_id = '%1' AND "
                                  "device_seq = %2")
                       .arg(device)
                       .arg(number));
        return query.next() ? query.value(0).toLongLong() : -1;
    };
    QSqlQuery row(db->connection());
    ASSERT_TRUE(row.exec(QStringLiteral("SELECT quantity, version, last_seq, last_device, "
                                        "other_seq FROM stock")));
    ASSERT_TRUE(row.next());
    EXPECT_EQ(row.value(0).toLongLong(), 11);
    EXPECT_EQ(row.value(1).toLongLong(), 4);
    EXPECT_EQ(row.value(2).toLongLong(), seqOf(session.deviceId, 2));
    EXPECT_EQ(row.value(3).toString(), session.deviceId);
    EXPECT_EQ(row.value(4).toLongLong(), seqOf(two.deviceId, 1));
    EXPECT_LT(seqOf(three.deviceId, 1), seqOf(two.deviceId, 1));
    EXPECT_LT(seqOf(two.deviceId, 1), seqOf(session.deviceId, 1));

    // Device 2 saw its own line only: device 1's lines after it make its next one stale.
    const Cursor seenOwn{0, seqOf(two.deviceId, 1)};
    auto stale = store->push(two, {movement(2, QStringLiteral("issue"), -1, seenOwn)});
    ASSERT_TRUE(stale);
    EXPECT_EQ(outcomeOf(*stale, 0), QStringLiteral("rebased"));
    // Device 1 saw everything but device 2's newest line.
    const Cursor seenAll{0, seqOf(session.deviceId, 2)};
    auto staleToo = store->push(session, {movement(3, QStringLiteral("issue"), -1, seenAll)});
    ASSERT_TRUE(staleToo);
    EXPECT_EQ(outcomeOf(*staleToo, 0), QStringLiteral("rebased"));
    const Cursor seenNewest{0, ledgerHead()};
    auto current = store->push(session, {movement(4, QStringLiteral("issue"), -1, seenNewest)});
    ASSERT_TRUE(current);
    EXPECT_EQ(outcomeOf(*current, 0), QStringLiteral("applied"));
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

TEST_F(ServerStoreTest, AGapRefusesThePushAndAppliesNothing)
{
    const PushOutcome pushed = push(
        {movement(1, QStringLiteral("receipt"), 10), movement(3, QStringLiteral("receipt"), 5)});
    ASSERT_TRUE(pushed.refusal);
    EXPECT_EQ(pushed.refusal->code, QStringLiteral("out-of-order"));
    EXPECT_EQ(pushed.acked, 0);
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

TEST_F(ServerStoreTest, AGroupOfPushesIsAppliedTogetherAndARefusedOneLeavesTheOthersAlone)
{
    // The server applies the pushes waiting together in one transaction: four pushes of
    // three devices, one of them with a gap.
    const auto from = [this](const char *device) {
        SyncSession other = session;
        other.deviceId = QString::fromLatin1(device);
        return other;
    };
    const QList<PushRequest> group{
        {from("device-a"), {movement(1, QStringLiteral("receipt"), 10)}},
        {from("device-b"),
         {movement(1, QStringLiteral("receipt"), 100), movement(3, QStringLiteral("receipt"), 100)}},
        {from("device-c"), {movement(1, QStringLiteral("receipt"), 5)}},
        {from("device-a"), {movement(2, QStringLiteral("issue"), -3)}},
    };
    const PushGroupOutcome outcome = store->pushGroup(group);
    EXPECT_FALSE(outcome.groupError);
    ASSERT_EQ(outcome.pushes.size(), 4);
    for (const auto &pushed : outcome.pushes)
        ASSERT_TRUE(pushed) << qPrintable(pushed.error().message);
    EXPECT_FALSE(outcome.pushes.at(0)->refusal);
    EXPECT_EQ(outcome.pushes.at(0)->acked, 1);
    ASSERT_TRUE(outcome.pushes.at(1)->refusal);
    EXPECT_EQ(outcome.pushes.at(1)->refusal->code, QStringLiteral("out-of-order"));
    EXPECT_EQ(outcome.pushes.at(1)->acked, 0);
    EXPECT_EQ(outcome.pushes.at(2)->acked, 1);
    EXPECT_EQ(outcome.pushes.at(3)->acked, 2); // after the group's first push of its device
    EXPECT_EQ(quantity(widget.id, binA.id), 12);

    // Each device's acknowledgement and outcomes were stored with the group.
    session.deviceId = QStringLiteral("device-a");
    EXPECT_EQ(*store->ackedSeq(session.deviceId), 2);
    const PushOutcome again = push({movement(1, QStringLiteral("receipt"), 10)});
    ASSERT_EQ(again.results.size(), 1);
    EXPECT_TRUE(again.results.at(0).toMap().value(key("replayed")).toBool());
    EXPECT_EQ(*store->ackedSeq(QStringLiteral("device-b")), 0);
    EXPECT_EQ(quantity(widget.id, binA.id), 12);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

TEST_F(ServerStoreTest, APushThatFailsItsGroupIsTriedAloneAndTheOthersAreApplied)
{
    // A database error in one push rolls the group back; each push is then applied alone,
    // so that only the failing one is refused.
    const QString refuse = db->isPostgres()
                               ? QStringLiteral(
                                   "CREATE FUNCTION refuse_boom() RETURNS trigger AS $$ "
                                   "BEGIN IF NEW.reason = 'boom' THEN RAISE EXCEPTION "
                                   "'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql; "
                                   "CREATE TRIGGER refuse_boom BEFORE INSERT ON movements "
                                   "FOR EACH ROW EXECUTE FUNCTION refuse_boom()")
                               : QStringLiteral(
                                   "CREATE TRIGGER refuse_boom BEFORE INSERT ON movements "
                                   "WHEN NEW.reason = 'boom' BEGIN SELECT "
                                   "RAISE(ABORT, 'boom'); END");
    ASSERT_TRUE(db->exec(refuse));
    QCborMap boom = movement(1, QStringLiteral("receipt"), 100);
    QCborMap body = boom.value(key("body")).toMap();
    body.insert(key("reason"), QStringLiteral("boom"));
    boom.insert(key("body"), body);
    SyncSession failing = session;
    failing.deviceId = QStringLiteral("device-boom");

    const PushGroupOutcome outcome = store->pushGroup(
        {{session, {movement(1, QStringLiteral("receipt"), 10)}},
         {failing, {boom}},
         {session, {movement(2, QStringLiteral("issue"), -4)}}});
    ASSERT_TRUE(outcome.groupError);
    ASSERT_EQ(outcome.pushes.size(), 3);
    ASSERT_TRUE(outcome.pushes.at(0));
    EXPECT_EQ(outcome.pushes.at(0)->acked, 1);
    EXPECT_FALSE(outcome.pushes.at(1));
    ASSERT_TRUE(outcome.pushes.at(2));
    EXPECT_EQ(outcome.pushes.at(2)->acked, 2);
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
    EXPECT_EQ(*store->ackedSeq(failing.deviceId), 0);
}

TEST_F(ServerStoreTest, AStaleMovementIsRebasedOntoCurrentStock)
{
    // Another workstation receives 10 after this device last pulled (base = nothing).
    SyncSession other = session;
    other.deviceId = QStringLiteral("device-2");
    ASSERT_TRUE(store->push(other, {movement(1, QStringLiteral("receipt"), 10)}));
    const PushOutcome pushed = push({movement(1, QStringLiteral("issue"), -4)});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rebased"));
    EXPECT_EQ(quantity(widget.id, binA.id), 6);

    // Once the device has seen that line, its next movement is plain.
    const PushOutcome next = push(
        {movement(2, QStringLiteral("issue"), -1, Cursor{0, ledgerHead()})});
    EXPECT_EQ(outcomeOf(next, 0), QStringLiteral("applied"));
}

TEST_F(ServerStoreTest, AnIssueBelowZeroIsKeptAndRaisesAnExceptionForAManager)
{
    const PushOutcome pushed = push({movement(1, QStringLiteral("issue"), -4)});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("conflict"));
    EXPECT_EQ(quantity(widget.id, binA.id), -4);
    EXPECT_EQ(openConflicts(QStringLiteral("negative-stock")), 1);
}

TEST_F(ServerStoreTest, AReservationOrTheRefusePolicyRejectsAnIssueBelowZero)
{
    QCborMap reservation = movement(1, QStringLiteral("issue"), -4);
    QCborMap body = reservation.value(key("body")).toMap();
    body.insert(key("reservation"), true);
    reservation.insert(key("body"), body);
    const PushOutcome pushed = push({reservation});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(pushed.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("insufficient-stock"));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);

    ServerStore refusing(*db, NegativeStockRule::Refuse);
    auto second = refusing.push(session, {movement(2, QStringLiteral("issue"), -1)});
    ASSERT_TRUE(second);
    EXPECT_EQ(second->results.at(0).toMap().value(key("outcome")).toString(),
              QStringLiteral("rejected"));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

TEST_F(ServerStoreTest, ACountAgainstStaleStockKeepsWhatHappenedElsewhereAndAsksAPerson)
{
    push({movement(1, QStringLiteral("receipt"), 10)});
    const Cursor seen{0, ledgerHead()};
    // Elsewhere, 3 are issued; this device, not knowing, counts 8 against its 10.
    SyncSession other = session;
    other.deviceId = QStringLiteral("device-2");
    ASSERT_TRUE(store->push(other, {movement(1, QStringLiteral("issue"), -3)}));
    const PushOutcome pushed = push({movement(2,
                                              QStringLiteral("count"),
                                              -2,
                                              seen,
                                              {{key("counted"), 8}, {key("expected"), 10}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("conflict"));
    EXPECT_EQ(quantity(widget.id, binA.id), 5); // 10 - 3 - 2: the other issue is not wiped out
    EXPECT_EQ(openConflicts(QStringLiteral("stale-count")), 1);
}

TEST_F(ServerStoreTest, AStaleCountDecidedForTheCountAdjustsByWhatItFoundAndKeepsLaterMoves)
{
    push({movement(++seqMade, QStringLiteral("receipt"), 10)});
    // Elsewhere 3 are issued; counted 8 against 10, the count leaves 5 where the counter saw 8.
    ASSERT_EQ(staleCount(-3, 8, 10), QStringLiteral("conflict"));
    moveElsewhere(-1); // after the count: it stays whatever is decided
    ASSERT_EQ(quantity(widget.id, binA.id), 4);

    const QString conflict = conflictsOf(QStringLiteral("stale-count")).value(0);
    const PushOutcome decided = push({resolve(++seqMade, conflict, "mine")});
    EXPECT_EQ(outcomeOf(decided, 0), QStringLiteral("applied"));
    EXPECT_EQ(decided.movements, 1);
    EXPECT_EQ(quantity(widget.id, binA.id), 7); // 4 + (8 - 5)
    EXPECT_EQ(openConflicts(QStringLiteral("stale-count")), 0);
    QSqlQuery query(db->connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT type, delta, user_id FROM movements "
                                          "WHERE reference = '%1'")
                               .arg(conflict)));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toString(), QStringLiteral("adjustment"));
    EXPECT_EQ(query.value(1).toLongLong(), 3);
    EXPECT_EQ(query.value(2).toLongLong(), manager.userId);
    auto verified = StockLedger(*db).verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->isClean());
}

TEST_F(ServerStoreTest, AStaleCountThatWouldTakeStockBelowZeroIsNotDecidedForTheCount)
{
    push({movement(++seqMade, QStringLiteral("receipt"), 10)});
    // Elsewhere 5 arrive; counted 4 against 10, the count leaves 9 where the counter saw 4.
    ASSERT_EQ(staleCount(5, 4, 10), QStringLiteral("conflict"));
    moveElsewhere(-8);
    const PushOutcome decided = push(
        {resolve(++seqMade, conflictsOf(QStringLiteral("stale-count")).value(0), "mine")});
    EXPECT_EQ(outcomeOf(decided, 0), QStringLiteral("rejected"));
    EXPECT_EQ(decided.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("insufficient-stock"));
    EXPECT_EQ(quantity(widget.id, binA.id), 1);
    EXPECT_EQ(openConflicts(QStringLiteral("stale-count")), 1);
}

TEST_F(ServerStoreTest, ACountAgainstCurrentStockIsAnAdjustmentToWhatWasCounted)
{
    push({movement(1, QStringLiteral("receipt"), 10)});
    const PushOutcome pushed = push({movement(2,
                                              QStringLiteral("count"),
                                              -3,
                                              Cursor{0, ledgerHead()},
                                              {{key("counted"), 7}, {key("expected"), 10}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("applied"));
    EXPECT_EQ(quantity(widget.id, binA.id), 7);
    EXPECT_EQ(openConflicts(QStringLiteral("stale-count")), 0);
}

TEST_F(ServerStoreTest, AMovementInAnotherWarehouseIsOutOfScope)
{
    session.token.warehouseIds = {warehouse.id + 1000};
    const PushOutcome pushed = push({movement(1, QStringLiteral("receipt"), 10)});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(pushed.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("out-of-scope"));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

class ProductMergeTest : public ServerStoreTest
{
protected:
    QCborMap edit(qint64 seq, const QCborMap &base, const QCborMap &set)
    {
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("product.edit")},
                {key("base"), Cursor{}.toBytes()},
                {key("user"), managerUuid},
                {key("body"),
                 QCborMap{{key("uuid"), widget.uuid}, {key("base"), base}, {key("set"), set}}}};
    }

    Product current() { return *catalog->product(widget.id); }
};

TEST_F(ProductMergeTest, DifferentFieldsMergeSilently)
{
    // The server's copy got a new unit after the device read version 1.
    ASSERT_TRUE(masterData->editProduct(
        manager, EditProduct{widget.id, widget.version, {}, {}, QStringLiteral("BOX"), {}}));
    const PushOutcome pushed = push(
        {edit(1,
              {{key("version"), widget.version}, {key("name"), widget.name}},
              {{key("name"), QStringLiteral("Widget XL")}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rebased"));
    EXPECT_EQ(current().name, QStringLiteral("Widget XL"));
    EXPECT_EQ(current().unit, QStringLiteral("BOX"));
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 0);
}

TEST_F(ProductMergeTest, TheSameNewValueMergesSilently)
{
    ASSERT_TRUE(masterData->editProduct(
        manager, EditProduct{widget.id, widget.version, QStringLiteral("Widget XL"), {}, {}, {}}));
    const PushOutcome pushed = push(
        {edit(1,
              {{key("version"), widget.version}, {key("name"), widget.name}},
              {{key("name"), QStringLiteral("Widget XL")}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rebased"));
    EXPECT_EQ(current().name, QStringLiteral("Widget XL"));
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 0);
}

TEST_F(ProductMergeTest, TheSameFieldChangedTwoWaysBecomesAConflictWithBothSides)
{
    ASSERT_TRUE(masterData->editProduct(
        manager,
        EditProduct{widget.id, widget.version, QStringLiteral("Widget (server)"), {}, {}, {}}));
    const PushOutcome pushed = push(
        {edit(1,
              {{key("version"), widget.version}, {key("name"), widget.name}},
              {{key("name"), QStringLiteral("Widget (device)")}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("conflict"));
    EXPECT_EQ(current().name, QStringLiteral("Widget (server)")); // nothing silently overwritten
    QSqlQuery query(db->connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT base, theirs, mine FROM conflicts")));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toString(), widget.name);
    EXPECT_EQ(query.value(1).toString(), QStringLiteral("Widget (server)"));
    EXPECT_EQ(query.value(2).toString(), QStringLiteral("Widget (device)"));
}

TEST_F(ServerStoreTest, PullSendsMasterDataBeforeLinesAndPagesByCursor)
{
    push({movement(1, QStringLiteral("receipt"), 10), movement(2, QStringLiteral("issue"), -1)});
    ChangeFeed feed(*db);
    QStringList kinds;
    Cursor cursor;
    int pages = 0;
    for (bool more = true; more && pages < 1000; ++pages) {
        auto page = feed.pull(session.token, QStringLiteral("another-device"), cursor, 3);
        ASSERT_TRUE(page);
        for (const QCborValue &item : page->items)
            kinds << item.toMap().value(key("kind")).toString();
        cursor = page->cursor;
        more = page->more;
    }
    ASSERT_FALSE(kinds.isEmpty());
    EXPECT_EQ(kinds.count(QStringLiteral("movement")), 2);
    EXPECT_EQ(kinds.indexOf(QStringLiteral("movement")), kinds.size() - 2);
    EXPECT_GT(kinds.count(QStringLiteral("product")), 1);
    EXPECT_GT(kinds.count(QStringLiteral("user")), 2);

    // Nothing new: an empty page.
    auto again = feed.pull(session.token, QStringLiteral("another-device"), cursor, 3);
    ASSERT_TRUE(again);
    EXPECT_TRUE(again->items.isEmpty());
    EXPECT_FALSE(again->more);
}

TEST_F(ServerStoreTest, ADevicesOwnMovementsAreNotSentBackButTheCursorPassesThem)
{
    push({movement(1, QStringLiteral("receipt"), 10), movement(2, QStringLiteral("issue"), -1)});
    ChangeFeed feed(*db);
    Cursor cursor;
    int movements = 0;
    for (bool more = true; more;) {
        auto page = feed.pull(session.token, session.deviceId, cursor, 100);
        ASSERT_TRUE(page);
        for (const QCborValue &item : page->items)
            movements += item.toMap().value(key("kind")).toString() == QLatin1String("movement");
        cursor = page->cursor;
        more = page->more;
    }
    EXPECT_EQ(movements, 0);
    EXPECT_EQ(cursor.ledger, ledgerHead());
}

TEST_F(ProductMergeTest, AnEditOnTheCurrentVersionIsApplied)
{
    const PushOutcome pushed = push(
        {edit(1,
              {{key("version"), widget.version}, {key("unit"), widget.unit}},
              {{key("unit"), QStringLiteral("BOX")}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("applied"));
    EXPECT_EQ(current().unit, QStringLiteral("BOX"));
    EXPECT_EQ(current().version, widget.version + 1);
}

TEST_F(ProductMergeTest, ArchivingAgainstAnEditKeepsBothAndDeletesNothing)
{
    ASSERT_TRUE(masterData->editProduct(
        manager, EditProduct{widget.id, widget.version, QStringLiteral("Widget v2"), {}, {}, {}}));
    const PushOutcome pushed = push(
        {edit(1,
              {{key("version"), widget.version}, {key("archived"), false}},
              {{key("archived"), true}})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rebased"));
    EXPECT_TRUE(current().archived);
    EXPECT_EQ(current().name, QStringLiteral("Widget v2"));
}

TEST_F(ProductMergeTest, AResolvedConflictTakesTheChosenSideOnceAndStaysResolved)
{
    ASSERT_TRUE(masterData->editProduct(
        manager,
        EditProduct{widget.id, widget.version, QStringLiteral("Widget (server)"), {}, {}, {}}));
    push({edit(1,
               {{key("version"), widget.version}, {key("name"), widget.name}},
               {{key("name"), QStringLiteral("Widget (device)")}})});
    const QString conflict = conflictsOf(QStringLiteral("field")).value(0);

    EXPECT_EQ(outcomeOf(push({resolve(2, conflict, "mine")}), 0), QStringLiteral("applied"));
    EXPECT_EQ(current().name, QStringLiteral("Widget (device)"));
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 0);
    // A second resolution (another manager, who saw it open) changes nothing.
    EXPECT_EQ(outcomeOf(push({resolve(3, conflict, "theirs")}), 0), QStringLiteral("applied"));
    EXPECT_EQ(current().name, QStringLiteral("Widget (device)"));
    QSqlQuery query(db->connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT resolution, resolved_by FROM conflicts")));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toString(), QStringLiteral("mine"));
    EXPECT_EQ(query.value(1).toString(), managerUuid);
}

TEST_F(ServerStoreTest, ADisabledUserOrAClerkTokenEditingMasterDataIsForbidden)
{
    QSqlQuery disable(db->connection());
    ASSERT_TRUE(disable.exec(
        QStringLiteral("UPDATE users SET active = 0 WHERE id = %1").arg(manager.userId)));
    PushOutcome pushed = push({movement(1, QStringLiteral("receipt"), 5)});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(pushed.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("forbidden"));
    ASSERT_TRUE(disable.exec(
        QStringLiteral("UPDATE users SET active = 1 WHERE id = %1").arg(manager.userId)));

    // A manager's edit through a clerk's workstation token is beyond the token's role.
    session.token.role = Role::Clerk;
    const QCborMap edit{{key("seq"), 2},
                        {key("kind"), QStringLiteral("product.edit")},
                        {key("base"), Cursor{}.toBytes()},
                        {key("user"), managerUuid},
                        {key("body"),
                         QCborMap{{key("uuid"), widget.uuid},
                                  {key("base"), QCborMap{{key("version"), widget.version}}},
                                  {key("set"), QCborMap{{key("unit"), QStringLiteral("BOX")}}}}}};
    pushed = push({edit});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(pushed.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("forbidden"));
    EXPECT_EQ(catalog->product(widget.id)->unit, widget.unit);
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

} // namespace
} // namespace Stockroom::Sync

namespace Stockroom::Sync {
namespace {

class ThresholdMergeTest : public ServerStoreTest
{
protected:
    void SetUp() override
    {
        ServerStoreTest::SetUp();
        // Version 1 is what the device saw: min 5, max 50, reorder 10. Then the server's
        // copy got min 8 (version 2).
        ASSERT_TRUE(masterData->setThreshold(manager, SetThreshold{widget.id, 0, 0, 5, 50, 10}));
        ASSERT_TRUE(masterData->setThreshold(manager, SetThreshold{widget.id, 0, 1, 8, 50, 10}));
    }

    QCborMap set(qint64 seq, qint64 min, qint64 max, qint64 reorder)
    {
        const QCborMap base{{key("version"), 1},
                            {key("min"), 5},
                            {key("max"), 50},
                            {key("reorder"), 10}};
        const QCborMap values{{key("min"), min}, {key("max"), max}, {key("reorder"), reorder}};
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("threshold.set")},
                {key("base"), Cursor{}.toBytes()},
                {key("user"), managerUuid},
                {key("body"),
                 QCborMap{{key("product"), widget.uuid},
                          {key("warehouse"), QCborValue(nullptr)},
                          {key("base"), base},
                          {key("set"), values}}}};
    }

    Threshold stored() { return catalog->threshold(widget.id, 0)->value(); }
};

TEST_F(ThresholdMergeTest, ADifferentLimitMergesWithTheServersChange)
{
    EXPECT_EQ(outcomeOf(push({set(1, 5, 60, 10)}), 0), QStringLiteral("rebased"));
    EXPECT_EQ(stored().minQty, 8);
    EXPECT_EQ(stored().maxQty, 60);
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 0);
}

TEST_F(ThresholdMergeTest, TheSameLimitChangedTwoWaysIsAConflictAndTheServersValueStays)
{
    EXPECT_EQ(outcomeOf(push({set(1, 3, 50, 10)}), 0), QStringLiteral("conflict"));
    EXPECT_EQ(stored().minQty, 8);
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 1);
}

TEST_F(ThresholdMergeTest, AConflictResolvedAsMineWritesTheDevicesLimitAndTheirsKeepsTheServers)
{
    // Two conflicts on min: the device said 3, then (as another operation) 2.
    ASSERT_EQ(outcomeOf(push({set(1, 3, 50, 10)}), 0), QStringLiteral("conflict"));
    ASSERT_EQ(outcomeOf(push({set(2, 2, 50, 10)}), 0), QStringLiteral("conflict"));
    const QStringList conflicts = conflictsOf(QStringLiteral("field"));
    ASSERT_EQ(conflicts.size(), 2);
    const qint64 version = stored().version;

    EXPECT_EQ(outcomeOf(push({resolve(3, conflicts.at(0), "theirs")}), 0),
              QStringLiteral("applied"));
    EXPECT_EQ(stored().minQty, 8);
    EXPECT_EQ(outcomeOf(push({resolve(4, conflicts.at(1), "mine")}), 0), QStringLiteral("applied"));
    EXPECT_EQ(stored().minQty, 2);
    EXPECT_EQ(stored().maxQty, 50);
    EXPECT_GT(stored().version, version); // so that every workstation pulls it again
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 0);
}

TEST_F(ThresholdMergeTest, AMineThatWouldLeaveMinAboveMaxIsRefusedAndTheConflictStaysOpen)
{
    ASSERT_EQ(outcomeOf(push({set(1, 3, 50, 10)}), 0), QStringLiteral("conflict"));
    // Meanwhile the server's max went down to 2: the device's min 3 no longer fits.
    ASSERT_TRUE(
        masterData->setThreshold(manager, SetThreshold{widget.id, 0, stored().version, 1, 2, 1}));
    const PushOutcome pushed = push(
        {resolve(2, conflictsOf(QStringLiteral("field")).value(0), "mine")});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(pushed.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("invalid"));
    EXPECT_EQ(stored().minQty, 1);
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 1);
}

TEST_F(ThresholdMergeTest, AMergeThatLeavesMinAboveMaxIsRejectedAndRaisesNothing)
{
    // The device lowered max to 6 and also changed min: merged, min 8 would be above 6.
    const PushOutcome pushed = push({set(1, 4, 6, 10)});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    EXPECT_EQ(pushed.results.at(0).toMap().value(key("reason")).toString(),
              QStringLiteral("invalid"));
    EXPECT_EQ(stored().maxQty, 50);
    EXPECT_EQ(openConflicts(QStringLiteral("field")), 0);
}

} // namespace
} // namespace Stockroom::Sync

namespace Stockroom::Sync {
namespace {

TEST_F(ServerStoreTest, OnlyTheLastOutcomesAreKeptAndAnOlderReplayIsStillNotAppliedTwice)
{
    ServerStore keepingTwo(*db, NegativeStockRule::Accept, 2);
    for (qint64 seq = 1; seq <= 6; ++seq)
        ASSERT_TRUE(keepingTwo.push(session, {movement(seq, QStringLiteral("receipt"), 1)}));
    QSqlQuery rows(db->connection());
    ASSERT_TRUE(rows.exec(QStringLiteral("SELECT min(first_seq), count(*) FROM sync_outcomes")));
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.value(0).toLongLong(), 5);
    EXPECT_EQ(rows.value(1).toLongLong(), 2);

    auto replay = keepingTwo.push(session, {movement(1, QStringLiteral("receipt"), 1)});
    ASSERT_TRUE(replay);
    const QCborMap result = replay->results.at(0).toMap();
    EXPECT_EQ(result.value(key("outcome")).toString(), QStringLiteral("applied"));
    EXPECT_TRUE(result.value(key("replayed")).toBool());
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
}

TEST_F(ServerStoreTest, OldOutcomesArePrunedEveryTenthOfWhatIsKept)
{
    // Keeping 20, the old ones go each time the device's sequence passes a multiple of 2.
    ServerStore keepingTwenty(*db, NegativeStockRule::Accept, 20);
    const auto kept = [&] {
        QSqlQuery rows(db->connection());
        EXPECT_TRUE(
            rows.exec(QStringLiteral("SELECT min(first_seq), count(*) FROM sync_outcomes")));
        EXPECT_TRUE(rows.next());
        return std::pair(rows.value(0).toLongLong(), rows.value(1).toLongLong());
    };
    for (qint64 seq = 1; seq <= 25; ++seq)
        ASSERT_TRUE(keepingTwenty.push(session, {movement(seq, QStringLiteral("receipt"), 1)}));
    EXPECT_EQ(kept(), std::pair(qint64(5), qint64(21))); // pruned at 24: up to 4 went
    ASSERT_TRUE(keepingTwenty.push(session, {movement(26, QStringLiteral("receipt"), 1)}));
    EXPECT_EQ(kept(), std::pair(qint64(7), qint64(20))); // pruned at 26: up to 6 went
}

} // namespace
} // namespace Stockroom::Sync
