#include "replicawriter.h"

#include "model/domain/tr.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

QVariant nullable(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant nullable(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

ReplicaWriter::ReplicaWriter(Database &db, StockLedger &ledger)
    : m_db(db)
    , m_ledger(ledger)
{}

Result<qint64> ReplicaWriter::idOf(const char *table, const QString &uuid)
{
    if (uuid.isEmpty())
        return 0;
    const QString cacheKey = QString::fromLatin1(table) + QLatin1Char('/') + uuid;
    if (const auto it = m_ids.constFind(cacheKey); it != m_ids.constEnd())
        return *it;
    auto id = m_db.run(QStringLiteral("SELECT id FROM %1 WHERE uuid = ?").arg(QLatin1String(table)),
                       {uuid});
    if (!id)
        return std::unexpected(id.error());
    const qint64 found = (*id)->next() ? (*id)->value(0).toLongLong() : 0;
    (*id)->finish();
    if (found != 0)
        m_ids.insert(cacheKey, found);
    return found;
}

Result<bool> ReplicaWriter::write(const UserRecord &user)
{
    auto id = idOf("users", user.uuid);
    if (!id)
        return std::unexpected(id.error());
    const QVariantList values{user.username,
                              user.displayName,
                              toString(user.role),
                              user.passwordHash,
                              user.active,
                              user.uuid};
    auto write = *id != 0
                     ? m_db.run(QStringLiteral("UPDATE users SET username = ?, display_name = ?, "
                                               "role = ?, password_hash = ?, active = ? "
                                               "WHERE uuid = ?"),
                                values)
                     : m_db.run(QStringLiteral("INSERT INTO users (username, display_name, role, "
                                               "password_hash, active, uuid) "
                                               "VALUES (?, ?, ?, ?, ?, ?)"),
                                values);
    if (!write)
        return std::unexpected(write.error());
    return true;
}

Result<std::optional<bool>> ReplicaWriter::write(const LocationRecord &location)
{
    auto parent = idOf("locations", location.parent);
    auto id = idOf("locations", location.uuid);
    if (!parent || !id)
        return std::unexpected(!parent ? parent.error() : id.error());
    if (!location.parent.isEmpty() && *parent == 0)
        return std::optional<bool>(); // its parent comes later
    if (*id != 0) {
        // A location never moves to another parent (a trigger forbids it).
        auto update = m_db.run(QStringLiteral("UPDATE locations SET code = ?, name = ?, "
                                              "barcode = ?, archived = ?, version = ? "
                                              "WHERE id = ?"),
                               {location.code,
                                location.name,
                                nullable(location.barcode),
                                location.archived,
                                location.version,
                                *id});
        if (!update)
            return std::unexpected(update.error());
        return std::optional<bool>(true);
    }
    auto insert = m_db.run(QStringLiteral("INSERT INTO locations (uuid, parent_id, kind, code, "
                                          "name, barcode, archived, version) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                           {location.uuid,
                            *parent != 0 ? QVariant(*parent) : QVariant(),
                            toString(location.kind),
                            location.code,
                            location.name,
                            nullable(location.barcode),
                            location.archived,
                            location.version});
    if (!insert)
        return std::unexpected(insert.error());
    return std::optional<bool>(true);
}

Result<bool> ReplicaWriter::write(const ProductRecord &product)
{
    auto id = idOf("products", product.uuid);
    if (!id)
        return std::unexpected(id.error());
    const QVariantList values{product.sku,
                              product.name,
                              product.localName,
                              product.unit,
                              product.lotTracked,
                              product.archived,
                              product.version,
                              product.uuid};
    qint64 productId = *id;
    if (productId != 0) {
        auto update = m_db.run(QStringLiteral("UPDATE products SET sku = ?, name = ?, "
                                              "local_name = ?, unit = ?, lot_tracked = ?, "
                                              "archived = ?, version = ? WHERE uuid = ?"),
                               values);
        if (!update)
            return std::unexpected(update.error());
    } else {
        auto insert = m_db.prepare(QStringLiteral("INSERT INTO products (sku, name, local_name, "
                                                  "unit, lot_tracked, archived, version, uuid) "
                                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        if (!insert)
            return std::unexpected(insert.error());
        for (const QVariant &value : values)
            insert->addBindValue(value);
        if (auto done = Database::exec(*insert); !done)
            return std::unexpected(done.error());
        productId = insert->lastInsertId().toLongLong();
    }
    auto clear = m_db.run(QStringLiteral("DELETE FROM product_barcodes WHERE product_id = ?"),
                          {productId});
    if (!clear)
        return std::unexpected(clear.error());
    for (const Barcode &barcode : product.barcodes) {
        // A code may have moved here from a product this page has not reached yet.
        auto insert = m_db.run(QStringLiteral("INSERT OR REPLACE INTO product_barcodes (code, "
                                              "product_id, symbology) VALUES (?, ?, ?)"),
                               {barcode.code, productId, toString(barcode.symbology)});
        if (!insert)
            return std::unexpected(insert.error());
    }
    return true;
}

Result<bool> ReplicaWriter::write(const ThresholdRecord &threshold)
{
    auto product = idOf("products", threshold.product);
    auto warehouse = idOf("locations", threshold.warehouse);
    if (!product || !warehouse)
        return std::unexpected(!product ? product.error() : warehouse.error());
    if (*product == 0)
        return false;
    auto write = m_db.run(QStringLiteral("INSERT OR REPLACE INTO thresholds (product_id, "
                                         "warehouse_id, min_qty, max_qty, reorder_point, version) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          {*product,
                           *warehouse,
                           nullable(threshold.minQty),
                           nullable(threshold.maxQty),
                           nullable(threshold.reorderPoint),
                           threshold.version});
    if (!write)
        return std::unexpected(write.error());
    return true;
}

Result<bool> ReplicaWriter::write(const ConflictRecord &conflict)
{
    const NewConflict &raised = conflict.raised;
    auto write
        = m_db.run(QStringLiteral(
                       "INSERT OR REPLACE INTO conflicts (uuid, type, state, entity, entity_key, "
                       "field, base, theirs, mine, detail, warehouse, device_id, op_seq, "
                       "user_uuid, created_at, resolution, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {conflict.uuid,
                    raised.type,
                    conflict.state,
                    raised.entity,
                    raised.entityKey,
                    raised.field,
                    raised.base,
                    raised.theirs,
                    raised.mine,
                    raised.detail,
                    raised.warehouse,
                    conflict.deviceId,
                    conflict.opSeq,
                    conflict.user,
                    conflict.createdAt,
                    conflict.resolution,
                    conflict.version});
    if (!write)
        return std::unexpected(write.error());
    return true;
}

Result<bool> ReplicaWriter::write(const MovementRecord &movement)
{
    auto known = m_db.run(QStringLiteral("SELECT 1 FROM movements WHERE id = ? LIMIT 1"),
                          {movement.id});
    if (!known)
        return std::unexpected(known.error());
    const bool have = (*known)->next();
    (*known)->finish();
    if (have)
        return false; // our own, or written before

    auto user = idOf("users", movement.user);
    if (!user)
        return std::unexpected(user.error());
    if (*user == 0)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The server sent movement %1 with an unknown type or user.")
                        .arg(movement.id));
    LedgerEntry entry;
    entry.id = movement.id;
    entry.type = movement.type;
    entry.userId = *user;
    entry.deviceId = movement.deviceId;
    entry.deviceSeq = movement.deviceSeq;
    entry.occurredAt = movement.occurredAt;
    entry.reason = movement.reason;
    entry.reference = movement.reference;
    for (const MovementRecord::Line &line : movement.lines) {
        auto product = idOf("products", line.product);
        auto location = idOf("locations", line.location);
        if (!product || !location)
            return std::unexpected(!product ? product.error() : location.error());
        if (*location == 0)
            continue; // the other line of a transfer with a warehouse this database lacks
        if (*product == 0)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("The server sent movement %1 for an unknown product.")
                            .arg(movement.id));
        auto lot = m_ledger.lotFor(*product, line.lot, line.expiry);
        if (!lot)
            return std::unexpected(lot.error());
        LedgerLine ledgerLine;
        ledgerLine.productId = *product;
        ledgerLine.locationId = *location;
        ledgerLine.lotId = *lot;
        ledgerLine.delta = line.delta;
        ledgerLine.counted = line.counted;
        entry.lines.append(ledgerLine);
    }
    if (entry.lines.isEmpty())
        return false;
    if (auto appended = m_ledger.append(entry); !appended)
        return std::unexpected(appended.error());
    return true;
}

} // namespace Stockroom
