#pragma once

// The CLI's subcommands. Each takes the command line with the command name removed
// (arguments[0] is still the program) and returns the exit code: 0 on success, 1 on a
// failure (after one line on stderr), 2 on a usage error.

#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace Stockroom::Cli {

int runInit(const QStringList &arguments);
int runDemo(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runRecord(const QStringList &arguments);
int runStock(const QStringList &arguments);
int runVerify(const QStringList &arguments);
int runRekey(const QStringList &arguments);

// Parses a command's arguments, adding --help. Returns the exit code when the command
// should stop here: 0 after printing help, 2 after a usage error.
std::optional<int> parseOrExit(QCommandLineParser &parser,
                               const QStringList &arguments,
                               const QString &description);
// Prints "stockroom-cli: <message>" on stderr and returns 1.
int failWith(const QString &message);
// Writes text on stdout.
void print(const QString &text);

} // namespace Stockroom::Cli
