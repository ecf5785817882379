#include "tokens.h"

#include "model/domain/tr.h"
#include "model/services/catalog.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTimeZone>

#include <sodium.h>

namespace Stockroom::Sync {

namespace {

constexpr QLatin1String tokenPrefix("srt_");

constexpr qsizetype maxRememberedGrants = 4096;

TokenRefusal expired(const TokenInfo &info)
{
    return {QStringLiteral("token-expired"),
            QStringLiteral("Token %1 expired on %2.")
                .arg(info.name, info.expiresAt.toString(Qt::ISODate))};
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::utc());
}

} // namespace

TokenStore::TokenStore(Database &db)
    : m_db(db)
{}

QString TokenStore::hashOf(const QString &token)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Result<QString> TokenStore::issue(const QString &name,
                                  Role role,
                                  const QStringList &warehouseCodes,
                                  const QDateTime &expiresAt,
                                  const QDateTime &now)
{
    if (name.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("A token needs a name."));
    Catalog catalog(m_db);
    for (const QString &code : warehouseCodes) {
        auto location = catalog.findLocation(code);
        if (!location || location->kind != LocationKind::Warehouse)
            return fail(ErrorCode::NotFound, Tr::tr("There is no warehouse %1.").arg(code));
    }
    if (sodium_init() < 0)
        return fail(ErrorCode::Database, Tr::tr("The random number generator is not available."));
    QByteArray secret(32, Qt::Uninitialized);
    randombytes_buf(secret.data(), size_t(secret.size()));
    const QString token = tokenPrefix
                          + QString::fromLatin1(secret.toBase64(QByteArray::Base64UrlEncoding
                                                                | QByteArray::OmitTrailingEquals));
    auto insert = m_db.prepare(QStringLiteral(
        "INSERT INTO sync_tokens (name, token_hash, role, warehouses, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    if (!insert)
        return std::unexpected(insert.error());
    insert->addBindValue(name.trimmed());
    insert->addBindValue(hashOf(token));
    insert->addBindValue(toString(role));
    insert->addBindValue(warehouseCodes.join(QLatin1Char(',')));
    insert->addBindValue(now.toMSecsSinceEpoch());
    insert->addBindValue(expiresAt.isValid() ? QVariant(expiresAt.toMSecsSinceEpoch()) : QVariant());
    if (auto done = Database::exec(*insert); !done) {
        if (isUniqueViolation(*insert))
            return fail(ErrorCode::Duplicate, Tr::tr("A token named %1 exists already.").arg(name));
        return std::unexpected(done.error());
    }
    return token;
}

Result<TokenInfo> TokenStore::read(const QSqlQuery &query) const
{
    TokenInfo info;
    info.id = query.value(0).toLongLong();
    info.name = query.value(1).toString();
    info.role = roleFromString(query.value(2).toString()).value_or(Role::Clerk);
    const QString codes = query.value(3).toString();
    if (!codes.isEmpty())
        info.warehouseCodes = codes.split(QLatin1Char(','));
    info.createdAt = fromMs(query.value(4));
    info.expiresAt = fromMs(query.value(5));
    info.revokedAt = fromMs(query.value(6));
    Catalog catalog(m_db);
    for (const QString &code : std::as_const(info.warehouseCodes)) {
        auto location = catalog.findLocation(code);
        if (!location)
            return fail(ErrorCode::NotFound,
                        Tr::tr("Token %1 names warehouse %2, which no longer exists.")
                            .arg(info.name, code));
        info.warehouseIds.insert(location->id);
    }
    return info;
}

Result<QList<TokenInfo>> TokenStore::list() const
{
    QSqlQuery query(m_db.connection());
    if (!query.exec(QStringLiteral("SELECT id, name, role, warehouses, created_at, expires_at, "
                                   "revoked_at FROM sync_tokens ORDER BY name")))
        return std::unexpected(queryError(query));
    QList<TokenInfo> all;
    while (query.next()) {
        auto info = read(query);
        if (!info)
            return std::unexpected(info.error());
        all.append(*info);
    }
    return all;
}

Status TokenStore::revoke(const QString &name, const QDateTime &now)
{
    auto update = m_db.prepare(QStringLiteral(
        "UPDATE sync_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"));
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(now.toMSecsSinceEpoch());
    update->addBindValue(name);
    if (auto done = Database::exec(*update); !done)
        return done;
    if (update->numRowsAffected() != 1)
        return fail(ErrorCode::NotFound, Tr::tr("There is no active token named %1.").arg(name));
    m_grants.removeIf(
        [&name](const auto &entry) { return entry.value().info.name == name.trimmed(); });
    return {};
}

std::expected<TokenInfo, TokenRefusal> TokenStore::authenticate(const QString &token,
                                                                const QDateTime &now) const
{
    // Protocol messages, not translated: the peer shows them as they come.
    const TokenRefusal unknown{QStringLiteral("unauthorized"),
                               QStringLiteral("The token is not known to this server.")};
    if (!token.startsWith(tokenPrefix))
        return std::unexpected(unknown);
    if (const auto remembered = m_grants.constFind(token); remembered != m_grants.cend()) {
        if (!remembered->fresh.hasExpired()) {
            if (remembered->info.expiresAt.isValid() && remembered->info.expiresAt <= now)
                return std::unexpected(expired(remembered->info));
            return remembered->info;
        }
        m_grants.erase(remembered);
    }
    auto query = m_db.run(QStringLiteral("SELECT id, name, role, warehouses, created_at, "
                                         "expires_at, revoked_at FROM sync_tokens "
                                         "WHERE token_hash = ?"),
                          {hashOf(token)});
    // A database that does not answer says nothing about the token: the peer is to try
    // again, not to give its token up.
    if (!query)
        return std::unexpected(
            TokenRefusal{QStringLiteral("unavailable"),
                         QStringLiteral("The server could not check the token: %1")
                             .arg(query.error().message)});
    if (!(*query)->next())
        return std::unexpected(unknown);
    auto info = read(**query);
    (*query)->finish();
    if (!info)
        return std::unexpected(TokenRefusal{QStringLiteral("unauthorized"), info.error().message});
    if (info->revokedAt.isValid())
        return std::unexpected(
            TokenRefusal{QStringLiteral("token-revoked"),
                         QStringLiteral("Token %1 was revoked.").arg(info->name)});
    if (info->expiresAt.isValid() && info->expiresAt <= now)
        return std::unexpected(expired(*info));
    // Bounded by the tokens issued; the stale ones go when the table grows past that.
    if (m_grants.size() >= maxRememberedGrants) {
        m_grants.removeIf([](const auto &entry) { return entry.value().fresh.hasExpired(); });
    }
    if (m_grants.size() < maxRememberedGrants)
        m_grants.insert(token, {*info, QDeadlineTimer(grantLifetime)});
    return *info;
}

} // namespace Stockroom::Sync
