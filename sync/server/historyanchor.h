#pragma once

// HistoryAnchor: where the server recorded a device's history chain to stand
// (sync/protocol/historychain.h), and the checks that a device still leads there.
//
// The server keeps, per device, the link after the newest operation it took with a chain.
// A push names the link before its first operation and after its last; the server follows
// the chain over the operations it received and refuses the push when the chain passes
// the recorded link with another value, or ends elsewhere than the push says. hello names
// the link the device kept with the server's last answer, which must be the recorded one
// when it is at the same operation. Pure functions; the caller stores the anchor.

#include "sync/protocol/protocol.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborMap>

#include <expected>
#include <optional>

namespace Stockroom::Sync {

struct HistoryAnchor
{
    qint64 seq = 0;
    QByteArray link; // empty: none recorded (a device that has pushed no chain yet)

    bool isRecorded() const { return !link.isEmpty(); }

    // The anchor after a push of ops (checked for order already) by a device whose
    // acknowledged sequence was acked, or why the push is refused. A push without a chain
    // (a release before chains) leaves an unrecorded anchor so; a device that had one
    // recorded must go on sending it.
    std::expected<HistoryAnchor, ProtocolError> follow(qint64 acked,
                                                       const QCborArray &ops,
                                                       const QCborMap &chain) const;
    // Why a device saying hello with this kept link (hello's "chain") is refused, if it is.
    std::optional<ProtocolError> checkHello(const QCborMap &chain) const;

    // The refusal when a device's history does not lead to the anchor.
    static ProtocolError diverged(qint64 seq);
};

} // namespace Stockroom::Sync
