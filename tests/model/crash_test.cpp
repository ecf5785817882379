// A process killed in the middle of a transaction loses nothing it committed.

#include "tests/support/stockfixture.h"

#include <QElapsedTimer>
#include <QProcess>

#include <csignal>

namespace Stockroom {
namespace {

class CrashTest : public Stockroom::Test::StockFixture
{
protected:
    // Starts the helper writer on this test's database and waits for its first report.
    void startWriter(QProcess &writer, qint64 locationId, int committed, const char *mode)
    {
        writer.start(QStringLiteral(STOCKROOM_CRASHWRITER),
                     {temp.path(),
                      QString::fromLatin1(Stockroom::Test::TempDatabase::passphrase),
                      QString::number(widget.id),
                      QString::number(locationId),
                      QString::number(committed),
                      QString::fromLatin1(mode)});
        ASSERT_TRUE(writer.waitForStarted(10000));
        ASSERT_TRUE(writer.waitForReadyRead(60000)) << writer.readAllStandardError().toStdString();
    }
};

TEST_F(CrashTest, KilledMidTransactionKeepsEverythingCommitted)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});

    QProcess writer;
    ASSERT_NO_FATAL_FAILURE(startWriter(writer, binA.id, 40, "crash"));
    ASSERT_EQ(writer.readLine().trimmed(), QByteArray("in-transaction"));
    ::kill(pid_t(writer.processId()), SIGKILL);
    ASSERT_TRUE(writer.waitForFinished(10000));
    EXPECT_EQ(writer.exitStatus(), QProcess::CrashExit);

    TearDown();
    auto reopened = Database::open(temp.path(),
                                   QString::fromLatin1(Stockroom::Test::TempDatabase::passphrase));
    ASSERT_TRUE(reopened) << reopened.error().message.toStdString();
    StockLedger ledgerAfter(**reopened);
    auto level = ledgerAfter.stockLevel(widget.id, binA.id, 0);
    ASSERT_TRUE(level);
    EXPECT_EQ(level->quantity, 5 + 40); // the 40 committed receipts, none of the 500 uncommitted
    auto report = ledgerAfter.verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->movementsChecked, 41);
}

TEST_F(CrashTest, VerifyReadsOneSnapshotWhileAnotherProcessWrites)
{
    post(ReceiveStock{widget.id, binA.id, {}, {}, 5, {}, {}});
    QProcess writer;
    ASSERT_NO_FATAL_FAILURE(startWriter(writer, binB.id, 200, "forever"));

    // Verify until the ledger has been seen growing between checks several times, so that
    // checks really ran while the other process wrote; bounded in rounds and in time.
    constexpr int wantedGrowths = 5;
    QElapsedTimer elapsed;
    elapsed.start();
    qint64 lastChecked = 0;
    int growths = 0;
    for (int round = 0; round < 2000 && growths < wantedGrowths && elapsed.elapsed() < 30000;
         ++round) {
        auto report = ledger->verify();
        ASSERT_TRUE(report) << report.error().message.toStdString();
        ASSERT_TRUE(report->isClean())
            << "round " << round << ": " << report->issues.first().where.toStdString();
        EXPECT_GE(report->movementsChecked, lastChecked);
        if (lastChecked > 0 && report->movementsChecked > lastChecked)
            ++growths;
        lastChecked = report->movementsChecked;
    }
    ::kill(pid_t(writer.processId()), SIGKILL);
    ASSERT_TRUE(writer.waitForFinished(10000));
    EXPECT_EQ(growths, wantedGrowths) << "the writer should have been writing during the checks";
}

} // namespace
} // namespace Stockroom
