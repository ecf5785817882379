#include "restoperations.h"

#include "eventlog.h"
#include "metrics.h"

#include "model/services/catalog.h"
#include "model/services/userservice.h"

#include <QElapsedTimer>

#include <limits>

namespace Stockroom::Sync {

using namespace Rest;

RestOperations::RestOperations(Database &db,
                               const Clock &clock,
                               EventLog &log,
                               Metrics &metrics,
                               NegativeStockPolicy negativeStock,
                               RestLookups &lookups)
    : m_db(db)
    , m_clock(clock)
    , m_log(log)
    , m_metrics(metrics)
    , m_lookups(lookups)
    , m_store(db, clock, negativeStock)
{}

RestOperations::Changes RestOperations::takeChanges()
{
    return std::exchange(m_changes, Changes{});
}

Status RestOperations::prefetchStock(const QList<const HttpCall *> &calls)
{
    if (!m_db.isPostgres() || calls.size() < 2)
        return {};
    // What each movement names, read from its body as its handler will; a body the handler
    // refuses, or a movement of a lot (whose id is looked up with the lot), is left to it.
    struct Named
    {
        QString sku;
        QStringList locations;
    };
    QList<Named> movements;
    QStringList skus;
    QSet<QString> asked;
    for (const HttpCall *call : calls) {
        const auto body = objectBody(*call);
        if (!body || !body->value(QLatin1String("lot")).toString().isEmpty())
            continue;
        // presentText, not requiredText: most movements lack two of the three location
        // fields, and the problem reply made for each was a tenth of the writer's time on
        // the hot spot.
        const QString sku = presentText(*body, "product");
        if (sku.isEmpty())
            continue;
        Named named{sku, {}};
        for (const char *field : {"location", "from", "to"}) {
            if (QString code = presentText(*body, field); !code.isEmpty())
                named.locations.append(std::move(code));
        }
        movements.append(named);
        if (!m_lookups.groupProduct(sku) && !asked.contains(sku)) {
            asked.insert(sku);
            skus.append(sku);
        }
    }
    auto products = Catalog(m_db).productsBySku(skus);
    if (!products)
        return std::unexpected(products.error());
    for (const Product &product : std::as_const(*products))
        m_lookups.keepForGroup(product);

    QList<StockKey> keys;
    for (const Named &named : std::as_const(movements)) {
        const Product *product = m_lookups.groupProduct(named.sku);
        if (!product || product->lotTracked)
            continue;
        m_store.knowProduct(product->uuid, product->id);
        for (const QString &code : named.locations) {
            const Location *location = m_lookups.groupLocation(code);
            if (!location) {
                auto found = Catalog(m_db).findLocation(code);
                if (!found)
                    continue; // unknown: the handler says so
                m_lookups.keepForGroup(code, *found);
                location = m_lookups.groupLocation(code);
            }
            keys.append({product->id, location->id, 0});
        }
    }
    return m_store.prefetchStock(keys);
}

Result<RestOperations::Service> RestOperations::service(const TokenInfo &token)
{
    if (const auto known = m_services.constFind(token.id); known != m_services.cend())
        return *known;
    // The integration's own user, so that the ledger names who recorded a movement.
    auto uuid = UserService(m_db, m_clock).serviceUser(token.name, token.role);
    if (!uuid)
        return std::unexpected(uuid.error());
    const Service service{*uuid,
                          m_lane < 0 ? QStringLiteral("rest:%1").arg(token.id)
                                     : QStringLiteral("rest:%1/%2").arg(token.id).arg(m_lane)};
    m_services.insert(token.id, service);
    return service;
}

RestOperations::Pushed RestOperations::push(const TokenInfo &token,
                                            const QString &kind,
                                            const QCborMap &body)
{
    QElapsedTimer timer;
    timer.start();
    Pushed result;
    auto service = this->service(token);
    auto acked = service ? m_store.ackedSeq(service->deviceId) : Result<qint64>(0);
    if (!service || !acked) {
        const Error &error = !service ? service.error() : acked.error();
        m_log.error("rest-write-failed", {{"kind", kind}, {"reason", error.message}});
        result.failure = unavailable();
        return result;
    }
    // Made on the server's latest state, whatever it is when the write is applied: a REST
    // write is never stale, so its base is past any cursor.
    constexpr qint64 latest = std::numeric_limits<qint64>::max();
    const Cursor base{latest, latest};
    const qint64 seq = *acked + 1;
    QCborMap ops{{key("seq"), seq},
                 {key("kind"), kind},
                 {key("user"), service->userUuid},
                 {key("base"), base.toBytes()},
                 {key("body"), body}};
    if (kind == QLatin1String("movement")) {
        QCborMap movement = body;
        movement.insert(key("deviceSeq"), seq);
        ops.insert(key("body"), movement);
    }
    auto pushed = m_store.push(SyncSession{service->deviceId, token, true}, QCborArray{ops});
    m_metrics.observe(Metrics::databaseSeconds,
                      {{"caller", QStringLiteral("rest")}},
                      double(timer.nsecsElapsed()) / 1e9);
    if (!pushed && pushed.error().code == ErrorCode::Contended) {
        m_lostRace = true; // not an error: the writer tries again
        result.failure = unavailable();
        return result;
    }
    if (!pushed || pushed->refusal || pushed->results.isEmpty()) {
        m_log.error("rest-write-failed",
                    {{"kind", kind},
                     {"reason", !pushed ? pushed.error().message : QStringLiteral("refused")}});
        result.failure = unavailable();
        return result;
    }
    result.outcome = pushed->results.at(0).toMap();
    const QString outcome = result.outcome.value(key("outcome")).toString();
    m_metrics.increment(Metrics::operations, {{"outcome", outcome}});
    if (outcome == QLatin1String("rejected")) {
        m_metrics.increment(Metrics::rejections,
                            {{"reason", result.outcome.value(key("reason")).toString()}});
        result.failure = rejection(result.outcome);
        return result;
    }
    m_metrics.increment(Metrics::movements, {}, double(pushed->movements));
    m_changes.warehouses.unite(pushed->warehouses);
    m_changes.masterData = m_changes.masterData || pushed->changedMasterData;
    return result;
}

HttpReply RestOperations::rejection(const QCborMap &outcome) const
{
    const QString reason = outcome.value(key("reason")).toString();
    const QString message = outcome.value(key("message")).toString();
    if (reason == QLatin1String("insufficient-stock"))
        return problem(409, "insufficient-stock", QStringLiteral("Not enough stock"), message);
    if (reason == QLatin1String("out-of-scope") || reason == QLatin1String("forbidden"))
        return problem(403, "forbidden", QStringLiteral("Not allowed"), message);
    if (reason == QLatin1String("duplicate"))
        return problem(409, "duplicate", QStringLiteral("Already taken"), message);
    return problem(422,
                   reason.toLatin1().constData(),
                   QStringLiteral("The server refused the change"),
                   message);
}

} // namespace Stockroom::Sync
