#pragma once

// ClientStore: the workstation's side of sync, on the workstation's own database.
//
// Outgoing, it encodes the outbox's operations, read by the model's OutboxReader, as a push
// carries them, and hands the server's answers to the model's OutboxAnswers, which takes
// back locally what was rejected and puts it in the conflict inbox.
//
// Incoming, it applies a pulled page (users, locations, products, thresholds, conflicts,
// then movements) and moves the pull cursor in the same transaction, so a crash leaves
// either the whole page or none of it. Movements the workstation already has (its own,
// or a page applied before a crash) are skipped by id. Applying never writes to the
// outbox: what came from the server is not sent back.
//
// The caller owns the database, the ledger and the clock, and keeps them alive while this
// lives. The clock dates the conflicts and compensating lines it writes.

#include "sync/protocol/protocol.h"

#include "model/domain/clock.h"
#include "model/ledger/stockledger.h"
#include "model/services/outboxanswers.h"

#include <QHash>

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
    // caller can tell that it does not fit.
    Result<EncodedOperations> encodedOperations(qint64 after, int limit, qsizetype maxBytes);
    // The same as an array (tests and benchmarks look at it).
    Result<QCborArray> operations(qint64 after, int limit);
    // Records the server's answers to operations (the "results" of "pushed") through the
    // model's OutboxAnswers, which takes back what was rejected. An answer to an operation
    // that was answered before changes nothing.
    Result<RecordedAnswers> record(const QCborArray &results);

    // Applies a page of pulled items and stores next as the cursor. Returns how many
    // items changed something.
    Result<int> apply(const QCborArray &items, const Cursor &next);

private:
    // Each returns whether the item changed anything; a location whose parent has not
    // arrived yet returns std::nullopt and is tried again after the rest of the page.
    Result<std::optional<bool>> applyLocation(const QCborMap &item);
    Result<bool> applyUser(const QCborMap &item);
    Result<bool> applyProduct(const QCborMap &item);
    Result<bool> applyThreshold(const QCborMap &item);
    Result<bool> applyConflict(const QCborMap &item);
    Result<bool> applyMovement(const QCborMap &item);
    Result<bool> applyItem(const QCborMap &item);

    // The local id of a record by its UUID (products, locations, users); 0 when unknown.
    Result<qint64> idOf(const char *table, const QString &uuid);

    Database &m_db;
    StockLedger &m_ledger;
    const Clock &m_clock;
    QHash<QString, qint64> m_ids; // "table/uuid" -> id, for the length of one call
};

} // namespace Stockroom::Sync
