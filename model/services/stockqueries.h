#pragma once

// StockQueries: the read side of stock on hand, shared by the CLI and the item models.
//
// Pages are ordered by a sort column plus enough tie-breakers to make the order total, and
// continue from a cursor (the last row of the previous page). The product, SKU, location
// and quantity orders are read straight off an index, so the first page of 100,000 rows
// costs what a page of 100 does, and page 400 what page 1 does. Selective filters (a
// product, a zone or bin, expiring lots, low stock) find their few rows by index and sort
// only those. The lot, expiry and min/max orders sort every matching row.
//
// Alerts are derived, never stored: a threshold crossed, stock below zero, a lot that
// expires within N days. Thresholds with warehouse 0 apply to the total over every
// warehouse; the others to their warehouse's total.

#include "model/domain/types.h"
#include "model/storage/database.h"

#include <QDate>

#include <optional>

namespace Stockroom {

struct StockFilter
{
    QString text; // part of a SKU, a name or a local name, or a whole barcode
    qint64 productId = 0;
    qint64 warehouseId = 0;
    qint64 locationId = 0;                    // that location and everything under it
    std::optional<LocationKind> locationKind; // locationId's, when the caller has it at hand
    // The same two looked up inside the query, saving a statement each: the product with
    // this SKU, and the location with this code or barcode with everything under it (which
    // each row's location is tested against: meant along with a product).
    QString productSku;
    QString locationCode;
    QList<qint64> warehouseIds; // not empty: only stock in these warehouses
    bool lowStockOnly = false;
    bool withoutEmpty = false;   // leave out places that hold none (negative stock stays)
    int expiringWithinDays = -1; // -1: no expiry filter

    friend bool operator==(const StockFilter &, const StockFilter &) = default;
};

enum class StockColumn { Product, Sku, Location, Lot, Expiry, Quantity, Min, Max, Status };
inline constexpr int stockColumnCount = 9;

struct StockSort
{
    StockColumn column = StockColumn::Product;
    Qt::SortOrder order = Qt::AscendingOrder;
};

enum class StockStatus { Ok, BelowMin, AboveMax, Negative };

struct StockRow
{
    qint64 productId = 0;
    qint64 locationId = 0;
    qint64 lotId = 0;
    QString sku;
    QString name;
    QString localName;
    QString unit;
    QString locationCode;
    qint64 warehouseId = 0;
    QString warehouseCode;
    QString lotCode;
    QDate expiry;
    qint64 quantity = 0;
    qint64 version = 0;
    std::optional<qint64> minQty; // the warehouse's threshold
    std::optional<qint64> maxQty;
    qint64 warehouseTotal = 0; // this product in this warehouse, every location and lot
    StockStatus status = StockStatus::Ok;
    QVariantList orderKey; // the row's values of the order's terms
};

// Where the next page starts: just after this row in the sort order.
struct StockCursor
{
    QVariantList orderKey;
};

struct WarehouseSummary
{
    qint64 warehouseId = 0;
    QString code;
    QString name;
    qint64 products = 0;
    qint64 stockRows = 0;
    qint64 totalQuantity = 0;
    qint64 negativeRows = 0;
};

struct Alert
{
    enum class Kind { BelowMin, AboveMax, AtReorderPoint, Negative, Expiring, Expired };
    static constexpr int kindCount = int(Kind::Expired) + 1;
    Kind kind;
    qint64 productId = 0;
    QString sku;
    QString name;
    qint64 warehouseId = 0; // 0: every warehouse
    qint64 locationId = 0;  // negative stock only
    qint64 lotId = 0;
    QString lotCode;
    QDate expiry;
    qint64 quantity = 0;
    std::optional<qint64> limit;
};

class StockQueries
{
public:
    explicit StockQueries(const Database &db);

    Result<QList<StockRow>> page(const StockFilter &filter,
                                 const StockSort &sort,
                                 const std::optional<StockCursor> &after,
                                 int limit,
                                 QDate today) const;
    // The one row with this key, if it passes the filter.
    Result<std::optional<StockRow>> row(const StockFilter &filter,
                                        const StockSort &sort,
                                        const StockLevel &key,
                                        QDate today) const;
    Result<qint64> count(const StockFilter &filter, QDate today) const;
    Result<QList<WarehouseSummary>> summary() const;
    Result<QList<Alert>> alerts(QDate today, int expiringWithinDays) const;

    static StockCursor cursorAfter(const StockRow &row);
    // Whether a comes before b in the order sort gives.
    static bool sortsBefore(const StockRow &a, const StockRow &b, const StockSort &sort);

private:
    Result<QList<StockRow>> select(const StockFilter &filter,
                                   const StockSort &sort,
                                   const std::optional<StockCursor> &after,
                                   const StockLevel *key,
                                   int limit,
                                   QDate today) const;

    const Database &m_db;
};

} // namespace Stockroom
