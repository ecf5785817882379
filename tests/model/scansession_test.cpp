// Scanning a location and items, then Enter: what a clerk does all day.

#include "tests/support/stockfixture.h"

#include "model/domain/gs1.h"
#include "model/services/scansession.h"

namespace Stockroom {
namespace {

class ScanSessionTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    }
    void TearDown() override
    {
        session.reset();
        StockFixture::TearDown();
    }

    QString scan(const QString &code)
    {
        auto said = session->scan(code, QDate(2026, 11, 24));
        EXPECT_TRUE(said) << code.toStdString() << ": "
                          << (said ? "" : said.error().message.toStdString());
        return said ? *said : QString();
    }

    std::unique_ptr<ScanSession> session;
    const QString widgetCode = QStringLiteral("4006381333931");
    const QString gs = QString(QChar(Gs1::groupSeparator));
};

TEST_F(ScanSessionTest, ReceivingAddsRepeatedScansAndAGs1LabelBringsLotAndCount)
{
    EXPECT_EQ(scan(QStringLiteral("LOC-A-01")), QStringLiteral("At A-01"));
    scan(widgetCode);
    scan(widgetCode);
    EXPECT_EQ(scan(widgetCode), QStringLiteral("Widget × 3"));
    scan(QStringLiteral("]C10100000096385074") + QStringLiteral("17270331")
         + QStringLiteral("10B-7781") + gs + QStringLiteral("3724"));
    ASSERT_EQ(session->lines().size(), 2);

    auto posted = session->post(clerk);
    ASSERT_TRUE(posted) << posted.error().message.toStdString();
    EXPECT_EQ(posted->size(), 2);
    EXPECT_EQ(quantity(widget.id, binA.id), 3);
    EXPECT_EQ(quantity(medicine.id, binA.id, lotId(medicine.id, QStringLiteral("B-7781"))), 24);
    EXPECT_TRUE(session->lines().isEmpty());
    EXPECT_EQ(session->location()->id, binA.id); // the next items go to the same bin
}

TEST_F(ScanSessionTest, AnItemBeforeALocationAndAnUnknownCodeAreRefusedAndChangeNothing)
{
    auto early = session->scan(widgetCode, QDate(2026, 11, 24));
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().message, QStringLiteral("Scan a location label first."));
    scan(QStringLiteral("LOC-A-01"));
    auto unknown = session->scan(QStringLiteral("5901234123457"), QDate(2026, 11, 24));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().message, QStringLiteral("Unknown barcode 5901234123457"));
    EXPECT_TRUE(session->lines().isEmpty());
}

TEST_F(ScanSessionTest, EscTakesBackTheLastScan)
{
    scan(QStringLiteral("LOC-A-01"));
    scan(widgetCode);
    scan(widgetCode);
    session->cancelLast();
    ASSERT_EQ(session->lines().size(), 1);
    EXPECT_EQ(session->lines().at(0).quantity, 1);
    session->cancelLast();
    EXPECT_TRUE(session->lines().isEmpty());
    session->cancelLast();
    EXPECT_FALSE(session->location());
}

TEST_F(ScanSessionTest, APostThatFailsRecordsNothingAndKeepsTheLines)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 2, {}, {}});
    session->setMode(ScanMode::Issue);
    scan(QStringLiteral("LOC-A-01"));
    for (int i = 0; i < 5; ++i)
        scan(widgetCode);
    auto posted = session->post(clerk);
    ASSERT_FALSE(posted);
    EXPECT_THAT(posted.error().message.toStdString(), testing::HasSubstr("W-100"));
    EXPECT_EQ(quantity(widget.id, binA.id), 2);
    ASSERT_EQ(session->lines().size(), 1);
    EXPECT_EQ(session->lines().at(0).quantity, 5);
}

