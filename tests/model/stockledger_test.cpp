// The ledger: append-only, hash-chained, and the projections it rebuilds.

#include "tests/support/stockfixture.h"

#include "model/domain/limits.h"
#include "model/services/stockqueries.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Stockroom {
namespace {

using testing::HasSubstr;

class StockLedgerTest : public Stockroom::Test::StockFixture
{
protected:
    void postSome()
    {
        post(ReceiveStock{widget.id, binA.id, {}, {}, 20, {}, {}});
        post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), QDate(2027, 1, 1), 8, {}, {}});
        clock.advance(3600);
        post(IssueStock{widget.id, binA.id, {}, 5, {}, {}});
        post(TransferStock{widget.id, binA.id, binB.id, {}, 7, {}, {}});
        clock.advance(86400);
        post(CountStock{widget.id, binB.id, {}, 6, 7, {}, {}});
    }

    // Opens the same file as an administrator would with the sqlcipher shell.
    QSqlQuery rawQuery(Database &connection) { return QSqlQuery(connection.connection()); }
};

TEST_F(StockLedgerTest, UpdateIsRejectedEvenFromRawSql)
{
    postSome();
    QSqlQuery query = rawQuery(*db);
    EXPECT_FALSE(query.exec(QStringLiteral("UPDATE movements SET delta = 999 WHERE seq = 1")));
    EXPECT_THAT(queryError(query).message.toStdString(), HasSubstr("append-only"));
}

TEST_F(StockLedgerTest, DeleteIsRejectedEvenFromRawSql)
{
    postSome();
    QSqlQuery query = rawQuery(*db);
    EXPECT_FALSE(query.exec(QStringLiteral("DELETE FROM movements")));
    EXPECT_THAT(queryError(query).message.toStdString(), HasSubstr("append-only"));
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT count(*) FROM movements")) && query.next());
    EXPECT_EQ(query.value(0).toInt(), 6);
}

TEST_F(StockLedgerTest, VerifyIsCleanAfterNormalWork)
{
    postSome();
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->movementsChecked, 6);
    EXPECT_EQ(report->stockRowsChecked, 3);
    EXPECT_GT(report->dailyRowsChecked, 0);
}

TEST_F(StockLedgerTest, HashesChainFromLineToLine)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    const PostedMovement second = post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT hash FROM movements ORDER BY seq")));
    ASSERT_TRUE(query.next());
    const QString first = query.value(0).toString();
    EXPECT_EQ(second.lines.first().hash, StockLedger::lineHash(first, second.lines.first()));
    EXPECT_NE(first, StockLedger::genesisHash());
}

TEST_F(StockLedgerTest, StockRowsRememberTheLastLineFromThisAndFromAnotherDevice)
{
    const auto marks = [this] {
        QSqlQuery query = rawQuery(*db);
        EXPECT_TRUE(
            query.exec(QStringLiteral("SELECT last_seq, last_device, other_seq FROM stock")));
        EXPECT_TRUE(query.next());
        return std::tuple(query.value(0).toLongLong(),
                          query.value(1).toString(),
                          query.value(2).toLongLong());
    };
    const PostedMovement first = post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    EXPECT_EQ(marks(), std::tuple(first.lines.first().seq, db->deviceId(), qint64(0)));

    // A line another device made, as sync replays it.
    LedgerEntry replayed{QStringLiteral("0190f0f0-0000-7000-8000-000000000001"),
                         MovementType::Receipt,
                         {LedgerLine{widget.id, binA.id, 0, 3, {}, {}}},
                         clerk.userId,
                         QStringLiteral("other-device"),
                         7,
                         clock.now(),
                         {},
                         {}};
    auto other = ledger->append(replayed);
    ASSERT_TRUE(other);
    const qint64 otherSeq = other->lines.first().seq;
    EXPECT_EQ(marks(),
              std::tuple(otherSeq, QStringLiteral("other-device"), first.lines.first().seq));

    const PostedMovement mine = post(IssueStock{widget.id, binA.id, {}, 2, {}, {}});
    EXPECT_EQ(marks(), std::tuple(mine.lines.first().seq, db->deviceId(), otherSeq));
    const PostedMovement again = post(IssueStock{widget.id, binA.id, {}, 1, {}, {}});
    EXPECT_EQ(marks(), std::tuple(again.lines.first().seq, db->deviceId(), otherSeq));
}

