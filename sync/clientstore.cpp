#include "clientstore.h"

#include "model/ids.h"
#include "model/tr.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

const QString cursorSetting = QStringLiteral("sync.cursor");

Result<qint64> single(const Result<QSqlQuery *> &query)
{
    if (!query)
        return std::unexpected(query.error());
    const qint64 value = (*query)->next() ? (*query)->value(0).toLongLong() : 0;
    (*query)->finish();
    return value;
}

} // namespace

ClientStore::ClientStore(Database &db, StockLedger &ledger)
    : m_db(db)
    , m_ledger(ledger)
{}

Cursor ClientStore::cursor() const
{
    auto cursor = Cursor::fromBytes(QByteArray::fromHex(m_db.setting(cursorSetting).toLatin1()));
    return cursor ? *cursor : Cursor{};
}

Result<qint64> ClientStore::lastSeq() const
{
    return single(m_db.run(QStringLiteral("SELECT ifnull(max(seq), 0) FROM outbox")));
}

Result<qint64> ClientStore::firstPendingSeq() const
{
    return single(
        m_db.run(QStringLiteral("SELECT ifnull(min(seq), 0) FROM outbox WHERE state = 'pending'")));
}

Result<qint64> ClientStore::pendingCount() const
{
    return single(m_db.run(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")));
}

Result<QCborArray> ClientStore::operations(qint64 after, int limit)
{
    auto rows = m_db.prepare(QStringLiteral("SELECT o.seq, o.kind, o.ref, o.body, o.base, u.uuid "
                                            "FROM outbox o JOIN users u ON u.id = o.user_id "
                                            "WHERE o.seq > ? ORDER BY o.seq LIMIT ?"));
    if (!rows)
        return std::unexpected(rows.error());
    rows->addBindValue(after);
    rows->addBindValue(limit);
    if (auto done = Database::exec(*rows); !done)
        return std::unexpected(done.error());
    QCborArray ops;
    while (rows->next()) {
        const QString kind = rows->value(1).toString();
        QCborMap body;
        if (kind == QLatin1String("movement")) {
            auto movement = movementBody(rows->value(2).toString());
            if (!movement)
                return std::unexpected(movement.error());
            body = *movement;
        } else {
            body = QCborValue::fromCbor(rows->value(3).toByteArray()).toMap();
        }
        ops.append(QCborMap{{key("seq"), rows->value(0).toLongLong()},
                            {key("kind"), kind},
                            {key("base"), rows->value(4).toByteArray()},
                            {key("user"), rows->value(5).toString()},
                            {key("body"), body}});
    }
    return ops;
}

Result<QCborMap> ClientStore::movementBody(const QString &movementId)
{
    auto lines
        = m_db.run(QStringLiteral(
                       "SELECT m.type, p.uuid, l.uuid, ifnull(t.code, ''), ifnull(t.expiry, ''), "
                       "m.delta, m.counted, m.device_seq, m.occurred_at, m.reason, m.reference "
                       "FROM movements m JOIN products p ON p.id = m.product_id "
                       "JOIN locations l ON l.id = m.location_id "
                       "LEFT JOIN lots t ON t.id = m.lot_id AND m.lot_id <> 0 "
                       "WHERE m.id = ? ORDER BY m.leg"),
                   {movementId});
    if (!lines)
        return std::unexpected(lines.error());
    QSqlQuery &q = **lines;
    QCborMap body;
    QCborArray legs;
    while (q.next()) {
        if (legs.isEmpty()) {
            body = {{key("id"), movementId},
                    {key("type"), q.value(0).toString()},
                    {key("deviceSeq"), q.value(7).toLongLong()},
                    {key("at"), q.value(8).toLongLong()},
                    {key("reason"), q.value(9).toString()},
                    {key("reference"), q.value(10).toString()}};
        }
        const qint64 delta = q.value(5).toLongLong();
        QCborMap leg{{key("product"), q.value(1).toString()},
                     {key("location"), q.value(2).toString()},
                     {key("delta"), delta}};
        if (!q.value(3).toString().isEmpty()) {
            leg.insert(key("lot"), q.value(3).toString());
            leg.insert(key("expiry"), q.value(4).toString());
        }
        if (!q.value(6).isNull()) {
            // What the device counted against: its replica's stock, which the line's
            // delta brought to the counted quantity.
            const qint64 counted = q.value(6).toLongLong();
            leg.insert(key("counted"), counted);
            leg.insert(key("expected"), counted - delta);
        }
        legs.append(leg);
    }
    if (legs.isEmpty())
        return fail(ErrorCode::NotFound,
                    Tr::tr("The outbox refers to movement %1, which the ledger does not hold.")
                        .arg(movementId));
    body.insert(key("legs"), legs);
    return body;
}

Result<RecordedResults> ClientStore::record(const QCborArray &results)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    RecordedResults recorded;
    for (const QCborValue &value : results) {
        const QCborMap result = value.toMap();
        const qint64 seq = result.value(key("seq")).toInteger();
        const QString outcome = result.value(key("outcome")).toString();
        auto row = m_db.run(QStringLiteral("SELECT kind, ref, state FROM outbox WHERE seq = ?"),
                            {seq});
        if (!row)
            return std::unexpected(row.error());
        if (!(*row)->next())
            continue; // not an operation of ours: nothing to record
        const QString kind = (*row)->value(0).toString();
        const QString ref = (*row)->value(1).toString();
        const bool answered = (*row)->value(2).toString() != QLatin1String("pending");
        (*row)->finish();
        if (answered)
            continue;
        const QStringList states{QStringLiteral("applied"),
                                 QStringLiteral("rebased"),
                                 QStringLiteral("conflict"),
                                 QStringLiteral("rejected")};
        const QString state = states.contains(outcome) ? outcome : QStringLiteral("rejected");
        auto update = m_db.run(QStringLiteral("UPDATE outbox SET state = ?, outcome = ? "
                                              "WHERE seq = ?"),
                               {state, result.toCborValue().toCbor(), seq});
        if (!update)
            return std::unexpected(update.error());
        if (state == QLatin1String("rejected")) {
            ++recorded.rejected;
            if (kind == QLatin1String("movement")) {
                if (auto reversed = reverse(seq, ref, result); !reversed)
                    return std::unexpected(reversed.error());
            }
        } else {
            ++recorded.applied;
            recorded.conflicts += state == QLatin1String("conflict") ? 1 : 0;
        }
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return recorded;
}

Status ClientStore::reverse(qint64 seq, const QString &movementId, const QCborMap &result)
{
    auto lines = m_db.run(QStringLiteral("SELECT type, product_id, location_id, lot_id, delta, "
                                         "user_id FROM movements WHERE id = ? ORDER BY leg"),
                          {movementId});
    if (!lines)
        return std::unexpected(lines.error());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    LedgerEntry reversal;
    reversal.id = Ids::create(now);
    reversal.type = MovementType::Adjustment;
    reversal.deviceId = m_db.deviceId() + QStringLiteral("/local");
    reversal.occurredAt = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc());
    const QString message = result.value(key("message")).toString();
    reversal.reason = QStringLiteral("rejected by the server: ") + message;
    reversal.reference = movementId;
    QString type;
    while ((*lines)->next()) {
        const QSqlQuery &q = **lines;
        type = q.value(0).toString();
        reversal.userId = q.value(5).toLongLong();
        reversal.legs.append({q.value(1).toLongLong(),
                              q.value(2).toLongLong(),
                              q.value(3).toLongLong(),
                              -q.value(4).toLongLong(),
                              std::nullopt,
                              std::nullopt});
    }
    // A transfer's reversal is itself a transfer; one line is an adjustment.
    if (reversal.legs.size() == 2)
        reversal.type = MovementType::Transfer;
    if (!reversal.legs.isEmpty()) {
        if (auto appended = m_ledger.append(reversal); !appended)
            return std::unexpected(appended.error());
    }
    auto inbox
        = m_db.run(QStringLiteral(
                       "INSERT INTO conflicts (uuid, type, entity, entity_key, detail, device_id, "
                       "op_seq, mine, created_at) VALUES (?, 'rejected', 'movement', ?, ?, ?, ?, "
                       "?, ?)"),
                   {Ids::create(now),
                    movementId,
                    message,
                    m_db.deviceId(),
                    seq,
                    result.value(key("reason")).toString() + QStringLiteral(": ") + type,
                    now});
    if (!inbox)
        return std::unexpected(inbox.error());
    return {};
}

} // namespace Stockroom::Sync
