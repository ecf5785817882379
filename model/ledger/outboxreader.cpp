#include "outboxreader.h"

#include "model/domain/tr.h"
#include "model/storage/database.h"

#include <QScopeGuard>
#include <QSqlQuery>

namespace Stockroom {

namespace {

Result<qint64> single(const Result<QSqlQuery *> &query)
{
    if (!query)
        return std::unexpected(query.error());
    const qint64 value = (*query)->next() ? (*query)->value(0).toLongLong() : 0;
    (*query)->finish();
    return value;
}

} // namespace

OutboxReader::OutboxReader(const Database &db)
    : m_db(db)
{}

Result<qint64> OutboxReader::lastSeq() const
{
    return single(m_db.run(QStringLiteral("SELECT coalesce(max(seq), 0) FROM outbox")));
}

Result<qint64> OutboxReader::firstPendingSeq() const
{
    return single(m_db.run(
        QStringLiteral("SELECT coalesce(min(seq), 0) FROM outbox WHERE state = 'pending'")));
}

Result<qint64> OutboxReader::pendingCount() const
{
    return single(m_db.run(QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'pending'")));
}

Result<HistoryLink> OutboxReader::keptLink(qint64 seq) const
{
    auto query = m_db.run(QStringLiteral("SELECT seq, chain FROM outbox WHERE seq <= ? AND "
                                         "chain IS NOT NULL ORDER BY seq DESC LIMIT 1"),
                          {seq});
    if (!query)
        return std::unexpected(query.error());
    HistoryLink kept;
    if ((*query)->next())
        kept = {(*query)->value(0).toLongLong(), (*query)->value(1).toByteArray()};
    (*query)->finish();
    return kept;
}

Result<QList<HistoryLink>> OutboxReader::keptLinks() const
{
    auto query = m_db.run(
        QStringLiteral("SELECT seq, chain FROM outbox WHERE chain IS NOT NULL ORDER BY seq"));
    if (!query)
        return std::unexpected(query.error());
    QList<HistoryLink> kept;
    while ((*query)->next())
        kept.append({(*query)->value(0).toLongLong(), (*query)->value(1).toByteArray()});
    (*query)->finish();
    return kept;
}

Status OutboxReader::read(qint64 after, int limit, const Take &take) const
{
    // One read for the whole batch: each operation with its movement's lines, if any.
    auto rows
        = m_db.run(QStringLiteral(
                       "SELECT o.seq, o.kind, o.ref, o.body, o.base, u.uuid, m.type, p.uuid, "
                       "l.uuid, coalesce(t.code, ''), coalesce(t.expiry, ''), m.delta, m.counted, "
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
    const auto finishQuery = qScopeGuard([&q] { q.finish(); });
    // Rows come a movement line at a time: an entry is handed over once its last line is in.
    OutboxEntry entry;
    const auto handOver = [&entry, &take]() -> Result<bool> {
        if (entry.seq == 0)
            return true;
        if (entry.kind == QLatin1String("movement") && entry.lines.isEmpty()) {
            return fail(ErrorCode::NotFound,
                        Tr::tr("Operation %1 refers to a movement the ledger does not hold.")
                            .arg(entry.seq));
        }
        return take(entry);
    };
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        if (seq != entry.seq) {
            auto goOn = handOver();
            if (!goOn)
                return std::unexpected(goOn.error());
            if (!*goOn)
                return {};
            entry = OutboxEntry();
            entry.seq = seq;
            entry.kind = q.value(1).toString();
            entry.base = q.value(4).toByteArray();
            entry.user = q.value(5).toString();
            if (entry.kind == QLatin1String("movement")) {
                entry.movementId = q.value(2).toString();
                // The ledger's schema holds no other types.
                entry.type = movementTypeFromString(q.value(6).toString())
                                 .value_or(MovementType::Receipt);
                entry.deviceSeq = q.value(13).toLongLong();
                entry.at = q.value(14).toLongLong();
                entry.reason = q.value(15).toString();
                entry.reference = q.value(16).toString();
            } else {
                entry.body = q.value(3).toByteArray();
            }
        }
        if (q.value(6).isNull())
            continue; // not a movement, or a movement the ledger lacks (refused above)
        OutboxEntry::Line line;
        line.product = q.value(7).toString();
        line.location = q.value(8).toString();
        line.lot = q.value(9).toString();
        if (!line.lot.isEmpty())
            line.expiry = q.value(10).toString();
        line.delta = q.value(11).toLongLong();
        if (!q.value(12).isNull())
            line.counted = q.value(12).toLongLong();
        entry.lines.append(line);
    }
    auto last = handOver();
    if (!last)
        return std::unexpected(last.error());
    return {};
}

} // namespace Stockroom
