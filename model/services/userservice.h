#pragma once

// UserService: users, roles and signing in.
//
// Only an admin creates users, except the very first one, which init creates as an admin.
// A workstation that syncs takes its users from the server and manages none itself.
// Passwords are stored as argon2id hashes. authenticate() gives the same answer for an
// unknown user and a wrong password, so it does not tell which user names exist.

#include "catalog.h"
#include "model/domain/actor.h"
#include "model/domain/clock.h"
#include "model/ledger/auditlog.h"

namespace Stockroom {

struct CreateUser
{
    QString username;
    QString displayName;
    Role role = Role::Clerk;
    QString password;
};

class UserService
{
public:
    UserService(Database &db, const Clock &clock);

    // Creates the first user, an admin, when there is no user yet.
    Result<User> createFirstAdmin(const CreateUser &command);
    Result<User> createUser(const Actor &actor, const CreateUser &command);
    // Disables a user (who can no longer sign in; their movements stay theirs) or enables
    // them again. Admins only; nobody disables themselves.
    Result<User> setActive(const Actor &actor, qint64 userId, bool active);
    Result<Actor> authenticate(const QString &username, const QString &password) const;
    // The actor for a known user without a password check, for trusted local tools.
    Result<Actor> actorFor(const QString &username) const;
    Result<qint64> userCount() const;
    // The user an integration's token records under on a server ("api:<token name>"), made
    // on first use so that the ledger names who recorded a movement; it cannot sign in.
    // Returns its UUID. Makes it in the open transaction, if any, under the writer lock (a
    // new user is a change the server's feed numbers).
    Result<QString> serviceUser(const QString &tokenName, Role role);
    // The service user's name for a token, and whether a name is a service user's (no
    // person's name can be: they hold no colon).
    static QString serviceUserName(const QString &tokenName);
    static bool isServiceUser(const QString &username);

private:
    Result<User> insert(qint64 actingUserId, const CreateUser &command);

    Database &m_db;
    const Clock &m_clock;
    Catalog m_catalog;
    AuditLog m_audit;
};

} // namespace Stockroom
