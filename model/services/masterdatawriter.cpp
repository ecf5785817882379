#include "masterdatawriter.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

QVariant orNull(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

MasterDataWriter::MasterDataWriter(Database &db)
    : m_db(db)
{}

Result<qint64> MasterDataWriter::createProduct(const ProductCreated &created)
{
    const CreateProduct &product = created.product;
    auto insert = m_db.run(m_db.sql("INSERT OR IGNORE INTO products (uuid, sku, name, "
                                    "local_name, unit, lot_tracked) VALUES (?, ?, ?, ?, ?, ?)",
                                    "INSERT INTO products (uuid, sku, name, local_name, unit, "
                                    "lot_tracked) VALUES (?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT DO NOTHING RETURNING id"),
                           {created.uuid,
                            product.sku,
                            product.name,
                            product.localName,
                            product.unit,
                            product.lotTracked});
    if (!insert)
        return std::unexpected(insert.error());
    const qint64 id = m_db.insertedId(**insert);
    if (id == 0)
        return 0;
    for (const QString &code : product.barcodes) {
        auto barcode = m_db.run(m_db.sql("INSERT OR IGNORE INTO product_barcodes (code, "
                                         "product_id, symbology) VALUES (?, ?, 'free')",
                                         "INSERT INTO product_barcodes (code, product_id, "
                                         "symbology) VALUES (?, ?, 'free') ON CONFLICT DO NOTHING"),
                                {code, id});
        if (!barcode)
            return std::unexpected(barcode.error());
    }
    return id;
}

Status MasterDataWriter::linkBarcode(qint64 productId, const Barcode &barcode)
{
    auto insert = m_db.run(QStringLiteral("INSERT INTO product_barcodes (code, product_id, "
                                          "symbology) VALUES (?, ?, ?)"),
                           {barcode.code, productId, toString(barcode.symbology)});
    if (!insert)
        return std::unexpected(insert.error());
    return {};
}

Status MasterDataWriter::editProduct(qint64 productId,
                                     const QList<std::pair<QString, QVariant>> &fields)
{
    if (fields.isEmpty())
        return {};
    QStringList assignments;
    QVariantList values;
    for (const auto &[field, value] : fields) {
        const QString column = productColumnOfField(field);
        if (column.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        QStringLiteral("A product has no field \"%1\".").arg(field));
        assignments << column + QStringLiteral(" = ?");
        values << value;
    }
    values << productId;
    auto update = m_db.run(QStringLiteral("UPDATE products SET %1, version = version + 1 "
                                          "WHERE id = ?")
                               .arg(assignments.join(QStringLiteral(", "))),
                           values);
    if (!update)
        return std::unexpected(update.error());
    return {};
}

Status MasterDataWriter::writeThreshold(const Threshold &threshold)
{
    auto write = m_db.run(m_db.sql("INSERT OR REPLACE INTO thresholds (product_id, "
                                   "warehouse_id, min_qty, max_qty, reorder_point, version) "
                                   "VALUES (?, ?, ?, ?, ?, ?)",
                                   "INSERT INTO thresholds (product_id, warehouse_id, min_qty, "
                                   "max_qty, reorder_point, version) VALUES (?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (product_id, warehouse_id) DO UPDATE SET "
                                   "min_qty = excluded.min_qty, max_qty = excluded.max_qty, "
                                   "reorder_point = excluded.reorder_point, "
                                   "version = excluded.version"),
                          {threshold.productId,
                           threshold.warehouseId,
                           orNull(threshold.minQty),
                           orNull(threshold.maxQty),
                           orNull(threshold.reorderPoint),
                           threshold.version});
    if (!write)
        return std::unexpected(write.error());
    return {};
}

Status MasterDataWriter::setThresholdLimit(qint64 productId,
                                           qint64 warehouseId,
                                           Limit limit,
                                           std::optional<qint64> value)
{
    const char *column = limit == Limit::Min   ? "min_qty"
                         : limit == Limit::Max ? "max_qty"
                                               : "reorder_point";
    auto update = m_db.run(QStringLiteral("UPDATE thresholds SET %1 = ?, version = version + 1 "
                                          "WHERE product_id = ? AND warehouse_id = ?")
                               .arg(QLatin1String(column)),
                           {orNull(value), productId, warehouseId});
    if (!update)
        return std::unexpected(update.error());
    return {};
}

} // namespace Stockroom