TEST_F(ScanSessionTest, ATransferTakesFromAndToThenItems)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 10, {}, {}});
    session->setMode(ScanMode::Transfer);
    EXPECT_EQ(scan(QStringLiteral("LOC-A-01")), QStringLiteral("From A-01"));
    auto noTo = session->scan(widgetCode, QDate(2026, 11, 24));
    ASSERT_FALSE(noTo);
    EXPECT_EQ(scan(QStringLiteral("LOC-A-02")), QStringLiteral("To A-02"));
    scan(widgetCode);
    scan(widgetCode);
    ASSERT_TRUE(session->post(clerk));
    EXPECT_EQ(quantity(widget.id, binA.id), 8);
    EXPECT_EQ(quantity(widget.id, binB.id), 2);
}

TEST_F(ScanSessionTest, CountingByScanningSetsStockToWhatWasScanned)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 7, {}, {}});
    session->setMode(ScanMode::Count);
    scan(QStringLiteral("LOC-A-01"));
    for (int i = 0; i < 5; ++i)
        scan(widgetCode);
    ASSERT_TRUE(session->post(clerk));
    EXPECT_EQ(quantity(widget.id, binA.id), 5);
}

TEST_F(ScanSessionTest, AnUnpostedBasketOutlivesTheAppForTheClerkWhoScannedIt)
{
    ASSERT_TRUE(session->resume(clerk));
    ASSERT_TRUE(session->setMode(ScanMode::Receive));
    scan(QStringLiteral("LOC-A-01"));
    scan(widgetCode);
    scan(widgetCode);
    scan(QStringLiteral("]C10100000096385074") + QStringLiteral("17270331")
         + QStringLiteral("10B-7781") + gs + QStringLiteral("3724"));
    scan(widgetCode);
    ASSERT_TRUE(session->cancelLast());

    // The app is gone without a post (a crash, a quit); the clerk signs in again.
    session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    auto resumed = session->resume(clerk);
    ASSERT_TRUE(resumed) << resumed.error().message.toStdString();
    EXPECT_EQ(resumed->scans, 4);
    EXPECT_TRUE(resumed->dropped.isEmpty());
    EXPECT_EQ(session->mode(), ScanMode::Receive);
    EXPECT_EQ(session->location()->id, binA.id);
    ASSERT_EQ(session->lines().size(), 2);
    EXPECT_EQ(session->lines().at(0).quantity, 2);
    EXPECT_EQ(session->lines().at(1).lot, QStringLiteral("B-7781"));
    EXPECT_EQ(session->lines().at(1).quantity, 24);

    // Another clerk at the same workstation starts with an empty basket, and does not
    // touch the first one's.
    auto other = std::make_unique<ScanSession>(*db, *catalog, *movements);
    auto theirs = other->resume(manager);
    ASSERT_TRUE(theirs);
    EXPECT_EQ(theirs->scans, 0);
    EXPECT_TRUE(other->lines().isEmpty());
    ASSERT_TRUE(other->setMode(ScanMode::Issue));

    // Posted, the basket is gone with the post, but for the place scanned.
    ASSERT_TRUE(session->post(clerk));
    EXPECT_EQ(quantity(widget.id, binA.id), 2);
    session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    resumed = session->resume(clerk);
    ASSERT_TRUE(resumed);
    EXPECT_EQ(resumed->scans, 1);
    EXPECT_TRUE(session->lines().isEmpty());
    EXPECT_EQ(session->location()->id, binA.id);
    EXPECT_EQ(quantity(widget.id, binA.id), 2) << "nothing is posted twice";
}

TEST_F(ScanSessionTest, AKeptScanThatNoLongerAppliesIsLeftOutAndNamed)
{
    ASSERT_TRUE(session->resume(clerk));
    scan(QStringLiteral("LOC-A-01"));
    scan(widgetCode);
    ASSERT_TRUE(masterData->editProduct(manager, {widget.id, widget.version, {}, {}, {}, true}));

    session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    auto resumed = session->resume(clerk);
    ASSERT_TRUE(resumed);
    EXPECT_EQ(resumed->scans, 1);
    ASSERT_EQ(resumed->dropped.size(), 1);
    EXPECT_THAT(resumed->dropped.at(0).toStdString(), testing::HasSubstr("archived"));
    EXPECT_TRUE(session->lines().isEmpty());

    // Said once: it is not replayed again.
    session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    resumed = session->resume(clerk);
    ASSERT_TRUE(resumed);
    EXPECT_TRUE(resumed->dropped.isEmpty());
}

