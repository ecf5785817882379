#include "restapi.h"

#include "eventlog.h"
#include "metrics.h"
#include "restjson.h"

#include "model/services/catalog.h"
#include "model/services/userservice.h"

#include <QCborValue>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMap>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>

#include <limits>

namespace Stockroom::Sync {

using namespace Rest;

namespace {

// Replies to keep for a retried Idempotency-Key: a day, as the IETF draft suggests.
constexpr qint64 idempotencyKeptMs = 24 * 60 * 60 * 1000;
constexpr qsizetype maxIdempotencyKey = 200;
constexpr qint64 pruneEveryMs = 60 * 1000;

// Matches path against a route pattern, collecting its {parameters}.
bool matches(const char *pattern, const QString &path, QStringList *parameters)
{
    const QStringList want = QString::fromLatin1(pattern).split(QLatin1Char('/'));
    const QStringList have = path.split(QLatin1Char('/'));
    if (want.size() != have.size())
        return false;
    QStringList found;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want.at(i).startsWith(QLatin1Char('{'))) {
            if (have.at(i).isEmpty())
                return false;
            found << have.at(i);
        } else if (want.at(i) != have.at(i)) {
            return false;
        }
    }
    if (parameters)
        *parameters = found;
    return true;
}

Role roleFor(Access access)
{
    return access == Access::Admin     ? Role::Admin
           : access == Access::Manager ? Role::Manager
                                       : Role::Clerk;
}

} // namespace

