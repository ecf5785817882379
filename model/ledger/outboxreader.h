#pragma once

// OutboxReader: a workstation's queued operations (outbox.h), read for the sync client as
// plain values, named the way every device knows them: records by UUID, lots by code.
// The client encodes them for the wire (sync/protocol/); this is the only code that reads
// the outbox's and the ledger's rows for it, one query for a whole batch.
//
// It reads; it writes nothing. A movement's operation whose movement the ledger does not
// hold is an error (NotFound): the outbox and the ledger are written in one transaction,
// so that is a damaged database, and sending on would lose the movement.

#include "model/domain/error.h"
#include "model/domain/types.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace Stockroom {

class Database;

struct OutboxEntry
{
    // One line of a queued movement.
    struct Line
    {
        QString product;  // UUID
        QString location; // UUID
        QString lot;      // code; empty when none
        QString expiry;   // the lot's, ISO; empty when it has none
        qint64 delta = 0;
        std::optional<qint64> counted; // a count's
    };

    qint64 seq = 0;  // the operation's number on this device
    QString kind;    // "movement", or a master-data change's ("product.edit", ...)
    QByteArray base; // the sync cursor when it was queued (opaque here)
    QString user;    // who made it (UUID)
    QByteArray body; // a master-data change's body as it was queued (CBOR)

    // A movement's, as the ledger holds it.
    QString movementId;
    MovementType type = MovementType::Receipt;
    qint64 deviceSeq = 0;
    qint64 at = 0; // UTC ms since the epoch
    QString reason;
    QString reference;
    QList<Line> lines;
};

// Where a device's history chain (sync/protocol/historychain.h) stood after an operation.
struct HistoryLink
{
    qint64 seq = 0;  // 0: before the first operation
    QByteArray link; // empty: the chain's start
};

class OutboxReader
{
public:
    explicit OutboxReader(const Database &db);

    // The highest operation sequence; 0 when the outbox is empty.
    Result<qint64> lastSeq() const;
    // The first operation the server has not answered; 0 when there is none.
    Result<qint64> firstPendingSeq() const;
    Result<qint64> pendingCount() const;
    // The newest chain link kept at or before operation seq (the last of a push the server
    // answered); seq 0 and no link when none is kept.
    Result<HistoryLink> keptLink(qint64 seq) const;
    // Every link kept, in order.
    Result<QList<HistoryLink>> keptLinks() const;

    // At most limit operations after sequence after, in order, answered or not, handed to
    // take one at a time as each is read (the entry is take's to keep or move from); take
    // returns false to stop reading.
    using Take = std::function<bool(OutboxEntry &entry)>;
    Status read(qint64 after, int limit, const Take &take) const;

private:
    const Database &m_db;
};

} // namespace Stockroom
