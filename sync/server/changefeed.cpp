#include "changefeed.h"

#include "sync/protocol/movementmessage.h"
#include "sync/protocol/pulledrecords.h"

#include "model/services/recordreader.h"

#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

// At least the bytes a pulled movement takes in CBOR, without encoding it: its texts as
// UTF-8 (at most three bytes a UTF-16 unit) and room for its keys and numbers.
qsizetype encodedSizeBound(const MovementMessage &movement)
{
    const auto text = [](const QString &value) {
        return 9 + 3 * value.size();
    };
    qsizetype size = 256 + text(movement.id) + text(movement.device) + text(movement.user)
                     + text(movement.reason) + text(movement.reference);
    for (const MovementMessage::Line &line : movement.lines)
        size += 128 + text(line.product) + text(line.location) + text(line.lot) + text(line.expiry);
    return size;
}

} // namespace

ChangeFeed::ChangeFeed(Database &db)
    : m_db(db)
{}

Result<QString> ChangeFeed::uuidOf(const char *table, qint64 id, QHash<qint64, QString> &cache)
{
    if (id == 0)
        return QString();
    if (const auto known = cache.constFind(id); known != cache.cend())
        return *known;
    auto query
        = m_db.run(QStringLiteral("SELECT uuid FROM %1 WHERE id = ?").arg(QLatin1String(table)),
                   {id});
    if (!query)
        return std::unexpected(query.error());
    QString uuid;
    if ((*query)->next())
        uuid = (*query)->value(0).toString();
    (*query)->finish();
    cache.insert(id, uuid);
    return uuid;
}

Result<QCborMap> ChangeFeed::masterItem(const QString &entity,
                                        const QString &entityKey,
                                        const TokenInfo &token)
{
    // An empty map is a record that no longer exists or that this token does not see.
    RecordReader records(m_db);
    if (entity == QLatin1String("user")) {
        auto user = records.user(entityKey);
        if (!user)
            return std::unexpected(user.error());
        return *user ? toPulledItem(**user) : QCborMap();
    }
    if (entity == QLatin1String("location")) {
        auto placed = records.location(entityKey);
        if (!placed)
            return std::unexpected(placed.error());
        if (!*placed || !token.maySee((*placed)->warehouseId))
            return QCborMap();
        return toPulledItem((*placed)->location);
    }
    if (entity == QLatin1String("product")) {
        auto product = records.product(entityKey);
        if (!product)
            return std::unexpected(product.error());
        return *product ? toPulledItem(**product) : QCborMap();
    }
    if (entity == QLatin1String("threshold")) {
        // The key is "product id:warehouse id", local to this database; the item names both
        // by UUID.
        const QStringList ids = entityKey.split(QLatin1Char(':'));
        const qint64 productId = ids.value(0).toLongLong();
        const qint64 warehouseId = ids.value(1).toLongLong();
        if (warehouseId != 0 && !token.maySee(warehouseId))
            return QCborMap();
        auto threshold = records.threshold(productId, warehouseId);
        if (!threshold)
            return std::unexpected(threshold.error());
        return *threshold ? toPulledItem(**threshold) : QCborMap();
    }
    if (entity == QLatin1String("conflict")) {
        auto conflict = records.conflict(entityKey);
        if (!conflict)
            return std::unexpected(conflict.error());
        if (!*conflict)
            return QCborMap();
        const QString &warehouse = (*conflict)->raised.warehouse;
        if (!token.allWarehouses() && !warehouse.isEmpty()
            && !token.warehouseCodes.contains(warehouse))
            return QCborMap();
        return toPulledItem(**conflict);
    }
    return QCborMap();
}