RestApi::RestApi(Database &db,
                 const Clock &clock,
                 EventLog &log,
                 Metrics &metrics,
                 NegativeStockPolicy negativeStock,
                 QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_clock(clock)
    , m_log(log)
    , m_metrics(metrics)
    , m_store(db, clock, negativeStock)
    , m_tokens(db)
{}

RestApi::~RestApi() = default;

std::span<const RestApi::Route> RestApi::routes()
{
    static const Route table[] = {
        {"GET", "/healthz", Access::Public, &RestApi::health},
        {"GET", "/readyz", Access::Public, &RestApi::ready},
        {"GET", "/metrics", Access::Public, &RestApi::metrics},
        {"GET", "/openapi.json", Access::Public, &RestApi::openApi},
        {"GET", "/api/v1/stock", Access::Clerk, &RestApi::stock},
        {"GET", "/api/v1/movements", Access::Clerk, &RestApi::movements},
        {"POST", "/api/v1/receipts", Access::Clerk, &RestApi::receive, true},
        {"POST", "/api/v1/issues", Access::Clerk, &RestApi::issue, true},
        {"POST", "/api/v1/transfers", Access::Clerk, &RestApi::transfer, true},
        {"POST", "/api/v1/adjustments", Access::Manager, &RestApi::adjust, true},
        {"GET", "/api/v1/products", Access::Clerk, &RestApi::products},
        {"POST", "/api/v1/products", Access::Manager, &RestApi::createProduct, true},
        {"GET", "/api/v1/products/{sku}", Access::Clerk, &RestApi::product},
        {"PATCH", "/api/v1/products/{sku}", Access::Manager, &RestApi::editProduct},
        {"GET", "/api/v1/thresholds", Access::Clerk, &RestApi::thresholds},
        {"PUT", "/api/v1/thresholds/{sku}/{warehouse}", Access::Manager, &RestApi::setThreshold},
        {"GET", "/api/v1/alerts", Access::Clerk, &RestApi::alerts},
        {"GET", "/api/v1/tokens", Access::Admin, &RestApi::tokens},
    };
    return table;
}

RestApi::RoutedCall RestApi::route(HttpCall call) const
{
    RoutedCall routed{std::move(call), nullptr, {}};
    for (const Route &route : routes()) {
        if (routed.call.method == route.method
            && matches(route.path, routed.call.path, &routed.parameters)) {
            routed.route = &route;
            break;
        }
    }
    return routed;
}

QString RestApi::RoutedCall::label() const
{
    return route ? QLatin1String(route->method) + QLatin1Char(' ') + QLatin1String(route->path)
                 : QString();
}

bool RestApi::RoutedCall::reads() const
{
    return route && route->access != Access::Public && qstrcmp(route->method, "GET") == 0;
}

bool RestApi::RoutedCall::changesStock() const
{
    if (!route)
        return false;
    const Handler handler = route->handler;
    return handler == &RestApi::receive || handler == &RestApi::issue
           || handler == &RestApi::transfer || handler == &RestApi::adjust;
}

std::optional<QByteArray> RestApi::bearerOf(const HttpCall &call)
{
    const QByteArray authorization = call.header("authorization");
    if (!authorization.startsWith("Bearer "))
        return std::nullopt;
    return authorization.mid(7).trimmed();
}

std::expected<TokenInfo, TokenRefusal> RestApi::grantOf(const QByteArray &bearer)
{
    return m_tokens.authenticate(QString::fromLatin1(bearer), m_clock.now());
}

HttpReply RestApi::handle(const RoutedCall &routed)
{
    const HttpCall &call = routed.call;
    const QStringList &parameters = routed.parameters;
    const Route *route = routed.route;
    if (!route) {
        QByteArrayList allowed;
        for (const Route &other : routes()) {
            if (matches(other.path, call.path, nullptr))
                allowed << other.method;
        }
        if (allowed.isEmpty()) {
            return problem(404,
                           "not-found",
                           QStringLiteral("No such resource"),
                           QStringLiteral("%1 is not a path of this API; see /openapi.json.")
                               .arg(call.path));
        }
        HttpReply reply = problem(405,
                                  "method-not-allowed",
                                  QStringLiteral("Method not allowed"),
                                  QStringLiteral("%1 takes %2, not %3.")
                                      .arg(call.path,
                                           QString::fromLatin1(allowed.join(", ")),
                                           QString::fromLatin1(call.method)));
        reply.addHeader("Allow", allowed.join(", "));
        return reply;
    }
    if (route->access == Access::Public)
        return (this->*route->handler)(Request{call, parameters, {}});

    const std::optional<QByteArray> bearer = bearerOf(call);
    if (!bearer) {
        HttpReply reply = problem(401,
                                  "unauthorized",
                                  QStringLiteral("A bearer token is needed"),
                                  QStringLiteral("Send Authorization: Bearer <token>; an "
                                                 "administrator issues tokens with "
                                                 "\"stockroom-server token issue\"."));
        reply.addHeader("WWW-Authenticate", "Bearer");
        return reply;
    }
    const auto grant = grantOf(*bearer);
    if (!grant && grant.error().code == QLatin1String("unavailable"))
        return unavailable();
    if (!grant) {
        HttpReply reply = problem(401,
                                  grant.error().code.toLatin1().constData(),
                                  QStringLiteral("The token is refused"),
                                  grant.error().message);
        reply.addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        return reply;
    }
    const Role needed = roleFor(route->access);
    if (int(grant->role) < int(needed)) {
        return problem(403,
                       "forbidden",
                       QStringLiteral("The token's role does not allow this"),
                       QStringLiteral("%1 %2 needs a %3 token; this one is %4.")
                           .arg(QLatin1String(route->method),
                                QLatin1String(route->path),
                                toString(needed),
                                toString(grant->role)));
    }
    const Request request{call, parameters, *grant};
    HttpReply reply = route->idempotent ? idempotently(*route, request)
                                        : (this->*route->handler)(request);
    if (!m_grouping)
        announceChanges();
    return reply;
}

QList<HttpReply> RestApi::handleAll(const QList<const RoutedCall *> &calls)
{
    m_lostRace = false;
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return QList<HttpReply>(calls.size(), unavailable());
    m_grouping = true;
    QList<HttpReply> replies;
    replies.reserve(calls.size());
    Status keys = prefetchReplies(calls);
    if (keys)
        keys = prefetchStock(calls);
    for (const RoutedCall *call : calls)
        replies.append(keys ? handle(*call) : unavailable());
    if (keys)
        keys = storeReplies();
    if (!keys)
        m_db.poison(keys.error());
    m_grouping = false;
    m_groupReplies.clear();
    m_groupKeys.clear();
    m_groupNewReplies.clear();
    m_groupProducts.clear();
    m_groupLocations.clear();
    if (auto committed = tx->commit(); !committed) {
        // A lost race is not an error: handleAlone() tries again.
        m_lostRace = m_lostRace || committed.error().code == ErrorCode::Contended;
        if (!m_lostRace) {
            m_log.error("rest-group-failed",
                        {{"requests", calls.size()}, {"reason", committed.error().message}});
        }
        m_changedWarehouses.clear();
        m_changedMasterData = false;
        return QList<HttpReply>(calls.size(), unavailable());
    }
    announceChanges();
    return replies;
}

HttpReply RestApi::handleAlone(const RoutedCall &call)
{
    constexpr int attempts = 20;
    const QString strategy = toString(m_db.stockStrategy());
    for (int attempt = 1;; ++attempt) {
        HttpReply reply = handleAll({&call}).constFirst();
        if (!m_lostRace) {
            m_metrics.increment(Metrics::writeAttempts,
                                {{"strategy", strategy}, {"result", QStringLiteral("applied")}});
            return reply;
        }
        if (attempt == attempts) {
            m_metrics.increment(Metrics::writeAttempts,
                                {{"strategy", strategy}, {"result", QStringLiteral("gave-up")}});
            m_log.warning("stock-write-contended", {{"attempts", attempts}});
            HttpReply busy = problem(503,
                                     "contended",
                                     QStringLiteral("Too many writes to the same stock at once"),
                                     QStringLiteral("Other writes kept changing this stock "
                                                    "first; nothing was applied. Send the "
                                                    "request again with the same "
                                                    "Idempotency-Key."));
            busy.addHeader("Retry-After", "1");
            return busy;
        }
        m_metrics.increment(Metrics::writeAttempts,
                            {{"strategy", strategy}, {"result", QStringLiteral("retried")}});
        // Out of step with the writers it raced, growing with each lost race.
        QThread::usleep(QRandomGenerator::global()->bounded(quint32(100 * attempt)) + 1UL);
    }
}

void RestApi::announceChanges()
{
    if (m_changedWarehouses.isEmpty() && !m_changedMasterData)
        return;
    Q_EMIT changed(m_changedWarehouses, m_changedMasterData);
    m_changedWarehouses.clear();
    m_changedMasterData = false;
}

HttpReply RestApi::idempotently(const Route &route, const Request &request)
{
    const QByteArray key = request.call.header("idempotency-key").trimmed();
    if (key.isEmpty() || key.size() > maxIdempotencyKey) {
        return problem(400,
                       "idempotency-key-required",
                       QStringLiteral("An Idempotency-Key is needed"),
                       QStringLiteral("Send a unique Idempotency-Key header (1 to %1 characters) "
                                      "with every write, and the same one when retrying it.")
                           .arg(maxIdempotencyKey));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.call.method);
    hash.addData(request.call.path.toUtf8());
    hash.addData(request.call.body);
    const QByteArray requestHash = hash.result();
    const qint64 tokenId = request.token.id;

    // A retry is answered before any transaction of its own begins: it writes nothing. (In a
    // group the lookup ran for all the group's keys at once, inside the group's
    // transaction; alone, two servers on one PostgreSQL database could both miss the key,
    // and the reply's primary key lets only one of them commit.)
    std::optional<StoredReply> stored;
    if (m_grouping && m_groupKeys.contains({tokenId, key})) {
        if (const auto found = m_groupReplies.constFind({tokenId, key});
            found != m_groupReplies.cend())
            stored = *found;
    } else {
        auto query = m_db.run(QStringLiteral("SELECT request_hash, status, headers, body FROM "
                                             "rest_requests WHERE token_id = ? AND "
                                             "idempotency_key = ?"),
                              {tokenId, QString::fromLatin1(key)});
        if (!query)
            return unavailable();
        if ((*query)->next())
            stored = storedReply(**query, 0);
        (*query)->finish();
    }
    if (stored) {
        if (stored->requestHash != requestHash) {
            return problem(422,
                           "idempotency-key-reused",
                           QStringLiteral("This Idempotency-Key was used for another request"),
                           QStringLiteral("Idempotency-Key %1 came with a different request "
                                          "before; use a new key for a new request.")
                               .arg(QString::fromLatin1(key)));
        }
        HttpReply reply = stored->reply;
        reply.addHeader("Idempotency-Replayed", "true");
        return reply;
    }

    // Joined to a group's transaction, not a savepoint of its own: under SQLCipher every
    // page a savepoint touches is encrypted once more into the statement journal.
    auto tx = Transaction::atomic(m_db);
    if (!tx)
        return unavailable();
    HttpReply reply = (this->*route.handler)(request);
    if (reply.status >= 500)
        return reply; // rolled back (with its group, if it wrote); a retry may succeed
    QCborMap headers{{QStringLiteral("Content-Type"), QString::fromLatin1(reply.contentType)}};
    for (const auto &[name, value] : std::as_const(reply.headers))
        headers.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    const qint64 now = m_clock.msecsSinceEpoch();
    const QVariantList row{tokenId,
                           QString::fromLatin1(key),
                           requestHash,
                           reply.status,
                           QCborValue(headers).toCbor(),
                           reply.body,
                           now};
    Status done;
    if (m_grouping) {
        // Stored with the group's other replies just before its commit.
        m_groupNewReplies.append(row);
        m_groupKeys.insert({tokenId, key});
        m_groupReplies.insert({tokenId, key}, StoredReply{requestHash, reply});
    } else if (auto store = m_db.run(insertReplies(1), row); !store) {
        done = std::unexpected(store.error());
    }
    if (done && now - m_prunedAtMs >= pruneEveryMs) {
        // Expired replies go once a minute, not with every write.
        auto prune = m_db.run(QStringLiteral("DELETE FROM rest_requests WHERE created_at < ?"),
                              {now - idempotencyKeptMs});
        if (prune)
            m_prunedAtMs = now;
        else
            done = std::unexpected(prune.error());
    }
    if (done)
        done = tx->commit();
    if (!done) {
        m_log.error("rest-write-failed",
                    {{"route", QLatin1String(route.path)}, {"reason", done.error().message}});
        m_changedWarehouses.clear();
        m_changedMasterData = false;
        return unavailable();
    }
    return reply;
}

RestApi::StoredReply RestApi::storedReply(const QSqlQuery &query, int first)
{
    StoredReply stored;
    stored.requestHash = query.value(first).toByteArray();
    HttpReply &reply = stored.reply;
    reply.status = query.value(first + 1).toInt();
    const QCborMap headers = QCborValue::fromCbor(query.value(first + 2).toByteArray()).toMap();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        const QByteArray name = it.key().toString().toLatin1();
        if (name == "Content-Type")
            reply.contentType = it.value().toString().toLatin1();
        else
            reply.addHeader(name, it.value().toString().toLatin1());
    }
    reply.body = query.value(first + 3).toByteArray();
    return stored;
}

