#pragma once

// RestRequest, what a REST handler gets; and RestLookups, the records a request names by
// code, shared by the REST API's reads and writes.
//
// An unknown code is a 422 problem, one outside the token's warehouses a 403, a database
// failure a 503. In a group of writes (RestApi::handleAll) a product or location is read
// once for the whole group: a group holds no edit of either.

#include "httpmessage.h"
#include "restjson.h"
#include "tokens.h"

#include "model/domain/clock.h"
#include "model/domain/types.h"
#include "model/storage/database.h"

#include <QElapsedTimer>
#include <QHash>

namespace Stockroom::Sync {

// What a handler gets: the call, the path's {parameters} in order, and the token.
struct RestRequest
{
    const HttpCall &call;
    QStringList parameters;
    TokenInfo token;
};

class RestLookups
{
public:
    // The database and the clock must outlive this.
    RestLookups(Database &db, const Clock &clock);

    Parsed<Product> productBySku(const QString &sku);
    Parsed<Location> locationByCode(const QString &code, const TokenInfo &token);
    Parsed<Location> warehouseByCode(const QString &code, const TokenInfo &token);
    // The warehouse a list is limited to: ?warehouse=, or the token's only one; 0 for all
    // (a token of every warehouse without the parameter).
    Parsed<qint64> listWarehouse(const RestRequest &request);
    // The product the path's {sku} names; 404 when none has it.
    Parsed<Product> productInPath(const RestRequest &request);
    // The product ?product= names by SKU; 0 without it.
    Parsed<qint64> productParameter(const RestRequest &request);
    // Today in the database's day zone (Database::dayZone), for expiry: the server may run
    // in another zone than its warehouses count days in. Worked out again at most once a
    // second: asking the clock's zone for every request (a stat of /etc/localtime) was a
    // tenth of a reader's time under the mixed load.
    QDate today();

    // A group's look-ups are kept from startGroup() to endGroup().
    void startGroup() { m_grouping = true; }
    void endGroup();
    // Products and locations a group's writes name, read ahead by the group.
    const Product *groupProduct(const QString &sku) const;
    void keepForGroup(const Product &product);
    const Location *groupLocation(const QString &code) const;
    void keepForGroup(const QString &code, const Location &location);

private:
    Database &m_db;
    const Clock &m_clock;
    bool m_grouping = false;
    QHash<QString, Product> m_groupProducts;   // by SKU
    QHash<QString, Location> m_groupLocations; // by the code the request used
    QDate m_today;
    QElapsedTimer m_todayRead; // since m_today was read; invalid before the first
};

} // namespace Stockroom::Sync
