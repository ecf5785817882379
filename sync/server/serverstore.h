#pragma once

// ServerStore: the server's side of push, on the server's own database.
//
// push() applies a device's batch of operations in one transaction, idempotently: each
// device's operations are applied in sequence order, a replayed one returns the outcome
// stored the first time, and the outcomes are stored with the changes. Conflicts follow
// docs/conflicts.md. Pulls are ChangeFeed's.

#include "appliedoperation.h"
#include "changenotices.h"
#include "historyanchor.h"
#include "mastermerge.h"
#include "serverlookups.h"
#include "sync/protocol/protocol.h"
#include "tokens.h"

#include "model/domain/changes.h"
#include "model/domain/clock.h"
#include "model/domain/movementcommands.h"
#include "model/ledger/stockledger.h"

#include <QCborArray>
#include <QHash>
#include <QSet>

namespace Stockroom::Sync {

struct PushRequest
{
    SyncSession session;
    QCborArray ops;
    QCborMap chain; // the push's "chain", if it has one
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

    // The highest operation of the device applied so far, and where its history chain was
    // recorded to stand.
    struct Device
    {
        qint64 acked = 0;
        HistoryAnchor anchor;
    };
    Result<Device> device(const QString &deviceId);
    Result<qint64> ackedSeq(const QString &deviceId);
    // A push that does not follow the device's history chain (historyanchor.h) is refused
    // as a whole, and the refusal is written to the audit log.
    Result<PushOutcome> push(const SyncSession &session,
                             const QCborArray &ops,
                             const QCborMap &chain = {});
    // Group commit of pushes: applies each in turn, as push() would, in one transaction. A
    // refused push (out of order, malformed) is answered as such and the others go on. An
    // error from any of them rolls the group back; then each is applied again alone, so
    // that one push's failure holds no other back.
    PushGroupOutcome pushGroup(const QList<PushRequest> &pushes);
    // A product the caller read in the open transaction, so that a push naming it by its
    // uuid does not read it again.
    void knowProduct(const QString &uuid, qint64 id) { m_lookups.knowProduct(uuid, id); }
    // The same for a location and its warehouse.
    void knowLocation(const QString &uuid, qint64 id, qint64 warehouseId)
    {
        m_lookups.knowLocation(uuid, id, warehouseId);
    }
    // On PostgreSQL under group commit: reads these stock rows in one statement for the
    // pushes of the open transaction to come, instead of one statement each.
    Status prefetchStock(const QList<StockKey> &keys) { return m_lookups.prefetchStock(keys); }

private:
    using Applied = AppliedOperation;
    using UserRef = ServerLookups::UserRef;

    // Why the push cannot be applied as it stands (a malformed operation, a gap in the
    // device's sequence after acked), if it cannot.
    static std::optional<ProtocolError> checkSequence(const QCborArray &ops, qint64 acked);
    Result<QList<PushOutcome>> pushAll(const QList<PushRequest> &pushes);
    Result<Applied> apply(const SyncSession &session, qint64 seq, const QCborMap &op);
    // Whether a token may record operations under a user's name.
    static bool mayRecordAs(const TokenInfo &token, const UserRef &user);
    Result<Applied> applyMovement(const SyncSession &session,
                                  qint64 seq,
                                  const Cursor &base,
                                  const UserRef &user,
                                  const QString &userUuid,
                                  const QCborMap &body);
    Result<QCborValue> storedOutcome(const QString &deviceId, qint64 seq);
    // The REST API's devices' acknowledged sequences, written once per transaction rather
    // than once per write.
    Status flush() override;
    void discard() override;
    Status markDevice(const QString &deviceId,
                      qint64 acked,
                      qint64 tokenId,
                      const HistoryAnchor &anchor = {});
    Status auditDivergence(const SyncSession &session, const ProtocolError &refusal);

    Database &m_db;
    const Clock &m_clock;
    NegativeStockPolicy m_negativeStock;
    qint64 m_keptOutcomes;
    StockLedger m_ledger;
    PendingNotices m_notices;
    ServerLookups m_lookups;
    MasterDataMerge m_masterData;
    QHash<QString, Device> m_devices; // read in the open write transaction
    quint64 m_devicesEpoch = 0;       // the Database::writeEpoch() m_devices was read in
    QHash<QString, std::pair<qint64, qint64>> m_deviceMarks; // acked seq and token, by device
};

} // namespace Stockroom::Sync
