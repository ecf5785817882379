#pragma once

// The CLI's subcommands. Each takes the command line with the command name removed
// (arguments[0] is still the program) and returns the exit code: 0 on success, 1 on a
// failure (after one line on stderr), 2 on a usage error.

#include "model/domain/error.h"
#include "model/io/commandline.h"

#include <QTimeZone>

#include <QStringList>

class QCommandLineParser;

namespace Stockroom {
class Clock;
class Database;
class StockLedger;
} // namespace Stockroom

namespace Stockroom::Cli {

int runInit(const QStringList &arguments);
int runDemo(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runRecord(const QStringList &arguments);
int runStock(const QStringList &arguments);
int runVerify(const QStringList &arguments);
int runRekey(const QStringList &arguments);
int runJoin(const QStringList &arguments);
int runSync(const QStringList &arguments);

// For a workstation that syncs: follows its history chain over the outbox and prints each
// operation whose link kept with the server's answer it no longer reaches. The number of
// those; 0 for a database that does not sync.
Result<int> verifyHistory(Database &db, StockLedger &ledger, const Clock &clock);

// --time-zone, the zone that days are counted in (default: the system's), and its value.
void addTimeZoneOption(QCommandLineParser &parser);
Result<QTimeZone> timeZoneOption(const QCommandLineParser &parser);

using CommandLine::failWith;
using CommandLine::parseOrExit;
using CommandLine::print;

} // namespace Stockroom::Cli
