// ClientStore's incoming half: applying pulled items to the workstation's replica.

#include "clientstore.h"

#include "sync/protocol/movementmessage.h"

#include "model/domain/tr.h"

#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

QVariant text(const QCborMap &item, const char *name)
{
    return item.value(key(name)).toString();
}

// A nullable value of an item as a bound SQL value: NULL for CBOR null.
QVariant nullable(const QCborMap &item, const char *name)
{
    const QCborValue value = item.value(key(name));
    if (value.isInteger())
        return value.toInteger();
    if (value.isString())
        return value.toString();
    return QVariant();
}

} // namespace

Result<int> ClientStore::apply(const QCborArray &items, const Cursor &next)
{
    if (items.isEmpty() && next.toBytes() == cursor().toBytes())
        return 0; // nothing new: no transaction, no fsync
    m_ids.clear();
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    int changed = 0;
    QList<QCborMap> waiting; // locations whose parent comes later in the page
    for (const QCborValue &value : items) {
        const QCborMap item = value.toMap();
        if (item.value(key("kind")).toString() == QLatin1String("location")) {
            auto applied = applyLocation(item);
            if (!applied)
                return std::unexpected(applied.error());
            if (!*applied)
                waiting.append(item);
            else
                changed += **applied ? 1 : 0;
            continue;
        }
        // Whatever follows may refer to a waiting location; place those first.
        while (!waiting.isEmpty()) {
            const qsizetype before = waiting.size();
            for (qsizetype i = 0; i < waiting.size();) {
                auto applied = applyLocation(waiting.at(i));
                if (!applied)
                    return std::unexpected(applied.error());
                if (*applied) {
                    changed += **applied ? 1 : 0;
                    waiting.removeAt(i);
                } else {
                    ++i;
                }
            }
            if (waiting.size() == before)
                break;
        }
        auto applied = applyItem(item);
        if (!applied)
            return std::unexpected(applied.error());
        changed += *applied ? 1 : 0;
    }
    for (const QCborMap &location : std::as_const(waiting)) {
        auto applied = applyLocation(location);
        if (!applied)
            return std::unexpected(applied.error());
        if (!*applied)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("The server sent location %1 without its parent.")
                            .arg(location.value(key("code")).toString()));
        changed += **applied ? 1 : 0;
    }
    if (auto set = m_db.setSetting(QStringLiteral("sync.cursor"),
                                   QString::fromLatin1(next.toBytes().toHex()));
        !set)
        return std::unexpected(set.error());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return changed;
}

Result<bool> ClientStore::applyItem(const QCborMap &item)
{
    const QString kind = item.value(key("kind")).toString();
    if (kind == QLatin1String("movement"))
        return applyMovement(item);
    if (kind == QLatin1String("product"))
        return applyProduct(item);
    if (kind == QLatin1String("user"))
        return applyUser(item);
    if (kind == QLatin1String("threshold"))
        return applyThreshold(item);
    if (kind == QLatin1String("conflict"))
        return applyConflict(item);
    return false; // a kind of a later protocol minor version: nothing to do with it here
}

Result<qint64> ClientStore::idOf(const char *table, const QString &uuid)
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

