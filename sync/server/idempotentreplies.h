#pragma once

// IdempotentReplies: the REST API's replies kept under their Idempotency-Key, so that a
// retried write is answered with the reply it got the first time and never applied again
// (the rest_requests table). A reply is kept a day; expired ones are deleted at most once
// a minute. A reply never echoes what was sent beyond the model's limits, so each is small:
// at most maxStoredReply bytes (the largest, a product with a hundred barcodes of the
// longest, is about a third of it); keep() refuses a larger one, so what a day of writes
// keeps is bounded by the number of writes.
//
// In a group of writes (RestApi::handleAll) the group's keys are looked up in one query per
// token before its writes, and the new replies stored in one statement before its commit.

#include "httpmessage.h"

#include "model/storage/database.h"

#include <QHash>
#include <QMap>
#include <QSet>

class QSqlQuery;

namespace Stockroom::Sync {

class IdempotentReplies
{
public:
    static constexpr qsizetype maxKey = 200;
    static constexpr qsizetype maxStoredReply = 64 * 1024;
    // A day, as the IETF draft suggests.
    static constexpr qint64 keptMs = 24 * 60 * 60 * 1000;

    // A reply kept under its key, with the hash of the request it answered.
    struct Stored
    {
        QByteArray requestHash;
        HttpReply reply;
    };

    // The database must outlive this.
    explicit IdempotentReplies(Database &db);

    // The reply kept under a token's key, if any.
    Result<std::optional<Stored>> find(qint64 tokenId, const QByteArray &key);
    // Keeps the reply to a request; in a group, until storeGroup().
    Status keep(qint64 tokenId, const QByteArray &key, const Stored &stored, qint64 nowMs);

    // From startGroup() to endGroup(): find() answers the keys lookUp() read from what it
    // read, and keep() holds the replies for storeGroup().
    void startGroup() { m_grouping = true; }
    // Reads the replies kept under these keys, by token, in one query per token. A key
    // looked up before in this group is left out.
    Status lookUp(const QMap<qint64, QList<QByteArray>> &keysByToken);
    bool lookedUp(qint64 tokenId, const QByteArray &key) const
    {
        return m_groupKeys.contains({tokenId, key});
    }
    Status storeGroup();
    void endGroup();

private:
    static Stored storedFrom(const QSqlQuery &query, int first);
    static QString insertRows(int rows);
    // The statement and values that read the stored replies of these keys of one token.
    std::pair<QString, QVariantList> keyLookup(qint64 tokenId, QVariantList keys) const;

    Database &m_db;
    qint64 m_prunedAtMs = 0; // when expired replies were last deleted
    bool m_grouping = false;
    // The group's keys: those looked up, the replies stored under them by token (read, or
    // made by this group), and the new ones to store before commit.
    QSet<std::pair<qint64, QByteArray>> m_groupKeys;
    QHash<std::pair<qint64, QByteArray>, Stored> m_groupReplies;
    QList<QVariantList> m_groupNewReplies;
};

} // namespace Stockroom::Sync
