#pragma once

// StockLedger: the append-only movement ledger and the projections derived from it.
//
// append() writes one movement (one line, or two for a transfer), chains each line's
// hash to the line before it, and updates the projections in the same transaction: the
// caller's if one is open, its own otherwise. Stock on hand is written at once, because
// the rules read it. The daily totals and stock per product and warehouse are summed in
// memory and written once per key before the transaction commits or a savepoint begins,
// so a batch of thousands of movements writes each of those rows once. Readers of those
// tables inside an open transaction call Database::flushPendingWork() first.
//
// It does not judge whether a movement is allowed; MovementService does that first.
//
// verify() recomputes the hash chain and rebuilds every projection from the ledger, and
// reports each row that differs. Signals are emitted only after the transaction commits.

#include "ledgerverifier.h"
#include "model/domain/types.h"
#include "model/storage/database.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>

#include <functional>

namespace Stockroom {

struct LedgerLine
{
    qint64 productId = 0;
    qint64 locationId = 0;
    qint64 lotId = 0;
    qint64 delta = 0;
    std::optional<qint64> counted;
    // The stock as the caller read it in this transaction, to spare reading it again. The
    // write checks its version, so a wrong one fails instead of corrupting the projection.
    std::optional<StockLevel> before;
};

struct LedgerEntry
{
    QString id; // made on the device; a UUID
    MovementType type = MovementType::Receipt;
    QList<LedgerLine> lines; // one, or a transfer's two: out, then in
    qint64 userId = 0;
    QString deviceId;
    qint64 deviceSeq = 0; // 0: the next number of deviceId
    QDateTime occurredAt;
    QString reason;
    QString reference;
};

// What append() wrote: the lines, and per line the stock it left.
struct AppendedMovement
{
    QList<MovementLine> lines;
    QList<StockLevel> stock;
};

class StockLedger : public QObject, private PendingWork
{
    Q_OBJECT

public:
    explicit StockLedger(Database &db, QObject *parent = nullptr);
    ~StockLedger() override;

    Result<AppendedMovement> append(const LedgerEntry &entry);

    // The id of a product's lot by its code, created with expiry when it is new; 0 for an
    // empty code. It does not check an existing lot's expiry (MovementService does).
    Result<qint64> lotFor(qint64 productId, const QString &code, const QDate &expiry);

    // The stored stock of one (product, location, lot); quantity and version 0 when none.
    // Inside a transaction it includes what the transaction wrote.
    Result<StockLevel> stockLevel(qint64 productId, qint64 locationId, qint64 lotId);
    // The id of a movement this transaction holds unwritten (see holdsLines()) that has
    // this id, or this device and number; empty when there is none.
    QString heldLineOf(const QString &id, const QString &deviceId, qint64 deviceSeq) const;
    // The warehouse of a location the caller has read, so that holding a line there need
    // not read it again. (A location never moves to another warehouse: a trigger refuses.)
    void knowWarehouse(qint64 locationId, qint64 warehouseId);

    // progress(done, total) is called every few thousand movements. serverKey: the server's
    // pinned public key, which every signed checkpoint must be by (LedgerVerifier).
    Result<VerifyReport> verify(const std::function<void(qint64, qint64)> &progress = {},
                                const QByteArray &serverKey = {});
    // Rewrites every projection from the ledger (LedgerVerifier::repair) and returns the
    // verify report after it. Not inside a transaction.
    Result<VerifyReport> repair(const std::function<void(qint64, qint64)> &progress = {});

    // The hash of a ledger line, chained to the hash of the line before it.
    static QString lineHash(const QString &previousHash, const MovementLine &line);
    static QString genesisHash();

    // The day a moment falls on in the database's time zone, as days since 1970-01-01.
    qint64 dayOf(const QDateTime &moment) const;

Q_SIGNALS:
    void movementRecorded(const QList<Stockroom::MovementLine> &lines);
    void stockChanged(const Stockroom::StockLevel &level);

private:
    // Errors of the ledger's statements, said as such.
    static Error ledgerError(Error error);
    static Error ledgerError(const QSqlQuery &query);
    Result<QSqlQuery *> prepared(const char *sql);
    // Where the backends' dialects differ.
    Result<QSqlQuery *> prepared(const char *sqlite, const char *postgres);
    Result<qint64> nextDeviceSeq(const QString &deviceId);
    Result<QString> lastHash();
    Result<StockLevel> addToStock(const MovementLine &line, StockLevel level);
    static QString changedMeanwhile(const MovementLine &line);
    Result<StockLevel> applyToStock(const MovementLine &line,
                                    const std::optional<StockLevel> &before);
    Result<qint64> warehouseOf(qint64 locationId);
    Status hold(const MovementLine &line);
    Status flush() override;
    void discard() override;

