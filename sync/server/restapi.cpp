#include "restapi.h"

#include "eventlog.h"
#include "metrics.h"
#include "restjson.h"

#include <QCryptographicHash>
#include <QMap>
#include <QRandomGenerator>
#include <QThread>

namespace Stockroom::Sync {

using namespace Rest;

namespace {

// Matches path (percent-encoded, as sent) against a route pattern, collecting its
// {parameters} decoded. Segments are split before decoding, so that a SKU holding "/"
// (sent as %2F) stays one parameter.
bool matches(const char *pattern, const QString &path, QStringList *parameters)
{
    const QStringList want = QString::fromLatin1(pattern).split(QLatin1Char('/'));
    const QStringList have = path.split(QLatin1Char('/'));
    if (want.size() != have.size())
        return false;
    QStringList found;
    for (qsizetype i = 0; i < want.size(); ++i) {
        const QString segment = QUrl::fromPercentEncoding(have.at(i).toUtf8());
        if (want.at(i).startsWith(QLatin1Char('{'))) {
            if (segment.isEmpty())
                return false;
            found << segment;
        } else if (want.at(i) != segment) {
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
    , m_tokens(db)
    , m_replies(db)
    , m_lookups(db, clock)
    , m_operations(db, clock, log, metrics, negativeStock, m_lookups)
    , m_reads(db, metrics, m_tokens, m_lookups)
    , m_writes(db, clock, m_operations, m_lookups)
{}

RestApi::~RestApi() = default;

std::span<const RestApi::Route> RestApi::routes()
{
    // method, path, who may call it, handler, takes an Idempotency-Key, changes stock
    static const Route table[] = {
        {"GET", "/healthz", Access::Public, &reading<&RestReads::health>},
        {"GET", "/readyz", Access::Public, &reading<&RestReads::ready>},
        {"GET", "/metrics", Access::Public, &reading<&RestReads::metrics>},
        {"GET", "/openapi.json", Access::Public, &reading<&RestReads::openApi>},
        {"GET", "/api/v1/stock", Access::Clerk, &reading<&RestReads::stock>},
        {"GET", "/api/v1/movements", Access::Clerk, &reading<&RestReads::movements>},
        {"POST", "/api/v1/receipts", Access::Clerk, &writing<&RestWrites::receive>, true, true},
        {"POST", "/api/v1/issues", Access::Clerk, &writing<&RestWrites::issue>, true, true},
        {"POST", "/api/v1/transfers", Access::Clerk, &writing<&RestWrites::transfer>, true, true},
        {"POST", "/api/v1/adjustments", Access::Manager, &writing<&RestWrites::adjust>, true, true},
        {"GET", "/api/v1/products", Access::Clerk, &reading<&RestReads::products>},
        {"POST", "/api/v1/products", Access::Manager, &writing<&RestWrites::createProduct>, true},
        {"GET", "/api/v1/products/{sku}", Access::Clerk, &reading<&RestReads::product>},
        {"PATCH", "/api/v1/products/{sku}", Access::Manager, &writing<&RestWrites::editProduct>},
        {"GET", "/api/v1/thresholds", Access::Clerk, &reading<&RestReads::thresholds>},
        {"PUT",
         "/api/v1/thresholds/{sku}/{warehouse}",
         Access::Manager,
         &writing<&RestWrites::setThreshold>},
        {"GET", "/api/v1/alerts", Access::Clerk, &reading<&RestReads::alerts>},
        {"GET", "/api/v1/tokens", Access::Admin, &reading<&RestReads::tokens>},
    };
    return table;
}

RestApi::RoutedCall RestApi::route(HttpCall call) const
{
    RoutedCall routed{std::move(call), nullptr, {}};
    // HEAD is GET without the body (RFC 9110, 9.3.2): the same route, handler and answer.
    const QByteArray method = routed.head() ? QByteArray("GET") : routed.call.method;
    for (const Route &route : routes()) {
        if (method == route.method && matches(route.path, routed.call.path, &routed.parameters)) {
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
    return route->changesStock;
}

std::optional<QByteArray> RestApi::bearerOf(const HttpCall &call)
{
    const QByteArray authorization = call.header("authorization");
    // The scheme's name is case-insensitive (RFC 9110, 11.1).
    if (authorization.size() < 7 || qstrnicmp(authorization.constData(), "bearer ", 7) != 0)
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
            if (matches(other.path, call.path, nullptr)) {
                allowed << other.method;
                if (qstrcmp(other.method, "GET") == 0)
                    allowed << "HEAD";
            }
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
        return route->handler(*this, Request{call, parameters, {}});

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
                                        : route->handler(*this, request);
    if (!m_grouping)
        announceChanges();
    return reply;
}

QList<HttpReply> RestApi::handleAll(const QList<const RoutedCall *> &calls)
{
    m_lostRace = false;
    m_operations.takeLostRace(); // of an earlier call: told already
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return QList<HttpReply>(calls.size(), unavailable());
    m_grouping = true;
    m_replies.startGroup();
    m_lookups.startGroup();
    QList<HttpReply> replies;
    replies.reserve(calls.size());
    Status keys = prefetchReplies(calls);
    if (keys) {
        QList<const HttpCall *> movements;
        for (const RoutedCall *call : calls) {
            if (call->changesStock())
                movements.append(&call->call);
        }
        keys = m_operations.prefetchStock(movements);
    }
    for (const RoutedCall *call : calls)
        replies.append(keys ? handle(*call) : unavailable());
    if (keys)
        keys = m_replies.storeGroup();
    if (!keys)
        m_db.poison(keys.error());
    m_grouping = false;
    m_replies.endGroup();
    m_lookups.endGroup();
    m_lostRace = m_operations.takeLostRace();
    if (auto committed = tx->commit(); !committed) {
        // A lost race is not an error: handleAlone() tries again.
        m_lostRace = m_lostRace || committed.error().code == ErrorCode::Contended;
        if (!m_lostRace) {
            m_log.error("rest-group-failed",
                        {{"requests", calls.size()}, {"reason", committed.error().message}});
        }
        m_operations.takeChanges(); // none of them happened
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
    const RestOperations::Changes changes = m_operations.takeChanges();
    if (!changes.isEmpty())
        Q_EMIT changed(changes.warehouses, changes.masterData);
}

HttpReply RestApi::idempotently(const Route &route, const Request &request)
{
    const QByteArray key = request.call.header("idempotency-key").trimmed();
    if (key.isEmpty() || key.size() > IdempotentReplies::maxKey) {
        return problem(400,
                       "idempotency-key-required",
                       QStringLiteral("An Idempotency-Key is needed"),
                       QStringLiteral("Send a unique Idempotency-Key header (1 to %1 characters) "
                                      "with every write, and the same one when retrying it.")
                           .arg(IdempotentReplies::maxKey));
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
    auto stored = m_replies.find(tokenId, key);
    if (!stored)
        return unavailable();
    if (*stored) {
        if ((*stored)->requestHash != requestHash) {
            return problem(422,
                           "idempotency-key-reused",
                           QStringLiteral("This Idempotency-Key was used for another request"),
                           QStringLiteral("Idempotency-Key %1 came with a different request "
                                          "before; use a new key for a new request.")
                               .arg(QString::fromLatin1(key)));
        }
        HttpReply reply = (*stored)->reply;
        reply.addHeader("Idempotency-Replayed", "true");
        return reply;
    }

    // Joined to a group's transaction, not a savepoint of its own: under SQLCipher every
    // page a savepoint touches is encrypted once more into the statement journal.
    auto tx = Transaction::atomic(m_db);
    if (!tx)
        return unavailable();
    HttpReply reply = route.handler(*this, request);
    if (reply.status >= 500)
        return reply; // rolled back (with its group, if it wrote); a retry may succeed
    Status done = m_replies.keep(tokenId, key, {requestHash, reply}, m_clock.msecsSinceEpoch());
    if (done)
        done = tx->commit();
    if (!done) {
        m_log.error("rest-write-failed",
                    {{"route", QLatin1String(route.path)}, {"reason", done.error().message}});
        m_operations.takeChanges(); // none of them happened
        return unavailable();
    }
    return reply;
}

Status RestApi::prefetchReplies(const QList<const RoutedCall *> &calls)
{
    // One query per token for the stored replies of every key in the group, instead of one
    // per write.
    QMap<qint64, QList<QByteArray>> keysByToken;
    for (const RoutedCall *call : calls) {
        if (!call->groupable())
            continue;
        const QByteArray key = call->call.header("idempotency-key").trimmed();
        const std::optional<QByteArray> bearer = bearerOf(call->call);
        if (key.isEmpty() || key.size() > IdempotentReplies::maxKey || !bearer)
            continue; // refused by handle()
        const auto grant = grantOf(*bearer);
        if (!grant)
            continue; // refused by handle()
        keysByToken[grant->id].append(key);
    }
    return m_replies.lookUp(keysByToken);
}

} // namespace Stockroom::Sync
