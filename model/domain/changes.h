#pragma once

// The master-data changes a workstation queues in its outbox and pushes to the server:
// each is the body of one sync operation of the same name (docs/sync-protocol.md). Records
// are named by UUID, as on the wire.
//
// Each type holds the one encoder and decoder of its body. MasterDataService and
// ConflictService queue them, the server's REST API makes them, the server's store applies
// them, and OutboxAnswers takes back one the server rejected. They live in the model rather
// than in sync/protocol because the model's outbox stores them exactly as they are pushed,
// and the protocol is built on the model. (A movement's body, which the outbox does not
// store, is sync/protocol's MovementMessage.) The encoders write the keys in the order
// release 0.1.0 wrote them. The decoders check shapes only (a key missing or of the wrong
// type); the rules that need the database are the server's.

#include "masterdatacommands.h"
#include "types.h"

#include <QCborMap>
#include <QStringList>

#include <expected>

namespace Stockroom {

enum class ConflictChoice { Theirs, Mine };

// "product.create": a new product, with the barcodes it was made with: the command that
// made it, and the UUID it got.
struct ProductCreated
{
    static constexpr const char *kind = "product.create";

    QString uuid;
    CreateProduct product;

    QCborMap toCbor() const;
    static std::expected<ProductCreated, QString> fromCbor(const QCborMap &body);
    friend bool operator==(const ProductCreated &, const ProductCreated &) = default;
};

// "product.edit": the fields changed, each with the value the edit was made on, so that the
// server can merge it field by field with what changed there since.
struct ProductEdited
{
    static constexpr const char *kind = "product.edit";

    struct Field
    {
        QString name; // "name", "localName", "unit" or "archived"
        QCborValue was;
        QCborValue now;
        friend bool operator==(const Field &, const Field &) = default;
    };

    QString uuid;
    qint64 baseVersion = 0;
    QList<Field> fields;

    QCborMap toCbor() const;
    static std::expected<ProductEdited, QString> fromCbor(const QCborMap &body);
    friend bool operator==(const ProductEdited &, const ProductEdited &) = default;
};

// "product.barcode": a code linked to a product.
struct BarcodeLinked
{
    static constexpr const char *kind = "product.barcode";

    QString uuid; // the product's
    QString code;

    QCborMap toCbor() const;
    static std::expected<BarcodeLinked, QString> fromCbor(const QCborMap &body);
    friend bool operator==(const BarcodeLinked &, const BarcodeLinked &) = default;
};

// "threshold.set": all three limits of a product's threshold, with those it was set on.
struct ThresholdSet
{
    static constexpr const char *kind = "threshold.set";

    struct Limits
    {
        std::optional<qint64> min;
        std::optional<qint64> max;
        std::optional<qint64> reorder;
        friend bool operator==(const Limits &, const Limits &) = default;
    };

    QString product;        // UUID
    QString warehouse;      // UUID; empty for the total over every warehouse
    qint64 baseVersion = 0; // 0: there was no threshold
    Limits base;
    Limits set;

    QCborMap toCbor() const;
    static std::expected<ThresholdSet, QString> fromCbor(const QCborMap &body);
    friend bool operator==(const ThresholdSet &, const ThresholdSet &) = default;
};

// "conflict.resolve": a manager's decision on an entry the server raised.
struct ConflictResolved
{
    static constexpr const char *kind = "conflict.resolve";

    QString conflict; // UUID
    ConflictChoice choice = ConflictChoice::Theirs;

    QCborMap toCbor() const;
    static std::expected<ConflictResolved, QString> fromCbor(const QCborMap &body);
    friend bool operator==(const ConflictResolved &, const ConflictResolved &) = default;
};

QString toString(ConflictChoice choice); // "theirs" or "mine"

} // namespace Stockroom
