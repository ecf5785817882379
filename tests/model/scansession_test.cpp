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

} // namespace
} // namespace Stockroom
