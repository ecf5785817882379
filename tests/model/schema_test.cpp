// Every migration, applied to a database at the version before it.

#include "model/storage/schema.h"

#include "tests/support/printers.h"
#include "tests/support/tempdatabase.h"

#include <QSqlError>
#include <QSqlQuery>

#include <gmock/gmock.h>

namespace Stockroom {
namespace {

using Test::TempDatabase;

QString pragmaText(Database &db, const QString &pragma)
{
    QSqlQuery query(db.connection());
    if (!query.exec(pragma) || !query.next())
        return QStringLiteral("<failed>");
    return query.value(0).toString();
}

int rowCount(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql))
        return -1;
    int rows = 0;
    while (query.next())
        ++rows;
    return rows;
}

class MigrationTest : public testing::TestWithParam<int>
{};

TEST_P(MigrationTest, AppliesOnTopOfThePreviousVersion)
{
    const int version = GetParam();
    TempDatabase temp;
    Database &db = temp.create(version - 1);
    ASSERT_EQ(db.schemaVersion(), version - 1);
    ASSERT_TRUE(Schema::migrate(db, version));
    EXPECT_EQ(db.schemaVersion(), version);
    EXPECT_EQ(pragmaText(db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    EXPECT_EQ(rowCount(db, QStringLiteral("PRAGMA foreign_key_check")), 0);
    // Applying again is a no-op.
    ASSERT_TRUE(Schema::migrate(db, version));
    EXPECT_EQ(db.schemaVersion(), version);
}

INSTANTIATE_TEST_SUITE_P(EveryVersion,
                         MigrationTest,
                         testing::Range(1, Schema::latestVersion() + 1));

TEST(Schema, OpeningMigratesToTheLatest)
{
    TempDatabase temp;
    temp.create(0);
    temp.close();
    auto db = temp.openAnother();
    ASSERT_TRUE(db);
    EXPECT_EQ(db->schemaVersion(), Schema::latestVersion());
    EXPECT_FALSE(db->deviceId().isEmpty());
}

TEST(Schema, NewerDatabaseIsRefused)
{
    TempDatabase temp;
    Database &db = temp.create();
    ASSERT_TRUE(db.exec(QStringLiteral("INSERT INTO schema_version VALUES (%1, 'future', 0)")
                            .arg(Schema::latestVersion() + 1)));
    temp.close();
    auto reopened = Database::open(temp.path(), QString::fromLatin1(TempDatabase::passphrase));
    ASSERT_FALSE(reopened);
    EXPECT_EQ(reopened.error().code, ErrorCode::SchemaTooNew);
}

} // namespace
} // namespace Stockroom

