#include "serverstore.h"

#include "model/actor.h"
#include "model/ids.h"
#include "model/tr.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

namespace Stockroom::Sync {

namespace {

QCborMap outcome(qint64 seq, const char *what)
{
    return {{key("seq"), seq}, {key("outcome"), QString::fromLatin1(what)}};
}

QCborMap rejected(qint64 seq, const char *reason, const QString &message)
{
    QCborMap result = outcome(seq, "rejected");
    result.insert(key("reason"), QString::fromLatin1(reason));
    result.insert(key("message"), message);
    return result;
}

QCborValue nullable(const QVariant &value)
{
    return value.isNull() ? QCborValue(nullptr) : QCborValue::fromVariant(value);
}

QString textOf(const QCborValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QString();
    if (value.isString())
        return value.toString();
    return QString::number(value.toInteger());
}

} // namespace

ServerStore::ServerStore(Database &db, NegativeStockRule rule)
    : m_db(db)
    , m_rule(rule)
    , m_ledger(db)
{}

ServerStore::~ServerStore() = default;

Result<qint64> ServerStore::ackedSeq(const QString &deviceId)
{
    auto query = m_db.run(QStringLiteral("SELECT acked_seq FROM sync_devices WHERE device_id = ?"),
                          {deviceId});
    if (!query)
        return std::unexpected(query.error());
    qint64 acked = 0;
    if ((*query)->next())
        acked = (*query)->value(0).toLongLong();
    (*query)->finish();
    return acked;
}

Result<QCborValue> ServerStore::storedOutcome(const QString &deviceId, qint64 seq)
{
    auto query = m_db.run(QStringLiteral("SELECT first_seq, outcomes FROM sync_outcomes "
                                         "WHERE device_id = ? AND last_seq >= ? "
                                         "ORDER BY last_seq LIMIT 1"),
                          {deviceId, seq});
    if (!query)
        return std::unexpected(query.error());
    QCborValue found;
    if ((*query)->next()) {
        const qint64 first = (*query)->value(0).toLongLong();
        const QCborArray all = QCborValue::fromCbor((*query)->value(1).toByteArray()).toArray();
        if (seq >= first && seq - first < all.size())
            found = all.at(seq - first);
    }
    (*query)->finish();
    return found;
}

Result<PushOutcome> ServerStore::push(const SyncSession &session, const QCborArray &ops)
{
    m_products.clear();
    m_locations.clear();
    m_users.clear();
    m_lots.clear();

    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto acked = ackedSeq(session.deviceId);
    if (!acked)
        return std::unexpected(acked.error());

    PushOutcome out;
    out.acked = *acked;
    QCborArray fresh;
    qint64 firstFresh = 0;
    for (const QCborValue &value : ops) {
        const QCborMap op = value.toMap();
        const QCborValue seqValue = op.value(key("seq"));
        if (!value.isMap() || !seqValue.isInteger() || seqValue.toInteger() <= 0) {
            out.refusal = ProtocolError{QStringLiteral("malformed"),
                                        Tr::tr("Every operation needs a positive \"seq\"."),
                                        true};
            return out;
        }
        const qint64 seq = seqValue.toInteger();
        if (seq <= out.acked) {
            auto stored = storedOutcome(session.deviceId, seq);
            if (!stored)
                return std::unexpected(stored.error());
            QCborMap result = stored->isMap() ? stored->toMap() : outcome(seq, "applied");
            result.insert(key("replayed"), true);
            out.results.append(result);
            continue;
        }
        if (seq != out.acked + 1) {
            auto stillAcked = ackedSeq(session.deviceId);
            out = PushOutcome{};
            out.acked = stillAcked ? *stillAcked : 0;
            out.refusal = ProtocolError{QStringLiteral("out-of-order"),
                                        Tr::tr("Operation %1 came before %2: send again from %2.")
                                            .arg(seq)
                                            .arg(out.acked + 1),
                                        false};
            return out; // the transaction rolls back: nothing of this push is applied
        }
        auto applied = apply(session, seq, op);
        if (!applied)
            return std::unexpected(applied.error());
        applied->result.insert(key("seq"), seq);
        if (firstFresh == 0)
            firstFresh = seq;
        fresh.append(applied->result);
        out.results.append(applied->result);
        out.warehouses.unite(applied->warehouses);
        out.changedMasterData = out.changedMasterData || applied->masterData;
        out.acked = seq;
    }

    if (!fresh.isEmpty()) {
        auto store = m_db.run(QStringLiteral("INSERT INTO sync_outcomes (device_id, last_seq, "
                                             "first_seq, outcomes) VALUES (?, ?, ?, ?)"),
                              {session.deviceId, out.acked, firstFresh, QCborValue(fresh).toCbor()});
        if (!store)
            return std::unexpected(store.error());
    }
    auto device = m_db.run(QStringLiteral("INSERT OR REPLACE INTO sync_devices (device_id, "
                                          "acked_seq, token_id, last_seen) VALUES (?, ?, ?, ?)"),
                           {session.deviceId,
                            out.acked,
                            session.token.id,
                            QDateTime::currentMSecsSinceEpoch()});
    if (!device)
        return std::unexpected(device.error());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return out;
}

Result<ServerStore::Applied> ServerStore::apply(const SyncSession &session,
                                                qint64 seq,
                                                const QCborMap &op)
{
    const QString kind = op.value(key("kind")).toString();
    const QString userUuid = op.value(key("user")).toString();
    const QCborMap body = op.value(key("body")).toMap();
    auto base = Cursor::fromBytes(op.value(key("base")).toByteArray());
    if (!base)
        return Applied{rejected(seq, "invalid", base.error().message), {}, false};

    auto user = this->user(userUuid);
    if (!user)
        return std::unexpected(user.error());
    if (!*user)
        return Applied{rejected(seq, "unknown-user", Tr::tr("User %1 is not known.").arg(userUuid)),
                       {},
                       false};
    const UserRef &who = **user;
    if (!who.active)
        return Applied{rejected(seq, "forbidden", Tr::tr("The user's account is disabled.")),
                       {},
                       false};

    // The operation needs both the user's role and the token's.
    const auto permitted = [&](Permission permission) {
        return Actor{who.id, QString(), who.role}.can(permission)
               && Actor{who.id, QString(), session.token.role}.can(permission);
    };
    const auto forbidden = [&] {
        return Applied{rejected(seq,
                                "forbidden",
                                Tr::tr(
                                    "The user's or the workstation's role does not allow this.")),
                       {},
                       false};
    };

    if (kind == QLatin1String("movement")) {
        const QString type = body.value(key("type")).toString();
        const bool adjusting = type == QLatin1String("adjustment");
        if (!permitted(adjusting ? Permission::Adjust : Permission::RecordMovement))
            return forbidden();
        return applyMovement(session, seq, *base, who, userUuid, body);
    }
    if (kind == QLatin1String("product.create") || kind == QLatin1String("product.edit")) {
        if (!permitted(Permission::EditMasterData))
            return forbidden();
        if (kind == QLatin1String("product.create"))
            return applyProductCreate(body);
        return applyProductEdit(session, seq, userUuid, body);
    }
    if (kind == QLatin1String("threshold.set")) {
        if (!permitted(Permission::EditThresholds))
            return forbidden();
        return applyThreshold(session, seq, userUuid, body);
    }
    if (kind == QLatin1String("conflict.resolve")) {
        if (!permitted(Permission::EditMasterData))
            return forbidden();
        return applyResolve(who, userUuid, body);
    }
    return Applied{rejected(seq, "invalid", Tr::tr("Unknown operation kind \"%1\".").arg(kind)),
                   {},
                   false};
}

Result<ServerStore::Applied> ServerStore::applyMovement(const SyncSession &session,
                                                        qint64 seq,
                                                        const Cursor &base,
                                                        const UserRef &user,
                                                        const QString &userUuid,
                                                        const QCborMap &body)
{
    const auto invalid = [seq](const QString &message) {
        return Applied{rejected(seq, "invalid", message), {}, false};
    };
    const std::optional<MovementType> type = movementTypeFromString(
        body.value(key("type")).toString());
    const QString id = body.value(key("id")).toString();
    const QCborArray legs = body.value(key("legs")).toArray();
    if (!type || id.isEmpty() || legs.isEmpty() || legs.size() > 2
        || !body.value(key("deviceSeq")).isInteger())
        return invalid(Tr::tr("A movement needs an id, a type, its device sequence and one or "
                              "two lines."));
    if ((*type == MovementType::Transfer) != (legs.size() == 2))
        return invalid(Tr::tr("A transfer has two lines; other movements have one."));

    LedgerEntry entry;
    entry.id = id;
    entry.type = *type;
    entry.userId = user.id;
    entry.deviceId = session.deviceId;
    entry.deviceSeq = body.value(key("deviceSeq")).toInteger();
    entry.occurredAt = QDateTime::fromMSecsSinceEpoch(body.value(key("at")).toInteger(),
                                                      QTimeZone::utc());
    entry.reason = body.value(key("reason")).toString();
    entry.reference = body.value(key("reference")).toString();
    const bool reservation = body.value(key("reservation")).toBool();

    Applied applied;
    applied.result = outcome(seq, "applied");
    QList<QCborMap> conflicts;
    for (const QCborValue &legValue : legs) {
        const QCborMap leg = legValue.toMap();
        const QString productUuid = leg.value(key("product")).toString();
        const QString locationUuid = leg.value(key("location")).toString();
        auto product = this->product(productUuid);
        if (!product)
            return std::unexpected(product.error());
        if (!*product)
            return Applied{rejected(seq,
                                    "unknown-product",
                                    Tr::tr("Product %1 is not known to the server.")
                                        .arg(productUuid)),
                           {},
                           false};
        auto location = this->location(locationUuid);
        if (!location)
            return std::unexpected(location.error());
        if (!*location)
            return Applied{rejected(seq,
                                    "unknown-location",
                                    Tr::tr("Location %1 is not known to the server.")
                                        .arg(locationUuid)),
                           {},
                           false};
        if (!session.token.maySee((*location)->warehouseId))
            return Applied{rejected(seq,
                                    "out-of-scope",
                                    Tr::tr("This workstation may not record movements in "
                                           "warehouse %1.")
                                        .arg((*location)->warehouseCode)),
                           {},
                           false};
        if (!leg.value(key("delta")).isInteger())
            return invalid(Tr::tr("Every line needs a whole-number delta."));
        const qint64 delta = leg.value(key("delta")).toInteger();
        if (delta == 0 && *type != MovementType::Count)
            return invalid(Tr::tr("A quantity of zero moves nothing."));
        const QString lotCode = leg.value(key("lot")).toString();
        auto lot = lotId((*product)->id, lotCode, leg.value(key("expiry")).toString());
        if (!lot)
            return std::unexpected(lot.error());

        // The stock as it is now, and whether another device changed it after base.
        auto query = m_db.run(QStringLiteral("SELECT quantity, version, last_seq, last_device, "
                                             "other_seq FROM stock WHERE product_id = ? AND "
                                             "location_id = ? AND lot_id = ?"),
                              {(*product)->id, (*location)->id, *lot});
        if (!query)
            return std::unexpected(query.error());
        StockLevel before{(*product)->id, (*location)->id, *lot, 0, 0};
        qint64 foreignSeq = 0;
        if ((*query)->next()) {
            before.quantity = (*query)->value(0).toLongLong();
            before.version = (*query)->value(1).toLongLong();
            foreignSeq = (*query)->value(3).toString() == session.deviceId
                             ? (*query)->value(4).toLongLong()
                             : (*query)->value(2).toLongLong();
        }
        (*query)->finish();
        const bool stale = foreignSeq > base.ledger;
        if (stale)
            applied.result.insert(key("outcome"), QStringLiteral("rebased"));

        const qint64 after = before.quantity + delta;
        if (delta < 0 && after < 0) {
            if (reservation || m_rule == NegativeStockRule::Refuse) {
                return Applied{rejected(seq,
                                        "insufficient-stock",
                                        Tr::tr("Only %1 in stock; %2 cannot be taken.")
                                            .arg(before.quantity)
                                            .arg(-delta)),
                               {},
                               false};
            }
            conflicts.append({{key("type"), QStringLiteral("negative-stock")},
                              {key("entity"), QStringLiteral("stock")},
                              {key("entity_key"),
                               QStringLiteral("%1/%2/%3").arg(productUuid, locationUuid, lotCode)},
                              {key("theirs"), QString::number(before.quantity)},
                              {key("mine"), QString::number(after)},
                              {key("detail"),
                               Tr::tr("Movement %1 took %2 from a stock of %3, leaving %4.")
                                   .arg(id)
                                   .arg(-delta)
                                   .arg(before.quantity)
                                   .arg(after)},
                              {key("warehouse"), (*location)->warehouseCode}});
        }
        if (*type == MovementType::Count && stale) {
            const qint64 counted = leg.value(key("counted")).toInteger();
            const qint64 expected = leg.value(key("expected")).toInteger();
            conflicts.append({{key("type"), QStringLiteral("stale-count")},
                              {key("entity"), QStringLiteral("stock")},
                              {key("entity_key"),
                               QStringLiteral("%1/%2/%3").arg(productUuid, locationUuid, lotCode)},
                              {key("base"), QString::number(expected)},
                              {key("theirs"), QString::number(after)},
                              {key("mine"), QString::number(counted)},
                              {key("detail"),
                               Tr::tr("Counted %1 against an expected %2, but stock changed "
                                      "elsewhere meanwhile: it is now %3 after the count.")
                                   .arg(counted)
                                   .arg(expected)
                                   .arg(after)},
                              {key("warehouse"), (*location)->warehouseCode}});
        }
        LedgerLeg ledgerLeg{(*product)->id, (*location)->id, *lot, delta, {}, before};
        if (leg.value(key("counted")).isInteger())
            ledgerLeg.counted = leg.value(key("counted")).toInteger();
        entry.legs.append(ledgerLeg);
        applied.warehouses.insert((*location)->warehouseId);
    }

    auto appended = m_ledger.append(entry);
    if (!appended) {
        if (appended.error().code == ErrorCode::Duplicate && !m_db.isPoisoned())
            return Applied{rejected(seq,
                                    "invalid",
                                    Tr::tr("Movement %1 is already in the ledger under another "
                                           "operation.")
                                        .arg(id)),
                           {},
                           false};
        return std::unexpected(appended.error());
    }
    for (QCborMap conflict : conflicts) {
        conflict.insert(key("device"), session.deviceId);
        conflict.insert(key("seq"), seq);
        conflict.insert(key("user"), userUuid);
        auto raised = raiseConflict(conflict);
        if (!raised)
            return std::unexpected(raised.error());
        applied.result.insert(key("outcome"), QStringLiteral("conflict"));
        applied.result.insert(key("conflict"), *raised);
    }
    return applied;
}

Result<ServerStore::Applied> ServerStore::applyProductCreate(const QCborMap &body)
{
    const QString uuid = body.value(key("uuid")).toString();
    const QString sku = body.value(key("sku")).toString().trimmed();
    const QString name = body.value(key("name")).toString().trimmed();
    Applied applied;
    applied.masterData = true;
    if (uuid.isEmpty() || sku.isEmpty() || name.isEmpty()) {
        applied.result = rejected(0, "invalid", Tr::tr("A product needs a UUID, a SKU and a name."));
        return applied;
    }
    auto existing = product(uuid);
    if (!existing)
        return std::unexpected(existing.error());
    applied.result = outcome(0, "applied");
    if (*existing)
        return applied; // created before, under another operation: the same product
    auto insert = m_db.run(QStringLiteral(
                               "INSERT OR IGNORE INTO products (uuid, sku, name, "
                               "local_name, unit, lot_tracked) VALUES (?, ?, ?, ?, ?, ?)"),
                           {uuid,
                            sku,
                            name,
                            body.value(key("localName")).toString(),
                            body.value(key("unit")).toString(QStringLiteral("EA")),
                            body.value(key("lotTracked")).toBool()});
    if (!insert)
        return std::unexpected(insert.error());
    if ((*insert)->numRowsAffected() != 1) {
        applied.result = rejected(0,
                                  "invalid",
                                  Tr::tr("SKU %1 is already used by another product.").arg(sku));
        return applied;
    }
    const qint64 id = (*insert)->lastInsertId().toLongLong();
    for (const QCborValue &code : body.value(key("barcodes")).toArray()) {
        auto barcode = m_db.run(QStringLiteral("INSERT OR IGNORE INTO product_barcodes (code, "
                                               "product_id, symbology) VALUES (?, ?, 'free')"),
                                {code.toString(), id});
        if (!barcode)
            return std::unexpected(barcode.error());
    }
    m_products.remove(uuid);
    return applied;
}

Result<ServerStore::Applied> ServerStore::applyProductEdit(const SyncSession &session,
                                                           qint64 seq,
                                                           const QString &userUuid,
                                                           const QCborMap &body)
{
    static const QHash<QString, QString> columns{{QStringLiteral("name"), QStringLiteral("name")},
                                                 {QStringLiteral("localName"),
                                                  QStringLiteral("local_name")},
                                                 {QStringLiteral("unit"), QStringLiteral("unit")},
                                                 {QStringLiteral("archived"),
                                                  QStringLiteral("archived")}};
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
        applied.result = rejected(seq,
                                  "unknown-product",
                                  Tr::tr("Product %1 is not known to the server.").arg(uuid));
        return applied;
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
        if (!columns.contains(field))
            continue;
        const QCborValue mine = it.value();
        const QCborValue was = base.value(field);
        const QCborValue now = theirs.value(field);
        if (now == mine)
            continue; // the same new value: nothing to do
        if (now == was || base.value(key("version")).toInteger() == version) {
            assignments << columns.value(field) + QStringLiteral(" = ?");
            values << mine.toVariant();
            continue;
        }
        auto raised = raiseConflict({{key("type"), QStringLiteral("field")},
                                     {key("entity"), QStringLiteral("product")},
                                     {key("entity_key"), uuid},
                                     {key("field"), field},
                                     {key("base"), textOf(was)},
                                     {key("theirs"), textOf(now)},
                                     {key("mine"), textOf(mine)},
                                     {key("detail"),
                                      Tr::tr("%1 was changed to \"%2\" here and to \"%3\" on the "
                                             "server.")
                                          .arg(field, textOf(mine), textOf(now))},
                                     {key("device"), session.deviceId},
                                     {key("seq"), seq},
                                     {key("user"), userUuid}});
        if (!raised)
            return std::unexpected(raised.error());
        applied.result.insert(key("outcome"), QStringLiteral("conflict"));
        applied.result.insert(key("conflict"), *raised);
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
        applied.result = rejected(seq,
                                  "unknown-product",
                                  Tr::tr("Product %1 is not known to the server.").arg(productUuid));
        return applied;
    }
    qint64 warehouseId = 0;
    if (const QCborValue w = body.value(key("warehouse")); w.isString()) {
        auto location = this->location(w.toString());
        if (!location)
            return std::unexpected(location.error());
        if (!*location) {
            applied.result = rejected(seq,
                                      "unknown-location",
                                      Tr::tr("Warehouse %1 is not known.").arg(w.toString()));
            return applied;
        }
        if (!session.token.maySee((*location)->warehouseId)) {
            applied.result = rejected(seq,
                                      "out-of-scope",
                                      Tr::tr("This workstation may not set thresholds in "
                                             "warehouse %1.")
                                          .arg((*location)->warehouseCode));
            return applied;
        }
        warehouseId = (*location)->warehouseId;
    }
    auto current = m_db.run(QStringLiteral("SELECT min_qty, max_qty, reorder_point, version FROM "
                                           "thresholds WHERE product_id = ? AND warehouse_id = ?"),
                            {(*product)->id, warehouseId});
    if (!current)
        return std::unexpected(current.error());
    QCborValue now[3] = {QCborValue(nullptr), QCborValue(nullptr), QCborValue(nullptr)};
    qint64 version = 0;
    if ((*current)->next()) {
        for (int i = 0; i < 3; ++i)
            now[i] = nullable((*current)->value(i));
        version = (*current)->value(3).toLongLong();
    }
    (*current)->finish();

