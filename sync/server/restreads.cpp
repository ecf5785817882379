#include "restreads.h"

#include "metrics.h"

#include "model/services/catalog.h"
#include "model/services/stockqueries.h"

#include <QFile>
#include <QSqlQuery>
#include <QTimeZone>

namespace Stockroom::Sync {

using namespace Rest;

namespace {

constexpr int defaultPage = 100;
constexpr int maxPage = 1000;

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonValue numberOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toLongLong());
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

// ?name= as an instant: a date (its start, UTC) or a date and time with an offset.
Parsed<std::optional<qint64>> instant(const HttpCall &call, const char *name)
{
    const QString text = call.query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    if (text.isEmpty())
        return std::optional<qint64>();
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            at = day.startOfDay(QTimeZone::utc());
    }
    if (!at.isValid()) {
        return std::unexpected(
            problem(400,
                    "invalid-parameter",
                    QStringLiteral("A query parameter is invalid"),
                    QStringLiteral("%1 must be a date (2026-11-24) or an ISO 8601 time "
                                   "(2026-11-24T08:00:00Z), not \"%2\".")
                        .arg(QLatin1String(name), text),
                    {{QStringLiteral("parameter"), QLatin1String(name)}}));
    }
    return std::optional<qint64>(at.toMSecsSinceEpoch());
}

// Adds "AND column = id" to a query's conditions, unless id is 0 (no filter).
void filterBy(QString &sql, QVariantList &values, const char *column, qint64 id)
{
    if (id == 0)
        return;
    sql += QStringLiteral(" AND %1 = ?").arg(QLatin1String(column));
    values << id;
}

QJsonObject page(const QJsonArray &items, const QString &next)
{
    return {{QStringLiteral("items"), items}, {QStringLiteral("next"), textOrNull(next)}};
}

} // namespace

RestReads::RestReads(Database &db, Metrics &metrics, TokenStore &tokens, RestLookups &lookups)
    : m_db(db)
    , m_metrics(metrics)
    , m_tokens(tokens)
    , m_lookups(lookups)
{}

HttpReply RestReads::health(const RestRequest &)
{
    return json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
}

HttpReply RestReads::ready(const RestRequest &)
{
    auto answer = m_db.run(QStringLiteral("SELECT 1"));
    const bool ready = answer && (*answer)->next() && (*answer)->value(0).toInt() == 1;
    if (answer)
        (*answer)->finish();
    if (!ready) {
        return problem(503,
                       "not-ready",
                       QStringLiteral("The database does not answer"),
                       answer ? QStringLiteral("SELECT 1 returned nothing.")
                              : answer.error().message);
    }
    return json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ready")}});
}

HttpReply RestReads::metrics(const RestRequest &)
{
    return HttpReply{200, "text/plain; version=0.0.4; charset=utf-8", m_metrics.render(), {}};
}

HttpReply RestReads::openApi(const RestRequest &)
{
    QFile file(QStringLiteral(":/stockroom/openapi.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        return problem(500,
                       "internal",
                       QStringLiteral("The API document is missing"),
                       QStringLiteral("This server was built without openapi.json."));
    }
    return HttpReply{200, "application/json", file.readAll(), {}};
}

