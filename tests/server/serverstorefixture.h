#pragma once

// ServerStoreTest: a ServerStore on a real encrypted database with the stock fixture's
// catalogue, a manager's session as device-1, and ways to make operations, push them and
// look at what they left. Shared by the store's tests and its master-data merge tests.

#include "tests/support/stockfixture.h"

#include "sync/server/serverstore.h"

#include <QSqlQuery>

namespace Stockroom::Sync {

class ServerStoreTest : public Stockroom::Test::StockFixture
{
protected:
    void SetUp() override
    {
        StockFixture::SetUp();
        store = std::make_unique<ServerStore>(*db, clock);
        session.deviceId = QStringLiteral("device-1");
        session.token.role = Role::Manager;
        managerUuid = uuidOf(QStringLiteral("users"), manager.userId);
    }

    void TearDown() override
    {
        store.reset(); // before the database it works on
        StockFixture::TearDown();
    }

    QString uuidOf(const QString &table, qint64 id)
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT uuid FROM %1 WHERE id = %2").arg(table).arg(id));
        return query.next() ? query.value(0).toString() : QString();
    }

    QCborMap movement(qint64 seq,
                      const QString &type,
                      qint64 delta,
                      const Cursor &base = {},
                      const QCborMap &extra = {})
    {
        QCborMap line{{key("product"), widget.uuid},
                      {key("location"), binA.uuid},
                      {key("delta"), delta}};
        for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
            line.insert(it.key(), it.value());
        const QCborMap body{{key("id"), QStringLiteral("mv-%1").arg(++movementsMade)},
                            {key("type"), type},
                            {key("deviceSeq"), seq},
                            {key("at"), 0},
                            {key("legs"), QCborArray{line}}};
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("movement")},
                {key("base"), base.toBytes()},
                {key("user"), managerUuid},
                {key("body"), body}};
    }

    PushOutcome push(const QCborArray &ops)
    {
        auto pushed = store->push(session, ops);
        EXPECT_TRUE(pushed) << (pushed ? "" : qPrintable(pushed.error().message));
        return pushed ? *pushed : PushOutcome{};
    }

    QString outcomeOf(const PushOutcome &pushed, int i)
    {
        const QCborMap result = pushed.results.at(i).toMap();
        if (result.value(key("outcome")).toString() == QLatin1String("rejected"))
            qInfo("rejected: %s", qPrintable(result.value(key("message")).toString()));
        return result.value(key("outcome")).toString();
    }

    int openConflicts(const QString &type)
    {
        QSqlQuery query(db->connection());
        query.exec(
            QStringLiteral("SELECT count(*) FROM conflicts WHERE state = 'open' AND type = '%1'")
                .arg(type));
        return query.next() ? query.value(0).toInt() : -1;
    }

    // The conflicts of a type, oldest first, by their UUIDs.
    QStringList conflictsOf(const QString &type)
    {
        QSqlQuery query(db->connection());
        query.exec(
            QStringLiteral("SELECT uuid FROM conflicts WHERE type = '%1' ORDER BY id").arg(type));
        QStringList uuids;
        while (query.next())
            uuids << query.value(0).toString();
        return uuids;
    }

    // A manager's decision on a conflict, as operation seq of this device.
    QCborMap resolve(qint64 seq, const QString &conflict, const char *choice)
    {
        return {{key("seq"), seq},
                {key("kind"), QStringLiteral("conflict.resolve")},
                {key("base"), Cursor{}.toBytes()},
                {key("user"), managerUuid},
                {key("body"),
                 QCborMap{{key("conflict"), conflict},
                          {key("choice"), QString::fromLatin1(choice)}}}};
    }

    // What another device moves now.
    void moveElsewhere(qint64 delta)
    {
        SyncSession other = session;
        other.deviceId = QStringLiteral("device-2");
        EXPECT_TRUE(store->push(other,
                                {movement(++otherSeq,
                                          QLatin1String(delta < 0 ? "issue" : "receipt"),
                                          delta)}));
    }

    // A count of counted against expected, made on what this device had seen while another
    // device moved otherDelta, unseen. The count's outcome.
    QString staleCount(qint64 otherDelta, qint64 counted, qint64 expected)
    {
        const Cursor seen{0, ledgerHead()};
        moveElsewhere(otherDelta);
        const PushOutcome pushed = push(
            {movement(++seqMade,
                      QStringLiteral("count"),
                      counted - expected,
                      seen,
                      {{key("counted"), counted}, {key("expected"), expected}})});
        return outcomeOf(pushed, 0);
    }

    qint64 ledgerHead()
    {
        QSqlQuery query(db->connection());
        query.exec(QStringLiteral("SELECT max(seq) FROM movements"));
        return query.next() ? query.value(0).toLongLong() : 0;
    }

    std::unique_ptr<ServerStore> store;
    SyncSession session;
    QString managerUuid;
    int movementsMade = 0;
    qint64 seqMade = 0;  // this device's last operation, for tests that count on it
    qint64 otherSeq = 0; // device-2's
};

} // namespace Stockroom::Sync
