#pragma once

// RecordReader: records of this database as another is handed them (the server's change
// feed), named by UUID; the counterpart of ReplicaWriter. Each read is of one record as it
// stands now, std::nullopt when it is no longer there.

#include "model/domain/records.h"
#include "model/storage/database.h"

namespace Stockroom {

class RecordReader
{
public:
    // The database must outlive this.
    explicit RecordReader(Database &db);

    Result<std::optional<UserRecord>> user(const QString &uuid);
    // With the id of the warehouse it is in (its own for a warehouse), for whom may see it.
    struct PlacedLocation
    {
        LocationRecord location;
        qint64 warehouseId = 0;
    };
    Result<std::optional<PlacedLocation>> location(const QString &uuid);
    Result<std::optional<ProductRecord>> product(const QString &uuid);
    // A threshold by this database's ids; warehouseId 0 for the total over every warehouse.
    Result<std::optional<ThresholdRecord>> threshold(qint64 productId, qint64 warehouseId);
    Result<std::optional<ConflictRecord>> conflict(const QString &uuid);

private:
    Database &m_db;
};

} // namespace Stockroom