Result<PullPage> ChangeFeed::pull(const TokenInfo &token,
                                  const QString &deviceId,
                                  const Cursor &from,
                                  int limit)
{
    limit = std::clamp(limit, 1, maxPullLimit);
    PullPage page;
    page.cursor = from;
    // The page's items are bounded by bytes as well as by count; the first item always
    // comes, whatever its size, so that no record holds the feed up.
    qsizetype bytes = 0;

    // Master data first, so that a line never arrives before what it refers to. The server
    // has one connection and answers one request at a time, so both reads see one state.
    {
        auto changes = m_db.run(QStringLiteral("SELECT seq, entity, entity_key FROM master_changes "
                                               "WHERE seq > ? ORDER BY seq LIMIT ?"),
                                {from.master, limit + 1});
        if (!changes)
            return std::unexpected(changes.error());
        QList<std::tuple<qint64, QString, QString>> rows;
        while ((*changes)->next())
            rows.append({(*changes)->value(0).toLongLong(),
                         (*changes)->value(1).toString(),
                         (*changes)->value(2).toString()});
        for (int i = 0; i < rows.size() && i < limit; ++i) {
            const auto &[seq, entity, entityKey] = rows.at(i);
            auto item = masterItem(entity, entityKey, token);
            if (!item)
                return std::unexpected(item.error());
            if (!item->isEmpty()) {
                const qsizetype size = QCborValue(*item).toCbor().size();
                if (!page.items.isEmpty() && bytes + size > maxPullBytes) {
                    page.more = true;
                    return page;
                }
                bytes += size;
                page.items.append(*item);
            }
            page.cursor.master = seq;
        }
        if (rows.size() > limit) {
            page.more = true;
            return page;
        }
    }

    const int room = limit - int(page.items.size());
    if (room <= 0) {
        page.more = true;
        return page;
    }
    // One more line than there is room for, to tell whether more follow and to keep a
    // transfer's two lines in one page.
    auto lines
        = m_db.run(QStringLiteral(
                       "SELECT m.seq, m.id, m.leg, m.type, m.product_id, m.location_id, m.lot_id, "
                       "m.delta, m.counted, m.device_id, m.device_seq, m.user_id, m.occurred_at, "
                       "m.reason, m.reference, l.warehouse_id FROM movements m "
                       "JOIN locations l ON l.id = m.location_id WHERE m.seq > ? "
                       "ORDER BY m.seq LIMIT ?"),
                   {from.ledger, room + 2});
    if (!lines)
        return std::unexpected(lines.error());
    struct Line
    {
        qint64 seq;
        MovementMessage movement; // with this one line, named by ids until it is sent
        qint64 productId;
        qint64 locationId;
        qint64 lotId;
        qint64 userId;
        qint64 warehouse;
    };
    QList<Line> read;
    while ((*lines)->next()) {
        const QSqlQuery &q = **lines;
        Line line;
        line.seq = q.value(0).toLongLong();
        MovementMessage &m = line.movement;
        m.id = q.value(1).toString();
        // The ledger's schema holds no other types.
        m.type = movementTypeFromString(q.value(3).toString()).value_or(MovementType::Receipt);
        m.device = q.value(9).toString();
        m.deviceSeq = q.value(10).toLongLong();
        m.at = q.value(12).toLongLong();
        m.reason = q.value(13).toString();
        m.reference = q.value(14).toString();
        MovementMessage::Line movementLine;
        movementLine.index = q.value(2).toLongLong();
        movementLine.delta = q.value(7).toLongLong();
        if (!q.value(8).isNull())
            movementLine.counted = q.value(8).toLongLong();
        m.lines = {movementLine};
        line.productId = q.value(4).toLongLong();
        line.locationId = q.value(5).toLongLong();
        line.lotId = q.value(6).toLongLong();
        line.userId = q.value(11).toLongLong();
        line.warehouse = q.value(15).toLongLong();
        read.append(line);
    }

    QHash<qint64, QString> products;
    QHash<qint64, QString> locations;
    QHash<qint64, QString> users;
    QHash<qint64, std::pair<QString, QString>> lots;
    int taken = 0;
    for (int i = 0; i < read.size();) {
        int end = i + 1;
        while (end < read.size() && read.at(end).movement.id == read.at(i).movement.id)
            ++end;
        const bool complete = end < read.size() || read.size() < room + 2;
        if (taken + (end - i) > room || !complete) {
            page.more = true;
            break;
        }
        if (read.at(i).movement.device == deviceId) {
            taken += end - i;
            page.cursor.ledger = read.at(end - 1).seq;
            i = end;
            continue;
        }
        MovementMessage movement = read.at(i).movement;
        movement.lines.clear();
        bool visible = false;
        for (int j = i; j < end; ++j) {
            const Line &line = read.at(j);
            visible = visible || token.maySee(line.warehouse);
            MovementMessage::Line movementLine = line.movement.lines.first();
            auto product = uuidOf("products", line.productId, products);
            auto location = uuidOf("locations", line.locationId, locations);
            if (!product || !location)
                return std::unexpected(!product ? product.error() : location.error());
            movementLine.product = *product;
            movementLine.location = *location;
            if (line.lotId != 0) {
                if (!lots.contains(line.lotId)) {
                    auto q = m_db.run(QStringLiteral("SELECT code, coalesce(expiry, '') FROM lots "
                                                     "WHERE id = ?"),
                                      {line.lotId});
                    if (!q)
                        return std::unexpected(q.error());
                    if ((*q)->next())
                        lots.insert(line.lotId,
                                    {(*q)->value(0).toString(), (*q)->value(1).toString()});
                    (*q)->finish();
                }
                movementLine.lot = lots.value(line.lotId).first;
                movementLine.expiry = lots.value(line.lotId).second;
            }
            movement.lines.append(movementLine);
        }
        auto user = uuidOf("users", read.at(i).userId, users);
        if (!user)
            return std::unexpected(user.error());
        movement.user = *user;
        if (visible) {
            const qsizetype size = encodedSizeBound(movement);
            if (!page.items.isEmpty() && bytes + size > maxPullBytes) {
                page.more = true;
                break;
            }
            bytes += size;
            page.items.append(movement.toCbor(MovementMessage::Form::Pulled));
        }
        taken += end - i;
        page.cursor.ledger = read.at(end - 1).seq;
        i = end;
    }
    return page;
}

} // namespace Stockroom::Sync
