// StockLedger's set-wise writing under group commit on PostgreSQL: the lines, stock rows
// and sums a transaction holds, written in a few statements before it commits (see
// holdsLines() in stockledger.h).
#include "stockledger.h"

#include "model/domain/tr.h"

#include <algorithm>

namespace Stockroom {

bool StockLedger::holdsLines() const
{
    return m_db.isPostgres() && m_db.stockStrategy() == StockStrategy::Group
           && m_db.inTransaction();
}

QString StockLedger::heldLineOf(const QString &id, const QString &deviceId, qint64 deviceSeq) const
{
    if (m_heldIds.contains(id))
        return id;
    return m_heldNumbers.value({deviceId, deviceSeq});
}

Result<qint64> StockLedger::nextSeq()
{
    // A block reserved from the sequence is this transaction's alone: under the writer lock
    // nobody else draws from it meanwhile, and the block is dropped when the transaction
    // ends (numbers left over are a gap, as a rollback leaves one), so that seq still
    // follows the order in which transactions commit.
    if (m_nextSeq == m_seqEnd) {
        auto query = prepared("SELECT setval(pg_get_serial_sequence('movements', 'seq'), "
                              "nextval(pg_get_serial_sequence('movements', 'seq')) + ? - 1)");
        if (!query)
            return std::unexpected(query.error());
        (*query)->bindValue(0, m_seqBlock);
        if (!(*query)->exec() || !(*query)->next())
            return std::unexpected(ledgerError(**query));
        const qint64 last = (*query)->value(0).toLongLong();
        (*query)->finish();
        m_nextSeq = last - m_seqBlock + 1;
        m_seqEnd = last + 1;
        m_seqBlock = std::min<qint64>(m_seqBlock * 2, 1024);
    }
    return m_nextSeq++;
}

Result<StockLevel> StockLedger::holdStock(const MovementLine &line, StockLevel level)
{
    const StockKey key{line.productId, line.locationId, line.lotId};
    auto held = m_heldStock.find(key);
    if (held == m_heldStock.end()) {
        held = m_heldStock.insert(key, HeldStock{level, level.version, 0, QString(), 0});
    } else if (held->level.version != level.version) {
        // The caller read the row before this transaction's last change to it.
        return fail(ErrorCode::Contended, changedMeanwhile(line));
    } else if (held->lastDevice != line.deviceId) {
        held->otherSeq = held->lastSeq;
    }
    held->level.quantity += line.delta;
    held->level.version += 1;
    held->lastSeq = line.seq;
    held->lastDevice = line.deviceId;
    return held->level;
}

Status StockLedger::writeHeld()
{
    if (auto lines = writeHeldLines(); !lines)
        return lines;
    return writeHeldStock();
}

Status StockLedger::writeHeldLines()
{
    const Database::RowsWrite lines = heldLinesWrite();
    if (lines.rows.isEmpty())
        return {};
    if (auto written = m_db.runRows(lines.sqlFor, lines.rows); !written)
        return std::unexpected(ledgerError(written.error()));
    m_heldLines.clear();
    m_heldIds.clear();
    m_heldNumbers.clear();
    return {};
}

Status StockLedger::writeHeldStock()
{
    const auto [update, insert] = heldStockWrites();
    auto updated = m_db.runRows(update.sqlFor, update.rows);
    if (!updated)
        return std::unexpected(updated.error());
    if (*updated != update.rows.size())
        return stockContended();
    if (auto inserted = m_db.runRows(insert.sqlFor, insert.rows); !inserted)
        return std::unexpected(inserted.error());
    m_heldStock.clear();
    return {};
}

Status StockLedger::flushSetWise()
{
    // A transaction of up to a thousand or so movements (a REST group) writes its lines,
    // stock rows and sums in one round trip; a larger one (a sync push) statement by
    // statement.
    const Database::RowsWrite lines = heldLinesWrite();
    const auto [update, insert] = heldStockWrites();
    const auto [daily, totals] = sumsWrites();
    const QList<Database::RowsWrite> writes{lines, update, insert, daily, totals};
    const bool small = std::all_of(writes.cbegin(), writes.cend(), [](const auto &write) {
        return write.rows.size() <= Database::rowsTogether;
    });
    QList<qint64> written;
    if (small) {
        auto together = m_db.runTogether(writes);
        if (!together)
            return std::unexpected(ledgerError(together.error()));
        written = *together;
    } else {
        for (const Database::RowsWrite &write : writes) {
            auto one = m_db.runRows(write.sqlFor, write.rows);
            if (!one)
                return std::unexpected(ledgerError(one.error()));
            written.append(*one);
        }
    }
    if (written.at(1) != update.rows.size())
        return stockContended();
    return {};
}

std::unexpected<Error> StockLedger::stockContended()
{
    return fail(ErrorCode::Contended,
                Tr::tr("Stock changed while this transaction was writing it."));
}

Database::RowsWrite StockLedger::heldLinesWrite() const
{
    QList<QVariantList> rows;
    rows.reserve(m_heldLines.size());
    for (const MovementLine &line : std::as_const(m_heldLines)) {
        rows.append({line.seq,
                     line.id,
                     line.index,
                     toString(line.type),
                     line.productId,
                     line.locationId,
                     line.lotId,
                     line.delta,
                     line.counted ? QVariant(*line.counted) : QVariant(),
                     line.deviceId,
                     line.deviceSeq,
                     line.userId,
                     line.occurredAt.toMSecsSinceEpoch(),
                     line.reason,
                     line.reference,
                     line.hash});
    }
    const auto insert = [](int count) {
        return QStringLiteral("INSERT INTO movements (seq, id, leg, type, product_id, location_id, "
                              "lot_id, delta, counted, device_id, device_seq, user_id, "
                              "occurred_at, reason, reference, hash) VALUES ")
               + Database::repeatRows(u"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count);
    };
    return {insert, rows};
}

std::pair<Database::RowsWrite, Database::RowsWrite> StockLedger::heldStockWrites() const
{
    QList<QVariantList> updates;
    QList<QVariantList> inserts;
    for (auto it = m_heldStock.cbegin(); it != m_heldStock.cend(); ++it) {
        const HeldStock &row = *it;
        const StockKey &key = it.key();
        if (row.baseVersion > 0) {
            updates.append({key.productId,
                            key.locationId,
                            key.lotId,
                            row.baseVersion,
                            row.level.quantity,
                            row.level.version,
                            row.lastSeq,
                            row.lastDevice,
                            row.otherSeq});
        } else {
            inserts.append({key.productId,
                            key.locationId,
                            key.lotId,
                            row.level.quantity,
                            row.level.version,
                            row.lastSeq,
                            row.lastDevice,
                            row.otherSeq});
        }
    }
    // Each row's marks as one UPDATE per write would have left them: other_seq is the last
    // line from another device than the last one, from this transaction if it has one.
    // Only a row still at the version it was read at is written: the caller counts them.
    const auto update = [](int count) {
        return QStringLiteral(
                   "UPDATE stock AS s SET quantity = v.quantity, version = v.version, "
                   "other_seq = CASE WHEN v.other_seq > 0 THEN v.other_seq "
                   "WHEN s.last_device = v.last_device THEN s.other_seq ELSE s.last_seq END, "
                   "last_seq = v.last_seq, last_device = v.last_device FROM (VALUES ")
               + Database::repeatRows(u"(CAST(? AS bigint), CAST(? AS bigint), CAST(? AS bigint), "
                                      u"CAST(? AS bigint), CAST(? AS bigint), CAST(? AS bigint), "
                                      u"CAST(? AS bigint), CAST(? AS text), CAST(? AS bigint))",
                                      count)
               + QStringLiteral(") AS v (product_id, location_id, lot_id, base_version, quantity, "
                                "version, last_seq, last_device, other_seq) "
                                "WHERE s.product_id = v.product_id AND s.location_id = "
                                "v.location_id AND s.lot_id = v.lot_id "
                                "AND s.version = v.base_version");
    };
    const auto insert = [](int count) {
        return QStringLiteral("INSERT INTO stock (product_id, location_id, lot_id, quantity, "
                              "version, last_seq, last_device, other_seq) VALUES ")
               + Database::repeatRows(u"(?, ?, ?, ?, ?, ?, ?, ?)", count);
    };
    return {{update, updates}, {insert, inserts}};
}

std::pair<Database::RowsWrite, Database::RowsWrite> StockLedger::sumsWrites() const
{
    // PostgreSQL adds to existing rows and makes new ones in one statement per batch.
    QList<QVariantList> daily;
    daily.reserve(m_heldDaily.size());
    for (auto it = m_heldDaily.cbegin(); it != m_heldDaily.cend(); ++it) {
        const DailyKey &key = it.key();
        daily.append(
            {key.day, key.productId, key.warehouseId, toString(key.type), it->in, it->out, it->lines});
    }
    QList<QVariantList> totals;
    totals.reserve(m_heldTotals.size());
    for (auto it = m_heldTotals.cbegin(); it != m_heldTotals.cend(); ++it)
        totals.append({it.key().first, it.key().second, *it});
    const auto addDaily = [](int count) {
        return QStringLiteral("INSERT INTO daily_movements (day, product_id, warehouse_id, type, "
                              "quantity_in, quantity_out, lines) VALUES ")
               + Database::repeatRows(u"(?, ?, ?, ?, ?, ?, ?)", count)
               + QStringLiteral(" ON CONFLICT (day, product_id, warehouse_id, type) DO UPDATE SET "
                                "quantity_in = daily_movements.quantity_in + "
                                "excluded.quantity_in, quantity_out = "
                                "daily_movements.quantity_out + excluded.quantity_out, "
                                "lines = daily_movements.lines + excluded.lines");
    };
    const auto addTotals = [](int count) {
        return QStringLiteral("INSERT INTO stock_totals (product_id, warehouse_id, quantity) "
                              "VALUES ")
               + Database::repeatRows(u"(?, ?, ?)", count)
               + QStringLiteral(" ON CONFLICT (product_id, warehouse_id) DO UPDATE SET "
                                "quantity = stock_totals.quantity + excluded.quantity");
    };
    return {{addDaily, daily}, {addTotals, totals}};
}

} // namespace Stockroom
