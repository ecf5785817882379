#include "masterdataservice.h"

#include "model/domain/actor.h"
#include "model/domain/ids.h"
#include "model/domain/limits.h"
#include "model/domain/tr.h"
#include "model/ledger/outbox.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

Status requireText(const QString &value,
                   const QString &what,
                   qsizetype maxLength,
                   Limits::Kind kind = Limits::Kind::Text)
{
    if (value.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("%1 must not be empty.").arg(what));
    return Limits::checkText(value.trimmed(), maxLength, kind, what);
}

QVariantMap productFields(const Product &p)
{
    return {{QStringLiteral("name"), p.name},
            {QStringLiteral("local_name"), p.localName},
            {QStringLiteral("unit"), p.unit},
            {QStringLiteral("archived"), p.archived},
            {QStringLiteral("version"), p.version}};
}

QVariantMap locationFields(const Location &l)
{
    return {{QStringLiteral("name"), l.name},
            {QStringLiteral("barcode"), l.barcode},
            {QStringLiteral("archived"), l.archived},
            {QStringLiteral("version"), l.version}};
}

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

// Locations and barcodes are changed on the server while a workstation syncs: version 1
// of the protocol carries no operation for them.
Status refuseWhileSyncing(const Database &db)
{
    if (!db.syncs())
        return {};
    return fail(ErrorCode::PermissionDenied,
                Tr::tr("This workstation syncs with a server: change locations there."));
}

QCborValue cborOf(const QVariant &value)
{
    return value.isValid() ? QCborValue::fromVariant(value) : QCborValue(nullptr);
}

} // namespace