QString RestApi::insertReplies(int rows)
{
    return QStringLiteral("INSERT INTO rest_requests (token_id, idempotency_key, "
                          "request_hash, status, headers, body, created_at) VALUES ")
           + Database::repeatRows(u"(?, ?, ?, ?, ?, ?, ?)", rows);
}

std::pair<QString, QVariantList> RestApi::keyLookup(qint64 tokenId, QVariantList keys) const
{
    if (m_db.isPostgres()) {
        // Each key looked up on its own in the primary key, whatever the statistics say.
        // With an IN list (or = ANY), PostgreSQL's generic plan, chosen after five runs,
        // trusted the estimate of a new table and read every stored reply of the token,
        // filtering on the key: 10 ms a group after 10,000 writes, and growing. LIMIT 1
        // keeps the planner from flattening the per-key look-up into such a scan.
        QStringList texts;
        for (const QVariant &key : std::as_const(keys))
            texts.append(key.toString());
        return {QStringLiteral("SELECT r.idempotency_key, r.request_hash, r.status, r.headers, "
                               "r.body FROM unnest(CAST(? AS text[])) AS k (key) CROSS JOIN "
                               "LATERAL (SELECT * FROM rest_requests WHERE token_id = ? AND "
                               "idempotency_key = k.key LIMIT 1) AS r"),
                {Database::arrayLiteral(texts), tokenId}};
    }
    const QString placeholders = Database::inList(keys);
    return {QStringLiteral("SELECT idempotency_key, request_hash, status, headers, body FROM "
                           "rest_requests WHERE token_id = ? AND idempotency_key IN (")
                + placeholders + QLatin1Char(')'),
            QVariantList{tokenId} + keys};
}

