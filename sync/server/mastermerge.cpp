#include "mastermerge.h"

#include "model/domain/barcodes.h"
#include "model/domain/cbor.h"
#include "model/domain/ids.h"
#include "model/domain/limits.h"
#include "model/services/catalog.h"
#include "model/services/conflictservice.h"
#include "model/services/masterdatawriter.h"
#include "model/services/recordreader.h"

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
    return QString::number(cborInteger(value));
}

// A product edit's new value of a field, by the model's limits: text for the name, local
// name and unit, true or false for archived.
Status checkEditedField(const ProductEdited::Field &field)
{
    if (field.name == QLatin1String("archived")) {
        if (!field.now.isBool())
            return fail(ErrorCode::InvalidInput, QStringLiteral("\"archived\" is true or false."));
        return {};
    }
    if (productColumnOfField(field.name).isEmpty())
        return {}; // a field of a later version: left alone
    if (!field.now.isString())
        return fail(ErrorCode::InvalidInput, QStringLiteral("\"%1\" must be text.").arg(field.name));
    const QString value = field.now.toString().trimmed();
    if (field.name == QLatin1String("unit")) {
        if (value.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("The unit must not be empty."));
        return Limits::checkText(value,
                                 Limits::unit,
                                 Limits::Kind::Code,
                                 QStringLiteral("The unit"));
    }
    if (field.name == QLatin1String("name") && value.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("The name must not be empty."));
    return Limits::checkText(value, Limits::productName, Limits::Kind::Text, field.name);
}

} // namespace

MasterDataMerge::MasterDataMerge(Database &db,
                                 const Clock &clock,
                                 StockLedger &ledger,
                                 ServerLookups &lookups)
    : m_db(db)
    , m_clock(clock)
    , m_ledger(ledger)
    , m_lookups(lookups)
{}

Result<MasterDataMerge::Applied> MasterDataMerge::applyProductCreate(const ProductCreated &created)
{
    const QString sku = created.product.sku.trimmed();
    const QString name = created.product.name.trimmed();
    Applied applied;
    applied.masterData = true;
    if (created.uuid.isEmpty() || sku.isEmpty() || name.isEmpty()) {
        return Applied::refusal(0,
                                "invalid",
                                QStringLiteral("A product needs a UUID, a SKU and a name."));
    }
    const CreateProduct &product = created.product;
    if (auto ok = Limits::checkNewProduct(sku,
                                          name,
                                          product.localName,
                                          product.unit,
                                          product.barcodes.size());
        !ok)
        return Applied::refusal(0, "invalid", ok.error().message);
    for (const QString &code : product.barcodes) {
        if (auto barcode = Barcodes::classify(code); !barcode)
            return Applied::refusal(0, "invalid", barcode.error().message);
    }
    auto existing = m_lookups.product(created.uuid);
    if (!existing)
        return std::unexpected(existing.error());
    applied.result = Applied::outcome(0, "applied");
    if (*existing)
        return applied; // created before, under another operation: the same product
    // A SKU that is a barcode, or a barcode that is another product's SKU, would make a
    // scan or a typed SKU find another product than meant.
    const Catalog catalog(m_db);
    auto skuIsBarcode = catalog.barcodeInUse(sku);
    if (!skuIsBarcode)
        return std::unexpected(skuIsBarcode.error());
    if (*skuIsBarcode)
        return Applied::refusal(0,
                                "duplicate",
                                QStringLiteral("SKU %1 is already a barcode.").arg(sku));
    for (const QString &code : product.barcodes) {
        auto owner = catalog.productBySkuWithoutBarcodes(code.trimmed());
        if (owner && code.trimmed() != sku)
            return Applied::refusal(0,
                                    "duplicate",
                                    QStringLiteral("Barcode %1 is the SKU of product %2.")
                                        .arg(code.trimmed(), owner->name));
        if (!owner && owner.error().code != ErrorCode::NotFound)
            return std::unexpected(owner.error());
    }
    ProductCreated trimmed = created;
    trimmed.product.sku = sku;
    trimmed.product.name = name;
    auto id = MasterDataWriter(m_db).createProduct(trimmed);
    if (!id)
        return std::unexpected(id.error());
    if (*id == 0) {
        return Applied::refusal(0,
                                "invalid",
                                QStringLiteral("SKU %1 is already used by another product.")
                                    .arg(sku));
    }
    m_lookups.forgetProduct(created.uuid);
    return applied;
}