namespace Stockroom {
namespace {

TEST(Schema, Version2MarksEachStockRowWithTheLinesThatChangedIt)
{
    TempDatabase temp;
    Database &db = temp.create(1);
    const QStringList setup = {
        QStringLiteral("INSERT INTO users (id, uuid, username, role, password_hash) "
                       "VALUES (1, 'u1', 'ada', 'clerk', 'x')"),
        QStringLiteral("INSERT INTO locations (id, uuid, kind, code, name) "
                       "VALUES (1, 'l1', 'warehouse', 'WH', 'WH')"),
        QStringLiteral("INSERT INTO products (id, uuid, sku, name) VALUES (1, 'p1', 'P', 'P')"),
        QStringLiteral("INSERT INTO movements (seq, id, type, product_id, location_id, delta, "
                       "device_id, device_seq, user_id, occurred_at, hash) VALUES "
                       "(1, 'm1', 'receipt', 1, 1, 5, 'dev-a', 1, 1, 0, 'h'), "
                       "(2, 'm2', 'receipt', 1, 1, 5, 'dev-b', 1, 1, 0, 'h'), "
                       "(3, 'm3', 'issue', 1, 1, -2, 'dev-a', 2, 1, 0, 'h')"),
        QStringLiteral("INSERT INTO stock (product_id, location_id, lot_id, quantity, version) "
                       "VALUES (1, 1, 0, 8, 3)"),
    };
    for (const QString &sql : setup)
        ASSERT_TRUE(db.exec(sql)) << qPrintable(sql);
    ASSERT_TRUE(Schema::migrate(db, 2));
    QSqlQuery query(db.connection());
    ASSERT_TRUE(query.exec(QStringLiteral("SELECT last_seq, last_device, other_seq FROM stock")));
    ASSERT_TRUE(query.next());
    EXPECT_EQ(query.value(0).toLongLong(), 3);
    EXPECT_EQ(query.value(1).toString(), QStringLiteral("dev-a"));
    EXPECT_EQ(query.value(2).toLongLong(), 2);
}

TEST(Schema, Version5ChecksALinesTypeWithoutATemporaryTable)
{
    // A database made before version 5, whose ledger said "type IN (...)".
    const auto tableText = [](Database &db) {
        QSqlQuery query(db.connection());
        query.exec(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'movements'"));
        return query.next() ? query.value(0).toString() : QString();
    };
    TempDatabase temp;
    {
        Database &db = temp.create(4);
        const QString older = QStringLiteral(
            "CHECK (type IN ('receipt', 'issue', 'transfer', 'adjustment', 'count'))");
        ASSERT_TRUE(db.exec(QStringLiteral("PRAGMA writable_schema = ON")));
        QSqlQuery edit(db.connection());
        edit.prepare(QStringLiteral(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = 'movements'"));
        edit.addBindValue(QStringLiteral("CHECK (type = 'receipt' OR type = 'issue' OR type = "
                                         "'transfer' OR type = 'adjustment' OR type = 'count')"));
        edit.addBindValue(older);
        ASSERT_TRUE(edit.exec()) << qPrintable(edit.lastError().text());
        ASSERT_EQ(edit.numRowsAffected(), 1);
        ASSERT_TRUE(db.exec(QStringLiteral("PRAGMA writable_schema = OFF")));
        ASSERT_TRUE(tableText(db).contains(older));
        temp.close();
    }
    const auto temporaryTables = [](Database &db) {
        QSqlQuery plan(db.connection());
        plan.exec(QStringLiteral("EXPLAIN INSERT INTO movements (id, type, product_id, "
                                 "location_id, delta, device_id, device_seq, user_id, "
                                 "occurred_at, hash) VALUES ('m', 'issue', 1, 1, 1, 'd', 1, 1, 0, "
                                 "'h')"));
        int found = 0;
        while (plan.next())
            found += plan.value(1).toString() == QLatin1String("OpenEphemeral") ? 1 : 0;
        return found;
    };
    // Opening migrates it, and the connection it hands back reads the new definition.
    auto db = temp.openAnother();
    ASSERT_TRUE(db);
    EXPECT_EQ(db->schemaVersion(), Schema::latestVersion());
    EXPECT_FALSE(tableText(*db).contains(QLatin1String(" IN (")));
    EXPECT_EQ(temporaryTables(*db), 0);
    EXPECT_EQ(pragmaText(*db, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
    // The check still refuses what it refused.
    ASSERT_TRUE(db->exec(QStringLiteral("INSERT INTO users (id, uuid, username, role, "
                                        "password_hash) VALUES (7, 'u7', 'bo', 'clerk', 'x')")));
    const QString line = QStringLiteral(
        "INSERT INTO movements (id, type, product_id, location_id, delta, device_id, device_seq, "
        "user_id, occurred_at, hash) VALUES ('%1', '%2', 1, 1, 1, 'd', %3, 7, 0, 'h')");
    EXPECT_FALSE(db->exec(line.arg(QStringLiteral("m1"), QStringLiteral("gift")).arg(1)));
    EXPECT_TRUE(db->exec(QStringLiteral("PRAGMA foreign_keys = OFF")));
    EXPECT_TRUE(db->exec(line.arg(QStringLiteral("m2"), QStringLiteral("count")).arg(2)));
}

} // namespace
} // namespace Stockroom
