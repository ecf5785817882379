#include "outboxanswers.h"

#include "conflictservice.h"

#include "model/domain/cbor.h"
#include "model/domain/ids.h"
#include "model/domain/limits.h"
#include "model/ledger/stockledger.h"
#include "model/storage/database.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlQuery>
#include <QTimeZone>

namespace Stockroom {

namespace {

QString stateOf(OutboxAnswer::Outcome outcome)
{
    switch (outcome) {
    case OutboxAnswer::Outcome::Applied:
        return QStringLiteral("applied");
    case OutboxAnswer::Outcome::Rebased:
        return QStringLiteral("rebased");
    case OutboxAnswer::Outcome::Conflict:
        return QStringLiteral("conflict");
    case OutboxAnswer::Outcome::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

bool plainlyApplied(const OutboxAnswer &answer)
{
    return answer.outcome == OutboxAnswer::Outcome::Applied && answer.stored.isEmpty();
}

} // namespace

OutboxAnswers::OutboxAnswers(Database &db, StockLedger &ledger, const Clock &clock)
    : m_db(db)
    , m_ledger(ledger)
    , m_clock(clock)
{}

Result<RecordedAnswers> OutboxAnswers::record(const QList<OutboxAnswer> &answers,
                                              const HistoryLink &link)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    RecordedAnswers recorded;
    for (qsizetype i = 0; i < answers.size();) {
        const OutboxAnswer &answer = answers.at(i);
        if (plainlyApplied(answer)) {
            // Most answers are a run of these, in order: one statement for the run.
            qint64 last = answer.seq;
            for (++i; i < answers.size(); ++i) {
                if (!plainlyApplied(answers.at(i)) || answers.at(i).seq != last + 1)
                    break;
                ++last;
            }
            const qint64 before = m_db.totalChanges();
            auto update = m_db.run(QStringLiteral("UPDATE OR FAIL outbox SET state = 'applied', "
                                                  "outcome = NULL WHERE seq BETWEEN ? AND ? AND "
                                                  "state = 'pending'"),
                                   {answer.seq, last});
            if (!update)
                return std::unexpected(update.error());
            recorded.applied += int(m_db.totalChanges() - before);
            continue;
        }
        ++i;
        // An operation answered before (a replay after a lost answer) keeps its answer.
        // OR FAIL: a one-row update needs no statement journal (which SQLCipher encrypts,
        // page by page; it was most of the time a workstation spent recording answers).
        const qint64 before = m_db.totalChanges();
        auto update = m_db.run(QStringLiteral("UPDATE OR FAIL outbox SET state = ?, outcome = ? "
                                              "WHERE seq = ? AND state = 'pending'"),
                               {stateOf(answer.outcome), answer.stored, answer.seq});
        if (!update)
            return std::unexpected(update.error());
        if (m_db.totalChanges() == before)
            continue;
        if (answer.outcome != OutboxAnswer::Outcome::Rejected) {
            ++recorded.applied;
            recorded.conflicts += answer.outcome == OutboxAnswer::Outcome::Conflict ? 1 : 0;
            continue;
        }
        ++recorded.rejected;
        if (auto undone = undoRejected(answer); !undone)
            return std::unexpected(undone.error());
    }
    if (link.seq > 0) {
        auto kept = m_db.run(QStringLiteral("UPDATE OR FAIL outbox SET chain = ? WHERE seq = ? "
                                            "AND chain IS NULL"),
                             {link.link, link.seq});
        if (!kept)
            return std::unexpected(kept.error());
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return recorded;
}

Status OutboxAnswers::undoRejected(const OutboxAnswer &answer)
{
    auto row = m_db.run(QStringLiteral("SELECT kind, ref, body FROM outbox WHERE seq = ?"),
                        {answer.seq});
    if (!row)
        return std::unexpected(row.error());
    if (!(*row)->next())
        return {};
    const QString kind = (*row)->value(0).toString();
    const QString ref = (*row)->value(1).toString();
    const QCborMap body = readCbor((*row)->value(2).toByteArray()).value_or(QCborValue()).toMap();
    (*row)->finish();

    // The bodies are the changes Outbox::addChange queued (model/domain/changes.h). One that
    // does not read back is not undone; the inbox still says that it was rejected.
    Status undone;
    QString entity = kind.section(QLatin1Char('.'), 0, 0);
    QString entityKey = ref;
    if (kind == QLatin1String("movement")) {
        undone = reverse(ref, answer.message);
    } else if (kind == QLatin1String(ProductEdited::kind)) {
        if (auto edit = ProductEdited::fromCbor(body)) {
            entityKey = edit->uuid;
            undone = restoreProduct(*edit);
        }
    } else if (kind == QLatin1String(BarcodeLinked::kind)) {
        if (auto link = BarcodeLinked::fromCbor(body)) {
            entityKey = link->uuid;
            undone = unlinkBarcode(*link);
        }
    } else if (kind == QLatin1String(ThresholdSet::kind)) {
        if (auto set = ThresholdSet::fromCbor(body)) {
            entityKey = set->product + QLatin1Char('/') + set->warehouse;
            undone = restoreThreshold(*set);
        }
    } else if (kind == QLatin1String(ConflictResolved::kind)) {
        // The server did not take the decision: its conflict is still open, and so is ours.
        entity = QStringLiteral("conflict");
        if (auto resolved = ConflictResolved::fromCbor(body)) {
            entityKey = resolved->conflict;
            undone = reopenConflict(entityKey);
        }
    } else if (auto created = ProductCreated::fromCbor(body)) {
        // A product the server would not create stays here, for a person to settle from
        // the inbox.
        entityKey = created->uuid;
    }
    if (!undone)
        return undone;
    NewConflict rejected;
    rejected.type = QStringLiteral("rejected");
    rejected.entity = entity;
    rejected.entityKey = entityKey;
    rejected.mine = answer.reason + QStringLiteral(": ") + kind;
    rejected.detail = answer.message;
    auto inbox = ConflictService::raise(m_db, m_clock, rejected, m_db.deviceId(), answer.seq);
    if (!inbox)
        return std::unexpected(inbox.error());
    return {};
}

Status OutboxAnswers::reopenConflict(const QString &uuid)
{
    auto reopened = m_db.run(QStringLiteral("UPDATE conflicts SET state = 'open', resolution = "
                                            "'', resolved_by = '', version = version + 1 "
                                            "WHERE uuid = ? AND state = 'resolved'"),
                             {uuid});
    if (!reopened)
        return std::unexpected(reopened.error());
    return {};
}

Status OutboxAnswers::unlinkBarcode(const BarcodeLinked &link)
{
    auto gone = m_db.run(QStringLiteral("DELETE FROM product_barcodes WHERE code = ? AND "
                                        "product_id = (SELECT id FROM products WHERE uuid = ?)"),
                         {link.code, link.uuid});
    if (!gone)
        return std::unexpected(gone.error());
    return {};
}

Status OutboxAnswers::reverse(const QString &movementId, const QString &message)
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
    // The server's words, within what a movement's reason may be (model/domain/limits.h),
    // so that the line exports and imports again like any other.
    QString reason = QStringLiteral("rejected by the server: ") + message;
    for (QChar &c : reason) {
        if (c.category() == QChar::Other_Control && c != u'\t')
            c = u' ';
    }
    if (reason.size() > Limits::reason) {
        reason.truncate(Limits::reason);
        if (reason.back().isHighSurrogate())
            reason.chop(1);
    }
    reversal.reason = reason;
    reversal.reference = movementId;
    while ((*lines)->next()) {
        const QSqlQuery &q = **lines;
        reversal.userId = q.value(4).toLongLong();
        reversal.lines.append({q.value(0).toLongLong(),
                               q.value(1).toLongLong(),
                               q.value(2).toLongLong(),
                               -q.value(3).toLongLong(),
                               std::nullopt,
                               std::nullopt});
    }
    if (reversal.lines.isEmpty())
        return {};
    // A transfer's reversal is itself a transfer; one line is an adjustment.
    if (reversal.lines.size() == 2)
        reversal.type = MovementType::Transfer;
    auto appended = m_ledger.append(reversal);
    if (!appended)
        return std::unexpected(appended.error());
    return {};
}

Status OutboxAnswers::restoreProduct(const ProductEdited &edit)
{
    // Back to the values the edit was made on: what this workstation had from the server.
    for (const ProductEdited::Field &field : edit.fields) {
        const QString column = productColumnOfField(field.name);
        if (column.isEmpty())
            continue;
        const QVariant value = field.was.isBool() ? QVariant(field.was.toBool())
                                                  : QVariant(field.was.toString());
        auto update
            = m_db.run(QStringLiteral("UPDATE products SET %1 = ? WHERE uuid = ?").arg(column),
                       {value, edit.uuid});
        if (!update)
            return std::unexpected(update.error());
    }
    return {};
}

Status OutboxAnswers::restoreThreshold(const ThresholdSet &set)
{
    // The row by the UUIDs the change named; a threshold over every warehouse has none (0).
    const QString row = QStringLiteral(
        "product_id = (SELECT id FROM products WHERE uuid = ?) AND warehouse_id = "
        "coalesce((SELECT id FROM locations WHERE uuid = ?), 0)");
    const auto limit = [](const std::optional<qint64> &value) {
        return value ? QVariant(*value) : QVariant();
    };
    auto write = set.baseVersion == 0
                     ? m_db.run(QStringLiteral("DELETE FROM thresholds WHERE ") + row,
                                {set.product, set.warehouse})
                     : m_db.run(QStringLiteral("UPDATE thresholds SET min_qty = ?, max_qty = ?, "
                                               "reorder_point = ? WHERE ")
                                    + row,
                                {limit(set.base.min),
                                 limit(set.base.max),
                                 limit(set.base.reorder),
                                 set.product,
                                 set.warehouse});
    if (!write)
        return std::unexpected(write.error());
    return {};
}

} // namespace Stockroom
