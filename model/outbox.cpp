#include "outbox.h"

#include <QDateTime>
#include <QSqlQuery>

namespace Stockroom {

Outbox::Outbox(Database &db)
    : m_db(db)
{}

bool Outbox::enabled() const
{
    return m_db.syncs();
}

Status Outbox::addMovement(const QString &movementId, qint64 userId)
{
    return add(QStringLiteral("movement"), movementId, QByteArray(), userId);
}

Status Outbox::addChange(const QString &kind, const QCborMap &body, qint64 userId)
{
    return add(kind, QString(), body.toCborValue().toCbor(), userId);
}

Status Outbox::add(const QString &kind, const QString &ref, const QByteArray &body, qint64 userId)
{
    const QByteArray base = QByteArray::fromHex(
        m_db.setting(QStringLiteral("sync.cursor")).toLatin1());
    auto query = m_db.run(QStringLiteral("INSERT INTO outbox (kind, ref, body, base, user_id, "
                                         "created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                          {kind,
                           ref,
                           body.isNull() ? QVariant() : QVariant(body),
                           base,
                           userId,
                           QDateTime::currentMSecsSinceEpoch()});
    if (!query)
        return std::unexpected(query.error());
    return {};
}

} // namespace Stockroom
