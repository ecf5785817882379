#pragma once

// ConflictService: a manager's decision on an entry of the conflict inbox.
//
// An entry the server raised (a field changed two ways, stock taken below zero, a count
// against stale stock) is resolved by sending conflict.resolve through the outbox:
// "theirs" keeps the server's value, "mine" writes the workstation's; the server's answer
// comes back with the next pull. A rejection the workstation recorded itself (the server
// refused one of its operations, which was already taken back here) is acknowledged
// locally. Only managers and admins decide; the entry is closed here at once.

#include "model/domain/actor.h"
#include "model/domain/changes.h"
#include "model/domain/clock.h"
#include "model/domain/records.h"
#include "model/storage/database.h"

#include <QObject>

namespace Stockroom {

// What a person can decide about an entry, by its type.
enum class ConflictDecisions {
    Field,       // a field changed two ways: keep the server's value or use this workstation's
    Count,       // a count against stale stock: keep the stock as it is or let the count stand
    Acknowledge, // stock below zero, or a refusal taken back: what happened is acknowledged
};
ConflictDecisions decisionsFor(const QString &type);

class ConflictService : public QObject
{
    Q_OBJECT

public:
    // The clock dates the decision sent to the server; it must outlive this.
    ConflictService(Database &db, const Clock &clock, QObject *parent = nullptr);

    // An entry that is only acknowledged takes the server's side, whatever choice says.
    Status resolve(const Actor &actor, const QString &conflictUuid, ConflictChoice choice);

    // Opens an entry, raised by operation opSeq of device deviceId made by user userUuid,
    // in the open transaction if any; its UUID. The server raises them for what it took
    // from a workstation, a workstation for what the server rejected.
    static Result<QString> raise(Database &db,
                                 const Clock &clock,
                                 const NewConflict &entry,
                                 const QString &deviceId,
                                 qint64 opSeq,
                                 const QString &userUuid = {});

    // Closes an entry with its resolution ("theirs", "mine" or "acknowledged"), decided by
    // resolvedBy, in the open transaction if any.
    static Status close(Database &db,
                        const QString &conflictUuid,
                        const QString &resolution,
                        const QString &resolvedBy);

Q_SIGNALS:
    void resolved(const QString &conflictUuid);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace Stockroom
