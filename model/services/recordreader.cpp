#include "recordreader.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

// A column that may be NULL: an invalid variant for NULL.
QVariant valueOrNull(const QSqlQuery &query, int column)
{
    const QVariant value = query.value(column);
    return value.isNull() ? QVariant() : value;
}

std::optional<qint64> integerOrNull(const QSqlQuery &query, int column)
{
    const QVariant value = query.value(column);
    return value.isNull() ? std::nullopt : std::optional(value.toLongLong());
}

} // namespace

RecordReader::RecordReader(Database &db)
    : m_db(db)
{}

Result<std::optional<UserRecord>> RecordReader::user(const QString &uuid)
{
    auto query = m_db.run(QStringLiteral("SELECT uuid, username, display_name, role, active, "
                                         "password_hash FROM users WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    std::optional<UserRecord> user;
    if (q.next()) {
        user.emplace();
        user->uuid = q.value(0).toString();
        user->username = q.value(1).toString();
        user->displayName = q.value(2).toString();
        // The schema holds no other roles.
        user->role = roleFromString(q.value(3).toString()).value_or(Role::Clerk);
        user->active = q.value(4).toBool();
        user->passwordHash = q.value(5).toString();
    }
    q.finish();
    return user;
}

Result<std::optional<RecordReader::PlacedLocation>> RecordReader::location(const QString &uuid)
{
    auto query = m_db.run(QStringLiteral("SELECT l.uuid, p.uuid, l.kind, l.code, l.name, "
                                         "l.barcode, l.archived, l.version, l.warehouse_id "
                                         "FROM locations l "
                                         "LEFT JOIN locations p ON p.id = l.parent_id "
                                         "WHERE l.uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    std::optional<PlacedLocation> placed;
    if (q.next()) {
        placed.emplace();
        LocationRecord &l = placed->location;
        l.uuid = q.value(0).toString();
        l.parent = q.value(1).toString();
        // The schema holds no other kinds.
        l.kind = locationKindFromString(q.value(2).toString()).value_or(LocationKind::Bin);
        l.code = q.value(3).toString();
        l.name = q.value(4).toString();
        if (!q.value(5).isNull())
            l.barcode = q.value(5).toString();
        l.archived = q.value(6).toBool();
        l.version = q.value(7).toLongLong();
        placed->warehouseId = q.value(8).toLongLong();
    }
    q.finish();
    return placed;
}

Result<std::optional<ProductRecord>> RecordReader::product(const QString &uuid)
{
    auto query = m_db.run(QStringLiteral("SELECT uuid, sku, name, local_name, unit, "
                                         "lot_tracked, archived, version, id FROM products "
                                         "WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    std::optional<ProductRecord> product;
    qint64 id = 0;
    if (q.next()) {
        product.emplace();
        product->uuid = q.value(0).toString();
        product->sku = q.value(1).toString();
        product->name = q.value(2).toString();
        product->localName = q.value(3).toString();
        product->unit = q.value(4).toString();
        product->lotTracked = q.value(5).toBool();
        product->archived = q.value(6).toBool();
        product->version = q.value(7).toLongLong();
        id = q.value(8).toLongLong();
    }
    q.finish();
    if (!product)
        return product;
    auto codes = m_db.run(QStringLiteral("SELECT code, symbology FROM product_barcodes "
                                         "WHERE product_id = ? ORDER BY code"),
                          {id});
    if (!codes)
        return std::unexpected(codes.error());
    while ((*codes)->next()) {
        product->barcodes.append(
            {(*codes)->value(0).toString(),
             symbologyFromString((*codes)->value(1).toString()).value_or(Symbology::Free)});
    }
    return product;
}

Result<std::optional<ThresholdRecord>> RecordReader::threshold(qint64 productId, qint64 warehouseId)
{
    auto query = m_db.run(QStringLiteral("SELECT p.uuid, w.uuid, t.min_qty, t.max_qty, "
                                         "t.reorder_point, t.version FROM thresholds t "
                                         "JOIN products p ON p.id = t.product_id "
                                         "LEFT JOIN locations w ON w.id = t.warehouse_id "
                                         "WHERE t.product_id = ? AND t.warehouse_id = ?"),
                          {productId, warehouseId});
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    std::optional<ThresholdRecord> threshold;
    if (q.next()) {
        threshold.emplace();
        threshold->product = q.value(0).toString();
        threshold->warehouse = q.value(1).toString();
        threshold->minQty = integerOrNull(q, 2);
        threshold->maxQty = integerOrNull(q, 3);
        threshold->reorderPoint = integerOrNull(q, 4);
        threshold->version = q.value(5).toLongLong();
    }
    q.finish();
    return threshold;
}

Result<std::optional<ConflictRecord>> RecordReader::conflict(const QString &uuid)
{
    auto query = m_db.run(QStringLiteral("SELECT uuid, type, state, entity, entity_key, field, "
                                         "base, theirs, mine, detail, warehouse, device_id, "
                                         "op_seq, user_uuid, created_at, resolution, version "
                                         "FROM conflicts WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    QSqlQuery &q = **query;
    std::optional<ConflictRecord> conflict;
    if (q.next()) {
        conflict.emplace();
        NewConflict &raised = conflict->raised;
        conflict->uuid = q.value(0).toString();
        raised.type = q.value(1).toString();
        conflict->state = q.value(2).toString();
        raised.entity = q.value(3).toString();
        raised.entityKey = q.value(4).toString();
        raised.field = q.value(5).toString();
        raised.base = valueOrNull(q, 6);
        raised.theirs = valueOrNull(q, 7);
        raised.mine = valueOrNull(q, 8);
        raised.detail = q.value(9).toString();
        raised.warehouse = q.value(10).toString();
        conflict->deviceId = q.value(11).toString();
        conflict->opSeq = q.value(12).toLongLong();
        conflict->user = q.value(13).toString();
        conflict->createdAt = q.value(14).toLongLong();
        conflict->resolution = q.value(15).toString();
        conflict->version = q.value(16).toLongLong();
    }
    q.finish();
    return conflict;
}

} // namespace Stockroom
