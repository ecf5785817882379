#pragma once

// Who pushes operations (SyncSession), and what applying one of them did
// (AppliedOperation): its result as the device gets it ("seq", "outcome"; "reason" and
// "message" for a refusal, "conflict" for an entry it raised), the warehouses it touched,
// and whether it changed master data or the ledger. ServerStore and MasterDataMerge apply
// operations; docs/sync-protocol.md says what each outcome means.

#include "tokens.h"

#include "model/domain/clock.h"
#include "model/domain/records.h"
#include "model/storage/database.h"

#include <QCborMap>
#include <QSet>

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

struct AppliedOperation
{
    QCborMap result;
    QSet<qint64> warehouses;
    bool masterData = false;
    bool movement = false; // a movement written to the ledger

    // The result of operation seq: "applied", "rebased", ...
    static QCborMap outcome(qint64 seq, const char *what);
    static AppliedOperation refusal(qint64 seq, const char *reason, const QString &message);

    // Opens an entry of the conflict inbox that operation seq of the session's device,
    // made by userUuid, raised, and marks the outcome "conflict".
    Status raise(Database &db,
                 const Clock &clock,
                 const SyncSession &session,
                 qint64 seq,
                 const QString &userUuid,
                 const NewConflict &conflict);
};

} // namespace Stockroom::Sync