TEST(StockLedgerHash, IsSha256OfTheFieldsJoinedByUnitSeparators)
{
    // The chain's definition, pinned: tools outside Stockroom can recompute it.
    MovementLine line;
    line.id = QStringLiteral("018f0000-0000-7000-8000-000000000001");
    line.type = MovementType::Issue;
    line.productId = 3;
    line.locationId = 7;
    line.delta = -2;
    line.deviceId = QStringLiteral("dev");
    line.deviceSeq = 9;
    line.userId = 4;
    line.occurredAt = QDateTime::fromMSecsSinceEpoch(1780300800000, QTimeZone::utc());
    line.reason = QStringLiteral("파손");
    const QString previous = StockLedger::genesisHash();
    const QByteArray text = QByteArrayList{previous.toUtf8(),
                                           "018f0000-0000-7000-8000-000000000001",
                                           "0",
                                           "issue",
                                           "3",
                                           "7",
                                           "0",
                                           "-2",
                                           "",
                                           "dev",
                                           "9",
                                           "4",
                                           "1780300800000",
                                           QStringLiteral("파손").toUtf8(),
                                           ""}
                                .join('\x1f');
    EXPECT_EQ(StockLedger::lineHash(previous, line),
              QString::fromLatin1(
                  QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex()));
}

TEST_F(StockLedgerTest, TamperedRowIsFoundByVerify)
{
    postSome();
    const QString path = temp.path();
    TearDown(); // close every connection, as a copied file would be

    auto copy = Database::open(path, QString::fromLatin1(Stockroom::Test::TempDatabase::passphrase));
    ASSERT_TRUE(copy);
    {
        // Someone with the key drops the guard and edits a line and the stock to match.
        QSqlQuery query((*copy)->connection());
        ASSERT_TRUE(query.exec(QStringLiteral("DROP TRIGGER movements_no_update")));
        ASSERT_TRUE(query.exec(QStringLiteral("UPDATE movements SET delta = -1 WHERE seq = 3")));
    }
    StockLedger tampered(**copy);
    auto report = tampered.verify();
    ASSERT_TRUE(report);
    ASSERT_FALSE(report->isClean());
    bool hashFlagged = false;
    bool stockFlagged = false;
    for (const VerifyIssue &issue : report->issues) {
        if (issue.kind == VerifyIssue::Kind::HashMismatch) {
            EXPECT_EQ(issue.where, QStringLiteral("movement seq 3")); // only the edited line
            hashFlagged = true;
        }
        if (issue.kind == VerifyIssue::Kind::StockMismatch) {
            EXPECT_THAT(issue.where.toStdString(), HasSubstr("location " + std::to_string(binA.id)));
            stockFlagged = true;
        }
    }
    EXPECT_TRUE(hashFlagged);
    EXPECT_TRUE(stockFlagged);
}

TEST_F(StockLedgerTest, StockNeverLeavesTheRangeARowMayHold)
{
    // Whatever the movements' sizes, stock stays within ±Limits::stock: the arithmetic
    // never wraps, and the refused line writes nothing.
    LedgerEntry entry;
    entry.id = QStringLiteral("huge-1");
    entry.type = MovementType::Adjustment;
    entry.userId = manager.userId;
    entry.deviceId = QStringLiteral("older-release");
    entry.occurredAt = clock.now();
    entry.lines = {LedgerLine{widget.id, binA.id, 0, Limits::stock, std::nullopt, std::nullopt}};
    ASSERT_TRUE(ledger->append(entry));
    entry.id = QStringLiteral("huge-2");
    entry.lines.first().delta = 1;
    auto beyond = ledger->append(entry);
    ASSERT_FALSE(beyond);
    EXPECT_THAT(beyond.error().message.toStdString(), HasSubstr("range"));
    entry.id = QStringLiteral("huge-3");
    entry.lines.first().delta = std::numeric_limits<qint64>::max();
    EXPECT_FALSE(ledger->append(entry));
    EXPECT_EQ(quantity(widget.id, binA.id), Limits::stock);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
}

