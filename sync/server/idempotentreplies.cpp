#include "idempotentreplies.h"

#include "model/domain/cbor.h"

#include <QCborMap>
#include <QCborValue>
#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

constexpr qint64 pruneEveryMs = 60 * 1000;

} // namespace

IdempotentReplies::IdempotentReplies(Database &db)
    : m_db(db)
{}

Result<std::optional<IdempotentReplies::Stored>> IdempotentReplies::find(qint64 tokenId,
                                                                         const QByteArray &key)
{
    if (m_grouping && lookedUp(tokenId, key)) {
        const auto found = m_groupReplies.constFind({tokenId, key});
        return found != m_groupReplies.cend() ? std::optional(*found) : std::nullopt;
    }
    auto query = m_db.run(QStringLiteral("SELECT request_hash, status, headers, body FROM "
                                         "rest_requests WHERE token_id = ? AND "
                                         "idempotency_key = ?"),
                          {tokenId, QString::fromLatin1(key)});
    if (!query)
        return std::unexpected(query.error());
    std::optional<Stored> stored;
    if ((*query)->next())
        stored = storedFrom(**query, 0);
    (*query)->finish();
    return stored;
}

Status IdempotentReplies::keep(qint64 tokenId,
                               const QByteArray &key,
                               const Stored &stored,
                               qint64 nowMs)
{
    const HttpReply &reply = stored.reply;
    if (reply.body.size() > maxStoredReply)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("A reply of %1 bytes is larger than a kept reply may be "
                                   "(%2 bytes)")
                        .arg(reply.body.size())
                        .arg(maxStoredReply));
    QCborMap headers{{QStringLiteral("Content-Type"), QString::fromLatin1(reply.contentType)}};
    for (const auto &[name, value] : std::as_const(reply.headers))
        headers.insert(QString::fromLatin1(name), QString::fromLatin1(value));
    const QVariantList row{tokenId,
                           QString::fromLatin1(key),
                           stored.requestHash,
                           reply.status,
                           QCborValue(headers).toCbor(),
                           reply.body,
                           nowMs};
    if (m_grouping) {
        // Stored with the group's other replies just before its commit.
        m_groupNewReplies.append(row);
        m_groupKeys.insert({tokenId, key});
        m_groupReplies.insert({tokenId, key}, stored);
    } else if (auto store = m_db.run(insertRows(1), row); !store) {
        return std::unexpected(store.error());
    }
    if (nowMs - m_prunedAtMs >= pruneEveryMs) {
        // Expired replies go once a minute, not with every write.
        auto prune = m_db.run(QStringLiteral("DELETE FROM rest_requests WHERE created_at < ?"),
                              {nowMs - keptMs});
        if (!prune)
            return std::unexpected(prune.error());
        m_prunedAtMs = nowMs;
    }
    return {};
}

Status IdempotentReplies::lookUp(const QMap<qint64, QList<QByteArray>> &keysByToken)
{
    for (auto it = keysByToken.cbegin(); it != keysByToken.cend(); ++it) {
        QVariantList keys;
        for (const QByteArray &key : it.value()) {
            if (lookedUp(it.key(), key))
                continue;
            m_groupKeys.insert({it.key(), key});
            keys.append(QString::fromLatin1(key));
        }
        if (keys.isEmpty())
            continue;
        const auto [sql, values] = keyLookup(it.key(), keys);
        auto query = m_db.run(sql, values);
        if (!query)
            return std::unexpected(query.error());
        while ((*query)->next()) {
            m_groupReplies.insert({it.key(), (*query)->value(0).toString().toLatin1()},
                                  storedFrom(**query, 1));
        }
        (*query)->finish();
    }
    return {};
}

Status IdempotentReplies::storeGroup()
{
    auto stored = m_db.runRows(&IdempotentReplies::insertRows, m_groupNewReplies);
    if (!stored)
        return std::unexpected(stored.error());
    return {};
}

void IdempotentReplies::endGroup()
{
    m_grouping = false;
    m_groupKeys.clear();
    m_groupReplies.clear();
    m_groupNewReplies.clear();
}

IdempotentReplies::Stored IdempotentReplies::storedFrom(const QSqlQuery &query, int first)
{
    Stored stored;
    stored.requestHash = query.value(first).toByteArray();
    HttpReply &reply = stored.reply;
    reply.status = query.value(first + 1).toInt();
    const QCborMap headers
        = readCbor(query.value(first + 2).toByteArray()).value_or(QCborValue()).toMap();
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

QString IdempotentReplies::insertRows(int rows)
{
    return QStringLiteral("INSERT INTO rest_requests (token_id, idempotency_key, "
                          "request_hash, status, headers, body, created_at) VALUES ")
           + Database::repeatRows(u"(?, ?, ?, ?, ?, ?, ?)", rows);
}

std::pair<QString, QVariantList> IdempotentReplies::keyLookup(qint64 tokenId,
                                                              QVariantList keys) const
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

} // namespace Stockroom::Sync