// A barcode linked to a product: applied once, whoever sends it again. A code that
// already belongs to something else is refused; the workstation takes its link back.
Result<MasterDataMerge::Applied> MasterDataMerge::applyProductBarcode(qint64 seq,
                                                                      const BarcodeLinked &link)
{
    const QString code = link.code.trimmed();
    auto productId = m_lookups.product(link.uuid);
    if (!productId)
        return std::unexpected(productId.error());
    if (!*productId)
        return Applied::refusal(seq, "not-found", QStringLiteral("No product %1.").arg(link.uuid));
    Applied applied;
    applied.masterData = true;
    applied.result = Applied::outcome(seq, "applied");
    const Catalog catalog(m_db);
    if (auto owner = catalog.productByBarcode(code)) {
        if (owner->id == **productId)
            return applied; // linked before: the same link
        return Applied::refusal(seq,
                                "duplicate",
                                QStringLiteral("Barcode %1 already belongs to another product.")
                                    .arg(code));
    } else if (owner.error().code != ErrorCode::UnknownBarcode) {
        return std::unexpected(owner.error());
    }
    auto checked = catalog.checkNewBarcode(code, **productId);
    if (!checked)
        return Applied::refusal(seq,
                                checked.error().code == ErrorCode::Duplicate ? "duplicate"
                                                                             : "invalid",
                                checked.error().message);
    if (auto linked = MasterDataWriter(m_db).linkBarcode(**productId, *checked); !linked)
        return std::unexpected(linked.error());
    return applied;
}

Result<MasterDataMerge::Applied> MasterDataMerge::applyProductEdit(const SyncSession &session,
                                                                   qint64 seq,
                                                                   const QString &userUuid,
                                                                   const ProductEdited &edit)
{
    Applied applied;
    applied.masterData = true;
    auto id = m_lookups.product(edit.uuid);
    if (!id)
        return std::unexpected(id.error());
    std::optional<Product> current;
    if (*id) {
        auto read = Catalog(m_db).productWithoutBarcodes(**id);
        if (!read && read.error().code != ErrorCode::NotFound)
            return std::unexpected(read.error());
        if (read)
            current = std::move(*read);
    }
    if (!current) {
        return Applied::refusal(seq,
                                "unknown-product",
                                QStringLiteral("Product %1 is not known to the server.")
                                    .arg(edit.uuid));
    }
    const QHash<QString, QCborValue> theirs{{QStringLiteral("name"), current->name},
                                            {QStringLiteral("localName"), current->localName},
                                            {QStringLiteral("unit"), current->unit},
                                            {QStringLiteral("archived"), current->archived}};

    // A three-way merge per field against the values the edit was made on.
    const bool fresh = edit.baseVersion == current->version;
    applied.result = Applied::outcome(seq, fresh ? "applied" : "rebased");
    QList<std::pair<QString, QVariant>> merged;
    for (const ProductEdited::Field &field : edit.fields) {
        if (auto ok = checkEditedField(field); !ok)
            return Applied::refusal(seq, "invalid", ok.error().message);
    }
    for (const ProductEdited::Field &field : edit.fields) {
        if (productColumnOfField(field.name).isEmpty())
            continue;
        const QCborValue &mine = field.now;
        const QCborValue &was = field.was;
        const QCborValue now = theirs.value(field.name);
        if (now == mine)
            continue; // the same new value: nothing to do
        if (now == was || fresh) {
            merged.append({field.name, mine.toVariant()});
            continue;
        }
        const NewConflict conflict{QStringLiteral("field"),
                                   QStringLiteral("product"),
                                   edit.uuid,
                                   field.name,
                                   textOf(was),
                                   textOf(now),
                                   textOf(mine),
                                   QStringLiteral("%1 was changed to \"%2\" here and to \"%3\" on "
                                                  "the server.")
                                       .arg(field.name, textOf(mine), textOf(now)),
                                   QString()};
        if (auto raised = applied.raise(m_db, m_clock, session, seq, userUuid, conflict); !raised)
            return std::unexpected(raised.error());
    }
    if (auto written = MasterDataWriter(m_db).editProduct(current->id, merged); !written)
        return std::unexpected(written.error());
    return applied;
}

