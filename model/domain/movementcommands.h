#pragma once

// The movement commands: what a clerk, a scan, a CSV import or a sync replay asks for.
// MovementService validates and posts them. Products and locations are given by id;
// resolving a scan or a typed code to an id is Catalog's job.

#include "types.h"

#include <variant>

namespace Stockroom {

struct ReceiveStock
{
    qint64 productId = 0;
    qint64 locationId = 0;
    QString lotCode; // required for lot-tracked products, empty otherwise
    QDate expiry;    // for a new lot; must match an existing lot's expiry when given
    qint64 quantity = 0;
    QString reason;
    QString reference;
};

struct IssueStock
{
    qint64 productId = 0;
    qint64 locationId = 0;
    QString lotCode;
    qint64 quantity = 0;
    QString reason;
    QString reference;
};

struct TransferStock
{
    qint64 productId = 0;
    qint64 fromLocationId = 0;
    qint64 toLocationId = 0;
    QString lotCode;
    qint64 quantity = 0;
    QString reason;
    QString reference;
};

struct AdjustStock
{
    qint64 productId = 0;
    qint64 locationId = 0;
    QString lotCode;
    qint64 delta = 0;
    QString reason; // required
    QString reference;
};

// A count becomes an adjustment of (counted - countedAgainst): the stock the counter saw.
// Movements recorded after the count was taken are kept, not wiped out. Without
// countedAgainst, the count is taken against the stock at the moment it is posted.
struct CountStock
{
    qint64 productId = 0;
    qint64 locationId = 0;
    QString lotCode;
    qint64 counted = 0;
    std::optional<qint64> countedAgainst;
    QString reason;
    QString reference;
};

using MovementCommand
    = std::variant<ReceiveStock, IssueStock, TransferStock, AdjustStock, CountStock>;

// What a movement that would take stock below zero does: a workstation's setting, and a
// server's (stockroom-server serve --negative-stock) for what its workstations push.
enum class NegativeStockPolicy {
    Refuse, // fail with InsufficientStock (on the server: reject the operation)
    Allow,  // post it; the negative stock shows up as an alert (on the server: apply it, since
            // goods that left cannot be refused, and raise an exception for a manager)
};

} // namespace Stockroom
