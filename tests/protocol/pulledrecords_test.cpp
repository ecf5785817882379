// The pulled records' codec: every kind round-trips, is written in release 0.1.0's key
// order, and a malformed item is refused with a reason rather than stored half read.

#include "sync/protocol/pulledrecords.h"

#include "tests/support/printers.h"

#include <QCborArray>

#include <gtest/gtest.h>

namespace Stockroom::Sync {
namespace {

UserRecord user()
{
    return {QStringLiteral("u-uuid"),
            QStringLiteral("mina"),
            QStringLiteral("Mina Park"),
            Role::Manager,
            false,
            QStringLiteral("$argon2id$v=19$...")};
}

LocationRecord bin()
{
    return {QStringLiteral("b-uuid"),
            QStringLiteral("z-uuid"),
            LocationKind::Bin,
            QStringLiteral("A-01-02"),
            QStringLiteral("Aisle A, bay 1, level 2"),
            QStringLiteral("LOC-A0102"),
            true,
            4};
}

LocationRecord warehouse()
{
    return {QStringLiteral("w-uuid"),
            {},
            LocationKind::Warehouse,
            QStringLiteral("SEOUL"),
            QStringLiteral("Seoul"),
            std::nullopt,
            false,
            1};
}

ProductRecord product()
{
    return {QStringLiteral("p-uuid"),
            QStringLiteral("SKU-1"),
            QStringLiteral("Widget"),
            QStringLiteral("위젯"),
            QStringLiteral("BOX"),
            true,
            false,
            3,
            {{QStringLiteral("4006381333931"), Symbology::Ean13},
             {QStringLiteral("W-1"), Symbology::Free}}};
}

ThresholdRecord threshold()
{
    return {QStringLiteral("p-uuid"), QStringLiteral("w-uuid"), 5, std::nullopt, 10, 2};
}

ThresholdRecord totalThreshold()
{
    return {QStringLiteral("p-uuid"), {}, std::nullopt, 100, std::nullopt, 1};
}

ConflictRecord conflict()
{
    ConflictRecord c;
    c.uuid = QStringLiteral("c-uuid");
    c.raised = {QStringLiteral("field"),
                QStringLiteral("product"),
                QStringLiteral("p-uuid"),
                QStringLiteral("name"),
                QStringLiteral("Widget"),
                QStringLiteral("Widget (new)"),
                QVariant(),
                QStringLiteral("Both changed the name."),
                QStringLiteral("SEOUL")};
    c.state = QStringLiteral("resolved");
    c.deviceId = QStringLiteral("device-1");
    c.opSeq = 12;
    c.user = QStringLiteral("u-uuid");
    c.createdAt = 1764547200000;
    c.resolution = QStringLiteral("theirs");
    c.version = 2;
    return c;
}

template<typename Record>
void expectRoundTrip(const Record &record)
{
    const QCborMap item = toPulledItem(record);
    EXPECT_EQ(item.value(QLatin1String("kind")).toString(), QLatin1String(pulledKind<Record>));
    // Through bytes, as a page travels.
    const QCborMap travelled = QCborValue::fromCbor(QCborValue(item).toCbor()).toMap();
    auto decoded = fromPulledItem<Record>(travelled);
    ASSERT_TRUE(decoded) << decoded.error().message.toStdString();
    EXPECT_EQ(*decoded, record);
}

QStringList keysOf(const QCborMap &item)
{
    QStringList keys;
    for (auto it = item.constBegin(); it != item.constEnd(); ++it)
        keys.append(it.key().toString());
    return keys;
}

TEST(PulledRecordsTest, EveryKindRoundTrips)
{
    expectRoundTrip(user());
    expectRoundTrip(bin());
    expectRoundTrip(warehouse());
    expectRoundTrip(product());
    expectRoundTrip(ProductRecord{QStringLiteral("p2"),
                                  QStringLiteral("S"),
                                  QStringLiteral("N"),
                                  {},
                                  QStringLiteral("EA"),
                                  false,
                                  false,
                                  1,
                                  {}});
    expectRoundTrip(threshold());
    expectRoundTrip(totalThreshold());
    expectRoundTrip(conflict());
    ConflictRecord counted = conflict();
    counted.raised.type = QStringLiteral("stale-count");
    counted.raised.base = qint64(10);
    counted.raised.theirs = qint64(7);
    counted.raised.mine = qint64(8);
    expectRoundTrip(counted);
}

TEST(PulledRecordsTest, ItemsCarryTheKeysInTheOrderRelease010Wrote)
{
    EXPECT_EQ(keysOf(toPulledItem(user())).join(u','),
              QStringLiteral("uuid,username,name,role,active,password,kind"));
    EXPECT_EQ(keysOf(toPulledItem(bin())).join(u','),
              QStringLiteral("uuid,parent,type,code,name,barcode,archived,version,kind"));
    EXPECT_EQ(keysOf(toPulledItem(product())).join(u','),
              QStringLiteral(
                  "uuid,sku,name,localName,unit,lotTracked,archived,version,barcodes,kind"));
    EXPECT_EQ(keysOf(toPulledItem(threshold())).join(u','),
              QStringLiteral("product,warehouse,min,max,reorder,version,kind"));
    EXPECT_EQ(keysOf(toPulledItem(conflict())).join(u','),
              QStringLiteral("uuid,type,state,entity,key,field,base,theirs,mine,detail,warehouse,"
                             "device,seq,user,created,resolution,version,kind"));
}

TEST(PulledRecordsTest, NoneIsNullOnTheWire)
{
    const QCborMap location = toPulledItem(warehouse());
    EXPECT_TRUE(location.value(QLatin1String("parent")).isNull());
    EXPECT_TRUE(location.value(QLatin1String("barcode")).isNull());
    const QCborMap total = toPulledItem(totalThreshold());
    EXPECT_TRUE(total.value(QLatin1String("warehouse")).isNull());
    EXPECT_TRUE(total.value(QLatin1String("min")).isNull());
    EXPECT_EQ(total.value(QLatin1String("max")).toInteger(), 100);
    // An empty barcode is a barcode, not none.
    LocationRecord blank = warehouse();
    blank.barcode = QString();
    EXPECT_TRUE(toPulledItem(blank).value(QLatin1String("barcode")).isString());
}

TEST(PulledRecordsTest, AMissingOrMistypedKeyIsRefusedByName)
{
    QCborMap item = toPulledItem(user());
    item.remove(QLatin1String("username"));
    auto missing = fromPulledItem<UserRecord>(item);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, QStringLiteral("invalid"));
    EXPECT_TRUE(missing.error().message.contains(QLatin1String("\"username\"")))
        << missing.error().message.toStdString();

