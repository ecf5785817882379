#include "catalog.h"

#include "model/domain/barcodes.h"
#include "model/domain/tr.h"

#include <QSqlQuery>

#include <algorithm>

namespace Stockroom {

namespace {

const auto productColumns = QStringLiteral(
    "SELECT id, uuid, sku, name, local_name, unit, lot_tracked, archived, version FROM products ");
const auto locationColumns = QStringLiteral(
    "SELECT id, uuid, coalesce(parent_id, 0), warehouse_id, kind, code, name, coalesce(barcode, "
    "''), "
    "archived, version FROM locations ");
const auto userColumns = QStringLiteral(
    "SELECT id, uuid, username, display_name, role, active, version FROM users ");

Product productFrom(const QSqlQuery &q)
{
    Product p;
    p.id = q.value(0).toLongLong();
    p.uuid = q.value(1).toString();
    p.sku = q.value(2).toString();
    p.name = q.value(3).toString();
    p.localName = q.value(4).toString();
    p.unit = q.value(5).toString();
    p.lotTracked = q.value(6).toBool();
    p.archived = q.value(7).toBool();
    p.version = q.value(8).toLongLong();
    return p;
}

Location locationFrom(const QSqlQuery &q)
{
    Location l;
    l.id = q.value(0).toLongLong();
    l.uuid = q.value(1).toString();
    l.parentId = q.value(2).toLongLong();
    l.warehouseId = q.value(3).toLongLong();
    l.kind = locationKindFromString(q.value(4).toString()).value_or(LocationKind::Bin);
    l.code = q.value(5).toString();
    l.name = q.value(6).toString();
    l.barcode = q.value(7).toString();
    l.archived = q.value(8).toBool();
    l.version = q.value(9).toLongLong();
    return l;
}

} // namespace

Catalog::Catalog(const Database &db)
    : m_db(db)
{}

Result<Product> Catalog::productWhere(const QString &condition,
                                      const QVariant &value,
                                      bool withBarcodes) const
{
    auto found = productsWhere(condition, {value}, withBarcodes);
    if (!found)
        return std::unexpected(found.error());
    if (found->isEmpty())
        return fail(ErrorCode::NotFound, QString());
    return found->first();
}

Result<QList<Product>> Catalog::productsWhere(const QString &condition,
                                              const QVariantList &values,
                                              bool withBarcodes) const
{
    auto foundQuery = m_db.run(productColumns + condition, values);
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QList<Product> products;
    while ((*foundQuery)->next())
        products.append(productFrom(**foundQuery));
    (*foundQuery)->finish();
    if (!withBarcodes || products.isEmpty())
        return products;

    QHash<qint64, qsizetype> indexOf;
    for (qsizetype i = 0; i < products.size(); ++i)
        indexOf.insert(products.at(i).id, i);
    // The IN list is padded to a power of two (a few cached statements); 256 keeps it far
    // below SQLite's 999 parameters.
    constexpr qsizetype chunk = 256;
    for (qsizetype from = 0; from < products.size(); from += chunk) {
        QVariantList ids;
        for (qsizetype i = from; i < std::min(from + chunk, products.size()); ++i)
            ids.append(products.at(i).id);
        const QString in = Database::inList(ids);
        auto foundCodes = m_db.run(QStringLiteral("SELECT product_id, code, symbology FROM "
                                                  "product_barcodes WHERE product_id IN (")
                                       + in + QStringLiteral(") ORDER BY product_id, code"),
                                   ids);
        if (!foundCodes)
            return std::unexpected(foundCodes.error());
        QSqlQuery *codes = *foundCodes;
        while (codes->next()) {
            const auto index = indexOf.constFind(codes->value(0).toLongLong());
            if (index == indexOf.cend())
                continue;
            products[*index].barcodes.append(
                {codes->value(1).toString(),
                 symbologyFromString(codes->value(2).toString()).value_or(Symbology::Free)});
        }
    }
    return products;
}

Result<Product> Catalog::product(qint64 id) const
{
    auto found = productWhere(QStringLiteral("WHERE id = ?"), id);
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("Product %1 does not exist.").arg(id));
    return found;
}

Result<Product> Catalog::productWithoutBarcodes(qint64 id) const
{
    auto found = productWhere(QStringLiteral("WHERE id = ?"), id, false);
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("Product %1 does not exist.").arg(id));
    return found;
}

Result<Product> Catalog::productBySku(const QString &sku) const
{
    return productWithSku(sku, true);
}

Result<Product> Catalog::productBySkuWithoutBarcodes(const QString &sku) const
{
    return productWithSku(sku, false);
}

Result<Product> Catalog::productWithSku(const QString &sku, bool withBarcodes) const
{
    auto found = productWhere(QStringLiteral("WHERE sku = ?"), sku.trimmed(), withBarcodes);
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("No product has the SKU %1.").arg(sku));
    return found;
}

