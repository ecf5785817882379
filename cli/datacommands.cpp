// init, demo, import, export, verify and rekey.

#include "clisession.h"
#include "commands.h"

#include "model/domain/tr.h"
#include "model/io/csvexporter.h"
#include "model/io/csvimporter.h"
#include "model/io/demodata.h"
#include "model/io/keyfile.h"
#include "model/io/passphrase.h"
#include "model/storage/setup.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTimeZone>

#include <cstdio>
#include <optional>

namespace Stockroom::Cli {

namespace {

void stderrProgress(const QString &stage, qint64 done, qint64 total)
{
    std::fprintf(stderr,
                 "  %s: %lld of %lld\n",
                 qPrintable(stage),
                 qlonglong(done),
                 qlonglong(total));
}

} // namespace

void addTimeZoneOption(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("time-zone"),
                      Tr::tr("The time zone that days are counted in."),
                      Tr::tr("IANA id"),
                      QString::fromLatin1(QTimeZone::systemTimeZoneId())});
}

Result<QTimeZone> timeZoneOption(const QCommandLineParser &parser)
{
    const QString id = parser.value(QStringLiteral("time-zone"));
    const QTimeZone zone(id.toUtf8());
    if (!zone.isValid())
        return fail(ErrorCode::InvalidInput, Tr::tr("Unknown time zone %1.").arg(id));
    return zone;
}

