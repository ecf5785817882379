#pragma once

// RestApi: the REST API of stockroom-server (docs/rest-api.md, sync/server/openapi.json),
// apart from HTTP transport, which is RestServer's: routing, authentication, idempotency
// and group commit.
//
// handle() takes one request and returns its reply. It finds the route, checks the bearer
// token and the route's role rule, and calls the route's handler: RestReads' for reads,
// RestWrites' for writes, which RestOperations applies. Writes that take an Idempotency-Key run in one transaction with
// the reply IdempotentReplies keeps, so a retried request is answered, never applied,
// again. Every failure is an RFC 9457 problem.
//
// It uses the Database on the thread that owns both.

#include "idempotentreplies.h"
#include "restoperations.h"
#include "restreads.h"
#include "restwrites.h"
#include "tokens.h"

#include <QObject>
#include <QSet>

#include <span>

namespace Stockroom::Sync {

class EventLog;
class Metrics;

// Who may call a route: anyone, or a token of at least this role.
enum class Access { Public, Clerk, Manager, Admin };

class RestApi : public QObject
{
    Q_OBJECT

public:
    using Request = RestRequest;
    using Handler = HttpReply (*)(RestApi &, const Request &);
    struct Route
    {
        const char *method;
        const char *path; // "{name}" matches one path segment
        Access access;
        Handler handler;
        bool idempotent = false;   // takes (and requires) an Idempotency-Key
        bool changesStock = false; // a receipt, issue, transfer or adjustment
    };

    RestApi(Database &db,
            const Clock &clock,
            EventLog &log,
            Metrics &metrics,
            NegativeStockPolicy negativeStock,
            QObject *parent = nullptr);
    ~RestApi() override;

    // A call with the route it takes (none: it is answered 404 or 405), matched once.
    struct RoutedCall
    {
        HttpCall call;
        const Route *route = nullptr;
        QStringList parameters; // the path's {parameters}, in order
        // A HEAD request: answered as its GET would be, without the body.
        bool head() const { return call.method == "HEAD"; }
        // A write that handleAll() may group with others.
        bool groupable() const { return route && route->idempotent; }
        // A receipt, issue, transfer or adjustment: a write that changes stock.
        bool changesStock() const;
        // A GET that needs a token (stock, movements, products, ...): it writes nothing.
        bool reads() const;
        // "METHOD /path/{pattern}", or empty: a label whose number of values is bounded.
        QString label() const;
    };
    RoutedCall route(HttpCall call) const;

    HttpReply handle(const RoutedCall &call);
    // Group commit: handles the calls in order in one transaction, so that they share one
    // commit (one fsync). A call refused for its content (4xx) writes nothing or keeps what
    // it wrote; if one fails in the database after it started writing, or the commit
    // fails, every reply is 503 and nothing of any of them was applied.
    QList<HttpReply> handleAll(const QList<const RoutedCall *> &calls);
    // A stock write alone in its transaction, tried again (a bounded number of times, after
    // a short random pause) while another writer changes the same row first. When it never
    // gets through, the reply is 503 with Retry-After: nothing of it was applied.
    HttpReply handleAlone(const RoutedCall &call);
    // A writer thread's own lane: its writes are numbered as their own device
    // ("rest:<token>/<lane>"), so that writers side by side never share a sequence.
    void setWriterLane(int lane) { m_operations.setLane(lane); }
    static std::span<const Route> routes();

Q_SIGNALS:
    // A write committed; connected workstations that see these warehouses (or any, when
    // master data changed) should pull.
    void changed(const QSet<qint64> &warehouses, bool masterData);

private:
    // A route's handler: one of RestReads' or RestWrites'.
    template<HttpReply (RestReads::*handle)(const RestRequest &)>
    static HttpReply reading(RestApi &api, const Request &request)
    {
        return (api.m_reads.*handle)(request);
    }
    template<HttpReply (RestWrites::*handle)(const RestRequest &)>
    static HttpReply writing(RestApi &api, const Request &request)
    {
        return (api.m_writes.*handle)(request);
    }
    // The token of an "Authorization: Bearer" header, if the call has one.
    static std::optional<QByteArray> bearerOf(const HttpCall &call);
    // What a bearer token grants; in a group, read once for the whole group.
    std::expected<TokenInfo, TokenRefusal> grantOf(const QByteArray &bearer);
    // Looks up the stored replies of a group's Idempotency-Keys, one query per token.
    Status prefetchReplies(const QList<const RoutedCall *> &calls);
    void announceChanges();
    HttpReply idempotently(const Route &route, const Request &request);

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_log;
    Metrics &m_metrics;
    TokenStore m_tokens;
    IdempotentReplies m_replies;
    RestLookups m_lookups;
    RestOperations m_operations;
    RestReads m_reads;
    RestWrites m_writes;
    bool m_grouping = false; // in handleAll(): changed() waits for the shared commit
    bool m_lostRace = false; // the last handleAll() lost a race for a stock row (Contended)
};

} // namespace Stockroom::Sync
