#include "commandline.h"

#include "model/domain/tr.h"
#include "passphrase.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace Stockroom::CommandLine {

namespace {

void usage(FILE *out, std::span<const Subcommand> commands, const char *footer)
{
    const QByteArray program = QCoreApplication::applicationName().toUtf8();
    std::fprintf(out, "usage: %s <command> [options]\n\ncommands:\n", program.constData());
    for (const Subcommand &command : commands)
        std::fprintf(out, "  %-8s %s\n", command.name, command.summary);
    std::fprintf(out,
                 "\n%s'%s <command> --help' describes a command's options.\n",
                 footer,
                 program.constData());
}

} // namespace

void addDatabaseOptions(QCommandLineParser &parser, const QString &dbDescription)
{
    parser.addOption({QStringLiteral("db"), dbDescription, Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("key-file"),
         Tr::tr("Read the database key from this file (else STOCKROOM_DB_KEY, else a prompt)."),
         Tr::tr("path")});
}

SecretSource databaseKey(const QString &keyFile)
{
    return {Tr::tr("the database key"), keyFile, QStringLiteral("--key-file"), "STOCKROOM_DB_KEY"};
}

Result<std::unique_ptr<Database>> openDatabase(const QCommandLineParser &parser, QString *passphrase)
{
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("Give the database with --db."));
    if (Database::isPostgresUrl(path))
        return Database::open(path, QString());
    auto key = Passphrase::obtain(databaseKey(parser.value(QStringLiteral("key-file"))),
                                  Tr::tr("Key for %1: ").arg(path));
    if (!key)
        return std::unexpected(key.error());
    if (passphrase)
        *passphrase = *key; // for more connections to the same file
    return Database::open(path, *key);
}

Result<QString> newDatabaseKey(const QString &location, const QString &keyFile)
{
    if (Database::isPostgresUrl(location))
        return QString();
    return Passphrase::obtainNew(databaseKey(keyFile));
}

int dispatch(QStringList arguments, std::span<const Subcommand> commands, const char *footer)
{
    const QString program = QCoreApplication::applicationName();
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help")
        || arguments.at(1) == QLatin1String("-h")) {
        usage(arguments.size() < 2 ? stderr : stdout, commands, footer);
        return arguments.size() < 2 ? 2 : 0;
    }
    if (arguments.at(1) == QLatin1String("--version")) {
        print(program + QLatin1Char(' ') + QCoreApplication::applicationVersion()
              + QLatin1Char('\n'));
        return 0;
    }
    const QString name = arguments.takeAt(1);
    arguments[0] = program + QLatin1Char(' ') + name;
    for (const Subcommand &command : commands) {
        if (name == QLatin1String(command.name))
            return command.run(arguments);
    }
    std::fprintf(stderr, "%s: unknown command '%s'\n", qPrintable(program), qPrintable(name));
    usage(stderr, commands, footer);
    return 2;
}

std::optional<int> parseOrExit(QCommandLineParser &parser,
                               const QStringList &arguments,
                               const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        std::fprintf(stderr,
                     "%s: %s\n",
                     qPrintable(arguments.first()),
                     qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        print(parser.helpText());
        return 0;
    }
    return std::nullopt;
}

int failWith(const QString &message)
{
    std::fprintf(stderr,
                 "%s: %s\n",
                 qPrintable(QCoreApplication::applicationName()),
                 qPrintable(message.simplified()));
    return 1;
}

void print(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

} // namespace Stockroom::CommandLine
