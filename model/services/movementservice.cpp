#include "movementservice.h"

#include "model/domain/actor.h"
#include "model/domain/ids.h"
#include "model/domain/limits.h"
#include "model/domain/tr.h"
#include "model/ledger/auditlog.h"
#include "model/ledger/outbox.h"

namespace Stockroom {

namespace {

const auto negativeStockSetting = QStringLiteral("negative_stock_policy");

Status checkQuantity(qint64 quantity)
{
    if (quantity <= 0)
        return fail(ErrorCode::InvalidInput, Tr::tr("The quantity must be greater than zero."));
    if (quantity > MovementService::maxQuantity)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The quantity %1 is larger than Stockroom accepts.").arg(quantity));
    return {};
}

QString describeStockPlace(const Product &product, const Location &location, const QString &lot)
{
    return lot.isEmpty() ? Tr::tr("%1 at %2").arg(product.sku, location.code)
                         : Tr::tr("%1 lot %2 at %3").arg(product.sku, lot, location.code);
}

} // namespace

MovementService::MovementService(Database &db,
                                 StockLedger &ledger,
                                 const Clock &clock,
                                 IdGenerator newId)
    : m_db(db)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_newId(newId ? std::move(newId)
                    : [&clock] { return Ids::create(clock.now().toMSecsSinceEpoch()); })
    , m_catalog(db)
{}

NegativeStockPolicy MovementService::negativeStockPolicy() const
{
    return m_db.setting(negativeStockSetting) == QLatin1String("allow")
               ? NegativeStockPolicy::Allow
               : NegativeStockPolicy::Refuse;
}

MovementService::Lookups &MovementService::lookups()
{
    if (m_lookups.epoch != m_db.writeEpoch() || !m_db.inTransaction())
        m_lookups = Lookups{m_db.writeEpoch(), {}, {}, std::nullopt};
    return m_lookups;
}

Result<Product> MovementService::product(qint64 id)
{
    Lookups &cache = lookups();
    if (auto found = cache.products.constFind(id); found != cache.products.cend())
        return *found;
    auto product = m_catalog.productWithoutBarcodes(id);
    if (product)
        cache.products.insert(id, *product);
    return product;
}

Result<Location> MovementService::location(qint64 id)
{
    Lookups &cache = lookups();
    if (auto found = cache.locations.constFind(id); found != cache.locations.cend())
        return *found;
    auto location = m_catalog.location(id);
    if (location)
        cache.locations.insert(id, *location);
    return location;
}

Status MovementService::setNegativeStockPolicy(const Actor &actor, NegativeStockPolicy policy)
{
    if (auto allowed = actor.require(Permission::ChangeSettings); !allowed)
        return allowed;
    const auto name = [](NegativeStockPolicy p) {
        return p == NegativeStockPolicy::Allow ? QStringLiteral("allow") : QStringLiteral("refuse");
    };
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    const NegativeStockPolicy before = negativeStockPolicy();
    if (auto stored = m_db.setSetting(negativeStockSetting, name(policy)); !stored)
        return stored;
    if (auto logged = AuditLog(m_db).record({m_clock.now(),
                                             actor.userId,
                                             QStringLiteral("setting"),
                                             0,
                                             QStringLiteral("update"),
                                             negativeStockSetting,
                                             name(before),
                                             name(policy)});
        !logged)
        return logged;
    m_lookups = {};
    return tx->commit();
}

Result<MovementService::Plan> MovementService::plan(const Actor &actor,
                                                    const MovementCommand &command)
{
    struct Planner
    {
        const Actor &actor;

        Result<Plan> operator()(const ReceiveStock &c) const
        {
            if (auto ok = actor.require(Permission::RecordMovement); !ok)
                return std::unexpected(ok.error());
            if (auto ok = checkQuantity(c.quantity); !ok)
                return std::unexpected(ok.error());
            return Plan{MovementType::Receipt,
                        {Line{c.productId, c.locationId, c.lotCode, c.expiry, c.quantity, {}}},
                        c.reason,
                        c.reference};
        }
        Result<Plan> operator()(const IssueStock &c) const
        {
            if (auto ok = actor.require(Permission::RecordMovement); !ok)
                return std::unexpected(ok.error());
            if (auto ok = checkQuantity(c.quantity); !ok)
                return std::unexpected(ok.error());
            return Plan{MovementType::Issue,
                        {Line{c.productId, c.locationId, c.lotCode, {}, -c.quantity, {}}},
                        c.reason,
                        c.reference};
        }
        Result<Plan> operator()(const TransferStock &c) const
        {
            if (auto ok = actor.require(Permission::RecordMovement); !ok)
                return std::unexpected(ok.error());
            if (auto ok = checkQuantity(c.quantity); !ok)
                return std::unexpected(ok.error());
            if (c.fromLocationId == c.toLocationId)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("A transfer needs two different locations."));
            return Plan{MovementType::Transfer,
                        {Line{c.productId, c.fromLocationId, c.lotCode, {}, -c.quantity, {}},
                         Line{c.productId, c.toLocationId, c.lotCode, {}, c.quantity, {}}},
                        c.reason,
                        c.reference};
        }
        Result<Plan> operator()(const AdjustStock &c) const
        {
            if (auto ok = actor.require(Permission::Adjust); !ok)
                return std::unexpected(ok.error());
            if (c.delta == 0)
                return fail(ErrorCode::InvalidInput, Tr::tr("An adjustment cannot be zero."));
            if (auto ok = checkQuantity(c.delta < 0 ? -c.delta : c.delta); !ok)
                return std::unexpected(ok.error());
            if (c.reason.trimmed().isEmpty())
                return fail(ErrorCode::InvalidInput, Tr::tr("An adjustment needs a reason."));
            return Plan{MovementType::Adjustment,
                        {Line{c.productId, c.locationId, c.lotCode, {}, c.delta, {}}},
                        c.reason,
                        c.reference};
        }
        Result<Plan> operator()(const CountStock &c) const
        {
            if (auto ok = actor.require(Permission::RecordMovement); !ok)
                return std::unexpected(ok.error());
            if (c.counted < 0 || c.counted > maxQuantity)
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("A counted quantity must be zero or more."));
            if (c.countedAgainst
                && (*c.countedAgainst < -maxQuantity || *c.countedAgainst > maxQuantity))
                return fail(ErrorCode::InvalidInput,
                            Tr::tr("The counted-against stock is out of range."));
            // The delta is settled once the stock is known, inside the transaction.
            return Plan{MovementType::Count,
                        {Line{c.productId, c.locationId, c.lotCode, {}, 0, c.counted}},
                        c.reason,
                        c.reference};
        }
    };
    return std::visit(Planner{actor}, command);
}