Result<QList<Product>> Catalog::productsBySku(const QStringList &skus) const
{
    if (skus.isEmpty())
        return QList<Product>();
    QString sql;
    QVariantList values;
    if (m_db.isPostgres()) {
        // Each SKU looked up in its index, as the statistics of a young table cannot
        // mislead a prepared statement's generic plan into reading them all.
        sql = QStringLiteral("SELECT p.id, p.uuid, p.sku, p.name, p.local_name, p.unit, "
                             "p.lot_tracked, p.archived, p.version FROM unnest(CAST(? AS "
                             "text[])) AS k (sku) CROSS JOIN LATERAL (SELECT * FROM products "
                             "WHERE sku = k.sku LIMIT 1) AS p");
        values.append(Database::arrayLiteral(skus));
    } else {
        for (const QString &sku : skus)
            values.append(sku);
        sql = productColumns + QStringLiteral("WHERE sku IN (") + Database::inList(values)
              + QLatin1Char(')');
    }
    auto query = m_db.run(sql, values);
    if (!query)
        return std::unexpected(query.error());
    QList<Product> found;
    while ((*query)->next())
        found.append(productFrom(**query));
    return found;
}

Result<Product> Catalog::productByBarcode(const QString &code) const
{
    auto found
        = productWhere(QStringLiteral(
                           "WHERE id = (SELECT product_id FROM product_barcodes WHERE code = ?)"),
                       code.trimmed());
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::UnknownBarcode, Tr::tr("Unknown barcode %1").arg(code.trimmed()));
    return found;
}

Result<Product> Catalog::findProduct(const QString &codeOrSku) const
{
    const QString text = codeOrSku.trimmed();
    if (text.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Scan a barcode or type a SKU."));
    auto byCode = productByBarcode(text);
    if (byCode || byCode.error().code != ErrorCode::UnknownBarcode)
        return byCode;
    auto bySku = productBySku(text);
    if (bySku || bySku.error().code != ErrorCode::NotFound)
        return bySku;
    const bool looksLikeBarcode = std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isDigit();
    });
    return fail(ErrorCode::UnknownBarcode,
                looksLikeBarcode ? Tr::tr("Unknown barcode %1").arg(text)
                                 : Tr::tr("Unknown barcode or SKU %1").arg(text));
}

Result<Location> Catalog::locationWhere(const QString &condition, const QVariant &value) const
{
    auto foundQuery = m_db.run(locationColumns + condition, {value});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    if (!query->next())
        return fail(ErrorCode::NotFound, QString());
    return locationFrom(*query);
}

Result<Location> Catalog::location(qint64 id) const
{
    auto found = locationWhere(QStringLiteral("WHERE id = ?"), id);
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("Location %1 does not exist.").arg(id));
    return found;
}

Result<Location> Catalog::findLocation(const QString &codeOrBarcode) const
{
    const QString text = codeOrBarcode.trimmed();
    auto found = locationWhere(m_db.sql("WHERE code = ?1 OR barcode = ?1",
                                        "WHERE code = $1 OR barcode = $1"),
                               text);
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("Unknown location %1").arg(text));
    return found;
}

Result<QList<Location>> Catalog::locationsWhere(const QString &prefix,
                                                const QString &condition,
                                                const QVariantList &values) const
{
    auto foundQuery = m_db.run(prefix + locationColumns + condition, values);
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    QList<Location> result;
    while (query->next())
        result.append(locationFrom(*query));
    return result;
}

Result<QList<Location>> Catalog::warehouses() const
{
    return locationsWhere({}, QStringLiteral("WHERE kind = 'warehouse' ORDER BY code"), {});
}

Result<QList<Location>> Catalog::locationsUnder(qint64 locationId) const
{
    return locationsWhere(QStringLiteral("WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL "
                                         "SELECT l.id FROM locations l JOIN tree "
                                         "ON l.parent_id = tree.id) "),
                          QStringLiteral("WHERE id IN (SELECT id FROM tree) ORDER BY code"),
                          {locationId});
}

Result<std::optional<Lot>> Catalog::lot(qint64 productId, const QString &code) const
{
    auto foundQuery = m_db.run(
        QStringLiteral(
            "SELECT id, coalesce(expiry, '') FROM lots WHERE product_id = ? AND code = ?"),
        {productId, code});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    if (!query->next())
        return std::optional<Lot>();
    return Lot{query->value(0).toLongLong(),
               productId,
               code,
               QDate::fromString(query->value(1).toString(), Qt::ISODate)};
}

Result<Lot> Catalog::lot(qint64 lotId) const
{
    auto foundQuery
        = m_db.run(QStringLiteral(
                       "SELECT product_id, code, coalesce(expiry, '') FROM lots WHERE id = ?"),
                   {lotId});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    if (!query->next())
        return fail(ErrorCode::NotFound, Tr::tr("Lot %1 does not exist.").arg(lotId));
    return Lot{lotId,
               query->value(0).toLongLong(),
               query->value(1).toString(),
               QDate::fromString(query->value(2).toString(), Qt::ISODate)};
}

