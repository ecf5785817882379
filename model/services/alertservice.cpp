#include "alertservice.h"

#include "model/domain/actor.h"
#include "model/domain/tr.h"

#include <QSqlQuery>

namespace Stockroom {

namespace {

QString kindName(Alert::Kind kind)
{
    switch (kind) {
    case Alert::Kind::BelowMin:
        return QStringLiteral("below-min");
    case Alert::Kind::AboveMax:
        return QStringLiteral("above-max");
    case Alert::Kind::AtReorderPoint:
        return QStringLiteral("reorder");
    case Alert::Kind::Negative:
        return QStringLiteral("negative");
    case Alert::Kind::Expiring:
        return QStringLiteral("expiring");
    case Alert::Kind::Expired:
        return QStringLiteral("expired");
    }
    return QString();
}

} // namespace

AlertService::AlertService(Database &db, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_audit(db)
{}

QString AlertService::keyOf(const Alert &alert)
{
    return QStringLiteral("%1:%2:%3:%4:%5")
        .arg(kindName(alert.kind))
        .arg(alert.productId)
        .arg(alert.warehouseId)
        .arg(alert.locationId)
        .arg(alert.lotId);
}

Status AlertService::acknowledge(const Actor &actor, const Alert &alert)
{
    if (auto allowed = actor.require(Permission::AcknowledgeAlerts); !allowed)
        return allowed;
    const QString key = keyOf(alert);
    const QDateTime now = m_clock.now();
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto stored = m_db.prepare(
        m_db.sql("INSERT OR REPLACE INTO alert_acks (alert_key, user_id, at) VALUES (?, ?, ?)",
                 "INSERT INTO alert_acks (alert_key, user_id, at) VALUES (?, ?, ?) "
                 "ON CONFLICT (alert_key) DO UPDATE SET user_id = excluded.user_id, "
                 "at = excluded.at"));
    if (!stored)
        return std::unexpected(stored.error());
    stored->addBindValue(key);
    stored->addBindValue(actor.userId);
    stored->addBindValue(now.toMSecsSinceEpoch());
    if (auto done = Database::exec(*stored); !done)
        return done;
    // The audit line says what was seen: the alert, and the quantity at that moment.
    if (auto done = m_audit.record({now,
                                    actor.userId,
                                    QStringLiteral("alert"),
                                    alert.productId,
                                    QStringLiteral("acknowledge"),
                                    key,
                                    {},
                                    alert.quantity});
        !done)
        return done;
    if (auto done = tx->commit(); !done)
        return done;
    Q_EMIT acknowledged(key);
    return {};
}

Result<QHash<QString, Acknowledgment>> AlertService::acknowledgments() const
{
    auto query = m_db.select(QStringLiteral("SELECT alert_key, user_id, at FROM alert_acks"));
    if (!query)
        return std::unexpected(query.error());
    QHash<QString, Acknowledgment> acks;
    while (query->next()) {
        acks.insert(query->value(0).toString(),
                    {query->value(1).toLongLong(),
                     QDateTime::fromMSecsSinceEpoch(query->value(2).toLongLong(),
                                                    QTimeZone::utc())});
    }
    return acks;
}

Result<QHash<QString, Acknowledgment>> AlertService::lasting(const QSet<QString> &current)
{
    auto acks = acknowledgments();
    if (!acks)
        return acks;
    QStringList cleared;
    for (auto it = acks->cbegin(); it != acks->cend(); ++it) {
        if (!current.contains(it.key()))
            cleared.append(it.key());
    }
    for (const QString &key : std::as_const(cleared))
        acks->remove(key);
    if (cleared.isEmpty())
        return acks;
    // Housekeeping in one transaction. If it fails, the stale rows stay until the next
    // recomputation; they match no current alert, so nothing shows them meanwhile.
    if (auto tx = Transaction::begin(m_db)) {
        auto gone = m_db.prepare(QStringLiteral("DELETE FROM alert_acks WHERE alert_key = ?"));
        bool done = bool(gone);
        for (qsizetype i = 0; done && i < cleared.size(); ++i) {
            gone->bindValue(0, cleared.at(i));
            done = bool(Database::exec(*gone));
        }
        if (done)
            (void) tx->commit();
    }
    return acks;
}

} // namespace Stockroom
