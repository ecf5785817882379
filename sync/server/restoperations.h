#pragma once

// RestOperations: how the REST API's writes are applied. Each becomes the sync operation a
// workstation would push, applied through a ServerStore under a device of its own per
// token ("rest:<token id>", or "rest:<token id>/<lane>" on a writer thread) and a service
// user per token ("api:<token name>"), so that a REST write follows exactly the rules a
// push does. A refusal becomes the problem reply to send.
//
// What the operations changed is gathered for RestApi to announce once they are committed.

#include "restlookups.h"
#include "serverstore.h"

#include "model/domain/changes.h"

#include <QSet>

namespace Stockroom::Sync {

class EventLog;
class Metrics;

class RestOperations
{
public:
    // All but the policy must outlive this.
    RestOperations(Database &db,
                   const Clock &clock,
                   EventLog &log,
                   Metrics &metrics,
                   NegativeStockPolicy negativeStock,
                   RestLookups &lookups);

    struct Pushed
    {
        QCborMap outcome; // the operation's result, as a workstation would get it
        std::optional<HttpReply> failure;
    };
    // Applies one operation (kind and body) as the token's service user and device.
    Pushed push(const TokenInfo &token, const QString &kind, const QCborMap &body);
    // The same for a master-data change (model/domain/changes.h).
    template<typename Change>
    Pushed push(const TokenInfo &token, const Change &change)
    {
        return push(token, QString::fromLatin1(Change::kind), change.toCbor());
    }
    ServerStore &store() { return m_store; }

    // A writer thread's own lane: its writes are numbered as their own device, so that
    // writers side by side never share a sequence.
    void setLane(int lane) { m_lane = lane; }
    // On PostgreSQL, before a group's movements (the bodies of receipts, issues, transfers
    // and adjustments): their products in one statement, and the stock rows they will
    // change in another, instead of a statement or two per movement.
    Status prefetchStock(const QList<const HttpCall *> &movements);

    // What the operations since the last call changed: the warehouses, and whether master
    // data.
    struct Changes
    {
        QSet<qint64> warehouses;
        bool masterData = false;
        bool isEmpty() const { return warehouses.isEmpty() && !masterData; }
    };
    Changes takeChanges();
    // Whether an operation since the last call lost a race for a stock row (Contended): not
    // an error, the caller tries again.
    bool takeLostRace() { return std::exchange(m_lostRace, false); }

private:
    struct Service
    {
        QString userUuid;
        QString deviceId;
    };
    Result<Service> service(const TokenInfo &token);
    HttpReply rejection(const QCborMap &outcome) const;

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_log;
    Metrics &m_metrics;
    RestLookups &m_lookups;
    ServerStore m_store;
    QHash<qint64, Service> m_services; // by token id
    int m_lane = -1;                   // none: the server's main connection
    Changes m_changes;
    bool m_lostRace = false;
};

} // namespace Stockroom::Sync