TEST_F(ScanSessionTest, ChangingTheModeEmptiesTheKeptBasket)
{
    ASSERT_TRUE(session->resume(clerk));
    scan(QStringLiteral("LOC-A-01"));
    ASSERT_TRUE(session->setMode(ScanMode::Transfer));
    scan(QStringLiteral("LOC-A-01"));
    session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    auto resumed = session->resume(clerk);
    ASSERT_TRUE(resumed);
    EXPECT_EQ(resumed->scans, 1);
    EXPECT_EQ(session->mode(), ScanMode::Transfer);
    EXPECT_EQ(session->location()->id, binA.id);
    EXPECT_FALSE(session->destination());
}

TEST_F(ScanSessionTest, ATypedQuantityCountsTheNextItemThatManyTimes)
{
    scan(QStringLiteral("LOC-A-01"));
    EXPECT_EQ(scan(QStringLiteral("*240")), QStringLiteral("Next item × 240"));
    EXPECT_EQ(session->typedQuantity(), 240);
    EXPECT_EQ(scan(widgetCode), QStringLiteral("Widget × 240"));
    EXPECT_FALSE(session->typedQuantity()) << "only the next item";
    scan(widgetCode);
    EXPECT_EQ(session->lines().at(0).quantity, 241);

    // "10*" then a label of 24: ten labels' worth.
    scan(QStringLiteral("10*"));
    scan(QStringLiteral("]C10100000096385074") + QStringLiteral("17270331")
         + QStringLiteral("10B-7781") + gs + QStringLiteral("3724"));
    EXPECT_EQ(session->lines().at(1).quantity, 240);

    // Esc on an item scanned with a typed quantity gives the quantity back for the right
    // item; Esc again takes the quantity back too.
    scan(QStringLiteral("*5"));
    scan(widgetCode);
    EXPECT_EQ(session->lines().at(0).quantity, 246);
    ASSERT_TRUE(session->cancelLast());
    EXPECT_EQ(session->lines().at(0).quantity, 241);
    EXPECT_EQ(session->typedQuantity(), 5);
    ASSERT_TRUE(session->cancelLast());
    EXPECT_FALSE(session->typedQuantity());

    ASSERT_TRUE(session->post(clerk));
    EXPECT_EQ(quantity(widget.id, binA.id), 241);
}

