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
    // One read for the whole batch: each operation with its movement's lines, if any.
    auto rows
        = m_db.run(QStringLiteral(
                       "SELECT o.seq, o.kind, o.ref, o.body, o.base, u.uuid, m.type, p.uuid, "
                       "l.uuid, ifnull(t.code, ''), ifnull(t.expiry, ''), m.delta, m.counted, "
                       "m.device_seq, m.occurred_at, m.reason, m.reference "
                       "FROM (SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?) o "
                       "JOIN users u ON u.id = o.user_id "
                       "LEFT JOIN movements m ON o.kind = 'movement' AND m.id = o.ref "
                       "LEFT JOIN products p ON p.id = m.product_id "
                       "LEFT JOIN locations l ON l.id = m.location_id "
                       "LEFT JOIN lots t ON t.id = m.lot_id AND m.lot_id <> 0 "
                       "ORDER BY o.seq, m.leg"),
                   {after, limit});
    if (!rows)
        return std::unexpected(rows.error());
    QSqlQuery &q = **rows;
    QCborArray ops;
    QCborMap op;
    QCborMap body;
    QCborArray legs;
    qint64 current = 0;
    const auto finish = [&]() -> Status {
        if (current == 0)
            return {};
        if (op.value(key("kind")).toString() == QLatin1String("movement")) {
            if (legs.isEmpty())
                return fail(ErrorCode::NotFound,
                            Tr::tr("Operation %1 refers to a movement the ledger does not hold.")
                                .arg(current));
            body.insert(key("legs"), legs);
        }
        op.insert(key("body"), body);
        ops.append(op);
        return {};
    };
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        if (seq != current) {
            if (auto done = finish(); !done)
                return std::unexpected(done.error());
            current = seq;
            const QString kind = q.value(1).toString();
            op = {{key("seq"), seq},
                  {key("kind"), kind},
                  {key("base"), q.value(4).toByteArray()},
                  {key("user"), q.value(5).toString()}};
            legs = QCborArray();
            if (kind != QLatin1String("movement")) {
                body = QCborValue::fromCbor(q.value(3).toByteArray()).toMap();
                continue;
            }
            body = {{key("id"), q.value(2).toString()},
                    {key("type"), q.value(6).toString()},
                    {key("deviceSeq"), q.value(13).toLongLong()},
                    {key("at"), q.value(14).toLongLong()},
                    {key("reason"), q.value(15).toString()},
                    {key("reference"), q.value(16).toString()}};
        }
        if (q.value(6).isNull())
            continue; // not a movement, or a movement the ledger lacks (refused above)
        const qint64 delta = q.value(11).toLongLong();
        QCborMap leg{{key("product"), q.value(7).toString()},
                     {key("location"), q.value(8).toString()},
                     {key("delta"), delta}};
        if (!q.value(9).toString().isEmpty()) {
            leg.insert(key("lot"), q.value(9).toString());
            leg.insert(key("expiry"), q.value(10).toString());
        }
        if (!q.value(12).isNull()) {
            // What the device counted against: its replica's stock, which the line's
            // delta brought to the counted quantity.
            const qint64 counted = q.value(12).toLongLong();
            leg.insert(key("counted"), counted);
            leg.insert(key("expected"), counted - delta);
        }
        legs.append(leg);
    }
    if (auto done = finish(); !done)
        return std::unexpected(done.error());
    return ops;
}

Result<RecordedResults> ClientStore::record(const QCborArray &results)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    RecordedResults recorded;
    static const QStringList states{QStringLiteral("applied"),
                                    QStringLiteral("rebased"),
                                    QStringLiteral("conflict"),
                                    QStringLiteral("rejected")};
    for (const QCborValue &value : results) {
        const QCborMap result = value.toMap();
        const qint64 seq = result.value(key("seq")).toInteger();
        const QString outcome = result.value(key("outcome")).toString();
        const QString state = states.contains(outcome) ? outcome : QStringLiteral("rejected");
        // An operation answered before (a replay after a lost answer) keeps its answer.
        const qint64 before = m_db.totalChanges();
        auto update = m_db.run(QStringLiteral("UPDATE outbox SET state = ?, outcome = ? "
                                              "WHERE seq = ? AND state = 'pending'"),
                               {state, result.toCborValue().toCbor(), seq});
        if (!update)
            return std::unexpected(update.error());
        if (m_db.totalChanges() == before)
            continue;
        if (state != QLatin1String("rejected")) {
            ++recorded.applied;
            recorded.conflicts += state == QLatin1String("conflict") ? 1 : 0;
            continue;
        }
        ++recorded.rejected;
        auto row = m_db.run(QStringLiteral("SELECT kind, ref FROM outbox WHERE seq = ?"), {seq});
        if (!row)
            return std::unexpected(row.error());
        const bool movement = (*row)->next()
                              && (*row)->value(0).toString() == QLatin1String("movement");
        const QString ref = movement ? (*row)->value(1).toString() : QString();
        (*row)->finish();
        if (movement) {
            if (auto reversed = reverse(seq, ref, result); !reversed)
                return std::unexpected(reversed.error());
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
