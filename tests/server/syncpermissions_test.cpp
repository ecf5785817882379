// The sync protocol's permission matrix, as RestPermissionsTest is the REST API's: every
// kind of operation pushed by a clerk, a manager and an administrator token of warehouse
// WH1, and a manager token of every warehouse, on WH1 (their own), on WH2 (another) and on
// all warehouses together. The answers are pinned here, each written out: a change to any
// of them is a change to who may do what, and must show in review.
//
// Then who a token may record for: users whose role is at most the token's, and a service
// user only by its own token; a refusal is written to the audit log.

#include "serverstorefixture.h"

#include "model/domain/changes.h"
#include "model/domain/ids.h"
#include "model/services/conflictservice.h"

#include <gmock/gmock.h>

namespace Stockroom::Sync {
namespace {

template<typename T>
T need(Result<T> result, const char *what)
{
    if (!result) {
        ADD_FAILURE() << what << ": " << result.error().message.toStdString();
        return T{};
    }
    return std::move(*result);
}

class SyncPermissionsTest : public ServerStoreTest
{
protected:
    void SetUp() override
    {
        ServerStoreTest::SetUp();
        other = need(masterData->createLocation(manager,
                                                {0,
                                                 LocationKind::Warehouse,
                                                 QStringLiteral("WH2"),
                                                 QStringLiteral("Second warehouse"),
                                                 QString()}),
                     "second warehouse");
        otherBin = need(masterData->createLocation(manager,
                                                   {other.id,
                                                    LocationKind::Bin,
                                                    QStringLiteral("B-01"),
                                                    QStringLiteral("B-01"),
                                                    QString()}),
                        "bin of the second warehouse");
        adminUuid = uuidOf(QStringLiteral("users"), admin.userId);
        clerkUuid = uuidOf(QStringLiteral("users"), clerk.userId);
    }

    // A token of role, for WH1 only or (scoped false) for every warehouse.
    SyncSession sessionOf(Role role, bool scoped)
    {
        SyncSession s;
        s.deviceId = QStringLiteral("device-%1").arg(++devices);
        s.token.id = devices;
        s.token.name = QStringLiteral("token-%1").arg(devices);
        s.token.role = role;
        if (scoped) {
            s.token.warehouseIds = {warehouse.id};
            s.token.warehouseCodes = {warehouse.code};
        }
        return s;
    }

    QString userOf(Role role) const
    {
        return role == Role::Clerk ? clerkUuid : role == Role::Manager ? managerUuid : adminUuid;
    }

    QCborMap operation(const QString &kind, const QString &user, const QCborMap &body)
    {
        return {{key("seq"), ++seqOf[currentDevice]},
                {key("kind"), kind},
                {key("base"), Cursor{}.toBytes()},
                {key("user"), user},
                {key("body"), body}};
    }

    template<typename Change>
    QCborMap change(const QString &user, const Change &c)
    {
        return operation(QString::fromLatin1(Change::kind), user, c.toCbor());
    }

    QCborMap movementAt(const QString &user, const char *type, const Location &bin, qint64 delta)
    {
        const QCborMap body{{key("id"), Ids::create(clock.now().toMSecsSinceEpoch())},
                            {key("type"), QString::fromLatin1(type)},
                            {key("deviceSeq"), seqOf[currentDevice] + 1},
                            {key("at"), 0},
                            {key("legs"),
                             QCborArray{QCborMap{{key("product"), widget.uuid},
                                                 {key("location"), bin.uuid},
                                                 {key("delta"), delta}}}}};
        return operation(QStringLiteral("movement"), user, body);
    }

    // An open conflict for warehouse code (empty: every warehouse) about entity.
    QString openConflict(const QString &warehouseCode, const char *entity)
    {
        NewConflict entry;
        entry.type = qstrcmp(entity, "threshold") == 0 ? QStringLiteral("field")
                                                       : QStringLiteral("negative-stock");
        entry.entity = QString::fromLatin1(entity);
        entry.entityKey = widget.uuid;
        entry.detail = QStringLiteral("for the matrix");
        entry.warehouse = warehouseCode;
        return need(ConflictService::raise(*db, clock, entry, QStringLiteral("elsewhere"), 1),
                    "conflict");
    }

    // The operation's answer: "ok" when applied in any way, else the refusal's reason.
    QString answer(const SyncSession &s, const QCborMap &op)
    {
        const PushOutcome pushed = need(store->push(s, {op}), "push");
        if (pushed.results.isEmpty())
            return QStringLiteral("no answer");
        const QCborMap result = pushed.results.at(0).toMap();
        return result.value(key("outcome")).toString() == QLatin1String("rejected")
                   ? result.value(key("reason")).toString()
                   : QStringLiteral("ok");
    }