    // Under group commit on PostgreSQL every statement is a round trip to the server, and
    // one transaction holds the writer lock from its start: nobody else writes the ledger
    // or stock meanwhile. There the lines and the stock rows a transaction writes are held
    // like the sums and written set-wise before it commits: the lines in multi-row INSERTs
    // (their seq numbers reserved from the sequence in blocks, so that they are known at
    // once), each stock row once with its last state, in one UPDATE ... FROM (VALUES ...).
    // What is held belongs to this ledger: one ledger writes per transaction (as the
    // server's stores, whose stock caches assume the same, each run transactions of their
    // own on a shared connection).
    bool holdsLines() const;
    Result<qint64> nextSeq();
    Result<StockLevel> holdStock(const MovementLine &line, StockLevel level);
    Status writeHeld();
    Status writeHeldLines();
    Status writeHeldStock();
    // PostgreSQL's flush: what the transaction holds, in as few round trips as it can.
    Status flushSetWise();
    static std::unexpected<Error> stockContended();
    Database::RowsWrite heldLinesWrite() const;
    std::pair<Database::RowsWrite, Database::RowsWrite> heldStockWrites() const; // update, insert
    std::pair<Database::RowsWrite, Database::RowsWrite> sumsWrites() const;      // daily, totals
    Status writeDaily(qint64 day,
                      qint64 productId,
                      qint64 warehouseId,
                      const QString &type,
                      qint64 in,
                      qint64 out,
                      qint64 lines);
    Status writeTotal(qint64 productId, qint64 warehouseId, qint64 delta);

    // Per-transaction sums for the daily totals and stock_totals, written once per key
    // when the transaction commits (see PendingWork).
    struct DailyKey
    {
        qint64 day;
        qint64 productId;
        qint64 warehouseId;
        MovementType type;
        friend bool operator==(const DailyKey &, const DailyKey &) = default;
        friend size_t qHash(const DailyKey &key, size_t seed = 0)
        {
            return qHashMulti(seed, key.day, key.productId, key.warehouseId, int(key.type));
        }
    };
    struct DailySums
    {
        qint64 in = 0;
        qint64 out = 0;
        qint64 lines = 0;
    };
    QHash<DailyKey, DailySums> m_heldDaily;
    QHash<QPair<qint64, qint64>, qint64> m_heldTotals; // (product, warehouse) -> delta
    QHash<qint64, qint64> m_warehouseOf;               // location -> warehouse

    // A stock row as this transaction leaves it. baseVersion is the version it had before
    // (0: the row is new); otherSeq the last line of this transaction from another device
    // than lastDevice (0: none, the row's own mark stands).
    struct HeldStock
    {
        StockLevel level;
        qint64 baseVersion = 0;
        qint64 lastSeq = 0;
        QString lastDevice;
        qint64 otherSeq = 0;
    };
    QList<MovementLine> m_heldLines;
    QHash<StockKey, HeldStock> m_heldStock;
    QSet<QString> m_heldIds;
    QHash<QPair<QString, qint64>, QString> m_heldNumbers; // (device, number) -> movement id
    qint64 m_nextSeq = 0; // the reserved block of seq numbers: [m_nextSeq, m_seqEnd)
    qint64 m_seqEnd = 0;
    qint64 m_seqBlock = 8; // the next block's size: from what the last transaction wrote
    // The ledger's own statements by their (static) text, to skip converting and hashing
    // the SQL on every use. The queries themselves belong to the database's cache.
    QHash<const char *, QSqlQuery *> m_statements;
    Status insertLine(MovementLine &line, const QString &previousHash);

    Database &m_db;
    QTimeZone m_zone;
    struct Day
    {
        qint64 start = 0; // UTC ms, inclusive
        qint64 end = 0;   // UTC ms, exclusive
        qint64 number = 0;
    };
    mutable Day m_lastDay;
};

} // namespace Stockroom

Q_DECLARE_METATYPE(Stockroom::StockLevel)
Q_DECLARE_METATYPE(Stockroom::MovementLine)
