// The Qt item models: checked by QAbstractItemModelTester, paged, and live.

#include "tests/support/stockfixture.h"

#include "model/itemmodels/alertmodel.h"
#include "model/itemmodels/movementmodel.h"
#include "model/itemmodels/productmodel.h"
#include "model/itemmodels/stockmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

namespace Stockroom {
namespace {

class ItemModelsTest : public Stockroom::Test::StockFixture
{
protected:
    StockModel::Today today()
    {
        return [this] {
            return clock.now().date();
        };
    }
    // 300 lots of saline in one bin: more stock rows than one page.
    void receiveManyLots()
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(tx);
        for (int i = 0; i < 300; ++i) {
            post(ReceiveStock{medicine.id,
                              binA.id,
                              QStringLiteral("LOT-%1").arg(i, 3, 10, QLatin1Char('0')),
                              clock.now().date().addDays(i),
                              i + 1,
                              {},
                              {}});
        }
        ASSERT_TRUE(tx->commit());
    }
};

TEST_F(ItemModelsTest, StockModelPagesLazily)
{
    receiveManyLots();
    StockModel model(*db, *ledger, today());
    EXPECT_EQ(model.rowCount(), StockModel::pageSize);
    ASSERT_TRUE(model.canFetchMore({}));
    model.fetchMore({});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 300);
    EXPECT_FALSE(model.canFetchMore({}));
    EXPECT_EQ(model.index(0, int(StockColumn::Lot)).data().toString(), QStringLiteral("LOT-000"));
    EXPECT_EQ(model.index(299, int(StockColumn::Lot)).data().toString(), QStringLiteral("LOT-299"));
    EXPECT_EQ(model.index(0, int(StockColumn::Quantity)).data().toString(), QStringLiteral("1 BOX"));
}

TEST_F(ItemModelsTest, StockModelSortsAndFiltersInSql)
{
    receiveManyLots();
    post(ReceiveStock{widget.id, binB.id, {}, {}, 5, {}, {}});
    StockModel model(*db, *ledger, today());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(int(StockColumn::Quantity), Qt::DescendingOrder);
    EXPECT_EQ(model.index(0, int(StockColumn::Quantity)).data(StockModel::QuantityRole).toLongLong(),
              300);

    StockFilter filter;
    filter.text = QStringLiteral("widget");
    model.setFilter(filter);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, int(StockColumn::Sku)).data().toString(), QStringLiteral("W-100"));
}

TEST_F(ItemModelsTest, StockModelFollowsTheLedger)
{
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 10, {}, {}}));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 12, {}, {}});
    StockModel model(*db, *ledger, today());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, 0).data(StockModel::StatusRole).toInt(), int(StockStatus::Ok));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    post(IssueStock{widget.id, binA.id, {}, 5, {}, {}});
    EXPECT_GE(changed.count(), 1);
    EXPECT_EQ(model.index(0, 0).data(StockModel::QuantityRole).toLongLong(), 7);
    EXPECT_EQ(model.index(0, 0).data(StockModel::StatusRole).toInt(), int(StockStatus::BelowMin));

    // A new stock row of the same product: inserted, and the warehouse total is shared.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    post(ReceiveStock{widget.id, binB.id, {}, {}, 4, {}, {}});
    EXPECT_EQ(inserted.count(), 1);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, int(StockColumn::Location)).data().toString(), QStringLiteral("A-01"));
    EXPECT_EQ(model.index(1, int(StockColumn::Location)).data().toString(), QStringLiteral("A-02"));
    EXPECT_EQ(model.index(0, 0).data(StockModel::StatusRole).toInt(), int(StockStatus::Ok));
}