HttpReply RestReads::stock(const RestRequest &request)
{
    auto limit = pageLimit(request.call, defaultPage, maxPage);
    if (!limit)
        return limit.error();
    auto after = cursorValues(request.call, 4); // the product order's terms
    if (!after)
        return after.error();
    std::optional<StockCursor> cursor;
    if (*after)
        cursor = StockCursor{**after};
    const QUrlQuery &query = request.call.query;
    const QString sku = query.queryItemValue(QStringLiteral("product"), QUrl::FullyDecoded);
    const QString locationCode = query.queryItemValue(QStringLiteral("location"),
                                                      QUrl::FullyDecoded);
    const StockQueries queries(m_db);
    const QDate today = m_lookups.today();

    // The question asked most, how much of a product there is (at a location), in one
    // statement that looks the product and the location up itself, within the token's
    // warehouses. Only an empty answer is asked again with the look-ups one at a time, to
    // tell an unknown product or location, or one the token may not see, from no stock.
    // (Without a location, a token of several warehouses must name one: that is below.)
    const bool oneScope = !locationCode.isEmpty() || request.token.warehouseIds.size() <= 1;
    if (!sku.isEmpty() && oneScope && !query.hasQueryItem(QStringLiteral("warehouse"))) {
        StockFilter filter;
        filter.productSku = sku.trimmed();
        filter.locationCode = locationCode.trimmed();
        filter.warehouseIds = request.token.warehouseIds.values();
        auto rows = queries.page(filter, StockSort{}, cursor, *limit, today);
        if (!rows)
            return unavailable();
        if (!rows->isEmpty())
            return stockPage(*rows, *limit);
    }

    StockFilter filter;
    auto product = m_lookups.productParameter(request);
    if (!product)
        return product.error();
    filter.productId = *product;
    if (!locationCode.isEmpty()) {
        auto location = m_lookups.locationByCode(locationCode, request.token);
        if (!location)
            return location.error();
        filter.locationId = location->id;
        filter.locationKind = location->kind;
    }
    if (filter.locationId == 0) {
        auto warehouse = m_lookups.listWarehouse(request);
        if (!warehouse)
            return warehouse.error();
        filter.warehouseId = *warehouse;
    }
    auto rows = queries.page(filter, StockSort{}, cursor, *limit, today);
    if (!rows)
        return unavailable();
    return stockPage(*rows, *limit);
}

HttpReply RestReads::stockPage(const QList<StockRow> &rows, int limit) const
{
    static const char *const statuses[] = {"ok", "below-min", "above-max", "negative"};
    QJsonArray items;
    for (const StockRow &row : rows) {
        items.append(
            QJsonObject{{QStringLiteral("product"), row.sku},
                        {QStringLiteral("name"), row.name},
                        {QStringLiteral("unit"), row.unit},
                        {QStringLiteral("location"), row.locationCode},
                        {QStringLiteral("warehouse"), row.warehouseCode},
                        {QStringLiteral("lot"), textOrNull(row.lotCode)},
                        {QStringLiteral("expiry"), textOrNull(row.expiry.toString(Qt::ISODate))},
                        {QStringLiteral("quantity"), row.quantity},
                        {QStringLiteral("version"), row.version},
                        {QStringLiteral("status"), QLatin1String(statuses[int(row.status)])}});
    }
    const QString next = rows.size() == limit ? cursorText(rows.constLast().orderKey) : QString();
    return json(200, page(items, next));
}

