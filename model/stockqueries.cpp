#include "stockqueries.h"

#include <QSqlQuery>

#include <tuple>

namespace Stockroom {

namespace {

// The total of one product in one warehouse, over every location and lot.
const auto warehouseTotal = QStringLiteral(
    "(SELECT ifnull(sum(s2.quantity), 0) FROM stock s2 JOIN locations l2 ON l2.id = s2.location_id "
    "WHERE s2.product_id = s.product_id AND l2.warehouse_id = l.warehouse_id)");

QString sortExpression(StockColumn column)
{
    switch (column) {
    case StockColumn::Sku:
        return QStringLiteral("p.sku");
    case StockColumn::Location:
        return QStringLiteral("l.code");
    case StockColumn::Lot:
        return QStringLiteral("ifnull(lots.code, '')");
    case StockColumn::Expiry:
        return QStringLiteral("ifnull(lots.expiry, '')");
    case StockColumn::Quantity:
        return QStringLiteral("s.quantity");
    case StockColumn::Min:
        return QStringLiteral("ifnull(t.min_qty, -1)");
    case StockColumn::Max:
        return QStringLiteral("ifnull(t.max_qty, -1)");
    case StockColumn::Product:
    case StockColumn::Status: // derived per page; sorted as by product
        break;
    }
    return QStringLiteral("p.name");
}

struct Where
{
    QStringList conditions;
    QVariantList values;
    QString sql() const
    {
        return conditions.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    }
};

Where whereFor(const StockFilter &filter, QDate today)
{
    Where where;
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        QString escaped = text;
        escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('%'), QLatin1String("\\%"))
            .replace(QLatin1Char('_'), QLatin1String("\\_"));
        const QString pattern = QLatin1Char('%') + escaped + QLatin1Char('%');
        where.conditions << QStringLiteral(
            "(p.sku LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\' OR p.local_name LIKE ? ESCAPE "
            "'\\' "
            "OR p.id IN (SELECT product_id FROM product_barcodes WHERE code = ?))");
        where.values << pattern << pattern << pattern << text;
    }
    if (filter.productId) {
        where.conditions << QStringLiteral("s.product_id = ?");
        where.values << filter.productId;
    }
    if (filter.warehouseId) {
        where.conditions << QStringLiteral("l.warehouse_id = ?");
        where.values << filter.warehouseId;
    }
    if (filter.locationId) {
        // The tree is at most warehouse > zone > bin deep.
        where.conditions << QStringLiteral("(l.id = ? OR l.parent_id = ? OR l.warehouse_id = ?)");
        where.values << filter.locationId << filter.locationId << filter.locationId;
    }
    if (filter.nonZeroOnly)
        where.conditions << QStringLiteral("s.quantity <> 0");
    if (filter.expiringWithinDays >= 0) {
        where.conditions << QStringLiteral(
            "lots.expiry IS NOT NULL AND lots.expiry <= ? AND s.quantity > 0");
        where.values << today.addDays(filter.expiringWithinDays).toString(Qt::ISODate);
    }
    if (filter.lowStockOnly)
        where.conditions << QStringLiteral("t.min_qty IS NOT NULL AND t.min_qty > ")
                                + warehouseTotal;
    return where;
}

const auto fromClause = QStringLiteral(
    " FROM stock s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id "
    "LEFT JOIN lots ON lots.id = s.lot_id "
    "LEFT JOIN thresholds t ON t.product_id = s.product_id AND t.warehouse_id = l.warehouse_id");

std::optional<qint64> optionalInt(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

Result<QSqlQuery> run(const Database &db, const QString &sql, const QVariantList &values)
{
    auto query = db.prepare(sql);
    if (!query)
        return query;
    for (const QVariant &value : values)
        query->addBindValue(value);
    if (auto done = Database::exec(*query); !done)
        return std::unexpected(done.error());
    return query;
}

} // namespace

StockQueries::StockQueries(const Database &db)
    : m_db(db)
{}

