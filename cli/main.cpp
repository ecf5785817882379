// stockroom-cli: scripts' and integrations' way into a Stockroom database.

#include "commands.h"

#include <QCoreApplication>

using namespace Stockroom;

namespace {

const CommandLine::Subcommand commands[] = {
    {"init", Cli::runInit, "create an encrypted database and its first admin"},
    {"demo", Cli::runDemo, "create a database filled with realistic demo data"},
    {"import", Cli::runImport, "import products, locations or opening stock from CSV"},
    {"export", Cli::runExport, "export products, locations or stock as CSV"},
    {"record", Cli::runRecord, "record a receipt, issue, transfer, adjustment or count"},
    {"stock", Cli::runStock, "show stock on hand, a summary, or alerts"},
    {"verify",
     Cli::runVerify,
     "check the file, the hash chain and every projection; --repair rebuilds them"},
    {"rekey", Cli::runRekey, "re-encrypt the database under a new key"},
    {"join", Cli::runJoin, "create a workstation database that syncs with a server"},
    {"sync", Cli::runSync, "push what is pending and pull what is new"},
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stockroom-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    return CommandLine::dispatch(app.arguments(), commands, "");
}
