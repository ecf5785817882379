#include "conflictservice.h"

#include "model/domain/ids.h"
#include "model/domain/tr.h"
#include "model/ledger/outbox.h"

#include <QCborMap>
#include <QSqlQuery>

namespace Stockroom {

ConflictDecisions decisionsFor(const QString &type)
{
    if (type == QLatin1String("stale-count"))
        return ConflictDecisions::Count;
    if (type == QLatin1String("negative-stock") || type == QLatin1String("rejected"))
        return ConflictDecisions::Acknowledge;
    return ConflictDecisions::Field;
}

ConflictService::ConflictService(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
{}

Status ConflictService::resolve(const Actor &actor,
                                const QString &conflictUuid,
                                ConflictChoice choice)
{
    if (auto allowed = actor.require(Permission::EditMasterData); !allowed)
        return allowed;
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto found = m_db.run(QStringLiteral("SELECT type, state, device_id FROM conflicts "
                                         "WHERE uuid = ?"),
                          {conflictUuid});
    if (!found)
        return std::unexpected(found.error());
    if (!(*found)->next())
        return fail(ErrorCode::NotFound, Tr::tr("There is no conflict %1.").arg(conflictUuid));
    const QString type = (*found)->value(0).toString();
    const bool open = (*found)->value(1).toString() == QLatin1String("open");
    (*found)->finish();
    if (!open)
        return fail(ErrorCode::VersionConflict,
                    Tr::tr("This conflict was resolved already, here or by someone else."));

    const bool local = type == QLatin1String("rejected");
    if (decisionsFor(type) == ConflictDecisions::Acknowledge)
        choice = ConflictChoice::Theirs; // nothing to choose: the server's side is what happened
    const QString resolution = local ? QStringLiteral("acknowledged") : toString(choice);
    if (!local) {
        Outbox outbox(m_db, m_clock);
        if (!outbox.enabled())
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("This database does not sync with a server, which decides "
                               "this conflict."));
        if (auto queued = outbox.addChange(ConflictResolved{conflictUuid, choice}, actor.userId);
            !queued)
            return queued;
    }
    if (auto closed = close(m_db, conflictUuid, resolution, actor.username); !closed)
        return closed;
    m_db.afterCommit(this, [this, conflictUuid] { Q_EMIT resolved(conflictUuid); });
    return tx->commit();
}

Status ConflictService::close(Database &db,
                              const QString &conflictUuid,
                              const QString &resolution,
                              const QString &resolvedBy)
{
    auto close = db.run(QStringLiteral("UPDATE conflicts SET state = 'resolved', resolution = ?, "
                                       "resolved_by = ?, version = version + 1 WHERE uuid = ?"),
                        {resolution, resolvedBy, conflictUuid});
    if (!close)
        return std::unexpected(close.error());
    return {};
}

Result<QString> ConflictService::raise(Database &db,
                                       const Clock &clock,
                                       const NewConflict &entry,
                                       const QString &deviceId,
                                       qint64 opSeq,
                                       const QString &userUuid)
{
    const qint64 now = clock.msecsSinceEpoch();
    const QString uuid = Ids::create(now);
    auto insert
        = db.run(QStringLiteral(
                     "INSERT INTO conflicts (uuid, type, entity, entity_key, field, base, "
                     "theirs, mine, detail, warehouse, device_id, op_seq, user_uuid, created_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {uuid,
                  entry.type,
                  entry.entity,
                  entry.entityKey,
                  entry.field,
                  entry.base,
                  entry.theirs,
                  entry.mine,
                  entry.detail,
                  entry.warehouse,
                  deviceId,
                  opSeq,
                  userUuid,
                  now});
    if (!insert)
        return std::unexpected(insert.error());
    return uuid;
}

} // namespace Stockroom
