#pragma once

// The plain value types of the domain: what a product, location, lot, stock row, movement,
// threshold and user are. They carry no behaviour beyond conversion to and from the
// stable names stored in the database and used on the wire.

#include <QDate>
#include <QDateTime>
#include <QHashFunctions>
#include <QList>
#include <QString>

#include <optional>

namespace Stockroom {

enum class Role { Clerk, Manager, Admin };
enum class MovementType { Receipt, Issue, Transfer, Adjustment, Count };
enum class LocationKind { Warehouse, Zone, Bin };
enum class Symbology { Ean13, Ean8, UpcA, Free };

QString toString(Role role);
QString toString(MovementType type);
QString toString(LocationKind kind);
QString toString(Symbology symbology);
std::optional<Role> roleFromString(const QString &name);
std::optional<MovementType> movementTypeFromString(const QString &name);
std::optional<LocationKind> locationKindFromString(const QString &name);
std::optional<Symbology> symbologyFromString(const QString &name);

// A product's fields that a queued or pushed product edit names ("localName"), and the
// products columns they are stored in ("local_name"): name, localName, unit, archived.
// Empty for anything else.
QString productColumnOfField(const QString &field);
QString productFieldOfColumn(const QString &column);

// Translated names, for people.
QString displayName(Role role);
QString displayName(MovementType type);

struct Barcode
{
    QString code;
    Symbology symbology = Symbology::Free;

    friend bool operator==(const Barcode &, const Barcode &) = default;
};

// The name a person reads: the local name where the interface speaks a language other than
// English (QLocale's default, which the app sets to the interface's language) and there is
// one; else the name.
QString shownName(const QString &name, const QString &localName);

struct Product
{
    qint64 id = 0;
    QString uuid;
    QString sku;
    QString name;
    QString localName;
    QString unit = QStringLiteral("EA");
    bool lotTracked = false;
    bool archived = false;
    qint64 version = 0;
    QList<Barcode> barcodes;

    QString shownName() const { return Stockroom::shownName(name, localName); }
};

struct Location
{
    qint64 id = 0;
    QString uuid;
    qint64 parentId = 0; // 0 for a warehouse
    qint64 warehouseId = 0;
    LocationKind kind = LocationKind::Bin;
    QString code;
    QString name;
    QString barcode;
    bool archived = false;
    qint64 version = 0;
};

struct Lot
{
    qint64 id = 0;
    qint64 productId = 0;
    QString code;
    QDate expiry; // null when the lot does not expire
};

// Which stock row: a product at a location, in one lot (0 when not lot-tracked).
struct StockKey
{
    qint64 productId = 0;
    qint64 locationId = 0;
    qint64 lotId = 0;

    friend bool operator==(const StockKey &, const StockKey &) = default;
    friend auto operator<=>(const StockKey &, const StockKey &) = default;
    friend size_t qHash(const StockKey &key, size_t seed = 0)
    {
        return qHashMulti(seed, key.productId, key.locationId, key.lotId);
    }
    // For std::unordered_map, where a hot path wants it.
    struct Hash
    {
        size_t operator()(const StockKey &key) const noexcept { return qHash(key); }
    };
};

struct StockLevel
{
    qint64 productId = 0;
    qint64 locationId = 0;
    qint64 lotId = 0; // 0: not lot-tracked
    qint64 quantity = 0;
    qint64 version = 0;

    StockKey key() const { return {productId, locationId, lotId}; }
};

// One line of the ledger. A transfer is two lines with the same movement id.
struct MovementLine
{
    qint64 seq = 0;
    QString id;
    int index = 0; // its place in the movement: 0, or 1 for a transfer's incoming line
    MovementType type = MovementType::Receipt;
    qint64 productId = 0;
    qint64 locationId = 0;
    qint64 lotId = 0;
    qint64 delta = 0;
    std::optional<qint64> counted;
    QString deviceId;
    qint64 deviceSeq = 0;
    qint64 userId = 0;
    QDateTime occurredAt;
    QString reason;
    QString reference;
    QString hash;
};

struct Threshold
{
    qint64 productId = 0;
    qint64 warehouseId = 0; // 0: the total over every warehouse
    std::optional<qint64> minQty;
    std::optional<qint64> maxQty;
    std::optional<qint64> reorderPoint;
    qint64 version = 0;
};

struct User
{
    qint64 id = 0;
    QString uuid;
    QString username;
    QString displayName;
    Role role = Role::Clerk;
    bool active = true;
    qint64 version = 0;
};

} // namespace Stockroom
