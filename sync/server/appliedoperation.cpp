#include "appliedoperation.h"

#include "sync/protocol/protocol.h"

#include "model/services/conflictservice.h"

namespace Stockroom::Sync {

QCborMap AppliedOperation::outcome(qint64 seq, const char *what)
{
    return {{key("seq"), seq}, {key("outcome"), QString::fromLatin1(what)}};
}

AppliedOperation AppliedOperation::refusal(qint64 seq, const char *reason, const QString &message)
{
    QCborMap result = outcome(seq, "rejected");
    result.insert(key("reason"), QString::fromLatin1(reason));
    // A message may name what the operation sent (an unknown kind, a product's UUID); the
    // outcome is kept for replays, so an echo of a large value is cut.
    constexpr qsizetype longestMessage = 1000;
    result.insert(key("message"),
                  message.size() <= longestMessage
                      ? message
                      : message.left(longestMessage) + QStringLiteral("…"));
    return AppliedOperation{result, {}, false};
}

Status AppliedOperation::raise(Database &db,
                               const Clock &clock,
                               const SyncSession &session,
                               qint64 seq,
                               const QString &userUuid,
                               const NewConflict &conflict)
{
    auto uuid = ConflictService::raise(db, clock, conflict, session.deviceId, seq, userUuid);
    if (!uuid)
        return std::unexpected(uuid.error());
    result.insert(key("outcome"), QStringLiteral("conflict"));
    result.insert(key("conflict"), *uuid);
    return {};
}

} // namespace Stockroom::Sync
