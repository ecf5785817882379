// The server's signed checkpoints: its key kept apart from the database's, the checkpoints
// it signs, and what verify says when someone with the database key alone rewrites or cuts
// the ledger (docs/security.md).

#include "sync/server/signingkey.h"

#include "model/io/keyfile.h"
#include "model/ledger/ledgerverifier.h"
#include "tests/support/insider.h"
#include "tests/support/stockfixture.h"
#include "tests/support/sync/syncharness.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

namespace Stockroom::Sync {
namespace {

using Kind = VerifyIssue::Kind;

class CheckpointsTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        auto created = SigningKey::create(keys.filePath(QStringLiteral("signing.key")));
        ASSERT_TRUE(created) << created.error().message.toStdString();
        key.emplace(std::move(*created));
    }

    void receive(qint64 quantity)
    {
        post(ReceiveStock{widget.id, binA.id, {}, {}, quantity, {}, {}});
    }

    QList<VerifyIssue> issues(const QByteArray &pinned)
    {
        auto report = ledger->verify({}, pinned);
        EXPECT_TRUE(report);
        return report ? report->issues : QList<VerifyIssue>{};
    }
    QList<Kind> kinds(const QByteArray &pinned)
    {
        QList<Kind> found;
        for (const VerifyIssue &issue : issues(pinned))
            found.append(issue.kind);
        return found;
    }

    QTemporaryDir keys;
    std::optional<SigningKey> key;
};

TEST_F(CheckpointsTest, TheKeyFileIsTheOwnersAloneAndIsNeverOverwritten)
{
    const QString path = keys.filePath(QStringLiteral("signing.key"));
    const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup
                                      | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    EXPECT_TRUE(QFile::permissions(path) & QFile::ReadOwner);
    EXPECT_FALSE(QFile::permissions(path) & others);
    auto loaded = SigningKey::load(path);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->publicKey(), key->publicKey());
    auto pinned = KeyFile::readPublicKey(path + QStringLiteral(".pub"));
    ASSERT_TRUE(pinned);
    EXPECT_EQ(*pinned, key->publicKey());
    auto again = SigningKey::create(path);
    ASSERT_FALSE(again);
    EXPECT_THAT(again.error().message.toStdString(), testing::HasSubstr("never overwritten"));
    auto stillLoaded = SigningKey::load(path);
    ASSERT_TRUE(stillLoaded);
    EXPECT_EQ(stillLoaded->publicKey(), key->publicKey());
}

TEST_F(CheckpointsTest, AKeyFileThatIsNotOneIsRefusedWithItsName)
{
    const QString path = keys.filePath(QStringLiteral("bad.key"));
    for (const QByteArray &content : {QByteArray(),
                                      QByteArray("not base64 at all!"),
                                      QByteArray(64, 'A'),
                                      QByteArray(1024 * 1024, 'A')}) {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(content);
        file.close();
        auto loaded = SigningKey::load(path);
        ASSERT_FALSE(loaded);
        EXPECT_THAT(loaded.error().message.toStdString(), testing::HasSubstr("bad.key"));
    }
    // The right length, but the public half is not the secret's.
    QByteArray mismatched = QByteArray::fromBase64(
        KeyFile::read(keys.filePath(QStringLiteral("signing.key")), 64, QStringLiteral("key"))
            ->toBase64());
    mismatched[63] = char(mismatched.at(63) ^ 1);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(mismatched.toBase64());
    file.close();
    EXPECT_FALSE(SigningKey::load(path));
    EXPECT_FALSE(SigningKey::load(keys.filePath(QStringLiteral("missing.key"))));
}

