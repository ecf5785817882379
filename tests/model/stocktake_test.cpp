// Counting a zone against the stock on hand, and posting the differences.

#include "tests/support/stockfixture.h"

#include "model/domain/gs1.h"
#include "model/services/stocktake.h"

#include <QAbstractItemModelTester>

namespace Stockroom {
namespace {

class StocktakeTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
        post(ReceiveStock{
            medicine.id, binB.id, QStringLiteral("B-7781"), QDate(2027, 3, 31), 5, {}, {}});
        stocktake = std::make_unique<Stocktake>(*db, *catalog, *movements, clock);
        tester = std::make_unique<QAbstractItemModelTester>(
            stocktake.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }
    void TearDown() override
    {
        tester.reset();
        stocktake.reset();
        StockFixture::TearDown();
    }
    Result<QString> scan(const QString &code) { return stocktake->scan(code, QDate(2026, 11, 24)); }
    // The medicine's GS1 label: lot B-7781 and a count of n.
    QString medicineLabel(int n) const
    {
        return QStringLiteral("]C10100000096385074") + QStringLiteral("10B-7781")
               + QChar(Gs1::groupSeparator) + QStringLiteral("37") + QString::number(n);
    }

    std::unique_ptr<Stocktake> stocktake;
    std::unique_ptr<QAbstractItemModelTester> tester;
    const QString widgetCode = QStringLiteral("4006381333931");
};

TEST_F(StocktakeTest, ScansCountAgainstWhatIsExpectedPlaceByPlace)
{
    EXPECT_FALSE(scan(widgetCode)); // nothing chosen yet
    ASSERT_TRUE(stocktake->begin(QStringLiteral("WH1-A")));
    ASSERT_EQ(stocktake->rowCount(), 2);
    EXPECT_EQ(stocktake->lines().at(0).expected, 10);
    EXPECT_EQ(stocktake->lines().at(0).counted, 0);

    auto before = scan(widgetCode);
    ASSERT_FALSE(before);
    EXPECT_EQ(before.error().message,
              QStringLiteral("Scan the label of the place inside WH1-A where this item is."));
    ASSERT_TRUE(scan(QStringLiteral("LOC-A-01")));
    for (int i = 0; i < 8; ++i)
        ASSERT_TRUE(scan(widgetCode));
    EXPECT_EQ(*scan(widgetCode), QStringLiteral("Widget × 9 at A-01"));

    ASSERT_TRUE(scan(QStringLiteral("LOC-A-02")));
    auto noLot = scan(QStringLiteral("M-200")); // its SKU, typed: no lot
    ASSERT_FALSE(noLot);
    EXPECT_EQ(noLot.error().message, QStringLiteral("M-200 is tracked by lot: scan its GS1 label."));
    ASSERT_TRUE(scan(medicineLabel(5)));
    // A widget found where none was expected gets its own line.
    ASSERT_TRUE(scan(widgetCode));
    ASSERT_EQ(stocktake->rowCount(), 3);
    EXPECT_EQ(stocktake->index(2, Stocktake::Location).data().toString(), QStringLiteral("A-02"));
    // Counting is blind: neither what is expected nor the difference shows.
    EXPECT_EQ(stocktake->index(0, Stocktake::Expected).data().toString(), QStringLiteral("hidden"));
    EXPECT_FALSE(stocktake->index(0, Stocktake::Difference).data().isValid());
    EXPECT_EQ(stocktake->index(0, Stocktake::Difference).data(Stocktake::DifferenceRole).toLongLong(),
              0);
    EXPECT_EQ(stocktake->index(0, Stocktake::Counted).data().toString(), QStringLiteral("9 EA"));
    // A manager looks before posting: with units.
    stocktake->setBlind(false);
    EXPECT_EQ(stocktake->index(0, Stocktake::Expected).data().toString(), QStringLiteral("10 EA"));
    EXPECT_EQ(stocktake->index(2, Stocktake::Difference).data(Qt::EditRole).toLongLong(), 1);
    EXPECT_EQ(stocktake->index(2, Stocktake::Difference).data().toString(), QStringLiteral("1 EA"));
    EXPECT_EQ(stocktake->index(0, Stocktake::Difference).data(Qt::EditRole).toLongLong(), -1);
    EXPECT_EQ(stocktake->differences(), 2);

    EXPECT_TRUE(scan(QStringLiteral("LOC-A-03"))); // another bin of the zone
    // A place outside the one counted is refused.
    ASSERT_TRUE(stocktake->begin(QStringLiteral("A-01"))); // a bin on its own needs no label
    EXPECT_TRUE(scan(widgetCode));
    auto elsewhere = scan(QStringLiteral("LOC-A-02"));
    ASSERT_FALSE(elsewhere);
    EXPECT_EQ(elsewhere.error().message,
              QStringLiteral("A-02 is not inside A-01, the location being counted."));
}

TEST_F(StocktakeTest, AManagerPostsTheDifferencesWithAReasonAllOrNothing)
{
    ASSERT_TRUE(stocktake->begin(QStringLiteral("WH1-A")));
    ASSERT_TRUE(scan(QStringLiteral("LOC-A-01")));
    ASSERT_TRUE(stocktake->setData(stocktake->index(0, Stocktake::Counted), 7));
    EXPECT_FALSE(stocktake->setData(stocktake->index(0, Stocktake::Counted), -1));
    // The medicine was not found: it counts as 0.
    EXPECT_EQ(stocktake->differences(), 2);

    auto clerkPost = stocktake->post(clerk, QStringLiteral("cycle count"));
    ASSERT_FALSE(clerkPost);
    EXPECT_EQ(clerkPost.error().code, ErrorCode::PermissionDenied);
    EXPECT_FALSE(stocktake->post(manager, QStringLiteral("  ")));

    // Cancelled half-way: nothing is posted, the count stays.
    auto cancelled = stocktake->post(manager, QStringLiteral("cycle count"), [](int done, int) {
        return done < 1;
    });
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(quantity(widget.id, binA.id), 10);
    EXPECT_EQ(stocktake->rowCount(), 2);

    // Meanwhile a clerk issues one widget: the count keeps that issue (it was counted
    // against 10), as the server does (docs/conflicts.md, rows 7 and 8).
    post(IssueStock{widget.id, binA.id, {}, 1, {}, {}});
    auto posted = stocktake->post(manager, QStringLiteral("cycle count"));
    ASSERT_TRUE(posted) << posted.error();
    EXPECT_EQ(*posted, 2);
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
    EXPECT_EQ(quantity(medicine.id, binB.id, lotId(medicine.id, QStringLiteral("B-7781"))), 0);
    EXPECT_FALSE(stocktake->isActive());
    auto report = ledger->verify();
    ASSERT_TRUE(report) << report.error();
    EXPECT_TRUE(report->isClean());
}

} // namespace
} // namespace Stockroom
