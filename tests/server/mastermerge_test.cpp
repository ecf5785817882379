// The server's master-data merges (docs/conflicts.md rows 10-16a): products and thresholds
// merged field by field against what an edit was made on, and conflicts decided.

#include "serverstorefixture.h"

#include "model/domain/changes.h"
#include "model/domain/ids.h"

namespace Stockroom::Sync {
namespace {

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

TEST_F(ProductMergeTest, APushedSkuThatIsABarcodeOrABarcodeThatIsAnotherSkuIsRefused)
{
    const auto op = [&](qint64 seq, const char *kind, const QCborMap &body) {
        return QCborMap{{key("seq"), seq},
                        {key("kind"), QString::fromLatin1(kind)},
                        {key("base"), Cursor{}.toBytes()},
                        {key("user"), managerUuid},
                        {key("body"), body}};
    };
    const auto create = [&](const QString &sku, const QStringList &barcodes) {
        return ProductCreated{Ids::create(clock.now().toMSecsSinceEpoch()),
                              {sku,
                               QStringLiteral("Decoy"),
                               {},
                               QStringLiteral("EA"),
                               false,
                               barcodes}}
            .toCbor();
    };
    const PushOutcome pushed = push(
        {op(1, ProductCreated::kind, create(QStringLiteral("4006381333931"), {})),
         op(2, ProductCreated::kind, create(QStringLiteral("D-1"), {QStringLiteral("M-200")})),
         op(3, BarcodeLinked::kind, BarcodeLinked{widget.uuid, QStringLiteral("M-200")}.toCbor()),
         op(4, ProductCreated::kind, create(QStringLiteral("D-2"), {QStringLiteral("D-2")}))});
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(outcomeOf(pushed, i), QStringLiteral("rejected")) << i;
        EXPECT_EQ(pushed.results.at(i).toMap().value(key("reason")).toString(),
                  QStringLiteral("duplicate"))
            << i;
    }
    EXPECT_EQ(outcomeOf(pushed, 3), QStringLiteral("applied"));
    EXPECT_EQ(catalog->findProduct(QStringLiteral("4006381333931"))->id, widget.id);
    EXPECT_EQ(catalog->findProduct(QStringLiteral("M-200"))->id, medicine.id);
}

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

TEST_F(ProductMergeTest, AnEditThatDoesNotReadIsRefusedByNameAndChangesNothing)
{
    const PushOutcome pushed = push({edit(1,
                                          {{key("version"), QStringLiteral("one")}},
                                          {{key("name"), QStringLiteral("Widget XL")}}),
                                     edit(2, {{key("version"), widget.version}}, {})});
    EXPECT_EQ(outcomeOf(pushed, 0), QStringLiteral("rejected"));
    const QCborMap refused = pushed.results.at(0).toMap();
    EXPECT_EQ(refused.value(key("reason")).toString(), QStringLiteral("invalid"));
    EXPECT_TRUE(refused.value(key("message")).toString().contains(QLatin1String("\"version\"")))
        << refused.value(key("message")).toString().toStdString();
    EXPECT_EQ(current().name, widget.name);
    EXPECT_EQ(current().version, widget.version);
    // The next operation of the push is applied: an edit of nothing changes nothing.
    EXPECT_EQ(outcomeOf(pushed, 1), QStringLiteral("applied"));
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