TEST_F(CheckpointsTest, TheHeadIsSignedOnceAndVerifiesAgainstThePinnedKey)
{
    auto none = key->signHead(*db, clock);
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none); // an empty ledger has nothing to sign
    receive(5);
    receive(7);
    auto first = key->signHead(*db, clock);
    ASSERT_TRUE(first);
    EXPECT_TRUE(*first);
    auto unchanged = key->signHead(*db, clock);
    ASSERT_TRUE(unchanged);
    EXPECT_FALSE(*unchanged);
    receive(1);
    EXPECT_TRUE(*key->signHead(*db, clock));
    auto report = ledger->verify({}, key->publicKey());
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->isClean());
    EXPECT_EQ(report->checkpointsChecked, 2);
    EXPECT_EQ(report->newestCheckpoint, report->newestLine);
}

TEST_F(CheckpointsTest, CuttingTheLedgerBackBeforeACheckpointIsFound)
{
    receive(5);
    receive(7);
    ASSERT_TRUE(key->signHead(*db, clock));
    // The newest line deleted, the chain intact before it, the sums rebuilt.
    ASSERT_TRUE(Stockroom::Test::tamper(*db,
                                        {QStringLiteral(
                                            "DELETE FROM movements WHERE seq = (SELECT max(seq) "
                                            "FROM movements)")}));
    ASSERT_TRUE(ledger->repair());
    EXPECT_TRUE(kinds(key->publicKey()).contains(Kind::Checkpoint));
}

TEST_F(CheckpointsTest, ALineRewrittenBeforeACheckpointIsFoundWithTheChainRecomputed)
{
    receive(5);
    receive(7);
    ASSERT_TRUE(key->signHead(*db, clock));
    ASSERT_TRUE(
        Stockroom::Test::tamper(*db,
                                {QStringLiteral("UPDATE movements SET delta = 70 WHERE seq = 1")}));
    ASSERT_TRUE(Stockroom::Test::rechainLedger(*db));
    ASSERT_TRUE(ledger->repair());
    EXPECT_EQ(kinds(key->publicKey()), QList<Kind>{Kind::Checkpoint});
}

TEST_F(CheckpointsTest, ACheckpointForgedWithAnotherKeyIsFoundByThePinnedKey)
{
    receive(5);
    ASSERT_TRUE(key->signHead(*db, clock));
    // The insider rewrites, then signs the new head with a key of their own, having
    // removed the server's checkpoints.
    ASSERT_TRUE(
        Stockroom::Test::tamper(*db,
                                {QStringLiteral("UPDATE movements SET delta = 70 WHERE seq = 1")}));
    ASSERT_TRUE(Stockroom::Test::rechainLedger(*db));
    ASSERT_TRUE(ledger->repair());
    QSqlQuery(db->connection()).exec(QStringLiteral("DELETE FROM ledger_checkpoints"));
    auto own = SigningKey::create(keys.filePath(QStringLiteral("insider.key")));
    ASSERT_TRUE(own);
    ASSERT_TRUE(own->signHead(*db, clock));
    // Consistent with itself: only the pinned key tells.
    EXPECT_TRUE(kinds({}).isEmpty());
    EXPECT_EQ(kinds(key->publicKey()), QList<Kind>{Kind::Checkpoint});
}

TEST_F(CheckpointsTest, AChangedSignatureOrCheckpointIsFound)
{
    receive(5);
    ASSERT_TRUE(key->signHead(*db, clock));
    QSqlQuery query(db->connection());
    ASSERT_TRUE(
        query.exec(QStringLiteral("UPDATE ledger_checkpoints SET signed_at = signed_at + 1")));
    EXPECT_EQ(kinds(key->publicKey()), QList<Kind>{Kind::Checkpoint});
}

class SigningServerTest : public Stockroom::Test::ServerFixture<>
{};

