#include "serverstore.h"

#include "sync/protocol/movementmessage.h"

#include "model/domain/actor.h"
#include "model/domain/cbor.h"
#include "model/domain/ids.h"
#include "model/ledger/auditlog.h"
#include "model/services/userservice.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QTimeZone>

namespace Stockroom::Sync {

ServerStore::ServerStore(Database &db,
                         const Clock &clock,
                         NegativeStockPolicy negativeStock,
                         qint64 keptOutcomes)
    : m_db(db)
    , m_clock(clock)
    , m_negativeStock(negativeStock)
    , m_keptOutcomes(keptOutcomes)
    , m_ledger(db)
    , m_notices(db)
    , m_lookups(db, m_ledger)
    , m_masterData(db, clock, m_ledger, m_lookups)
{}

ServerStore::~ServerStore()
{
    m_db.withdraw(this);
}

Status ServerStore::markDevice(const QString &deviceId,
                               qint64 acked,
                               qint64 tokenId,
                               const HistoryAnchor &anchor)
{
    auto device = m_db.run(
        m_db.sql("INSERT OR REPLACE INTO sync_devices (device_id, acked_seq, token_id, "
                 "last_seen, chain_seq, chain_link) VALUES (?, ?, ?, ?, ?, ?)",
                 "INSERT INTO sync_devices (device_id, acked_seq, token_id, last_seen, "
                 "chain_seq, chain_link) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) "
                 "DO UPDATE SET acked_seq = excluded.acked_seq, token_id = excluded.token_id, "
                 "last_seen = excluded.last_seen, chain_seq = excluded.chain_seq, "
                 "chain_link = excluded.chain_link"),
        {deviceId,
         acked,
         tokenId,
         m_clock.msecsSinceEpoch(),
         anchor.seq,
         anchor.isRecorded() ? QVariant(anchor.link) : QVariant(QMetaType(QMetaType::QByteArray))});
    if (!device)
        return std::unexpected(device.error());
    (*device)->finish();
    return {};
}

Status ServerStore::flush()
{
    for (auto it = m_deviceMarks.cbegin(); it != m_deviceMarks.cend(); ++it) {
        if (auto marked = markDevice(it.key(), it->first, it->second); !marked)
            return marked;
    }
    m_deviceMarks.clear();
    return {};
}

void ServerStore::discard()
{
    m_deviceMarks.clear();
}

Result<ServerStore::Device> ServerStore::device(const QString &deviceId)
{
    // Inside a write transaction nobody else moves it (on PostgreSQL, the writer lock).
    if (m_db.inTransaction()) {
        if (m_devicesEpoch != m_db.writeEpoch()) {
            m_devices.clear();
            m_devicesEpoch = m_db.writeEpoch();
        }
        if (const auto known = m_devices.constFind(deviceId); known != m_devices.cend())
            return *known;
    }
    auto query = m_db.run(QStringLiteral("SELECT acked_seq, chain_seq, chain_link FROM "
                                         "sync_devices WHERE device_id = ?"),
                          {deviceId});
    if (!query)
        return std::unexpected(query.error());
    Device device;
    if ((*query)->next()) {
        device.acked = (*query)->value(0).toLongLong();
        device.anchor = {(*query)->value(1).toLongLong(), (*query)->value(2).toByteArray()};
    }
    (*query)->finish();
    if (m_db.inTransaction())
        m_devices.insert(deviceId, device);
    return device;
}

Result<qint64> ServerStore::ackedSeq(const QString &deviceId)
{
    auto found = device(deviceId);
    if (!found)
        return std::unexpected(found.error());
    return found->acked;
}

Status ServerStore::auditDivergence(const SyncSession &session, const ProtocolError &refusal)
{
    return AuditLog(m_db).record({m_clock.now(),
                                  0,
                                  QStringLiteral("token"),
                                  session.token.id,
                                  QStringLiteral("refuse-history"),
                                  QStringLiteral("device"),
                                  session.deviceId,
                                  refusal.message});
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
        const QCborArray all
            = readCbor((*query)->value(1).toByteArray()).value_or(QCborValue()).toArray();
        if (seq >= first && seq - first < all.size())
            found = all.at(seq - first);
    }
    (*query)->finish();
    return found;
}

