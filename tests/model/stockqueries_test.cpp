// Stock on hand pages, filters, summaries and alerts.

#include "tests/support/stockfixture.h"

#include "model/services/stockqueries.h"

namespace Stockroom {
namespace {

class StockQueriesTest : public Stockroom::Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        queries = std::make_unique<StockQueries>(*db);
        today = clock.now().date();
    }
    void TearDown() override
    {
        queries.reset();
        StockFixture::TearDown();
    }
    QList<StockRow> all(const StockFilter &filter, const StockSort &sort = {}, int pageSize = 2)
    {
        QList<StockRow> rows;
        std::optional<StockCursor> cursor;
        for (int guard = 0; guard < 1000; ++guard) {
            auto page = queries->page(filter, sort, cursor, pageSize, today);
            EXPECT_TRUE(page);
            if (!page)
                break;
            rows += *page;
            if (page->size() < pageSize)
                break;
            cursor = StockQueries::cursorAfter(page->last());
        }
        return rows;
    }

    std::unique_ptr<StockQueries> queries;
    QDate today;
};

TEST_F(StockQueriesTest, PagesWalkEveryRowOnceInOrder)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binB.id, {}, {}, 7, {}, {}});
    post(ReceiveStock{widget.id, binC.id, {}, {}, 1, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), today.addDays(10), 3, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L2"), today.addDays(90), 4, {}, {}});

    const QList<StockRow> byName = all({});
    ASSERT_EQ(byName.size(), 5);
    EXPECT_EQ(byName.first().sku, QStringLiteral("M-200")); // "Saline" < "Widget"
    EXPECT_EQ(byName.last().sku, QStringLiteral("W-100"));

    const QList<StockRow> byQuantity = all({}, {StockColumn::Quantity, Qt::DescendingOrder});
    ASSERT_EQ(byQuantity.size(), 5);
    QList<qint64> quantities;
    for (const StockRow &row : byQuantity)
        quantities << row.quantity;
    EXPECT_EQ(quantities, (QList<qint64>{7, 5, 4, 3, 1}));
}

TEST_F(StockQueriesTest, FiltersByTextBarcodeLocationAndExpiry)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binB.id, {}, {}, 7, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), today.addDays(10), 3, {}, {}});

    StockFilter text;
    text.text = QStringLiteral("식염");
    EXPECT_EQ(all(text).size(), 1);
    StockFilter percent;
    percent.text = QStringLiteral("%");
    EXPECT_EQ(all(percent).size(), 0) << "LIKE wildcards are escaped";
    StockFilter barcode;
    barcode.text = QStringLiteral("4006381333931");
    EXPECT_EQ(all(barcode).size(), 2);
    StockFilter underZone;
    underZone.locationId = zone.id;
    EXPECT_EQ(all(underZone).size(), 3);
    StockFilter inBin;
    inBin.locationId = binB.id;
    EXPECT_EQ(all(inBin).size(), 1);
    StockFilter expiring;
    expiring.expiringWithinDays = 30;
    EXPECT_EQ(all(expiring).size(), 1);
    expiring.expiringWithinDays = 5;
    EXPECT_EQ(all(expiring).size(), 0);
    auto count = queries->count({}, today);
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, 3);
}

TEST_F(StockQueriesTest, ALocationsKindGivenByTheCallerPicksWhatItsLookupWould)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binB.id, {}, {}, 7, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), {}, 3, {}, {}});

    for (const Location &place : {warehouse, zone, binB}) {
        StockFilter lookedUp;
        lookedUp.locationId = place.id;
        StockFilter given = lookedUp;
        given.locationKind = place.kind;
        QStringList expected;
        for (const StockRow &row : all(lookedUp))
            expected << row.sku + row.locationCode;
        QStringList found;
        for (const StockRow &row : all(given)) {
            found << row.sku + row.locationCode;
            EXPECT_EQ(row.warehouseCode, warehouse.code);
        }
        EXPECT_FALSE(expected.isEmpty()) << place.code.toStdString();
        EXPECT_EQ(found, expected) << place.code.toStdString();
    }
}

