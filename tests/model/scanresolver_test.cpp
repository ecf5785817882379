// What a scan means: a location label, a product, or a GS1 label with lot and expiry.

#include "tests/support/stockfixture.h"

#include "model/domain/gs1.h"
#include "model/services/scanresolver.h"

namespace Stockroom {
namespace {

class ScanResolverTest : public Test::StockFixture
{
protected:
    Result<ScanResult> scan(const QString &text)
    {
        return ScanResolver(*catalog).resolve(text, QDate(2026, 11, 24));
    }
};

TEST_F(ScanResolverTest, ALocationLabelSetsTheLocation)
{
    auto result = scan(QStringLiteral("LOC-A-01\r"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->kind, ScanResult::Kind::Location);
    EXPECT_EQ(result->location->id, binA.id);
}

TEST_F(ScanResolverTest, ARetailBarcodeOrASkuIsAProduct)
{
    auto byCode = scan(QStringLiteral("4006381333931"));
    ASSERT_TRUE(byCode);
    EXPECT_EQ(byCode->kind, ScanResult::Kind::Product);
    EXPECT_EQ(byCode->product->id, widget.id);
    EXPECT_FALSE(byCode->quantity);
    auto bySku = scan(QStringLiteral("M-200"));
    ASSERT_TRUE(bySku);
    EXPECT_EQ(bySku->product->id, medicine.id);
}

TEST_F(ScanResolverTest, AGs1LabelBringsLotExpiryAndCount)
{
    // The medicine's EAN-8 96385074 as a GTIN-14, lot, expiry, count.
    const QString gs(QChar(Gs1::groupSeparator));
    auto result = scan(QStringLiteral("]C10100000096385074") + QStringLiteral("17270331")
                       + QStringLiteral("10B-7781") + gs + QStringLiteral("3724"));
    ASSERT_TRUE(result) << result.error().message.toStdString();
    EXPECT_EQ(result->product->id, medicine.id);
    EXPECT_EQ(result->lot, QStringLiteral("B-7781"));
    EXPECT_EQ(result->expiry, QDate(2027, 3, 31));
    EXPECT_EQ(result->quantity, 24);
}

TEST_F(ScanResolverTest, AnUnknownCodeSaysWhichCode)
{
    auto result = scan(QStringLiteral("5901234123457"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::UnknownBarcode);
    EXPECT_EQ(result.error().message, QStringLiteral("Unknown barcode 5901234123457"));

    auto label = scan(QStringLiteral("0105901234123457"));
    ASSERT_FALSE(label);
    EXPECT_EQ(label.error().code, ErrorCode::UnknownBarcode);
    EXPECT_EQ(label.error().message, QStringLiteral("Unknown barcode 5901234123457"));
}

TEST_F(ScanResolverTest, AMisreadRetailCodeIsACheckDigitErrorAndGarbageIsUnknown)
{
    auto misread = scan(QStringLiteral("4006381333932"));
    ASSERT_FALSE(misread);
    EXPECT_EQ(misread.error().code, ErrorCode::InvalidInput);
    EXPECT_THAT(misread.error().message.toStdString(), testing::HasSubstr("check digit"));

    auto garbage = scan(QStringLiteral("x#%&@!"));
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, ErrorCode::UnknownBarcode);

    auto empty = scan(QStringLiteral("\r\n"));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidInput);

    auto badLabel = scan(QStringLiteral("]C10104006381333932"));
    ASSERT_FALSE(badLabel);
    EXPECT_THAT(badLabel.error().message.toStdString(), testing::HasSubstr("check digit"));
}

} // namespace
} // namespace Stockroom