TEST_F(ItemModelsTest, StockModelMarksExpiredAndSoonExpiringLotsAndSaysAThresholdOnce)
{
    const QDate day = clock.now().date();
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("OLD"), day.addDays(-1), 4, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("SOON"), day.addDays(12), 4, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("FAR"), day.addDays(400), 4, {}, {}});
    post(ReceiveStock{medicine.id, binB.id, QStringLiteral("GONE"), day.addDays(-9), 2, {}, {}});
    post(IssueStock{medicine.id, binB.id, QStringLiteral("GONE"), 2, {}, {}});
    ASSERT_TRUE(masterData->setThreshold(manager, {medicine.id, warehouse.id, 0, 100, {}, {}}));
    StockModel model(*db, *ledger, today());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(int(StockColumn::Expiry), Qt::AscendingOrder);
    QHash<QString, QString> status;
    QHash<QString, QVariant> days;
    QStringList min;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString lot = model.index(row, int(StockColumn::Lot)).data().toString();
        status[lot] = model.index(row, int(StockColumn::Status)).data().toString();
        days[lot] = model.index(row, int(StockColumn::Expiry)).data(StockModel::DaysToExpiryRole);
        min << model.index(row, int(StockColumn::Min)).data().toString();
    }
    EXPECT_EQ(status.value(QStringLiteral("OLD")), QStringLiteral("Expired"));
    EXPECT_EQ(days.value(QStringLiteral("OLD")).toInt(), -1);
    EXPECT_THAT(status.value(QStringLiteral("SOON")).toStdString(),
                testing::HasSubstr("Expires in 12 day"));
    EXPECT_EQ(days.value(QStringLiteral("FAR")).toInt(), 400);
    EXPECT_FALSE(days.value(QStringLiteral("GONE")).isValid()) << "an empty lot is not marked";
    // The first row in expiry order: it carries the warehouse's status, and no expiry.
    EXPECT_EQ(status.value(QStringLiteral("GONE")), QStringLiteral("Below min"));
    // Below min is the warehouse's: said on the first of its rows, not on each.
    EXPECT_EQ(min.count(QStringLiteral("100")), 1) << min.join(QLatin1Char(',')).toStdString();
    int saidBelowMin = 0;
    for (const QString &said : std::as_const(status))
        saidBelowMin += said.contains(QStringLiteral("Below min")) ? 1 : 0;
    EXPECT_EQ(saidBelowMin, 1);

    // Places that hold nothing are left out when asked.
    StockFilter filter;
    filter.withoutEmpty = true;
    model.setFilter(filter);
    EXPECT_EQ(model.rowCount(), 3);
}

TEST_F(ItemModelsTest, WhereTheInterfaceSpeaksKoreanProductsGoByTheirLocalNames)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 3, {}, {}});
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::Korean, QLocale::SouthKorea)); // as the app does
    StockModel stock(*db, *ledger, today());
    MovementModel history(*db, *ledger);
    const QString stockName = stock.index(0, int(StockColumn::Product)).data().toString();
    const QString stockOther
        = stock.index(0, int(StockColumn::Product)).data(Qt::ToolTipRole).toString();
    const QString historyName = history.index(0, MovementModel::Product).data().toString();
    QLocale::setDefault(before);
    EXPECT_EQ(stockName, QStringLiteral("위젯"));
    EXPECT_EQ(stockOther, QStringLiteral("Widget")) << "the other name is at hand";
    EXPECT_EQ(historyName, QStringLiteral("위젯"));

    StockModel english(*db, *ledger, today());
    EXPECT_EQ(english.index(0, int(StockColumn::Product)).data().toString(),
              QStringLiteral("Widget"));
    EXPECT_EQ(shownName(QStringLiteral("Widget"), QString()), QStringLiteral("Widget"))
        << "without a local name, the name";
}

TEST_F(ItemModelsTest, MovementModelShowsNewestFirstAndFilters)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, QStringLiteral("PO-1")});
    clock.advance(60);
    post(IssueStock{widget.id, binA.id, {}, 3, {}, QStringLiteral("SO-1")});
    clock.advance(60);
    post(TransferStock{widget.id, binA.id, binB.id, {}, 2, {}, {}});

    MovementModel model(*db, *ledger);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.index(0, MovementModel::Type).data(MovementModel::TypeRole).toInt(),
              int(MovementType::Transfer));
    EXPECT_EQ(model.index(3, MovementModel::Reference).data().toString(), QStringLiteral("PO-1"));
    EXPECT_EQ(model.index(3, MovementModel::Quantity).data().toString(), QStringLiteral("+10 EA"));
    EXPECT_EQ(model.index(3, MovementModel::User).data().toString(), QStringLiteral("kim"));

    MovementFilter issues;
    issues.type = MovementType::Issue;
    model.setFilter(issues);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, MovementModel::Quantity).data().toString(), QStringLiteral("-3 EA"));

    MovementFilter inBinB;
    inBinB.locationId = binB.id;
    model.setFilter(inBinB);
    EXPECT_EQ(model.rowCount(), 1);
}

