#pragma once

// LedgerVerifier: proves that the stored projections and the hash chain agree with the
// ledger, or names every row where they do not.
//
// It first runs SQLite's integrity check of the whole file: a damaged file is reported as
// such, and nothing read from it is compared. It recomputes each line's hash from the stored hash of the line before it, so an edited
// line is reported by itself and a deleted one by the line after the gap. It then rebuilds
// stock on hand (quantity and version), stock per product and warehouse, and the daily
// totals from the ledger alone and compares them with what is stored, and names stock
// that the ledger takes beyond the range a row may hold, where sums would no longer be
// safe. It also checks what points into the ledger (historychecks.h): this device's
// numbers without gaps, queued operations whose movements are there under the same user,
// stock rows whose last line is there; and the server's signed checkpoints
// (checkpoints.h): each signed by the pinned key, each at a line whose hash it names.
// run() reads only; repair() writes the projections
// the ledger says.

#include "model/domain/error.h"

#include <QList>
#include <QString>
#include <QTimeZone>

#include <functional>

namespace Stockroom {

class Database;

struct VerifyIssue
{
    enum class Kind {
        HashMismatch,
        StockMismatch,
        TotalMismatch,
        DailyMismatch,
        OutOfRange,      // stock the ledger sums beyond what a row may hold (model/domain/limits.h)
        Corrupt,         // the file fails SQLite's integrity check: nothing else can be trusted
        SequenceGap,     // a number missing from this device's movements or operations
        MissingMovement, // a record points at a movement the ledger does not hold
        WrongUser,       // a movement under another user than the one who queued it
        Checkpoint,      // a signed checkpoint the ledger does not lead to, or a bad signature
    };
    Kind kind;
    QString where;    // the row: "movement seq 42", "stock product 3, location 7, lot 0"
    QString expected; // what the ledger says
    QString actual;   // what is stored
};

struct VerifyReport
{
    qint64 movementsChecked = 0;
    qint64 stockRowsChecked = 0;
    qint64 totalRowsChecked = 0;
    qint64 dailyRowsChecked = 0;
    qint64 checkpointsChecked = 0;
    qint64 newestCheckpoint = 0; // the seq of the newest signed checkpoint; 0 when none
    qint64 newestLine = 0;       // the ledger's newest seq
    QList<VerifyIssue> issues;
    bool isClean() const { return issues.isEmpty(); }
};

class LedgerVerifier
{
public:
    using Progress = std::function<void(qint64 done, qint64 total)>;

    LedgerVerifier(const Database &db, QTimeZone zone);
    // The server's Ed25519 public key, pinned outside the database: every checkpoint must
    // be signed by it. Without one, each is checked against the key it names.
    void pinServerKey(const QByteArray &publicKey) { m_serverKey = publicKey; }
    Result<VerifyReport> run(const Progress &progress = {}) const;

    // Rebuilds every projection (stock on hand, stock per product and warehouse, the daily
    // totals) from the ledger in one transaction, then verifies again and returns that
    // report. A damaged file, or a ledger that takes stock beyond its range, is refused
    // and left as it was. The ledger and its hash chain are never changed: a difference
    // in the chain is still reported afterwards.
    static Result<VerifyReport> repair(Database &db,
                                       const QTimeZone &zone,
                                       const Progress &progress = {});

private:
    Status checkCheckpoints(VerifyReport &report) const;

    const Database &m_db;
    QTimeZone m_zone;
    QByteArray m_serverKey;
};

} // namespace Stockroom
