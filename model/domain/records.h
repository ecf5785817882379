#pragma once

// Records as one database hands them to another: the server's change feed to a
// workstation's replica. Unlike the types in types.h, which carry a database's own row
// ids, these name every record they refer to by its UUID (and a lot by its code), since
// ids differ from one database to the next. The sync protocol encodes and decodes them
// (sync/protocol/pulledrecords.h); ReplicaWriter stores them.

#include "types.h"

#include <QVariant>

namespace Stockroom {

struct UserRecord
{
    QString uuid;
    QString username;
    QString displayName;
    Role role = Role::Clerk;
    bool active = true;
    QString passwordHash;

    friend bool operator==(const UserRecord &, const UserRecord &) = default;
};

struct LocationRecord
{
    QString uuid;
    QString parent; // empty for a warehouse
    LocationKind kind = LocationKind::Bin;
    QString code;
    QString name;
    std::optional<QString> barcode;
    bool archived = false;
    qint64 version = 0;

    friend bool operator==(const LocationRecord &, const LocationRecord &) = default;
};

struct ProductRecord
{
    QString uuid;
    QString sku;
    QString name;
    QString localName;
    QString unit;
    bool lotTracked = false;
    bool archived = false;
    qint64 version = 0;
    QList<Barcode> barcodes; // all of them: a record replaces the barcodes held before

    friend bool operator==(const ProductRecord &, const ProductRecord &) = default;
};

struct ThresholdRecord
{
    QString product;
    QString warehouse; // empty: the total over every warehouse
    std::optional<qint64> minQty;
    std::optional<qint64> maxQty;
    std::optional<qint64> reorderPoint;
    qint64 version = 0;

    friend bool operator==(const ThresholdRecord &, const ThresholdRecord &) = default;
};

// A new entry of the conflict inbox (docs/conflicts.md): what is in conflict, and its sides
// as text (or null) for a person to choose between.
struct NewConflict
{
    QString type; // "field", "negative-stock", "stale-count" or "rejected"
    QString entity;
    QString entityKey;
    QString field;
    QVariant base;
    QVariant theirs;
    QVariant mine;
    QString detail;
    QString warehouse; // its code, for whom the entry is; empty for every warehouse

    friend bool operator==(const NewConflict &, const NewConflict &) = default;
};

// An entry of the conflict inbox as it stands: what was raised, by whom, and its state.
struct ConflictRecord
{
    QString uuid;
    NewConflict raised;
    QString state = QStringLiteral("open"); // "open" or "resolved"
    QString deviceId;                       // the device whose operation raised it
    qint64 opSeq = 0;                       // and that operation's number
    QString user;                           // who made it (UUID); empty when not known
    qint64 createdAt = 0;                   // UTC ms since the epoch
    QString resolution;                     // "theirs" or "mine" once resolved
    qint64 version = 0;

    friend bool operator==(const ConflictRecord &, const ConflictRecord &) = default;
};

// A movement as another database recorded it.
struct MovementRecord
{
    struct Line
    {
        QString product;  // UUID
        QString location; // UUID
        QString lot;      // code; empty when the product is not lot-tracked
        QDate expiry;     // the lot's; null when it has none
        qint64 delta = 0;
        std::optional<qint64> counted;
    };

    QString id;
    MovementType type = MovementType::Receipt;
    QString deviceId;
    qint64 deviceSeq = 0;
    QString user; // UUID
    QDateTime occurredAt;
    QString reason;
    QString reference;
    QList<Line> lines;
};

} // namespace Stockroom