Result<PushOutcome> ServerStore::push(const SyncSession &session,
                                      const QCborArray &ops,
                                      const QCborMap &chain)
{
    // Its own transaction, or a share of the caller's (a REST group's, or a group of pushes).
    auto tx = Transaction::atomic(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    m_lookups.forgetStale();
    auto known = device(session.deviceId);
    if (!known)
        return std::unexpected(known.error());
    const qint64 acked = known->acked;

    PushOutcome out;
    out.acked = acked;
    // The whole push is checked before any of it is applied: a refused push has written
    // nothing (but the audit log's note of a history that does not lead where it should),
    // also when it shares its transaction with other pushes.
    auto refusal = checkSequence(ops, acked);
    std::expected<HistoryAnchor, ProtocolError> anchor = known->anchor;
    if (!refusal && !session.serverMade) {
        anchor = known->anchor.follow(acked, ops, chain);
        if (!anchor) {
            refusal = anchor.error();
            if (refusal->code == QLatin1String("history-diverged")) {
                if (auto audited = auditDivergence(session, *refusal); !audited)
                    return std::unexpected(audited.error());
            }
        }
    }
    if (refusal) {
        out.refusal = std::move(refusal);
        // Closing the share leaves the other pushes of the group alone.
        if (auto committed = tx->commit(); !committed)
            return std::unexpected(committed.error());
        return out;
    }
    QCborArray fresh;
    qint64 firstFresh = 0;
    for (const QCborValue &value : ops) {
        const QCborMap op = value.toMap();
        const qint64 seq = cborInteger(op.value(key("seq")));
        if (seq <= out.acked) {
            auto stored = storedOutcome(session.deviceId, seq);
            if (!stored)
                return std::unexpected(stored.error());
            QCborMap result = stored->isMap() ? stored->toMap() : Applied::outcome(seq, "applied");
            result.insert(key("replayed"), true);
            out.results.append(result);
            continue;
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
        if (applied->movement)
            ++out.movements;
        out.acked = seq;
    }

    if (!fresh.isEmpty() && !session.serverMade) {
        auto store = m_db.run(QStringLiteral("INSERT INTO sync_outcomes (device_id, last_seq, "
                                             "first_seq, outcomes) VALUES (?, ?, ?, ?)"),
                              {session.deviceId, out.acked, firstFresh, QCborValue(fresh).toCbor()});
        if (!store)
            return std::unexpected(store.error());
        // Older outcomes go each time the device's sequence passes a tenth of what is kept,
        // not with every push (a REST write is a push of one).
        const qint64 step = std::max<qint64>(1, m_keptOutcomes / 10);
        if (acked / step != out.acked / step) {
            auto prune = m_db.run(QStringLiteral("DELETE FROM sync_outcomes WHERE device_id = ? "
                                                 "AND last_seq <= ?"),
                                  {session.deviceId, out.acked - m_keptOutcomes});
            if (!prune)
                return std::unexpected(prune.error());
        }
    }
    if (session.serverMade && m_db.inTransaction()) {
        // A REST group's writes share their device: its mark is written once, before the
        // commit (the cached acked sequence answers for it until then).
        m_deviceMarks.insert(session.deviceId, {out.acked, session.token.id});
        m_db.enlist(this);
    } else if (auto marked = markDevice(session.deviceId, out.acked, session.token.id, *anchor);
               !marked) {
        return std::unexpected(marked.error());
    }
    m_notices.add(out.warehouses, out.changedMasterData);
    m_devices.insert(session.deviceId, {out.acked, *anchor});
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return out;
}

std::optional<ProtocolError> ServerStore::checkSequence(const QCborArray &ops, qint64 acked)
{
    // Replays of what the device has already had applied, then its next operations in
    // order, without a gap.
    qint64 next = acked + 1;
    for (const QCborValue &value : ops) {
        const QCborValue seqValue = value.toMap().value(key("seq"));
        if (!value.isMap() || !seqValue.isInteger() || cborInteger(seqValue) <= 0) {
            return ProtocolError{QStringLiteral("malformed"),
                                 QStringLiteral("Every operation needs a positive \"seq\"."),
                                 true};
        }
        const qint64 seq = cborInteger(seqValue);
        if (seq < next)
            continue;
        if (seq != next) {
            return ProtocolError{QStringLiteral("out-of-order"),
                                 QStringLiteral("Operation %1 came before %2: send again from %2.")
                                     .arg(seq)
                                     .arg(acked + 1),
                                 false};
        }
        ++next;
    }
    return std::nullopt;
}

PushGroupOutcome ServerStore::pushGroup(const QList<PushRequest> &pushes)
{
    PushGroupOutcome group;
    auto together = pushAll(pushes);
    if (together) {
        for (PushOutcome &outcome : *together)
            group.pushes.append(std::move(outcome));
        return group;
    }
    if (pushes.size() == 1) {
        group.pushes.append(std::unexpected(together.error()));
        return group;
    }
    group.groupError = together.error();
    for (const PushRequest &request : pushes) {
        auto alone = pushAll({request});
        group.pushes.append(alone ? Result<PushOutcome>(std::move(alone->first()))
                                  : Result<PushOutcome>(std::unexpected(alone.error())));
    }
    return group;
}

Result<QList<PushOutcome>> ServerStore::pushAll(const QList<PushRequest> &pushes)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    QList<PushOutcome> outcomes;
    outcomes.reserve(pushes.size());
    for (const PushRequest &request : pushes) {
        auto pushed = push(request.session, request.ops, request.chain);
        if (!pushed)
            return std::unexpected(pushed.error());
        outcomes.append(std::move(*pushed));
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return outcomes;
}

bool ServerStore::mayRecordAs(const TokenInfo &token, const UserRef &user)
{
    // A service user (an integration's, made for REST) is its own token's only; any other
    // user may be recorded for by a token whose role is at least theirs.
    if (UserService::isServiceUser(user.username))
        return user.username == UserService::serviceUserName(token.name);
    return user.role <= token.role;
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
        return Applied::refusal(seq, "invalid", base.error().message);

    auto user = m_lookups.user(userUuid);
    if (!user)
        return std::unexpected(user.error());
    if (!*user)
        return Applied::refusal(seq,
                                "unknown-user",
                                QStringLiteral("User %1 is not known.").arg(userUuid));
    const UserRef &who = **user;
    if (!who.active)
        return Applied::refusal(seq, "forbidden", QStringLiteral("The user's account is disabled."));
    if (!mayRecordAs(session.token, who)) {
        // Someone tried to put their work on another's name: refused, and written down.
        if (auto audited = AuditLog(m_db).record({m_clock.now(),
                                                  who.id,
                                                  QStringLiteral("token"),
                                                  session.token.id,
                                                  QStringLiteral("refuse-attribution"),
                                                  QStringLiteral("user"),
                                                  session.token.name,
                                                  who.username});
            !audited)
            return std::unexpected(audited.error());
        return Applied::refusal(seq,
                                "forbidden",
                                QStringLiteral("Token %1 may not record for user %2.")
                                    .arg(session.token.name, who.username));
    }

    // The operation needs both the user's role and the token's.
    const auto permitted = [&](Permission permission) {
        return Actor{who.id, QString(), who.role}.can(permission)
               && Actor{who.id, QString(), session.token.role}.can(permission);
    };
    const auto forbidden = [&] {
        return Applied::refusal(seq,
                                "forbidden",
                                QStringLiteral(
                                    "The user's or the workstation's role does not allow this."));
    };

    if (kind == QLatin1String("movement")) {
        const QString type = body.value(key("type")).toString();
        const bool adjusting = type == QLatin1String("adjustment");
        if (!permitted(adjusting ? Permission::Adjust : Permission::RecordMovement))
            return forbidden();
        return applyMovement(session, seq, *base, who, userUuid, body);
    }
    // A master-data change that does not decode (model/domain/changes.h).
    const auto malformed = [&](const QString &why) -> Result<Applied> {
        return Applied::refusal(seq, "invalid", why);
    };
    if (kind == QLatin1String(ProductCreated::kind)) {
        if (!permitted(Permission::EditMasterData))
            return forbidden();
        auto created = ProductCreated::fromCbor(body);
        return created ? m_masterData.applyProductCreate(*created) : malformed(created.error());
    }
    if (kind == QLatin1String(BarcodeLinked::kind)) {
        if (!permitted(Permission::EditMasterData))
            return forbidden();
        auto link = BarcodeLinked::fromCbor(body);
        return link ? m_masterData.applyProductBarcode(seq, *link) : malformed(link.error());
    }
    if (kind == QLatin1String(ProductEdited::kind)) {
        if (!permitted(Permission::EditMasterData))
            return forbidden();
        auto edit = ProductEdited::fromCbor(body);
        return edit ? m_masterData.applyProductEdit(session, seq, userUuid, *edit)
                    : malformed(edit.error());
    }
    if (kind == QLatin1String(ThresholdSet::kind)) {
        if (!permitted(Permission::EditThresholds))
            return forbidden();
        auto set = ThresholdSet::fromCbor(body);
        return set ? m_masterData.applyThreshold(session, seq, userUuid, *set)
                   : malformed(set.error());
    }
    if (kind == QLatin1String(ConflictResolved::kind)) {
        if (!permitted(Permission::EditMasterData))
            return forbidden();
        auto decision = ConflictResolved::fromCbor(body);
        return decision ? m_masterData.applyResolve(session, userUuid, *decision)
                        : malformed(decision.error());
    }
    return Applied::refusal(seq,
                            "invalid",
                            QStringLiteral("Unknown operation kind \"%1\".").arg(kind));
}

Result<ServerStore::Applied> ServerStore::applyMovement(const SyncSession &session,
                                                        qint64 seq,
                                                        const Cursor &base,
                                                        const UserRef &user,
                                                        const QString &userUuid,
                                                        const QCborMap &body)
{
    auto movement = MovementMessage::fromCbor(body, MovementMessage::Form::Pushed);
    if (!movement)
        return Applied::refusal(seq, qPrintable(movement.error().code), movement.error().message);
    const QString &id = movement->id;
    const MovementType type = movement->type;

    LedgerEntry entry;
    entry.id = id;
    entry.type = type;
    entry.userId = user.id;
    entry.deviceId = session.deviceId;
    entry.deviceSeq = movement->deviceSeq;
    entry.occurredAt = QDateTime::fromMSecsSinceEpoch(movement->at, QTimeZone::utc());
    entry.reason = movement->reason;
    entry.reference = movement->reference;
    const bool reservation = movement->reservation;
    const auto alreadyInLedger = [&] {
        return Applied::refusal(seq,
                                "invalid",
                                QStringLiteral("Movement %1 is already in the ledger under another "
                                               "operation.")
                                    .arg(id));
    };
    // SQLite's INSERT reports a movement id or device number the ledger holds and the
    // transaction goes on; on PostgreSQL the failed INSERT would spoil the transaction (and
    // with it the whole push), so look first: in memory for the lines this transaction
    // holds unwritten, else in the ledger.
    if (m_db.isPostgres() && !session.serverMade) {
        QString found = m_ledger.heldLineOf(id, session.deviceId, entry.deviceSeq);
        if (found.isEmpty()) {
            auto known = m_db.run(QStringLiteral("SELECT id FROM movements WHERE id = ? OR "
                                                 "(device_id = ? AND device_seq = ?) LIMIT 1"),
                                  {id, session.deviceId, entry.deviceSeq});
            if (!known)
                return std::unexpected(known.error());
            found = (*known)->next() ? (*known)->value(0).toString() : QString();
            (*known)->finish();
        }
        if (found == id)
            return alreadyInLedger();
        if (!found.isEmpty())
            return Applied::refusal(seq,
                                    "invalid",
                                    QStringLiteral(
                                        "This device already numbered movement %1 as %2; "
                                        "every movement needs a number of its own.")
                                        .arg(found)
                                        .arg(entry.deviceSeq));
    }

    Applied applied;
    applied.result = Applied::outcome(seq, "applied");
    QList<NewConflict> conflicts;
    for (const MovementMessage::Line &line : std::as_const(movement->lines)) {
        const QString &productUuid = line.product;
        const QString &locationUuid = line.location;
        auto product = m_lookups.product(productUuid);
        if (!product)
            return std::unexpected(product.error());
        if (!*product)
            return Applied::refusal(seq,
                                    "unknown-product",
                                    QStringLiteral("Product %1 is not known to the server.")
                                        .arg(productUuid));
        auto location = m_lookups.location(locationUuid);
        if (!location)
            return std::unexpected(location.error());
        if (!*location)
            return Applied::refusal(seq,
                                    "unknown-location",
                                    QStringLiteral("Location %1 is not known to the server.")
                                        .arg(locationUuid));
        if (!session.token.maySee((*location)->warehouseId)) {
            auto warehouse = m_lookups.warehouseCode((*location)->warehouseId);
            if (!warehouse)
                return std::unexpected(warehouse.error());
            return Applied::refusal(seq,
                                    "out-of-scope",
                                    QStringLiteral("This workstation may not record movements in "
                                                   "warehouse %1.")
                                        .arg(*warehouse));
        }
        const qint64 delta = line.delta;
        if (delta == 0 && type != MovementType::Count)
            return Applied::refusal(seq,
                                    "invalid",
                                    QStringLiteral("A quantity of zero moves nothing."));
        const QString &lotCode = line.lot;
        auto lot = m_lookups.lotId(**product, lotCode, line.expiry);
        if (!lot)
            return std::unexpected(lot.error());

        // The stock as it is now, and whether another device changed it after base.
        auto row = m_lookups.readStock(**product, (*location)->id, *lot);
        if (!row)
            return std::unexpected(row.error());
        const StockLevel before = row->level;
        const qint64 foreignSeq = row->lastDevice == session.deviceId ? row->otherSeq
                                                                      : row->lastSeq;
        const bool stale = foreignSeq > base.ledger;
        if (stale)
            applied.result.insert(key("outcome"), QStringLiteral("rebased"));

        const qint64 after = before.quantity + delta;
        const QString stockKey = QStringLiteral("%1/%2/%3").arg(productUuid, locationUuid, lotCode);
        const bool negative = delta < 0 && after < 0;
        if (negative && (reservation || m_negativeStock == NegativeStockPolicy::Refuse)) {
            return Applied::refusal(seq,
                                    "insufficient-stock",
                                    QStringLiteral("Only %1 in stock; %2 cannot be taken.")
                                        .arg(before.quantity)
                                        .arg(-delta));
        }
        const bool staleCount = type == MovementType::Count && stale;
        QString warehouse; // the conflict's, which only a conflict needs
        if (negative || staleCount) {
            auto code = m_lookups.warehouseCode((*location)->warehouseId);
            if (!code)
                return std::unexpected(code.error());
            warehouse = *code;
        }
        if (negative) {
            conflicts.append({QStringLiteral("negative-stock"),
                              QStringLiteral("stock"),
                              stockKey,
                              QString(),
                              QVariant(),
                              QString::number(before.quantity),
                              QString::number(after),
                              QStringLiteral("Movement %1 took %2 from a stock of %3, leaving %4.")
                                  .arg(id)
                                  .arg(-delta)
                                  .arg(before.quantity)
                                  .arg(after),
                              warehouse});
        }
        if (staleCount) {
            const qint64 counted = line.counted.value_or(0);
            const qint64 expected = line.expected;
            conflicts.append({QStringLiteral("stale-count"),
                              QStringLiteral("stock"),
                              stockKey,
                              QString(),
                              QString::number(expected),
                              QString::number(after),
                              QString::number(counted),
                              QStringLiteral("Counted %1 against an expected %2, but stock changed "
                                             "elsewhere meanwhile: it is now %3 after the count.")
                                  .arg(counted)
                                  .arg(expected)
                                  .arg(after),
                              warehouse});
        }
        // A location never moves to another warehouse: the ledger need not read it again.
        m_ledger.knowWarehouse((*location)->id, (*location)->warehouseId);
        entry.lines.append(
            LedgerLine{**product, (*location)->id, *lot, delta, line.counted, before});
        applied.warehouses.insert((*location)->warehouseId);
    }

    auto appended = m_ledger.append(entry);
    if (!appended) {
        if (appended.error().code == ErrorCode::Duplicate && !m_db.isPoisoned())
            return alreadyInLedger();
        return std::unexpected(appended.error());
    }
    applied.movement = true;
    m_lookups.rememberStock(*appended, session.deviceId);
    for (const NewConflict &conflict : conflicts) {
        if (auto raised = applied.raise(m_db, m_clock, session, seq, userUuid, conflict); !raised)
            return std::unexpected(raised.error());
    }
    return applied;
}

} // namespace Stockroom::Sync
