// MovementMessage: the one encoder and decoder of a movement on the wire.

#include "sync/protocol/movementmessage.h"

#include "model/domain/limits.h"
#include "tests/support/printers.h"

#include <QCborArray>
#include <QCborStreamWriter>

#include <gmock/gmock.h>

namespace Stockroom::Sync {
namespace {

using Form = MovementMessage::Form;

MovementMessage receipt()
{
    MovementMessage m;
    m.id = QStringLiteral("01a24e75-e0af-7fc5-8e5f-c0f67bfe1182");
    m.type = MovementType::Receipt;
    m.deviceSeq = 7;
    m.at = 1764547200000;
    m.reason = QStringLiteral("delivery");
    m.reference = QStringLiteral("PO-1");
    m.lines = {{0,
                QStringLiteral("p-uuid"),
                QStringLiteral("l-uuid"),
                5,
                QStringLiteral("LOT-1"),
                QStringLiteral("2027-06-30"),
                std::nullopt,
                0}};
    return m;
}

MovementMessage transfer()
{
    MovementMessage m = receipt();
    m.type = MovementType::Transfer;
    m.lines = {{0, QStringLiteral("p"), QStringLiteral("from"), -3, {}, {}, std::nullopt, 0},
               {1, QStringLiteral("p"), QStringLiteral("to"), 3, {}, {}, std::nullopt, 0}};
    return m;
}

MovementMessage count()
{
    MovementMessage m = receipt();
    m.type = MovementType::Count;
    m.lines = {{0, QStringLiteral("p"), QStringLiteral("bin"), -2, {}, {}, 8, 10}};
    return m;
}

// What a pushed body loses on the wire, and a pulled item gains.
MovementMessage asPushed(MovementMessage m)
{
    m.device.clear();
    m.user.clear();
    for (auto &line : m.lines)
        line.index = 0;
    return m;
}

MovementMessage asPulled(MovementMessage m)
{
    m.reservation = false;
    for (auto &line : m.lines)
        line.expected = 0; // a pulled count carries what was counted, not against what
    return m;
}

QByteArray streamed(const MovementMessage &m, Form form)
{
    QByteArray bytes;
    QCborStreamWriter writer(&bytes);
    m.write(writer, form);
    return bytes;
}

TEST(MovementMessageTest, EveryTypeRoundTripsInBothForms)
{
    QList<MovementMessage> all;
    for (MovementType type :
         {MovementType::Receipt, MovementType::Issue, MovementType::Adjustment}) {
        MovementMessage m = receipt();
        m.type = type;
        m.lines.first().delta = type == MovementType::Receipt ? 5 : -5;
        all.append(m);
    }
    all.append(transfer());
    all.append(count());
    MovementMessage reserved = receipt();
    reserved.type = MovementType::Issue;
    reserved.lines.first().delta = -5;
    reserved.reservation = true;
    all.append(reserved);

    for (MovementMessage m : std::as_const(all)) {
        m.device = QStringLiteral("device-1");
        m.user = QStringLiteral("user-1");
        for (qsizetype i = 0; i < m.lines.size(); ++i)
            m.lines[i].index = i;
        for (Form form : {Form::Pushed, Form::Pulled}) {
            const MovementMessage expected = form == Form::Pushed ? asPushed(m) : asPulled(m);
            const QCborMap map = m.toCbor(form);
            // The stream and the map are one encoding.
            EXPECT_EQ(streamed(m, form), QCborValue(map).toCbor()) << qPrintable(m.id);
            auto decoded = MovementMessage::fromCbor(map, form);
            ASSERT_TRUE(decoded) << qPrintable(decoded.error().message);
            EXPECT_EQ(*decoded, expected) << qPrintable(toString(m.type));
        }
    }
}

TEST(MovementMessageTest, APushedBodyHasTheKeysOfRelease010InTheirOrder)
{
    QStringList keys;
    const QCborMap body = count().toCbor(Form::Pushed);
    for (auto it = body.cbegin(); it != body.cend(); ++it)
        keys.append(it.key().toString());
    EXPECT_EQ(keys.join(u','), QStringLiteral("id,type,deviceSeq,at,reason,reference,legs"));
    QStringList lineKeys;
    const QCborMap line = body.value(key("legs")).toArray().first().toMap();
    for (auto it = line.cbegin(); it != line.cend(); ++it)
        lineKeys.append(it.key().toString());
    EXPECT_EQ(lineKeys.join(u','), QStringLiteral("product,location,delta,counted,expected"));
}

TEST(MovementMessageTest, APulledItemHasTheKeysOfRelease010InTheirOrder)
{
    MovementMessage m = receipt();
    m.device = QStringLiteral("d");
    m.user = QStringLiteral("u");
    QStringList keys;
    const QCborMap item = m.toCbor(Form::Pulled);
    for (auto it = item.cbegin(); it != item.cend(); ++it)
        keys.append(it.key().toString());
    EXPECT_EQ(keys.join(u','),
              QStringLiteral("kind,id,type,device,deviceSeq,at,reason,reference,user,legs"));
    QStringList lineKeys;
    const QCborMap line = item.value(key("legs")).toArray().first().toMap();
    for (auto it = line.cbegin(); it != line.cend(); ++it)
        lineKeys.append(it.key().toString());
    EXPECT_EQ(lineKeys.join(u','), QStringLiteral("leg,delta,counted,product,location,lot,expiry"));
    EXPECT_TRUE(line.value(key("counted")).isNull());
}

TEST(MovementMessageTest, WhatNoMovementCanBeIsInvalid)
{
    const QCborMap good = receipt().toCbor(Form::Pushed);
    const auto refused = [](const QCborMap &map) {
        auto decoded = MovementMessage::fromCbor(map, Form::Pushed);
        return decoded ? QString() : decoded.error().code + u':' + decoded.error().message;
    };
    ASSERT_EQ(refused(good), QString());

    QCborMap noId = good;
    noId.remove(key("id"));
    QCborMap badType = good;
    badType.insert(key("type"), QStringLiteral("teleport"));
    QCborMap noSeq = good;
    noSeq.insert(key("deviceSeq"), QStringLiteral("7"));
    QCborMap noLines = good;
    noLines.insert(key("legs"), QCborArray());
    QCborMap threeLines = transfer().toCbor(Form::Pushed);
    QCborArray three = threeLines.value(key("legs")).toArray();
    three.append(three.first());
    threeLines.insert(key("legs"), three);
    const QString needs = QStringLiteral(
        "invalid:A movement needs an id, a type, its device sequence and one or two lines.");
    for (const QCborMap &map : {noId, badType, noSeq, noLines, threeLines})
        EXPECT_EQ(refused(map), needs);

    QCborMap oneLineTransfer = good;
    oneLineTransfer.insert(key("type"), QStringLiteral("transfer"));
    QCborMap twoLineReceipt = transfer().toCbor(Form::Pushed);
    twoLineReceipt.insert(key("type"), QStringLiteral("receipt"));
    for (const QCborMap &map : {oneLineTransfer, twoLineReceipt}) {
        EXPECT_EQ(refused(map),
                  QStringLiteral("invalid:A transfer has two lines; other movements have one."));
    }

    QCborMap textDelta = good;
    QCborArray lines = textDelta.value(key("legs")).toArray();
    QCborMap line = lines.first().toMap();
    line.insert(key("delta"), 2.5);
    lines[0] = line;
    textDelta.insert(key("legs"), lines);
    EXPECT_EQ(refused(textDelta), QStringLiteral("invalid:Every line needs a whole-number delta."));
}

TEST(MovementMessageTest, APushedMovementKeepsTheModelsLimitsAtAndPastEachOne)
{
    const auto pushed = [](const MovementMessage &m) {
        return MovementMessage::fromCbor(m.toCbor(Form::Pushed), Form::Pushed);
    };
    MovementMessage atLimits = receipt();
    atLimits.reason = QString(Limits::reason, QChar(0xC7AC));
    atLimits.reference = QString(Limits::reference, QLatin1Char('r'));
    atLimits.reason[3] = QLatin1Char('\n'); // free text may break lines and hold tabs
    atLimits.reference[5] = QLatin1Char('\t');
    atLimits.lines[0].lot = QString(Limits::lotCode, QLatin1Char('L'));
    ASSERT_TRUE(pushed(atLimits)) << pushed(atLimits).error().message.toStdString();

    const auto refusal = [&](const std::function<void(MovementMessage &)> &change) {
        MovementMessage m = atLimits;
        change(m);
        auto decoded = pushed(m);
        return decoded ? std::string("accepted")
                       : (decoded.error().code + u':' + decoded.error().message).toStdString();
    };
    using testing::HasSubstr;
    EXPECT_THAT(refusal([](MovementMessage &m) { m.reason.append(u'x'); }),
                HasSubstr("invalid:The reason is longer than 500 characters."));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.reference.append(u'x'); }),
                HasSubstr("invalid:The reference is longer than 200 characters."));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.reference = QString(1024 * 1024, u'r'); }),
                HasSubstr("invalid:The reference is longer than 200 characters."));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.lines[0].lot.append(u'L'); }),
                HasSubstr("invalid:The lot code is longer than 64 characters."));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.reference[0] = QChar(0); }),
                HasSubstr("control character"));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.lines[0].lot = QStringLiteral("L\t1"); }),
                HasSubstr("control character"));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.id = QString(Limits::id + 1, u'a'); }),
                HasSubstr("invalid:A movement's id is longer than 64 characters."));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.lines[0].product = QString(65, u'p'); }),
                HasSubstr("invalid:A line's product is longer"));
    EXPECT_THAT(refusal([](MovementMessage &m) { m.lines[0].expiry = QString(11, u'2'); }),
                HasSubstr("invalid:A lot's expiry is longer"));
}