    Location other;
    Location otherBin;
    QString adminUuid;
    QString clerkUuid;
    int devices = 0;
    QString currentDevice;
    QHash<QString, qint64> seqOf;
};

TEST_F(SyncPermissionsTest, EveryOperationByRoleAndWarehouseAnswersAsPinned)
{
    struct Token
    {
        const char *name;
        Role role;
        bool scoped;
    };
    const Token tokens[] = {{"clerk of WH1", Role::Clerk, true},
                            {"manager of WH1", Role::Manager, true},
                            {"admin of WH1", Role::Admin, true},
                            {"manager of all", Role::Manager, false}};

    using Make = std::function<QCborMap(const QString &user)>;
    struct Operation
    {
        const char *name;
        Make make;
        std::array<const char *, 4> expected; // per token, in the order above
    };
    int made = 0;
    const Operation operations[] = {
        {"receipt in WH1",
         [&](const QString &u) { return movementAt(u, "receipt", binA, 5); },
         {"ok", "ok", "ok", "ok"}},
        {"receipt in WH2",
         [&](const QString &u) { return movementAt(u, "receipt", otherBin, 5); },
         {"out-of-scope", "out-of-scope", "out-of-scope", "ok"}},
        {"adjustment in WH1",
         [&](const QString &u) { return movementAt(u, "adjustment", binA, 1); },
         {"forbidden", "ok", "ok", "ok"}},
        {"adjustment in WH2",
         [&](const QString &u) { return movementAt(u, "adjustment", otherBin, 1); },
         {"forbidden", "out-of-scope", "out-of-scope", "ok"}},
        {"product.create",
         [&](const QString &u) {
             return change(u,
                           ProductCreated{Ids::create(clock.now().toMSecsSinceEpoch()),
                                          {QStringLiteral("NEW-%1").arg(++made),
                                           QStringLiteral("New"),
                                           {},
                                           QStringLiteral("EA"),
                                           false,
                                           {}}});
         },
         {"forbidden", "ok", "ok", "ok"}},
        {"product.edit",
         [&](const QString &u) {
             const Product now = *catalog->product(widget.id);
             return change(u,
                           ProductEdited{widget.uuid,
                                         now.version,
                                         {{QStringLiteral("name"),
                                           now.name,
                                           QStringLiteral("Widget %1").arg(++made)}}});
         },
         {"forbidden", "ok", "ok", "ok"}},
        {"product.barcode",
         [&](const QString &u) {
             return change(u, BarcodeLinked{widget.uuid, QStringLiteral("LINK-%1").arg(++made)});
         },
         {"forbidden", "ok", "ok", "ok"}},
        {"threshold.set for WH1",
         [&](const QString &u) {
             return change(u, ThresholdSet{widget.uuid, warehouse.uuid, 0, {}, {1, {}, {}}});
         },
         {"forbidden", "ok", "ok", "ok"}},
        {"threshold.set for WH2",
         [&](const QString &u) {
             return change(u, ThresholdSet{widget.uuid, other.uuid, 0, {}, {1, {}, {}}});
         },
         {"forbidden", "out-of-scope", "out-of-scope", "ok"}},
        {"threshold.set for every warehouse",
         [&](const QString &u) {
             return change(u, ThresholdSet{widget.uuid, QString(), 0, {}, {1, {}, {}}});
         },
         {"forbidden", "out-of-scope", "out-of-scope", "ok"}},
        {"conflict.resolve of WH1",
         [&](const QString &u) {
             return change(u, ConflictResolved{openConflict(warehouse.code, "stock")});
         },
         {"forbidden", "ok", "ok", "ok"}},
        {"conflict.resolve of WH2",
         [&](const QString &u) {
             return change(u, ConflictResolved{openConflict(other.code, "stock")});
         },
         {"forbidden", "out-of-scope", "out-of-scope", "ok"}},
        {"conflict.resolve of a product",
         [&](const QString &u) { return change(u, ConflictResolved{openConflict({}, "product")}); },
         {"forbidden", "ok", "ok", "ok"}},
        {"conflict.resolve of the limits over every warehouse",
         [&](const QString &u) {
             return change(u, ConflictResolved{openConflict({}, "threshold")});
         },
         {"forbidden", "out-of-scope", "out-of-scope", "ok"}},
    };

    for (std::size_t t = 0; t < std::size(tokens); ++t) {
        const SyncSession s = sessionOf(tokens[t].role, tokens[t].scoped);
        currentDevice = s.deviceId;
        for (const Operation &operation : operations) {
            EXPECT_EQ(answer(s, operation.make(userOf(tokens[t].role))),
                      QLatin1String(operation.expected[t]))
                << operation.name << " by the " << tokens[t].name;
        }
    }
}

TEST_F(SyncPermissionsTest, ATokenRecordsOnlyForUsersOfItsRoleOrBelowAndTheRefusalIsAudited)
{
    const QString service = need(users->serviceUser(QStringLiteral("erp"), Role::Manager),
                                 "service user");
    struct Case
    {
        const char *what;
        Role tokenRole;
        const char *tokenName;
        QString user;
        const char *expected;
    };
    const Case cases[] = {
        {"a manager token for a clerk", Role::Manager, "desk", clerkUuid, "ok"},
        {"a manager token for a manager", Role::Manager, "desk", managerUuid, "ok"},
        {"a manager token for an admin", Role::Manager, "desk", adminUuid, "forbidden"},
        {"a clerk token for a manager", Role::Clerk, "desk", managerUuid, "forbidden"},
        {"an admin token for a clerk", Role::Admin, "desk", clerkUuid, "ok"},
        {"another token for an integration's user", Role::Admin, "desk", service, "forbidden"},
        {"the integration's own token for its user", Role::Manager, "erp", service, "ok"},
    };
    for (const Case &c : cases) {
        SyncSession s = sessionOf(c.tokenRole, false);
        s.token.name = QString::fromLatin1(c.tokenName);
        currentDevice = s.deviceId;
        EXPECT_EQ(answer(s, movementAt(c.user, "receipt", binA, 1)), QLatin1String(c.expected))
            << c.what;
    }

    QSqlQuery audited(db->connection());
    ASSERT_TRUE(audited.exec(QStringLiteral("SELECT old_value, new_value FROM audit_log WHERE "
                                            "action = 'refuse-attribution' ORDER BY id")));
    QStringList refusals;
    while (audited.next())
        refusals << audited.value(0).toString() + u'>' + audited.value(1).toString();
    EXPECT_THAT(refusals,
                testing::ElementsAre(QStringLiteral("desk>ada"),
                                     QStringLiteral("desk>mina"),
                                     QStringLiteral("desk>api:erp")));
}

} // namespace
} // namespace Stockroom::Sync