Result<qint64> MovementService::resolveLot(const Line &line, bool create)
{
    if (line.lotCode.isEmpty())
        return qint64(0);
    auto existing = m_catalog.lot(line.productId, line.lotCode);
    if (!existing)
        return std::unexpected(existing.error());
    if (*existing) {
        const Lot &lot = **existing;
        if (create && line.expiry.isValid() && lot.expiry != line.expiry) {
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Lot %1 already expires on %2, not on %3.")
                            .arg(lot.code,
                                 lot.expiry.isValid() ? lot.expiry.toString(Qt::ISODate)
                                                      : Tr::tr("no date"),
                                 line.expiry.toString(Qt::ISODate)));
        }
        return lot.id;
    }
    if (!create)
        return fail(ErrorCode::NotFound,
                    Tr::tr("There is no lot %1 of this product.").arg(line.lotCode));

    return m_ledger.lotFor(line.productId, line.lotCode, line.expiry);
}

Result<PostedMovement> MovementService::post(const Actor &actor, const MovementCommand &command)
{
    auto planned = plan(actor, command);
    if (!planned)
        return std::unexpected(planned.error());
    Plan &p = *planned;
    if (auto ok = Limits::checkMovementNotes(p.reason.trimmed(), p.reference.trimmed()); !ok)
        return std::unexpected(ok.error());
    if (auto ok = Limits::checkLotCode(p.lines.constFirst().lotCode); !ok)
        return std::unexpected(ok.error());
    const auto *count = std::get_if<CountStock>(&command);

    auto tx = Transaction::atomic(m_db);
    if (!tx)
        return std::unexpected(tx.error());

    LedgerEntry entry;
    entry.id = m_newId();
    entry.type = p.type;
    entry.userId = actor.userId;
    entry.deviceId = m_db.deviceId();
    entry.occurredAt = m_clock.now();
    entry.reason = p.reason.trimmed();
    entry.reference = p.reference.trimmed();

    bool wentNegative = false;
    for (Line &line : p.lines) {
        auto product = this->product(line.productId);
        if (!product)
            return std::unexpected(product.error());
        auto location = this->location(line.locationId);
        if (!location)
            return std::unexpected(location.error());
        if (product->archived)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Product %1 is archived; it cannot move.").arg(product->sku));
        if (location->archived)
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Location %1 is archived; nothing can move there.")
                            .arg(location->code));
        line.lotCode = line.lotCode.trimmed();
        if (product->lotTracked && line.lotCode.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Product %1 is tracked by lot: give the lot.").arg(product->sku));
        if (!product->lotTracked && !line.lotCode.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Product %1 is not tracked by lot.").arg(product->sku));

        auto lotId = resolveLot(line, p.type == MovementType::Receipt);
        if (!lotId)
            return std::unexpected(lotId.error());
        auto level = m_ledger.stockLevel(line.productId, line.locationId, *lotId);
        if (!level)
            return std::unexpected(level.error());

        if (count)
            line.delta = count->counted - count->countedAgainst.value_or(level->quantity);

        const qint64 after = level->quantity + line.delta;
        if (line.delta < 0 && after < 0) {
            Lookups &cache = lookups();
            if (!cache.policy)
                cache.policy = negativeStockPolicy();
            if (*cache.policy == NegativeStockPolicy::Refuse) {
                return fail(ErrorCode::InsufficientStock,
                            Tr::tr("Only %1 %2 of %3 in stock; %4 cannot be taken.")
                                .arg(level->quantity)
                                .arg(product->unit,
                                     describeStockPlace(*product, *location, line.lotCode))
                                .arg(-line.delta));
            }
            wentNegative = true;
        }
        entry.lines.append(
            LedgerLine{line.productId, line.locationId, *lotId, line.delta, line.counted, *level});
    }

    auto appended = m_ledger.append(entry);
    if (!appended)
        return std::unexpected(appended.error());
    if (Outbox outbox(m_db, m_clock); outbox.enabled()) {
        if (auto queued = outbox.addMovement(entry.id, actor.userId); !queued)
            return std::unexpected(queued.error());
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return PostedMovement{entry.id, appended->lines, appended->stock, wentNegative};
}

Result<PostedMovement> MovementService::reverse(const Actor &actor,
                                                const QString &movementId,
                                                const QString &reason)
{
    if (auto allowed = actor.require(Permission::Adjust); !allowed)
        return std::unexpected(allowed.error());
    if (reason.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Say why the movement is reversed."));
    // The reversal names what it undoes in its reference, in no particular language.
    const QString reference = QStringLiteral("reversal:") + movementId;
    auto done = m_db.run(QStringLiteral("SELECT 1 FROM movements WHERE reference = ? LIMIT 1"),
                         {reference});
    if (!done)
        return std::unexpected(done.error());
    const bool reversed = (*done)->next();
    (*done)->finish();
    if (reversed)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("Movement %1 was reversed already.").arg(movementId));

    auto lines = m_db.run(QStringLiteral("SELECT m.product_id, m.location_id, "
                                         "coalesce(l.code, ''), m.delta FROM movements m "
                                         "LEFT JOIN lots l ON l.id = m.lot_id "
                                         "WHERE m.id = ? ORDER BY m.leg"),
                          {movementId});
    if (!lines)
        return std::unexpected(lines.error());
    QList<Line> read;
    while ((*lines)->next()) {
        const QSqlQuery &q = **lines;
        read.append({q.value(0).toLongLong(),
                     q.value(1).toLongLong(),
                     q.value(2).toString(),
                     QDate(),
                     q.value(3).toLongLong(),
                     std::nullopt});
    }
    if (read.isEmpty())
        return fail(ErrorCode::NotFound, Tr::tr("There is no movement %1.").arg(movementId));
    const QString why = reason.trimmed();
    if (read.size() == 2) {
        // A transfer goes back: from where it went to where it came from.
        const Line &from = read.at(0);
        const Line &to = read.at(1);
        return post(actor,
                    TransferStock{to.productId,
                                  to.locationId,
                                  from.locationId,
                                  to.lotCode,
                                  to.delta,
                                  why,
                                  reference});
    }
    const Line &line = read.first();
    if (line.delta == 0)
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("Nothing to reverse: the movement changed no stock."));
    return post(actor,
                AdjustStock{line.productId,
                            line.locationId,
                            line.lotCode,
                            -line.delta,
                            why,
                            reference});
}

} // namespace Stockroom
