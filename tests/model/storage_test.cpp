// Storage: the encrypted file, keys, and transactions.

#include "model/storage/database.h"
#include "model/storage/schema.h"
#include "model/storage/sqlcipherdriver.h"

#include "tests/support/printers.h"
#include "tests/support/tempdatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <gmock/gmock.h>

#include <sqlcipher/sqlite3.h>

namespace Stockroom {
namespace {

using Test::TempDatabase;

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

TEST(Storage, FileOnDiskIsNotPlaintext)
{
    TempDatabase temp;
    Database &db = temp.create();
    ASSERT_TRUE(db.setSetting(QStringLiteral("marker"), QStringLiteral("PLAINTEXT-CANARY-42")));
    temp.close(); // checkpoints the WAL into the main file

    const QByteArray bytes = fileBytes(temp.path());
    ASSERT_GT(bytes.size(), 1024);
    EXPECT_FALSE(bytes.startsWith("SQLite format 3"));
    EXPECT_FALSE(bytes.contains("PLAINTEXT-CANARY-42"));
    EXPECT_FALSE(bytes.contains("CREATE TABLE"));
}

TEST(Storage, WriteAheadLogIsNotPlaintext)
{
    TempDatabase temp;
    Database &db = temp.create();
    ASSERT_TRUE(db.setSetting(QStringLiteral("marker"), QStringLiteral("WAL-CANARY-42")));

    const QByteArray wal = fileBytes(temp.path() + QStringLiteral("-wal"));
    ASSERT_FALSE(wal.isEmpty()) << "the database should be in WAL mode";
    EXPECT_FALSE(wal.contains("WAL-CANARY-42"));
}

// The largest the write-ahead log's file grows to while setting ten values of 256
// pages each, one transaction apiece, on a connection that checkpoints after pages.
qint64 walPeakWhileWriting(int pages)
{
    TempDatabase temp;
    Database &db = temp.create();
    if (!db.setCheckpointPages(pages))
        return -1;
    const QString walPath = temp.path() + QStringLiteral("-wal");
    qint64 peak = 0;
    for (int i = 0; i < 10; ++i) {
        const QString value(256 * 4096, QLatin1Char('a' + i));
        if (!db.setSetting(QStringLiteral("large.%1").arg(i), value))
            return -1;
        peak = std::max(peak, QFileInfo(walPath).size());
    }
    return peak;
}

TEST(Storage, ACheckpointIntervalLetsTheLogHoldThatManyPages)
{
    constexpr qint64 mib = 1024 * 1024;
    // SQLite's 1,000 pages: copied into the file (and the log begun again) every four values.
    EXPECT_LT(walPeakWhileWriting(1000), 6 * mib);
    // 4,096 pages: all ten values' pages stay in the log.
    EXPECT_GT(walPeakWhileWriting(4096), 10 * mib);
}

TEST(Storage, ReportsTheCipherVersion)
{
    TempDatabase temp;
    EXPECT_FALSE(temp.create().cipherVersion().isEmpty());
}

TEST(Storage, ReopensWithTheRightKey)
{
    TempDatabase temp;
    ASSERT_TRUE(temp.create().setSetting(QStringLiteral("k"), QStringLiteral("v")));
    temp.close();

    auto db = Database::open(temp.path(), QString::fromLatin1(TempDatabase::passphrase));
    ASSERT_TRUE(db) << db.error().message.toStdString();
    EXPECT_EQ((*db)->setting(QStringLiteral("k")), QStringLiteral("v"));
    EXPECT_EQ((*db)->schemaVersion(), Schema::latestVersion());
}

TEST(Storage, WrongKeyFailsCleanly)
{
    TempDatabase temp;
    temp.create();
    temp.close();

    auto db = Database::open(temp.path(), QStringLiteral("not the key"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::WrongKey);
    EXPECT_THAT(db.error().message.toStdString(),
                testing::HasSubstr("Wrong key or not a Stockroom database"));
}

TEST(Storage, EmptyKeyIsRefused)
{
    TempDatabase temp;
    auto db = Database::create(temp.path(), QString());
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::WrongKey);
}

TEST(Storage, FileOfAnotherKindIsRefused)
{
    TempDatabase temp;
    QFile file(temp.path());
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();

    auto db = Database::open(temp.path(), QStringLiteral("any"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::WrongKey);
}

TEST(Storage, AnEmptyFileIsRefusedAndLeftAsItWas)
{
    // Only init creates: an empty file (a failed copy, a truncated download) is not made a
    // new database, which would look like a warehouse that lost everything.
    TempDatabase temp;
    if (Database::isPostgresUrl(temp.path()))
        GTEST_SKIP() << "a file's test";
    QFile file(temp.path());
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.close();

    auto db = Database::open(temp.path(), QStringLiteral("any"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::NotADatabase);
    EXPECT_THAT(db.error().message.toStdString(), testing::HasSubstr("holds no Stockroom database"));
    EXPECT_EQ(QFileInfo(temp.path()).size(), 0);
}

TEST(Storage, AnEncryptedFileWithoutStockroomsTablesIsRefused)
{
    TempDatabase temp;
    if (Database::isPostgresUrl(temp.path()))
        GTEST_SKIP() << "a file's test";
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open(QFile::encodeName(temp.path()).constData(), &raw), SQLITE_OK);
    const QByteArray key = "other program's key";
    ASSERT_EQ(sqlite3_key(raw, key.constData(), int(key.size())), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE notes (text)", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    const QByteArray before = fileBytes(temp.path());

    auto db = Database::open(temp.path(), QString::fromLatin1(key));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::NotADatabase);
    EXPECT_EQ(fileBytes(temp.path()), before);
}

TEST(Storage, ADamagedFileIsReportedAndNeverMigratedOver)
{
    TempDatabase temp;
    if (Database::isPostgresUrl(temp.path()))
        GTEST_SKIP() << "a file's test";
    Database &made = temp.create();
    {
        auto tx = Transaction::begin(made);
        ASSERT_TRUE(tx);
        for (int i = 0; i < 3000; ++i)
            ASSERT_TRUE(made.setSetting(QStringLiteral("filler.%1").arg(i), QString(100, u'f')));
        ASSERT_TRUE(tx->commit());
    }
    temp.close();
    const QByteArray sound = fileBytes(temp.path());
    ASSERT_GT(sound.size(), 64 * 1024);

    // 64 bytes flipped at several places past the first page: whatever the place, the
    // damage is named, either on opening or by the integrity check, and no migration runs
    // over the file (it once answered "Migration to schema version 1 failed").
    const int pageSize = 4096;
    for (const qsizetype offset : {qsizetype(pageSize + 100),
                                   qsizetype(2 * pageSize + 1000),
                                   sound.size() / 2,
                                   sound.size() - pageSize + 200}) {
        QByteArray damaged = sound;
        for (qsizetype i = offset; i < offset + 64; ++i)
            damaged[i] = char(~damaged[i]);
        QFile file(temp.path());
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(damaged);
        file.close();

        auto db = Database::open(temp.path(), QString::fromLatin1(TempDatabase::passphrase));
        if (!db) {
            EXPECT_THAT(db.error().code, testing::AnyOf(ErrorCode::Corrupt, ErrorCode::NotADatabase))
                << "at " << offset << ": " << db.error().message.toStdString();
            EXPECT_THAT(db.error().message.toStdString(),
                        testing::Not(testing::HasSubstr("Migration")))
                << "at " << offset;
            continue;
        }
        auto problems = (*db)->integrityProblems();
        EXPECT_TRUE(!problems || !problems->isEmpty())
            << "at " << offset << ": the damage went unnoticed";
    }
}

TEST(Storage, PlaintextSqliteFileIsRefused)
{
    TempDatabase temp;
    QFile file(temp.path());
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    QByteArray header("SQLite format 3", 16);
    header.append(QByteArray(4096 - 16, '\0'));
    file.write(header);
    file.close();

    auto db = Database::open(temp.path(), QStringLiteral("any"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::NotADatabase);
}

// Opens path with SQLCipher directly, keyed, with pages of pageSize; whether the schema reads.
bool readsWithPageSize(const QString &path, const QByteArray &key, int pageSize)
{
    sqlite3 *raw = nullptr;
    bool reads = sqlite3_open_v2(QFile::encodeName(path).constData(),
                                 &raw,
                                 SQLITE_OPEN_READWRITE,
                                 nullptr)
                     == SQLITE_OK
                 && sqlite3_key(raw, key.constData(), int(key.size())) == SQLITE_OK;
    const QByteArray pragma = "PRAGMA cipher_page_size = " + QByteArray::number(pageSize);
    reads = reads && sqlite3_exec(raw, pragma.constData(), nullptr, nullptr, nullptr) == SQLITE_OK
            && sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr)
                   == SQLITE_OK;
    sqlite3_close_v2(raw);
    return reads;
}

TEST(Storage, NewFilesHavePagesOfFourKibibytes)
{
    TempDatabase temp;
    temp.create();
    temp.close();
    EXPECT_TRUE(readsWithPageSize(temp.path(), TempDatabase::passphrase, 4096));
    EXPECT_FALSE(readsWithPageSize(temp.path(), TempDatabase::passphrase, 1024));
}

TEST(Storage, FileWithTheOlderPageSizeStillOpens)
{
    TempDatabase temp;
    {
        sqlite3 *raw = nullptr;
        ASSERT_EQ(sqlite3_open_v2(QFile::encodeName(temp.path()).constData(),
                                  &raw,
                                  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                  nullptr),
                  SQLITE_OK);
        const QByteArray key(TempDatabase::passphrase);
        ASSERT_EQ(sqlite3_key(raw, key.constData(), int(key.size())), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(raw,
                               "PRAGMA cipher_page_size = 1024;"
                               "CREATE TABLE kept (word TEXT); INSERT INTO kept VALUES ('older')",
                               nullptr,
                               nullptr,
                               nullptr),
                  SQLITE_OK);
        sqlite3_close_v2(raw);
    }

    SqlCipherDriver::registerDriver();
    QSqlDatabase connection = QSqlDatabase::addDatabase(QString::fromLatin1(SqlCipherDriver::name),
                                                        QStringLiteral("older-pages"));
    connection.setDatabaseName(temp.path());
    connection.setPassword(QString::fromLatin1(TempDatabase::passphrase));
    ASSERT_TRUE(connection.open()) << connection.lastError().text().toStdString();
    {
        QSqlQuery query(QStringLiteral("SELECT word FROM kept"), connection);
        ASSERT_TRUE(query.next());
        EXPECT_EQ(query.value(0).toString(), QStringLiteral("older"));
    }
    connection.close();
    connection = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("older-pages"));
}

TEST(Storage, MissingFileIsNotCreatedByOpen)
{
    TempDatabase temp;
    auto db = Database::open(temp.path(), QStringLiteral("any"));
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(QFile::exists(temp.path()));
}

TEST(Storage, CreateRefusesAnExistingFile)
{
    TempDatabase temp;
    temp.create();
    auto again = Database::create(temp.path(), QStringLiteral("other"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::Duplicate);
}

TEST(Storage, ChangeKeyReencrypts)
{
    TempDatabase temp;
    ASSERT_TRUE(temp.create().setSetting(QStringLiteral("k"), QStringLiteral("v")));
    ASSERT_TRUE(temp.db().changeKey(QStringLiteral("new passphrase")));
    temp.close();

    auto old = Database::open(temp.path(), QString::fromLatin1(TempDatabase::passphrase));
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error().code, ErrorCode::WrongKey);

    auto reopened = Database::open(temp.path(), QStringLiteral("new passphrase"));
    ASSERT_TRUE(reopened) << reopened.error().message.toStdString();
    EXPECT_EQ((*reopened)->setting(QStringLiteral("k")), QStringLiteral("v"));
}

TEST(Storage, NestedTransactionRollsBackOnlyItself)
{
    TempDatabase temp;
    Database &db = temp.create();
    std::vector<QString> announced;
    QObject owner;
    {
        auto outer = Transaction::begin(db);
        ASSERT_TRUE(outer);
        ASSERT_TRUE(db.setSetting(QStringLiteral("a"), QStringLiteral("1")));
        db.afterCommit(&owner, [&] { announced.push_back(QStringLiteral("a")); });
        {
            auto inner = Transaction::begin(db);
            ASSERT_TRUE(inner);
            ASSERT_TRUE(db.setSetting(QStringLiteral("b"), QStringLiteral("2")));
            db.afterCommit(&owner, [&] { announced.push_back(QStringLiteral("b")); });
            // leaves scope without commit: rolled back
        }
        EXPECT_TRUE(announced.empty());
        ASSERT_TRUE(outer->commit());
    }
    EXPECT_EQ(db.setting(QStringLiteral("a")), QStringLiteral("1"));
    EXPECT_EQ(db.setting(QStringLiteral("b")), QString());
    EXPECT_EQ(announced, std::vector<QString>{QStringLiteral("a")});
}

TEST(Storage, WorkAfterCommitOfAnOwnerGoneBeforeTheCommitDoesNotRun)
{
    // A ledger or service may be destroyed inside its caller's transaction; its signal
    // after the commit must not reach freed memory (found by AddressSanitizer).
    TempDatabase temp;
    Database &db = temp.create();
    std::vector<QString> announced;
    QObject stays;
    auto outer = Transaction::begin(db);
    ASSERT_TRUE(outer);
    {
        QObject gone;
        db.afterCommit(&gone, [&] { announced.push_back(QStringLiteral("gone")); });
    }
    db.afterCommit(&stays, [&] { announced.push_back(QStringLiteral("stays")); });
    ASSERT_TRUE(outer->commit());
    EXPECT_EQ(announced, std::vector<QString>{QStringLiteral("stays")});
}

TEST(Storage, TheOutboxListenerHearsOnceForATransactionThatQueuedMany)
{
    // One edit may queue several operations; the sync client needs one call, not one each.
    TempDatabase temp;
    Database &db = temp.create();
    QObject owner;
    int calls = 0;
    db.addOutboxListener(&owner, [&] { ++calls; });

    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx);
    for (int i = 0; i < 50; ++i)
        db.outboxQueued();
    EXPECT_EQ(calls, 0) << "nothing is announced before the commit";
    ASSERT_TRUE(tx->commit());
    EXPECT_EQ(calls, 1);