TEST_F(StockQueriesTest, ASkuAndALocationCodeLookedUpInTheQueryFindWhatTheirIdsFind)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    post(ReceiveStock{widget.id, binB.id, {}, {}, 7, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), {}, 3, {}, {}});
    post(ReceiveStock{medicine.id, binC.id, QStringLiteral("L2"), {}, 2, {}, {}});

    const auto keys = [&](const StockFilter &filter) {
        QStringList found;
        for (const StockRow &row : all(filter))
            found << row.sku + QLatin1Char('@') + row.locationCode + QLatin1Char('/') + row.lotCode;
        return found;
    };
    for (const Product &product : {widget, medicine}) {
        for (const Location &place : {warehouse, zone, binA, binB, binC}) {
            StockFilter byIds;
            byIds.productId = product.id;
            byIds.locationId = place.id;
            StockFilter byText;
            byText.productSku = product.sku;
            byText.locationCode = place.code;
            const QString what = product.sku + QLatin1Char('@') + place.code;
            EXPECT_EQ(keys(byText), keys(byIds)) << what.toStdString();
            if (!place.barcode.isEmpty()) {
                byText.locationCode = place.barcode;
                EXPECT_EQ(keys(byText), keys(byIds)) << "by barcode " << what.toStdString();
            }
            byText.locationCode.clear();
            byIds.locationId = 0;
            EXPECT_EQ(keys(byText), keys(byIds)) << product.sku.toStdString();
        }
    }

    StockFilter scoped;
    scoped.productSku = widget.sku;
    scoped.warehouseIds = {warehouse.id};
    EXPECT_EQ(all(scoped).size(), 2);
    scoped.warehouseIds = {warehouse.id + 1000};
    EXPECT_TRUE(all(scoped).isEmpty()) << "stock in another warehouse than these";
    StockFilter unknown;
    unknown.productSku = QStringLiteral("NO-SUCH");
    EXPECT_TRUE(all(unknown).isEmpty());
    unknown.productSku = widget.sku;
    unknown.locationCode = QStringLiteral("NO-SUCH");
    EXPECT_TRUE(all(unknown).isEmpty());
}

TEST_F(StockQueriesTest, LowStockUsesTheWarehouseTotal)
{
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, warehouse.id, 0, 10, 100, 15}));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 4, {}, {}});
    post(ReceiveStock{widget.id, binB.id, {}, {}, 4, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("L1"), {}, 3, {}, {}});

    StockFilter low;
    low.lowStockOnly = true;
    const QList<StockRow> rows = all(low);
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows.first().status, StockStatus::BelowMin);
    EXPECT_EQ(rows.first().warehouseTotal, 8);
    EXPECT_EQ(rows.first().minQty, 10);

    post(ReceiveStock{widget.id, binC.id, {}, {}, 2, {}, {}});
    EXPECT_EQ(all(low).size(), 0);
}

TEST_F(StockQueriesTest, AlertsCoverThresholdsNegativeStockAndExpiry)
{
    ASSERT_TRUE(movements->setNegativeStockPolicy(admin, NegativeStockPolicy::Allow));
    ASSERT_TRUE(masterData->setThreshold(manager, {widget.id, 0, 0, 10, 20, 12}));
    post(ReceiveStock{widget.id, binA.id, {}, {}, 4, {}, {}});
    post(IssueStock{widget.id, binB.id, {}, 2, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("OLD"), today.addDays(-1), 3, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("SOON"), today.addDays(7), 3, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("LATER"), today.addDays(300), 3, {}, {}});

    auto alerts = queries->alerts(today, 30);
    ASSERT_TRUE(alerts);
    ASSERT_EQ(alerts->size(), 4);
    EXPECT_EQ(alerts->at(0).kind, Alert::Kind::BelowMin);
    EXPECT_EQ(alerts->at(0).quantity, 2); // 4 - 2 over every warehouse
    EXPECT_EQ(alerts->at(0).limit, 10);
    EXPECT_EQ(alerts->at(1).kind, Alert::Kind::Negative);
    EXPECT_EQ(alerts->at(1).locationId, binB.id);
    EXPECT_EQ(alerts->at(2).kind, Alert::Kind::Expired);
    EXPECT_EQ(alerts->at(2).lotCode, QStringLiteral("OLD"));
    EXPECT_EQ(alerts->at(3).kind, Alert::Kind::Expiring);
    EXPECT_EQ(alerts->at(3).lotCode, QStringLiteral("SOON"));
}

TEST_F(StockQueriesTest, SummaryTotalsEachWarehouse)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 4, {}, {}});
    post(ReceiveStock{medicine.id, binB.id, QStringLiteral("L1"), {}, 6, {}, {}});
    auto summary = queries->summary();
    ASSERT_TRUE(summary);
    ASSERT_EQ(summary->size(), 1);
    EXPECT_EQ(summary->first().code, QStringLiteral("WH1"));
    EXPECT_EQ(summary->first().products, 2);
    EXPECT_EQ(summary->first().stockRows, 2);
    EXPECT_EQ(summary->first().totalQuantity, 10);
}

} // namespace
} // namespace Stockroom