    const QCborMap base = body.value(key("base")).toMap();
    const QCborMap set = body.value(key("set")).toMap();
    const bool fresh = base.value(key("version")).toInteger() == version;
    applied.result = outcome(seq, fresh ? "applied" : "rebased");
    QCborValue merged[3] = {now[0], now[1], now[2]};
    for (int i = 0; i < 3; ++i) {
        const QCborValue mine = set.value(key(limits[i]));
        const QCborValue was = base.value(key(limits[i]));
        if (mine == now[i])
            continue;
        if (fresh || now[i] == was) {
            merged[i] = mine;
            continue;
        }
        auto raised = raiseConflict(
            {{key("type"), QStringLiteral("field")},
             {key("entity"), QStringLiteral("threshold")},
             {key("entity_key"),
              QStringLiteral("%1/%2").arg(productUuid, body.value(key("warehouse")).toString())},
             {key("field"), key(limits[i])},
             {key("base"), textOf(was)},
             {key("theirs"), textOf(now[i])},
             {key("mine"), textOf(mine)},
             {key("detail"),
              Tr::tr("The %1 limit was set to %2 here and to %3 on the "
                     "server.")
                  .arg(key(limits[i]), textOf(mine), textOf(now[i]))},
             {key("device"), session.deviceId},
             {key("seq"), seq},
             {key("user"), userUuid}});
        if (!raised)
            return std::unexpected(raised.error());
        applied.result.insert(key("outcome"), QStringLiteral("conflict"));
        applied.result.insert(key("conflict"), *raised);
    }
    const auto valueOf = [](const QCborValue &v) {
        return v.isInteger() ? QVariant(v.toInteger()) : QVariant();
    };
    if (merged[0].isInteger() && merged[1].isInteger()
        && merged[0].toInteger() > merged[1].toInteger()) {
        applied.result = rejected(seq,
                                  "invalid",
                                  Tr::tr("Merged with the server's values, the minimum would be "
                                         "above the maximum."));
        return applied;
    }
    auto write = m_db.run(QStringLiteral("INSERT OR REPLACE INTO thresholds (product_id, "
                                         "warehouse_id, min_qty, max_qty, reorder_point, version) "
                                         "VALUES (?, ?, ?, ?, ?, ?)"),
                          {(*product)->id,
                           warehouseId,
                           valueOf(merged[0]),
                           valueOf(merged[1]),
                           valueOf(merged[2]),
                           version + 1});
    if (!write)
        return std::unexpected(write.error());
    return applied;
}

