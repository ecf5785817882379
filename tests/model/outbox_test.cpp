// The outbox: written with the change it describes, only once the database syncs.

#include "tests/support/stockfixture.h"

#include "model/domain/limits.h"
#include "model/itemmodels/stockmodel.h"
#include "model/ledger/outbox.h"
#include "model/ledger/outboxreader.h"
#include "model/services/outboxanswers.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlQuery>

namespace Stockroom {
namespace {

class OutboxTest : public Stockroom::Test::StockFixture
{
protected:
    struct Row
    {
        qint64 seq;
        QString kind;
        QString ref;
        QCborMap body;
        QByteArray base;
    };

    QList<Row> rows()
    {
        QSqlQuery query(db->connection());
        EXPECT_TRUE(query.exec(
            QStringLiteral("SELECT seq, kind, ref, body, base FROM outbox ORDER BY seq")));
        QList<Row> all;
        while (query.next()) {
            all.append({query.value(0).toLongLong(),
                        query.value(1).toString(),
                        query.value(2).toString(),
                        QCborValue::fromCbor(query.value(3).toByteArray()).toMap(),
                        query.value(4).toByteArray()});
        }
        return all;
    }

    // Every operation after after, as OutboxReader hands them over.
    Result<QList<OutboxEntry>> operations(qint64 after, int limit)
    {
        QList<OutboxEntry> entries;
        auto read = OutboxReader(*db).read(after, limit, [&entries](OutboxEntry &entry) {
            entries.append(std::move(entry));
            return true;
        });
        if (!read)
            return std::unexpected(read.error());
        return entries;
    }

    void join()
    {
        ASSERT_TRUE(
            db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
        ASSERT_TRUE(db->setSetting(QStringLiteral("sync.cursor"), QStringLiteral("0a0b")));
    }
};

TEST_F(OutboxTest, StaysEmptyUntilTheDatabaseJoinsAServer)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    EXPECT_TRUE(rows().isEmpty());
}

TEST_F(OutboxTest, EachMovementAddsOneOperationInTheSameTransaction)
{
    join();
    const PostedMovement receipt = post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    const PostedMovement transfer = post(TransferStock{widget.id, binA.id, binB.id, {}, 2, {}, {}});
    const QList<Row> all = rows();
    ASSERT_EQ(all.size(), 2);
    EXPECT_EQ(all.at(0).kind, QStringLiteral("movement"));
    EXPECT_EQ(all.at(0).ref, receipt.id);
    EXPECT_EQ(all.at(0).base, QByteArray::fromHex("0a0b"));
    EXPECT_EQ(all.at(1).ref, transfer.id);
    EXPECT_LT(all.at(0).seq, all.at(1).seq);

    // A movement that fails adds nothing.
    auto refused = movements->post(clerk, IssueStock{widget.id, binA.id, {}, 0, {}, {}});
    EXPECT_FALSE(refused);
    EXPECT_EQ(rows().size(), 2);
}

TEST_F(OutboxTest, AProductEditCarriesTheValuesItWasMadeOn)
{
    join();
    auto edited = masterData->editProduct(
        manager, EditProduct{widget.id, widget.version, QStringLiteral("Widget XL"), {}, {}, {}});
    ASSERT_TRUE(edited);
    const QList<Row> all = rows();
    ASSERT_EQ(all.size(), 1);
    EXPECT_EQ(all.at(0).kind, QStringLiteral("product.edit"));
    const QCborMap body = all.at(0).body;
    EXPECT_EQ(body.value(QStringLiteral("uuid")).toString(), widget.uuid);
    EXPECT_EQ(body.value(QStringLiteral("base")).toMap().value(QStringLiteral("name")).toString(),
              widget.name);
    EXPECT_EQ(body.value(QStringLiteral("base")).toMap().value(QStringLiteral("version")).toInteger(),
              widget.version);
    EXPECT_EQ(body.value(QStringLiteral("set")).toMap().value(QStringLiteral("name")).toString(),
              QStringLiteral("Widget XL"));
    EXPECT_FALSE(body.value(QStringLiteral("set")).toMap().contains(QStringLiteral("unit")));
}

TEST_F(OutboxTest, TheReaderNamesRecordsAsEveryDeviceKnowsThem)
{
    join();
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("LOT-7"), QDate(2027, 6, 30), 5, {}, {}});
    post(TransferStock{medicine.id, binA.id, binB.id, QStringLiteral("LOT-7"), 2, {}, {}});
    post(
        ReceiveStock{widget.id, binA.id, {}, {}, 10, QStringLiteral("why"), QStringLiteral("PO-1")});
    post(CountStock{widget.id, binA.id, {}, 7, 10, {}, {}});
    ASSERT_TRUE(masterData->editProduct(
        manager, EditProduct{widget.id, widget.version, QStringLiteral("Widget XL"), {}, {}, {}}));

