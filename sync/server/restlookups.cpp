#include "restlookups.h"

#include "model/domain/limits.h"
#include "model/services/catalog.h"

namespace Stockroom::Sync {

using namespace Rest;

namespace {

HttpReply unknown(const char *code, const QString &detail)
{
    return problem(422, code, QStringLiteral("A code in the request names nothing known"), detail);
}

// An unknown SKU's reply names it, but not when it is longer than any SKU can be: a reply
// may be kept for a day with its Idempotency-Key.
QString noSkuThatLong()
{
    return QStringLiteral("No product has a SKU that long: a SKU is at most %1 characters.")
        .arg(Limits::sku);
}

HttpReply outOfScope(const QString &warehouseCode)
{
    return problem(403,
                   "out-of-scope",
                   QStringLiteral("Outside the token's warehouses"),
                   QStringLiteral("This token may not use warehouse %1.").arg(warehouseCode));
}

} // namespace

RestLookups::RestLookups(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

void RestLookups::endGroup()
{
    m_grouping = false;
    m_groupProducts.clear();
    m_groupLocations.clear();
}

const Product *RestLookups::groupProduct(const QString &sku) const
{
    const auto found = m_groupProducts.constFind(sku);
    return found != m_groupProducts.cend() ? &*found : nullptr;
}

void RestLookups::keepForGroup(const Product &product)
{
    m_groupProducts.insert(product.sku, product);
}

const Location *RestLookups::groupLocation(const QString &code) const
{
    const auto found = m_groupLocations.constFind(code);
    return found != m_groupLocations.cend() ? &*found : nullptr;
}

void RestLookups::keepForGroup(const QString &code, const Location &location)
{
    m_groupLocations.insert(code, location);
}

Parsed<Product> RestLookups::productBySku(const QString &sku)
{
    if (sku.size() > Limits::sku)
        return std::unexpected(unknown("unknown-product", noSkuThatLong()));
    if (const auto known = m_groupProducts.constFind(sku); known != m_groupProducts.cend())
        return *known;
    // Every caller wants the product's id, state or uuid, never its barcodes.
    auto product = Catalog(m_db).productBySkuWithoutBarcodes(sku);
    if (!product && product.error().code == ErrorCode::NotFound)
        return std::unexpected(
            unknown("unknown-product", QStringLiteral("No product has SKU %1.").arg(sku)));
    if (!product)
        return std::unexpected(unavailable());
    if (m_grouping)
        m_groupProducts.insert(sku, *product);
    return *product;
}

Parsed<Location> RestLookups::locationByCode(const QString &code, const TokenInfo &token)
{
    if (code.size() > Limits::locationCode) {
        return std::unexpected(
            unknown("unknown-location",
                    QStringLiteral("No location has a code that long: a code is at most %1 "
                                   "characters.")
                        .arg(Limits::locationCode)));
    }
    const auto known = m_groupLocations.constFind(code);
    auto location = known != m_groupLocations.cend() ? Result<Location>(*known)
                                                     : Catalog(m_db).findLocation(code);
    if (location && m_grouping)
        m_groupLocations.insert(code, *location);
    if (!location && location.error().code == ErrorCode::NotFound)
        return std::unexpected(
            unknown("unknown-location", QStringLiteral("No location has code %1.").arg(code)));
    if (!location)
        return std::unexpected(unavailable());
    if (!token.maySee(location->warehouseId)) {
        auto warehouse = Catalog(m_db).location(location->warehouseId);
        return std::unexpected(outOfScope(warehouse ? warehouse->code : code));
    }
    return *location;
}

Parsed<Location> RestLookups::warehouseByCode(const QString &code, const TokenInfo &token)
{
    auto location = locationByCode(code, token);
    if (location && location->kind != LocationKind::Warehouse) {
        return std::unexpected(
            unknown("unknown-warehouse", QStringLiteral("%1 is not a warehouse.").arg(code)));
    }
    return location;
}

Parsed<qint64> RestLookups::listWarehouse(const RestRequest &request)
{
    const QString code = request.call.query.queryItemValue(QStringLiteral("warehouse"),
                                                           QUrl::FullyDecoded);
    if (!code.isEmpty()) {
        auto warehouse = warehouseByCode(code, request.token);
        if (!warehouse)
            return std::unexpected(warehouse.error());
        return warehouse->id;
    }
    if (request.token.allWarehouses())
        return 0;
    if (request.token.warehouseIds.size() == 1)
        return *request.token.warehouseIds.cbegin();
    return std::unexpected(
        problem(400,
                "warehouse-required",
                QStringLiteral("Name a warehouse"),
                QStringLiteral("This token sees warehouses %1: add "
                               "?warehouse= with one of them.")
                    .arg(request.token.warehouseCodes.join(QStringLiteral(", ")))));
}

Parsed<qint64> RestLookups::productParameter(const RestRequest &request)
{
    const QString sku = request.call.query.queryItemValue(QStringLiteral("product"),
                                                          QUrl::FullyDecoded);
    if (sku.isEmpty())
        return 0;
    auto product = productBySku(sku);
    if (!product)
        return std::unexpected(product.error());
    return product->id;
}

Parsed<Product> RestLookups::productInPath(const RestRequest &request)
{
    const QString &sku = request.parameters.at(0);
    const auto notFound = [](const QString &detail) {
        return std::unexpected(problem(404, "not-found", QStringLiteral("No such product"), detail));
    };
    if (sku.size() > Limits::sku)
        return notFound(noSkuThatLong());
    auto product = Catalog(m_db).productBySku(sku);
    if (!product && product.error().code == ErrorCode::NotFound)
        return notFound(QStringLiteral("No product has SKU %1.").arg(sku));
    if (!product)
        return std::unexpected(unavailable());
    return *product;
}

QDate RestLookups::today()
{
    if (!m_todayRead.isValid() || m_todayRead.hasExpired(1000)) {
        m_today = m_clock.today(m_db.dayZone());
        m_todayRead.start();
    }
    return m_today;
}

} // namespace Stockroom::Sync
