#pragma once

// MasterDataWriter: writes of master data decided elsewhere, namely the server's merge of
// the changes workstations push (docs/conflicts.md). MasterDataService is where a person's
// command is checked, audited and queued; this checks no role and writes no audit or outbox
// rows, since whoever decided the write has checked it. It keeps the tables' own rules: a
// record's version goes up by one with every change, a SKU or a barcode never belongs to
// two products.

#include "model/domain/changes.h"
#include "model/storage/database.h"

namespace Stockroom {

class MasterDataWriter
{
public:
    // The database must outlive this.
    explicit MasterDataWriter(Database &db);

    // The new product's id, or 0 when its SKU belongs to another product and nothing was
    // written. Its barcodes are linked as free codes; one another product has is left out.
    Result<qint64> createProduct(const ProductCreated &created);
    // Links a code that belongs to no product yet.
    Status linkBarcode(qint64 productId, const Barcode &barcode);
    // Sets a product's fields, named as a product edit names them ("localName"), and adds
    // one to its version. A name that is no field is refused.
    Status editProduct(qint64 productId, const QList<std::pair<QString, QVariant>> &fields);

    enum class Limit { Min, Max, Reorder };
    // Writes a threshold whole, with the version given.
    Status writeThreshold(const Threshold &threshold);
    // Sets one limit of an existing threshold (empty clears it) and adds one to its version.
    Status setThresholdLimit(qint64 productId,
                             qint64 warehouseId,
                             Limit limit,
                             std::optional<qint64> value);

private:
    Database &m_db;
};

} // namespace Stockroom