TEST_F(SigningServerTest, TheServerSignsItsLedgerAndRefusesAnotherKeyAfterwards)
{
    const QString keyPath = dir.filePath(QStringLiteral("signing.key"));
    auto key = SigningKey::create(keyPath);
    ASSERT_TRUE(key);
    startServer({QStringLiteral("--signing-key"),
                 keyPath,
                 QStringLiteral("--checkpoint-seconds"),
                 QStringLiteral("1")});
    if (HasFatalFailure())
        return;
    Stockroom::Test::Workstation station(dir.filePath(QStringLiteral("one.db")),
                                         tokens.value(QStringLiteral("all")));
    ASSERT_TRUE(station.sync(server->url()));
    ASSERT_TRUE(station.post(QStringLiteral("kim"),
                             ReceiveStock{station.productId(QStringLiteral("P-1")),
                                          station.locationId(QStringLiteral("A-1")),
                                          {},
                                          {},
                                          4,
                                          {},
                                          {}}));
    ASSERT_TRUE(station.sync(server->url()));
    // The last line is signed before the server exits, whatever the timer did.
    EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();
    {
        auto db = Stockroom::Test::openDatabase(serverPath);
        auto newest = LedgerCheckpoints(*db).newest();
        auto head = LedgerCheckpoints(*db).head();
        ASSERT_TRUE(newest && head);
        EXPECT_EQ(newest->seq, head->first);
        auto report = StockLedger(*db).verify({}, key->publicKey());
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->isClean());
        EXPECT_GE(report->checkpointsChecked, 1);
    }

    // Another key would sign checkpoints that pass for the server's: refused at start.
    const QString otherPath = dir.filePath(QStringLiteral("other.key"));
    ASSERT_TRUE(SigningKey::create(otherPath));
    QProcess other;
    other.setProcessEnvironment(Stockroom::Test::keyedEnvironment());
    other.setProcessChannelMode(QProcess::MergedChannels);
    other.start(QStringLiteral(STOCKROOM_SERVER_EXECUTABLE),
                {QStringLiteral("serve"),
                 QStringLiteral("--db"),
                 serverPath,
                 QStringLiteral("--listen"),
                 QStringLiteral("127.0.0.1:0"),
                 QStringLiteral("--signing-key"),
                 otherPath});
    ASSERT_TRUE(other.waitForFinished(30000));
    EXPECT_NE(other.exitCode(), 0);
    EXPECT_THAT(QString::fromUtf8(other.readAll()).toStdString(),
                testing::HasSubstr("signed with another key"));
}

TEST_F(SigningServerTest, AWorkstationPinsTheServersKeyAndRefusesAServerWithAnother)
{
    const QString keyPath = dir.filePath(QStringLiteral("signing.key"));
    auto key = SigningKey::create(keyPath);
    ASSERT_TRUE(key);
    startServer({QStringLiteral("--signing-key"), keyPath});
    if (HasFatalFailure())
        return;
    const QString stationPath = dir.filePath(QStringLiteral("one.db"));
    Stockroom::Test::Workstation station(stationPath, tokens.value(QStringLiteral("all")));
    ASSERT_TRUE(station.sync(server->url()));
    auto pinned = KeyFile::readPublicKey(stationPath + QStringLiteral(".server-key"));
    ASSERT_TRUE(pinned) << pinned.error().message.toStdString();
    EXPECT_EQ(*pinned, key->publicKey());
    ASSERT_TRUE(station.sync(server->url())); // the same key again
    EXPECT_EQ(server->terminate(), 0) << server->log().toStdString();

    // The same database served with another key, and then with none: refused both times.
    const QString otherPath = dir.filePath(QStringLiteral("other.key"));
    ASSERT_TRUE(SigningKey::create(otherPath));
    QSqlQuery(Stockroom::Test::openDatabase(serverPath)->connection())
        .exec(QStringLiteral("DELETE FROM ledger_checkpoints"));
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("--signing-key"), otherPath}, QStringList{}}) {
        Stockroom::Test::ServerProcess impostor(serverPath, arguments);
        ASSERT_TRUE(impostor.start());
        EXPECT_FALSE(station.sync(impostor.url(), 5000));
        EXPECT_EQ(station.lastState(), SyncClient::State::Refused);
        EXPECT_THAT(station.lastError().toStdString(), testing::HasSubstr(".server-key"));
    }
}

} // namespace
} // namespace Stockroom::Sync
