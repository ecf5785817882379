#pragma once

// RestReads: the REST API's reads (docs/rest-api.md): health, readiness, metrics, the
// OpenAPI document, stock, movements, products, thresholds, alerts and tokens. Each handler
// takes a request RestApi has routed and authenticated, and reads through the model's
// queries. Lists are pages with a "next" cursor.

#include "restlookups.h"

#include "model/domain/types.h"

namespace Stockroom {
struct StockRow;
}

namespace Stockroom::Sync {

class Metrics;
class TokenStore;

class RestReads
{
public:
    // All must outlive this.
    RestReads(Database &db, Metrics &metrics, TokenStore &tokens, RestLookups &lookups);

    HttpReply health(const RestRequest &request);
    HttpReply ready(const RestRequest &request);
    HttpReply metrics(const RestRequest &request);
    HttpReply openApi(const RestRequest &request);
    HttpReply stock(const RestRequest &request);
    HttpReply movements(const RestRequest &request);
    HttpReply products(const RestRequest &request);
    HttpReply product(const RestRequest &request);
    HttpReply thresholds(const RestRequest &request);
    HttpReply alerts(const RestRequest &request);
    HttpReply tokens(const RestRequest &request);

private:
    HttpReply stockPage(const QList<StockRow> &rows, int limit) const;

    Database &m_db;
    Metrics &m_metrics;
    TokenStore &m_tokens;
    RestLookups &m_lookups;
};

} // namespace Stockroom::Sync