Status RestApi::prefetchReplies(const QList<const RoutedCall *> &calls)
{
    // One query per token for the stored replies of every key in the group, instead of one
    // per write.
    QMap<qint64, QVariantList> keysByToken;
    for (const RoutedCall *call : calls) {
        if (!call->groupable())
            continue;
        const QByteArray key = call->call.header("idempotency-key").trimmed();
        const std::optional<QByteArray> bearer = bearerOf(call->call);
        if (key.isEmpty() || key.size() > maxIdempotencyKey || !bearer)
            continue; // refused by handle()
        const auto grant = grantOf(*bearer);
        if (!grant || m_groupKeys.contains({grant->id, key}))
            continue; // refused by handle(), or looked up already
        m_groupKeys.insert({grant->id, key});
        keysByToken[grant->id].append(QString::fromLatin1(key));
    }
    for (auto it = keysByToken.begin(); it != keysByToken.end(); ++it) {
        const auto [sql, values] = keyLookup(it.key(), it.value());
        auto query = m_db.run(sql, values);
        if (!query)
            return std::unexpected(query.error());
        while ((*query)->next()) {
            m_groupReplies.insert({it.key(), (*query)->value(0).toString().toLatin1()},
                                  storedReply(**query, 1));
        }
        (*query)->finish();
    }
    return {};
}

