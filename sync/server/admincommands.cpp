// token, user and keygen: what an administrator of the server does by hand.

#include "commands.h"

#include "model/domain/clock.h"
#include "model/domain/tr.h"
#include "model/io/passphrase.h"
#include "model/services/catalog.h"
#include "model/services/userservice.h"
#include "signingkey.h"
#include "tokens.h"

namespace Stockroom::Server {

namespace {

// Splits "<action> [options]" off the arguments; the action must be one of actions.
std::optional<QString> actionOf(QStringList &arguments, const QStringList &actions)
{
    if (arguments.size() < 2 || !actions.contains(arguments.at(1)))
        return std::nullopt;
    const QString action = arguments.takeAt(1);
    arguments[0] += QLatin1Char(' ') + action;
    return action;
}

QString timeOrDash(const QDateTime &moment)
{
    return moment.isValid() ? moment.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

int issueToken(const QStringList &arguments)
{
    SystemClock clock;
    QCommandLineParser parser;
    addDatabaseOptions(parser);
    parser.addOption({QStringLiteral("name"),
                      Tr::tr("A name for the token, such as the workstation's."),
                      Tr::tr("name")});
    parser.addOption({QStringLiteral("role"),
                      Tr::tr("clerk, manager or admin."),
                      Tr::tr("role"),
                      QStringLiteral("clerk")});
    parser.addOption({QStringLiteral("warehouse"),
                      Tr::tr("A warehouse the token may see (repeat for more; none: all)."),
                      Tr::tr("code")});
    parser.addOption({QStringLiteral("expires-days"),
                      Tr::tr("Days until the token expires (default: never)."),
                      Tr::tr("days")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Issues a token and prints it. It is shown only once.")))
        return *exit;
    const auto role = roleFromString(parser.value(QStringLiteral("role")));
    if (!role)
        return failWith(Tr::tr("--role is clerk, manager or admin."));
    QDateTime expires;
    if (parser.isSet(QStringLiteral("expires-days"))) {
        bool ok = false;
        const int days = parser.value(QStringLiteral("expires-days")).toInt(&ok);
        if (!ok || days <= 0)
            return failWith(Tr::tr("--expires-days takes a positive number of days."));
        expires = clock.now().addDays(days);
    }
    auto db = openDatabase(parser);
    if (!db)
        return failWith(db.error().message);
    auto token = Sync::TokenStore(**db).issue(parser.value(QStringLiteral("name")),
                                              *role,
                                              parser.values(QStringLiteral("warehouse")),
                                              expires,
                                              clock.now());
    if (!token)
        return failWith(token.error().message);
    print(*token + QLatin1Char('\n'));
    return 0;
}

int listTokens(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDatabaseOptions(parser);
    if (auto exit = parseOrExit(parser, arguments, Tr::tr("Lists the tokens, never their values.")))
        return *exit;
    auto db = openDatabase(parser);
    if (!db)
        return failWith(db.error().message);
    auto tokens = Sync::TokenStore(**db).list();
    if (!tokens)
        return failWith(tokens.error().message);
    print(QStringLiteral("%1 %2 %3 %4 %5 %6\n")
              .arg(Tr::tr("name"), -20)
              .arg(Tr::tr("role"), -8)
              .arg(Tr::tr("warehouses"), -16)
              .arg(Tr::tr("created"), -21)
              .arg(Tr::tr("expires"), -21)
              .arg(Tr::tr("revoked")));
    for (const Sync::TokenInfo &token : std::as_const(*tokens)) {
        const QString warehouses = token.warehouseCodes.isEmpty()
                                       ? Tr::tr("all")
                                       : token.warehouseCodes.join(QLatin1Char(','));
        print(QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                  .arg(token.name, -20)
                  .arg(toString(token.role), -8)
                  .arg(warehouses, -16)
                  .arg(timeOrDash(token.createdAt), -21)
                  .arg(timeOrDash(token.expiresAt), -21)
                  .arg(timeOrDash(token.revokedAt)));
    }
    return 0;
}

int revokeToken(const QStringList &arguments)
{
    SystemClock clock;
    QCommandLineParser parser;
    addDatabaseOptions(parser);
    parser.addOption({QStringLiteral("name"), Tr::tr("The token to revoke."), Tr::tr("name")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Revokes a token; a workstation using it is refused at "
                                       "once.")))
        return *exit;
    auto db = openDatabase(parser);
    if (!db)
        return failWith(db.error().message);
    if (auto revoked = Sync::TokenStore(**db).revoke(parser.value(QStringLiteral("name")),
                                                     clock.now());
        !revoked)
        return failWith(revoked.error().message);
    print(Tr::tr("Revoked %1.\n").arg(parser.value(QStringLiteral("name"))));
    return 0;
}

int addUser(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDatabaseOptions(parser);
    parser.addOption({QStringLiteral("username"), Tr::tr("The user name."), Tr::tr("name")});
    parser.addOption(
        {QStringLiteral("name"), Tr::tr("The name shown for the user."), Tr::tr("text")});
    parser.addOption({QStringLiteral("role"),
                      Tr::tr("clerk, manager or admin."),
                      Tr::tr("role"),
                      QStringLiteral("clerk")});
    parser.addOption({QStringLiteral("password-file"),
                      Tr::tr("Read the password from this file (else STOCKROOM_USER_PASSWORD, "
                             "else a prompt)."),
                      Tr::tr("path")});
    parser.addOption({QStringLiteral("admin"),
                      Tr::tr("The admin who adds the user."),
                      Tr::tr("name"),
                      QStringLiteral("admin")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Adds a user; workstations receive it at their next sync.")))
        return *exit;
    const auto role = roleFromString(parser.value(QStringLiteral("role")));
    if (!role)
        return failWith(Tr::tr("--role is clerk, manager or admin."));
    auto db = openDatabase(parser);
    if (!db)
        return failWith(db.error().message);
    auto password = Passphrase::obtain({Tr::tr("the user's password"),
                                        parser.value(QStringLiteral("password-file")),
                                        QStringLiteral("--password-file"),
                                        "STOCKROOM_USER_PASSWORD"},
                                       Tr::tr("Password for %1: ")
                                           .arg(parser.value(QStringLiteral("username"))));
    if (!password)
        return failWith(password.error().message);
    SystemClock clock;
    UserService users(**db, clock);
    auto admin = users.actorFor(parser.value(QStringLiteral("admin")));
    if (!admin)
        return failWith(admin.error().message);
    auto user = users.createUser(*admin,
                                 {parser.value(QStringLiteral("username")),
                                  parser.value(QStringLiteral("name")),
                                  *role,
                                  *password});
    if (!user)
        return failWith(user.error().message);
    print(Tr::tr("Added %1 (%2).\n").arg(user->username, toString(user->role)));
    return 0;
}

int listUsers(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDatabaseOptions(parser);
    if (auto exit = parseOrExit(parser, arguments, Tr::tr("Lists the users.")))
        return *exit;
    auto db = openDatabase(parser);
    if (!db)
        return failWith(db.error().message);
    auto users = Catalog(**db).users();
    if (!users)
        return failWith(users.error().message);
    for (const User &user : std::as_const(*users)) {
        print(QStringLiteral("%1 %2 %3 %4\n")
                  .arg(user.username, -20)
                  .arg(toString(user.role), -8)
                  .arg(user.active ? Tr::tr("active") : Tr::tr("inactive"), -8)
                  .arg(user.displayName));
    }
    return 0;
}

} // namespace

int runToken(const QStringList &arguments)
{
    QStringList rest = arguments;
    const auto action = actionOf(rest,
                                 {QStringLiteral("issue"),
                                  QStringLiteral("list"),
                                  QStringLiteral("revoke")});
    if (!action) {
        failWith(Tr::tr("usage: stockroom-server token issue|list|revoke [options]"));
        return 2;
    }
    if (*action == QLatin1String("issue"))
        return issueToken(rest);
    if (*action == QLatin1String("list"))
        return listTokens(rest);
    return revokeToken(rest);
}

int runUser(const QStringList &arguments)
{
    QStringList rest = arguments;
    const auto action = actionOf(rest, {QStringLiteral("add"), QStringLiteral("list")});
    if (!action) {
        failWith(Tr::tr("usage: stockroom-server user add|list [options]"));
        return 2;
    }
    return *action == QLatin1String("add") ? addUser(rest) : listUsers(rest);
}

int runKeygen(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("signing-key"),
                      Tr::tr("Where to write the new key; its public key goes to the same "
                             "name with .pub."),
                      Tr::tr("path")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Makes the Ed25519 key that signs the ledger's "
                                       "checkpoints (serve --signing-key). Keep it apart from "
                                       "the database's key.")))
        return *exit;
    const QString path = parser.value(QStringLiteral("signing-key"));
    if (path.isEmpty())
        return failWith(Tr::tr("Give the key file to write with --signing-key."));
    auto key = Sync::SigningKey::create(path);
    if (!key)
        return failWith(key.error().message);
    print(Tr::tr("Wrote %1 and %1.pub. Public key: %2\n")
              .arg(path, QString::fromLatin1(key->publicKey().toBase64())));
    return 0;
}

} // namespace Stockroom::Server
