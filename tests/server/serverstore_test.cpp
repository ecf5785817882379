// The server's store without a network: movements, replays, groups, counts and the feed
// (docs/conflicts.md rows 1-9, 16b and 18; the master-data rows are in mastermerge_test.cpp).

#include "serverstorefixture.h"

#include "sync/server/changefeed.h"

#include "model/domain/ids.h"
#include "model/domain/limits.h"

#include <QSqlQuery>

namespace Stockroom::Sync {
namespace {

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

TEST_F(ServerStoreTest, AStockRowAnotherWriterChangedBeforeTheGroupCommitsFailsTheWholeGroup)
{
    // PostgreSQL's group commit holds the stock rows it changes and writes them as it
    // commits, only where they are still at the version read; SQLite's transaction holds the
    // database's write lock from its first write instead.
    if (!db->isPostgres())
        GTEST_SKIP() << "Only PostgreSQL's group commit writes stock rows at the commit.";
    ASSERT_EQ(outcomeOf(push({movement(++seqMade, QStringLiteral("receipt"), 10)}), 0),
              QStringLiteral("applied"));
    {
        auto group = Transaction::begin(*db);
        ASSERT_TRUE(group);
        ASSERT_EQ(outcomeOf(push({movement(++seqMade, QStringLiteral("issue"), -3)}), 0),
                  QStringLiteral("applied"));
        // A writer outside group commit changes the row meanwhile.
        auto other = temp.openAnother();
        QSqlQuery change(other->connection());
        ASSERT_TRUE(change.exec(QStringLiteral("UPDATE stock SET quantity = quantity + 1, "
                                               "version = version + 1")));
        const Status committed = group->commit();
        ASSERT_FALSE(committed);
        EXPECT_EQ(committed.error().code, ErrorCode::Contended)
            << committed.error().message.toStdString();
    }
    QSqlQuery query(db->connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT quantity, (SELECT count(*) FROM movements) "
                                          "FROM stock")));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toLongLong(), 11); // the other writer's change, not the issue
    EXPECT_EQ(query.value(1).toLongLong(), 1);
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
        {from("device-a"), {movement(1, QStringLiteral("receipt"), 10)}, {}},
        {from("device-b"),
         {movement(1, QStringLiteral("receipt"), 100), movement(3, QStringLiteral("receipt"), 100)},
         {}},
        {from("device-c"), {movement(1, QStringLiteral("receipt"), 5)}, {}},
        {from("device-a"), {movement(2, QStringLiteral("issue"), -3)}, {}},
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
        {{session, {movement(1, QStringLiteral("receipt"), 10)}, {}},
         {failing, {boom}, {}},
         {session, {movement(2, QStringLiteral("issue"), -4)}, {}}});
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

    ServerStore refusing(*db, clock, NegativeStockPolicy::Refuse);
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

TEST_F(ServerStoreTest, AMovementPastATextLimitIsRejectedAndNeverEntersTheLedger)
{
    const QString huge(1024 * 1024, QLatin1Char('r'));
    QCborMap op = movement(1, QStringLiteral("receipt"), 10);
    QCborMap body = op.value(key("body")).toMap();
    body.insert(key("reference"), huge);
    op.insert(key("body"), body);
    const PushOutcome pushed = push({op, movement(2, QStringLiteral("receipt"), 3)});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    const QCborMap result = pushed.results.at(0).toMap();
    EXPECT_EQ(result.value(key("reason")).toString(), QStringLiteral("invalid"));
    EXPECT_EQ(result.value(key("message")).toString(),
              QStringLiteral("The reference is longer than 200 characters."));
    EXPECT_EQ(outcomeOf(pushed, 1), QStringLiteral("applied"));
    EXPECT_EQ(quantity(widget.id, binA.id), 3);
    QSqlQuery longest(db->connection());
    ASSERT_TRUE(longest.exec(QStringLiteral("SELECT max(length(reference)) FROM movements")));
    ASSERT_TRUE(longest.next());
    EXPECT_EQ(longest.value(0).toInt(), 0);
}

