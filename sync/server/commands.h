#pragma once

// stockroom-server's subcommands, in the conventions of model/commandline.h.

#include "model/commandline.h"
#include "model/database.h"

#include <QCommandLineParser>

#include <memory>

namespace Stockroom::Server {

int runServe(const QStringList &arguments);
int runToken(const QStringList &arguments);
int runUser(const QStringList &arguments);

// Adds --db and --key-file to a parser, and opens the database they name.
void addDatabaseOptions(QCommandLineParser &parser);
Result<std::unique_ptr<Database>> openDatabase(const QCommandLineParser &parser);

using CommandLine::failWith;
using CommandLine::parseOrExit;
using CommandLine::print;

} // namespace Stockroom::Server
