#pragma once

// ServerStore: the server's side of push, on the server's own database.
//
// push() applies a device's batch of operations in one transaction, idempotently: each
// device's operations are applied in sequence order, a replayed one returns the outcome
// stored the first time, and the outcomes are stored with the changes. Conflicts follow
// docs/conflicts.md. Pulls are ChangeFeed's.

#include "changenotices.h"
#include "sync/protocol/protocol.h"
#include "tokens.h"

#include "model/domain/changes.h"
#include "model/domain/clock.h"
#include "model/domain/movementcommands.h"
#include "model/ledger/stockledger.h"
#include "model/services/conflictservice.h"

#include <QCborArray>
#include <QHash>
#include <QSet>

#include <unordered_map>

namespace Stockroom::Sync {

struct SyncSession
{
    QString deviceId;
    TokenInfo token;
    // The REST API's operations: numbered by this server (never replayed, so no outcome is
    // kept for a replay; the reply is kept by its Idempotency-Key) and with movement ids it
    // made itself (never already in the ledger).
    bool serverMade = false;
};

struct PushRequest
{
    SyncSession session;
    QCborArray ops;
};

struct PushOutcome
{
    QCborArray results;
    qint64 acked = 0;
    QSet<qint64> warehouses; // touched by what was applied, for notifications
    bool changedMasterData = false;
    qint64 movements = 0;                 // written to the ledger by this push
    std::optional<ProtocolError> refusal; // the whole push was refused; nothing applied
};

struct PushGroupOutcome
{
    QList<Result<PushOutcome>> pushes; // one for each push, in order
    std::optional<Error> groupError;   // why the group was applied again push by push
};

class ServerStore : private PendingWork
{
public:
    // The outcomes of each device's last keptOutcomes operations are kept for replays; a
    // replay of an older one is answered "applied" (it was), without its first details.
    // A client is never more than maxPushesInFlight pushes behind in recording answers, so
    // the default leaves a margin of twice that.
    static constexpr qint64 defaultKeptOutcomes = 2 * qint64(maxPushesInFlight) * defaultMaxBatch;
    // The server's connections to an embedded store (Database::setCheckpointPages). It
    // writes in groups of thousands of movements, and every group rewrites much the same
    // pages (the leaves of the ledger's randomly keyed indexes and of the stock table): a
    // checkpoint every 64 MiB of write-ahead log instead of SQLite's 4 MiB copies such a
    // page into the database file once for several groups, 5% of the writer's time
    // (sync_bench). The log's file grows to about that size and one group.
    static constexpr int checkpointPages = 16384;

    // The clock dates devices' last contact, conflicts and the server's own movements; it
    // must outlive this.
    ServerStore(Database &db,
                const Clock &clock,
                NegativeStockPolicy negativeStock = NegativeStockPolicy::Allow,
                qint64 keptOutcomes = defaultKeptOutcomes);
    ~ServerStore() override;

    // The highest operation of the device applied so far.
    Result<qint64> ackedSeq(const QString &deviceId);
    Result<PushOutcome> push(const SyncSession &session, const QCborArray &ops);
    // Group commit of pushes: applies each in turn, as push() would, in one transaction. A
    // refused push (out of order, malformed) is answered as such and the others go on. An
    // error from any of them rolls the group back; then each is applied again alone, so
    // that one push's failure holds no other back.
    PushGroupOutcome pushGroup(const QList<PushRequest> &pushes);
    // A product the caller read in the open transaction, so that a push naming it by its
    // uuid does not read it again.
    void knowProduct(const QString &uuid, qint64 id);
    // The same for a location and its warehouse.
    void knowLocation(const QString &uuid, qint64 id, qint64 warehouseId);
    // On PostgreSQL under group commit: reads these stock rows in one statement for the
    // pushes of the open transaction to come, instead of one statement each.
    Status prefetchStock(const QList<StockKey> &keys);

private:
    struct Applied
    {
        QCborMap result;
        QSet<qint64> warehouses;
        bool masterData = false;
        bool movement = false; // a movement written to the ledger
    };
    struct LocationRef
    {
        qint64 id = 0;
        qint64 warehouseId = 0;
    };
    struct UserRef
    {
        qint64 id = 0;
        Role role = Role::Clerk;
        bool active = false;
    };

