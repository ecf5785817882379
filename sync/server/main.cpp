// stockroom-server: the central sync server and its administration.

#include "commands.h"

#include "eventloop.h"

#include <QCoreApplication>

using namespace Stockroom;

namespace {

const CommandLine::Subcommand commands[] = {
    {"serve", Server::runServe, "serve workstations over WebSockets"},
    {"token", Server::runToken, "issue, list or revoke the tokens workstations sign in with"},
    {"user", Server::runUser, "add or list users"},
    {"keygen", Server::runKeygen, "make the key that signs the ledger's checkpoints"},
};

} // namespace

int main(int argc, char **argv)
{
    Sync::useQtEventLoop(); // fewer system calls a request; see eventloop.h
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stockroom-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    return CommandLine::dispatch(app.arguments(),
                                 commands,
                                 "The server's database is a Stockroom database: create it with "
                                 "'stockroom-cli init' (or 'demo').\n");
}
