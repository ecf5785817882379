// ServerStore's master-data operations: products and thresholds merged field by field
// against the values an edit was made on, and conflicts resolved (docs/conflicts.md).

#include "serverstore.h"

#include "model/domain/ids.h"
#include "model/services/catalog.h"

#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

// How a value is shown in a conflict (base, theirs, mine), and read back on "mine".
QString textOf(const QCborValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QString();
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(value.toInteger());
}

} // namespace

Result<ServerStore::Applied> ServerStore::applyProductCreate(const QCborMap &body)
{
    const QString uuid = body.value(key("uuid")).toString();
    const QString sku = body.value(key("sku")).toString().trimmed();
    const QString name = body.value(key("name")).toString().trimmed();
    Applied applied;
    applied.masterData = true;
    if (uuid.isEmpty() || sku.isEmpty() || name.isEmpty()) {
        return refusal(0, "invalid", QStringLiteral("A product needs a UUID, a SKU and a name."));
    }
    auto existing = product(uuid);
    if (!existing)
        return std::unexpected(existing.error());
    applied.result = outcome(0, "applied");
    if (*existing)
        return applied; // created before, under another operation: the same product
    auto insert = m_db.run(m_db.sql("INSERT OR IGNORE INTO products (uuid, sku, name, "
                                    "local_name, unit, lot_tracked) VALUES (?, ?, ?, ?, ?, ?)",
                                    "INSERT INTO products (uuid, sku, name, local_name, unit, "
                                    "lot_tracked) VALUES (?, ?, ?, ?, ?, ?) "
                                    "ON CONFLICT DO NOTHING RETURNING id"),
                           {uuid,
                            sku,
                            name,
                            body.value(key("localName")).toString(),
                            body.value(key("unit")).toString(QStringLiteral("EA")),
                            body.value(key("lotTracked")).toBool()});
    if (!insert)
        return std::unexpected(insert.error());
    const qint64 id = m_db.insertedId(**insert);
    if (id == 0) {
        return refusal(0,
                       "invalid",
                       QStringLiteral("SKU %1 is already used by another product.").arg(sku));
    }
    for (const QCborValue &code : body.value(key("barcodes")).toArray()) {
        auto barcode = m_db.run(m_db.sql("INSERT OR IGNORE INTO product_barcodes (code, "
                                         "product_id, symbology) VALUES (?, ?, 'free')",
                                         "INSERT INTO product_barcodes (code, product_id, "
                                         "symbology) VALUES (?, ?, 'free') ON CONFLICT DO NOTHING"),
                                {code.toString(), id});
        if (!barcode)
            return std::unexpected(barcode.error());
    }
    m_products.remove(uuid);
    return applied;
}

// A barcode linked to a product: applied once, whoever sends it again. A code that
// already belongs to something else is refused; the workstation takes its link back.
Result<ServerStore::Applied> ServerStore::applyProductBarcode(qint64 seq, const QCborMap &body)
{
    const QString uuid = body.value(key("uuid")).toString();
    const QString code = body.value(key("code")).toString().trimmed();
    auto productId = product(uuid);
    if (!productId)
        return std::unexpected(productId.error());
    if (!*productId)
        return refusal(seq, "not-found", QStringLiteral("No product %1.").arg(uuid));
    Applied applied;
    applied.masterData = true;
    applied.result = outcome(seq, "applied");
    auto owner = m_db.run(QStringLiteral("SELECT product_id FROM product_barcodes WHERE code = ?"),
                          {code});
    if (!owner)
        return std::unexpected(owner.error());
    if ((*owner)->next()) {
        const qint64 ownerId = (*owner)->value(0).toLongLong();
        (*owner)->finish();
        if (ownerId == **productId)
            return applied; // linked before: the same link
        return refusal(seq,
                       "duplicate",
                       QStringLiteral("Barcode %1 already belongs to another product.").arg(code));
    }
    auto checked = Catalog(m_db).checkNewBarcode(code);
    if (!checked)
        return refusal(seq, "invalid", checked.error().message);
    auto insert = m_db.run(QStringLiteral("INSERT INTO product_barcodes (code, product_id, "
                                          "symbology) VALUES (?, ?, ?)"),
                           {checked->code, **productId, toString(checked->symbology)});
    if (!insert)
        return std::unexpected(insert.error());
    return applied;
}