Result<MasterDataMerge::Applied> MasterDataMerge::applyThreshold(const SyncSession &session,
                                                                 qint64 seq,
                                                                 const QString &userUuid,
                                                                 const ThresholdSet &set)
{
    Applied applied;
    applied.masterData = true;
    auto product = m_lookups.product(set.product);
    if (!product)
        return std::unexpected(product.error());
    if (!*product) {
        return Applied::refusal(seq,
                                "unknown-product",
                                QStringLiteral("Product %1 is not known to the server.")
                                    .arg(set.product));
    }
    qint64 warehouseId = 0;
    QString warehouseCode; // a threshold over every warehouse has none
    if (!set.warehouse.isEmpty()) {
        auto location = m_lookups.location(set.warehouse);
        if (!location)
            return std::unexpected(location.error());
        if (!*location) {
            return Applied::refusal(seq,
                                    "unknown-location",
                                    QStringLiteral("Warehouse %1 is not known.").arg(set.warehouse));
        }
        auto code = m_lookups.warehouseCode((*location)->warehouseId);
        if (!code)
            return std::unexpected(code.error());
        if (!session.token.maySee((*location)->warehouseId)) {
            return Applied::refusal(seq,
                                    "out-of-scope",
                                    QStringLiteral("This workstation may not set thresholds in "
                                                   "warehouse %1.")
                                        .arg(*code));
        }
        warehouseId = (*location)->warehouseId;
        warehouseCode = *code;
    } else if (!session.token.allWarehouses()) {
        // As on REST: the limits over every warehouse are for a token of every warehouse.
        return Applied::refusal(seq,
                                "out-of-scope",
                                QStringLiteral("Only a workstation of every warehouse may set the "
                                               "limits over all of them."));
    }
    auto stored = Catalog(m_db).threshold(**product, warehouseId);
    if (!stored)
        return std::unexpected(stored.error());
    const Threshold current = stored->value_or(Threshold{});

    using Limit = std::optional<qint64>;
    static const char *const names[] = {"min", "max", "reorder"};
    const Limit now[3] = {current.minQty, current.maxQty, current.reorderPoint};
    const Limit was[3] = {set.base.min, set.base.max, set.base.reorder};
    const Limit mine[3] = {set.set.min, set.set.max, set.set.reorder};
    const auto textOfLimit = [](const Limit &limit) {
        return limit ? QString::number(*limit) : QString();
    };
    for (const Limit &limit : mine) {
        if (auto ok = Limits::checkThresholdLimit(limit); !ok)
            return Applied::refusal(seq, "invalid", ok.error().message);
    }
    const bool fresh = set.baseVersion == current.version;
    applied.result = Applied::outcome(seq, fresh ? "applied" : "rebased");
    Limit merged[3] = {now[0], now[1], now[2]};
    QList<NewConflict> conflicts; // raised only once the merge is known to be valid
    for (int i = 0; i < 3; ++i) {
        if (mine[i] == now[i] || mine[i] == was[i])
            continue; // the same value, or a limit the device left as it was: the server's stays
        if (fresh || now[i] == was[i]) {
            merged[i] = mine[i];
            continue;
        }
        conflicts.append(
            NewConflict{QStringLiteral("field"),
                        QStringLiteral("threshold"),
                        QStringLiteral("%1/%2").arg(set.product, set.warehouse),
                        QLatin1String(names[i]),
                        textOfLimit(was[i]),
                        textOfLimit(now[i]),
                        textOfLimit(mine[i]),
                        QStringLiteral("The %1 limit was set to %2 here and to %3 on the server.")
                            .arg(QLatin1String(names[i]), textOfLimit(mine[i]), textOfLimit(now[i])),
                        warehouseCode});
    }
    if (merged[0] && merged[1] && *merged[0] > *merged[1]) {
        return Applied::refusal(seq,
                                "invalid",
                                QStringLiteral(
                                    "Merged with the server's values, the minimum would be "
                                    "above the maximum."));
    }
    for (const NewConflict &conflict : std::as_const(conflicts)) {
        if (auto raised = applied.raise(m_db, m_clock, session, seq, userUuid, conflict); !raised)
            return std::unexpected(raised.error());
    }
    const Threshold written{**product,
                            warehouseId,
                            merged[0],
                            merged[1],
                            merged[2],
                            current.version + 1};
    if (auto write = MasterDataWriter(m_db).writeThreshold(written); !write)
        return std::unexpected(write.error());
    return applied;
}