HttpReply RestReads::movements(const RestRequest &request)
{
    auto limit = pageLimit(request.call, defaultPage, maxPage);
    auto from = instant(request.call, "from");
    auto to = instant(request.call, "to");
    auto after = cursorValues(request.call, 2);
    if (!limit || !from || !to || !after)
        return !limit ? limit.error() : !from ? from.error() : !to ? to.error() : after.error();
    auto warehouse = m_lookups.listWarehouse(request);
    if (!warehouse)
        return warehouse.error();
    QString sql = QStringLiteral(
        "SELECT m.seq, m.id, m.leg, m.type, p.sku, l.code, w.code, coalesce(lt.code, ''), "
        "m.delta, m.counted, m.occurred_at, coalesce(u.username, ''), m.reason, m.reference "
        "FROM movements m JOIN products p ON p.id = m.product_id "
        "JOIN locations l ON l.id = m.location_id JOIN locations w ON w.id = l.warehouse_id "
        "LEFT JOIN lots lt ON lt.id = m.lot_id LEFT JOIN users u ON u.id = m.user_id "
        "WHERE m.occurred_at >= ? AND m.occurred_at < ?");
    QVariantList values{from->value_or(std::numeric_limits<qint64>::min()),
                        to->value_or(std::numeric_limits<qint64>::max())};
    if (*after) {
        // The index on occurred_at serves the first term; the row value breaks ties.
        sql += QStringLiteral(" AND m.occurred_at >= ? AND (m.occurred_at, m.seq) > (?, ?)");
        values << (*after)->at(0) << (*after)->at(0) << (*after)->at(1);
    }
    auto product = m_lookups.productParameter(request);
    if (!product)
        return product.error();
    filterBy(sql, values, "m.product_id", *product);
    filterBy(sql, values, "l.warehouse_id", *warehouse);
    auto query = m_db.select(sql + QStringLiteral(" ORDER BY m.occurred_at, m.seq LIMIT ?"),
                             values << *limit);
    if (!query)
        return unavailable();
    QJsonArray items;
    QVariantList last;
    while (query->next()) {
        items.append(
            QJsonObject{{QStringLiteral("seq"), query->value(0).toLongLong()},
                        {QStringLiteral("id"), query->value(1).toString()},
                        {QStringLiteral("leg"), query->value(2).toInt()},
                        {QStringLiteral("type"), query->value(3).toString()},
                        {QStringLiteral("product"), query->value(4).toString()},
                        {QStringLiteral("location"), query->value(5).toString()},
                        {QStringLiteral("warehouse"), query->value(6).toString()},
                        {QStringLiteral("lot"), textOrNull(query->value(7).toString())},
                        {QStringLiteral("delta"), query->value(8).toLongLong()},
                        {QStringLiteral("counted"), numberOrNull(query->value(9))},
                        {QStringLiteral("occurredAt"), isoTime(query->value(10).toLongLong())},
                        {QStringLiteral("user"), query->value(11).toString()},
                        {QStringLiteral("reason"), query->value(12).toString()},
                        {QStringLiteral("reference"), query->value(13).toString()}});
        last = {query->value(10), query->value(0)};
    }
    return json(200, page(items, items.size() == *limit ? cursorText(last) : QString()));
}

HttpReply RestReads::products(const RestRequest &request)
{
    auto limit = pageLimit(request.call, defaultPage, maxPage);
    if (!limit)
        return limit.error();
    auto after = cursorValues(request.call, 1);
    if (!after)
        return after.error();
    auto products = Catalog(m_db).productsWhere(QStringLiteral(
                                                    "WHERE sku > ? ORDER BY sku LIMIT ?"),
                                                {*after ? (*after)->at(0).toString() : QString(),
                                                 *limit});
    if (!products)
        return unavailable();
    QJsonArray items;
    for (const Product &product : std::as_const(*products))
        items.append(productJson(product));
    return json(200,
                page(items,
                     items.size() == *limit ? cursorText({products->constLast().sku}) : QString()));
}

HttpReply RestReads::product(const RestRequest &request)
{
    auto product = m_lookups.productInPath(request);
    if (!product)
        return product.error();
    HttpReply reply = json(200, productJson(*product));
    reply.addHeader("ETag", etag(product->version));
    return reply;
}

HttpReply RestReads::thresholds(const RestRequest &request)
{
    auto limit = pageLimit(request.call, defaultPage, maxPage);
    auto after = cursorValues(request.call, 2);
    if (!limit || !after)
        return !limit ? limit.error() : after.error();
    QString sql = QStringLiteral(
        "SELECT p.sku, t.warehouse_id, coalesce(w.code, ''), t.min_qty, t.max_qty, "
        "t.reorder_point, t.version FROM thresholds t JOIN products p ON p.id = t.product_id "
        "LEFT JOIN locations w ON w.id = t.warehouse_id WHERE 1 = 1");
    QVariantList values;
    if (*after) {
        sql += QStringLiteral(" AND (p.sku, t.warehouse_id) > (?, ?)");
        values << (*after)->at(0) << (*after)->at(1);
    }
    auto product = m_lookups.productParameter(request);
    auto warehouse = m_lookups.listWarehouse(request);
    if (!product || !warehouse)
        return !product ? product.error() : warehouse.error();
    filterBy(sql, values, "t.product_id", *product);
    // A scoped token sees its warehouse's limits, not those over every warehouse.
    filterBy(sql, values, "t.warehouse_id", *warehouse);
    auto query = m_db.select(sql + QStringLiteral(" ORDER BY p.sku, t.warehouse_id LIMIT ?"),
                             values << *limit);
    if (!query)
        return unavailable();
    QJsonArray items;
    QVariantList last;
    while (query->next()) {
        items.append(
            QJsonObject{{QStringLiteral("product"), query->value(0).toString()},
                        {QStringLiteral("warehouse"), textOrNull(query->value(2).toString())},
                        {QStringLiteral("min"), numberOrNull(query->value(3))},
                        {QStringLiteral("max"), numberOrNull(query->value(4))},
                        {QStringLiteral("reorderPoint"), numberOrNull(query->value(5))},
                        {QStringLiteral("version"), query->value(6).toLongLong()}});
        last = {query->value(0), query->value(1)};
    }
    return json(200, page(items, items.size() == *limit ? cursorText(last) : QString()));
}

