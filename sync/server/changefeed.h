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
    // The record's item, or an empty map when it is gone or this token may not see it.
    Result<QCborMap> masterItem(const QString &entity,
                                const QString &entityKey,
                                const TokenInfo &token);
    Result<QString> uuidOf(const char *table, qint64 id, QHash<qint64, QString> &cache);

    Database &m_db;
};

} // namespace Stockroom::Sync