Result<ServerStore::Applied> ServerStore::applyProductEdit(const SyncSession &session,
                                                           qint64 seq,
                                                           const QString &userUuid,
                                                           const QCborMap &body)
{
    const QString uuid = body.value(key("uuid")).toString();
    const QCborMap base = body.value(key("base")).toMap();
    const QCborMap set = body.value(key("set")).toMap();
    Applied applied;
    applied.masterData = true;
    auto current = m_db.run(QStringLiteral("SELECT id, version, name, local_name, unit, archived "
                                           "FROM products WHERE uuid = ?"),
                            {uuid});
    if (!current)
        return std::unexpected(current.error());
    if (!(*current)->next()) {
        return refusal(seq,
                       "unknown-product",
                       QStringLiteral("Product %1 is not known to the server.").arg(uuid));
    }
    const qint64 id = (*current)->value(0).toLongLong();
    const qint64 version = (*current)->value(1).toLongLong();
    const QHash<QString, QCborValue>
        theirs{{QStringLiteral("name"), (*current)->value(2).toString()},
               {QStringLiteral("localName"), (*current)->value(3).toString()},
               {QStringLiteral("unit"), (*current)->value(4).toString()},
               {QStringLiteral("archived"), (*current)->value(5).toBool()}};
    (*current)->finish();

    // A three-way merge per field against the values the edit was made on.
    applied.result = outcome(seq,
                             base.value(key("version")).toInteger() == version ? "applied"
                                                                               : "rebased");
    QStringList assignments;
    QVariantList values;
    for (auto it = set.constBegin(); it != set.constEnd(); ++it) {
        const QString field = it.key().toString();
        const QString column = productColumnOfField(field);
        if (column.isEmpty())
            continue;
        const QCborValue mine = it.value();
        const QCborValue was = base.value(field);
        const QCborValue now = theirs.value(field);
        if (now == mine)
            continue; // the same new value: nothing to do
        if (now == was || base.value(key("version")).toInteger() == version) {
            assignments << column + QStringLiteral(" = ?");
            values << mine.toVariant();
            continue;
        }
        const NewConflict conflict{QStringLiteral("field"),
                                   QStringLiteral("product"),
                                   uuid,
                                   field,
                                   textOf(was),
                                   textOf(now),
                                   textOf(mine),
                                   QStringLiteral("%1 was changed to \"%2\" here and to \"%3\" on "
                                                  "the server.")
                                       .arg(field, textOf(mine), textOf(now)),
                                   QString()};
        if (auto raised = raiseConflict(session, seq, userUuid, conflict, applied); !raised)
            return std::unexpected(raised.error());
    }
    if (!assignments.isEmpty()) {
        values << id;
        auto update = m_db.run(QStringLiteral("UPDATE products SET %1, version = version + 1 "
                                              "WHERE id = ?")
                                   .arg(assignments.join(QStringLiteral(", "))),
                               values);
        if (!update)
            return std::unexpected(update.error());
    }
    return applied;
}

