#include "clientstore.h"

#include "model/domain/ids.h"
#include "model/domain/tr.h"
#include "model/ledger/outboxreader.h"
#include "sync/protocol/movementmessage.h"

#include <QCborStreamWriter>
#include <QDateTime>
#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

const QString cursorSetting = QStringLiteral("sync.cursor");

// A queued movement as a push carries it.
MovementMessage pushedMovement(const OutboxEntry &op)
{
    MovementMessage m;
    m.id = op.movementId;
    m.type = op.type;
    m.deviceSeq = op.deviceSeq;
    m.at = op.at;
    m.reason = op.reason;
    m.reference = op.reference;
    m.lines.reserve(op.lines.size());
    for (const OutboxEntry::Line &line : op.lines) {
        MovementMessage::Line out;
        out.product = line.product;
        out.location = line.location;
        out.delta = line.delta;
        out.lot = line.lot;
        out.expiry = line.expiry;
        if (line.counted) {
            // What the device counted against: its replica's stock, which the line's delta
            // brought to the counted quantity.
            out.counted = line.counted;
            out.expected = *line.counted - line.delta;
        }
        m.lines.append(out);
    }
    return m;
}

} // namespace

ClientStore::ClientStore(Database &db, StockLedger &ledger, const Clock &clock)
    : m_db(db)
    , m_ledger(ledger)
    , m_clock(clock)
{}

Cursor ClientStore::cursor() const
{
    auto cursor = Cursor::fromBytes(QByteArray::fromHex(m_db.setting(cursorSetting).toLatin1()));
    return cursor ? *cursor : Cursor{};
}

Result<qint64> ClientStore::lastSeq() const
{
    return OutboxReader(m_db).lastSeq();
}

Result<qint64> ClientStore::firstPendingSeq() const
{
    return OutboxReader(m_db).firstPendingSeq();
}

Result<qint64> ClientStore::pendingCount() const
{
    return OutboxReader(m_db).pendingCount();
}

Result<QCborArray> ClientStore::operations(qint64 after, int limit)
{
    auto encoded = encodedOperations(after, limit, std::numeric_limits<qsizetype>::max());
    if (!encoded)
        return std::unexpected(encoded.error());
    return decodeOperations(*encoded);
}

