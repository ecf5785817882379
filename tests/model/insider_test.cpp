// What someone with a workstation's database key can do to its file with the standard
// sqlcipher tool, and what verify says about it afterwards. Each insider here also
// rewrites the hash chain and rebuilds the sums, as the attack on the hash chain alone
// did (docs/security.md); what gives them away is what points into the ledger.

#include "tests/support/insider.h"
#include "tests/support/stockfixture.h"

#include "model/ledger/ledgerverifier.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Stockroom {
namespace {

class InsiderTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        // A workstation that syncs: every movement is queued in the outbox too.
        ASSERT_TRUE(
            db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
    }

    void run(const QString &sql)
    {
        QSqlQuery query(db->connection());
        ASSERT_TRUE(query.exec(sql)) << query.lastError().text().toStdString();
    }

    // The insider's tools: any change with the guards off, the hash chain recomputed
    // from the start, and every projection rebuilt from what the ledger then says.
    void tamper(const QString &sql)
    {
        ASSERT_TRUE(Stockroom::Test::tamper(*db, {sql}));
        ASSERT_TRUE(Stockroom::Test::rechainLedger(*db));
        ASSERT_TRUE(ledger->repair());
    }

    QList<VerifyIssue::Kind> kinds()
    {
        auto report = ledger->verify();
        EXPECT_TRUE(report);
        QList<VerifyIssue::Kind> found;
        for (const VerifyIssue &issue : report->issues)
            found.append(issue.kind);
        return found;
    }

    PostedMovement receive(const Actor &actor, qint64 quantity)
    {
        return post(actor, ReceiveStock{widget.id, binA.id, {}, {}, quantity, {}, {}});
    }
};

using Kind = VerifyIssue::Kind;

TEST_F(InsiderTest, NormalWorkIsClean)
{
    receive(clerk, 5);
    post(manager, AdjustStock{widget.id, binA.id, {}, -2, QStringLiteral("damaged"), {}});
    receive(clerk, 1);
    EXPECT_TRUE(kinds().isEmpty());
}

TEST_F(InsiderTest, AMovementDeletedFromTheMiddleLeavesAGapInTheDevicesNumbers)
{
    receive(clerk, 5);
    const PostedMovement deleted = receive(clerk, 7);
    receive(clerk, 1);
    tamper(QStringLiteral("DELETE FROM movements WHERE id = '%1'").arg(deleted.id));
    EXPECT_EQ(quantity(widget.id, binA.id), 6);
    const auto found = kinds();
    EXPECT_TRUE(found.contains(Kind::SequenceGap));
    EXPECT_TRUE(found.contains(Kind::MissingMovement)); // its queued operation
    EXPECT_FALSE(found.contains(Kind::HashMismatch));   // the chain was recomputed
}

TEST_F(InsiderTest, TheNewestMovementDeletedIsMissedByItsQueuedOperation)
{
    receive(clerk, 5);
    const PostedMovement deleted = receive(clerk, 7);
    tamper(QStringLiteral("DELETE FROM movements WHERE id = '%1'").arg(deleted.id));
    EXPECT_EQ(kinds(), QList<Kind>{Kind::MissingMovement});
}

TEST_F(InsiderTest, AManagersAdjustmentMovedOntoAClerkIsNamed)
{
    receive(clerk, 5);
    const PostedMovement adjusted
        = post(manager, AdjustStock{widget.id, binA.id, {}, -2, QStringLiteral("damaged"), {}});
    receive(clerk, 1);
    tamper(QStringLiteral("UPDATE movements SET user_id = %1 WHERE id = '%2'")
               .arg(clerk.userId)
               .arg(adjusted.id));
    EXPECT_EQ(kinds(), QList<Kind>{Kind::WrongUser});
}

TEST_F(InsiderTest, AStockRowWhoseLastLineIsGoneIsNamedEvenWithItsSumsFixed)
{
    receive(clerk, 5);
    const PostedMovement deleted = receive(clerk, 7);
    ASSERT_TRUE(Stockroom::Test::tamper(*db,
                                        {QStringLiteral("DELETE FROM movements WHERE id = '%1'")
                                             .arg(deleted.id)}));
    run(QStringLiteral("DELETE FROM outbox WHERE ref = '%1'").arg(deleted.id));
    // Quantity, version and every total fixed by hand, the last line's mark left.
    run(QStringLiteral("UPDATE stock SET quantity = 5, version = 1"));
    run(QStringLiteral("UPDATE stock_totals SET quantity = 5"));
    run(QStringLiteral("UPDATE daily_movements SET quantity_in = 5, lines = 1"));
    EXPECT_EQ(kinds(), QList<Kind>{Kind::MissingMovement});
}

TEST_F(InsiderTest, AQueuedOperationDeletedFromTheMiddleLeavesAGap)
{
    receive(clerk, 5);
    const PostedMovement unqueued = receive(clerk, 7);
    receive(clerk, 1);
    run(QStringLiteral("DELETE FROM outbox WHERE ref = '%1'").arg(unqueued.id));
    EXPECT_EQ(kinds(), QList<Kind>{Kind::SequenceGap});
}

} // namespace
} // namespace Stockroom
