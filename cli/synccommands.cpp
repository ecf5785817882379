// join and sync: a workstation's database and the sync server.

#include "commands.h"

#include "model/domain/tr.h"
#include "model/io/passphrase.h"
#include "model/ledger/outbox.h"
#include "sync/client/syncclient.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QTimeZone>

namespace Stockroom::Cli {

namespace {

const QString serverSetting = QStringLiteral("sync.server");
const QString tokenSetting = QStringLiteral("sync.token");

void addSyncOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("ca-cert"),
                      Tr::tr("Trust this PEM certificate for a wss:// server."),
                      Tr::tr("path")});
    parser.addOption({QStringLiteral("timeout"),
                      Tr::tr("Give up after this many seconds."),
                      Tr::tr("seconds"),
                      QStringLiteral("60")});
}

// Connects, pushes everything pending, pulls everything new, and disconnects.
int syncOnce(Database &db, const QCommandLineParser &parser)
{
    Sync::ClientOptions options;
    options.server = QUrl(db.setting(serverSetting));
    options.token = db.setting(tokenSetting);
    if (!options.server.isValid() || options.token.isEmpty())
        return failWith(
            Tr::tr("%1 has not joined a server; use 'stockroom-cli join'.").arg(db.path()));
    const QString ca = parser.value(QStringLiteral("ca-cert"));
    if (!ca.isEmpty()) {
        options.caCertificates = QSslCertificate::fromPath(ca);
        if (options.caCertificates.isEmpty())
            return failWith(Tr::tr("No PEM certificate could be read from %1.").arg(ca));
    }
    bool ok = false;
    const int timeout = parser.value(QStringLiteral("timeout")).toInt(&ok);
    if (!ok || timeout <= 0)
        return failWith(Tr::tr("--timeout takes a number of seconds."));

    StockLedger ledger(db);
    SystemClock clock;
    Sync::SyncClient client(db, ledger, clock, options);
    QEventLoop loop;
    int exitCode = 1;
    int answered = 0;
    int rejected = 0;
    int conflicts = 0;
    QObject::connect(&client,
                     &Sync::SyncClient::answered,
                     &loop,
                     [&](const RecordedAnswers &results) {
                         answered += results.applied + results.rejected;
                         rejected += results.rejected;
                         conflicts += results.conflicts;
                     });
    QObject::connect(&client, &Sync::SyncClient::synced, &loop, [&] {
        exitCode = 0;
        loop.quit();
    });
    QObject::connect(&client, &Sync::SyncClient::stateChanged, &loop, [&](auto state) {
        if (state == Sync::SyncClient::State::Refused) {
            exitCode = failWith(
                Tr::tr("The server refused this workstation: %1").arg(client.lastError()));
            loop.quit();
        }
    });
    QTimer::singleShot(timeout * 1000, &loop, [&] {
        exitCode = failWith(
            Tr::tr("Could not finish syncing with %1 within %2 s: %3")
                .arg(options.server.toString())
                .arg(timeout)
                .arg(client.lastError().isEmpty() ? Tr::tr("no answer") : client.lastError()));
        loop.quit();
    });
    client.start();
    loop.exec();
    client.stop();
    if (exitCode != 0)
        return exitCode;
    auto pending = client.pendingCount();
    print(Tr::tr("Synced with %1: %2 operations answered (%3 rejected, %4 conflicts), %5 "
                 "pending.\n")
              .arg(options.server.toString())
              .arg(answered)
              .arg(rejected)
              .arg(conflicts)
              .arg(pending ? *pending : -1));
    return 0;
}

} // namespace

