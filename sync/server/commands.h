#pragma once

// stockroom-server's subcommands, in the conventions of model/io/commandline.h.

#include "model/io/commandline.h"
#include "model/storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>

namespace Stockroom::Server {

int runServe(const QStringList &arguments);
int runToken(const QStringList &arguments);
int runUser(const QStringList &arguments);
int runKeygen(const QStringList &arguments);

// Adds the server database's --db and --key-file to a parser.
inline void addDatabaseOptions(QCommandLineParser &parser)
{
    CommandLine::addDatabaseOptions(parser,
                                    QCoreApplication::translate("stockroom-server",
                                                                "The server's database file."));
}

using CommandLine::failWith;
using CommandLine::openDatabase;
using CommandLine::parseOrExit;
using CommandLine::print;

} // namespace Stockroom::Server