TEST_F(ServerStoreTest, AQuantityBeyondItsRangeOrOfTheWrongSignIsRejected)
{
    constexpr qint64 huge = qint64(1) << 62;
    const PushOutcome pushed = push({movement(1, QStringLiteral("receipt"), huge),
                                     movement(2, QStringLiteral("receipt"), huge),
                                     movement(3, QStringLiteral("issue"), 5),
                                     movement(4, QStringLiteral("receipt"), -5),
                                     movement(5, QStringLiteral("adjustment"), 0),
                                     movement(6, QStringLiteral("receipt"), Limits::quantity)});
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(outcomeOf(pushed, i), QStringLiteral("rejected")) << i;
        EXPECT_EQ(pushed.results.at(i).toMap().value(key("reason")).toString(),
                  QStringLiteral("invalid"));
    }
    EXPECT_EQ(outcomeOf(pushed, 5), QStringLiteral("applied"));
    EXPECT_EQ(quantity(widget.id, binA.id), Limits::quantity);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

TEST_F(ServerStoreTest, ARefusalKeepsNoLargeEchoOfWhatWasSent)
{
    QCborMap op = movement(1, QStringLiteral("receipt"), 1);
    op.insert(key("kind"), QString(100 * 1024, QLatin1Char('k')));
    const PushOutcome pushed = push({op});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    const QString message = pushed.results.at(0).toMap().value(key("message")).toString();
    EXPECT_TRUE(message.startsWith(QStringLiteral("Unknown operation kind \"kkk")));
    EXPECT_LE(message.size(), 1001);
}

TEST_F(ServerStoreTest, PullPagesAreBoundedByBytesAndARecordLargerThanAPageStillComes)
{
    // Rows an older release let in: 2,000 movements with 8 KiB references would be a
    // 16 MiB page by count alone, and one 5 MiB reference is larger than a whole page.
    const auto append = [&](const QString &reference) {
        LedgerEntry entry;
        entry.id = Ids::create(clock.now().toMSecsSinceEpoch());
        entry.type = MovementType::Receipt;
        entry.lines = {LedgerLine{widget.id, binA.id, 0, 1, std::nullopt, std::nullopt}};
        entry.userId = manager.userId;
        entry.deviceId = QStringLiteral("older-release");
        entry.occurredAt = clock.now();
        entry.reference = reference;
        ASSERT_TRUE(ledger->append(entry));
    };
    for (int i = 0; i < 2000; ++i)
        append(QString(8 * 1024, QLatin1Char('a' + i % 26)));
    append(QString(5 * 1024 * 1024, QLatin1Char('z')));
    append(QStringLiteral("after the large one"));

    ChangeFeed feed(*db);
    Cursor cursor;
    int movements = 0;
    int pages = 0;
    qsizetype largestPage = 0;
    bool largeOneCame = false;
    for (bool more = true; more && pages < 1000; ++pages) {
        auto page = feed.pull(session.token, QStringLiteral("another-device"), cursor, maxPullLimit);
        ASSERT_TRUE(page);
        const qsizetype bytes = QCborValue(page->items).toCbor().size();
        for (const QCborValue &item : page->items) {
            const QCborMap map = item.toMap();
            if (map.value(key("kind")).toString() != QLatin1String("movement"))
                continue;
            ++movements;
            if (map.value(key("reference")).toString().size() == 5 * 1024 * 1024) {
                largeOneCame = true;
                EXPECT_EQ(page->items.size(), 1) << "a record larger than a page comes alone";
                continue;
            }
        }
        if (page->items.size() > 1)
            largestPage = std::max(largestPage, bytes);
        cursor = page->cursor;
        more = page->more;
    }
    EXPECT_EQ(movements, 2002);
    EXPECT_TRUE(largeOneCame);
    EXPECT_LE(largestPage, maxPullBytes);
    EXPECT_GT(pages, 4);
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

TEST_F(ServerStoreTest, OnlyTheLastOutcomesAreKeptAndAnOlderReplayIsStillNotAppliedTwice)
{
    ServerStore keepingTwo(*db, clock, NegativeStockPolicy::Allow, 2);
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
    ServerStore keepingTwenty(*db, clock, NegativeStockPolicy::Allow, 20);
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
