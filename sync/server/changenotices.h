#pragma once

// ChangeNotices: what one server instance changed, told to the others on the same
// PostgreSQL database with LISTEN/NOTIFY, so that their workstations hear of it as well.
//
// ServerStore::push adds the warehouses and master data a push changed to PendingNotices,
// which sends them in one NOTIFY just before the transaction commits (a REST group of many
// pushes sends one): PostgreSQL delivers it when, and only if, the transaction commits. Each
// instance listens on the channel and emits changed() for what the other instances did (its
// own changes, also those its threads wrote on connections of their own, it has already
// told its peers: each notice names the process that sent it). The embedded store has one
// server, so there both ends do nothing.

#include "model/storage/database.h"

#include <QObject>
#include <QSet>

namespace Stockroom::Sync {

class EventLog;

class ChangeNotices : public QObject
{
    Q_OBJECT

public:
    static constexpr auto channel = "stockroom_changes";

    // Starts listening on db's connection, when it is PostgreSQL's.
    ChangeNotices(Database &db, EventLog &log, QObject *parent = nullptr);
    ~ChangeNotices() override;

    // Queues the notice in the open transaction, now.
    static Status announce(Database &db, const QSet<qint64> &warehouses, bool masterData);

Q_SIGNALS:
    void changed(const QSet<qint64> &warehouses, bool masterData);

private:
    void received(const QString &name, const QVariant &payload, bool fromOthers);

    Database &m_db;
    EventLog &m_log;
    bool m_listening = false;
};

// What the open transaction changed, announced once before it commits (see above); nothing
// on the embedded store.
class PendingNotices : private PendingWork
{
public:
    explicit PendingNotices(Database &db);
    ~PendingNotices() override;
    PendingNotices(const PendingNotices &) = delete;
    PendingNotices &operator=(const PendingNotices &) = delete;

    void add(const QSet<qint64> &warehouses, bool masterData);

private:
    Status flush() override;
    void discard() override;

    Database &m_db;
    QSet<qint64> m_warehouses;
    bool m_masterData = false;
};

} // namespace Stockroom::Sync
