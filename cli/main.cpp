// stockroom-cli: scripts' and integrations' way into a Stockroom database.

#include "commands.h"

#include "model/tr.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Stockroom;

namespace {

struct Command
{
    const char *name;
    int (*run)(const QStringList &);
    const char *summary;
};

const Command commands[] = {
    {"init", Cli::runInit, "create an encrypted database and its first admin"},
    {"demo", Cli::runDemo, "create a database filled with realistic demo data"},
    {"import", Cli::runImport, "import products, locations or opening stock from CSV"},
    {"export", Cli::runExport, "export products, locations or stock as CSV"},
    {"record", Cli::runRecord, "record a receipt, issue, transfer, adjustment or count"},
    {"stock", Cli::runStock, "show stock on hand, a summary, or alerts"},
    {"verify", Cli::runVerify, "check the ledger's hash chain and rebuild every projection"},
    {"rekey", Cli::runRekey, "re-encrypt the database under a new key"},
};

void usage(FILE *out)
{
    std::fprintf(out, "usage: stockroom-cli <command> [options]\n\ncommands:\n");
    for (const Command &command : commands)
        std::fprintf(out, "  %-8s %s\n", command.name, command.summary);
    std::fprintf(out, "\n'stockroom-cli <command> --help' describes a command's options.\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stockroom-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STOCKROOM_VERSION));
    QStringList arguments = app.arguments();
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help")
        || arguments.at(1) == QLatin1String("-h")) {
        usage(arguments.size() < 2 ? stderr : stdout);
        return arguments.size() < 2 ? 2 : 0;
    }
    if (arguments.at(1) == QLatin1String("--version")) {
        std::printf("stockroom-cli %s\n", STOCKROOM_VERSION);
        return 0;
    }
    const QString name = arguments.takeAt(1);
    arguments[0] = QStringLiteral("stockroom-cli ") + name;
    for (const Command &command : commands) {
        if (name == QLatin1String(command.name))
            return command.run(arguments);
    }
    std::fprintf(stderr, "stockroom-cli: unknown command '%s'\n", qPrintable(name));
    usage(stderr);
    return 2;
}