TEST_F(ItemModelsTest, MovementModelPagesAndPrependsNewMovements)
{
    receiveManyLots();
    MovementModel model(*db, *ledger);
    EXPECT_EQ(model.rowCount(), MovementModel::pageSize);
    model.fetchMore({});
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 300);

    clock.advance(60);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, QStringLiteral("NEW")});
    EXPECT_EQ(inserted.count(), 1);
    EXPECT_EQ(model.rowCount(), 301);
    EXPECT_EQ(model.index(0, MovementModel::Reference).data().toString(), QStringLiteral("NEW"));

    MovementFilter receiptsOfWidget;
    receiptsOfWidget.productId = medicine.id;
    model.setFilter(receiptsOfWidget);
    post(ReceiveStock{widget.id, binA.id, {}, {}, 1, {}, {}});
    EXPECT_EQ(model.index(0, MovementModel::Sku).data().toString(), QStringLiteral("M-200"));
}

TEST_F(ItemModelsTest, ProductModelFollowsEdits)
{
    ProductModel model(*db, *masterData);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.index(0, ProductModel::Sku).data().toString(), QStringLiteral("M-200"));
    EXPECT_EQ(model.index(1, ProductModel::Barcodes).data().toString(),
              QStringLiteral("4006381333931"));

    ASSERT_TRUE(
        masterData
            ->editProduct(manager,
                          {widget.id, widget.version, QStringLiteral("Widget XL"), {}, {}, {}}));
    EXPECT_EQ(model.index(1, ProductModel::Name).data().toString(), QStringLiteral("Widget XL"));
    ASSERT_TRUE(masterData->createProduct(
        manager,
        {QStringLiteral("A-1"), QStringLiteral("Anvil"), {}, QStringLiteral("EA"), false, {}}));
    ASSERT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.index(0, ProductModel::Sku).data().toString(), QStringLiteral("A-1"));

    model.setFilter(QStringLiteral("식염"));
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, ProductModel::Sku).data().toString(), QStringLiteral("M-200"));
}

TEST_F(ItemModelsTest, ProductModelPagesCarryEachProductsOwnBarcodes)
{
    // More products than a page and than one query's barcode list: each row must still
    // show its own barcodes, in SKU order.
    for (int i = 0; i < 300; ++i) {
        const QString sku = QStringLiteral("B-%1").arg(i, 3, 10, QLatin1Char('0'));
        QStringList codes;
        if (i % 3 != 0)
            codes << QStringLiteral("CODE-%1-X").arg(i);
        if (i % 3 == 2)
            codes << QStringLiteral("CODE-%1-Y").arg(i);
        ASSERT_TRUE(
            masterData->createProduct(manager, {sku, sku, {}, QStringLiteral("EA"), false, codes}));
    }
    ProductModel model(*db, *masterData);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    while (model.canFetchMore({}))
        model.fetchMore({});
    ASSERT_EQ(model.rowCount(), 302);
    for (int i = 0; i < 300; ++i) {
        const QString expected = i % 3 == 0   ? QString()
                                 : i % 3 == 1 ? QStringLiteral("CODE-%1-X").arg(i)
                                              : QStringLiteral("CODE-%1-X, CODE-%1-Y").arg(i);
        EXPECT_EQ(model.index(i, ProductModel::Sku).data().toString(),
                  QStringLiteral("B-%1").arg(i, 3, 10, QLatin1Char('0')));
        EXPECT_EQ(model.index(i, ProductModel::Barcodes).data().toString(), expected) << i;
    }
}

