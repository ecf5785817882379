// HistoryAnchor: the server's record of where each device's history chain stands, and the
// pushes and hellos it refuses because they do not lead there.

#include "sync/protocol/historychain.h"
#include "sync/server/historyanchor.h"

#include <gmock/gmock.h>

namespace Stockroom::Sync {
namespace {

QCborMap op(qint64 seq, qint64 delta = 1)
{
    return {{key("seq"), seq},
            {key("kind"), QStringLiteral("movement")},
            {key("base"), QByteArray()},
            {key("user"), QStringLiteral("user-1")},
            {key("body"), QCborMap{{key("delta"), delta}}}};
}

// A device's operations 1..count and the links after each (links[0] is the start).
struct History
{
    QList<QCborMap> ops;
    QList<QByteArray> links{HistoryChain::start()};

    explicit History(qint64 count)
    {
        for (qint64 seq = 1; seq <= count; ++seq) {
            ops.append(op(seq));
            links.append(HistoryChain::next(links.last(), ops.last()));
        }
    }

    // Operations first..last as a push sends them, and its chain.
    QCborArray push(qint64 first, qint64 last) const
    {
        QCborArray out;
        for (qint64 seq = first; seq <= last; ++seq)
            out.append(ops.at(seq - 1));
        return out;
    }
    QCborMap chain(qint64 first, qint64 last) const
    {
        return {{key("prev"), links.at(first - 1)}, {key("head"), links.at(last)}};
    }
};

TEST(HistoryAnchorTest, ADevicesFirstPushesAreRecordedFromTheStart)
{
    const History history(5);
    auto anchor = HistoryAnchor{}.follow(0, history.push(1, 3), history.chain(1, 3));
    ASSERT_TRUE(anchor) << anchor.error().message.toStdString();
    EXPECT_EQ(anchor->seq, 3);
    EXPECT_EQ(anchor->link, history.links.at(3));
    auto next = anchor->follow(3, history.push(4, 5), history.chain(4, 5));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->seq, 5);
    EXPECT_EQ(next->link, history.links.at(5));
}

TEST(HistoryAnchorTest, AFirstPushThatDoesNotStartAtTheStartIsRefused)
{
    const History history(3);
    QCborMap chain = history.chain(1, 3);
    chain.insert(key("prev"), history.links.at(1)); // as if something came before
    auto anchor = HistoryAnchor{}.follow(0, history.push(1, 3), chain);
    ASSERT_FALSE(anchor);
    EXPECT_EQ(anchor.error().code, QStringLiteral("history-diverged"));
}

TEST(HistoryAnchorTest, AHistoryChangedBeforeTheRecordedLinkIsRefused)
{
    const History history(5);
    const HistoryAnchor recorded{3, history.links.at(3)};
    // The device changed operation 2 after the server took it, and computed its links again.
    History changed(5);
    changed.ops[1] = op(2, 1000);
    changed.links.clear();
    changed.links.append(HistoryChain::start());
    for (const QCborMap &each : std::as_const(changed.ops))
        changed.links.append(HistoryChain::next(changed.links.last(), each));
    auto refused = recorded.follow(3, changed.push(4, 5), changed.chain(4, 5));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, QStringLiteral("history-diverged"));
    EXPECT_TRUE(refused.error().fatal);
    EXPECT_THAT(refused.error().message.toStdString(), testing::HasSubstr("operation 3"));
    // Sending again from operation 2 passes the record with another link: refused too.
    EXPECT_FALSE(recorded.follow(3, changed.push(2, 5), changed.chain(2, 5)));
    // The true history passes, also when it sends the record's operations again.
    EXPECT_TRUE(recorded.follow(3, history.push(4, 5), history.chain(4, 5)));
    auto again = recorded.follow(3, history.push(2, 5), history.chain(2, 5));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->seq, 5);
}

TEST(HistoryAnchorTest, APushWhoseHeadIsNotItsOperationsIsRefused)
{
    const History history(3);
    QCborMap chain = history.chain(1, 3);
    chain.insert(key("head"), history.links.at(2));
    auto refused = HistoryAnchor{}.follow(0, history.push(1, 3), chain);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, QStringLiteral("history-diverged"));
}

TEST(HistoryAnchorTest, OnlyReplaysLeaveTheRecordWhereItWas)
{
    const History history(5);
    const HistoryAnchor recorded{5, history.links.at(5)};
    auto replayed = recorded.follow(5, history.push(2, 4), history.chain(2, 4));
    ASSERT_TRUE(replayed);
    EXPECT_EQ(replayed->seq, 5);
    EXPECT_EQ(replayed->link, history.links.at(5));
}

TEST(HistoryAnchorTest, ADeviceThatPushedBeforeChainsStartsItsRecordWithItsFirstChain)
{
    // Operations 1 to 3 came from a release without chains; the server has no link for them.
    const History history(5);
    auto anchor = HistoryAnchor{}.follow(3, history.push(4, 5), history.chain(4, 5));
    ASSERT_TRUE(anchor);
    EXPECT_EQ(anchor->seq, 5);
    EXPECT_EQ(anchor->link, history.links.at(5));
    // A push without a chain keeps an unrecorded device unrecorded...
    auto older = HistoryAnchor{}.follow(3, history.push(4, 5), {});
    ASSERT_TRUE(older);
    EXPECT_FALSE(older->isRecorded());
    // ...and is refused from a device that sent one before.
    auto dropped = anchor->follow(5, QCborArray{op(6)}, {});
    ASSERT_FALSE(dropped);
    EXPECT_EQ(dropped.error().code, QStringLiteral("history-diverged"));
}

TEST(HistoryAnchorTest, AChainOfTheWrongShapeIsMalformed)
{
    const History history(1);
    for (const QCborMap &chain :
         {QCborMap{{key("prev"), history.links.at(0)}},
          QCborMap{{key("prev"), QByteArray(31, 'x')}, {key("head"), history.links.at(1)}},
          QCborMap{{key("prev"), QStringLiteral("text")}, {key("head"), history.links.at(1)}},
          QCborMap{{key("prev"), history.links.at(0)}, {key("head"), QByteArray(33, 'x')}}}) {
        auto refused = HistoryAnchor{}.follow(0, history.push(1, 1), chain);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, QStringLiteral("malformed"));
    }
}

TEST(HistoryAnchorTest, HelloIsRefusedWhenItsLinkAtTheRecordedOperationDiffers)
{
    const History history(5);
    const HistoryAnchor recorded{3, history.links.at(3)};
    const auto hello = [](qint64 seq, const QByteArray &link) {
        return QCborMap{{key("seq"), seq}, {key("link"), link}};
    };
    EXPECT_FALSE(recorded.checkHello({}));
    EXPECT_FALSE(recorded.checkHello(hello(3, history.links.at(3))));
    // Behind (its last answer was lost) or ahead (the server was restored): not here.
    EXPECT_FALSE(recorded.checkHello(hello(2, history.links.at(1))));
    EXPECT_FALSE(recorded.checkHello(hello(4, history.links.at(1))));
    auto refused = recorded.checkHello(hello(3, history.links.at(2)));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->code, QStringLiteral("history-diverged"));
    auto malformed = recorded.checkHello(hello(3, QByteArray(5, 'x')));
    ASSERT_TRUE(malformed);
    EXPECT_EQ(malformed->code, QStringLiteral("malformed"));
    // A device with nothing recorded is not checked.
    EXPECT_FALSE(HistoryAnchor{}.checkHello(hello(3, history.links.at(2))));
}

} // namespace
} // namespace Stockroom::Sync