Result<EncodedOperations> ClientStore::encodedOperations(qint64 after, int limit, qsizetype maxBytes)
{
    auto entries = OutboxReader(m_db).operations(after, limit);
    if (!entries)
        return std::unexpected(entries.error());
    EncodedOperations out;
    qsizetype fitted = 0; // bytes of the operations that fit
    {
        QCborStreamWriter writer(&out.cbor);
        const auto entry = [&writer](const char *name, const auto &value) {
            writer.append(key(name));
            writer.append(value);
        };
        for (const OutboxEntry &op : std::as_const(*entries)) {
            writer.startMap(5);
            entry("seq", op.seq);
            entry("kind", op.kind);
            entry("base", op.base);
            entry("user", op.user);
            writer.append(key("body"));
            if (op.kind == QLatin1String("movement"))
                pushedMovement(op).write(writer, MovementMessage::Form::Pushed);
            else
                QCborValue(QCborValue::fromCbor(op.body).toMap()).toCbor(writer);
            writer.endMap();
            if (out.count > 0 && out.cbor.size() > maxBytes)
                break;
            fitted = out.cbor.size();
            if (out.count++ == 0)
                out.firstSeq = op.seq;
            out.lastSeq = op.seq;
        }
    }
    out.cbor.truncate(fitted); // the writer is gone: drop the operation that did not fit
    return out;
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
    // A plain "applied": nothing more to keep than the state it leaves the operation in.
    const auto plainlyApplied = [](const QCborMap &result) {
        return result.size() == 2
               && result.value(key("outcome")).toString() == QLatin1String("applied");
    };
    for (qsizetype i = 0; i < results.size();) {
        const QCborMap result = results.at(i).toMap();
        const qint64 seq = result.value(key("seq")).toInteger();
        if (plainlyApplied(result)) {
            // Most answers are a run of these, in order: one statement for the run.
            qint64 last = seq;
            for (++i; i < results.size(); ++i) {
                const QCborMap next = results.at(i).toMap();
                if (!plainlyApplied(next) || next.value(key("seq")).toInteger() != last + 1)
                    break;
                ++last;
            }
            const qint64 before = m_db.totalChanges();
            auto update = m_db.run(QStringLiteral("UPDATE OR FAIL outbox SET state = 'applied', "
                                                  "outcome = NULL WHERE seq BETWEEN ? AND ? AND "
                                                  "state = 'pending'"),
                                   {seq, last});
            if (!update)
                return std::unexpected(update.error());
            recorded.applied += int(m_db.totalChanges() - before);
            continue;
        }
        ++i;
        const QString outcome = result.value(key("outcome")).toString();
        const QString state = states.contains(outcome) ? outcome : QStringLiteral("rejected");
        // An operation answered before (a replay after a lost answer) keeps its answer.
        // OR FAIL: a one-row update needs no statement journal (which SQLCipher encrypts,
        // page by page; it was most of the time a workstation spent recording answers).
        const qint64 before = m_db.totalChanges();
        auto update = m_db.run(QStringLiteral("UPDATE OR FAIL outbox SET state = ?, outcome = ? "
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
        if (auto undone = undoRejected(seq, result); !undone)
            return std::unexpected(undone.error());
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return recorded;
}

Status ClientStore::undoRejected(qint64 seq, const QCborMap &result)
{
    auto row = m_db.run(QStringLiteral("SELECT kind, ref, body FROM outbox WHERE seq = ?"), {seq});
    if (!row)
        return std::unexpected(row.error());
    if (!(*row)->next())
        return {};
    const QString kind = (*row)->value(0).toString();
    const QString ref = (*row)->value(1).toString();
    const QCborMap body = QCborValue::fromCbor((*row)->value(2).toByteArray()).toMap();
    (*row)->finish();

    Status undone;
    QString entity = kind.section(QLatin1Char('.'), 0, 0);
    QString entityKey = ref;
    if (kind == QLatin1String("movement")) {
        undone = reverse(ref, result);
    } else if (kind == QLatin1String("product.edit")) {
        entityKey = body.value(key("uuid")).toString();
        undone = restoreProduct(body);
    } else if (kind == QLatin1String("product.barcode")) {
        entityKey = body.value(key("uuid")).toString();
        undone = unlinkBarcode(body);
    } else if (kind == QLatin1String("threshold.set")) {
        entityKey = body.value(key("product")).toString() + QLatin1Char('/')
                    + body.value(key("warehouse")).toString();
        undone = restoreThreshold(body);
    } else if (kind == QLatin1String("conflict.resolve")) {
        // The server did not take the decision: its conflict is still open, and so is ours.
        entity = QStringLiteral("conflict");
        entityKey = body.value(key("conflict")).toString();
        undone = reopenConflict(entityKey);
    } else {
        // A product the server would not create stays here, for a person to settle from
        // the inbox.
        entityKey = body.value(key("uuid")).toString();
    }
    if (!undone)
        return undone;
    const qint64 now = m_clock.msecsSinceEpoch();
    auto inbox
        = m_db.run(QStringLiteral(
                       "INSERT INTO conflicts (uuid, type, entity, entity_key, detail, device_id, "
                       "op_seq, mine, created_at) VALUES (?, 'rejected', ?, ?, ?, ?, ?, ?, ?)"),
                   {Ids::create(now),
                    entity,
                    entityKey,
                    result.value(key("message")).toString(),
                    m_db.deviceId(),
                    seq,
                    result.value(key("reason")).toString() + QStringLiteral(": ") + kind,
                    now});
    if (!inbox)
        return std::unexpected(inbox.error());
    return {};
}

Status ClientStore::reopenConflict(const QString &uuid)
{
    auto reopened = m_db.run(QStringLiteral("UPDATE conflicts SET state = 'open', resolution = "
                                            "'', resolved_by = '', version = version + 1 "
                                            "WHERE uuid = ? AND state = 'resolved'"),
                             {uuid});
    if (!reopened)
        return std::unexpected(reopened.error());
    return {};
}

Status ClientStore::unlinkBarcode(const QCborMap &body)
{
    auto gone = m_db.run(QStringLiteral("DELETE FROM product_barcodes WHERE code = ? AND "
                                        "product_id = (SELECT id FROM products WHERE uuid = ?)"),
                         {body.value(key("code")).toString(), body.value(key("uuid")).toString()});
    if (!gone)
        return std::unexpected(gone.error());
    return {};
}

Status ClientStore::reverse(const QString &movementId, const QCborMap &result)
{
    auto lines = m_db.run(QStringLiteral("SELECT product_id, location_id, lot_id, delta, user_id "
                                         "FROM movements WHERE id = ? ORDER BY leg"),
                          {movementId});
    if (!lines)
        return std::unexpected(lines.error());
    const qint64 now = m_clock.msecsSinceEpoch();
    LedgerEntry reversal;
    reversal.id = Ids::create(now);
    reversal.type = MovementType::Adjustment;
    reversal.deviceId = m_db.deviceId() + QStringLiteral("/local");
    reversal.occurredAt = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc());
    reversal.reason = QStringLiteral("rejected by the server: ")
                      + result.value(key("message")).toString();
    reversal.reference = movementId;
    while ((*lines)->next()) {
        const QSqlQuery &q = **lines;
        reversal.userId = q.value(4).toLongLong();
        reversal.legs.append({q.value(0).toLongLong(),
                              q.value(1).toLongLong(),
                              q.value(2).toLongLong(),
                              -q.value(3).toLongLong(),
                              std::nullopt,
                              std::nullopt});
    }
    if (reversal.legs.isEmpty())
        return {};
    // A transfer's reversal is itself a transfer; one line is an adjustment.
    if (reversal.legs.size() == 2)
        reversal.type = MovementType::Transfer;
    auto appended = m_ledger.append(reversal);
    if (!appended)
        return std::unexpected(appended.error());
    return {};
}

Status ClientStore::restoreProduct(const QCborMap &body)
{
    // Back to the values the edit was made on: what this workstation had from the server.
    const QCborMap base = body.value(key("base")).toMap();
    for (auto it = base.constBegin(); it != base.constEnd(); ++it) {
        const QString column = productColumn(it.key().toString());
        if (column.isEmpty())
            continue;
        const QVariant value = it.value().isBool() ? QVariant(it.value().toBool())
                                                   : QVariant(it.value().toString());
        auto update
            = m_db.run(QStringLiteral("UPDATE products SET %1 = ? WHERE uuid = ?").arg(column),
                       {value, body.value(key("uuid")).toString()});
        if (!update)
            return std::unexpected(update.error());
    }
    return {};
}

Status ClientStore::restoreThreshold(const QCborMap &body)
{
    auto product = idOf("products", body.value(key("product")).toString());
    auto warehouse = idOf("locations", body.value(key("warehouse")).toString());
    if (!product || !warehouse)
        return std::unexpected(!product ? product.error() : warehouse.error());
    const QCborMap base = body.value(key("base")).toMap();
    const auto limit = [&](const char *name) {
        const QCborValue value = base.value(key(name));
        return value.isInteger() ? QVariant(value.toInteger()) : QVariant();
    };
    auto write = base.value(key("version")).toInteger() == 0
                     ? m_db.run(QStringLiteral("DELETE FROM thresholds WHERE product_id = ? AND "
                                               "warehouse_id = ?"),
                                {*product, *warehouse})
                     : m_db.run(QStringLiteral("UPDATE thresholds SET min_qty = ?, max_qty = ?, "
                                               "reorder_point = ? WHERE product_id = ? AND "
                                               "warehouse_id = ?"),
                                {limit("min"), limit("max"), limit("reorder"), *product, *warehouse});
    if (!write)
        return std::unexpected(write.error());
    return {};
}

} // namespace Stockroom::Sync
