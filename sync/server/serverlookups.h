#pragma once

// ServerLookups: what a push names by UUID (products, locations, users, lots) as this
// database's ids, and the stock rows it changes, each read once per transaction.
//
// What was looked up holds while the transaction it was read in goes on: the pushes of a
// REST group share what the first one read. A new transaction, a savepoint or a rollback
// changes the database's write epoch, and forgetStale() starts the look-ups afresh.

#include "model/domain/types.h"
#include "model/ledger/stockledger.h"
#include "model/storage/database.h"

#include <QHash>

#include <unordered_map>

class QSqlQuery;

namespace Stockroom::Sync {

class ServerLookups
{
public:
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
        QString username;
    };
    // A stock row as the negative-stock rule and the stale-count check read it: its level,
    // and the last lines written to it.
    struct StockState
    {
        StockLevel level;
        qint64 lastSeq = 0;
        QString lastDevice;
        qint64 otherSeq = 0;
    };

    // The database and the ledger must outlive this.
    ServerLookups(Database &db, StockLedger &ledger);

    // Forgets what was read in an earlier transaction.
    void forgetStale();

    Result<std::optional<qint64>> product(const QString &uuid); // its id
    Result<std::optional<LocationRef>> location(const QString &uuid);
    // A warehouse's code, for a refusal's message or a conflict: read when first needed.
    Result<QString> warehouseCode(qint64 warehouseId);
    Result<std::optional<UserRef>> user(const QString &uuid);
    // A lot's id, the lot created when the server has not seen it: the device received it,
    // its goods exist. 0 for no code.
    Result<qint64> lotId(qint64 productId, const QString &code, const QString &expiry);
    Result<StockState> readStock(qint64 productId, qint64 locationId, qint64 lotId);
    // What this transaction's next reading of the rows a movement wrote would find.
    void rememberStock(const AppendedMovement &appended, const QString &deviceId);

    // A product the caller read in the open transaction, so that a push naming it by its
    // uuid does not read it again; and the same for a location and its warehouse.
    void knowProduct(const QString &uuid, qint64 id);
    void knowLocation(const QString &uuid, qint64 id, qint64 warehouseId);
    // A product created since it was looked up (and found missing).
    void forgetProduct(const QString &uuid);
    // On PostgreSQL under group commit: reads these stock rows in one statement for the
    // pushes of the open transaction to come, instead of one statement each.
    Status prefetchStock(const QList<StockKey> &keys);

private:
    // Whether this transaction holds the writer lock from its start, so that no stock row
    // it has read can change under it but by its own writes.
    bool writesAlone() const;
    // quantity, version, last_seq, last_device, other_seq from column first on.
    static void readStockColumns(const QSqlQuery &query, int first, StockState &row);

    Database &m_db;
    StockLedger &m_ledger;
    QHash<QString, qint64> m_products;
    QHash<QString, LocationRef> m_locations;
    QHash<qint64, QString> m_warehouseCodes; // by id
    QHash<QString, UserRef> m_users;
    QHash<QPair<qint64, QString>, qint64> m_lots;
    // Rows this transaction read or wrote (writesAlone()): a group's thousands of them,
    // looked up twice a movement, hashed rather than in a tree.
    std::unordered_map<StockKey, StockState, StockKey::Hash> m_stock;
    quint64 m_cacheEpoch = 0; // the Database::writeEpoch() the caches above were read in
};

} // namespace Stockroom::Sync
