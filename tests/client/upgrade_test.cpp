// Upgrades: databases made by an earlier release (tests/data/release-<version>/, made by its
// make-fixture.sh) open and sync with this one, and a workstation of that release sends
// exactly the bytes it sent then. Each release that changes the schema or the protocol adds
// its own folder, and these tests run on every one of them.

#include "tests/support/sync/syncharness.h"

#include "sync/client/clientstore.h"

#include <QDir>
#include <QFile>

namespace Stockroom::Test {
namespace {

// The databases of release 0.1.0, copied into a temporary folder so that a test may change
// them.
class ReleaseFixtureTest : public testing::TestWithParam<const char *>
{
protected:
    void SetUp() override
    {
        if (TestBackend::postgres())
            GTEST_SKIP() << "The fixtures are the embedded store's files.";
        source.setPath(QStringLiteral(STOCKROOM_TEST_DATA_DIR "/")
                       + QString::fromLatin1(GetParam()));
        ASSERT_TRUE(source.exists()) << qPrintable(source.path());
        for (const char *name : {"server.db", "workstation.db"}) {
            const QString file = QString::fromLatin1(name);
            ASSERT_TRUE(QFile::copy(source.filePath(file), dir.filePath(file)));
            QFile::setPermissions(dir.filePath(file),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }

    QByteArray fixtureBytes(const QString &name) const
    {
        QFile file(source.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    QDir source;
    QTemporaryDir dir;
};

TEST_P(ReleaseFixtureTest, BothDatabasesOpenAndVerify)
{
    for (const char *name : {"server.db", "workstation.db"}) {
        auto db = openDatabase(dir.filePath(QString::fromLatin1(name)));
        ASSERT_TRUE(db) << name;
        auto report = StockLedger(*db).verify();
        ASSERT_TRUE(report) << name;
        EXPECT_TRUE(report->isClean()) << name;
    }
}

TEST_P(ReleaseFixtureTest, TheWorkstationEncodesItsOperationsByteForByteAsTheReleaseDid)
{
    const QByteArray released = fixtureBytes(QStringLiteral("pending-push.cbor"));
    ASSERT_FALSE(released.isEmpty());
    Workstation ws(dir.filePath(QStringLiteral("workstation.db")));
    Sync::ClientStore store(ws.db(), ws.ledger(), ws.clock());
    auto encoded = store.encodedOperations(0, 2000, std::numeric_limits<qsizetype>::max());
    ASSERT_TRUE(encoded);
    EXPECT_EQ(encoded->count, 5);
    EXPECT_EQ(encoded->cbor, released);
}

TEST_P(ReleaseFixtureTest, ItsPendingWorkReachesTheNewServerAndBothAgree)
{
    ServerProcess server(dir.filePath(QStringLiteral("server.db")));
    ASSERT_TRUE(server.start());
    QStringList before;
    {
        Workstation ws(dir.filePath(QStringLiteral("workstation.db")));
        EXPECT_EQ(ws.pending(), 4); // recorded offline after its last sync
        before = stockRows(ws.db());
        ASSERT_TRUE(ws.sync(server.url())) << qPrintable(ws.lastError());
        EXPECT_EQ(ws.pending(), 0);
        EXPECT_EQ(stockRows(ws.db()), before) << "the server took every movement as it was";
    }
    EXPECT_EQ(server.terminate(), 0) << server.log().toStdString();

    auto serverDb = openDatabase(dir.filePath(QStringLiteral("server.db")));
    auto workstationDb = openDatabase(dir.filePath(QStringLiteral("workstation.db")));
    EXPECT_EQ(stockRows(*serverDb), before);
    EXPECT_EQ(ledgerRows(*serverDb), ledgerRows(*workstationDb));
    const QStringList references = [&] {
        QStringList found;
        auto q = serverDb->run(QStringLiteral(
            "SELECT DISTINCT reference FROM movements WHERE reference LIKE 'FIXTURE-%' "
            "ORDER BY 1"));
        while (q && (*q)->next())
            found.append((*q)->value(0).toString());
        return found;
    }();
    EXPECT_EQ(references,
              (QStringList{QStringLiteral("FIXTURE-PENDING-1"),
                           QStringLiteral("FIXTURE-PENDING-2"),
                           QStringLiteral("FIXTURE-PENDING-3"),
                           QStringLiteral("FIXTURE-SYNCED")}));
    for (Database *db : {serverDb.get(), workstationDb.get()}) {
        auto report = StockLedger(*db).verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->isClean());
    }
}

INSTANTIATE_TEST_SUITE_P(Releases, ReleaseFixtureTest, testing::Values("release-0.1.0"));

} // namespace
} // namespace Stockroom::Test
