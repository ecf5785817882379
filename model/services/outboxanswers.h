#pragma once

// OutboxAnswers: records the sync server's answers to a workstation's queued operations
// (outbox.h), and takes back locally what the server rejected, so that the workstation
// agrees with the server again and a person sees why in the conflict inbox:
// - a movement, by a compensating line of the device "<device>/local", which is never
//   queued (the ledger itself is never edited);
// - a product edit or a threshold, by restoring the values it was made on, which the
//   workstation had from the server;
// - a barcode link, by removing it; a conflict's decision, by opening the conflict again;
// - a product the server would not create stays, for a person to settle from the inbox.
//
// An answer to an operation answered before (a replay after a lost answer) changes
// nothing. record() runs in one transaction: all of the answers are recorded, or none.
// A kept chain link is written only to an operation that has none.
// The database, the ledger and the clock must outlive this; the clock dates the inbox
// entries and compensating lines it writes.

#include "model/domain/changes.h"
#include "model/domain/clock.h"
#include "model/domain/error.h"
#include "model/ledger/outboxreader.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Stockroom {

class Database;
class StockLedger;

struct OutboxAnswer
{
    enum class Outcome { Applied, Rebased, Conflict, Rejected };

    qint64 seq = 0;
    Outcome outcome = Outcome::Applied;
    // The whole answer as the server gave it (CBOR), kept with the operation; empty for a
    // plain "applied", which keeps nothing but its state.
    QByteArray stored;
    QString reason;  // a rejection's code, such as "insufficient-stock"
    QString message; // a rejection's words, for the inbox
};

struct RecordedAnswers
{
    int applied = 0; // applied, rebased or conflict: the server has the operation
    int rejected = 0;
    int conflicts = 0;
};

class OutboxAnswers
{
public:
    OutboxAnswers(Database &db, StockLedger &ledger, const Clock &clock);

    // Records the answers, and keeps the history chain's link after the last of them
    // when one is given (OutboxReader::keptLink).
    Result<RecordedAnswers> record(const QList<OutboxAnswer> &answers, const HistoryLink &link = {});

private:
    Status undoRejected(const OutboxAnswer &answer);
    Status reverse(const QString &movementId, const QString &message);
    Status unlinkBarcode(const BarcodeLinked &link);
    Status reopenConflict(const QString &uuid);
    Status restoreProduct(const ProductEdited &edit);
    Status restoreThreshold(const ThresholdSet &set);

    Database &m_db;
    StockLedger &m_ledger;
    const Clock &m_clock;
};

} // namespace Stockroom
