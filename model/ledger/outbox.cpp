#include "outbox.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Stockroom {

Outbox::Outbox(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

bool Outbox::enabled() const
{
    return m_db.syncs();
}

Status Outbox::addMovement(const QString &movementId, qint64 userId)
{
    return add(QStringLiteral("movement"), movementId, QByteArray(), userId);
}

Status Outbox::addChange(const QString &kind, const QCborMap &body, qint64 userId)
{
    return add(kind, QString(), body.toCborValue().toCbor(), userId);
}

Status Outbox::add(const QString &kind, const QString &ref, const QByteArray &body, qint64 userId)
{
    const QByteArray base = QByteArray::fromHex(
        m_db.setting(QStringLiteral("sync.cursor")).toLatin1());
    auto query = m_db.run(QStringLiteral("INSERT INTO outbox (kind, ref, body, base, user_id, "
                                         "created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                          {kind,
                           ref,
                           body.isNull() ? QVariant() : QVariant(body),
                           base,
                           userId,
                           m_clock.msecsSinceEpoch()});
    if (!query)
        return std::unexpected(query.error());
    m_db.outboxQueued();
    return {};
}

Result<QHash<StockKey, qint64>> Outbox::pendingDeltas(const Database &db)
{
    auto rows = db.run(QStringLiteral("SELECT m.product_id, m.location_id, m.lot_id, sum(m.delta) "
                                      "FROM outbox o JOIN movements m ON m.id = o.ref "
                                      "WHERE o.state = 'pending' AND o.kind = 'movement' "
                                      "GROUP BY m.product_id, m.location_id, m.lot_id"));
    if (!rows)
        return std::unexpected(rows.error());
    QHash<StockKey, qint64> deltas;
    while ((*rows)->next()) {
        const QSqlQuery &q = **rows;
        deltas.insert({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()},
                      q.value(3).toLongLong());
    }
    return deltas;
}

} // namespace Stockroom
