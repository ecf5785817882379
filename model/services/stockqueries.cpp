#include "stockqueries.h"

#include "model/storage/database.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

// The joins every stock row needs besides its product and location.
const auto detailJoins = QStringLiteral(
    " LEFT JOIN lots ON lots.id = s.lot_id"
    " LEFT JOIN thresholds t ON t.product_id = s.product_id AND t.warehouse_id = l.warehouse_id"
    " LEFT JOIN stock_totals st ON st.product_id = s.product_id AND st.warehouse_id = "
    "l.warehouse_id");

// Let the planner choose: right for selective filters, whose few rows are then sorted.
const auto plannedFrom = QStringLiteral(" FROM stock s JOIN products p ON p.id = s.product_id JOIN "
                                        "locations l ON l.id = s.location_id");
// CROSS JOIN fixes SQLite's join order, so the first table's index gives the order.
const auto byProductFrom = QStringLiteral(
    " FROM products p CROSS JOIN stock s ON s.product_id = p.id "
    "CROSS JOIN locations l ON l.id = s.location_id");
const auto byLocationFrom = QStringLiteral(
    " FROM locations l CROSS JOIN stock s ON s.location_id = l.id "
    "CROSS JOIN products p ON p.id = s.product_id");
const auto byStockFrom = QStringLiteral(
    " FROM stock s CROSS JOIN products p ON p.id = s.product_id "
    "CROSS JOIN locations l ON l.id = s.location_id");

struct Ordering
{
    QString from;      // the join order that reads rows in this order, when not selective
    QStringList terms; // unique together, so the order is total
};

Ordering orderingFor(StockColumn column)
{
    const QStringList stockKey{QStringLiteral("s.product_id"),
                               QStringLiteral("s.location_id"),
                               QStringLiteral("s.lot_id")};
    switch (column) {
    case StockColumn::Sku:
        return {byProductFrom,
                {QStringLiteral("p.sku"),
                 QStringLiteral("s.location_id"),
                 QStringLiteral("s.lot_id")}};
    case StockColumn::Location:
        return {byLocationFrom,
                {QStringLiteral("l.code"),
                 QStringLiteral("s.product_id"),
                 QStringLiteral("s.lot_id")}};
    case StockColumn::Quantity:
        return {byStockFrom, QStringList{QStringLiteral("s.quantity")} + stockKey};
    case StockColumn::Lot:
        return {plannedFrom, QStringList{QStringLiteral("coalesce(lots.code, '')")} + stockKey};
    case StockColumn::Expiry:
        return {plannedFrom, QStringList{QStringLiteral("coalesce(lots.expiry, '')")} + stockKey};
    case StockColumn::Min:
        return {plannedFrom, QStringList{QStringLiteral("coalesce(t.min_qty, -1)")} + stockKey};
    case StockColumn::Max:
        return {plannedFrom, QStringList{QStringLiteral("coalesce(t.max_qty, -1)")} + stockKey};
    case StockColumn::Product:
    case StockColumn::Status: // derived per row; sorted as by product
        break;
    }
    return {byProductFrom,
            {QStringLiteral("p.name"),
             QStringLiteral("p.id"),
             QStringLiteral("s.location_id"),
             QStringLiteral("s.lot_id")}};
}

// Up to this many matching lots, the expiring filter starts from the lots.
constexpr qint64 selectiveLots = 5000;