namespace {

User userFrom(const QSqlQuery &query)
{
    User u;
    u.id = query.value(0).toLongLong();
    u.uuid = query.value(1).toString();
    u.username = query.value(2).toString();
    u.displayName = query.value(3).toString();
    u.role = roleFromString(query.value(4).toString()).value_or(Role::Clerk);
    u.active = query.value(5).toBool();
    u.version = query.value(6).toLongLong();
    return u;
}

} // namespace

Result<User> Catalog::userWhere(const QString &condition, const QVariant &value) const
{
    auto foundQuery = m_db.run(userColumns + condition, {value});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    if (!query->next())
        return fail(ErrorCode::NotFound, QString());
    User u = userFrom(*query);
    query->finish();
    return u;
}

Result<QList<User>> Catalog::users() const
{
    auto query = m_db.run(userColumns + QStringLiteral("ORDER BY username"));
    if (!query)
        return std::unexpected(query.error());
    QList<User> users;
    while ((*query)->next())
        users.append(userFrom(**query));
    return users;
}

Result<User> Catalog::user(qint64 id) const
{
    auto found = userWhere(QStringLiteral("WHERE id = ?"), id);
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("User %1 does not exist.").arg(id));
    return found;
}

Result<User> Catalog::userByName(const QString &username) const
{
    auto found = userWhere(QStringLiteral("WHERE username = ?"), username.trimmed());
    if (!found && found.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound, Tr::tr("There is no user %1.").arg(username));
    return found;
}

Result<QString> Catalog::passwordHash(qint64 userId) const
{
    auto foundQuery = m_db.run(QStringLiteral("SELECT password_hash FROM users WHERE id = ?"),
                               {userId});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    if (!query->next())
        return fail(ErrorCode::NotFound, Tr::tr("User %1 does not exist.").arg(userId));
    return query->value(0).toString();
}

Result<std::optional<Threshold>> Catalog::threshold(qint64 productId, qint64 warehouseId) const
{
    auto foundQuery
        = m_db.run(QStringLiteral("SELECT min_qty, max_qty, reorder_point, version FROM thresholds "
                                  "WHERE product_id = ? AND warehouse_id = ?"),
                   {productId, warehouseId});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    if (!query->next())
        return std::optional<Threshold>();
    const auto optional = [&](int column) {
        return query->value(column).isNull()
                   ? std::optional<qint64>()
                   : std::optional<qint64>(query->value(column).toLongLong());
    };
    return Threshold{productId,
                     warehouseId,
                     optional(0),
                     optional(1),
                     optional(2),
                     query->value(3).toLongLong()};
}

Result<bool> Catalog::barcodeInUse(const QString &code) const
{
    auto foundQuery
        = m_db.run(m_db.sql("SELECT EXISTS (SELECT 1 FROM product_barcodes WHERE code = ?1) "
                            "OR EXISTS (SELECT 1 FROM locations WHERE barcode = ?1)",
                            "SELECT EXISTS (SELECT 1 FROM product_barcodes WHERE code = $1) "
                            "OR EXISTS (SELECT 1 FROM locations WHERE barcode = $1)"),
                   {code});
    if (!foundQuery)
        return std::unexpected(foundQuery.error());
    QSqlQuery *query = *foundQuery;
    return query->next() && query->value(0).toBool();
}

Result<Barcode> Catalog::checkNewBarcode(const QString &code, qint64 forProduct) const
{
    auto barcode = Barcodes::classify(code);
    if (!barcode)
        return barcode;
    auto taken = barcodeInUse(barcode->code);
    if (!taken)
        return std::unexpected(taken.error());
    if (*taken)
        return fail(ErrorCode::Duplicate,
                    Tr::tr("The barcode %1 is already in use.").arg(barcode->code));
    auto owner = productWithSku(barcode->code, false);
    if (owner && owner->id != forProduct)
        return fail(ErrorCode::Duplicate,
                    Tr::tr("%1 is the SKU of %2: as a barcode it would make a scan of it find "
                           "another product.")
                        .arg(barcode->code, owner->name));
    if (!owner && owner.error().code != ErrorCode::NotFound)
        return std::unexpected(owner.error());
    return barcode;
}

Status Catalog::checkNewSku(const QString &sku) const
{
    const QString text = sku.trimmed();
    auto existing = productWithSku(text, false);
    if (existing)
        return fail(ErrorCode::Duplicate, Tr::tr("A product with SKU %1 already exists.").arg(text));
    if (existing.error().code != ErrorCode::NotFound)
        return std::unexpected(existing.error());
    auto taken = barcodeInUse(text);
    if (!taken)
        return std::unexpected(taken.error());
    if (*taken)
        return fail(ErrorCode::Duplicate,
                    Tr::tr("%1 is already a barcode: as a SKU, typing it would find what "
                           "the barcode names.")
                        .arg(text));
    return {};
}

} // namespace Stockroom