Status RestApi::prefetchStock(const QList<const RoutedCall *> &calls)
{
    if (!m_db.isPostgres() || calls.size() < 2)
        return {};
    // What each movement names, read from its body as its handler will; a body the handler
    // refuses, or a movement of a lot (whose id is looked up with the lot), is left to it.
    struct Named
    {
        QString sku;
        QStringList locations;
    };
    QList<Named> movements;
    QStringList skus;
    QSet<QString> asked;
    for (const RoutedCall *call : calls) {
        if (!call->changesStock())
            continue;
        const auto body = objectBody(call->call);
        if (!body || !body->value(QLatin1String("lot")).toString().isEmpty())
            continue;
        // presentText, not requiredText: most movements lack two of the three location
        // fields, and the problem reply made for each was a tenth of the writer's time on
        // the hot spot.
        const QString sku = presentText(*body, "product");
        if (sku.isEmpty())
            continue;
        Named named{sku, {}};
        for (const char *field : {"location", "from", "to"}) {
            if (QString code = presentText(*body, field); !code.isEmpty())
                named.locations.append(std::move(code));
        }
        movements.append(named);
        if (!m_groupProducts.contains(sku) && !asked.contains(sku)) {
            asked.insert(sku);
            skus.append(sku);
        }
    }
    auto products = Catalog(m_db).productsBySku(skus);
    if (!products)
        return std::unexpected(products.error());
    for (const Product &product : std::as_const(*products))
        m_groupProducts.insert(product.sku, product);

    QList<StockKey> keys;
    for (const Named &named : std::as_const(movements)) {
        const auto product = m_groupProducts.constFind(named.sku);
        if (product == m_groupProducts.cend() || product->lotTracked)
            continue;
        m_store.knowProduct(product->uuid, product->id);
        for (const QString &code : named.locations) {
            auto location = m_groupLocations.constFind(code);
            if (location == m_groupLocations.cend()) {
                auto found = Catalog(m_db).findLocation(code);
                if (!found)
                    continue; // unknown: the handler says so
                location = m_groupLocations.insert(code, *found);
            }
            keys.append({product->id, location->id, 0});
        }
    }
    return m_store.prefetchStock(keys);
}

Status RestApi::storeReplies()
{
    auto stored = m_db.runRows(&RestApi::insertReplies, m_groupNewReplies);
    if (!stored)
        return std::unexpected(stored.error());
    return {};
}

