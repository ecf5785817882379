#pragma once

// RestWrites: the REST API's writes (docs/rest-api.md): receipts, issues, transfers,
// adjustments, products and thresholds. Each handler takes a request RestApi has routed
// and authenticated, checks its shape and the codes it names, and applies the sync
// operation a workstation would push through RestOperations. An edit names the version it
// was made on (If-Match); a stale one is refused with the current state.

#include "restlookups.h"
#include "restoperations.h"

namespace Stockroom::Sync {

class RestWrites
{
public:
    // All must outlive this.
    RestWrites(Database &db, const Clock &clock, RestOperations &operations, RestLookups &lookups);

    HttpReply receive(const RestRequest &request);
    HttpReply issue(const RestRequest &request);
    HttpReply transfer(const RestRequest &request);
    HttpReply adjust(const RestRequest &request);
    HttpReply createProduct(const RestRequest &request);
    HttpReply editProduct(const RestRequest &request);
    HttpReply setThreshold(const RestRequest &request);

private:
    HttpReply recordMovement(const RestRequest &request, MovementType type);

    Database &m_db;
    const Clock &m_clock;
    RestOperations &m_operations;
    RestLookups &m_lookups;
};

} // namespace Stockroom::Sync
