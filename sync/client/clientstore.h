#pragma once

// ClientStore: the workstation's side of sync, on the workstation's own database.
//
// Outgoing, it encodes the outbox's operations, read by the model's OutboxReader, as a push
// carries them, and hands the server's answers to the model's OutboxAnswers, which takes
// back locally what was rejected and puts it in the conflict inbox.
//
// Incoming, it decodes a pulled page (users, locations, products, thresholds, conflicts,
// then movements) and stores it through the model's ReplicaWriter, moving the pull cursor
// in the same transaction, so a crash leaves either the whole page or none of it.
// Movements the workstation already has (its own, or a page applied before a crash) are
// skipped by id. Applying never writes to the outbox: what came from the server is not
// sent back. It runs no SQL of its own.
//
// The caller owns the database, the ledger and the clock, and keeps them alive while this
// lives. The clock dates the conflicts and compensating lines it writes.

#include "sync/protocol/protocol.h"

#include "model/domain/clock.h"
#include "model/ledger/stockledger.h"
#include "model/services/outboxanswers.h"
#include "model/services/replicawriter.h"

#include <QMap>

namespace Stockroom::Sync {

class ClientStore
{
public:
    ClientStore(Database &db, StockLedger &ledger, const Clock &clock);

    // The pull cursor: what this workstation has seen of the server.
    Cursor cursor() const;
    // The highest operation sequence in the outbox; 0 when it is empty.
    Result<qint64> lastSeq() const;
    // The first operation the server has not answered; 0 when there is none.
    Result<qint64> firstPendingSeq() const;
    Result<qint64> pendingCount() const;

    // At most limit operations after sequence after, encoded as a push sends them, and no
    // more than fit in maxBytes; the first always comes, whatever its size, so that the
    // caller can tell that it does not fit. With them, the history chain's link before
    // them and after them (sync/protocol/historychain.h).
    Result<EncodedOperations> encodedOperations(qint64 after, int limit, qsizetype maxBytes);
    // The history chain's link after operation seq, computed from the outbox (from the
    // newest link kept before it). Ignores no operation: a changed one changes the link.
    Result<QByteArray> linkAt(qint64 seq);
    // The newest link kept with the server's answers, which hello names.
    Result<HistoryLink> newestKeptLink() const;
    // Follows the history chain over the whole outbox, from its start, and names each kept
    // link it does not reach: an operation changed after the server answered it. (One the
    // insider also changed the kept links for is refused by the server instead.)
    struct HistoryCheck
    {
        qint64 operations = 0;   // followed
        qint64 links = 0;        // kept links compared
        QList<qint64> differing; // the operations whose kept link differs
    };
    Result<HistoryCheck> checkHistory();
    // The same as an array (tests and benchmarks look at it).
    Result<QCborArray> operations(qint64 after, int limit);
    // Records the server's answers to operations (the "results" of "pushed") through the
    // model's OutboxAnswers, which takes back what was rejected, and keeps the chain's link
    // after the last of them. An answer to an operation that was answered before changes
    // nothing.
    Result<RecordedAnswers> record(const QCborArray &results);

    // Applies a page of pulled items and stores next as the cursor. Returns how many
    // items changed something.
    Result<int> apply(const QCborArray &items, const Cursor &next);

private:
    Result<EncodedOperations> encode(qint64 after,
                                     int limit,
                                     qsizetype maxBytes,
                                     const QByteArray &prev);
    // Applies an item of a page other than a location; whether it changed anything.
    Result<bool> applyItem(const QCborMap &item);
    template<typename Record>
    Result<bool> applyRecord(const QCborMap &item);

    Database &m_db;
    StockLedger &m_ledger;
    const Clock &m_clock;
    ReplicaWriter m_replica;
    // The links after the pushes encoded lately, by their last operation: the next push
    // starts from one, and an answer keeps one.
    QMap<qint64, QByteArray> m_links;
};

} // namespace Stockroom::Sync