TEST_F(ScanSessionTest, ATypedQuantityIsAWholeNumberFromOneToTheLimit)
{
    scan(QStringLiteral("LOC-A-01"));
    auto refused = [this](const QString &typed) {
        auto said = session->scan(typed, QDate(2026, 11, 24));
        EXPECT_FALSE(said) << typed.toStdString();
        EXPECT_FALSE(session->typedQuantity()) << typed.toStdString();
        return said ? QString() : said.error().message;
    };
    EXPECT_EQ(refused(QStringLiteral("*0")), QStringLiteral("A quantity must be at least 1."));
    EXPECT_EQ(refused(QStringLiteral("*-5")), QStringLiteral("A quantity must be at least 1."));
    const QString limit = QLocale().toString(1'000'000'000);
    EXPECT_EQ(refused(QStringLiteral("*1000000001")),
              QStringLiteral("A quantity can be at most %1.").arg(limit));
    EXPECT_EQ(refused(QStringLiteral("*99999999999999999999999")),
              QStringLiteral("\"*99999999999999999999999\" is not a quantity: type a whole "
                             "number after the star, such as *240."));
    EXPECT_THAT(refused(QStringLiteral("*2.5")).toStdString(), testing::HasSubstr("not a quantity"));
    EXPECT_THAT(refused(QStringLiteral("*") + QString(100'000, QLatin1Char('9'))).size(),
                testing::Lt(200))
        << "a megabyte of digits is not echoed back";

    // At the limit, and one past it on the same line.
    EXPECT_EQ(scan(QStringLiteral("*1000000000")), QStringLiteral("Next item × 1000000000"));
    scan(widgetCode);
    auto over = session->scan(widgetCode, QDate(2026, 11, 24));
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().message,
              QStringLiteral("W-100 would come to more than %1, the most one line can move.")
                  .arg(limit));
    EXPECT_EQ(session->lines().at(0).quantity, 1'000'000'000);
}

TEST_F(ScanSessionTest, ATypedQuantityIsKeptWithTheBasket)
{
    ASSERT_TRUE(session->resume(clerk));
    scan(QStringLiteral("LOC-A-01"));
    scan(QStringLiteral("*12"));
    scan(widgetCode);
    scan(QStringLiteral("*3"));
    session = std::make_unique<ScanSession>(*db, *catalog, *movements);
    ASSERT_TRUE(session->resume(clerk));
    ASSERT_EQ(session->lines().size(), 1);
    EXPECT_EQ(session->lines().at(0).quantity, 12);
    EXPECT_EQ(session->typedQuantity(), 3);
}

TEST_F(ScanSessionTest, ALotTrackedProductScannedByItsPlainBarcodeGoesFirstExpiryFirstOut)
{
    const QDate today(2026, 11, 24);
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("LATE"), today.addDays(300), 5, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("SOON"), today.addDays(20), 2, {}, {}});
    post(ReceiveStock{medicine.id, binA.id, QStringLiteral("PAST"), today.addDays(-3), 9, {}, {}});
    post(
        ReceiveStock{medicine.id, binB.id, QStringLiteral("ELSEWHERE"), today.addDays(1), 9, {}, {}});

    // Receiving and counting need the lot from the label, and say so at the scan.
    scan(QStringLiteral("LOC-A-01"));
    auto received = session->scan(QStringLiteral("96385074"), today);
    ASSERT_FALSE(received);
    EXPECT_THAT(received.error().message.toStdString(),
                testing::HasSubstr("M-200 is tracked by lot: scan its GS1 label"));

    ASSERT_TRUE(session->setMode(ScanMode::Issue));
    scan(QStringLiteral("LOC-A-01"));
    EXPECT_THAT(scan(QStringLiteral("96385074")).toStdString(),
                testing::HasSubstr("lot SOON (the first to expire here)"));
    scan(QStringLiteral("96385074"));
    // SOON is used up by the basket; the expired lot is never picked.
    EXPECT_THAT(scan(QStringLiteral("96385074")).toStdString(), testing::HasSubstr("lot LATE"));
    ASSERT_EQ(session->lines().size(), 2);
    EXPECT_EQ(session->lines().at(0).lot, QStringLiteral("SOON"));
    EXPECT_EQ(session->lines().at(0).quantity, 2);
    EXPECT_EQ(session->lines().at(1).lot, QStringLiteral("LATE"));

    auto posted = session->post(clerk);
    ASSERT_TRUE(posted) << posted.error().message.toStdString();
    EXPECT_EQ(quantity(medicine.id, binA.id, lotId(medicine.id, QStringLiteral("SOON"))), 0);
    EXPECT_EQ(quantity(medicine.id, binA.id, lotId(medicine.id, QStringLiteral("LATE"))), 4);
    EXPECT_EQ(quantity(medicine.id, binA.id, lotId(medicine.id, QStringLiteral("PAST"))), 9);

    // Nothing left that has not expired: said, and nothing is added.
    for (int i = 0; i < 4; ++i)
        scan(QStringLiteral("96385074"));
    auto none = session->scan(QStringLiteral("96385074"), today);
    ASSERT_FALSE(none);
    EXPECT_THAT(none.error().message.toStdString(),
                testing::HasSubstr("No lot of this product that has not expired is left at A-01"));
    EXPECT_EQ(session->lines().at(0).quantity, 4);
}

} // namespace
} // namespace Stockroom
