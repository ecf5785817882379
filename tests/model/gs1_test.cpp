// GS1 element strings as scanners send them from GS1-128 and DataMatrix labels.

#include "tests/support/printers.h"

#include "model/domain/gs1.h"

#include <gmock/gmock.h>

namespace Stockroom {
namespace {

const QDate today(2026, 11, 24);
const QString gs(QChar(Gs1::groupSeparator));

Gs1Data parsed(const QString &scan)
{
    auto data = Gs1::parse(scan, today);
    EXPECT_TRUE(data) << (data ? "" : data.error().message.toStdString());
    return data ? *data : Gs1Data{};
}

std::string refusal(const QString &scan)
{
    auto data = Gs1::parse(scan, today);
    EXPECT_FALSE(data) << scan.toStdString() << " was read";
    return data ? std::string() : data.error().message.toStdString();
}

TEST(Gs1Test, OneScanGivesGtinLotExpiryAndCount)
{
    const Gs1Data data = parsed(QStringLiteral("]C10104006381333931") + QStringLiteral("17271231")
                                + QStringLiteral("10LOT-42") + gs + QStringLiteral("3712"));
    EXPECT_EQ(data.gtin, QStringLiteral("04006381333931"));
    EXPECT_EQ(data.expiry, QDate(2027, 12, 31));
    EXPECT_EQ(data.lot, QStringLiteral("LOT-42"));
    EXPECT_EQ(data.count, 12);
    EXPECT_TRUE(data.serial.isEmpty());
}

TEST(Gs1Test, DataMatrixWithLeadingFnc1AndSerial)
{
    const Gs1Data data = parsed(QStringLiteral("]d2") + gs + QStringLiteral("0104006381333931")
                                + QStringLiteral("21SN0001") + gs + QStringLiteral("3025"));
    EXPECT_EQ(data.serial, QStringLiteral("SN0001"));
    EXPECT_EQ(data.count, 25);
}

TEST(Gs1Test, DayZeroIsTheLastDayOfTheMonth)
{
    EXPECT_EQ(parsed(QStringLiteral("0104006381333931") + QStringLiteral("17280200")).expiry,
              QDate(2028, 2, 29));
}

TEST(Gs1Test, TwoDigitYearsFallWithinFortyNineYearsBackAndFiftyAhead)
{
    EXPECT_EQ(parsed(QStringLiteral("17760101")).expiry, QDate(2076, 1, 1));
    EXPECT_EQ(parsed(QStringLiteral("17770101")).expiry, QDate(1977, 1, 1));
}

TEST(Gs1Test, FieldsItDoesNotUseAreSteppedOver)
{
    // SSCC, a production date and a net weight in kg with three decimals (3103).
    const Gs1Data data = parsed(QStringLiteral("00340123450000000015") + QStringLiteral("11261001")
                                + QStringLiteral("3103001250") + QStringLiteral("0104006381333931"));
    EXPECT_EQ(data.gtin, QStringLiteral("04006381333931"));
}

TEST(Gs1Test, AVariableFieldWithoutASeparatorRunsToTheEnd)
{
    // Without the separator the expiry is read as part of the lot: that is what the label
    // says, so it is not guessed apart.
    const Gs1Data data = parsed(QStringLiteral("10ABC17271231"));
    EXPECT_EQ(data.lot, QStringLiteral("ABC17271231"));
    EXPECT_FALSE(data.expiry.isValid());
}

TEST(Gs1Test, BadLabelsAreRefusedWithWhatIsWrong)
{
    EXPECT_THAT(refusal(QStringLiteral("0104006381333932")), testing::HasSubstr("check digit"));
    EXPECT_THAT(refusal(QStringLiteral("0104006381")), testing::HasSubstr("cut short"));
    EXPECT_THAT(refusal(QStringLiteral("17271332")), testing::HasSubstr("no month 13"));
    EXPECT_THAT(refusal(QStringLiteral("17270230")), testing::HasSubstr("does not exist"));
    EXPECT_THAT(refusal(QStringLiteral("9912345")), testing::HasSubstr("Unknown GS1"));
    EXPECT_THAT(refusal(QStringLiteral("10") + QString(21, QLatin1Char('L'))),
                testing::HasSubstr("1 to 20"));
    EXPECT_THAT(refusal(QStringLiteral("37") + gs), testing::HasSubstr("1 to 8"));
    EXPECT_THAT(refusal(QStringLiteral("3712A")), testing::HasSubstr("digits"));
    EXPECT_THAT(refusal(QStringLiteral("10A") + gs + QStringLiteral("10B")),
                testing::HasSubstr("twice"));
    EXPECT_THAT(refusal(QStringLiteral("3012") + gs + QStringLiteral("3712")),
                testing::HasSubstr("count only once"));
    EXPECT_THAT(refusal(QStringLiteral("]C1")), testing::HasSubstr("no data"));
    EXPECT_THAT(refusal(QStringLiteral("hello")), testing::HasSubstr("Unknown GS1"));
}

TEST(Gs1Test, WhatLooksLikeAnElementString)
{
    EXPECT_TRUE(Gs1::looksLikeElementString(QStringLiteral("]C1010400638133393")));
    EXPECT_TRUE(Gs1::looksLikeElementString(QStringLiteral("0104006381333931")));
    EXPECT_TRUE(Gs1::looksLikeElementString(QStringLiteral("10A") + gs + QStringLiteral("3712")));
    EXPECT_FALSE(Gs1::looksLikeElementString(QStringLiteral("4006381333931"))); // an EAN-13
    EXPECT_FALSE(Gs1::looksLikeElementString(QStringLiteral("A-01")));          // a bin label
}

TEST(Gs1Test, AGtinIsLookedUpAsTheRetailCodesItCanBe)
{
    EXPECT_EQ(Gs1::productCodes(QStringLiteral("04006381333931")),
              (QStringList{QStringLiteral("4006381333931"), QStringLiteral("04006381333931")}));
    EXPECT_EQ(Gs1::productCodes(QStringLiteral("00012345678905")),
              (QStringList{QStringLiteral("0012345678905"),
                           QStringLiteral("012345678905"),
                           QStringLiteral("00012345678905")}));
    EXPECT_EQ(Gs1::productCodes(QStringLiteral("00000096385074")),
              (QStringList{QStringLiteral("0000096385074"),
                           QStringLiteral("000096385074"),
                           QStringLiteral("96385074"),
                           QStringLiteral("00000096385074")}));
    EXPECT_EQ(Gs1::productCodes(QStringLiteral("14006381333938")),
              (QStringList{QStringLiteral("14006381333938")}));
}

} // namespace
} // namespace Stockroom