struct Where
{
    QStringList conditions;
    QVariantList values;
    bool selective = false; // few rows: let the planner find them by index
    QString sql() const
    {
        return conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
};

std::optional<qint64> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

// The conditions of a filter, and whether they pick few enough rows to sort them all.
Result<Where> whereFor(const Database &db, const StockFilter &filter, QDate today)
{
    Where where;
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        // A scanned barcode names one product: go straight to it.
        auto scanned = db.run(QStringLiteral(
                                  "SELECT product_id FROM product_barcodes WHERE code = ?"),
                              {text});
        if (!scanned)
            return std::unexpected(scanned.error());
        const qint64 scannedProduct = (*scanned)->next() ? (*scanned)->value(0).toLongLong() : 0;
        (*scanned)->finish();
        if (scannedProduct) {
            where.conditions << QStringLiteral("s.product_id = ?");
            where.values << scannedProduct;
            where.selective = true;
        } else {
            QString escaped = text;
            escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
                .replace(QLatin1Char('%'), QLatin1String("\\%"))
                .replace(QLatin1Char('_'), QLatin1String("\\_"));
            const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
            // Without regard to case, as SQLite's LIKE is.
            where.conditions << db.sql("(p.sku LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' "
                                       "OR p.local_name LIKE ? ESCAPE '\\')",
                                       "(p.sku ILIKE ? ESCAPE '\\' OR p.name ILIKE ? ESCAPE '\\' "
                                       "OR p.local_name ILIKE ? ESCAPE '\\')");
            where.values << pattern << pattern << pattern;
        }
    }
    if (filter.productId) {
        where.conditions << QStringLiteral("s.product_id = ?");
        where.values << filter.productId;
        where.selective = true;
    }
    if (!filter.productSku.isEmpty()) {
        where.conditions << QStringLiteral(
            "s.product_id = (SELECT id FROM products WHERE sku = ?)");
        where.values << filter.productSku;
        where.selective = true;
    }
    if (!filter.locationCode.isEmpty()) {
        // The location itself, a zone's bins, or a warehouse's locations (the tree is at most
        // warehouse > zone > bin deep), tested on each row's location: cheap for the few rows
        // of one product, a scan of them all without one.
        where.conditions << QStringLiteral(
            "(SELECT id FROM locations WHERE code = ? OR barcode = ? LIMIT 1) IN (l.id, "
            "l.parent_id, l.warehouse_id)");
        where.values << filter.locationCode << filter.locationCode;
    }
    if (!filter.warehouseIds.isEmpty()) {
        QVariantList ids;
        for (qint64 id : filter.warehouseIds)
            ids << id;
        where.conditions << QStringLiteral("l.warehouse_id IN (") + Database::inList(ids)
                                + QLatin1Char(')');
        where.values += ids;
    }
    if (filter.warehouseId) {
        where.conditions << QStringLiteral("l.warehouse_id = ?");
        where.values << filter.warehouseId;
    }
    if (filter.locationId) {
        bool warehouse = filter.locationKind == LocationKind::Warehouse;
        if (!filter.locationKind) {
            auto kind = db.run(QStringLiteral(
                                   "SELECT kind = 'warehouse' FROM locations WHERE id = ?"),
                               {filter.locationId});
            if (!kind)
                return std::unexpected(kind.error());
            warehouse = (*kind)->next() && (*kind)->value(0).toBool();
            (*kind)->finish();
        }
        if (warehouse) {
            where.conditions << QStringLiteral("l.warehouse_id = ?");
            where.values << filter.locationId;
        } else {
            // A zone or a bin: the tree is at most warehouse > zone > bin deep.
            where.conditions << QStringLiteral(
                "s.location_id IN (SELECT id FROM locations WHERE id = ? OR parent_id = ?)");
            where.values << filter.locationId << filter.locationId;
            where.selective = true;
        }
    }
    if (filter.expiringWithinDays >= 0) {
        const QString until = today.addDays(filter.expiringWithinDays).toString(Qt::ISODate);
        // SQLite 3.15 cannot tell how many lots a date range holds, so count them (an index
        // range count): a few are found through their lots, many by walking the order.
        auto lots
            = db.run(QStringLiteral(
                         "SELECT count(*) FROM lots WHERE expiry IS NOT NULL AND expiry <= ?"),
                     {until});
        if (!lots)
            return std::unexpected(lots.error());
        const qint64 expiring = (*lots)->next() ? (*lots)->value(0).toLongLong() : 0;
        (*lots)->finish();
        if (expiring <= selectiveLots) {
            // The unary + keeps the planner off the quantity index.
            where.conditions << QStringLiteral("s.lot_id IN (SELECT id FROM lots WHERE expiry IS "
                                               "NOT NULL AND expiry <= ?) AND +s.quantity > 0");
            where.selective = true;
        } else {
            where.conditions << QStringLiteral(
                "lots.expiry IS NOT NULL AND lots.expiry <= ? AND s.quantity > 0");
        }
        where.values << until;
    }
    if (filter.withoutEmpty)
        where.conditions << QStringLiteral("s.quantity <> 0");
    if (filter.lowStockOnly) {
        where.conditions << QStringLiteral(
            "s.product_id IN (SELECT t3.product_id FROM thresholds t3 LEFT JOIN stock_totals st3 "
            "ON st3.product_id = t3.product_id AND st3.warehouse_id = t3.warehouse_id "
            "WHERE t3.warehouse_id <> 0 AND t3.min_qty > coalesce(st3.quantity, 0)) "
            "AND t.min_qty > coalesce(st.quantity, 0)");
        where.selective = true;
    }
    return where;
}

} // namespace

