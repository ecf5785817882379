// RecordReader and ReplicaWriter: records read from one database, named by UUID, stored in
// another that gave them other ids, read back the same; movements through the ledger.

#include "tests/support/stockfixture.h"

#include "model/services/conflictservice.h"
#include "model/services/recordreader.h"
#include "model/services/replicawriter.h"

#include <QSqlQuery>

#include <stdexcept>

namespace Stockroom {
namespace {

// The value of what must succeed; the test stops where it did not.
template<typename T>
T require(Result<T> result)
{
    if (!result)
        throw std::runtime_error(result.error().message.toStdString());
    return std::move(*result);
}

class ReplicaTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        replicaDb = &replicaTemp.create();
        replicaLedger = std::make_unique<StockLedger>(*replicaDb);
        writer = std::make_unique<ReplicaWriter>(*replicaDb, *replicaLedger);
    }

    QStringList uuidsOf(Database &database, const QString &table, const QString &order = {})
    {
        QSqlQuery query(database.connection());
        EXPECT_TRUE(
            query.exec(QStringLiteral("SELECT uuid FROM %1 ORDER BY id %2").arg(table, order)));
        QStringList uuids;
        while (query.next())
            uuids.append(query.value(0).toString());
        return uuids;
    }

    QString userUuid(const Actor &actor)
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT uuid FROM users WHERE id = %1").arg(actor.userId));
        return query.next() ? query.value(0).toString() : QString();
    }

    // Copies every user, location and product, locations children first.
    void copyMasterData()
    {
        RecordReader source(*db);
        for (const QString &uuid : uuidsOf(*db, QStringLiteral("users")))
            ASSERT_TRUE(require(writer->write(*require(source.user(uuid)))));
        QList<LocationRecord> waiting;
        for (const QString &uuid :
             uuidsOf(*db, QStringLiteral("locations"), QStringLiteral("DESC"))) {
            const LocationRecord location = require(source.location(uuid))->location;
            if (!require(writer->write(location)))
                waiting.prepend(location);
        }
        EXPECT_EQ(waiting.size(), 4) << "every location but the warehouse waited for its parent";
        for (const LocationRecord &location : std::as_const(waiting))
            ASSERT_EQ(require(writer->write(location)), std::optional(true));
        for (const QString &uuid : uuidsOf(*db, QStringLiteral("products"), QStringLiteral("DESC")))
            ASSERT_TRUE(require(writer->write(*require(source.product(uuid)))));
    }

    Stockroom::Test::TempDatabase replicaTemp;
    Database *replicaDb = nullptr;
    std::unique_ptr<StockLedger> replicaLedger;
    std::unique_ptr<ReplicaWriter> writer;
};

TEST_F(ReplicaTest, MasterDataReadsBackAsItWasWrittenUnderOtherIds)
{
    require(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 5, 50, 10}));
    require(masterData->setThreshold(manager, {medicine.id, 0, 0, std::nullopt, 20, std::nullopt}));
    copyMasterData();
    RecordReader source(*db);
    RecordReader replica(*replicaDb);
    for (const QString &uuid : uuidsOf(*db, QStringLiteral("users")))
        EXPECT_EQ(require(replica.user(uuid)), require(source.user(uuid)));
    for (const QString &uuid : uuidsOf(*db, QStringLiteral("locations"))) {
        EXPECT_EQ(require(replica.location(uuid))->location,
                  require(source.location(uuid))->location);
    }
    for (const QString &uuid : uuidsOf(*db, QStringLiteral("products")))
        EXPECT_EQ(require(replica.product(uuid)), require(source.product(uuid)));
    EXPECT_EQ(require(source.product(widget.uuid))->barcodes.size(), 1);

    // The ids differ (the locations went in backwards), the thresholds' UUIDs do not.
    const auto widgetThreshold = require(source.threshold(widget.id, warehouse.id));
    ASSERT_TRUE(widgetThreshold);
    EXPECT_EQ(widgetThreshold->minQty, 5);
    EXPECT_TRUE(require(writer->write(*widgetThreshold)));
    const auto total = require(source.threshold(medicine.id, 0));
    ASSERT_TRUE(total);
    EXPECT_TRUE(total->warehouse.isEmpty());
    EXPECT_EQ(total->minQty, std::nullopt);
    EXPECT_TRUE(require(writer->write(*total)));
    QSqlQuery query(replicaDb->connection());
    ASSERT_TRUE(
        query.exec(QStringLiteral("SELECT coalesce(t.min_qty, '-'), coalesce(t.max_qty, '-'), "
                                  "coalesce(t.reorder_point, '-'), coalesce(w.code, '-') "
                                  "FROM thresholds t JOIN products p ON p.id = t.product_id "
                                  "LEFT JOIN locations w ON w.id = t.warehouse_id "
                                  "ORDER BY p.sku")));
    QStringList rows;
    while (query.next())
        rows.append(QStringLiteral("%1/%2/%3/%4")
                        .arg(query.value(0).toString(),
                             query.value(1).toString(),
                             query.value(2).toString(),
                             query.value(3).toString()));
    EXPECT_EQ(rows.size(), 2);
    EXPECT_TRUE(rows.contains(QStringLiteral("5/50/10/%1").arg(warehouse.code)))
        << rows.join(u' ').toStdString();
    EXPECT_TRUE(rows.contains(QStringLiteral("-/20/-/-"))) << rows.join(u' ').toStdString();
}

