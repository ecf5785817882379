#pragma once

// Catalog: looks up products, locations, lots, users and thresholds.
//
// Read-only. Lookups that people drive (a scan, a typed SKU, a location code) fail with a
// message that names what was not found, such as "Unknown barcode 4006381333931".

#include "model/domain/types.h"
#include "model/storage/database.h"

namespace Stockroom {

class Catalog
{
public:
    explicit Catalog(const Database &db);

    Result<Product> product(qint64 id) const;
    // The product without its barcodes: one query, for the path every movement takes.
    Result<Product> productWithoutBarcodes(qint64 id) const;
    Result<Product> productBySku(const QString &sku) const;
    Result<Product> productBySkuWithoutBarcodes(const QString &sku) const;
    // The products these SKUs name, without barcodes, in one query; a SKU no product has
    // is left out.
    Result<QList<Product>> productsBySku(const QStringList &skus) const;
    Result<Product> productByBarcode(const QString &code) const;
    // The products that condition selects ("WHERE ... ORDER BY ... LIMIT ?", its values
    // bound in order), in the condition's order, each with its barcodes unless told not to:
    // a query for the products and one for the barcodes of every 256 of them, not two
    // queries a product.
    Result<QList<Product>> productsWhere(const QString &condition,
                                         const QVariantList &values,
                                         bool withBarcodes = true) const;
    // A barcode or a SKU, as a clerk would type or scan it.
    Result<Product> findProduct(const QString &codeOrSku) const;

    Result<Location> location(qint64 id) const;
    // A location code or a location barcode.
    Result<Location> findLocation(const QString &codeOrBarcode) const;
    Result<QList<Location>> warehouses() const;
    // A location and everything under it, by code.
    Result<QList<Location>> locationsUnder(qint64 locationId) const;

    // The lot of a product with that code, if there is one.
    Result<std::optional<Lot>> lot(qint64 productId, const QString &code) const;
    Result<Lot> lot(qint64 lotId) const;

    Result<User> user(qint64 id) const;
    Result<User> userByName(const QString &username) const;
    Result<QList<User>> users() const; // by user name
    Result<QString> passwordHash(qint64 userId) const;

    Result<std::optional<Threshold>> threshold(qint64 productId, qint64 warehouseId) const;

    // Whether code is taken by any product or location barcode (barcodes are global).
    Result<bool> barcodeInUse(const QString &code) const;
    // A code that may be given to a new product or location: a valid barcode (check digit
    // included) that nothing uses yet, and no product's SKU but forProduct's own: a scan
    // finds barcodes before SKUs, so it would name another product than the one typed.
    Result<Barcode> checkNewBarcode(const QString &code, qint64 forProduct = 0) const;
    // A SKU that may be given to a new product: no product has it, and no barcode is it.
    Status checkNewSku(const QString &sku) const;

private:
    Result<Product> productWithSku(const QString &sku, bool withBarcodes) const;
    Result<Product> productWhere(const QString &condition,
                                 const QVariant &value,
                                 bool withBarcodes = true) const;
    Result<Location> locationWhere(const QString &condition, const QVariant &value) const;
    // Locations that condition selects; prefix comes before the SELECT (a WITH clause).
    Result<QList<Location>> locationsWhere(const QString &prefix,
                                           const QString &condition,
                                           const QVariantList &values) const;
    Result<User> userWhere(const QString &condition, const QVariant &value) const;

    const Database &m_db;
};

} // namespace Stockroom