MasterDataService::MasterDataService(Database &db,
                                     const Clock &clock,
                                     IdGenerator newId,
                                     QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_newId(newId ? std::move(newId)
                    : [&clock] { return Ids::create(clock.now().toMSecsSinceEpoch()); })
    , m_catalog(db)
    , m_audit(db)
{}

Status MasterDataService::audit(const Actor &actor,
                                const QString &entity,
                                qint64 id,
                                const QString &action,
                                const QString &field,
                                const QVariant &oldValue,
                                const QVariant &newValue)
{
    return m_audit.record(
        {m_clock.now(), actor.userId, entity, id, action, field, oldValue, newValue});
}

Status MasterDataService::applyEdit(const Actor &actor,
                                    const QString &entity,
                                    qint64 id,
                                    qint64 baseVersion,
                                    const QVariantMap &current,
                                    const QList<Change> &changes)
{
    const qint64 currentVersion = current.value(QStringLiteral("version")).toLongLong();
    QVariantMap mine;
    for (const Change &change : changes)
        mine.insert(QString::fromLatin1(change.column), change.value);
    if (currentVersion != baseVersion) {
        Error error{ErrorCode::VersionConflict,
                    Tr::tr("Someone else changed this %1 since you opened it (version %2, now %3). "
                           "Choose which values to keep.")
                        .arg(entity)
                        .arg(baseVersion)
                        .arg(currentVersion),
                    Conflict{entity, id, baseVersion, currentVersion, mine, current}};
        return std::unexpected(error);
    }

    QStringList assignments;
    QVariantList values;
    for (const Change &change : changes) {
        const QString column = QString::fromLatin1(change.column);
        if (current.value(column) == change.value)
            continue;
        assignments << column + QStringLiteral(" = ?");
        values << change.value;
        const QString action = column == QLatin1String("archived") ? QStringLiteral("archive")
                                                                   : QStringLiteral("update");
        if (auto logged
            = audit(actor, entity, id, action, column, current.value(column), change.value);
            !logged)
            return logged;
    }
    if (assignments.isEmpty())
        return {};

    const QString table = entity == QLatin1String("product") ? QStringLiteral("products")
                                                             : QStringLiteral("locations");
    auto update = m_db.prepare(QStringLiteral("UPDATE %1 SET %2, version = version + 1 "
                                              "WHERE id = ? AND version = ?")
                                   .arg(table, assignments.join(QStringLiteral(", "))));
    if (!update)
        return std::unexpected(update.error());
    for (const QVariant &value : values)
        update->addBindValue(value);
    update->addBindValue(id);
    update->addBindValue(baseVersion);
    if (auto done = Database::exec(*update); !done) {
        if (done.error().message.contains(QLatin1String("UNIQUE")))
            return fail(ErrorCode::Duplicate,
                        Tr::tr("That value is already used by another %1.").arg(entity));
        return done;
    }
    return {};
}

Status MasterDataService::queueThreshold(Outbox &outbox,
                                         const Actor &actor,
                                         const SetThreshold &c,
                                         const QVariantMap &before)
{
    const auto product = m_catalog.product(c.productId);
    if (!product)
        return std::unexpected(product.error());
    ThresholdSet set;
    set.product = product->uuid;
    if (c.warehouseId != 0) {
        const auto location = m_catalog.location(c.warehouseId);
        if (!location)
            return std::unexpected(location.error());
        set.warehouse = location->uuid;
    }
    const auto limit = [&before](const char *column) {
        const QVariant value = before.value(QLatin1String(column));
        return value.isNull() ? std::nullopt : std::optional(value.toLongLong());
    };
    set.baseVersion = before.value(QStringLiteral("version")).toLongLong();
    set.base = {limit("min_qty"), limit("max_qty"), limit("reorder_point")};
    set.set = {c.minQty, c.maxQty, c.reorderPoint};
    return outbox.addChange(set, actor.userId);
}

Status MasterDataService::insertBarcode(const Actor &actor, qint64 productId, const QString &input)
{
    auto barcode = m_catalog.checkNewBarcode(input, productId);
    if (!barcode)
        return std::unexpected(barcode.error());
    auto insert = m_db.prepare(QStringLiteral(
        "INSERT INTO product_barcodes (code, product_id, symbology) VALUES (?, ?, ?)"));
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(barcode->code);
    insert->addBindValue(productId);
    insert->addBindValue(toString(barcode->symbology));
    if (auto done = Database::exec(*insert); !done)
        return done;
    return audit(actor,
                 QStringLiteral("product"),
                 productId,
                 QStringLiteral("update"),
                 QStringLiteral("barcode"),
                 QVariant(),
                 barcode->code);
}

Result<Product> MasterDataService::createProduct(const Actor &actor, const CreateProduct &c)
{
    if (auto ok = actor.require(Permission::EditMasterData); !ok)
        return std::unexpected(ok.error());
    if (auto ok = Limits::checkNewProduct(c.sku, c.name, c.localName, c.unit, c.barcodes.size());
        !ok)
        return std::unexpected(ok.error());
    if (auto free = m_catalog.checkNewSku(c.sku); !free)
        return std::unexpected(free.error());

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto insert = m_db.prepare(m_db.returningKey(
        QStringLiteral("INSERT INTO products (uuid, sku, name, local_name, unit, lot_tracked) "
                       "VALUES (?, ?, ?, ?, ?, ?)")));
    if (!insert)
        return std::unexpected(insert.error());
    const QString uuid = m_newId();
    insert->addBindValue(uuid);
    insert->addBindValue(c.sku.trimmed());
    insert->addBindValue(c.name.trimmed());
    insert->addBindValue(c.localName.trimmed());
    insert->addBindValue(c.unit.trimmed());
    insert->addBindValue(portable(c.lotTracked));
    if (auto done = Database::exec(*insert); !done)
        return std::unexpected(done.error());
    const qint64 id = m_db.insertedId(*insert);
    if (auto logged = audit(actor,
                            QStringLiteral("product"),
                            id,
                            QStringLiteral("create"),
                            QStringLiteral("sku"),
                            QVariant(),
                            c.sku.trimmed());
        !logged)
        return std::unexpected(logged.error());
    for (const QString &code : c.barcodes) {
        if (auto added = insertBarcode(actor, id, code); !added)
            return std::unexpected(added.error());
    }
    if (Outbox outbox(m_db, m_clock); outbox.enabled()) {
        ProductCreated created{uuid,
                               {c.sku.trimmed(),
                                c.name.trimmed(),
                                c.localName.trimmed(),
                                c.unit.trimmed(),
                                c.lotTracked,
                                {}}};
        for (const QString &code : c.barcodes)
            created.product.barcodes.append(code.trimmed());
        if (auto queued = outbox.addChange(created, actor.userId); !queued)
            return std::unexpected(queued.error());
    }
    m_db.afterCommit(this, [this, id] { Q_EMIT productChanged(id); });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return m_catalog.product(id);
}

Result<Product> MasterDataService::editProduct(const Actor &actor, const EditProduct &c)
{
    if (auto ok = actor.require(Permission::EditMasterData); !ok)
        return std::unexpected(ok.error());
    QList<Change> changes;
    if (c.name) {
        if (auto ok = requireText(*c.name, Tr::tr("The product name"), Limits::productName); !ok)
            return std::unexpected(ok.error());
        changes.append({"name", c.name->trimmed()});
    }
    if (c.localName) {
        if (auto ok = Limits::checkText(c.localName->trimmed(),
                                        Limits::productName,
                                        Limits::Kind::Text,
                                        Tr::tr("The local name"));
            !ok)
            return std::unexpected(ok.error());
        changes.append({"local_name", c.localName->trimmed()});
    }
    if (c.unit) {
        if (auto ok = requireText(*c.unit,
                                  Tr::tr("The unit of measure"),
                                  Limits::unit,
                                  Limits::Kind::Code);
            !ok)
            return std::unexpected(ok.error());
        changes.append({"unit", c.unit->trimmed()});
    }
    if (c.archived)
        changes.append({"archived", *c.archived});

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto current = m_catalog.product(c.productId);
    if (!current)
        return current;
    if (auto done = applyEdit(actor,
                              QStringLiteral("product"),
                              c.productId,
                              c.baseVersion,
                              productFields(*current),
                              changes);
        !done)
        return std::unexpected(done.error());
    if (Outbox outbox(m_db, m_clock); outbox.enabled()) {
        // The server merges field by field against the values this edit was made on.
        const QVariantMap before = productFields(*current);
        ProductEdited edited{current->uuid, current->version, {}};
        for (const Change &change : changes) {
            const QString column = QString::fromLatin1(change.column);
            if (before.value(column) == change.value)
                continue;
            edited.fields.append(
                {productFieldOfColumn(column), cborOf(before.value(column)), cborOf(change.value)});
        }
        if (!edited.fields.isEmpty()) {
            if (auto queued = outbox.addChange(edited, actor.userId); !queued)
                return std::unexpected(queued.error());
        }
    }
    m_db.afterCommit(this, [this, id = c.productId] { Q_EMIT productChanged(id); });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return m_catalog.product(c.productId);
}

Result<Product> MasterDataService::addBarcode(const Actor &actor, const AddBarcode &c)
{
    if (auto ok = actor.require(Permission::EditMasterData); !ok)
        return std::unexpected(ok.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto product = m_catalog.productWithoutBarcodes(c.productId);
    if (!product)
        return product;
    if (auto added = insertBarcode(actor, c.productId, c.code); !added)
        return std::unexpected(added.error());
    if (Outbox outbox(m_db, m_clock); outbox.enabled()) {
        if (auto queued = outbox.addChange(BarcodeLinked{product->uuid, c.code.trimmed()},
                                           actor.userId);
            !queued)
            return std::unexpected(queued.error());
    }
    m_db.afterCommit(this, [this, id = c.productId] { Q_EMIT productChanged(id); });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return m_catalog.product(c.productId);
}

Result<Location> MasterDataService::createLocation(const Actor &actor, const CreateLocation &c)
{
    if (auto ok = actor.require(Permission::EditMasterData); !ok)
        return std::unexpected(ok.error());
    if (auto ok = refuseWhileSyncing(m_db); !ok)
        return std::unexpected(ok.error());
    if (auto ok = requireText(c.code,
                              Tr::tr("The location code"),
                              Limits::locationCode,
                              Limits::Kind::Code);
        !ok)
        return std::unexpected(ok.error());
    if (auto ok = requireText(c.name, Tr::tr("The location name"), Limits::locationName); !ok)
        return std::unexpected(ok.error());
    if ((c.kind == LocationKind::Warehouse) != (c.parentId == 0))
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("A warehouse has no parent; every other location has one."));

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (c.parentId != 0) {
        auto parent = m_catalog.location(c.parentId);
        if (!parent)
            return std::unexpected(parent.error());
        if (parent->kind == LocationKind::Bin)
            return fail(ErrorCode::InvalidInput, Tr::tr("A bin cannot contain other locations."));
        if (c.kind == LocationKind::Zone && parent->kind != LocationKind::Warehouse)
            return fail(ErrorCode::InvalidInput, Tr::tr("A zone belongs directly to a warehouse."));
    }
    if (m_catalog.findLocation(c.code))
        return fail(ErrorCode::Duplicate,
                    Tr::tr("The location code %1 is already in use.").arg(c.code.trimmed()));
    QVariant barcode;
    if (!c.barcode.trimmed().isEmpty()) {
        auto checked = m_catalog.checkNewBarcode(c.barcode);
        if (!checked)
            return std::unexpected(checked.error());
        barcode = checked->code;
    }
    auto insert = m_db.prepare(m_db.returningKey(
        QStringLiteral("INSERT INTO locations (uuid, parent_id, kind, code, name, barcode) "
                       "VALUES (?, ?, ?, ?, ?, ?)")));
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(m_newId());
    insert->addBindValue(c.parentId ? QVariant(c.parentId) : QVariant());
    insert->addBindValue(toString(c.kind));
    insert->addBindValue(c.code.trimmed());
    insert->addBindValue(c.name.trimmed());
    insert->addBindValue(barcode);
    if (auto done = Database::exec(*insert); !done)
        return std::unexpected(done.error());
    const qint64 id = m_db.insertedId(*insert);
    if (auto logged = audit(actor,
                            QStringLiteral("location"),
                            id,
                            QStringLiteral("create"),
                            QStringLiteral("code"),
                            QVariant(),
                            c.code.trimmed());
        !logged)
        return std::unexpected(logged.error());
    m_db.afterCommit(this, [this, id] { Q_EMIT locationChanged(id); });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return m_catalog.location(id);
}

Result<Location> MasterDataService::editLocation(const Actor &actor, const EditLocation &c)
{
    if (auto ok = actor.require(Permission::EditMasterData); !ok)
        return std::unexpected(ok.error());
    if (auto ok = refuseWhileSyncing(m_db); !ok)
        return std::unexpected(ok.error());
    QList<Change> changes;
    if (c.name) {
        if (auto ok = requireText(*c.name, Tr::tr("The location name"), Limits::locationName); !ok)
            return std::unexpected(ok.error());
        changes.append({"name", c.name->trimmed()});
    }
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto current = m_catalog.location(c.locationId);
    if (!current)
        return current;
    if (c.barcode && c.barcode->trimmed() != current->barcode) {
        if (c.barcode->trimmed().isEmpty()) {
            changes.append({"barcode", QVariant()});
        } else {
            auto checked = m_catalog.checkNewBarcode(*c.barcode);
            if (!checked)
                return std::unexpected(checked.error());
            changes.append({"barcode", checked->code});
        }
    }
    if (c.archived)
        changes.append({"archived", *c.archived});
    if (auto done = applyEdit(actor,
                              QStringLiteral("location"),
                              c.locationId,
                              c.baseVersion,
                              locationFields(*current),
                              changes);
        !done)
        return std::unexpected(done.error());
    m_db.afterCommit(this, [this, id = c.locationId] { Q_EMIT locationChanged(id); });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return m_catalog.location(c.locationId);
}

Result<Threshold> MasterDataService::setThreshold(const Actor &actor, const SetThreshold &c)
{
    if (auto ok = actor.require(Permission::EditThresholds); !ok)
        return std::unexpected(ok.error());
    for (const auto &limit : {c.minQty, c.maxQty, c.reorderPoint}) {
        if (auto ok = Limits::checkThresholdLimit(limit); !ok)
            return std::unexpected(ok.error());
    }
    if (c.minQty && c.maxQty && *c.minQty > *c.maxQty)
        return fail(ErrorCode::InvalidInput, Tr::tr("The minimum cannot be above the maximum."));

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    if (auto product = m_catalog.product(c.productId); !product)
        return std::unexpected(product.error());
    if (c.warehouseId != 0) {
        auto warehouse = m_catalog.location(c.warehouseId);
        if (!warehouse)
            return std::unexpected(warehouse.error());
        if (warehouse->kind != LocationKind::Warehouse)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("%1 is not a warehouse.").arg(warehouse->code));
    }
    auto current = m_catalog.threshold(c.productId, c.warehouseId);
    if (!current)
        return std::unexpected(current.error());
    const qint64 currentVersion = *current ? (*current)->version : 0;
    const QVariantMap mine{{QStringLiteral("min_qty"), optionalValue(c.minQty)},
                           {QStringLiteral("max_qty"), optionalValue(c.maxQty)},
                           {QStringLiteral("reorder_point"), optionalValue(c.reorderPoint)}};
    QVariantMap theirs{{QStringLiteral("version"), currentVersion}};
    if (*current) {
        theirs.insert(QStringLiteral("min_qty"), optionalValue((*current)->minQty));
        theirs.insert(QStringLiteral("max_qty"), optionalValue((*current)->maxQty));
        theirs.insert(QStringLiteral("reorder_point"), optionalValue((*current)->reorderPoint));
    }
    if (currentVersion != c.baseVersion) {
        return std::unexpected(Error{ErrorCode::VersionConflict,
                                     Tr::tr("Someone else changed this threshold since you opened "
                                            "it. Choose which values to keep."),
                                     Conflict{QStringLiteral("threshold"),
                                              c.productId,
                                              c.baseVersion,
                                              currentVersion,
                                              mine,
                                              theirs}});
    }

    auto write = m_db.prepare(
        m_db.sql("INSERT OR REPLACE INTO thresholds (product_id, warehouse_id, min_qty, "
                 "max_qty, reorder_point, version) VALUES (?, ?, ?, ?, ?, ?)",
                 "INSERT INTO thresholds (product_id, warehouse_id, min_qty, max_qty, "
                 "reorder_point, version) VALUES (?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (product_id, warehouse_id) DO UPDATE SET "
                 "min_qty = excluded.min_qty, max_qty = excluded.max_qty, "
                 "reorder_point = excluded.reorder_point, version = excluded.version"));
    if (!write)
        return std::unexpected(write.error());
    write->addBindValue(c.productId);
    write->addBindValue(c.warehouseId);
    write->addBindValue(optionalValue(c.minQty));
    write->addBindValue(optionalValue(c.maxQty));
    write->addBindValue(optionalValue(c.reorderPoint));
    write->addBindValue(currentVersion + 1);
    if (auto done = Database::exec(*write); !done)
        return std::unexpected(done.error());
    for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
        if (theirs.value(it.key()) == *it)
            continue;
        if (auto logged = audit(actor,
                                QStringLiteral("threshold"),
                                c.productId,
                                currentVersion ? QStringLiteral("update") : QStringLiteral("create"),
                                QStringLiteral("%1@%2").arg(it.key()).arg(c.warehouseId),
                                theirs.value(it.key()),
                                *it);
            !logged)
            return std::unexpected(logged.error());
    }
    if (Outbox outbox(m_db, m_clock); outbox.enabled()) {
        auto queued = queueThreshold(outbox, actor, c, theirs);
        if (!queued)
            return std::unexpected(queued.error());
    }
    m_db.afterCommit(this, [this, c] { Q_EMIT thresholdChanged(c.productId, c.warehouseId); });
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return Threshold{c.productId,
                     c.warehouseId,
                     c.minQty,
                     c.maxQty,
                     c.reorderPoint,
                     currentVersion + 1};
}

} // namespace Stockroom
