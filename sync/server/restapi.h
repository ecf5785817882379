#pragma once

// RestApi: the REST API of stockroom-server (docs/rest-api.md, sync/server/openapi.json),
// apart from HTTP transport, which is RestServer's.
//
// handle() takes one request and returns its reply. It finds the route, checks the bearer
// token and the route's role rule, and calls the route's handler. Reads use the model's
// queries. Writes become sync operations applied through a ServerStore, under a device
// of their own per token ("rest:<token id>") and a service user per token ("api:<token
// name>"), so a REST write follows exactly the rules a workstation's push does. Writes
// that take an Idempotency-Key run in one transaction with the stored reply, so a retried
// request is answered, never applied, again. Every failure is an RFC 9457 problem.
//
// It uses the Database on the thread that owns both.

#include "httpmessage.h"
#include "serverstore.h"
#include "tokens.h"

#include "model/domain/types.h"

#include <QDate>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <span>

class QSqlQuery;

namespace Stockroom {
struct StockRow;
}

namespace Stockroom::Sync {

class EventLog;
class Metrics;

// Who may call a route: anyone, or a token of at least this role.
enum class Access { Public, Clerk, Manager, Admin };

class RestApi : public QObject
{
    Q_OBJECT

public:
    struct Request;
    using Handler = HttpReply (RestApi::*)(const Request &);
    struct Route
    {
        const char *method;
        const char *path; // "{name}" matches one path segment
        Access access;
        Handler handler;
        bool idempotent = false; // takes (and requires) an Idempotency-Key
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
    void setWriterLane(int lane) { m_lane = lane; }
    static std::span<const Route> routes();

Q_SIGNALS:
    // A write committed; connected workstations that see these warehouses (or any, when
    // master data changed) should pull.
    void changed(const QSet<qint64> &warehouses, bool masterData);

public:
    // What a handler gets: the call, the path's {parameters} in order, and the token.
    struct Request
    {
        const HttpCall &call;
        QStringList parameters;
        TokenInfo token;
    };

private:
    struct Service
    {
        QString userUuid;
        QString deviceId;
    };
    struct PushResult
    {
        QCborMap outcome; // the operation's result, as a workstation would get it
        std::optional<HttpReply> failure;
    };

    // A reply kept under its Idempotency-Key, with the hash of the request it answered.
    struct StoredReply
    {
        QByteArray requestHash;
        HttpReply reply;
    };
    // The token of an "Authorization: Bearer" header, if the call has one.
    static std::optional<QByteArray> bearerOf(const HttpCall &call);
    // What a bearer token grants; in a group, read once for the whole group.
    std::expected<TokenInfo, TokenRefusal> grantOf(const QByteArray &bearer);
    static StoredReply storedReply(const QSqlQuery &query, int first);
    static QString insertReplies(int rows);
    // The statement and values that read the stored replies of these keys of one token.
    std::pair<QString, QVariantList> keyLookup(qint64 tokenId, QVariantList keys) const;
    // On PostgreSQL, before a group's movements: their products in one statement, and the
    // stock rows they will change in another, instead of a statement or two per movement.
    Status prefetchStock(const QList<const RoutedCall *> &calls);
    Status prefetchReplies(const QList<const RoutedCall *> &calls);
    Status storeReplies();
    void announceChanges();
    HttpReply idempotently(const Route &route, const Request &request);
    Result<Service> service(const TokenInfo &token);
    // Applies one operation (kind and body) as the token's service user and device.
    PushResult push(const TokenInfo &token, const QString &kind, const QCborMap &body);
    // The same for a master-data change (model/domain/changes.h).
    template<typename Change>
    PushResult push(const TokenInfo &token, const Change &change)
    {
        return push(token, QString::fromLatin1(Change::kind), change.toCbor());
    }
    HttpReply rejection(const QCborMap &outcome) const;

    // Handlers, one per route (restreads.cpp and restwrites.cpp).
    HttpReply health(const Request &request);
    HttpReply ready(const Request &request);
    HttpReply metrics(const Request &request);
    HttpReply openApi(const Request &request);
    HttpReply stock(const Request &request);
    HttpReply stockPage(const QList<StockRow> &rows, int limit) const;
    HttpReply movements(const Request &request);
    HttpReply products(const Request &request);
    HttpReply product(const Request &request);
    HttpReply thresholds(const Request &request);
    HttpReply alerts(const Request &request);
    HttpReply tokens(const Request &request);
    HttpReply receive(const Request &request);
    HttpReply issue(const Request &request);
    HttpReply transfer(const Request &request);
    HttpReply adjust(const Request &request);
    HttpReply createProduct(const Request &request);
    HttpReply editProduct(const Request &request);
    HttpReply setThreshold(const Request &request);

    HttpReply recordMovement(const Request &request, MovementType type);

    // References by code in a request: unknown ones are 422, ones outside the token's
    // warehouses 403, a database failure 503.
    Parsed<Product> productBySku(const QString &sku);
    Parsed<Location> locationByCode(const QString &code, const TokenInfo &token);
    Parsed<Location> warehouseByCode(const QString &code, const TokenInfo &token);
    // The warehouse a list is limited to: ?warehouse=, or the token's only one; 0 for all
    // (a token of every warehouse without the parameter).
    Parsed<qint64> listWarehouse(const Request &request);
    // Today in the database's day zone (Database::dayZone), for expiry: the server may run
    // in another zone than its warehouses count days in. Worked out again at most once a
    // second: asking the clock's zone for every request (a stat of /etc/localtime) was a
    // tenth of a reader's time under the mixed load.
    QDate today();
    // The product the path's {sku} names; 404 when none has it.
    Parsed<Product> productInPath(const Request &request);
    // The product ?product= names by SKU; 0 without it.
    Parsed<qint64> productParameter(const Request &request);

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_log;
    Metrics &m_metrics;
    ServerStore m_store;
    TokenStore m_tokens;
    QHash<qint64, Service> m_services; // by token id
    // What the writes of the request being handled changed, for changed() once committed.
    QSet<qint64> m_changedWarehouses;
    bool m_changedMasterData = false;
    qint64 m_prunedAtMs = 0; // when expired Idempotency-Key replies were last deleted
    QDate m_today;
    QElapsedTimer m_todayRead; // since m_today was read; invalid before the first
    bool m_grouping = false;   // in handleAll(): changed() waits for the shared commit
    bool m_lostRace = false;   // the last handleAll() lost a race for a stock row (Contended)
    int m_lane = -1;           // none: the server's main connection
    // The products and locations a group's writes name, read once per group (a group holds
    // no edit of either).
    QHash<QString, Product> m_groupProducts;
    QHash<QString, Location> m_groupLocations;
    // The group's Idempotency-Keys: those looked up (m_groupKeys), the replies stored under
    // them by token (read, or made by this group), and the new ones to store before commit.
    QSet<std::pair<qint64, QByteArray>> m_groupKeys;
    QHash<std::pair<qint64, QByteArray>, StoredReply> m_groupReplies;
    QList<QVariantList> m_groupNewReplies;
};

} // namespace Stockroom::Sync
