#pragma once

// MovementService: validates movement commands and posts them to the ledger.
//
// It checks the actor's role, quantities, lots, archived records and stock, then hands
// the lines to StockLedger in one transaction. Every failure is an Error with a message
// for the clerk; nothing is written when a command fails.
//
// The clock and the id generator are passed in, so tests and the demo data are
// reproducible. The ledger, catalog and database must outlive the service.

#include "catalog.h"
#include "model/domain/clock.h"
#include "model/domain/limits.h"
#include "model/domain/movementcommands.h"
#include "model/ledger/stockledger.h"

#include <QHash>

#include <functional>

namespace Stockroom {

struct Actor;

struct PostedMovement
{
    QString id;
    QList<MovementLine> lines;
    QList<StockLevel> stockAfter; // per line, the stock it left
    bool wentNegative = false;    // only possible under NegativeStockPolicy::Allow
};

class MovementService
{
public:
    using IdGenerator = std::function<QString()>;

    MovementService(Database &db, StockLedger &ledger, const Clock &clock, IdGenerator newId = {});

    Result<PostedMovement> post(const Actor &actor, const MovementCommand &command);

    // Records the movement that undoes movementId (the ledger itself is never edited): an
    // adjustment of the opposite delta, or a transfer back. Managers only, with a reason;
    // a movement is reversed once.
    Result<PostedMovement> reverse(const Actor &actor,
                                   const QString &movementId,
                                   const QString &reason);

    NegativeStockPolicy negativeStockPolicy() const;
    Status setNegativeStockPolicy(const Actor &actor, NegativeStockPolicy policy);

    static constexpr qint64 maxQuantity = Limits::quantity;

private:
    struct Line
    {
        qint64 productId;
        qint64 locationId;
        QString lotCode;
        QDate expiry;
        qint64 delta;
        std::optional<qint64> counted;
    };
    struct Plan
    {
        MovementType type;
        QList<Line> lines;
        QString reason;
        QString reference;
    };

    // Lookups every movement makes, kept for one write epoch of the database: in a batch
    // they are read once, and any other change on the connection starts a new epoch.
    struct Lookups
    {
        quint64 epoch = 0;
        QHash<qint64, Product> products;
        QHash<qint64, Location> locations;
        std::optional<NegativeStockPolicy> policy;
    };

    Result<Plan> plan(const Actor &actor, const MovementCommand &command);
    Lookups &lookups();
    Result<Product> product(qint64 id);
    Result<Location> location(qint64 id);
    Result<qint64> resolveLot(const Line &line, bool create);

    Database &m_db;
    StockLedger &m_ledger;
    const Clock &m_clock;
    IdGenerator m_newId;
    Catalog m_catalog;
    Lookups m_lookups;
};

} // namespace Stockroom