TEST_F(StockLedgerTest, VerifyNamesStockTheLedgerTakesBeyondItsRange)
{
    // A ledger an older release wrote, or one edited with the key: two lines of 2^62 would
    // wrap a 64-bit sum. verify says where, instead of comparing wrapped numbers.
    postSome();
    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("DROP TRIGGER movements_no_update")));
    ASSERT_TRUE(query.exec(
        QStringLiteral("UPDATE movements SET delta = %1 WHERE seq IN (1, 3)").arg(qint64(1) << 62)));
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    const auto outOfRange = std::find_if(report->issues.cbegin(),
                                         report->issues.cend(),
                                         [](const VerifyIssue &issue) {
                                             return issue.kind == VerifyIssue::Kind::OutOfRange;
                                         });
    ASSERT_NE(outOfRange, report->issues.cend());
    EXPECT_THAT(outOfRange->where.toStdString(), HasSubstr("location " + std::to_string(binA.id)));
    EXPECT_EQ(outOfRange->actual, QStringLiteral("beyond it from movement seq 1"));
}

TEST_F(StockLedgerTest, VerifyReportsADamagedFileInsteadOfClean)
{
    if (Database::isPostgresUrl(temp.path()))
        GTEST_SKIP() << "a file's test";
    for (int i = 0; i < 400; ++i)
        post(ReceiveStock{widget.id, binA.id, {}, {}, 1, QString(200, u'r'), {}});
    const QString path = temp.path();
    TearDown();
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    ASSERT_GT(bytes.size(), 128 * 1024);
    for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i)
        bytes[i] = char(~bytes[i]);
    file.seek(0);
    file.write(bytes);
    file.close();

    auto damaged = Database::open(path,
                                  QString::fromLatin1(Stockroom::Test::TempDatabase::passphrase));
    if (!damaged) {
        EXPECT_EQ(damaged.error().code, ErrorCode::Corrupt)
            << damaged.error().message.toStdString();
        return;
    }
    auto report = StockLedger(**damaged).verify();
    if (!report) {
        EXPECT_EQ(report.error().code, ErrorCode::Corrupt) << report.error().message.toStdString();
        return;
    }
    ASSERT_FALSE(report->isClean());
    EXPECT_EQ(report->issues.first().kind, VerifyIssue::Kind::Corrupt);
}

TEST_F(StockLedgerTest, EditedProjectionIsFoundByVerify)
{
    postSome();
    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("UPDATE stock SET quantity = quantity + 1 "
                                          "WHERE location_id = %1")
                               .arg(binB.id)));
    ASSERT_TRUE(query.exec(QStringLiteral("DELETE FROM daily_movements WHERE type = 'count'")));
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    ASSERT_EQ(report->issues.size(), 2);
    EXPECT_EQ(report->issues.at(0).kind, VerifyIssue::Kind::StockMismatch);
    EXPECT_EQ(report->issues.at(0).expected, QStringLiteral("quantity 6, version 2"));
    EXPECT_EQ(report->issues.at(0).actual, QStringLiteral("quantity 7, version 2"));
    EXPECT_EQ(report->issues.at(1).kind, VerifyIssue::Kind::DailyMismatch);
    EXPECT_EQ(report->issues.at(1).actual, QStringLiteral("no row"));
}

// Every row of the projections, in one text per table, for comparing whole states.
QStringList projectionRows(Database &db)
{
    QStringList rows;
    for (const char *sql :
         {"SELECT product_id, location_id, lot_id, quantity, version, last_seq, last_device, "
          "other_seq FROM stock ORDER BY 1, 2, 3",
          "SELECT product_id, warehouse_id, quantity FROM stock_totals ORDER BY 1, 2",
          "SELECT day, product_id, warehouse_id, type, quantity_in, quantity_out, lines FROM "
          "daily_movements ORDER BY 1, 2, 3, 4"}) {
        QSqlQuery query(db.connection());
        EXPECT_TRUE(query.exec(QString::fromLatin1(sql)));
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i)
                values << query.value(i).toString();
            rows << values.join(u'|');
        }
        rows << QStringLiteral("--");
    }
    return rows;
}

