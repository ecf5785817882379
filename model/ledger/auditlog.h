#pragma once

// AuditLog: the append-only record of every master-data change: who, when, which field,
// the old value and the new one. Written in the same transaction as the change.

#include "model/domain/error.h"

#include <QDateTime>
#include <QVariant>

namespace Stockroom {

class Database;

struct AuditEntry
{
    QDateTime at;
    qint64 userId = 0;
    QString entity; // "product", "location", "threshold", "user", "setting"
    qint64 entityId = 0;
    QString action; // "create", "update", "archive", "acknowledge"
    QString field;
    QVariant oldValue;
    QVariant newValue;
};

class AuditLog
{
public:
    explicit AuditLog(Database &db);

    Status record(const AuditEntry &entry);
    Result<QList<AuditEntry>> history(const QString &entity, qint64 entityId) const;

private:
    Database &m_db;
};

} // namespace Stockroom