StockCursor StockQueries::cursorAfter(const StockRow &row)
{
    return {row.sortValue, row.productId, row.locationId, row.lotId};
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

bool StockQueries::sortsBefore(const StockRow &a, const StockRow &b, const StockSort &sort)
{
    const auto keyOf = [](const StockRow &row) {
        return std::tuple(row.productId, row.locationId, row.lotId);
    };
    const QPartialOrdering order = QVariant::compare(a.sortValue, b.sortValue);
    bool before = false;
    if (order == QPartialOrdering::Less)
        before = true;
    else if (order == QPartialOrdering::Greater)
        before = false;
    else
        before = keyOf(a) < keyOf(b);
    return sort.order == Qt::DescendingOrder ? !before && keyOf(a) != keyOf(b) : before;
}

Result<QList<StockRow>> StockQueries::select(const StockFilter &filter,
                                             const StockSort &sort,
                                             const std::optional<StockCursor> &after,
                                             const StockLevel *exact,
                                             int limit,
                                             QDate today) const
{
    Where where = whereFor(filter, today);
    if (exact) {
        where.conditions << QStringLiteral(
            "s.product_id = ? AND s.location_id = ? AND s.lot_id = ?");
        where.values << exact->productId << exact->locationId << exact->lotId;
    }
    const QString key = sortExpression(sort.column);
    const bool descending = sort.order == Qt::DescendingOrder;
    if (after) {
        where.conditions << QStringLiteral(
                                "(%1, s.product_id, s.location_id, s.lot_id) %2 (?, ?, ?, ?)")
                                .arg(key, descending ? QStringLiteral("<") : QStringLiteral(">"));
        where.values << after->sortValue << after->productId << after->locationId << after->lotId;
    }
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    const QString sql
        = QStringLiteral(
              "SELECT s.product_id, s.location_id, s.lot_id, p.sku, p.name, p.local_name, p.unit, "
              "l.code, l.warehouse_id, ifnull(lots.code, ''), ifnull(lots.expiry, ''), "
              "s.quantity, s.version, t.min_qty, t.max_qty, ")
          + warehouseTotal + QStringLiteral(", ") + key + fromClause + where.sql()
          + QStringLiteral(" ORDER BY %1%2, s.product_id%2, s.location_id%2, s.lot_id%2 LIMIT ?")
                .arg(key, direction);
    where.values << limit;

    auto query = run(m_db, sql, where.values);
    if (!query)
        return std::unexpected(query.error());
    QList<StockRow> rows;
    rows.reserve(limit);
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
        row.sortValue = query->value(16);
        if (row.quantity < 0)
            row.status = StockStatus::Negative;
        else if (row.minQty && row.warehouseTotal < *row.minQty)
            row.status = StockStatus::BelowMin;
        else if (row.maxQty && row.warehouseTotal > *row.maxQty)
            row.status = StockStatus::AboveMax;
        rows.append(std::move(row));
    }
    return rows;
}

Result<qint64> StockQueries::count(const StockFilter &filter, QDate today) const
{
    const Where where = whereFor(filter, today);
    auto query = run(m_db,
                     QStringLiteral("SELECT count(*)") + fromClause + where.sql(),
                     where.values);
    if (!query)
        return std::unexpected(query.error());
    query->next();
    return query->value(0).toLongLong();
}

Result<QList<WarehouseSummary>> StockQueries::summary() const
{
    auto query
        = run(m_db,
              QStringLiteral(
                  "SELECT w.id, w.code, w.name, count(DISTINCT s.product_id), count(s.product_id), "
                  "ifnull(sum(s.quantity), 0), ifnull(sum(s.quantity < 0), 0) "
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

    auto thresholds
        = run(m_db,
              QStringLiteral(
                  "SELECT t.product_id, p.sku, p.name, t.warehouse_id, t.min_qty, t.max_qty, "
                  "t.reorder_point, (SELECT ifnull(sum(s.quantity), 0) FROM stock s "
                  "JOIN locations l ON l.id = s.location_id WHERE s.product_id = t.product_id "
                  "AND (t.warehouse_id = 0 OR l.warehouse_id = t.warehouse_id)) "
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

    auto negative = run(m_db,
                        QStringLiteral(
                            "SELECT s.product_id, p.sku, p.name, l.warehouse_id, s.location_id, "
                            "s.lot_id, ifnull(lots.code, ''), s.quantity FROM stock s "
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
        auto expiring = run(
            m_db,
            QStringLiteral(
                "SELECT s.product_id, p.sku, p.name, l.warehouse_id, s.lot_id, lots.code, "
                "lots.expiry, sum(s.quantity) FROM stock s JOIN lots ON lots.id = s.lot_id "
                "JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id "
                "WHERE lots.expiry IS NOT NULL AND lots.expiry <= ? "
                "GROUP BY s.product_id, s.lot_id, l.warehouse_id HAVING sum(s.quantity) > 0 "
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