Result<RestApi::Service> RestApi::service(const TokenInfo &token)
{
    if (const auto known = m_services.constFind(token.id); known != m_services.cend())
        return *known;
    // The integration's own user, so that the ledger names who recorded a movement.
    auto uuid = UserService(m_db, m_clock).serviceUser(token.name, token.role);
    if (!uuid)
        return std::unexpected(uuid.error());
    const Service service{*uuid,
                          m_lane < 0 ? QStringLiteral("rest:%1").arg(token.id)
                                     : QStringLiteral("rest:%1/%2").arg(token.id).arg(m_lane)};
    m_services.insert(token.id, service);
    return service;
}

RestApi::PushResult RestApi::push(const TokenInfo &token, const QString &kind, const QCborMap &body)
{
    QElapsedTimer timer;
    timer.start();
    PushResult result;
    auto service = this->service(token);
    auto acked = service ? m_store.ackedSeq(service->deviceId) : Result<qint64>(0);
    if (!service || !acked) {
        const Error &error = !service ? service.error() : acked.error();
        m_log.error("rest-write-failed", {{"kind", kind}, {"reason", error.message}});
        result.failure = unavailable();
        return result;
    }
    // Made on the server's latest state, whatever it is when the write is applied: a REST
    // write is never stale, so its base is past any cursor.
    constexpr qint64 latest = std::numeric_limits<qint64>::max();
    const Cursor base{latest, latest};
    const qint64 seq = *acked + 1;
    QCborMap ops{{key("seq"), seq},
                 {key("kind"), kind},
                 {key("user"), service->userUuid},
                 {key("base"), base.toBytes()},
                 {key("body"), body}};
    if (kind == QLatin1String("movement")) {
        QCborMap movement = body;
        movement.insert(key("deviceSeq"), seq);
        ops.insert(key("body"), movement);
    }
    auto pushed = m_store.push(SyncSession{service->deviceId, token, true}, QCborArray{ops});
    m_metrics.observe(Metrics::databaseSeconds,
                      {{"caller", QStringLiteral("rest")}},
                      double(timer.nsecsElapsed()) / 1e9);
    if (!pushed && pushed.error().code == ErrorCode::Contended) {
        m_lostRace = true; // not an error: the writer tries again
        result.failure = unavailable();
        return result;
    }
    if (!pushed || pushed->refusal || pushed->results.isEmpty()) {
        m_log.error("rest-write-failed",
                    {{"kind", kind},
                     {"reason", !pushed ? pushed.error().message : QStringLiteral("refused")}});
        result.failure = unavailable();
        return result;
    }
    result.outcome = pushed->results.at(0).toMap();
    const QString outcome = result.outcome.value(key("outcome")).toString();
    m_metrics.increment(Metrics::operations, {{"outcome", outcome}});
    if (outcome == QLatin1String("rejected")) {
        m_metrics.increment(Metrics::rejections,
                            {{"reason", result.outcome.value(key("reason")).toString()}});
        result.failure = rejection(result.outcome);
        return result;
    }
    m_metrics.increment(Metrics::movements, {}, double(pushed->movements));
    m_changedWarehouses.unite(pushed->warehouses);
    m_changedMasterData = m_changedMasterData || pushed->changedMasterData;
    return result;
}

HttpReply RestApi::rejection(const QCborMap &outcome) const
{
    const QString reason = outcome.value(key("reason")).toString();
    const QString message = outcome.value(key("message")).toString();
    if (reason == QLatin1String("insufficient-stock"))
        return problem(409, "insufficient-stock", QStringLiteral("Not enough stock"), message);
    if (reason == QLatin1String("out-of-scope") || reason == QLatin1String("forbidden"))
        return problem(403, "forbidden", QStringLiteral("Not allowed"), message);
    if (reason == QLatin1String("duplicate"))
        return problem(409, "duplicate", QStringLiteral("Already taken"), message);
    return problem(422,
                   reason.toLatin1().constData(),
                   QStringLiteral("The server refused the change"),
                   message);
}

} // namespace Stockroom::Sync