HttpReply RestReads::alerts(const RestRequest &request)
{
    int days = 30;
    if (const QString text = request.call.query.queryItemValue(QStringLiteral("expiringWithinDays"),
                                                               QUrl::FullyDecoded);
        !text.isEmpty()) {
        bool ok = false;
        days = text.toInt(&ok);
        if (!ok || days < 0 || days > 3650) {
            return problem(400,
                           "invalid-parameter",
                           QStringLiteral("A query parameter is invalid"),
                           QStringLiteral("expiringWithinDays must be a number from 0 to 3650."),
                           {{QStringLiteral("parameter"), QStringLiteral("expiringWithinDays")}});
        }
    }
    auto warehouse = m_lookups.listWarehouse(request);
    if (!warehouse)
        return warehouse.error();
    auto alerts = StockQueries(m_db).alerts(m_lookups.today(), days);
    auto warehouses = Catalog(m_db).warehouses();
    if (!alerts || !warehouses)
        return unavailable();
    QHash<qint64, QString> codes;
    for (const Location &location : std::as_const(*warehouses))
        codes.insert(location.id, location.code);
    static const char *const kinds[]
        = {"below-min", "above-max", "at-reorder-point", "negative", "expiring", "expired"};
    QJsonArray items;
    for (const Alert &alert : std::as_const(*alerts)) {
        if (*warehouse != 0 && alert.warehouseId != *warehouse)
            continue;
        items.append(
            QJsonObject{{QStringLiteral("kind"), QLatin1String(kinds[int(alert.kind)])},
                        {QStringLiteral("product"), alert.sku},
                        {QStringLiteral("name"), alert.name},
                        {QStringLiteral("warehouse"), textOrNull(codes.value(alert.warehouseId))},
                        {QStringLiteral("lot"), textOrNull(alert.lotCode)},
                        {QStringLiteral("expiry"), textOrNull(alert.expiry.toString(Qt::ISODate))},
                        {QStringLiteral("quantity"), alert.quantity},
                        {QStringLiteral("limit"), numberOrNull(alert.limit)}});
    }
    return json(200, QJsonObject{{QStringLiteral("items"), items}});
}

HttpReply RestReads::tokens(const RestRequest &)
{
    auto tokens = m_tokens.list();
    if (!tokens)
        return unavailable();
    const auto time = [](const QDateTime &at) {
        return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODate)) : QJsonValue();
    };
    QJsonArray items;
    for (const TokenInfo &token : std::as_const(*tokens)) {
        items.append(QJsonObject{{QStringLiteral("name"), token.name},
                                 {QStringLiteral("role"), toString(token.role)},
                                 {QStringLiteral("warehouses"),
                                  QJsonArray::fromStringList(token.warehouseCodes)},
                                 {QStringLiteral("createdAt"), time(token.createdAt)},
                                 {QStringLiteral("expiresAt"), time(token.expiresAt)},
                                 {QStringLiteral("revokedAt"), time(token.revokedAt)}});
    }
    return json(200, QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace Stockroom::Sync
