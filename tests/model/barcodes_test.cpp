// Check digits of the retail codes, against published examples.

#include "model/domain/barcodes.h"

#include "tests/support/printers.h"

#include <gmock/gmock.h>

namespace Stockroom {
namespace {

TEST(Barcodes, PublishedExamplesAreValid)
{
    // GS1's own EAN-13 and EAN-8 examples, and a UPC-A from a retail pack.
    EXPECT_TRUE(Barcodes::hasValidCheckDigit(u"4006381333931"));
    EXPECT_TRUE(Barcodes::hasValidCheckDigit(u"5901234123457"));
    EXPECT_TRUE(Barcodes::hasValidCheckDigit(u"96385074"));
    EXPECT_TRUE(Barcodes::hasValidCheckDigit(u"036000291452"));
}

TEST(Barcodes, WrongCheckDigitIsRefusedWithTheRightOne)
{
    auto result = Barcodes::classify(QStringLiteral("5901234123458"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(result.error().message,
              QStringLiteral("The check digit of 5901234123458 is wrong: it should be 7."));
}

TEST(Barcodes, ClassifiesBySymbology)
{
    EXPECT_EQ(Barcodes::classify(QStringLiteral("4006381333931"))->symbology, Symbology::Ean13);
    EXPECT_EQ(Barcodes::classify(QStringLiteral("96385074"))->symbology, Symbology::Ean8);
    EXPECT_EQ(Barcodes::classify(QStringLiteral("036000291452"))->symbology, Symbology::UpcA);
    EXPECT_EQ(Barcodes::classify(QStringLiteral("BIN-A-01"))->symbology, Symbology::Free);
    EXPECT_EQ(Barcodes::classify(QStringLiteral("12345"))->symbology, Symbology::Free);
}

TEST(Barcodes, RefusesGarbage)
{
    EXPECT_FALSE(Barcodes::classify(QString()));
    EXPECT_FALSE(Barcodes::classify(QStringLiteral("has space")));
    EXPECT_FALSE(Barcodes::classify(QStringLiteral("tab\there")));
    EXPECT_FALSE(Barcodes::classify(QString(65, QLatin1Char('7'))));
}

TEST(Barcodes, AppendsCheckDigits)
{
    EXPECT_EQ(Barcodes::withCheckDigit(QStringLiteral("400638133393")),
              QStringLiteral("4006381333931"));
    EXPECT_EQ(Barcodes::withCheckDigit(QStringLiteral("9638507")), QStringLiteral("96385074"));
}

} // namespace
} // namespace Stockroom