    const OutboxReader reader(*db);
    EXPECT_EQ(reader.pendingCount(), 5);
    EXPECT_EQ(reader.firstPendingSeq(), 1);
    EXPECT_EQ(reader.lastSeq(), 5);
    auto entries = operations(0, 10);
    ASSERT_TRUE(entries) << entries.error();
    ASSERT_EQ(entries->size(), 5);
    const OutboxEntry &received = entries->at(0);
    EXPECT_EQ(received.kind, QStringLiteral("movement"));
    EXPECT_EQ(received.base, QByteArray::fromHex("0a0b"));
    ASSERT_EQ(received.lines.size(), 1);
    EXPECT_EQ(received.lines.at(0).product, medicine.uuid);
    EXPECT_EQ(received.lines.at(0).location, binA.uuid);
    EXPECT_EQ(received.lines.at(0).lot, QStringLiteral("LOT-7"));
    EXPECT_EQ(received.lines.at(0).expiry, QStringLiteral("2027-06-30"));
    const OutboxEntry &transfer = entries->at(1);
    EXPECT_EQ(transfer.type, MovementType::Transfer);
    ASSERT_EQ(transfer.lines.size(), 2);
    EXPECT_EQ(transfer.lines.at(0).location, binA.uuid);
    EXPECT_EQ(transfer.lines.at(0).delta, -2);
    EXPECT_EQ(transfer.lines.at(1).location, binB.uuid);
    EXPECT_EQ(transfer.lines.at(1).delta, 2);
    EXPECT_EQ(entries->at(2).reason, QStringLiteral("why"));
    EXPECT_EQ(entries->at(2).reference, QStringLiteral("PO-1"));
    EXPECT_TRUE(entries->at(2).lines.at(0).lot.isEmpty());
    EXPECT_EQ(entries->at(3).lines.at(0).counted, 7);
    EXPECT_EQ(entries->at(3).lines.at(0).delta, -3);
    EXPECT_EQ(entries->at(4).kind, QStringLiteral("product.edit"));
    EXPECT_FALSE(entries->at(4).body.isEmpty());
    EXPECT_TRUE(entries->at(4).lines.isEmpty());
    for (const OutboxEntry &entry : std::as_const(*entries))
        EXPECT_FALSE(entry.user.isEmpty());
    auto last = operations(3, 10);
    ASSERT_TRUE(last);
    ASSERT_EQ(last->size(), 2);
    EXPECT_EQ(last->at(0).seq, 4);
}

TEST_F(OutboxTest, AnOperationWhoseMovementTheLedgerLacksIsAnError)
{
    join();
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    QSqlQuery damage(db->connection());
    ASSERT_TRUE(damage.exec(QStringLiteral(
        "INSERT INTO outbox (kind, ref, base, user_id, created_at) "
        "SELECT 'movement', 'no-such-movement', base, user_id, created_at FROM outbox")));
    auto entries = operations(0, 10);
    ASSERT_FALSE(entries);
    EXPECT_EQ(entries.error().code, ErrorCode::NotFound);
    EXPECT_THAT(entries.error().message.toStdString(), testing::HasSubstr("Operation 2"));
}

TEST_F(OutboxTest, ARejectedMovementIsTakenBackAndShownAndAReplayedAnswerChangesNothing)
{
    join();
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    post(IssueStock{widget.id, binA.id, {}, 4, {}, {}});
    post(ReceiveStock{widget.id, binB.id, {}, {}, 1, {}, {}});
    ASSERT_EQ(quantity(widget.id, binA.id), 6);

    OutboxAnswers answers(*db, *ledger, clock);
    const QList<OutboxAnswer> batch{
        {1, OutboxAnswer::Outcome::Applied, {}, {}, {}},
        {2,
         OutboxAnswer::Outcome::Rejected,
         QByteArrayLiteral("\xa0"),
         QStringLiteral("insufficient-stock"),
         QStringLiteral("Only 3 in stock; 4 cannot be taken.")},
        {3, OutboxAnswer::Outcome::Conflict, QByteArrayLiteral("\xa0"), {}, {}},
    };
    auto recorded = answers.record(batch);
    ASSERT_TRUE(recorded) << recorded.error();
    EXPECT_EQ(recorded->applied, 2);
    EXPECT_EQ(recorded->rejected, 1);
    EXPECT_EQ(recorded->conflicts, 1);
    EXPECT_EQ(quantity(widget.id, binA.id), 10) << "the issue is taken back";
    EXPECT_EQ(OutboxReader(*db).pendingCount(), 0);

    QSqlQuery inbox(db->connection());
    ASSERT_TRUE(
        inbox.exec(QStringLiteral("SELECT type, entity, detail, op_seq, mine FROM conflicts")));
    ASSERT_TRUE(inbox.next());
    EXPECT_EQ(inbox.value(0).toString(), QStringLiteral("rejected"));
    EXPECT_EQ(inbox.value(1).toString(), QStringLiteral("movement"));
    EXPECT_EQ(inbox.value(2).toString(), QStringLiteral("Only 3 in stock; 4 cannot be taken."));
    EXPECT_EQ(inbox.value(3).toLongLong(), 2);
    EXPECT_EQ(inbox.value(4).toString(), QStringLiteral("insufficient-stock: movement"));
    EXPECT_FALSE(inbox.next());

    // The same answers again, as after a lost acknowledgment: nothing changes.
    auto again = answers.record(batch);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->applied + again->rejected + again->conflicts, 0);
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
    ASSERT_TRUE(ledger->verify());
    EXPECT_TRUE(ledger->verify()->isClean());
}

