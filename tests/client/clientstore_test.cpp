// ClientStore: the outbox read and encoded as a push sends it; the server's answers,
// counted once and kept as the operations' state.

#include "sync/client/clientstore.h"
#include "sync/protocol/historychain.h"

#include "tests/support/printers.h"
#include "tests/support/sync/syncharness.h"

#include <QCborMap>
#include <QSqlQuery>

#include <gmock/gmock.h>

namespace Stockroom::Sync {
namespace {

class ClientStoreTest : public Stockroom::Test::JoinedStockFixture
{
protected:
    void SetUp() override
    {
        JoinedStockFixture::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        for (int i = 0; i < 6; ++i)
            post(ReceiveStock{widget.id, binA.id, {}, {}, 1 + i, {}, {}});
        store = std::make_unique<ClientStore>(*db, *ledger, clock);
    }

    static QCborMap answer(qint64 seq, const QString &outcome, const QCborMap &more = {})
    {
        QCborMap result = more;
        result.insert(key("seq"), seq);
        result.insert(key("outcome"), outcome);
        return result;
    }

    std::vector<std::string> states()
    {
        QSqlQuery query(db->connection());
        EXPECT_TRUE(query.exec(QStringLiteral("SELECT state FROM outbox ORDER BY seq")));
        std::vector<std::string> all;
        while (query.next())
            all.push_back(query.value(0).toString().toStdString());
        return all;
    }

    std::unique_ptr<ClientStore> store;
};

TEST_F(ClientStoreTest, RunsOfAppliedAnswersAndTheOthersAreEachCountedOnce)
{
    const QCborArray answers{answer(1, QStringLiteral("applied")),
                             answer(2, QStringLiteral("applied")),
                             answer(3, QStringLiteral("rebased")),
                             answer(4, QStringLiteral("applied")),
                             answer(5, QStringLiteral("applied"), {{key("replayed"), true}})};
    auto recorded = store->record(answers);
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded->applied, 5);
    EXPECT_EQ(recorded->rejected, 0);
    EXPECT_THAT(states(),
                testing::ElementsAre("applied",
                                     "applied",
                                     "rebased",
                                     "applied",
                                     "applied",
                                     "pending"));

    // The same answers again (a replay after a lost answer), and the last operation's:
    // only the new one counts.
    QCborArray again = answers;
    again.append(answer(6, QStringLiteral("applied")));
    recorded = store->record(again);
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded->applied, 1);
    EXPECT_EQ(store->pendingCount().value_or(-1), 0);
}

TEST_F(ClientStoreTest, AnAnswerOutOfOrderInARunIsRecordedForItsOwnOperation)
{
    // 1, 2 and then 5: a run ends where the numbers stop following each other.
    auto recorded = store->record({answer(1, QStringLiteral("applied")),
                                   answer(2, QStringLiteral("applied")),
                                   answer(5, QStringLiteral("applied"))});
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded->applied, 3);
    EXPECT_THAT(states(),
                testing::ElementsAre("applied",
                                     "applied",
                                     "pending",
                                     "pending",
                                     "applied",
                                     "pending"));
}

TEST_F(ClientStoreTest, OperationsAreEncodedAsAPushSendsThemAndCutAtTheBudget)
{
    constexpr qsizetype unlimited = std::numeric_limits<qsizetype>::max();
    auto all = store->encodedOperations(0, 100, unlimited);
    ASSERT_TRUE(all) << all.error().message.toStdString();
    EXPECT_EQ(all->count, 6);
    EXPECT_EQ(all->firstSeq, 1);
    EXPECT_EQ(all->lastSeq, 6);
    const QCborArray ops = decodeOperations(*all);
    ASSERT_EQ(ops.size(), 6);
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QCborMap op = ops.at(i).toMap();
        EXPECT_EQ(op.value(key("seq")).toInteger(), i + 1);
        EXPECT_EQ(op.value(key("kind")).toString(), QStringLiteral("movement"));
        EXPECT_TRUE(op.value(key("base")).isByteArray());
        EXPECT_FALSE(op.value(key("user")).toString().isEmpty());
        const QCborMap body = op.value(key("body")).toMap();
        EXPECT_EQ(body.value(key("type")).toString(), QStringLiteral("receipt"));
        EXPECT_FALSE(body.value(key("id")).toString().isEmpty());
        EXPECT_TRUE(body.value(key("deviceSeq")).isInteger());
        const QCborArray lines = body.value(key("legs")).toArray();
        ASSERT_EQ(lines.size(), 1);
        const QCborMap line = lines.at(0).toMap();
        EXPECT_EQ(line.value(key("product")).toString(), widget.uuid);
        EXPECT_EQ(line.value(key("location")).toString(), binA.uuid);
        EXPECT_EQ(line.value(key("delta")).toInteger(), i + 1);
        EXPECT_FALSE(line.contains(key("lot")));
        EXPECT_FALSE(line.contains(key("counted")));
    }
    EXPECT_EQ(store->operations(0, 100).value_or(QCborArray()), ops);
    // The history chain over them, as the server computes it from the maps it decodes.
    QList<QByteArray> links{HistoryChain::start()};
    for (const QCborValue &op : ops)
        links.append(HistoryChain::next(links.last(), op.toMap()));
    EXPECT_EQ(all->prev, links.first());
    EXPECT_EQ(all->head, links.last());
    EXPECT_EQ(pushMessage(7, *all),
              encode({{key("t"), QStringLiteral("push")},
                      {key("id"), 7},
                      {key("chain"),
                       QCborMap{{key("prev"), links.first()}, {key("head"), links.last()}}},
                      {key("ops"), ops}}));

    // One byte short of all six: the first five, as they were.
    auto five = store->encodedOperations(0, 100, all->cbor.size() - 1);
    ASSERT_TRUE(five);
    EXPECT_EQ(five->count, 5);
    EXPECT_EQ(five->lastSeq, 5);
    EXPECT_TRUE(all->cbor.startsWith(five->cbor));
    QCborArray firstFive = ops;
    firstFive.removeLast();
    EXPECT_EQ(decodeOperations(*five), firstFive);
    EXPECT_EQ(five->head, links.at(5));

    // No room at all: the first still comes, for the caller to say it does not fit.
    auto first = store->encodedOperations(2, 100, 1);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->count, 1);
    EXPECT_EQ(first->firstSeq, 3);
    EXPECT_EQ(decodeOperations(*first).at(0), ops.at(2));
    EXPECT_EQ(first->prev, links.at(2));
    EXPECT_EQ(first->head, links.at(3));
}

} // namespace
} // namespace Stockroom::Sync