    auto next = Transaction::begin(db);
    ASSERT_TRUE(next);
    db.outboxQueued();
    ASSERT_TRUE(next->commit());
    EXPECT_EQ(calls, 2) << "the next transaction is announced again";
}

TEST(Storage, AnOutboxCallInARolledBackSavepointLeavesTheLaterOneStanding)
{
    TempDatabase temp;
    Database &db = temp.create();
    QObject owner;
    int calls = 0;
    db.addOutboxListener(&owner, [&] { ++calls; });

    auto outer = Transaction::begin(db);
    ASSERT_TRUE(outer);
    {
        auto inner = Transaction::begin(db);
        ASSERT_TRUE(inner);
        db.outboxQueued();
    } // rolled back
    db.outboxQueued();
    ASSERT_TRUE(outer->commit());
    EXPECT_EQ(calls, 1) << "the operation queued after the rollback must still be announced";

    {
        auto undone = Transaction::begin(db);
        ASSERT_TRUE(undone);
        db.outboxQueued();
    }
    EXPECT_EQ(calls, 1) << "a rolled-back transaction queued nothing";
}

TEST(Storage, OnlyOneStatementPerQuery)
{
    TempDatabase temp;
    auto done = temp.create().exec(QStringLiteral("SELECT 1; SELECT 2"));
    ASSERT_FALSE(done);
}

TEST(Storage, NamedPlaceholdersBindAcrossRepeats)
{
    TempDatabase temp;
    Database &db = temp.create();
    auto query = db.prepare(QStringLiteral("SELECT :a + :b + :a"));
    ASSERT_TRUE(query);
    query->bindValue(QStringLiteral(":a"), 5);
    query->bindValue(QStringLiteral(":b"), 1);
    ASSERT_TRUE(Database::exec(*query));
    ASSERT_TRUE(query->next());
    EXPECT_EQ(query->value(0).toLongLong(), 11);
}

TEST(Storage, ValuesRoundTripWithTheirTypes)
{
    TempDatabase temp;
    Database &db = temp.create();
    ASSERT_TRUE(db.exec(QStringLiteral("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB)")));
    auto insert = db.prepare(QStringLiteral("INSERT INTO t VALUES (?, ?, ?, ?)"));
    ASSERT_TRUE(insert);
    insert->addBindValue(qint64(1) << 40);
    insert->addBindValue(2.5);
    insert->addBindValue(QStringLiteral("창고 재고"));
    insert->addBindValue(QByteArray("\0\1\2", 3));
    ASSERT_TRUE(Database::exec(*insert));
    EXPECT_EQ(insert->numRowsAffected(), 1);
    EXPECT_EQ(insert->lastInsertId().toLongLong(), 1);

    QSqlQuery select(db.connection()); // random access, as QSqlQueryModel uses it
    ASSERT_TRUE(select.exec(QStringLiteral("SELECT i, r, s, b, NULL FROM t")));
    ASSERT_TRUE(select.seek(0));
    EXPECT_EQ(select.value(0).toLongLong(), qint64(1) << 40);
    EXPECT_DOUBLE_EQ(select.value(1).toDouble(), 2.5);
    EXPECT_EQ(select.value(2).toString(), QStringLiteral("창고 재고"));
    EXPECT_EQ(select.value(3).toByteArray(), QByteArray("\0\1\2", 3));
    EXPECT_TRUE(select.isNull(4));
    EXPECT_FALSE(select.next());
    EXPECT_TRUE(select.previous());
}

TEST(Storage, DriverListsTablesAndColumns)
{
    TempDatabase temp;
    Database &db = temp.create();
    EXPECT_THAT(db.connection().tables(), testing::Contains(QStringLiteral("movements")));
    const QSqlRecord record = db.connection().record(QStringLiteral("products"));
    EXPECT_GE(record.indexOf(QStringLiteral("sku")), 0);
    EXPECT_EQ(db.connection().primaryIndex(QStringLiteral("products")).fieldName(0),
              QStringLiteral("id"));
}

} // namespace
} // namespace Stockroom