Result<ServerStore::Applied> ServerStore::applyResolve(const UserRef &user,
                                                       const QString &userUuid,
                                                       const QCborMap &body)
{
    Q_UNUSED(user);
    Applied applied;
    applied.masterData = true;
    const QString uuid = body.value(key("conflict")).toString();
    const QString choice = body.value(key("choice")).toString();
    if (choice != QLatin1String("theirs") && choice != QLatin1String("mine")) {
        applied.result = rejected(0, "invalid", Tr::tr("Choose \"theirs\" or \"mine\"."));
        return applied;
    }
    auto query = m_db.run(QStringLiteral("SELECT type, entity, entity_key, field, mine, state "
                                         "FROM conflicts WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    if (!(*query)->next()) {
        applied.result = rejected(0, "invalid", Tr::tr("There is no conflict %1.").arg(uuid));
        return applied;
    }
    const QString type = (*query)->value(0).toString();
    const QString entity = (*query)->value(1).toString();
    const QString entityKey = (*query)->value(2).toString();
    const QString field = (*query)->value(3).toString();
    const QString mine = (*query)->value(4).toString();
    const bool open = (*query)->value(5).toString() == QLatin1String("open");
    (*query)->finish();
    applied.result = outcome(0, "applied");
    if (!open)
        return applied; // resolved already, by someone else: theirs stands
    if (choice == QLatin1String("mine") && type == QLatin1String("field")
        && entity == QLatin1String("product")) {
        static const QHash<QString, QString> columns{{QStringLiteral("name"),
                                                      QStringLiteral("name")},
                                                     {QStringLiteral("localName"),
                                                      QStringLiteral("local_name")},
                                                     {QStringLiteral("unit"),
                                                      QStringLiteral("unit")}};
        if (columns.contains(field)) {
            auto update = m_db.run(QStringLiteral(
                                       "UPDATE products SET %1 = ?, version = version + 1 "
                                       "WHERE uuid = ?")
                                       .arg(columns.value(field)),
                                   {mine, entityKey});
            if (!update)
                return std::unexpected(update.error());
        }
    }
    auto close = m_db.run(QStringLiteral("UPDATE conflicts SET state = 'resolved', resolution = ?, "
                                         "resolved_by = ?, version = version + 1 WHERE uuid = ?"),
                          {choice, userUuid, uuid});
    if (!close)
        return std::unexpected(close.error());
    return applied;
}

Result<QString> ServerStore::raiseConflict(const QCborMap &c)
{
    const QString uuid = Ids::create(QDateTime::currentMSecsSinceEpoch());
    auto insert = m_db.run(
        QStringLiteral(
            "INSERT INTO conflicts (uuid, type, entity, entity_key, field, base, theirs, "
            "mine, detail, warehouse, device_id, op_seq, user_uuid, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {uuid,
         c.value(key("type")).toString(),
         c.value(key("entity")).toString(),
         c.value(key("entity_key")).toString(),
         c.value(key("field")).toString(),
         c.value(key("base")).toVariant(),
         c.value(key("theirs")).toVariant(),
         c.value(key("mine")).toVariant(),
         c.value(key("detail")).toString(),
         c.value(key("warehouse")).toString(),
         c.value(key("device")).toString(),
         c.value(key("seq")).toInteger(),
         c.value(key("user")).toString(),
         QDateTime::currentMSecsSinceEpoch()});
    if (!insert)
        return std::unexpected(insert.error());
    return uuid;
}

Result<std::optional<ServerStore::ProductRef>> ServerStore::product(const QString &uuid)
{
    if (const auto known = m_products.constFind(uuid); known != m_products.cend())
        return *known;
    auto query = m_db.run(QStringLiteral("SELECT id, lot_tracked FROM products WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    std::optional<ProductRef> found;
    if ((*query)->next())
        found = ProductRef{(*query)->value(0).toLongLong(), (*query)->value(1).toBool()};
    (*query)->finish();
    if (found)
        m_products.insert(uuid, *found);
    return found;
}

Result<std::optional<ServerStore::LocationRef>> ServerStore::location(const QString &uuid)
{
    if (const auto known = m_locations.constFind(uuid); known != m_locations.cend())
        return *known;
    auto query = m_db.run(QStringLiteral("SELECT l.id, l.warehouse_id, w.code FROM locations l "
                                         "JOIN locations w ON w.id = l.warehouse_id "
                                         "WHERE l.uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    std::optional<LocationRef> found;
    if ((*query)->next())
        found = LocationRef{(*query)->value(0).toLongLong(),
                            (*query)->value(1).toLongLong(),
                            (*query)->value(2).toString()};
    (*query)->finish();
    if (found)
        m_locations.insert(uuid, *found);
    return found;
}

Result<std::optional<ServerStore::UserRef>> ServerStore::user(const QString &uuid)
{
    if (const auto known = m_users.constFind(uuid); known != m_users.cend())
        return *known;
    auto query = m_db.run(QStringLiteral("SELECT id, role, active FROM users WHERE uuid = ?"),
                          {uuid});
    if (!query)
        return std::unexpected(query.error());
    std::optional<UserRef> found;
    if ((*query)->next())
        found = UserRef{(*query)->value(0).toLongLong(),
                        roleFromString((*query)->value(1).toString()).value_or(Role::Clerk),
                        (*query)->value(2).toBool()};
    (*query)->finish();
    if (found)
        m_users.insert(uuid, *found);
    return found;
}

Result<qint64> ServerStore::lotId(qint64 productId, const QString &code, const QString &expiry)
{
    if (code.isEmpty())
        return 0;
    const QPair<qint64, QString> lotKey{productId, code};
    if (const auto known = m_lots.constFind(lotKey); known != m_lots.cend())
        return *known;
    // A lot the server has not seen is created: the device received it, and its goods exist.
    auto insert = m_db.run(QStringLiteral("INSERT OR IGNORE INTO lots (product_id, code, expiry) "
                                          "VALUES (?, ?, ?)"),
                           {productId, code, expiry.isEmpty() ? QVariant() : QVariant(expiry)});
    if (!insert)
        return std::unexpected(insert.error());
    auto query = m_db.run(QStringLiteral("SELECT id FROM lots WHERE product_id = ? AND code = ?"),
                          {productId, code});
    if (!query)
        return std::unexpected(query.error());
    if (!(*query)->next())
        return fail(ErrorCode::Database, Tr::tr("Lot %1 could not be stored.").arg(code));
    const qint64 id = (*query)->value(0).toLongLong();
    (*query)->finish();
    m_lots.insert(lotKey, id);
    return id;
}

Result<QString> ServerStore::uuidOf(const char *table, qint64 id, QHash<qint64, QString> &cache)
{
    if (id == 0)
        return QString();
    if (const auto known = cache.constFind(id); known != cache.cend())
        return *known;
    auto query
        = m_db.run(QStringLiteral("SELECT uuid FROM %1 WHERE id = ?").arg(QLatin1String(table)),
                   {id});
    if (!query)
        return std::unexpected(query.error());
    QString uuid;
    if ((*query)->next())
        uuid = (*query)->value(0).toString();
    (*query)->finish();
    cache.insert(id, uuid);
    return uuid;
}

Result<QCborMap> ServerStore::masterItem(const QString &entity,
                                         const QString &entityKey,
                                         const TokenInfo &token)
{
    // Returns an empty map for a record this token does not see.
    if (entity == QLatin1String("user")) {
        auto q = m_db.run(QStringLiteral("SELECT uuid, username, display_name, role, active, "
                                         "password_hash FROM users WHERE uuid = ?"),
                          {entityKey});
        if (!q)
            return std::unexpected(q.error());
        QCborMap item;
        if ((*q)->next()) {
            item = {{key("kind"), QStringLiteral("user")},
                    {key("uuid"), (*q)->value(0).toString()},
                    {key("username"), (*q)->value(1).toString()},
                    {key("name"), (*q)->value(2).toString()},
                    {key("role"), (*q)->value(3).toString()},
                    {key("active"), (*q)->value(4).toBool()},
                    {key("password"), (*q)->value(5).toString()}};
        }
        (*q)->finish();
        return item;
    }
    if (entity == QLatin1String("location")) {
        auto q = m_db.run(QStringLiteral(
                              "SELECT l.uuid, p.uuid, l.kind, l.code, l.name, l.barcode, "
                              "l.archived, l.version FROM locations l LEFT JOIN "
                              "locations p ON p.id = l.parent_id WHERE l.uuid = ?"),
                          {entityKey});
        if (!q)
            return std::unexpected(q.error());
        QCborMap item;
        if ((*q)->next()) {
            item = {{key("kind"), QStringLiteral("location")},
                    {key("uuid"), (*q)->value(0).toString()},
                    {key("parent"), nullable((*q)->value(1))},
                    {key("type"), (*q)->value(2).toString()},
                    {key("code"), (*q)->value(3).toString()},
                    {key("name"), (*q)->value(4).toString()},
                    {key("barcode"), nullable((*q)->value(5))},
                    {key("archived"), (*q)->value(6).toBool()},
                    {key("version"), (*q)->value(7).toLongLong()}};
        }
        (*q)->finish();
        return item;
    }
    if (entity == QLatin1String("product")) {
        auto q = m_db.run(QStringLiteral(
                              "SELECT id, uuid, sku, name, local_name, unit, lot_tracked, "
                              "archived, version FROM products WHERE uuid = ?"),
                          {entityKey});
        if (!q)
            return std::unexpected(q.error());
        QCborMap item;
        qint64 id = 0;
        if ((*q)->next()) {
            id = (*q)->value(0).toLongLong();
            item = {{key("kind"), QStringLiteral("product")},
                    {key("uuid"), (*q)->value(1).toString()},
                    {key("sku"), (*q)->value(2).toString()},
                    {key("name"), (*q)->value(3).toString()},
                    {key("localName"), (*q)->value(4).toString()},
                    {key("unit"), (*q)->value(5).toString()},
                    {key("lotTracked"), (*q)->value(6).toBool()},
                    {key("archived"), (*q)->value(7).toBool()},
                    {key("version"), (*q)->value(8).toLongLong()}};
        }
        (*q)->finish();
        if (id != 0) {
            auto codes = m_db.run(QStringLiteral("SELECT code, symbology FROM product_barcodes "
                                                 "WHERE product_id = ? ORDER BY code"),
                                  {id});
            if (!codes)
                return std::unexpected(codes.error());
            QCborArray barcodes;
            while ((*codes)->next())
                barcodes.append(
                    QCborArray{(*codes)->value(0).toString(), (*codes)->value(1).toString()});
            item.insert(key("barcodes"), barcodes);
        }
        return item;
    }
    if (entity == QLatin1String("threshold")) {
        const QStringList ids = entityKey.split(QLatin1Char(':'));
        const qint64 productId = ids.value(0).toLongLong();
        const qint64 warehouseId = ids.value(1).toLongLong();
        if (warehouseId != 0 && !token.maySee(warehouseId))
            return QCborMap();
        auto q = m_db.run(QStringLiteral("SELECT min_qty, max_qty, reorder_point, version FROM "
                                         "thresholds WHERE product_id = ? AND warehouse_id = ?"),
                          {productId, warehouseId});
        if (!q)
            return std::unexpected(q.error());
        QCborMap item;
        if ((*q)->next()) {
            item = {{key("kind"), QStringLiteral("threshold")},
                    {key("min"), nullable((*q)->value(0))},
                    {key("max"), nullable((*q)->value(1))},
                    {key("reorder"), nullable((*q)->value(2))},
                    {key("version"), (*q)->value(3).toLongLong()}};
        }
        (*q)->finish();
        if (!item.isEmpty()) {
            QHash<qint64, QString> none;
            auto product = uuidOf("products", productId, none);
            auto warehouse = uuidOf("locations", warehouseId, none);
            if (!product || !warehouse)
                return std::unexpected(!product ? product.error() : warehouse.error());
            item.insert(key("product"), *product);
            item.insert(key("warehouse"),
                        warehouse->isEmpty() ? QCborValue(nullptr) : QCborValue(*warehouse));
        }
        return item;
    }
    if (entity == QLatin1String("conflict")) {
        auto q = m_db.run(QStringLiteral("SELECT uuid, type, state, entity, entity_key, field, "
                                         "base, theirs, mine, detail, warehouse, device_id, "
                                         "op_seq, user_uuid, created_at, resolution, version "
                                         "FROM conflicts WHERE uuid = ?"),
                          {entityKey});
        if (!q)
            return std::unexpected(q.error());
        QCborMap item;
        if ((*q)->next()) {
            const QString warehouse = (*q)->value(10).toString();
            const bool visible = token.allWarehouses() || warehouse.isEmpty()
                                 || token.warehouseCodes.contains(warehouse);
            if (visible) {
                static const char *const names[] = {"uuid",
                                                    "type",
                                                    "state",
                                                    "entity",
                                                    "key",
                                                    "field",
                                                    "base",
                                                    "theirs",
                                                    "mine",
                                                    "detail",
                                                    "warehouse",
                                                    "device",
                                                    "seq",
                                                    "user",
                                                    "created",
                                                    "resolution",
                                                    "version"};
                item.insert(key("kind"), QStringLiteral("conflict"));
                for (int i = 0; i < 17; ++i)
                    item.insert(key(names[i]), nullable((*q)->value(i)));
            }
        }
        (*q)->finish();
        return item;
    }
    return QCborMap();
}

Result<PullPage> ServerStore::pull(const SyncSession &session, const Cursor &from, int limit)
{
    limit = std::clamp(limit, 1, maxPullLimit);
    PullPage page;
    page.cursor = from;

    // Master data first, so that a line never arrives before what it refers to. The server
    // has one connection and answers one request at a time, so both reads see one state.
    {
        auto changes = m_db.run(QStringLiteral("SELECT seq, entity, entity_key FROM master_changes "
                                               "WHERE seq > ? ORDER BY seq LIMIT ?"),
                                {from.master, limit + 1});
        if (!changes)
            return std::unexpected(changes.error());
        QList<std::tuple<qint64, QString, QString>> rows;
        while ((*changes)->next())
            rows.append({(*changes)->value(0).toLongLong(),
                         (*changes)->value(1).toString(),
                         (*changes)->value(2).toString()});
        for (int i = 0; i < rows.size() && i < limit; ++i) {
            const auto &[seq, entity, entityKey] = rows.at(i);
            auto item = masterItem(entity, entityKey, session.token);
            if (!item)
                return std::unexpected(item.error());
            if (!item->isEmpty())
                page.items.append(*item);
            page.cursor.master = seq;
        }
        if (rows.size() > limit) {
            page.more = true;
            return page;
        }
    }

    const int room = limit - int(page.items.size());
    if (room <= 0) {
        page.more = true;
        return page;
    }
    // One more line than there is room for, to tell whether more follow and to keep a
    // transfer's two legs in one page.
    auto lines
        = m_db.run(QStringLiteral(
                       "SELECT m.seq, m.id, m.leg, m.type, m.product_id, m.location_id, m.lot_id, "
                       "m.delta, m.counted, m.device_id, m.device_seq, m.user_id, m.occurred_at, "
                       "m.reason, m.reference, l.warehouse_id FROM movements m "
                       "JOIN locations l ON l.id = m.location_id WHERE m.seq > ? "
                       "ORDER BY m.seq LIMIT ?"),
                   {from.ledger, room + 2});
    if (!lines)
        return std::unexpected(lines.error());
    struct Line
    {
        qint64 seq;
        QString id;
        QCborMap movement;
        QCborMap leg;
        qint64 warehouse;
    };
    QList<Line> read;
    while ((*lines)->next()) {
        const QSqlQuery &q = **lines;
        Line line;
        line.seq = q.value(0).toLongLong();
        line.id = q.value(1).toString();
        line.movement = {{key("kind"), QStringLiteral("movement")},
                         {key("id"), line.id},
                         {key("type"), q.value(3).toString()},
                         {key("device"), q.value(9).toString()},
                         {key("deviceSeq"), q.value(10).toLongLong()},
                         {key("userId"), q.value(11).toLongLong()},
                         {key("at"), q.value(12).toLongLong()},
                         {key("reason"), q.value(13).toString()},
                         {key("reference"), q.value(14).toString()}};
        line.leg = {{key("leg"), q.value(2).toLongLong()},
                    {key("productId"), q.value(4).toLongLong()},
                    {key("locationId"), q.value(5).toLongLong()},
                    {key("lotId"), q.value(6).toLongLong()},
                    {key("delta"), q.value(7).toLongLong()},
                    {key("counted"), nullable(q.value(8))}};
        line.warehouse = q.value(15).toLongLong();
        read.append(line);
    }

    QHash<qint64, QString> products;
    QHash<qint64, QString> locations;
    QHash<qint64, QString> users;
    QHash<qint64, std::pair<QString, QString>> lots;
    int taken = 0;
    for (int i = 0; i < read.size();) {
        int end = i + 1;
        while (end < read.size() && read.at(end).id == read.at(i).id)
            ++end;
        const bool complete = end < read.size() || read.size() < room + 2;
        if (taken + (end - i) > room || !complete) {
            page.more = true;
            break;
        }
        QCborMap movement = read.at(i).movement;
        QCborArray legs;
        bool visible = false;
        for (int j = i; j < end; ++j) {
            const Line &line = read.at(j);
            visible = visible || session.token.maySee(line.warehouse);
            QCborMap leg = line.leg;
            auto product = uuidOf("products", leg.take(key("productId")).toInteger(), products);
            auto location = uuidOf("locations", leg.take(key("locationId")).toInteger(), locations);
            if (!product || !location)
                return std::unexpected(!product ? product.error() : location.error());
            leg.insert(key("product"), *product);
            leg.insert(key("location"), *location);
            const qint64 lot = leg.take(key("lotId")).toInteger();
            if (lot != 0) {
                if (!lots.contains(lot)) {
                    auto q = m_db.run(QStringLiteral("SELECT code, ifnull(expiry, '') FROM lots "
                                                     "WHERE id = ?"),
                                      {lot});
                    if (!q)
                        return std::unexpected(q.error());
                    if ((*q)->next())
                        lots.insert(lot, {(*q)->value(0).toString(), (*q)->value(1).toString()});
                    (*q)->finish();
                }
                leg.insert(key("lot"), lots.value(lot).first);
                leg.insert(key("expiry"), lots.value(lot).second);
            }
            legs.append(leg);
        }
        auto user = uuidOf("users", movement.take(key("userId")).toInteger(), users);
        if (!user)
            return std::unexpected(user.error());
        movement.insert(key("user"), *user);
        movement.insert(key("legs"), legs);
        if (visible)
            page.items.append(movement);
        taken += end - i;
        page.cursor.ledger = read.at(end - 1).seq;
        i = end;
    }
    return page;
}

} // namespace Stockroom::Sync
