// stockroom-server: the central sync server and its administration.

#include "commands.h"

#include "model/passphrase.h"
#include "model/tr.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace Stockroom;

namespace {

const CommandLine::Subcommand commands[] = {
    {"serve", Server::runServe, "serve workstations over WebSockets"},
    {"token", Server::runToken, "issue, list or revoke the tokens workstations sign in with"},
    {"user", Server::runUser, "add or list users"},
};

} // namespace

namespace Stockroom::Server {

void addDatabaseOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("db"), Tr::tr("The server's database file."), Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("key-file"),
         Tr::tr("Read the database key from this file (else STOCKROOM_DB_KEY, else a prompt)."),
         Tr::tr("path")});
}

Result<std::unique_ptr<Database>> openDatabase(const QCommandLineParser &parser)
{
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Give the database with --db."));
    if (!QFileInfo::exists(path))
        return fail(ErrorCode::NotFound,
                    Tr::tr("There is no database at %1; create one with 'stockroom-cli init'.")
                        .arg(path));
    auto key = Passphrase::obtain(parser.value(QStringLiteral("key-file")),
                                  "STOCKROOM_DB_KEY",
                                  Tr::tr("Key for %1: ").arg(path));
    if (!key)
        return std::unexpected(key.error());
    return Database::open(path, *key);
}

} // namespace Stockroom::Server

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stockroom-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    return CommandLine::dispatch(app.arguments(),
                                 commands,
                                 "The server's database is a Stockroom database: create it with "
                                 "'stockroom-cli init' (or 'demo').\n");
}
