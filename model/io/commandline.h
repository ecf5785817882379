#pragma once

// CommandLine: what the console programs (stockroom-cli, stockroom-server) share around
// their subcommands. A subcommand returns its exit code: 0 on success, 1 on a failure
// (after one line on stderr), 2 on a usage error.

#include "model/io/passphrase.h"
#include "model/storage/database.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <span>

class QCommandLineParser;

namespace Stockroom::CommandLine {

// The database key's sources: keyFile (from --key-file), else STOCKROOM_DB_KEY.
SecretSource databaseKey(const QString &keyFile);
// Adds --db (described as dbDescription) and --key-file to a parser.
void addDatabaseOptions(QCommandLineParser &parser, const QString &dbDescription);
// Opens the database they name, with the key from --key-file, else STOCKROOM_DB_KEY, else
// a prompt on the terminal. A missing file is refused (Database::open), not created.
Result<std::unique_ptr<Database>> openDatabase(const QCommandLineParser &parser,
                                               QString *passphrase = nullptr);
// The key for a new database at location, from keyFile, else STOCKROOM_DB_KEY, else asked
// twice; none for a PostgreSQL database (Database::isPostgresUrl), which has no key.
Result<QString> newDatabaseKey(const QString &location, const QString &keyFile);

struct Subcommand
{
    const char *name;
    int (*run)(const QStringList &arguments);
    const char *summary;
};

// Runs the subcommand that arguments name, with the name taken out (arguments[0] becomes
// "<program> <name>"), or prints the usage with footer below the list. Handles --help and
// --version; the program's name and version are the application's.
int dispatch(QStringList arguments, std::span<const Subcommand> commands, const char *footer);

// Parses a command's arguments, adding --help. Returns the exit code when the command
// should stop here: 0 after printing help, 2 after a usage error.
std::optional<int> parseOrExit(QCommandLineParser &parser,
                               const QStringList &arguments,
                               const QString &description);
// Prints "<application name>: <message>" on stderr and returns 1.
int failWith(const QString &message);
// Writes text on stdout.
void print(const QString &text);

} // namespace Stockroom::CommandLine
