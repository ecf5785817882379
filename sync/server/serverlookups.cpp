#include "serverlookups.h"

#include <QSqlQuery>

#include <set>

namespace Stockroom::Sync {
namespace {

// A record by UUID, read once per transaction and then kept in cache.
template<typename Ref, typename Read>
Result<std::optional<Ref>> lookup(
    Database &db, QHash<QString, Ref> &cache, const QString &uuid, const QString &sql, Read read)
{
    if (const auto known = cache.constFind(uuid); known != cache.cend())
        return *known;
    auto query = db.run(sql, {uuid});
    if (!query)
        return std::unexpected(query.error());
    std::optional<Ref> found;
    if ((*query)->next())
        found = read(**query);
    (*query)->finish();
    if (found)
        cache.insert(uuid, *found);
    return found;
}

} // namespace

ServerLookups::ServerLookups(Database &db, StockLedger &ledger)
    : m_db(db)
    , m_ledger(ledger)
{}

void ServerLookups::forgetStale()
{
    if (m_cacheEpoch == m_db.writeEpoch())
        return;
    m_products.clear();
    m_locations.clear();
    m_warehouseCodes.clear();
    m_users.clear();
    m_lots.clear();
    m_stock.clear();
    m_cacheEpoch = m_db.writeEpoch();
}

void ServerLookups::forgetProduct(const QString &uuid)
{
    m_products.remove(uuid);
}

bool ServerLookups::writesAlone() const
{
    return !m_db.isPostgres() || m_db.stockStrategy() == StockStrategy::Group;
}

Result<ServerLookups::StockState> ServerLookups::readStock(qint64 productId,
                                                           qint64 locationId,
                                                           qint64 lotId)
{
    // Under the group strategy this transaction holds the writer lock, and the row cannot
    // change until it commits but by this transaction's own writes, which the cache
    // follows: a group that issues one item many times reads it once. Writing alongside
    // others, each strategy guards the row its own way before the ledger waits for the
    // lock: the pessimistic one locks the row, the advisory one takes the lock of its
    // product and location, and the optimistic and delta ones read it as it is (the write
    // checks its version, or adds the delta and checks for zero in one statement).
    const StockKey key{productId, locationId, lotId};
    const bool alone = writesAlone() && m_db.inTransaction();
    if (alone) {
        forgetStale();
        if (const auto known = m_stock.find(key); known != m_stock.end())
            return known->second;
    }
    const bool postgres = m_db.isPostgres();
    const StockStrategy strategy = m_db.stockStrategy();
    if (postgres && strategy == StockStrategy::Advisory) {
        auto locked = m_db.run(QStringLiteral("SELECT pg_advisory_xact_lock(?, ?)"),
                               {int(productId), int(locationId)});
        if (!locked)
            return std::unexpected(locked.error());
        (*locked)->finish();
    }
    QString sql = QStringLiteral("SELECT quantity, version, last_seq, last_device, other_seq "
                                 "FROM stock WHERE product_id = ? AND location_id = ? AND "
                                 "lot_id = ?");
    if (postgres && strategy == StockStrategy::Pessimistic)
        sql += QLatin1String(" FOR UPDATE");
    auto query = m_db.run(sql, {productId, locationId, lotId});
    if (!query)
        return std::unexpected(query.error());
    StockState row;
    row.level = StockLevel{productId, locationId, lotId, 0, 0};
    if ((*query)->next())
        readStockColumns(**query, 0, row);
    (*query)->finish();
    if (alone)
        m_stock[key] = row;
    return row;
}

void ServerLookups::readStockColumns(const QSqlQuery &query, int first, StockState &row)
{
    row.level.quantity = query.value(first).toLongLong();
    row.level.version = query.value(first + 1).toLongLong();
    row.lastSeq = query.value(first + 2).toLongLong();
    row.lastDevice = query.value(first + 3).toString();
    row.otherSeq = query.value(first + 4).toLongLong();
}

void ServerLookups::knowProduct(const QString &uuid, qint64 id)
{
    if (!m_db.inTransaction())
        return;
    forgetStale();
    m_products.insert(uuid, id);
}

Status ServerLookups::prefetchStock(const QList<StockKey> &keys)
{
    if (!m_db.isPostgres() || !writesAlone() || !m_db.inTransaction())
        return {};
    forgetStale();
    QStringList products;
    QStringList locations;
    QStringList lots;
    std::set<StockKey> wanted;
    for (const StockKey &key : keys) {
        if (m_stock.contains(key) || !wanted.insert(key).second)
            continue;
        products.append(QString::number(key.productId));
        locations.append(QString::number(key.locationId));
        lots.append(QString::number(key.lotId));
    }
    if (wanted.empty())
        return {};
    auto query
        = m_db.run(QStringLiteral(
                       "SELECT k.p, k.l, k.t, s.quantity, s.version, s.last_seq, s.last_device, "
                       "s.other_seq FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), "
                       "CAST(? AS bigint[])) AS k (p, l, t) CROSS JOIN LATERAL (SELECT * FROM "
                       "stock WHERE product_id = k.p AND location_id = k.l AND lot_id = k.t "
                       "LIMIT 1) AS s"),
                   {Database::arrayLiteral(products),
                    Database::arrayLiteral(locations),
                    Database::arrayLiteral(lots)});
    if (!query)
        return std::unexpected(query.error());
    // A row that is not there yet reads as readStock() would read it: nothing, version 0.
    for (const StockKey &key : wanted) {
        m_stock[key] = StockState{StockLevel{key.productId, key.locationId, key.lotId, 0, 0},
                                  0,
                                  {},
                                  0};
    }
    QSqlQuery &q = **query;
    while (q.next()) {
        const StockKey key{q.value(0).toLongLong(),
                           q.value(1).toLongLong(),
                           q.value(2).toLongLong()};
        readStockColumns(q, 3, m_stock[key]);
    }
    return {};
}

Result<std::optional<qint64>> ServerLookups::product(const QString &uuid)
{
    return lookup<qint64>(m_db,
                          m_products,
                          uuid,
                          QStringLiteral("SELECT id FROM products WHERE uuid = ?"),
                          [](const QSqlQuery &q) { return q.value(0).toLongLong(); });
}

Result<std::optional<ServerLookups::LocationRef>> ServerLookups::location(const QString &uuid)
{
    return lookup<LocationRef>(
        m_db,
        m_locations,
        uuid,
        QStringLiteral("SELECT id, warehouse_id FROM locations WHERE uuid = ?"),
        [](const QSqlQuery &q) {
            return LocationRef{q.value(0).toLongLong(), q.value(1).toLongLong()};
        });
}

void ServerLookups::knowLocation(const QString &uuid, qint64 id, qint64 warehouseId)
{
    if (!m_db.inTransaction())
        return;
    forgetStale();
    m_locations.insert(uuid, LocationRef{id, warehouseId});
}

Result<QString> ServerLookups::warehouseCode(qint64 warehouseId)
{
    forgetStale();
    if (const auto known = m_warehouseCodes.constFind(warehouseId); known != m_warehouseCodes.cend())
        return *known;
    auto query = m_db.run(QStringLiteral("SELECT code FROM locations WHERE id = ?"), {warehouseId});
    if (!query)
        return std::unexpected(query.error());
    const QString code = (*query)->next() ? (*query)->value(0).toString() : QString();
    (*query)->finish();
    m_warehouseCodes.insert(warehouseId, code);
    return code;
}

Result<std::optional<ServerLookups::UserRef>> ServerLookups::user(const QString &uuid)
{
    return lookup<UserRef>(m_db,
                           m_users,
                           uuid,
                           QStringLiteral(
                               "SELECT id, role, active, username FROM users WHERE uuid = ?"),
                           [](const QSqlQuery &q) {
                               return UserRef{q.value(0).toLongLong(),
                                              roleFromString(q.value(1).toString())
                                                  .value_or(Role::Clerk),
                                              q.value(2).toBool(),
                                              q.value(3).toString()};
                           });
}

Result<qint64> ServerLookups::lotId(qint64 productId, const QString &code, const QString &expiry)
{
    if (code.isEmpty())
        return 0;
    const QPair<qint64, QString> lotKey{productId, code};
    if (const auto known = m_lots.constFind(lotKey); known != m_lots.cend())
        return *known;
    // A lot the server has not seen is created: the device received it; its goods exist.
    auto id = m_ledger.lotFor(productId, code, QDate::fromString(expiry, Qt::ISODate));
    if (!id)
        return std::unexpected(id.error());
    m_lots.insert(lotKey, *id);
    return *id;
}

void ServerLookups::rememberStock(const AppendedMovement &appended, const QString &deviceId)
{
    if (!writesAlone())
        return;
    for (qsizetype i = 0; i < appended.stock.size(); ++i) {
        const StockLevel &level = appended.stock.at(i);
        StockState &row = m_stock[{level.productId, level.locationId, level.lotId}];
        row.level = level;
        if (row.lastDevice != deviceId)
            row.otherSeq = row.lastSeq;
        row.lastSeq = appended.lines.at(i).seq;
        row.lastDevice = deviceId;
    }
}

} // namespace Stockroom::Sync