int runInit(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("db"), Tr::tr("The database file to create."), Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("key-file"), Tr::tr("Read the new key from this file."), Tr::tr("path")});
    parser.addOption({QStringLiteral("admin"),
                      Tr::tr("The first admin's user name."),
                      Tr::tr("name"),
                      QStringLiteral("admin")});
    parser.addOption({QStringLiteral("admin-password-file"),
                      Tr::tr("Read the admin's password from this file (else "
                             "STOCKROOM_ADMIN_PASSWORD, else a prompt)."),
                      Tr::tr("path")});
    addTimeZoneOption(parser);
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Creates an encrypted Stockroom database.")))
        return *exit;
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        return failWith(Tr::tr("Give the database to create with --db."));
    const auto zone = timeZoneOption(parser);
    if (!zone)
        return failWith(zone.error().message);
    auto key = CommandLine::newDatabaseKey(path, parser.value(QStringLiteral("key-file")));
    if (!key)
        return failWith(key.error().message);
    auto password = Passphrase::obtain({Tr::tr("the admin's password"),
                                        parser.value(QStringLiteral("admin-password-file")),
                                        QStringLiteral("--admin-password-file"),
                                        "STOCKROOM_ADMIN_PASSWORD"},
                                       Tr::tr("Password for the admin: "));
    if (!password)
        return failWith(password.error().message);

    SystemClock clock;
    auto db = Setup::createDatabase({path,
                                     *key,
                                     *zone,
                                     parser.value(QStringLiteral("admin")),
                                     *password},
                                    clock);
    if (!db)
        return failWith(db.error().message);
    if ((*db)->isPostgres()) {
        print(Tr::tr("Created the Stockroom tables in %1 (PostgreSQL), admin %2.\n")
                  .arg((*db)->path(), parser.value(QStringLiteral("admin"))));
    } else {
        print(Tr::tr("Created %1 (SQLCipher %2), admin %3.\n")
                  .arg(path, (*db)->cipherVersion(), parser.value(QStringLiteral("admin"))));
    }
    return 0;
}

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("db"), Tr::tr("The database file to create."), Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("key-file"), Tr::tr("Read the new key from this file."), Tr::tr("path")});
    parser.addOption({QStringLiteral("products"),
                      Tr::tr("How many products."),
                      Tr::tr("n"),
                      QStringLiteral("5000")});
    parser.addOption({QStringLiteral("movements"),
                      Tr::tr("How many movements."),
                      Tr::tr("n"),
                      QStringLiteral("200000")});
    parser.addOption(
        {QStringLiteral("days"), Tr::tr("Over how many days."), Tr::tr("n"), QStringLiteral("180")});
    parser.addOption({QStringLiteral("home-bins"),
                      Tr::tr("Bins each product lives in, per warehouse."),
                      Tr::tr("n"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("last-day"),
                      Tr::tr("The last day of the period (default today)."),
                      Tr::tr("YYYY-MM-DD")});
    parser.addOption({QStringLiteral("seed"),
                      Tr::tr("The random seed."),
                      Tr::tr("n"),
                      QStringLiteral("20260301")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Creates a database filled with deterministic demo data.")))
        return *exit;
    const QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        return failWith(Tr::tr("Give the database to create with --db."));

    DemoOptions options;
    bool ok = true;
    const auto number = [&](const char *name, int minimum) {
        bool valid = false;
        const int value = parser.value(QString::fromLatin1(name)).toInt(&valid);
        ok = ok && valid && value >= minimum;
        return value;
    };
    options.products = number("products", 1);
    options.movements = number("movements", 0);
    options.days = number("days", 1);
    options.homeBinsPerProduct = number("home-bins", 1);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return failWith(Tr::tr("--products, --movements, --days, --home-bins and --seed take "
                               "positive whole numbers."));
    if (parser.isSet(QStringLiteral("last-day"))) {
        options.lastDay = QDate::fromString(parser.value(QStringLiteral("last-day")), Qt::ISODate);
        if (!options.lastDay.isValid())
            return failWith(Tr::tr("Write --last-day as YYYY-MM-DD."));
    }

    auto key = CommandLine::newDatabaseKey(path, parser.value(QStringLiteral("key-file")));
    if (!key)
        return failWith(key.error().message);
    auto db = Database::create(path, *key);
    if (!db)
        return failWith(db.error().message);
    QElapsedTimer timer;
    timer.start();
    std::fprintf(stderr, "Generating demo data into %s\n", qPrintable(path));
    SystemClock clock;
    auto summary = DemoData::generate(**db, options, clock, stderrProgress);
    if (!summary) {
        db->reset();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        return failWith(summary.error().message);
    }
    print(Tr::tr("Demo database %1: %2 products, %3 locations, %4 ledger lines, in %5 s.\n"
                 "Sign in as %6 (admin), %7 (manager) or %8 (clerk), password \"%9\".\n")
              .arg(path)
              .arg(summary->products)
              .arg(summary->locations)
              .arg(summary->movements)
              .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
              .arg(QString::fromLatin1(DemoData::adminName),
                   QString::fromLatin1(DemoData::managerName),
                   QString::fromLatin1(DemoData::clerkName),
                   QString::fromLatin1(DemoData::password)));
    return 0;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliSession::addOptions(parser);
    parser.addOption(
        {QStringLiteral("table"), Tr::tr("products, locations or stock."), Tr::tr("table")});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 Tr::tr("The CSV file, or - for standard input."));
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Imports a CSV file; all of it, or nothing.")))
        return *exit;
    const auto table = CsvImporter::tableFromName(parser.value(QStringLiteral("table")));
    if (!table)
        return failWith(Tr::tr("Give --table products, locations or stock."));
    if (parser.positionalArguments().size() != 1)
        return failWith(Tr::tr("Give one CSV file to import."));
    const QString path = parser.positionalArguments().first();
    QFile file;
    const bool opened = path == QLatin1String("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return failWith(Tr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    const QString text = QString::fromUtf8(file.readAll());

    auto session = CliSession::open(parser);
    if (!session)
        return failWith(session.error().message);
    CsvImporter importer((*session)->db(), (*session)->masterData(), (*session)->movements());
    auto imported = importer.import((*session)->actor(), *table, text);
    if (!imported)
        return failWith(imported.error().message);
    print(Tr::tr("Imported %n row(s).\n", nullptr, *imported));
    return 0;
}

int runExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliSession::addOptions(parser);
    parser.addOption(
        {QStringLiteral("table"), Tr::tr("products, locations or stock."), Tr::tr("table")});
    parser.addOption({QStringLiteral("output"),
                      Tr::tr("The file to write (default: standard output)."),
                      Tr::tr("path")});
    if (auto exit = parseOrExit(parser, arguments, Tr::tr("Exports a table as RFC 4180 CSV.")))
        return *exit;
    const auto table = CsvImporter::tableFromName(parser.value(QStringLiteral("table")));
    if (!table)
        return failWith(Tr::tr("Give --table products, locations or stock."));
    auto session = CliSession::open(parser);
    if (!session)
        return failWith(session.error().message);
    QFile out;
    const QString path = parser.value(QStringLiteral("output"));
    const bool opened = path.isEmpty() ? out.open(stdout, QIODevice::WriteOnly)
                                       : (out.setFileName(path),
                                          out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!opened)
        return failWith(Tr::tr("Cannot write %1: %2").arg(path, out.errorString()));
    auto written = CsvExporter((*session)->db()).write(*table, out);
    if (!written)
        return failWith(written.error().message);
    if (!path.isEmpty())
        print(Tr::tr("Exported %n row(s) to %1.\n", nullptr, *written).arg(path));
    return 0;
}

int runVerify(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliSession::addOptions(parser);
    parser.addOption({QStringLiteral("repair"),
                      Tr::tr("Rewrite every projection (stock, totals per warehouse, daily "
                             "totals) from the ledger, then check again. Needs an admin; the "
                             "ledger itself is never changed.")});
    parser.addOption({QStringLiteral("server-key"),
                      Tr::tr("A server's database: its public signing key file (the .pub that "
                             "'stockroom-server keygen' wrote). Every signed checkpoint must be "
                             "by it."),
                      Tr::tr("path")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Checks the file, the hash chain, the signed checkpoints "
                                       "and every projection against the ledger; with "
                                       "--repair, rebuilds them.")))
        return *exit;
    QByteArray serverKey;
    if (parser.isSet(QStringLiteral("server-key"))) {
        auto read = KeyFile::readPublicKey(parser.value(QStringLiteral("server-key")));
        if (!read)
            return failWith(read.error().message);
        serverKey = *read;
    }
    auto session = CliSession::open(parser);
    if (!session)
        return failWith(session.error().message);
    const bool repair = parser.isSet(QStringLiteral("repair"));
    if (repair && !(*session)->actor().can(Permission::ChangeSettings))
        return failWith((*session)->actor().require(Permission::ChangeSettings).error().message);
    auto report = repair ? (*session)->ledger().repair()
                         : (*session)->ledger().verify({}, serverKey);
    if (!report)
        return failWith(report.error().message);
    if (repair)
        print(Tr::tr("Rebuilt every projection from the ledger, and checked again.\n"));
    for (const VerifyIssue &issue : report->issues) {
        print(Tr::tr("DIFFERS %1: the ledger says %2, stored is %3\n")
                  .arg(issue.where, issue.expected, issue.actual));
    }
    print(Tr::tr("Checked %1 ledger lines, %2 stock rows, %3 daily totals: %4.\n")
              .arg(report->movementsChecked)
              .arg(report->stockRowsChecked)
              .arg(report->dailyRowsChecked)
              .arg(report->isClean()
                       ? Tr::tr("clean")
                       : Tr::tr("%n difference(s)", nullptr, int(report->issues.size()))));
    if (report->checkpointsChecked > 0) {
        print(Tr::tr("Checked %1 signed checkpoints (%2); %3 lines are newer than the newest.\n")
                  .arg(report->checkpointsChecked)
                  .arg(serverKey.isEmpty() ? Tr::tr("each against the key it names: give "
                                                    "--server-key to check that it is the "
                                                    "server's")
                                           : Tr::tr("against the server's key"))
                  .arg(std::max<qint64>(0, report->newestLine - report->newestCheckpoint)));
    }
    auto history = verifyHistory((*session)->db(), (*session)->ledger(), (*session)->clock());
    if (!history)
        return failWith(history.error().message);
    const int differences = int(report->issues.size()) + *history;
    if (differences > 0)
        return failWith(Tr::tr("verify found %n difference(s).", nullptr, differences));
    return 0;
}

int runRekey(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliSession::addOptions(parser);
    parser.addOption(
        {QStringLiteral("new-key-file"),
         Tr::tr("Read the new key from this file (else STOCKROOM_NEW_DB_KEY, else a prompt)."),
         Tr::tr("path")});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Re-encrypts the database under a new key.")))
        return *exit;
    auto session = CliSession::open(parser);
    if (!session)
        return failWith(session.error().message);
    if (!(*session)->actor().can(Permission::ChangeSettings))
        return failWith((*session)->actor().require(Permission::ChangeSettings).error().message);
    auto key = Passphrase::obtainNew({Tr::tr("the new database key"),
                                      parser.value(QStringLiteral("new-key-file")),
                                      QStringLiteral("--new-key-file"),
                                      "STOCKROOM_NEW_DB_KEY"});
    if (!key)
        return failWith(key.error().message);
    if (auto changed = (*session)->db().changeKey(*key); !changed)
        return failWith(changed.error().message);
    print(Tr::tr("The database is now encrypted with the new key.\n"));
    return 0;
}

} // namespace Stockroom::Cli