StockQueries::StockQueries(const Database &db)
    : m_db(db)
{}

StockCursor StockQueries::cursorAfter(const StockRow &row)
{
    return {row.orderKey};
}

bool StockQueries::sortsBefore(const StockRow &a, const StockRow &b, const StockSort &sort)
{
    const bool descending = sort.order == Qt::DescendingOrder;
    for (qsizetype i = 0; i < a.orderKey.size() && i < b.orderKey.size(); ++i) {
        const QPartialOrdering order = QVariant::compare(a.orderKey.at(i), b.orderKey.at(i));
        if (order == QPartialOrdering::Less)
            return !descending;
        if (order == QPartialOrdering::Greater)
            return descending;
    }
    return false;
}

Result<QList<StockRow>> StockQueries::page(const StockFilter &filter,
                                           const StockSort &sort,
                                           const std::optional<StockCursor> &after,
                                           int limit,
                                           QDate today) const
{
    return select(filter, sort, after, nullptr, limit, today);
}

Result<std::optional<StockRow>> StockQueries::row(const StockFilter &filter,
                                                  const StockSort &sort,
                                                  const StockLevel &key,
                                                  QDate today) const
{
    auto rows = select(filter, sort, std::nullopt, &key, 1, today);
    if (!rows)
        return std::unexpected(rows.error());
    return rows->isEmpty() ? std::optional<StockRow>() : std::optional<StockRow>(rows->first());
}

