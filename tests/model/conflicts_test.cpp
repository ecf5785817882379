// The conflict inbox: what it shows, and a manager's decision on each entry.

#include "tests/support/stockfixture.h"

#include "model/itemmodels/conflictmodel.h"
#include "model/services/conflictservice.h"

#include <QAbstractItemModelTester>
#include <QCborMap>
#include <QCborValue>
#include <QSqlQuery>

namespace Stockroom {
namespace {

class ConflictInboxTest : public Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        raise(QStringLiteral("c-field"),
              QStringLiteral("field"),
              QStringLiteral("product"),
              widget.uuid,
              QStringLiteral("name"));
        raise(QStringLiteral("c-rejected"),
              QStringLiteral("rejected"),
              QStringLiteral("movement"),
              QStringLiteral("mv-1"),
              QString());
    }

    void raise(const QString &uuid,
               const QString &type,
               const QString &entity,
               const QString &key,
               const QString &field)
    {
        QSqlQuery insert(db->connection());
        ASSERT_TRUE(insert.exec(QStringLiteral("INSERT INTO conflicts (uuid, type, entity, "
                                               "entity_key, field, base, theirs, mine, detail, "
                                               "created_at) VALUES ('%1', '%2', '%3', '%4', '%5', "
                                               "'Widget', 'Widget (server)', 'Widget (here)', "
                                               "'both changed', 1)")
                                    .arg(uuid, type, entity, key, field)));
    }

    QString stateOf(const QString &uuid)
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT state || '/' || resolution FROM conflicts "
                                  "WHERE uuid = '%1'")
                       .arg(uuid));
        return query.next() ? query.value(0).toString() : QString();
    }
};

TEST_F(ConflictInboxTest, TheInboxShowsBothSidesAndNamesTheRecord)
{
    ConflictModel model(*db);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ASSERT_TRUE(model.reload());
    ASSERT_EQ(model.rowCount(), 2);
    int fieldRow = model.entry(0).type == QLatin1String("field") ? 0 : 1;
    const auto cell = [&](ConflictModel::Column column) {
        return model.index(fieldRow, int(column)).data().toString();
    };
    EXPECT_EQ(cell(ConflictModel::Column::Record), QStringLiteral("W-100 Widget"));
    EXPECT_EQ(cell(ConflictModel::Column::Field), QStringLiteral("name"));
    EXPECT_EQ(cell(ConflictModel::Column::Theirs), QStringLiteral("Widget (server)"));
    EXPECT_EQ(cell(ConflictModel::Column::Mine), QStringLiteral("Widget (here)"));
}

TEST_F(ConflictInboxTest, OnlyManagersDecide)
{
    ConflictService service(*db, clock);
    auto refused = service.resolve(clerk, QStringLiteral("c-rejected"), ConflictChoice::Theirs);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::PermissionDenied);
    EXPECT_EQ(stateOf(QStringLiteral("c-rejected")), QStringLiteral("open/"));
}

TEST_F(ConflictInboxTest, ARejectionIsAcknowledgedHereAndAServerConflictGoesToTheServer)
{
    ConflictService service(*db, clock);
    ASSERT_TRUE(service.resolve(manager, QStringLiteral("c-rejected"), ConflictChoice::Theirs));
    EXPECT_EQ(stateOf(QStringLiteral("c-rejected")), QStringLiteral("resolved/acknowledged"));

    // Not joined to a server: nobody to decide a server's conflict.
    auto alone = service.resolve(manager, QStringLiteral("c-field"), ConflictChoice::Mine);
    ASSERT_FALSE(alone);
    EXPECT_EQ(alone.error().code, ErrorCode::InvalidInput);

    ASSERT_TRUE(db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
    ASSERT_TRUE(service.resolve(manager, QStringLiteral("c-field"), ConflictChoice::Mine));
    EXPECT_EQ(stateOf(QStringLiteral("c-field")), QStringLiteral("resolved/mine"));
    QSqlQuery outbox(db->connection());
    ASSERT_TRUE(outbox.exec(QStringLiteral("SELECT kind, body FROM outbox")));
    ASSERT_TRUE(outbox.next());
    EXPECT_EQ(outbox.value(0).toString(), QStringLiteral("conflict.resolve"));
    const QCborMap body = QCborValue::fromCbor(outbox.value(1).toByteArray()).toMap();
    EXPECT_EQ(body.value(QStringLiteral("conflict")).toString(), QStringLiteral("c-field"));
    EXPECT_EQ(body.value(QStringLiteral("choice")).toString(), QStringLiteral("mine"));

    auto again = service.resolve(manager, QStringLiteral("c-field"), ConflictChoice::Theirs);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::VersionConflict);

    ConflictModel model(*db);
    ASSERT_TRUE(model.reload());
    EXPECT_EQ(model.rowCount(), 0);
}

TEST_F(ConflictInboxTest, StockBelowZeroIsOnlyAcknowledgedWhateverIsChosen)
{
    raise(QStringLiteral("c-negative"),
          QStringLiteral("negative-stock"),
          QStringLiteral("stock"),
          QStringLiteral("p/l/"),
          QString());
    ASSERT_TRUE(db->setSetting(QStringLiteral("sync.server"), QStringLiteral("ws://127.0.0.1:1")));
    ConflictService service(*db, clock);
    ASSERT_TRUE(service.resolve(manager, QStringLiteral("c-negative"), ConflictChoice::Mine));
    EXPECT_EQ(stateOf(QStringLiteral("c-negative")), QStringLiteral("resolved/theirs"));
    QSqlQuery outbox(db->connection());
    ASSERT_TRUE(outbox.exec(QStringLiteral("SELECT body FROM outbox")));
    ASSERT_TRUE(outbox.next());
    const QCborMap body = QCborValue::fromCbor(outbox.value(0).toByteArray()).toMap();
    EXPECT_EQ(body.value(QStringLiteral("choice")).toString(), QStringLiteral("theirs"));

    EXPECT_EQ(decisionsFor(QStringLiteral("field")), ConflictDecisions::Field);
    EXPECT_EQ(decisionsFor(QStringLiteral("stale-count")), ConflictDecisions::Count);
    EXPECT_EQ(decisionsFor(QStringLiteral("rejected")), ConflictDecisions::Acknowledge);
}

} // namespace
} // namespace Stockroom