TEST(MovementMessageTest, APushedMovementsDeltasHaveTheSignAndSizeOfItsType)
{
    const auto refused = [](MovementType type, QList<qint64> deltas) {
        MovementMessage m = type == MovementType::Transfer ? transfer() : receipt();
        m.type = type;
        for (qsizetype i = 0; i < deltas.size(); ++i)
            m.lines[i].delta = deltas.at(i);
        auto decoded = MovementMessage::fromCbor(m.toCbor(Form::Pushed), Form::Pushed);
        return !decoded && decoded.error().code == QLatin1String("invalid");
    };
    constexpr qint64 q = Limits::quantity;
    constexpr qint64 huge = qint64(1) << 62;
    EXPECT_FALSE(refused(MovementType::Receipt, {q}));
    EXPECT_TRUE(refused(MovementType::Receipt, {q + 1}));
    EXPECT_TRUE(refused(MovementType::Receipt, {huge}));
    EXPECT_TRUE(refused(MovementType::Receipt, {-1}));
    EXPECT_TRUE(refused(MovementType::Receipt, {0}));
    EXPECT_FALSE(refused(MovementType::Issue, {-q}));
    EXPECT_TRUE(refused(MovementType::Issue, {-q - 1}));
    EXPECT_TRUE(refused(MovementType::Issue, {5}));
    EXPECT_FALSE(refused(MovementType::Transfer, {-q, q}));
    EXPECT_FALSE(refused(MovementType::Transfer, {3, -3}));
    EXPECT_TRUE(refused(MovementType::Transfer, {-3, 4}));
    EXPECT_TRUE(refused(MovementType::Transfer, {-huge, huge}));
    EXPECT_TRUE(refused(MovementType::Transfer, {0, 0}));
    EXPECT_FALSE(refused(MovementType::Adjustment, {-q}));
    EXPECT_TRUE(refused(MovementType::Adjustment, {q + 1}));
    EXPECT_TRUE(refused(MovementType::Adjustment, {0}));
    EXPECT_TRUE(refused(MovementType::Adjustment, {std::numeric_limits<qint64>::min()}));

    MovementMessage counted = count();
    EXPECT_TRUE(MovementMessage::fromCbor(counted.toCbor(Form::Pushed), Form::Pushed));
    counted.lines[0].counted = -1;
    EXPECT_FALSE(MovementMessage::fromCbor(counted.toCbor(Form::Pushed), Form::Pushed));
    counted.lines[0].counted = q + 1;
    EXPECT_FALSE(MovementMessage::fromCbor(counted.toCbor(Form::Pushed), Form::Pushed));
    counted.lines[0].counted = 0;
    counted.lines[0].delta = huge;
    EXPECT_FALSE(MovementMessage::fromCbor(counted.toCbor(Form::Pushed), Form::Pushed));
}

TEST(MovementMessageTest, APulledMovementIsTakenWhateverItsSize)
{
    // What an older server let into its ledger stays there, and must still reach every
    // workstation: the limits are the pusher's, not the puller's.
    MovementMessage old = receipt();
    old.device = QStringLiteral("d-uuid");
    old.user = QStringLiteral("u-uuid");
    old.reference = QString(1024 * 1024, QLatin1Char('r'));
    old.reason = QString(8 * 1024, QLatin1Char('s'));
    auto decoded = MovementMessage::fromCbor(old.toCbor(Form::Pulled), Form::Pulled);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->reference.size(), 1024 * 1024);
}

} // namespace
} // namespace Stockroom::Sync