TEST_F(OutboxTest, ARejectionsWordsAreKeptWithinAReasonsLimits)
{
    join();
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    OutboxAnswers answers(*db, *ledger, clock);
    const QString words = QStringLiteral("line one\nline two ") + QString(2000, u'\u00e9');
    ASSERT_TRUE(answers.record({{1,
                                 OutboxAnswer::Outcome::Rejected,
                                 QByteArrayLiteral("\xa0"),
                                 QStringLiteral("invalid"),
                                 words}}));
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
    QSqlQuery reversal(db->connection());
    ASSERT_TRUE(reversal.exec(
        QStringLiteral("SELECT reason, reference FROM movements WHERE device_id LIKE '%/local'")));
    ASSERT_TRUE(reversal.next());
    const QString reason = reversal.value(0).toString();
    EXPECT_EQ(reason.size(), Limits::reason);
    EXPECT_TRUE(reason.startsWith(QStringLiteral("rejected by the server: line one line two")));
    EXPECT_TRUE(Limits::checkMovementNotes(reason, reversal.value(1).toString()));
}

TEST_F(OutboxTest, ARejectedThresholdGoesBackToWhatItWasMadeOn)
{
    join();
    auto kept = masterData->setThreshold(manager,
                                         SetThreshold{widget.id, warehouse.id, 0, 5, 50, {}});
    ASSERT_TRUE(kept) << kept.error();
    ASSERT_TRUE(masterData->setThreshold(manager, SetThreshold{widget.id, 0, 0, 20, {}, {}}));
    auto edited
        = masterData->setThreshold(manager,
                                   SetThreshold{widget.id, warehouse.id, kept->version, 8, {}, {}});
    ASSERT_TRUE(edited) << edited.error();

    const auto rejected = [](qint64 seq) {
        return OutboxAnswer{seq,
                            OutboxAnswer::Outcome::Rejected,
                            QByteArrayLiteral("\xa0"),
                            QStringLiteral("forbidden"),
                            QStringLiteral("No.")};
    };
    auto recorded = OutboxAnswers(*db, *ledger, clock)
                        .record({{1, OutboxAnswer::Outcome::Applied, {}, {}, {}},
                                 rejected(2),
                                 rejected(3)});
    ASSERT_TRUE(recorded) << recorded.error();
    EXPECT_EQ(recorded->rejected, 2);

    // The one over every warehouse was new: it is gone. The edited one has its values back.
    auto total = catalog->threshold(widget.id, 0);
    ASSERT_TRUE(total);
    EXPECT_FALSE(total->has_value());
    auto restored = catalog->threshold(widget.id, warehouse.id);
    ASSERT_TRUE(restored && restored->has_value());
    EXPECT_EQ((*restored)->minQty, 5);
    EXPECT_EQ((*restored)->maxQty, 50);
}

TEST_F(OutboxTest, LocationsAreRefusedWhileSyncing)
{
    join();
    auto created = masterData->createLocation(manager,
                                              CreateLocation{warehouse.id,
                                                             LocationKind::Zone,
                                                             QStringLiteral("Z9"),
                                                             QStringLiteral("Z9"),
                                                             {}});
    ASSERT_FALSE(created);
    EXPECT_EQ(created.error().code, ErrorCode::PermissionDenied);
    EXPECT_TRUE(rows().isEmpty());
}

} // namespace
} // namespace Stockroom

namespace Stockroom {
namespace {

class PendingStockTest : public Test::StockFixture
{};

TEST_F(PendingStockTest, TheStockGridMarksQuantitiesTheServerHasNotSeen)
{
    ASSERT_TRUE(db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
    post(IssueStock{widget.id, binA.id, {}, 1, {}, {}});
    StockModel model(*db, *ledger, [] { return QDate(2026, 11, 24); });
    int pendingChanges = 0;
    QObject::connect(&model, &StockModel::pendingChanged, [&] { ++pendingChanges; });
    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex quantity = model.index(0, int(StockColumn::Quantity));
    EXPECT_TRUE(model.hasPending()); // the stock view shows the mark's legend
    EXPECT_EQ(quantity.data(StockModel::PendingRole).toLongLong(), 6);
    EXPECT_EQ(quantity.data(Qt::ToolTipRole).toString(),
              QStringLiteral("+6 of this is not yet synced with the server"));

    // The server answered them all.
    QSqlQuery answered(db->connection());
    ASSERT_TRUE(answered.exec(QStringLiteral("UPDATE outbox SET state = 'applied'")));
    model.refreshPending();
    EXPECT_EQ(quantity.data(StockModel::PendingRole).toLongLong(), 0);
    EXPECT_TRUE(quantity.data(Qt::ToolTipRole).isNull());
    EXPECT_FALSE(model.hasPending());
    EXPECT_EQ(pendingChanges, 1);
}

} // namespace
} // namespace Stockroom