Result<ServerStore::Applied> ServerStore::applyThreshold(const SyncSession &session,
                                                         qint64 seq,
                                                         const QString &userUuid,
                                                         const QCborMap &body)
{
    static const char *const limits[] = {"min", "max", "reorder"};
    Applied applied;
    applied.masterData = true;
    const QString productUuid = body.value(key("product")).toString();
    auto product = this->product(productUuid);
    if (!product)
        return std::unexpected(product.error());
    if (!*product) {
        return refusal(seq,
                       "unknown-product",
                       QStringLiteral("Product %1 is not known to the server.").arg(productUuid));
    }
    qint64 warehouseId = 0;
    QString warehouseCode; // a threshold over every warehouse has none
    if (const QCborValue w = body.value(key("warehouse")); w.isString()) {
        auto location = this->location(w.toString());
        if (!location)
            return std::unexpected(location.error());
        if (!*location) {
            return refusal(seq,
                           "unknown-location",
                           QStringLiteral("Warehouse %1 is not known.").arg(w.toString()));
        }
        auto code = this->warehouseCode((*location)->warehouseId);
        if (!code)
            return std::unexpected(code.error());
        if (!session.token.maySee((*location)->warehouseId)) {
            return refusal(seq,
                           "out-of-scope",
                           QStringLiteral("This workstation may not set thresholds in "
                                          "warehouse %1.")
                               .arg(*code));
        }
        warehouseId = (*location)->warehouseId;
        warehouseCode = *code;
    }
    auto current = m_db.run(QStringLiteral("SELECT min_qty, max_qty, reorder_point, version FROM "
                                           "thresholds WHERE product_id = ? AND warehouse_id = ?"),
                            {**product, warehouseId});
    if (!current)
        return std::unexpected(current.error());
    QCborValue now[3] = {QCborValue(nullptr), QCborValue(nullptr), QCborValue(nullptr)};
    qint64 version = 0;
    if ((*current)->next()) {
        for (int i = 0; i < 3; ++i)
            now[i] = cborOrNull((*current)->value(i));
        version = (*current)->value(3).toLongLong();
    }
    (*current)->finish();

    const QCborMap base = body.value(key("base")).toMap();
    const QCborMap set = body.value(key("set")).toMap();
    const bool fresh = base.value(key("version")).toInteger() == version;
    applied.result = outcome(seq, fresh ? "applied" : "rebased");
    QCborValue merged[3] = {now[0], now[1], now[2]};
    QList<NewConflict> conflicts; // raised only once the merge is known to be valid
    for (int i = 0; i < 3; ++i) {
        const QCborValue mine = set.value(key(limits[i]));
        const QCborValue was = base.value(key(limits[i]));
        if (mine == now[i] || mine == was)
            continue; // the same value, or a limit the device left as it was: the server's stays
        if (fresh || now[i] == was) {
            merged[i] = mine;
            continue;
        }
        conflicts.append(
            NewConflict{QStringLiteral("field"),
                        QStringLiteral("threshold"),
                        QStringLiteral("%1/%2").arg(productUuid,
                                                    body.value(key("warehouse")).toString()),
                        key(limits[i]),
                        textOf(was),
                        textOf(now[i]),
                        textOf(mine),
                        QStringLiteral("The %1 limit was set to %2 here and to %3 on the server.")
                            .arg(key(limits[i]), textOf(mine), textOf(now[i])),
                        warehouseCode});
    }
    const auto valueOf = [](const QCborValue &v) {
        return v.isInteger() ? QVariant(v.toInteger()) : QVariant();
    };
    if (merged[0].isInteger() && merged[1].isInteger()
        && merged[0].toInteger() > merged[1].toInteger()) {
        return refusal(seq,
                       "invalid",
                       QStringLiteral("Merged with the server's values, the minimum would be "
                                      "above the maximum."));
    }
    for (const NewConflict &conflict : std::as_const(conflicts)) {
        if (auto raised = raiseConflict(session, seq, userUuid, conflict, applied); !raised)
            return std::unexpected(raised.error());
    }
    auto write = m_db.run(m_db.sql("INSERT OR REPLACE INTO thresholds (product_id, "
                                   "warehouse_id, min_qty, max_qty, reorder_point, version) "
                                   "VALUES (?, ?, ?, ?, ?, ?)",
                                   "INSERT INTO thresholds (product_id, warehouse_id, min_qty, "
                                   "max_qty, reorder_point, version) VALUES (?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (product_id, warehouse_id) DO UPDATE SET "
                                   "min_qty = excluded.min_qty, max_qty = excluded.max_qty, "
                                   "reorder_point = excluded.reorder_point, "
                                   "version = excluded.version"),
                          {**product,
                           warehouseId,
                           valueOf(merged[0]),
                           valueOf(merged[1]),
                           valueOf(merged[2]),
                           version + 1});
    if (!write)
        return std::unexpected(write.error());
    return applied;
}