Result<MasterDataMerge::Applied> MasterDataMerge::applyResolve(const SyncSession &session,
                                                               const QString &userUuid,
                                                               const ConflictResolved &decision)
{
    Applied applied;
    applied.masterData = true;
    auto stored = RecordReader(m_db).conflict(decision.conflict);
    if (!stored)
        return std::unexpected(stored.error());
    if (!*stored) {
        return Applied::refusal(0,
                                "invalid",
                                QStringLiteral("There is no conflict %1.").arg(decision.conflict));
    }
    const ConflictRecord &conflict = **stored;
    // A conflict is a warehouse's (its stock, its limits) or everyone's (a product's
    // field); the limits over every warehouse are for a token of every warehouse, as their
    // setting is.
    const QString &warehouse = conflict.raised.warehouse;
    const bool everyWarehouses = warehouse.isEmpty()
                                 && conflict.raised.entity == QLatin1String("threshold");
    if (!session.token.allWarehouses()
        && (everyWarehouses
            || (!warehouse.isEmpty() && !session.token.warehouseCodes.contains(warehouse)))) {
        return Applied::refusal(0,
                                "out-of-scope",
                                QStringLiteral("This workstation may not decide conflict %1 of "
                                               "warehouse %2.")
                                    .arg(conflict.uuid,
                                         warehouse.isEmpty() ? QStringLiteral("*") : warehouse));
    }
    applied.result = Applied::outcome(0, "applied");
    if (conflict.state != QLatin1String("open"))
        return applied; // resolved already, by someone else: theirs stands
    if (decision.choice == ConflictChoice::Mine) {
        auto kept = keepMine(conflict, userUuid, applied);
        if (!kept)
            return std::unexpected(kept.error());
        if (*kept)
            return std::move(**kept); // refused: the conflict stays open
    }
    if (auto closed = ConflictService::close(m_db,
                                             conflict.uuid,
                                             toString(decision.choice),
                                             userUuid);
        !closed)
        return std::unexpected(closed.error());
    return applied;
}

Result<std::optional<MasterDataMerge::Applied>> MasterDataMerge::keepMine(
    const ConflictRecord &conflict, const QString &userUuid, Applied &applied)
{
    const NewConflict &raised = conflict.raised;
    if (raised.type == QLatin1String("stale-count"))
        return keepCount(conflict, userUuid, applied);
    if (raised.type != QLatin1String("field"))
        return std::optional<Applied>(); // an exception for a manager: nothing to write
    if (raised.entity == QLatin1String("threshold"))
        return keepThresholdLimit(conflict);
    if (raised.entity != QLatin1String("product") || productColumnOfField(raised.field).isEmpty())
        return std::optional<Applied>();
    auto id = m_lookups.product(raised.entityKey);
    if (!id)
        return std::unexpected(id.error());
    if (!*id)
        return std::optional<Applied>(); // gone: nothing to write over
    const QString mine = raised.mine.toString();
    const QVariant value = raised.field == QLatin1String("archived")
                               ? QVariant(mine == QLatin1String("true"))
                               : QVariant(mine);
    if (auto written = MasterDataWriter(m_db).editProduct(**id, {{raised.field, value}}); !written)
        return std::unexpected(written.error());
    return std::optional<Applied>();
}