Result<QList<StockRow>> StockQueries::select(const StockFilter &filter,
                                             const StockSort &sort,
                                             const std::optional<StockCursor> &after,
                                             const StockLevel *exact,
                                             int limit,
                                             QDate today) const
{
    auto built = whereFor(m_db, filter, today);
    if (!built)
        return std::unexpected(built.error());
    Where where = *built;
    if (exact) {
        where.conditions << QStringLiteral(
            "s.product_id = ? AND s.location_id = ? AND s.lot_id = ?");
        where.values << exact->productId << exact->locationId << exact->lotId;
        where.selective = true;
    }

    const Ordering ordering = orderingFor(sort.column);
    const bool descending = sort.order == Qt::DescendingOrder;
    if (after && after->orderKey.size() == ordering.terms.size()) {
        QStringList marks;
        for (qsizetype i = 0; i < ordering.terms.size(); ++i)
            marks << QStringLiteral("?");
        // The leading term alone lets the first table's index seek to the cursor.
        where.conditions << QStringLiteral("%1 %2 ? AND (%3) %4 (%5)")
                                .arg(ordering.terms.first(),
                                     descending ? QStringLiteral("<=") : QStringLiteral(">="),
                                     ordering.terms.join(QStringLiteral(", ")),
                                     descending ? QStringLiteral("<") : QStringLiteral(">"),
                                     marks.join(QStringLiteral(", ")));
        where.values << after->orderKey.first();
        where.values += after->orderKey;
    }
    QStringList orderBy;
    for (const QString &term : ordering.terms)
        orderBy << term + (descending ? QStringLiteral(" DESC") : QString());

    QString sql = QStringLiteral(
                      "SELECT s.product_id, s.location_id, s.lot_id, p.sku, p.name, "
                      "p.local_name, p.unit, l.code, l.warehouse_id, coalesce(lots.code, ''), "
                      "coalesce(lots.expiry, ''), s.quantity, s.version, t.min_qty, t.max_qty, "
                      "coalesce(st.quantity, 0), "
                      "(SELECT w.code FROM locations w WHERE w.id = l.warehouse_id), ")
                  + ordering.terms.join(QStringLiteral(", "))
                  + (where.selective ? plannedFrom : ordering.from) + detailJoins + where.sql()
                  + QStringLiteral(" ORDER BY ") + orderBy.join(QStringLiteral(", "))
                  + QStringLiteral(" LIMIT ?");
    where.values << limit;
    // PostgreSQL plans its own join order, and takes no ON after CROSS JOIN.
    if (m_db.isPostgres())
        sql.replace(QLatin1String("CROSS JOIN"), QLatin1String("JOIN"));

    // Prepared once per shape of filter and order (every value is bound): preparing this
    // statement costs more than running it for a page.
    auto prepared = m_db.run(sql, where.values);
    if (!prepared)
        return std::unexpected(prepared.error());
    QSqlQuery *query = *prepared;
    QList<StockRow> rows;
    rows.reserve(limit);
    constexpr int firstTerm = 17;
    while (query->next()) {
        StockRow row;
        row.productId = query->value(0).toLongLong();
        row.locationId = query->value(1).toLongLong();
        row.lotId = query->value(2).toLongLong();
        row.sku = query->value(3).toString();
        row.name = query->value(4).toString();
        row.localName = query->value(5).toString();
        row.unit = query->value(6).toString();
        row.locationCode = query->value(7).toString();
        row.warehouseId = query->value(8).toLongLong();
        row.lotCode = query->value(9).toString();
        row.expiry = QDate::fromString(query->value(10).toString(), Qt::ISODate);
        row.quantity = query->value(11).toLongLong();
        row.version = query->value(12).toLongLong();
        row.minQty = optionalInt(query->value(13));
        row.maxQty = optionalInt(query->value(14));
        row.warehouseTotal = query->value(15).toLongLong();
        row.warehouseCode = query->value(16).toString();
        for (qsizetype i = 0; i < ordering.terms.size(); ++i)
            row.orderKey << query->value(firstTerm + int(i));
        if (row.quantity < 0)
            row.status = StockStatus::Negative;
        else if (row.minQty && row.warehouseTotal < *row.minQty)
            row.status = StockStatus::BelowMin;
        else if (row.maxQty && row.warehouseTotal > *row.maxQty)
            row.status = StockStatus::AboveMax;
        rows.append(std::move(row));
    }
    query->finish();
    return rows;
}

Result<qint64> StockQueries::count(const StockFilter &filter, QDate today) const
{
    auto where = whereFor(m_db, filter, today);
    if (!where)
        return std::unexpected(where.error());
    auto query = m_db.select(QStringLiteral("SELECT count(*)") + plannedFrom + detailJoins
                                 + where->sql(),
                             where->values);
    if (!query)
        return std::unexpected(query.error());
    query->next();
    return query->value(0).toLongLong();
}

Result<QList<WarehouseSummary>> StockQueries::summary() const
{
    auto query = m_db.select(
        QStringLiteral(
            "SELECT w.id, w.code, w.name, count(DISTINCT s.product_id), count(s.product_id), "
            "coalesce(sum(s.quantity), 0), "
            "coalesce(sum(CASE WHEN s.quantity < 0 THEN 1 ELSE 0 END), 0) "
            "FROM locations w LEFT JOIN locations l ON l.warehouse_id = w.id "
            "LEFT JOIN stock s ON s.location_id = l.id "
            "WHERE w.kind = 'warehouse' GROUP BY w.id ORDER BY w.code"),
        {});
    if (!query)
        return std::unexpected(query.error());
    QList<WarehouseSummary> result;
    while (query->next()) {
        result.append({query->value(0).toLongLong(),
                       query->value(1).toString(),
                       query->value(2).toString(),
                       query->value(3).toLongLong(),
                       query->value(4).toLongLong(),
                       query->value(5).toLongLong(),
                       query->value(6).toLongLong()});
    }
    return result;
}

