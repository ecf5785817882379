#pragma once

// Outbox: a workstation's operations waiting for the sync server.
//
// Once a database has joined a server (the setting "sync.server" is set), every local
// movement and master-data change adds one operation here, in the same transaction as the
// change itself, so an operation exists exactly when its change does. Its seq is the
// operation's number on this device. A movement's operation refers to the ledger (ref is
// the movement id); a master-data change carries its body, with the values it was made
// against. base is the sync cursor at the time: what the device had seen of the server.
// The sync client reads the pending operations in order and records each answer.

#include "model/domain/changes.h"
#include "model/domain/clock.h"
#include "model/domain/types.h"
#include "model/storage/database.h"

#include <QCborMap>
#include <QHash>

namespace Stockroom {

class Outbox
{
public:
    // The clock dates the operations it adds.
    Outbox(Database &db, const Clock &clock);

    // Whether this database syncs with a server.
    bool enabled() const;

    Status addMovement(const QString &movementId, qint64 userId);

    // What the movements the server has not answered yet changed here, summed per stock
    // row: how far this workstation's figures are ahead of the server's it last saw.
    static Result<QHash<StockKey, qint64>> pendingDeltas(const Database &db);
    // Queues a master-data change (model/domain/changes.h) made by userId.
    template<typename Change>
    Status addChange(const Change &change, qint64 userId)
    {
        return addChange(QString::fromLatin1(Change::kind), change.toCbor(), userId);
    }
    Status addChange(const QString &kind, const QCborMap &body, qint64 userId);

private:
    Status add(const QString &kind, const QString &ref, const QByteArray &body, qint64 userId);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace Stockroom