Result<std::optional<MasterDataMerge::Applied>> MasterDataMerge::keepThresholdLimit(
    const ConflictRecord &conflict)
{
    const QString &entityKey = conflict.raised.entityKey;
    const QString &field = conflict.raised.field;
    const QString mine = conflict.raised.mine.toString();
    // The conflict names its threshold as "<product uuid>/<warehouse uuid>", the warehouse
    // empty for the threshold over every warehouse.
    using Limit = MasterDataWriter::Limit;
    static const QHash<QString, Limit> limits{{QStringLiteral("min"), Limit::Min},
                                              {QStringLiteral("max"), Limit::Max},
                                              {QStringLiteral("reorder"), Limit::Reorder}};
    const auto invalid = [](const QString &message) {
        return std::optional<Applied>(Applied::refusal(0, "invalid", message));
    };
    bool number = true;
    const qint64 value = mine.isEmpty() ? 0 : mine.toLongLong(&number);
    if (!limits.contains(field) || !number || value < 0)
        return invalid(QStringLiteral("The conflict's value \"%1\" for \"%2\" is not a limit.")
                           .arg(mine, field));
    const Limit limit = limits.value(field);
    auto productId = m_lookups.product(entityKey.section(QLatin1Char('/'), 0, 0));
    if (!productId)
        return std::unexpected(productId.error());
    bool known = productId->has_value();
    qint64 warehouseId = 0;
    if (const QString warehouse = entityKey.section(QLatin1Char('/'), 1); !warehouse.isEmpty()) {
        auto location = m_lookups.location(warehouse);
        if (!location)
            return std::unexpected(location.error());
        known = known && location->has_value();
        warehouseId = known ? (*location)->warehouseId : 0;
    }
    if (!known)
        return invalid(QStringLiteral("The threshold %1 is not known.").arg(entityKey));

    auto stored = Catalog(m_db).threshold(**productId, warehouseId);
    if (!stored)
        return std::unexpected(stored.error());
    const Threshold current = stored->value_or(Threshold{});
    const std::optional<qint64> kept = mine.isEmpty() ? std::nullopt : std::optional(value);
    std::optional<qint64> bounds[2] = {current.minQty, current.maxQty};
    if (limit == Limit::Min)
        bounds[0] = kept;
    if (limit == Limit::Max)
        bounds[1] = kept;
    if (bounds[0] && bounds[1] && *bounds[0] > *bounds[1])
        return invalid(QStringLiteral("With this workstation's value the minimum (%1) would be "
                                      "above the maximum (%2); set the limits again instead.")
                           .arg(*bounds[0])
                           .arg(*bounds[1]));
    // version + 1: every workstation, the one that lost included, pulls the limits again.
    if (auto set = MasterDataWriter(m_db).setThresholdLimit(**productId, warehouseId, limit, kept);
        !set)
        return std::unexpected(set.error());
    return std::optional<Applied>();
}

Result<std::optional<MasterDataMerge::Applied>> MasterDataMerge::keepCount(
    const ConflictRecord &conflict, const QString &userUuid, Applied &applied)
{
    // The conflict names its stock as "<product uuid>/<location uuid>/<lot code>".
    const QString &entityKey = conflict.raised.entityKey;
    bool numbers = false;
    const qint64 counted = conflict.raised.mine.toString().toLongLong(&numbers);
    const qint64 left = numbers ? conflict.raised.theirs.toString().toLongLong(&numbers) : 0;
    auto product = m_lookups.product(entityKey.section(QLatin1Char('/'), 0, 0));
    if (!product)
        return std::unexpected(product.error());
    auto location = m_lookups.location(entityKey.section(QLatin1Char('/'), 1, 1));
    if (!location)
        return std::unexpected(location.error());
    auto user = m_lookups.user(userUuid);
    if (!user)
        return std::unexpected(user.error());
    if (!numbers || !*product || !*location || !*user) {
        return std::optional<Applied>(
            Applied::refusal(0,
                             "invalid",
                             QStringLiteral("Conflict %1 names no stock that can be counted.")
                                 .arg(conflict.uuid)));
    }
    if (counted == left)
        return std::optional<Applied>();
    auto lot = m_lookups.lotId(**product, entityKey.section(QLatin1Char('/'), 2), QString());
    if (!lot)
        return std::unexpected(lot.error());
    auto row = m_lookups.readStock(**product, (*location)->id, *lot);
    if (!row)
        return std::unexpected(row.error());
    const qint64 delta = counted - left;
    if (row->level.quantity + delta < 0) {
        return std::optional<Applied>(
            Applied::refusal(0,
                             "insufficient-stock",
                             QStringLiteral(
                                 "Only %1 are in stock now; taking the %2 the count found "
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
    m_lookups.rememberStock(*appended, entry.deviceId);
    applied.movement = true;
    applied.warehouses.insert((*location)->warehouseId);
    return std::optional<Applied>();
}

} // namespace Stockroom::Sync
