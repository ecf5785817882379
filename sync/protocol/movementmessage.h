#pragma once

// MovementMessage: one movement as the sync protocol carries it (docs/sync-protocol.md), in
// its two forms: the body of a pushed "movement" operation, which a workstation or the REST
// API sends, and a pulled "movement" item, which the change feed sends to workstations.
// This is the one place that writes and reads those bytes; the client's outbox reader,
// the replica, the change feed, the REST writes and the server store all go through it.
//
// Records are named by UUID and lots by code, as on the wire: turning them into a
// database's ids is the caller's business. A pushed body names no device or user (the
// session and the operation do); a pulled item does. The encoder writes exactly the keys
// and order that release 0.1.0 wrote (tests/data/release-0.1.0/), so that older peers see
// the same bytes. The decoder refuses what no movement can be, with the code and message a
// server answers with ("invalid"), and a pushed movement whose reason, reference or lot
// code breaks the model's limits (model/domain/limits.h); it checks no rule that needs the
// database.

#include "protocol.h"

#include "model/domain/types.h"

#include <QCborMap>

#include <optional>

class QCborStreamWriter;

namespace Stockroom::Sync {

struct MovementMessage
{
    enum class Form {
        Pushed, // the body of a "movement" operation
        Pulled, // an item of a pulled page
    };

    // One line of the movement: a transfer has two, every other movement one.
    struct Line
    {
        qint64 index = 0; // its place in the movement (pulled only; "leg" on the wire)
        QString product;  // UUID
        QString location; // UUID
        qint64 delta = 0;
        QString lot;    // code; empty when the product is not lot-tracked
        QString expiry; // the lot's, as an ISO date; empty when it has none
        std::optional<qint64> counted;
        qint64 expected = 0; // a pushed count's: the stock counted against (counted - delta)

        friend bool operator==(const Line &, const Line &) = default;
    };

    QString id;
    MovementType type = MovementType::Receipt;
    QString device;       // pulled only: the device that recorded it
    qint64 deviceSeq = 0; // the device's number for it
    QString user;         // pulled only: who recorded it (UUID)
    qint64 at = 0;        // when, in UTC ms since the epoch (information only)
    QString reason;
    QString reference;
    bool reservation = false; // pushed only: refuse rather than go below zero
    QList<Line> lines;

    friend bool operator==(const MovementMessage &, const MovementMessage &) = default;

    // The encoder, into a stream (a workstation writes its pushes straight from the outbox)
    // or as a map.
    void write(QCborStreamWriter &writer, Form form) const;
    QCborMap toCbor(Form form) const;
    // The decoder.
    static std::expected<MovementMessage, ProtocolError> fromCbor(const QCborMap &map, Form form);
};

} // namespace Stockroom::Sync
