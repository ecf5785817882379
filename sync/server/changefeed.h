#pragma once

// ChangeFeed: what a pull returns (docs/sync-protocol.md, "pull").
//
// Master data comes first, from the master_changes feed that triggers keep, each record
// in its whole current state; then ledger lines in ledger order, a movement's lines always
// in one page. Records and movements a token may not see are left out, but the cursor
// still passes them.

#include "sync/protocol/protocol.h"
#include "tokens.h"

#include "model/storage/database.h"

#include <QHash>

#include <initializer_list>

namespace Stockroom::Sync {

struct PullPage
{
    QCborArray items;
    Cursor cursor;
    bool more = false;
};

class ChangeFeed
{
public:
    explicit ChangeFeed(Database &db);

    // The page after from for a device holding token. The device's own movements are
    // left out (it has them: it made them), though the cursor passes them.
    Result<PullPage> pull(const TokenInfo &token,
                          const QString &deviceId,
                          const Cursor &from,
                          int limit);

private:
    enum class As { Text, Integer, Bool, Nullable };
    struct Column
    {
        const char *key;
        As as;
    };
    // The first row of sql as a map of the named columns; an empty map when there is none.
    Result<QCborMap> row(const QString &sql,
                         const QVariantList &args,
                         std::initializer_list<Column> columns);
    Result<QCborMap> masterItem(const QString &entity,
                                const QString &entityKey,
                                const TokenInfo &token);
    Result<QCborMap> productItem(const QString &uuid);
    Result<QCborMap> thresholdItem(const QString &entityKey, const TokenInfo &token);
    Result<QString> uuidOf(const char *table, qint64 id, QHash<qint64, QString> &cache);

    Database &m_db;
};

} // namespace Stockroom::Sync