Result<ServerStore::Applied> ServerStore::applyResolve(const QString &userUuid, const QCborMap &body)
{
    Applied applied;
    applied.masterData = true;
    const QString uuid = body.value(key("conflict")).toString();
    const QString choice = body.value(key("choice")).toString();
    if (choice != QLatin1String("theirs") && choice != QLatin1String("mine")) {
        return refusal(0, "invalid", QStringLiteral("Choose \"theirs\" or \"mine\"."));
    }
    auto query = m_db.run(QStringLiteral("SELECT type, entity, entity_key, field, theirs, mine, "
                                         "state FROM conflicts WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    if (!(*query)->next()) {
        return refusal(0, "invalid", QStringLiteral("There is no conflict %1.").arg(uuid));
    }
    const StoredConflict conflict{uuid,
                                  (*query)->value(0).toString(),
                                  (*query)->value(1).toString(),
                                  (*query)->value(2).toString(),
                                  (*query)->value(3).toString(),
                                  (*query)->value(4).toString(),
                                  (*query)->value(5).toString()};
    const bool open = (*query)->value(6).toString() == QLatin1String("open");
    (*query)->finish();
    applied.result = outcome(0, "applied");
    if (!open)
        return applied; // resolved already, by someone else: theirs stands
    if (choice == QLatin1String("mine")) {
        auto kept = keepMine(conflict, userUuid, applied);
        if (!kept)
            return std::unexpected(kept.error());
        if (*kept)
            return std::move(**kept); // refused: the conflict stays open
    }
    auto close = m_db.run(QStringLiteral("UPDATE conflicts SET state = 'resolved', resolution = ?, "
                                         "resolved_by = ?, version = version + 1 WHERE uuid = ?"),
                          {choice, userUuid, uuid});
    if (!close)
        return std::unexpected(close.error());
    return applied;
}

Result<std::optional<ServerStore::Applied>> ServerStore::keepMine(const StoredConflict &conflict,
                                                                  const QString &userUuid,
                                                                  Applied &applied)
{
    if (conflict.type == QLatin1String("stale-count"))
        return keepCount(conflict, userUuid, applied);
    if (conflict.type != QLatin1String("field"))
        return std::optional<Applied>(); // an exception for a manager: nothing to write
    if (conflict.entity == QLatin1String("threshold"))
        return keepThresholdLimit(conflict);
    if (conflict.entity == QLatin1String("product")) {
        if (const QString column = productColumnOfField(conflict.field); !column.isEmpty()) {
            const QVariant value = column == QLatin1String("archived")
                                       ? QVariant(conflict.mine == QLatin1String("true"))
                                       : QVariant(conflict.mine);
            auto update = m_db.run(QStringLiteral("UPDATE products SET %1 = ?, version = version "
                                                  "+ 1 WHERE uuid = ?")
                                       .arg(column),
                                   {value, conflict.entityKey});
            if (!update)
                return std::unexpected(update.error());
        }
    }
    return std::optional<Applied>();
}

Result<std::optional<ServerStore::Applied>> ServerStore::keepThresholdLimit(
    const StoredConflict &conflict)
{
    const QString &entityKey = conflict.entityKey;
    const QString &field = conflict.field;
    const QString &mine = conflict.mine;
    // The conflict names its threshold as "<product uuid>/<warehouse uuid>", the warehouse
    // empty for the threshold over every warehouse.
    static const QHash<QString, int> limits{{QStringLiteral("min"), 0},
                                            {QStringLiteral("max"), 1},
                                            {QStringLiteral("reorder"), 2}};
    static const char *const columns[] = {"min_qty", "max_qty", "reorder_point"};
    const auto invalid = [](const QString &message) {
        return std::optional<Applied>(refusal(0, "invalid", message));
    };
    const int limit = limits.value(field, -1);
    bool number = true;
    const qint64 value = mine.isEmpty() ? 0 : mine.toLongLong(&number);
    if (limit < 0 || !number || value < 0)
        return invalid(QStringLiteral("The conflict's value \"%1\" for \"%2\" is not a limit.")
                           .arg(mine, field));
    auto productId = product(entityKey.section(QLatin1Char('/'), 0, 0));
    if (!productId)
        return std::unexpected(productId.error());
    bool known = productId->has_value();
    qint64 warehouseId = 0;
    if (const QString warehouse = entityKey.section(QLatin1Char('/'), 1); !warehouse.isEmpty()) {
        auto location = this->location(warehouse);
        if (!location)
            return std::unexpected(location.error());
        known = known && location->has_value();
        warehouseId = known ? (*location)->warehouseId : 0;
    }
    if (!known)
        return invalid(QStringLiteral("The threshold %1 is not known.").arg(entityKey));

    auto current = m_db.run(QStringLiteral("SELECT min_qty, max_qty FROM thresholds "
                                           "WHERE product_id = ? AND warehouse_id = ?"),
                            {**productId, warehouseId});
    if (!current)
        return std::unexpected(current.error());
    QVariant bounds[2];
    if ((*current)->next()) {
        bounds[0] = (*current)->value(0);
        bounds[1] = (*current)->value(1);
    }
    (*current)->finish();
    const QVariant kept = mine.isEmpty() ? QVariant() : QVariant(value);
    if (limit < 2)
        bounds[limit] = kept;
    if (!bounds[0].isNull() && !bounds[1].isNull()
        && bounds[0].toLongLong() > bounds[1].toLongLong())
        return invalid(QStringLiteral("With this workstation's value the minimum (%1) would be "
                                      "above the maximum (%2); set the limits again instead.")
                           .arg(bounds[0].toLongLong())
                           .arg(bounds[1].toLongLong()));
    // version + 1: every workstation, the one that lost included, pulls the limits again.
    auto update = m_db.run(QStringLiteral("UPDATE thresholds SET %1 = ?, version = version + 1 "
                                          "WHERE product_id = ? AND warehouse_id = ?")
                               .arg(QLatin1String(columns[limit])),
                           {kept, **productId, warehouseId});
    if (!update)
        return std::unexpected(update.error());
    return std::optional<Applied>();
}

Result<std::optional<ServerStore::Applied>> ServerStore::keepCount(const StoredConflict &conflict,
                                                                   const QString &userUuid,
                                                                   Applied &applied)
{
    // The conflict names its stock as "<product uuid>/<location uuid>/<lot code>".
    const QString &entityKey = conflict.entityKey;
    bool numbers = false;
    const qint64 counted = conflict.mine.toLongLong(&numbers);
    const qint64 left = numbers ? conflict.theirs.toLongLong(&numbers) : 0;
    auto product = this->product(entityKey.section(QLatin1Char('/'), 0, 0));
    if (!product)
        return std::unexpected(product.error());
    auto location = this->location(entityKey.section(QLatin1Char('/'), 1, 1));
    if (!location)
        return std::unexpected(location.error());
    auto user = this->user(userUuid);
    if (!user)
        return std::unexpected(user.error());
    if (!numbers || !*product || !*location || !*user) {
        return std::optional<Applied>(
            refusal(0,
                    "invalid",
                    QStringLiteral("Conflict %1 names no stock that can be counted.")
                        .arg(conflict.uuid)));
    }
    if (counted == left)
        return std::optional<Applied>();
    auto lot = lotId(**product, entityKey.section(QLatin1Char('/'), 2), QString());
    if (!lot)
        return std::unexpected(lot.error());
    auto row = readStock(**product, (*location)->id, *lot);
    if (!row)
        return std::unexpected(row.error());
    const qint64 delta = counted - left;
    if (row->level.quantity + delta < 0) {
        return std::optional<Applied>(
            refusal(0,
                    "insufficient-stock",
                    QStringLiteral("Only %1 are in stock now; taking the %2 the count found "
                                   "missing would leave less than nothing. Count again.")
                        .arg(row->level.quantity)
                        .arg(-delta)));
    }
    LedgerEntry entry;
    const QDateTime now = m_clock.now();
    entry.id = Ids::create(now.toMSecsSinceEpoch());
    entry.type = MovementType::Adjustment;
    entry.lines = {LedgerLine{**product, (*location)->id, *lot, delta, {}, row->level}};
    entry.userId = (*user)->id;
    entry.deviceId = QStringLiteral("server:conflicts");
    entry.occurredAt = now;
    entry.reason = QStringLiteral("the count stands (conflict %1)").arg(conflict.uuid);
    entry.reference = conflict.uuid;
    auto appended = m_ledger.append(entry);
    if (!appended)
        return std::unexpected(appended.error());
    rememberStock(*appended, entry.deviceId);
    applied.movement = true;
    applied.warehouses.insert((*location)->warehouseId);
    return std::optional<Applied>();
}

} // namespace Stockroom::Sync