TEST_F(StockLedgerTest, RepairRebuildsEveryProjectionExactlyAsTheWritesLeftIt)
{
    postSome();
    // Another device's line on a row this device wrote, so that other_seq has a value.
    LedgerEntry elsewhere;
    elsewhere.id = QStringLiteral("from-elsewhere");
    elsewhere.type = MovementType::Receipt;
    elsewhere.userId = clerk.userId;
    elsewhere.deviceId = QStringLiteral("device-2");
    elsewhere.occurredAt = clock.now();
    elsewhere.lines = {LedgerLine{widget.id, binA.id, 0, 3, std::nullopt, std::nullopt}};
    ASSERT_TRUE(ledger->append(elsewhere));
    post(IssueStock{widget.id, binA.id, {}, 1, {}, {}});
    const QStringList written = projectionRows(*db);

    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("UPDATE stock SET quantity = 999, last_seq = 0")));
    ASSERT_TRUE(query.exec(QStringLiteral("DELETE FROM stock_totals")));
    ASSERT_TRUE(query.exec(QStringLiteral("UPDATE daily_movements SET lines = 7")));
    ASSERT_TRUE(query.exec(QStringLiteral("INSERT INTO stock (product_id, location_id, lot_id, "
                                          "quantity, version) VALUES (%1, %2, 0, 5, 1)")
                               .arg(widget.id)
                               .arg(binC.id)));
    auto before = ledger->verify();
    ASSERT_TRUE(before);
    ASSERT_FALSE(before->isClean());

    auto repaired = ledger->repair();
    ASSERT_TRUE(repaired) << repaired.error().message.toStdString();
    EXPECT_TRUE(repaired->isClean());
    EXPECT_EQ(projectionRows(*db), written);
    // And the ledger goes on from there.
    post(IssueStock{widget.id, binA.id, {}, 1, {}, {}});
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(StockLedgerTest, RepairLeavesAnEditedChainReported)
{
    postSome();
    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("DROP TRIGGER movements_no_update")));
    ASSERT_TRUE(query.exec(QStringLiteral("UPDATE movements SET delta = 2 WHERE seq = 3")));
    auto repaired = ledger->repair();
    ASSERT_TRUE(repaired);
    ASSERT_EQ(repaired->issues.size(), 1);
    EXPECT_EQ(repaired->issues.first().kind, VerifyIssue::Kind::HashMismatch);
}

TEST_F(StockLedgerTest, DeletedLineIsFoundByTheLineAfterIt)
{
    postSome();
    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("DROP TRIGGER movements_no_delete")));
    ASSERT_TRUE(query.exec(QStringLiteral("DELETE FROM movements WHERE seq = 2")));
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    ASSERT_FALSE(report->isClean());
    EXPECT_EQ(report->issues.first().where, QStringLiteral("movement seq 3"));
}

TEST_F(StockLedgerTest, DailyTotalsFollowTheTimeZoneDay)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 4, {}, {}});
    clock.advance(86400);
    post(IssueStock{widget.id, binA.id, {}, 1, {}, {}});
    QSqlQuery query = rawQuery(*db);
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT day, type, quantity_in, quantity_out, lines "
                                          "FROM daily_movements ORDER BY day")));
    const qint64 firstDay = ledger->dayOf(clock.now().addDays(-1));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toLongLong(), firstDay);
    EXPECT_EQ(query.value(1).toString(), QStringLiteral("receipt"));
    EXPECT_EQ(query.value(2).toLongLong(), 4);
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toLongLong(), firstDay + 1);
    EXPECT_EQ(query.value(3).toLongLong(), 1);
    EXPECT_EQ(QDate(1970, 1, 1).addDays(firstDay), QDate(2026, 3, 2));
}

