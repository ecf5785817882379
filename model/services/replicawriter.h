#pragma once

// ReplicaWriter: stores records another database sent (a workstation's replica of what the
// server's change feed pulled) in this database's tables, turning the UUIDs they name
// records by into this database's ids.
//
// A record replaces what was held of it: a user, location, product, threshold or conflict
// entry is written as it stands there, with its version. A movement goes through the
// ledger, with the ledger's own rules (hash chain, projections). Nothing written here goes
// to the outbox: what came from elsewhere is not sent back. The caller holds the
// transaction, so that a page of records is stored whole or not at all.

#include "model/domain/records.h"
#include "model/ledger/stockledger.h"
#include "model/storage/database.h"

#include <QHash>

namespace Stockroom {

class ReplicaWriter
{
public:
    // The database and the ledger must outlive this.
    ReplicaWriter(Database &db, StockLedger &ledger);

    // Each returns whether the record changed anything.
    Result<bool> write(const UserRecord &user);
    // std::nullopt when the location's parent is not here yet: write it after the parent.
    Result<std::optional<bool>> write(const LocationRecord &location);
    Result<bool> write(const ProductRecord &product);
    // false for a threshold of a product this database does not have.
    Result<bool> write(const ThresholdRecord &threshold);
    Result<bool> write(const ConflictRecord &conflict);
    // false for a movement this database has (its own, or one written before) and for one
    // with no line at a location this database holds (a transfer's other warehouse).
    Result<bool> write(const MovementRecord &movement);

    // Ids are looked up once and kept; call between transactions, since one rolled back
    // may have taken back records whose ids are kept.
    void forgetIds() { m_ids.clear(); }

private:
    // The local id of a record by its UUID (users, locations, products); 0 when unknown.
    Result<qint64> idOf(const char *table, const QString &uuid);

    Database &m_db;
    StockLedger &m_ledger;
    QHash<QString, qint64> m_ids; // "table/uuid" -> id
};

} // namespace Stockroom