Result<QList<Alert>> StockQueries::alerts(QDate today, int expiringWithinDays) const
{
    QList<Alert> alerts;

    auto thresholds = m_db.select(
        QStringLiteral(
            "SELECT t.product_id, p.sku, p.name, t.warehouse_id, t.min_qty, t.max_qty, "
            "t.reorder_point, (SELECT coalesce(sum(st.quantity), 0) FROM stock_totals st "
            "WHERE st.product_id = t.product_id "
            "AND (t.warehouse_id = 0 OR st.warehouse_id = t.warehouse_id)) "
            "FROM thresholds t JOIN products p ON p.id = t.product_id "
            "WHERE p.archived = 0 ORDER BY p.sku, t.warehouse_id"),
        {});
    if (!thresholds)
        return std::unexpected(thresholds.error());
    while (thresholds->next()) {
        Alert alert{Alert::Kind::BelowMin,
                    thresholds->value(0).toLongLong(),
                    thresholds->value(1).toString(),
                    thresholds->value(2).toString(),
                    thresholds->value(3).toLongLong(),
                    0,
                    0,
                    {},
                    {},
                    thresholds->value(7).toLongLong(),
                    {}};
        const auto min = optionalInt(thresholds->value(4));
        const auto max = optionalInt(thresholds->value(5));
        const auto reorder = optionalInt(thresholds->value(6));
        if (min && alert.quantity < *min) {
            alert.limit = min;
        } else if (max && alert.quantity > *max) {
            alert.kind = Alert::Kind::AboveMax;
            alert.limit = max;
        } else if (reorder && alert.quantity <= *reorder) {
            alert.kind = Alert::Kind::AtReorderPoint;
            alert.limit = reorder;
        } else {
            continue;
        }
        alerts.append(alert);
    }

    auto negative
        = m_db.select(QStringLiteral(
                          "SELECT s.product_id, p.sku, p.name, l.warehouse_id, s.location_id, "
                          "s.lot_id, coalesce(lots.code, ''), s.quantity FROM stock s "
                          "JOIN products p ON p.id = s.product_id "
                          "JOIN locations l ON l.id = s.location_id "
                          "LEFT JOIN lots ON lots.id = s.lot_id WHERE s.quantity < 0 "
                          "ORDER BY p.sku, l.code"),
                      {});
    if (!negative)
        return std::unexpected(negative.error());
    while (negative->next()) {
        alerts.append({Alert::Kind::Negative,
                       negative->value(0).toLongLong(),
                       negative->value(1).toString(),
                       negative->value(2).toString(),
                       negative->value(3).toLongLong(),
                       negative->value(4).toLongLong(),
                       negative->value(5).toLongLong(),
                       negative->value(6).toString(),
                       {},
                       negative->value(7).toLongLong(),
                       qint64(0)});
    }

    if (expiringWithinDays >= 0) {
        auto expiring = m_db.select(
            QStringLiteral(
                "SELECT s.product_id, p.sku, p.name, l.warehouse_id, s.lot_id, lots.code, "
                "lots.expiry, sum(s.quantity) FROM stock s JOIN lots ON lots.id = s.lot_id "
                "JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id "
                "WHERE lots.expiry IS NOT NULL AND lots.expiry <= ? "
                "GROUP BY s.product_id, p.sku, p.name, s.lot_id, lots.code, lots.expiry, "
                "l.warehouse_id "
                "HAVING sum(s.quantity) > 0 "
                "ORDER BY lots.expiry, p.sku"),
            {today.addDays(expiringWithinDays).toString(Qt::ISODate)});
        if (!expiring)
            return std::unexpected(expiring.error());
        while (expiring->next()) {
            const QDate expiry = QDate::fromString(expiring->value(6).toString(), Qt::ISODate);
            alerts.append({expiry < today ? Alert::Kind::Expired : Alert::Kind::Expiring,
                           expiring->value(0).toLongLong(),
                           expiring->value(1).toString(),
                           expiring->value(2).toString(),
                           expiring->value(3).toLongLong(),
                           0,
                           expiring->value(4).toLongLong(),
                           expiring->value(5).toString(),
                           expiry,
                           expiring->value(7).toLongLong(),
                           {}});
        }
    }
    return alerts;
}

} // namespace Stockroom