TEST_F(ReplicaTest, ARecordWrittenAgainReplacesWhatWasHeld)
{
    copyMasterData();
    ProductRecord product = *require(RecordReader(*db).product(widget.uuid));
    product.name = QStringLiteral("Widget, renamed elsewhere");
    product.version += 1;
    product.barcodes = {{QStringLiteral("W-2"), Symbology::Free}};
    EXPECT_TRUE(require(writer->write(product)));
    EXPECT_EQ(require(RecordReader(*replicaDb).product(widget.uuid)), product);

    LocationRecord bin = require(RecordReader(*db).location(binA.uuid))->location;
    bin.archived = true;
    bin.barcode.reset();
    EXPECT_EQ(require(writer->write(bin)), std::optional(true));
    EXPECT_EQ(require(RecordReader(*replicaDb).location(binA.uuid))->location, bin);
}

TEST_F(ReplicaTest, AThresholdOfAnUnknownProductChangesNothing)
{
    copyMasterData();
    EXPECT_FALSE(require(writer->write(ThresholdRecord{QStringLiteral("nobody"), {}, 1, 2, 3, 1})));
}

TEST_F(ReplicaTest, AConflictEntryReadsBackWhole)
{
    const QString uuid = require(ConflictService::raise(*db,
                                                        clock,
                                                        {QStringLiteral("stale-count"),
                                                         QStringLiteral("stock"),
                                                         widget.uuid,
                                                         {},
                                                         QStringLiteral("10"),
                                                         QStringLiteral("7"),
                                                         QStringLiteral("8"),
                                                         QStringLiteral("counted against 10"),
                                                         warehouse.code},
                                                        QStringLiteral("device-1"),
                                                        4,
                                                        userUuid(clerk)));
    const auto conflict = require(RecordReader(*db).conflict(uuid));
    ASSERT_TRUE(conflict);
    EXPECT_EQ(conflict->state, QStringLiteral("open"));
    EXPECT_EQ(conflict->opSeq, 4);
    EXPECT_TRUE(require(writer->write(*conflict)));
    EXPECT_EQ(require(RecordReader(*replicaDb).conflict(uuid)), conflict);
    EXPECT_FALSE(require(RecordReader(*replicaDb).conflict(QStringLiteral("missing"))));
}

TEST_F(ReplicaTest, AMovementGoesThroughTheLedgerOnce)
{
    copyMasterData();
    MovementRecord transfer;
    transfer.id = QStringLiteral("01a24e75-e0af-7fc5-8e5f-c0f67bfe1182");
    transfer.type = MovementType::Receipt;
    transfer.deviceId = QStringLiteral("device-1");
    transfer.deviceSeq = 1;
    transfer.user = userUuid(clerk);
    transfer.occurredAt = clock.now();
    transfer.lines = {{medicine.uuid, binA.uuid, QStringLiteral("L1"), QDate(2027, 1, 1), 8, {}}};
    EXPECT_TRUE(require(writer->write(transfer)));
    EXPECT_FALSE(require(writer->write(transfer))) << "a movement held already changes nothing";

    transfer.id = QStringLiteral("01a24e75-e0af-7fc5-8e5f-c0f67bfe1183");
    transfer.type = MovementType::Transfer;
    transfer.deviceSeq = 2;
    transfer.lines = {{medicine.uuid, binA.uuid, QStringLiteral("L1"), QDate(2027, 1, 1), -3, {}},
                      {medicine.uuid,
                       QStringLiteral("elsewhere"),
                       QStringLiteral("L1"),
                       QDate(2027, 1, 1),
                       3,
                       {}}};
    EXPECT_TRUE(require(writer->write(transfer)));

    QSqlQuery query(replicaDb->connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT s.quantity, l.expiry FROM stock s "
                                          "JOIN lots l ON l.id = s.lot_id "
                                          "JOIN locations b ON b.id = s.location_id "
                                          "WHERE b.uuid = '%1'")
                               .arg(binA.uuid)));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toLongLong(), 5);
    EXPECT_EQ(query.value(1).toString(), QStringLiteral("2027-01-01"));

    // Both lines elsewhere: nothing of it is here.
    transfer.id = QStringLiteral("01a24e75-e0af-7fc5-8e5f-c0f67bfe1184");
    transfer.lines[0].location = QStringLiteral("elsewhere too");
    EXPECT_FALSE(require(writer->write(transfer)));
}

TEST_F(ReplicaTest, AMovementByAnUnknownUserOrOfAnUnknownProductIsRefused)
{
    copyMasterData();
    MovementRecord receipt;
    receipt.id = QStringLiteral("01a24e75-e0af-7fc5-8e5f-c0f67bfe1185");
    receipt.deviceId = QStringLiteral("device-1");
    receipt.deviceSeq = 1;
    receipt.user = QStringLiteral("nobody");
    receipt.occurredAt = clock.now();
    receipt.lines = {{widget.uuid, binA.uuid, {}, {}, 2, {}}};
    auto unknownUser = writer->write(receipt);
    ASSERT_FALSE(unknownUser);
    EXPECT_EQ(unknownUser.error().code, ErrorCode::InvalidInput);

    receipt.user = userUuid(clerk);
    receipt.lines[0].product = QStringLiteral("no such product");
    auto unknownProduct = writer->write(receipt);
    ASSERT_FALSE(unknownProduct);
    EXPECT_EQ(unknownProduct.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(quantity(widget.id, binA.id), 0);
}

} // namespace
} // namespace Stockroom