    // What was looked up holds while the transaction it was read in goes on: the pushes of a
    // REST group share what the first one read. A new transaction, a savepoint or a rollback
    // changes the write epoch, and the lookups start afresh.
    void forgetStaleLookups();
    // Why the push cannot be applied as it stands (a malformed operation, a gap in the
    // device's sequence after acked), if it cannot.
    static std::optional<ProtocolError> checkSequence(const QCborArray &ops, qint64 acked);
    Result<QList<PushOutcome>> pushAll(const QList<PushRequest> &pushes);
    Result<Applied> apply(const SyncSession &session, qint64 seq, const QCborMap &op);
    Result<Applied> applyMovement(const SyncSession &session,
                                  qint64 seq,
                                  const Cursor &base,
                                  const UserRef &user,
                                  const QString &userUuid,
                                  const QCborMap &body);
    Result<Applied> applyProductCreate(const ProductCreated &created);
    Result<Applied> applyProductBarcode(qint64 seq, const BarcodeLinked &link);
    Result<Applied> applyProductEdit(const SyncSession &session,
                                     qint64 seq,
                                     const QString &userUuid,
                                     const ProductEdited &edit);
    Result<Applied> applyThreshold(const SyncSession &session,
                                   qint64 seq,
                                   const QString &userUuid,
                                   const ThresholdSet &set);
    Result<Applied> applyResolve(const QString &userUuid, const ConflictResolved &decision);
    // "mine": the device's side written over the server's, or a refusal (its reason) when
    // it cannot be, which leaves the conflict open.
    Result<std::optional<Applied>> keepMine(const ConflictRecord &conflict,
                                            const QString &userUuid,
                                            Applied &applied);
    // On a threshold's field conflict: the device's limit, unless the limits would no
    // longer fit together.
    Result<std::optional<Applied>> keepThresholdLimit(const ConflictRecord &conflict);
    // On a stale count: the count stands as of when it was made. The stock gets the
    // difference between what was counted and what the count left (the conflict's two
    // sides) as an adjustment by the person who decided; what moved since stays. Refused
    // when that would leave the stock below zero.
    Result<std::optional<Applied>> keepCount(const ConflictRecord &conflict,
                                             const QString &userUuid,
                                             Applied &applied);
    // What this transaction's next reading of the rows a movement wrote would find.
    void rememberStock(const AppendedMovement &appended, const QString &deviceId);
    static QCborMap outcome(qint64 seq, const char *what);
    static Applied refusal(qint64 seq, const char *reason, const QString &message);

    Result<std::optional<qint64>> product(const QString &uuid); // its id
    Result<std::optional<LocationRef>> location(const QString &uuid);
    // A warehouse's code, for a refusal's message or a conflict: read when first needed.
    Result<QString> warehouseCode(qint64 warehouseId);
    Result<std::optional<UserRef>> user(const QString &uuid);
    Result<qint64> lotId(qint64 productId, const QString &code, const QString &expiry);
    // A stock row as the negative-stock rule and the stale-count check read it: its level,
    // and the last lines written to it.
    struct StockState
    {
        StockLevel level;
        qint64 lastSeq = 0;
        QString lastDevice;
        qint64 otherSeq = 0;
    };
    // quantity, version, last_seq, last_device, other_seq from column first on.
    static void readStockColumns(const QSqlQuery &query, int first, StockState &row);
    Result<StockState> readStock(qint64 productId, qint64 locationId, qint64 lotId);
    // Whether this transaction holds the writer lock from its start, so that no stock row
    // it has read can change under it but by its own writes.
    bool writesAlone() const;
    // Stores the conflict, made by operation seq of the session's device, and marks the
    // operation's outcome as "conflict".
    Status raiseConflict(const SyncSession &session,
                         qint64 seq,
                         const QString &userUuid,
                         const NewConflict &conflict,
                         Applied &applied);
    Result<QCborValue> storedOutcome(const QString &deviceId, qint64 seq);
    // The REST API's devices' acknowledged sequences, written once per transaction rather
    // than once per write.
    Status flush() override;
    void discard() override;
    Status markDevice(const QString &deviceId, qint64 acked, qint64 tokenId);

    Database &m_db;
    const Clock &m_clock;
    NegativeStockPolicy m_negativeStock;
    qint64 m_keptOutcomes;
    StockLedger m_ledger;
    PendingNotices m_notices;
    QHash<QString, qint64> m_products;
    QHash<QString, LocationRef> m_locations;
    QHash<qint64, QString> m_warehouseCodes; // by id
    QHash<QString, UserRef> m_users;
    QHash<QPair<qint64, QString>, qint64> m_lots;
    QHash<QString, qint64> m_acked; // by device
    // Rows this transaction read or wrote (writesAlone()): a group's thousands of them,
    // looked up twice a movement, hashed rather than in a tree.
    std::unordered_map<StockKey, StockState, StockKey::Hash> m_stock;
    quint64 m_cacheEpoch = 0; // the Database::writeEpoch() the caches above were read in
    QHash<QString, std::pair<qint64, qint64>> m_deviceMarks; // acked seq and token, by device
};

} // namespace Stockroom::Sync