TEST_F(ItemModelsTest, AlertModelRecomputesAfterChanges)
{
    AlertService acknowledgments(*db, clock);
    AlertModel model(*db, *ledger, *masterData, acknowledgments, today());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 10, {}, {}}));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    ASSERT_TRUE(reset.wait(2000)) << "the alerts are recomputed shortly after a change";
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, AlertModel::Kind).data().toString(), QStringLiteral("Below min"));
    EXPECT_EQ(model.index(0, AlertModel::Warehouse).data().toString(), QStringLiteral("WH1"));

    post(ReceiveStock{widget.id, binA.id, {}, {}, 11, {}, {}});
    model.refresh();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(ItemModelsTest, AlertsComeWorstFirst)
{
    const QDate day = clock.now().date();
    // Above max (the least), below min, an expired lot, and stock below zero (the worst).
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 1, 2, {}}));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    ASSERT_TRUE(masterData->setThreshold(manager, {medicine.id, warehouse.id, 0, 50, {}, {}}));
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("OLD"), day.addDays(-2), 3, {}, {}});
    ASSERT_TRUE(movements->setNegativeStockPolicy(admin, NegativeStockPolicy::Allow));
    post(manager,
         AdjustStock{medicine.id, binB.id, QStringLiteral("OLD"), -1, QStringLiteral("lost"), {}});
    AlertService acknowledgments(*db, clock);
    AlertModel model(*db, *ledger, *masterData, acknowledgments, today());
    QStringList kinds;
    for (int row = 0; row < model.rowCount(); ++row)
        kinds << model.index(row, AlertModel::Kind).data().toString();
    EXPECT_EQ(kinds,
              (QStringList{QStringLiteral("Negative stock"),
                           QStringLiteral("Expired"),
                           QStringLiteral("Below min"),
                           QStringLiteral("Above max")}))
        << kinds.join(QLatin1Char(',')).toStdString();
}

TEST_F(ItemModelsTest, AlertAcknowledgmentLastsWhileTheAlertDoes)
{
    AlertService acknowledgments(*db, clock);
    AlertModel model(*db, *ledger, *masterData, acknowledgments, today());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy arisen(&model, &AlertModel::arisen);
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 10, {}, {}}));
    model.refresh();
    ASSERT_EQ(model.rowCount(), 1);
    ASSERT_EQ(arisen.size(), 1);
    EXPECT_EQ(arisen.first().first().value<QList<Alert>>().size(), 1);
    EXPECT_EQ(model.unacknowledgedCount(), 1);

    auto denied = acknowledgments.acknowledge(clerk, model.alertAt(0));
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::PermissionDenied);
    EXPECT_FALSE(model.isAcknowledged(0));

    ASSERT_TRUE(acknowledgments.acknowledge(manager, model.alertAt(0)));
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_TRUE(model.isAcknowledged(0));
    EXPECT_TRUE(
        model.index(0, AlertModel::Acknowledged).data(AlertModel::AcknowledgedRole).toBool());
    EXPECT_TRUE(
        model.index(0, AlertModel::Acknowledged).data().toString().startsWith(manager.username));
    EXPECT_EQ(model.unacknowledgedCount(), 0);
    auto audit = AuditLog(*db).history(QStringLiteral("alert"), widget.id);
    ASSERT_TRUE(audit) << audit.error();
    ASSERT_EQ(audit->size(), 1);
    EXPECT_EQ(audit->first().action, QStringLiteral("acknowledge"));
    EXPECT_EQ(audit->first().userId, manager.userId);

    // Still below min after 4 came in: the same alert, still acknowledged, no news.
    post(ReceiveStock{widget.id, binA.id, {}, {}, 4, {}, {}});
    model.refresh();
    EXPECT_EQ(model.unacknowledgedCount(), 0);
    EXPECT_EQ(arisen.size(), 1);

    // Cleared, then below min again: a new alert that needs a new acknowledgment.
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    model.refresh();
    EXPECT_EQ(model.rowCount(), 0);
    post(IssueStock{widget.id, binA.id, {}, 9, {}, {}});
    model.refresh();
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_FALSE(model.isAcknowledged(0));
    EXPECT_EQ(arisen.size(), 2);
    // The audit log forgets nothing.
    EXPECT_EQ(AuditLog(*db).history(QStringLiteral("alert"), widget.id)->size(), 1);
}

} // namespace
} // namespace Stockroom
