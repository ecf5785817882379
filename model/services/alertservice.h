#pragma once

// AlertService: acknowledging alerts. An acknowledgment says a manager has seen an alert;
// it lasts while the alert does. lasting() drops those whose alert has cleared, so
// that the same alert arising again is new. Each acknowledgment is also written to the
// audit log, in the same transaction, where it stays.

#include "model/domain/clock.h"
#include "model/ledger/auditlog.h"
#include "stockqueries.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace Stockroom {

struct Actor;

struct Acknowledgment
{
    qint64 userId = 0;
    QDateTime at;
};

class AlertService : public QObject
{
    Q_OBJECT

public:
    AlertService(Database &db, const Clock &clock, QObject *parent = nullptr);

    // What identifies an alert across reloads: its kind and what it is about.
    static QString keyOf(const Alert &alert);

    Status acknowledge(const Actor &actor, const Alert &alert);
    // The acknowledgments of the alerts in current; those of alerts no longer there are
    // dropped on the way.
    Result<QHash<QString, Acknowledgment>> lasting(const QSet<QString> &current);

Q_SIGNALS:
    void acknowledged(const QString &key);

private:
    Result<QHash<QString, Acknowledgment>> acknowledgments() const;

    Database &m_db;
    const Clock &m_clock;
    AuditLog m_audit;
};

} // namespace Stockroom