Result<int> verifyHistory(Database &db, StockLedger &ledger, const Clock &clock)
{
    if (!Outbox(db, clock).enabled())
        return 0;
    auto history = Sync::ClientStore(db, ledger, clock).checkHistory();
    if (!history)
        return std::unexpected(history.error());
    for (const qint64 seq : std::as_const(history->differing)) {
        print(Tr::tr("DIFFERS history chain at operation %1: the outbox no longer leads to "
                     "where it stood when the server answered it\n")
                  .arg(seq));
    }
    print(Tr::tr("Followed %1 operations of this workstation against %2 answers of the "
                 "server: %3.\n")
              .arg(history->operations)
              .arg(history->links)
              .arg(history->differing.isEmpty()
                       ? Tr::tr("clean")
                       : Tr::tr("%n difference(s)", nullptr, int(history->differing.size()))));
    return int(history->differing.size());
}

int runJoin(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("db"), Tr::tr("The workstation database to create."), Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("key-file"), Tr::tr("Read the new key from this file."), Tr::tr("path")});
    parser.addOption({QStringLiteral("server"),
                      Tr::tr("The sync server, ws://host:port or wss://host:port."),
                      Tr::tr("url")});
    parser.addOption({QStringLiteral("token-file"),
                      Tr::tr("Read the token from this file (else STOCKROOM_SYNC_TOKEN, else a "
                             "prompt)."),
                      Tr::tr("path")});
    addTimeZoneOption(parser);
    addSyncOptions(parser);
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Creates a workstation database that syncs with a server, "
                                       "and fills it from the server.")))
        return *exit;
    const QString path = parser.value(QStringLiteral("db"));
    const QUrl server(parser.value(QStringLiteral("server")), QUrl::StrictMode);
    if (path.isEmpty())
        return failWith(Tr::tr("Give the database to create with --db."));
    if (Database::isPostgresUrl(path))
        return failWith(Tr::tr("A workstation keeps its data in an encrypted file; PostgreSQL "
                               "is for the server."));
    if (!server.isValid()
        || (server.scheme() != QLatin1String("ws") && server.scheme() != QLatin1String("wss")))
        return failWith(Tr::tr("Give the server as ws://host:port or wss://host:port."));
    const auto zone = timeZoneOption(parser);
    if (!zone)
        return failWith(zone.error().message);
    auto token = Passphrase::obtain({Tr::tr("the sync token"),
                                     parser.value(QStringLiteral("token-file")),
                                     QStringLiteral("--token-file"),
                                     "STOCKROOM_SYNC_TOKEN"},
                                    Tr::tr("Token for %1: ").arg(server.toString()));
    if (!token)
        return failWith(token.error().message);
    auto key = Passphrase::obtainNew(
        CommandLine::databaseKey(parser.value(QStringLiteral("key-file"))));
    if (!key)
        return failWith(key.error().message);

    auto db = Database::create(path, *key);
    if (!db)
        return failWith(db.error().message);
    const auto remove = [&] {
        db->reset();
        for (const char *suffix : {"", "-wal", "-shm", ".server-key"})
            QFile::remove(path + QLatin1String(suffix));
    };
    for (const auto &[name, value] :
         {std::pair{QStringLiteral("time_zone"), QString::fromLatin1(zone->id())},
          std::pair{serverSetting, server.toString()},
          std::pair{tokenSetting, token->trimmed()}}) {
        if (auto set = (*db)->setSetting(name, value); !set) {
            remove();
            return failWith(set.error().message);
        }
    }
    if (const int synced = syncOnce(**db, parser); synced != 0) {
        remove();
        return failWith(Tr::tr("%1 was not created.").arg(path));
    }
    print(Tr::tr("Joined %1 as device %2.\n").arg(server.toString(), (*db)->deviceId()));
    return 0;
}

int runSync(const QStringList &arguments)
{
    QCommandLineParser parser;
    CommandLine::addDatabaseOptions(parser, Tr::tr("The workstation database."));
    addSyncOptions(parser);
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Pushes what this workstation recorded and pulls what is "
                                       "new on the server.")))
        return *exit;
    auto db = CommandLine::openDatabase(parser);
    if (!db)
        return failWith(db.error().message);
    return syncOnce(**db, parser);
}

} // namespace Stockroom::Cli