    item = toPulledItem(product());
    item.insert(QLatin1String("version"), QStringLiteral("3"));
    auto mistyped = fromPulledItem<ProductRecord>(item);
    ASSERT_FALSE(mistyped);
    EXPECT_TRUE(mistyped.error().message.contains(QLatin1String("\"version\"")));

    item = toPulledItem(threshold());
    item.insert(QLatin1String("min"), 1.5);
    EXPECT_FALSE(fromPulledItem<ThresholdRecord>(item));

    item = toPulledItem(conflict());
    item.insert(QLatin1String("mine"), QCborArray{1});
    EXPECT_FALSE(fromPulledItem<ConflictRecord>(item));
}

TEST(PulledRecordsTest, NamesItDoesNotKnowAreRefused)
{
    QCborMap item = toPulledItem(user());
    item.insert(QLatin1String("role"), QStringLiteral("owner"));
    EXPECT_FALSE(fromPulledItem<UserRecord>(item));

    item = toPulledItem(bin());
    item.insert(QLatin1String("type"), QStringLiteral("shelf"));
    EXPECT_FALSE(fromPulledItem<LocationRecord>(item));

    item = toPulledItem(product());
    item.insert(QLatin1String("barcodes"),
                QCborArray{QCborArray{QStringLiteral("1"), QStringLiteral("qr")}});
    EXPECT_FALSE(fromPulledItem<ProductRecord>(item));
    item.insert(QLatin1String("barcodes"), QCborArray{QStringLiteral("4006381333931")});
    EXPECT_FALSE(fromPulledItem<ProductRecord>(item));
}

TEST(PulledRecordsTest, AMegabyteFieldIsCarriedWhole)
{
    // The frame limit bounds a page; within it a record's text is not cut.
    ProductRecord big = product();
    big.name = QString(1 << 20, QLatin1Char('x'));
    expectRoundTrip(big);
}

} // namespace
} // namespace Stockroom::Sync
