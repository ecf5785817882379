// ClientStore's incoming half: decoding a pulled page and storing it in the workstation's
// replica through the model's ReplicaWriter.

#include "clientstore.h"

#include "sync/protocol/movementmessage.h"
#include "sync/protocol/pulledrecords.h"

#include "model/domain/tr.h"

namespace Stockroom::Sync {

namespace {

QString kindOf(const QCborMap &item)
{
    return item.value(key("kind")).toString();
}

// The movement's lines and facts as the model's replica takes them.
MovementRecord toRecord(MovementMessage &&message)
{
    MovementRecord record;
    record.id = std::move(message.id);
    record.type = message.type;
    record.deviceId = std::move(message.device);
    record.deviceSeq = message.deviceSeq;
    record.user = std::move(message.user);
    record.occurredAt = QDateTime::fromMSecsSinceEpoch(message.at, QTimeZone::utc());
    record.reason = std::move(message.reason);
    record.reference = std::move(message.reference);
    for (MovementMessage::Line &line : message.lines) {
        record.lines.append({std::move(line.product),
                             std::move(line.location),
                             std::move(line.lot),
                             QDate::fromString(line.expiry, Qt::ISODate),
                             line.delta,
                             line.counted});
    }
    return record;
}

std::unexpected<Error> notOne(const QCborMap &item, const ProtocolError &error)
{
    return fail(ErrorCode::InvalidInput,
                Tr::tr("The server sent %1 %2, which is not one: %3")
                    .arg(kindOf(item), item.value(key("uuid")).toString(), error.message));
}

} // namespace

Result<int> ClientStore::apply(const QCborArray &items, const Cursor &next)
{
    if (items.isEmpty() && next.toBytes() == cursor().toBytes())
        return 0; // nothing new: no transaction, no fsync
    m_replica.forgetIds();
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    int changed = 0;
    QList<LocationRecord> waiting; // locations whose parent comes later in the page
    // Writes the waiting locations whose parents have arrived, until no more can be.
    auto placeWaiting = [&]() -> Status {
        for (qsizetype before = -1; before != waiting.size();) {
            before = waiting.size();
            for (qsizetype i = 0; i < waiting.size();) {
                auto written = m_replica.write(waiting.at(i));
                if (!written)
                    return std::unexpected(written.error());
                if (!*written) {
                    ++i;
                    continue;
                }
                ++changed;
                waiting.removeAt(i);
            }
        }
        return {};
    };
    for (const QCborValue &value : items) {
        const QCborMap item = value.toMap();
        if (kindOf(item) != QLatin1String(pulledKind<LocationRecord>)) {
            auto applied = applyItem(item);
            if (!applied)
                return std::unexpected(applied.error());
            changed += *applied ? 1 : 0;
            continue;
        }
        auto location = fromPulledItem<LocationRecord>(item);
        if (!location)
            return notOne(item, location.error());
        auto written = m_replica.write(*location);
        if (!written)
            return std::unexpected(written.error());
        if (!*written) {
            waiting.append(*location);
            continue;
        }
        ++changed;
        // It may be the parent that some of the waiting ones wait for.
        if (auto placed = waiting.isEmpty() ? Status() : placeWaiting(); !placed)
            return std::unexpected(placed.error());
    }
    if (!waiting.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The server sent location %1 without its parent.")
                        .arg(waiting.first().code));
    if (auto set = m_db.setSetting(QStringLiteral("sync.cursor"),
                                   QString::fromLatin1(next.toBytes().toHex()));
        !set)
        return std::unexpected(set.error());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return changed;
}

template<typename Record>
Result<bool> ClientStore::applyRecord(const QCborMap &item)
{
    auto record = fromPulledItem<Record>(item);
    if (!record)
        return notOne(item, record.error());
    return m_replica.write(*record);
}

Result<bool> ClientStore::applyItem(const QCborMap &item)
{
    const QString kind = kindOf(item);
    if (kind == QLatin1String("movement")) {
        auto movement = MovementMessage::fromCbor(item, MovementMessage::Form::Pulled);
        if (!movement) {
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("The server sent movement %1, which is not one: %2")
                            .arg(item.value(key("id")).toString(), movement.error().message));
        }
        return m_replica.write(toRecord(std::move(*movement)));
    }
    if (kind == QLatin1String(pulledKind<ProductRecord>))
        return applyRecord<ProductRecord>(item);
    if (kind == QLatin1String(pulledKind<UserRecord>))
        return applyRecord<UserRecord>(item);
    if (kind == QLatin1String(pulledKind<ThresholdRecord>))
        return applyRecord<ThresholdRecord>(item);
    if (kind == QLatin1String(pulledKind<ConflictRecord>))
        return applyRecord<ConflictRecord>(item);
    return false; // a kind of a later protocol minor version: nothing to do with it here
}

} // namespace Stockroom::Sync
