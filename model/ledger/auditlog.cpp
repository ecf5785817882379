#include "auditlog.h"

#include "model/storage/database.h"

#include <QSqlQuery>
#include <QTimeZone>

namespace Stockroom {

AuditLog::AuditLog(Database &db)
    : m_db(db)
{}

Status AuditLog::record(const AuditEntry &entry)
{
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO audit_log (at, user_id, entity, entity_id, action, field, "
                       "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!query)
        return std::unexpected(query.error());
    const auto text = [](const QVariant &v) {
        return v.isValid() ? QVariant(v.toString()) : QVariant();
    };
    query->addBindValue(entry.at.toMSecsSinceEpoch());
    query->addBindValue(entry.userId > 0 ? QVariant(entry.userId) : QVariant());
    query->addBindValue(entry.entity);
    query->addBindValue(entry.entityId);
    query->addBindValue(entry.action);
    query->addBindValue(entry.field);
    query->addBindValue(text(entry.oldValue));
    query->addBindValue(text(entry.newValue));
    return Database::exec(*query);
}

Result<QList<AuditEntry>> AuditLog::history(const QString &entity, qint64 entityId) const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT at, coalesce(user_id, 0), action, field, old_value, new_value "
                       "FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id"));
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(entity);
    query->addBindValue(entityId);
    if (auto done = Database::exec(*query); !done)
        return std::unexpected(done.error());
    QList<AuditEntry> entries;
    while (query->next()) {
        entries.append(
            {QDateTime::fromMSecsSinceEpoch(query->value(0).toLongLong(), QTimeZone::utc()),
             query->value(1).toLongLong(),
             entity,
             entityId,
             query->value(2).toString(),
             query->value(3).toString(),
             query->value(4),
             query->value(5)});
    }
    return entries;
}

} // namespace Stockroom
