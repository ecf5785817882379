// ClientStore::record: the server's answers, counted once and kept as the operations' state.

#include "sync/clientstore.h"

#include "syncharness.h"
#include "tests/support/printers.h"

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
        store = std::make_unique<ClientStore>(*db, *ledger);
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

} // namespace
} // namespace Stockroom::Sync
