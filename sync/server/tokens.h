#pragma once

// Tokens: the bearer tokens an administrator issues to workstations and integrations.
//
// A token is 32 random bytes from libsodium, shown once as "srt_" + base64url. The server
// keeps only its SHA-256 (a token has full entropy, so a slow hash adds nothing), with a
// name, a role, the warehouses it may see (none listed: all), an optional expiry, and
// the time it was revoked.
//
// A grant found valid is remembered for grantLifetime, so that an integration's requests
// and a workstation's pushes do not each read the token table (on PostgreSQL that is a
// round trip per request). A token revoked through another TokenStore (the admin command,
// another server instance, another of this server's connections) therefore stops working
// within grantLifetime; one revoked through this store stops at once. Expiry is checked on
// every use, and a refusal is never remembered, so a new token works at once.

#include "model/domain/types.h"
#include "model/storage/database.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QHash>
#include <QSet>

namespace Stockroom::Sync {

struct TokenInfo
{
    qint64 id = 0;
    QString name;
    Role role = Role::Clerk;
    QStringList warehouseCodes; // empty: every warehouse
    QSet<qint64> warehouseIds;  // the same, as location ids; empty: every warehouse
    QDateTime createdAt;
    QDateTime expiresAt; // invalid: never
    QDateTime revokedAt; // invalid: not revoked

    bool allWarehouses() const { return warehouseIds.isEmpty(); }
    bool maySee(qint64 warehouseId) const
    {
        return allWarehouses() || warehouseIds.contains(warehouseId);
    }
};

// Why a token was refused, in the protocol's words (see ProtocolError codes).
struct TokenRefusal
{
    QString code; // unauthorized, token-revoked, token-expired; unavailable (try again)
    QString message;
};

class TokenStore
{
public:
    static constexpr std::chrono::milliseconds grantLifetime{2000};

    explicit TokenStore(Database &db);

    // Returns the token itself, which is shown once and never stored. now is when it is
    // issued (or revoked), on the caller's clock.
    Result<QString> issue(const QString &name,
                          Role role,
                          const QStringList &warehouseCodes,
                          const QDateTime &expiresAt,
                          const QDateTime &now);
    Result<QList<TokenInfo>> list() const;
    Status revoke(const QString &name, const QDateTime &now);

    // The token's grant, or why it is refused. now is the server's own clock.
    std::expected<TokenInfo, TokenRefusal> authenticate(const QString &token,
                                                        const QDateTime &now) const;

private:
    static QString hashOf(const QString &token);
    Result<TokenInfo> read(const QSqlQuery &query) const;

    struct RememberedGrant
    {
        TokenInfo info;
        QDeadlineTimer fresh; // the server's steady clock, not the wall clock
    };

    Database &m_db;
    mutable QHash<QString, RememberedGrant> m_grants; // by token
};

} // namespace Stockroom::Sync