TEST_F(StockLedgerTest, HalfWrittenFailureRollsBackTheWholeBatch)
{
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(tx);
        post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
        // Line 0 is written, then line 1 fails: it claims a stock version that is not stored.
        LedgerEntry broken;
        broken.id = QStringLiteral("0b7d1c4e-2222-4f00-9000-000000000002");
        broken.type = MovementType::Transfer;
        broken.lines
            = {LedgerLine{widget.id, binA.id, 0, -1, {}, {}},
               LedgerLine{widget.id, binB.id, 0, 1, {}, StockLevel{widget.id, binB.id, 0, 3, 7}}};
        broken.userId = clerk.userId;
        broken.deviceId = db->deviceId();
        broken.occurredAt = clock.now();
        ASSERT_FALSE(ledger->append(broken));
        EXPECT_TRUE(db->isPoisoned());

        auto next = movements->post(clerk, ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
        ASSERT_FALSE(next);
        auto committed = tx->commit();
        ASSERT_FALSE(committed);
        EXPECT_THAT(committed.error().message.toStdString(), HasSubstr("Nothing was saved"));
    }
    EXPECT_FALSE(db->isPoisoned());
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->movementsChecked, 0);

    // The next transaction starts clean, and the chain continues from genesis.
    post(ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(StockLedgerTest, BrokenReferenceFailsTheCommit)
{
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    LedgerEntry broken;
    broken.id = QStringLiteral("0b7d1c4e-4444-4f00-9000-000000000004");
    broken.type = MovementType::Receipt;
    broken.lines = {LedgerLine{widget.id, 99999, 0, 1, {}, {}}}; // no such location
    broken.userId = clerk.userId;
    broken.deviceId = db->deviceId();
    broken.occurredAt = clock.now();
    (void) ledger->append(broken); // refused now or at commit: foreign keys are deferred
    EXPECT_FALSE(tx->commit());
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->movementsChecked, 0);
}

TEST_F(StockLedgerTest, ProjectionsHeldInABatchAreReadableInside)
{
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 10, {}, {}}));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 4, {}, {}});
    auto alerts = StockQueries(*db).alerts(clock.now().date(), 30);
    ASSERT_TRUE(alerts);
    ASSERT_EQ(alerts->size(), 1);
    EXPECT_EQ(alerts->first().quantity, 4); // the held total was written before the read
    ASSERT_TRUE(tx->commit());
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(StockLedgerTest, RolledBackSavepointDropsItsHeldTotals)
{
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    {
        auto row = Transaction::begin(*db); // as CSV import does per row
        ASSERT_TRUE(row);
        post(ReceiveStock{widget.id, binA.id, {}, {}, 100, {}, {}});
        // rolled back on scope exit
    }
    post(ReceiveStock{widget.id, binB.id, {}, {}, 1, {}, {}});
    ASSERT_TRUE(tx->commit());
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(quantity(widget.id, binA.id), 5);
}

TEST_F(StockLedgerTest, BatchThatNetsToZeroStillVerifies)
{
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(IssueStock{widget.id, binA.id, {}, 5, {}, {}});
    ASSERT_TRUE(tx->commit());
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean()) << report->issues.first().where.toStdString();
    EXPECT_EQ(report->totalRowsChecked, 1);
}

TEST_F(StockLedgerTest, LedgerGoneBeforeTheCommitLosesNothing)
{
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    {
        StockLedger shortLived(*db);
        MovementService service(*db, shortLived, clock);
        ASSERT_TRUE(service.post(clerk, ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}}));
    } // its held totals must reach the database anyway
    ASSERT_TRUE(tx->commit());
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->totalRowsChecked, 1);
}

TEST_F(StockLedgerTest, RefusedCommandInsideABatchLeavesTheBatchUsable)
{
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    auto refused = movements->post(clerk, IssueStock{widget.id, binA.id, {}, 50, {}, {}});
    ASSERT_FALSE(refused);
    EXPECT_FALSE(db->isPoisoned());
    const PostedMovement after = post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
    ASSERT_TRUE(tx->commit());
    EXPECT_EQ(after.lines.first().deviceSeq, 2);
    EXPECT_EQ(quantity(widget.id, binA.id), 7);
    auto report = ledger->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->movementsChecked, 2);
}

TEST_F(StockLedgerTest, StaleStockGivenByTheCallerIsRefused)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    LedgerEntry entry;
    entry.id = QStringLiteral("0b7d1c4e-3333-4f00-9000-000000000003");
    entry.type = MovementType::Issue;
    // The caller claims version 1, quantity 5; the stored row is at version 2.
    entry.lines = {
        LedgerLine{widget.id, binA.id, 0, -5, {}, StockLevel{widget.id, binA.id, 0, 5, 1}}};
    entry.userId = clerk.userId;
    entry.deviceId = db->deviceId();
    entry.occurredAt = clock.now();
    auto appended = ledger->append(entry);
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().code, ErrorCode::Contended); // the server tries again
    EXPECT_THAT(appended.error().message.toStdString(),
                HasSubstr("changed while it was being written"));
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
    EXPECT_TRUE(ledger->verify()->isClean());
}