Result<bool> ClientStore::applyUser(const QCborMap &item)
{
    auto id = idOf("users", item.value(key("uuid")).toString());
    if (!id)
        return std::unexpected(id.error());
    const QVariantList values{text(item, "username"),
                              text(item, "name"),
                              text(item, "role"),
                              text(item, "password"),
                              item.value(key("active")).toBool(),
                              text(item, "uuid")};
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

Result<std::optional<bool>> ClientStore::applyLocation(const QCborMap &item)
{
    const QString parentUuid = item.value(key("parent")).toString();
    auto parent = idOf("locations", parentUuid);
    auto id = idOf("locations", item.value(key("uuid")).toString());
    if (!parent || !id)
        return std::unexpected(!parent ? parent.error() : id.error());
    if (!parentUuid.isEmpty() && *parent == 0)
        return std::optional<bool>(); // its parent comes later
    const QVariant version = item.value(key("version")).toInteger();
    if (*id != 0) {
        // A location never moves to another parent (a trigger forbids it).
        auto update = m_db.run(QStringLiteral("UPDATE locations SET code = ?, name = ?, "
                                              "barcode = ?, archived = ?, version = ? "
                                              "WHERE id = ?"),
                               {text(item, "code"),
                                text(item, "name"),
                                nullable(item, "barcode"),
                                item.value(key("archived")).toBool(),
                                version,
                                *id});
        if (!update)
            return std::unexpected(update.error());
        return std::optional<bool>(true);
    }
    auto insert = m_db.run(QStringLiteral("INSERT INTO locations (uuid, parent_id, kind, code, "
                                          "name, barcode, archived, version) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                           {text(item, "uuid"),
                            *parent != 0 ? QVariant(*parent) : QVariant(),
                            text(item, "type"),
                            text(item, "code"),
                            text(item, "name"),
                            nullable(item, "barcode"),
                            item.value(key("archived")).toBool(),
                            version});
    if (!insert)
        return std::unexpected(insert.error());
    return std::optional<bool>(true);
}

Result<bool> ClientStore::applyProduct(const QCborMap &item)
{
    auto id = idOf("products", item.value(key("uuid")).toString());
    if (!id)
        return std::unexpected(id.error());
    const QVariantList values{text(item, "sku"),
                              text(item, "name"),
                              text(item, "localName"),
                              text(item, "unit"),
                              item.value(key("lotTracked")).toBool(),
                              item.value(key("archived")).toBool(),
                              item.value(key("version")).toInteger(),
                              text(item, "uuid")};
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
    for (const QCborValue &barcode : item.value(key("barcodes")).toArray()) {
        // A code may have moved here from a product this page has not reached yet.
        auto insert = m_db.run(QStringLiteral("INSERT OR REPLACE INTO product_barcodes (code, "
                                              "product_id, symbology) VALUES (?, ?, ?)"),
                               {barcode.toArray().at(0).toString(),
                                productId,
                                barcode.toArray().at(1).toString()});
        if (!insert)
            return std::unexpected(insert.error());
    }
    return true;
}

Result<bool> ClientStore::applyThreshold(const QCborMap &item)
{
    auto product = idOf("products", item.value(key("product")).toString());
    auto warehouse = idOf("locations", item.value(key("warehouse")).toString());
    if (!product || !warehouse)
        return std::unexpected(!product ? product.error() : warehouse.error());
    if (*product == 0)
        return false;
    auto write = m_db.run(QStringLiteral("INSERT OR REPLACE INTO thresholds (product_id, "
                                         "warehouse_id, min_qty, max_qty, reorder_point, version) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          {*product,
                           *warehouse,
                           nullable(item, "min"),
                           nullable(item, "max"),
                           nullable(item, "reorder"),
                           item.value(key("version")).toInteger()});
    if (!write)
        return std::unexpected(write.error());
    return true;
}

Result<bool> ClientStore::applyConflict(const QCborMap &item)
{
    auto write
        = m_db.run(QStringLiteral(
                       "INSERT OR REPLACE INTO conflicts (uuid, type, state, entity, entity_key, "
                       "field, base, theirs, mine, detail, warehouse, device_id, op_seq, "
                       "user_uuid, created_at, resolution, version) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   {text(item, "uuid"),
                    text(item, "type"),
                    text(item, "state"),
                    text(item, "entity"),
                    text(item, "key"),
                    text(item, "field"),
                    nullable(item, "base"),
                    nullable(item, "theirs"),
                    nullable(item, "mine"),
                    text(item, "detail"),
                    text(item, "warehouse"),
                    text(item, "device"),
                    item.value(key("seq")).toInteger(),
                    text(item, "user"),
                    item.value(key("created")).toInteger(),
                    text(item, "resolution"),
                    item.value(key("version")).toInteger()});
    if (!write)
        return std::unexpected(write.error());
    return true;
}

Result<bool> ClientStore::applyMovement(const QCborMap &item)
{
    const QString id = item.value(key("id")).toString();
    auto known = m_db.run(QStringLiteral("SELECT 1 FROM movements WHERE id = ? LIMIT 1"), {id});
    if (!known)
        return std::unexpected(known.error());
    const bool have = (*known)->next();
    (*known)->finish();
    if (have)
        return false; // our own, or applied before

    auto movement = MovementMessage::fromCbor(item, MovementMessage::Form::Pulled);
    if (!movement) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The server sent movement %1, which is not one: %2")
                        .arg(id, movement.error().message));
    }
    auto user = idOf("users", movement->user);
    if (!user)
        return std::unexpected(user.error());
    if (*user == 0)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The server sent movement %1 with an unknown type or user.").arg(id));
    LedgerEntry entry;
    entry.id = id;
    entry.type = movement->type;
    entry.userId = *user;
    entry.deviceId = movement->device;
    entry.deviceSeq = movement->deviceSeq;
    entry.occurredAt = QDateTime::fromMSecsSinceEpoch(movement->at, QTimeZone::utc());
    entry.reason = movement->reason;
    entry.reference = movement->reference;
    for (const MovementMessage::Line &line : std::as_const(movement->lines)) {
        auto product = idOf("products", line.product);
        auto location = idOf("locations", line.location);
        if (!product || !location)
            return std::unexpected(!product ? product.error() : location.error());
        if (*location == 0)
            continue; // the other line of a transfer with a warehouse this device does not see
        if (*product == 0)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("The server sent movement %1 for an unknown product.").arg(id));
        auto lot = m_ledger.lotFor(*product, line.lot, QDate::fromString(line.expiry, Qt::ISODate));
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

} // namespace Stockroom::Sync
