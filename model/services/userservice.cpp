#include "userservice.h"

#include "model/domain/ids.h"
#include "model/domain/passwords.h"
#include "model/domain/tr.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QUuid>

namespace Stockroom {

namespace {

Status refuseWhileSyncing(const Database &db)
{
    if (!db.syncs())
        return {};
    return fail(ErrorCode::PermissionDenied,
                Tr::tr("This workstation syncs with a server: manage users there "
                       "(stockroom-server user add)."));
}

} // namespace

UserService::UserService(Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
    , m_catalog(db)
    , m_audit(db)
{}

Result<qint64> UserService::userCount() const
{
    auto query = m_db.prepare(QStringLiteral("SELECT count(*) FROM users"));
    if (!query)
        return std::unexpected(query.error());
    if (auto done = Database::exec(*query); !done)
        return std::unexpected(done.error());
    query->next();
    return query->value(0).toLongLong();
}

Result<User> UserService::createFirstAdmin(const CreateUser &command)
{
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto count = userCount();
    if (!count)
        return std::unexpected(count.error());
    if (*count > 0)
        return fail(ErrorCode::PermissionDenied, Tr::tr("This database already has users."));
    CreateUser admin = command;
    admin.role = Role::Admin;
    auto user = insert(0, admin);
    if (!user)
        return user;
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return user;
}

Result<User> UserService::createUser(const Actor &actor, const CreateUser &command)
{
    if (auto ok = actor.require(Permission::ManageUsers); !ok)
        return std::unexpected(ok.error());
    if (auto ok = refuseWhileSyncing(m_db); !ok)
        return std::unexpected(ok.error());
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto user = insert(actor.userId, command);
    if (!user)
        return user;
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return user;
}

Result<User> UserService::setActive(const Actor &actor, qint64 userId, bool active)
{
    if (auto ok = actor.require(Permission::ManageUsers); !ok)
        return std::unexpected(ok.error());
    if (auto ok = refuseWhileSyncing(m_db); !ok)
        return std::unexpected(ok.error());
    if (userId == actor.userId && !active)
        return fail(ErrorCode::InvalidInput, Tr::tr("You cannot disable yourself."));
    auto user = m_catalog.user(userId);
    if (!user)
        return user;
    if (user->active == active)
        return user;
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto update = m_db.prepare(
        QStringLiteral("UPDATE users SET active = ?, version = version + 1 WHERE id = ?"));
    if (!update)
        return std::unexpected(update.error());
    update->addBindValue(portable(active));
    update->addBindValue(userId);
    if (auto done = Database::exec(*update); !done)
        return std::unexpected(done.error());
    if (auto logged = m_audit.record({m_clock.now(),
                                      actor.userId,
                                      QStringLiteral("user"),
                                      userId,
                                      QStringLiteral("update"),
                                      QStringLiteral("active"),
                                      user->active,
                                      active});
        !logged)
        return std::unexpected(logged.error());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return m_catalog.user(userId);
}

QString UserService::serviceUserName(const QString &tokenName)
{
    return QStringLiteral("api:") + tokenName;
}

bool UserService::isServiceUser(const QString &username)
{
    return username.startsWith(QLatin1String("api:"));
}

Result<QString> UserService::serviceUser(const QString &tokenName, Role role)
{
    const QString username = serviceUserName(tokenName);
    auto found = m_catalog.userByName(username);
    if (found)
        return found->uuid;
    if (found.error().code != ErrorCode::NotFound)
        return std::unexpected(found.error());
    auto tx = Transaction::atomic(m_db); // on a server, a share of the write's own
    if (!tx)
        return std::unexpected(tx.error());
    if (auto locked = m_db.lockWriter(); !locked)
        return std::unexpected(locked.error());
    const QString uuid = Ids::create(m_clock.msecsSinceEpoch());
    // No password hashes to "!", so nobody signs in as it.
    auto insert
        = m_db.run(QStringLiteral("INSERT INTO users (uuid, username, display_name, role, "
                                  "password_hash) VALUES (?, ?, ?, ?, '!')"),
                   {uuid, username, QStringLiteral("%1 (API)").arg(tokenName), toString(role)});
    if (!insert)
        return std::unexpected(insert.error());
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return uuid;
}

Result<User> UserService::insert(qint64 actingUserId, const CreateUser &command)
{
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9._-]{2,32}$"));
    const QString username = command.username.trimmed();
    if (!validName.match(username).hasMatch()) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr(
                        "A user name has 2 to 32 letters, digits, dots, dashes or underscores."));
    }
    if (m_catalog.userByName(username))
        return fail(ErrorCode::Duplicate, Tr::tr("The user %1 already exists.").arg(username));
    auto hash = Passwords::hash(command.password);
    if (!hash)
        return std::unexpected(hash.error());

    auto query = m_db.prepare(m_db.returningKey(
        QStringLiteral("INSERT INTO users (uuid, username, display_name, role, password_hash) "
                       "VALUES (?, ?, ?, ?, ?)")));
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(QUuid::createUuid().toString(QUuid::WithoutBraces));
    query->addBindValue(username);
    query->addBindValue(command.displayName.trimmed().isEmpty() ? username
                                                                : command.displayName.trimmed());
    query->addBindValue(toString(command.role));
    query->addBindValue(*hash);
    if (auto done = Database::exec(*query); !done)
        return std::unexpected(done.error());
    const qint64 id = m_db.insertedId(*query);
    if (auto logged = m_audit.record({m_clock.now(),
                                      actingUserId > 0 ? actingUserId : id,
                                      QStringLiteral("user"),
                                      id,
                                      QStringLiteral("create"),
                                      QStringLiteral("role"),
                                      QVariant(),
                                      toString(command.role)});
        !logged)
        return std::unexpected(logged.error());
    return m_catalog.user(id);
}

Result<Actor> UserService::authenticate(const QString &username, const QString &password) const
{
    const auto refused = [] {
        return fail(ErrorCode::PermissionDenied, Tr::tr("Wrong user name or password."));
    };
    auto user = m_catalog.userByName(username);
    if (!user) {
        if (user.error().code != ErrorCode::NotFound)
            return std::unexpected(user.error());
        // Spend the same time as a real check, so timing does not reveal user names.
        Passwords::verify(password,
                          QStringLiteral("$argon2id$v=19$m=65536,t=2,p=1$"
                                         "c29tZXNhbHRzb21lc2FsdA$"
                                         "2bmRnRjFXZdBDr1mP2XYI1n5Y1VJ5KcHgdEN3bHl2uU"));
        return refused();
    }
    auto hash = m_catalog.passwordHash(user->id);
    if (!hash)
        return std::unexpected(hash.error());
    if (!user->active || !Passwords::verify(password, *hash))
        return refused();
    return Actor{user->id, user->username, user->role};
}

Result<Actor> UserService::actorFor(const QString &username) const
{
    auto user = m_catalog.userByName(username);
    if (!user)
        return std::unexpected(user.error());
    if (!user->active)
        return fail(ErrorCode::PermissionDenied, Tr::tr("The user %1 is disabled.").arg(username));
    return Actor{user->id, user->username, user->role};
}

} // namespace Stockroom