class DeltaStrategyTest : public StockLedgerTest
{
protected:
    void SetUp() override
    {
        StockLedgerTest::SetUp();
        db->setStockStrategy(StockStrategy::Delta);
    }

    // An issue made on a reading of the stock that another writer has since changed.
    Result<AppendedMovement> issueOnReading(qint64 take, qint64 readQuantity, qint64 readVersion)
    {
        LedgerEntry entry;
        entry.id = QStringLiteral("0b7d1c4e-4444-4f00-9000-00000000000%1").arg(++m_made);
        entry.type = MovementType::Issue;
        entry.lines = {LedgerLine{widget.id,
                                  binA.id,
                                  0,
                                  -take,
                                  {},
                                  StockLevel{widget.id, binA.id, 0, readQuantity, readVersion}}};
        entry.userId = clerk.userId;
        entry.deviceId = db->deviceId();
        entry.occurredAt = clock.now();
        return ledger->append(entry);
    }

private:
    int m_made = 0;
};

TEST_F(DeltaStrategyTest, AddsTheDeltaToWhatTheRowHoldsNotToWhatWasRead)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    // Read at 5 (version 1); another receipt of 5 came in since.
    auto appended = issueOnReading(3, 5, 1);
    ASSERT_TRUE(appended) << appended.error().message.toStdString();
    EXPECT_EQ(appended->stock.first().quantity, 7);
    EXPECT_EQ(appended->stock.first().version, 3);
    EXPECT_EQ(quantity(widget.id, binA.id), 7);
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(DeltaStrategyTest, RefusesInTheSameStatementWhatWouldNowTakeStockBelowZero)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(IssueStock{widget.id, binA.id, {}, 3, {}, {}});
    // Read at 5, enough for 4; by the time of the write only 2 are left.
    auto appended = issueOnReading(4, 5, 1);
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().code, ErrorCode::Contended);
    EXPECT_EQ(quantity(widget.id, binA.id), 2);
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(DeltaStrategyTest, WriteKnownToGoBelowZeroIsNotHeldBack)
{
    // Under "accept" the caller has already seen that stock goes negative, and reports it.
    post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
    auto appended = issueOnReading(4, 2, 1);
    ASSERT_TRUE(appended) << appended.error().message.toStdString();
    EXPECT_EQ(quantity(widget.id, binA.id), -2);
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(StockLedgerTest, DaysFollowTheZoneAcrossADaylightSavingChange)
{
    ASSERT_TRUE(db->setSetting(QStringLiteral("time_zone"), QStringLiteral("Europe/Berlin")));
    StockLedger berlin(*db);
    const auto utc = [](int day, int hour, int minute) {
        return QDateTime(QDate(2026, 3, day), QTime(hour, minute), QTimeZone::utc());
    };
    const qint64 march28 = QDate(2026, 3, 28).toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    // Clocks go forward at 01:00 UTC on 29 March: midnight is 23:00 UTC before it,
    // 22:00 UTC after. Asked in an order that crosses the cached day both ways.
    EXPECT_EQ(berlin.dayOf(utc(28, 12, 0)), march28);
    EXPECT_EQ(berlin.dayOf(utc(28, 22, 59)), march28);
    EXPECT_EQ(berlin.dayOf(utc(28, 23, 0)), march28 + 1);
    EXPECT_EQ(berlin.dayOf(utc(29, 21, 59)), march28 + 1);
    EXPECT_EQ(berlin.dayOf(utc(29, 22, 0)), march28 + 2);
    EXPECT_EQ(berlin.dayOf(utc(28, 22, 59)), march28);
}

TEST_F(StockLedgerTest, ReplayedMovementIdIsRefused)
{
    LedgerEntry entry;
    entry.id = QStringLiteral("0b7d1c4e-1111-4f00-9000-000000000001");
    entry.type = MovementType::Receipt;
    entry.lines = {LedgerLine{widget.id, binA.id, 0, 5, {}, {}}};
    entry.userId = clerk.userId;
    entry.deviceId = QStringLiteral("other-device");
    entry.deviceSeq = 1;
    entry.occurredAt = clock.now();
    ASSERT_TRUE(ledger->append(entry));
    entry.deviceSeq = 2;
    auto again = ledger->append(entry);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Duplicate);
    EXPECT_EQ(quantity(widget.id, binA.id), 5);
}

} // namespace
} // namespace Stockroom
