#pragma once

// The master-data commands: products, barcodes, locations and thresholds.
// Edits carry the version they were made against; MasterDataService refuses a stale one
// with a VersionConflict that shows both sides. Fields left empty are not changed.

#include "types.h"

#include <QStringList>

namespace Stockroom {

struct CreateProduct
{
    QString sku;
    QString name;
    QString localName;
    QString unit = QStringLiteral("EA");
    bool lotTracked = false;
    QStringList barcodes;

    friend bool operator==(const CreateProduct &, const CreateProduct &) = default;
};

struct EditProduct
{
    qint64 productId = 0;
    qint64 baseVersion = 0;
    std::optional<QString> name;
    std::optional<QString> localName;
    std::optional<QString> unit;
    std::optional<bool> archived;
};

struct AddBarcode
{
    qint64 productId = 0;
    QString code;
};

struct CreateLocation
{
    qint64 parentId = 0; // 0 creates a warehouse
    LocationKind kind = LocationKind::Bin;
    QString code;
    QString name;
    QString barcode; // optional
};

struct EditLocation
{
    qint64 locationId = 0;
    qint64 baseVersion = 0;
    std::optional<QString> name;
    std::optional<QString> barcode;
    std::optional<bool> archived;
};

// Sets all three limits at once; an empty optional clears that limit.
struct SetThreshold
{
    qint64 productId = 0;
    qint64 warehouseId = 0; // 0: the total over every warehouse
    qint64 baseVersion = 0; // 0 when creating
    std::optional<qint64> minQty;
    std::optional<qint64> maxQty;
    std::optional<qint64> reorderPoint;
};

} // namespace Stockroom
