#include "clientstore.h"

#include "model/domain/cbor.h"
#include "model/ledger/outboxreader.h"
#include "model/services/outboxanswers.h"
#include "sync/protocol/historychain.h"
#include "sync/protocol/movementmessage.h"

#include "model/domain/tr.h"

#include <QCborStreamWriter>

namespace Stockroom::Sync {

namespace {

const QString cursorSetting = QStringLiteral("sync.cursor");

// A queued movement into m, as a push carries it, taking the entry's texts. m's lines keep
// their room from one movement to the next.
void toPushed(OutboxEntry &op, MovementMessage &m)
{
    m.id = std::move(op.movementId);
    m.type = op.type;
    m.deviceSeq = op.deviceSeq;
    m.at = op.at;
    m.reason = std::move(op.reason);
    m.reference = std::move(op.reference);
    m.lines.clear();
    for (OutboxEntry::Line &line : op.lines) {
        MovementMessage::Line &out = m.lines.emplace_back();
        out.product = std::move(line.product);
        out.location = std::move(line.location);
        out.delta = line.delta;
        out.lot = std::move(line.lot);
        out.expiry = std::move(line.expiry);
        if (line.counted) {
            // What the device counted against: its replica's stock, which the line's delta
            // brought to the counted quantity.
            out.counted = line.counted;
            out.expected = *line.counted - line.delta;
        }
    }
}

} // namespace

ClientStore::ClientStore(Database &db, StockLedger &ledger, const Clock &clock)
    : m_db(db)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_replica(db, ledger)
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
    auto prev = linkAt(after);
    if (!prev)
        return std::unexpected(prev.error());
    auto ops = encode(after, limit, maxBytes, *prev);
    if (ops && ops->count > 0) {
        m_links.insert(ops->lastSeq, ops->head);
        // Links of pushes long answered are not asked for again.
        while (m_links.size() > 2 * maxPushesInFlight)
            m_links.erase(m_links.begin());
    }
    return ops;
}

Result<QByteArray> ClientStore::linkAt(qint64 seq)
{
    if (const auto known = m_links.constFind(seq); known != m_links.cend())
        return *known;
    auto kept = OutboxReader(m_db).keptLink(seq);
    if (!kept)
        return std::unexpected(kept.error());
    // From the newest link kept, over the operations since: none after a push answered, at
    // most the pushes that were on their way when a connection was lost, and once the
    // whole outbox, for a database that synced before links were kept.
    QByteArray link = kept->seq > 0 ? kept->link : HistoryChain::start();
    qint64 at = kept->seq;
    while (at < seq) {
        auto ops = encode(at,
                          int(std::min<qint64>(seq - at, defaultMaxBatch)),
                          std::numeric_limits<qsizetype>::max(),
                          link);
        if (!ops)
            return std::unexpected(ops.error());
        if (ops->count == 0) {
            return fail(ErrorCode::NotFound,
                        Tr::tr("The outbox holds no operation %1: it was damaged.").arg(at + 1));
        }
        link = ops->head;
        at = ops->lastSeq;
    }
    m_links.insert(seq, link);
    return link;
}

Result<HistoryLink> ClientStore::newestKeptLink() const
{
    return OutboxReader(m_db).keptLink(std::numeric_limits<qint64>::max());
}

Result<ClientStore::HistoryCheck> ClientStore::checkHistory()
{
    auto kept = OutboxReader(m_db).keptLinks();
    if (!kept)
        return std::unexpected(kept.error());
    HistoryCheck check;
    QByteArray link = HistoryChain::start();
    qint64 at = 0;
    // Up to each kept link, then to the end of the outbox.
    kept->append({std::numeric_limits<qint64>::max(), QByteArray()});
    for (const HistoryLink &next : std::as_const(*kept)) {
        while (at < next.seq) {
            auto ops = encode(at,
                              int(std::min<qint64>(next.seq - at, defaultMaxBatch)),
                              std::numeric_limits<qsizetype>::max(),
                              link);
            if (!ops)
                return std::unexpected(ops.error());
            if (ops->count == 0)
                break;
            check.operations += ops->count;
            link = ops->head;
            at = ops->lastSeq;
        }
        if (next.link.isEmpty())
            break;
        ++check.links;
        if (at != next.seq || link != next.link)
            check.differing.append(next.seq);
    }
    return check;
}

Result<EncodedOperations> ClientStore::encode(qint64 after,
                                              int limit,
                                              qsizetype maxBytes,
                                              const QByteArray &prev)
{
    EncodedOperations out;
    out.prev = prev;
    out.head = prev;
    qsizetype fitted = 0; // bytes of the operations that fit
    Status read;
    {
        QCborStreamWriter writer(&out.cbor);
        const auto entry = [&writer](const char *name, const auto &value) {
            writer.append(key(name));
            writer.append(value);
        };
        MovementMessage movement;
        read = OutboxReader(m_db).read(after, limit, [&](OutboxEntry &op) {
            const qsizetype start = out.cbor.size();
            writer.startMap(5);
            entry("seq", op.seq);
            entry("kind", op.kind);
            entry("base", op.base);
            entry("user", op.user);
            writer.append(key("body"));
            if (op.kind == QLatin1String("movement")) {
                toPushed(op, movement);
                movement.write(writer, MovementMessage::Form::Pushed);
            } else {
                QCborValue(readCbor(op.body).value_or(QCborValue()).toMap()).toCbor(writer);
            }
            writer.endMap();
            if (out.count > 0 && out.cbor.size() > maxBytes)
                return false;
            fitted = out.cbor.size();
            out.head = HistoryChain::next(out.head, QByteArrayView(out.cbor).sliced(start));
            if (out.count++ == 0)
                out.firstSeq = op.seq;
            out.lastSeq = op.seq;
            return true;
        });
    }
    if (!read)
        return std::unexpected(read.error());
    out.cbor.truncate(fitted); // the writer is gone: drop the operation that did not fit
    return out;
}

Result<RecordedAnswers> ClientStore::record(const QCborArray &results)
{
    QList<OutboxAnswer> answers;
    answers.reserve(results.size());
    for (const QCborValue &value : results) {
        const QCborMap result = value.toMap();
        OutboxAnswer answer;
        answer.seq = cborInteger(result.value(key("seq")));
        const QString outcome = result.value(key("outcome")).toString();
        answer.outcome = outcome == QLatin1String("applied")    ? OutboxAnswer::Outcome::Applied
                         : outcome == QLatin1String("rebased")  ? OutboxAnswer::Outcome::Rebased
                         : outcome == QLatin1String("conflict") ? OutboxAnswer::Outcome::Conflict
                                                                : OutboxAnswer::Outcome::Rejected;
        // A plain "applied" (its seq and outcome alone) keeps nothing but its state.
        if (answer.outcome != OutboxAnswer::Outcome::Applied || result.size() != 2)
            answer.stored = result.toCborValue().toCbor();
        answer.reason = result.value(key("reason")).toString();
        answer.message = result.value(key("message")).toString();
        answers.append(answer);
    }
    // The chain's link after the last operation answered, when this store encoded it.
    HistoryLink link;
    if (!answers.isEmpty()) {
        link.seq = answers.last().seq;
        link.link = m_links.value(link.seq);
        if (link.link.isEmpty())
            link.seq = 0;
    }
    return OutboxAnswers(m_db, m_ledger, m_clock).record(answers, link);
}

} // namespace Stockroom::Sync
