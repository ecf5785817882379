// The protocol's messages: a frame decoded or refused, a push written straight from encoded
// operations, and the cursor.

#include "sync/protocol/protocol.h"

#include "model/domain/cbor.h"
#include "tests/support/printers.h"

#include <QCborArray>

#include <gtest/gtest.h>

namespace Stockroom::Sync {
namespace {

QString refusal(const QByteArray &frame, qint64 maxSize = defaultMaxMessage)
{
    auto decoded = decode(frame, maxSize);
    return decoded ? QString() : decoded.error().code + u':' + decoded.error().message;
}

TEST(DecodeTest, AMessageIsOneCborMapWithATypeWithinTheLimit)
{
    const QByteArray hello = encode({{key("t"), QStringLiteral("hello")}, {key("proto"), 1}});
    auto decoded = decode(hello, defaultMaxMessage);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(typeOf(*decoded), QStringLiteral("hello"));

    EXPECT_TRUE(refusal(hello, hello.size()).isEmpty()) << "at the limit";
    EXPECT_EQ(refusal(hello, hello.size() - 1),
              QStringLiteral("too-large:A message of %1 bytes is over the limit of %2 bytes.")
                  .arg(hello.size())
                  .arg(hello.size() - 1));
    EXPECT_TRUE(refusal(QByteArray("\xff\x00", 2)).startsWith(u"malformed:The message is not"));
    EXPECT_EQ(refusal(hello + hello),
              QStringLiteral("malformed:The message has bytes after its end."));
    EXPECT_EQ(refusal(QCborValue(QCborArray{1, 2}).toCbor()),
              QStringLiteral("malformed:A message must be a CBOR map."));
    EXPECT_EQ(refusal(encode({{key("proto"), 1}})),
              QStringLiteral("malformed:A message must have a type (\"t\")."));
    EXPECT_EQ(refusal(encode({{key("t"), 7}})),
              QStringLiteral("malformed:A message must have a type (\"t\")."));
}

TEST(DecodeTest, RequiredKeysOfTheWrongTypeAreMalformed)
{
    const QCborMap message{{key("t"), QStringLiteral("pull")},
                           {key("limit"), QStringLiteral("ten")},
                           {key("cursor"), QByteArray()}};
    EXPECT_FALSE(requireInteger(message, "limit"));
    EXPECT_FALSE(requireText(message, "cursor"));
    EXPECT_FALSE(requireArray(message, "ops"));
    EXPECT_FALSE(requireMap(message, "ops"));
    EXPECT_EQ(requireText(message, "t").value_or(QString()), QStringLiteral("pull"));
}

TEST(PushMessageTest, IsWhatEncodingTheMessageAsAMapMakesForEveryLengthOfArrayHead)
{
    for (const qsizetype count : {0, 1, 23, 24, 255, 256, 65535, 65536}) {
        EncodedOperations ops;
        QCborArray array;
        for (qsizetype i = 0; i < count; ++i) {
            ops.cbor += QCborValue(i).toCbor();
            array.append(i);
        }
        ops.count = count;
        EXPECT_EQ(pushMessage(42, ops),
                  encode({{key("t"), QStringLiteral("push")}, {key("id"), 42}, {key("ops"), array}}))
            << count << " operations";
        EXPECT_EQ(decodeOperations(ops), array) << count << " operations";
    }
}

// A text string of 4 bytes with only 3 present: Qt 6.4.2's QCborValue::fromCbor returns a
// String-typed value for it whose toString() crashes, unless the parser's error is checked
// before the value is touched.
const QByteArray truncatedText = QByteArray::fromHex("644a4a0a");

TEST(ReadCborTest, BytesThatAreNotExactlyOneWholeItemGiveNoValue)
{
    EXPECT_FALSE(readCbor(truncatedText));
    EXPECT_FALSE(readCbor(QByteArray()));
    EXPECT_FALSE(readCbor(QByteArray::fromHex("8201"))); // an array of two, one present
    EXPECT_FALSE(readCbor(QByteArray::fromHex("0101"))); // bytes after the item
    const auto whole = readCbor(QCborValue(QStringLiteral("JJ\n")).toCbor());
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->toString(), QStringLiteral("JJ\n"));
    EXPECT_TRUE(refusal(truncatedText).startsWith(u"malformed:The message is not"));
}

TEST(ReadCborTest, AnIntegerIsReadOnlyFromAnInteger)
{
    // A float of 2^64 converted to qint64 is undefined behaviour in QCborValue::toInteger();
    // found by the protocol fuzz harness.
    EXPECT_EQ(cborInteger(QCborValue(18446744073709551616.0)), 0);
    EXPECT_EQ(cborInteger(QCborValue(2.0)), 0);
    EXPECT_EQ(cborInteger(QCborValue(QStringLiteral("7"))), 0);
    EXPECT_EQ(cborInteger(QCborValue(-7)), -7);
    const auto cursor = Cursor::fromBytes(
        QCborValue(QCborArray{18446744073709551616.0, 1}).toCbor());
    EXPECT_FALSE(cursor);
}

TEST(CursorTest, RoundTripsAndRefusesWhatNoServerMade)
{
    const Cursor cursor{12, 3456789};
    auto back = Cursor::fromBytes(cursor.toBytes());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->master, 12);
    EXPECT_EQ(back->ledger, 3456789);
    auto start = Cursor::fromBytes({});
    ASSERT_TRUE(start);
    EXPECT_EQ(start->master, 0);
    EXPECT_EQ(start->ledger, 0);
    for (const QByteArray &garbage : {QByteArray("junk"),
                                      QCborValue(QCborArray{1}).toCbor(),
                                      QCborValue(QCborArray{1, 2, 3}).toCbor(),
                                      QCborValue(QCborArray{-1, 2}).toCbor(),
                                      QCborValue(QCborArray{QStringLiteral("1"), 2}).toCbor(),
                                      truncatedText,
                                      cursor.toBytes() + '\x01'}) {
        auto refused = Cursor::fromBytes(garbage);
        ASSERT_FALSE(refused) << garbage.toHex().constData();
        EXPECT_EQ(refused.error().code, QStringLiteral("malformed"));
    }
}

} // namespace
} // namespace Stockroom::Sync
