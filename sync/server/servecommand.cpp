// serve: the sync server's main loop.

#include "commands.h"
#include "shutdownsignals.h"

#include "changenotices.h"
#include "metrics.h"
#include "model/domain/tr.h"
#include "model/ledger/checkpoints.h"
#include "restapi.h"
#include "restserver.h"
#include "signingkey.h"
#include "syncserver.h"
#include "workerpool.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

#include <sys/resource.h>

namespace Stockroom::Server {

namespace {

// On SIGTERM the server stops listening, answers what it has received and exits; after this
// long it exits all the same (the unit's TimeoutStopSec is longer).
constexpr int shutdownBoundMs = 10000;

// Every connection is a file descriptor: the soft limit (often 1,024) would let a few
// hundred idle connections stop the server from accepting workstations or opening its
// database. Raised to the hard limit the system allows (the unit sets it); what was
// reached is logged.
rlim_t raiseOpenFilesLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return raised.rlim_cur;
    }
    return limit.rlim_cur;
}

// "host:port", "[v6]:port" or ":port".
Result<std::pair<QHostAddress, quint16>> listenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const uint port = colon < 0 ? 0 : text.mid(colon + 1).toUInt(&ok);
    QString host = colon < 0 ? QString() : text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    const QHostAddress address(host.isEmpty() ? QStringLiteral("127.0.0.1") : host);
    if (!ok || port > 65535 || address.isNull())
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("--listen takes an address and port such as 127.0.0.1:8765, not \"%1\".")
                        .arg(text));
    return std::pair{address, quint16(port)};
}

Result<QSslConfiguration> tlsConfiguration(const QString &certPath, const QString &keyPath)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath, QSsl::Pem);
    if (chain.isEmpty())
        return fail(ErrorCode::Io,
                    Tr::tr("No PEM certificate could be read from %1.").arg(certPath));
    QFile file(keyPath);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io,
                    Tr::tr("Cannot read the TLS key %1: %2").arg(keyPath, file.errorString()));
    const QByteArray pem = file.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 holds no unencrypted RSA or EC private key in PEM.").arg(keyPath));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients prove themselves by token
    return configuration;
}

} // namespace

int runServe(const QStringList &arguments)
{
    QCommandLineParser parser;
    addDatabaseOptions(parser);
    parser.addOption({QStringLiteral("listen"),
                      Tr::tr("The address and port to listen on."),
                      Tr::tr("address:port"),
                      QStringLiteral("127.0.0.1:8765")});
    parser.addOption({QStringLiteral("http"),
                      Tr::tr("Also serve the REST API, /metrics, /healthz, /readyz and "
                             "/openapi.json on this address and port (https:// with --tls-cert)."),
                      Tr::tr("address:port")});
    parser.addOption({QStringLiteral("tls-cert"),
                      Tr::tr("Serve wss:// with this PEM certificate (chain)."),
                      Tr::tr("path")});
    parser.addOption(
        {QStringLiteral("tls-key"), Tr::tr("The certificate's PEM private key."), Tr::tr("path")});
    parser.addOption({QStringLiteral("negative-stock"),
                      Tr::tr("What an issue that takes stock below zero does: \"accept\" it and "
                             "raise an exception for a manager, or \"refuse\" it."),
                      Tr::tr("policy"),
                      QStringLiteral("accept")});
    parser.addOption({QStringLiteral("stock-strategy"),
                      Tr::tr("How REST stock writes are applied: \"group\" commits the writes "
                             "of many clients in one transaction; \"optimistic\", "
                             "\"pessimistic\", \"advisory\" (PostgreSQL only) and \"delta\" "
                             "apply each alone. See docs/concurrency.md."),
                      Tr::tr("strategy"),
                      QStringLiteral("group")});
    parser.addOption({QStringLiteral("writers"),
                      Tr::tr("With PostgreSQL and a strategy other than \"group\": how many "
                             "connections apply stock writes side by side."),
                      Tr::tr("count"),
                      QStringLiteral("8")});
    parser.addOption({QStringLiteral("readers"),
                      Tr::tr("Connections that answer REST reads (stock, movements, ...) beside "
                             "the one that writes; 0 answers them on the writer's thread. "
                             "Default: 2, or 8 on PostgreSQL."),
                      Tr::tr("count")});
    parser.addOption({QStringLiteral("hello-timeout-ms"),
                      Tr::tr("Milliseconds a new connection has to say hello."),
                      Tr::tr("ms"),
                      QString::number(Sync::ServerOptions{}.helloTimeoutMs)});
    parser.addOption({QStringLiteral("heartbeat-ms"),
                      Tr::tr("Milliseconds between heartbeats."),
                      Tr::tr("ms"),
                      QString::number(Sync::defaultHeartbeatMs)});
    parser.addOption({QStringLiteral("max-connections"),
                      Tr::tr("Open connections each port takes; more are refused at once."),
                      Tr::tr("count"),
                      QString::number(Sync::ConnectionGuard::Caps{}.total)});
    parser.addOption({QStringLiteral("max-connections-per-address"),
                      Tr::tr("Open connections each port takes from one address (workstations "
                             "behind one router share theirs)."),
                      Tr::tr("count"),
                      QString::number(Sync::ConnectionGuard::Caps{}.perAddress)});
    parser.addOption({QStringLiteral("http-idle-ms"),
                      Tr::tr("Milliseconds an HTTP connection may stay quiet before it is "
                             "closed."),
                      Tr::tr("ms"),
                      QString::number(Sync::RestServer::defaultIdleMs)});
    parser.addOption({QStringLiteral("http-request-ms"),
                      Tr::tr("Milliseconds an HTTP request may take to arrive whole, from its "
                             "first byte; a slower one is answered 408."),
                      Tr::tr("ms"),
                      QString::number(Sync::RestServer::defaultRequestMs)});
    parser.addOption({QStringLiteral("signing-key"),
                      Tr::tr("Sign checkpoints of the ledger with this key file (made by "
                             "'stockroom-server keygen'), so that verify can tell a ledger "
                             "changed with the database key alone."),
                      Tr::tr("path")});
    parser.addOption({QStringLiteral("checkpoint-seconds"),
                      Tr::tr("Seconds between signed checkpoints, while the ledger grows."),
                      Tr::tr("seconds"),
                      QStringLiteral("600")});
    parser.addOption({QStringLiteral("max-message"),
                      Tr::tr("The largest message a workstation may send, in bytes."),
                      Tr::tr("bytes"),
                      QString::number(Sync::defaultMaxMessage)});
    if (auto exit = parseOrExit(parser,
                                arguments,
                                Tr::tr("Serves workstations over WebSockets until SIGTERM.")))
        return *exit;

    Sync::ServerOptions options;
    const QString policy = parser.value(QStringLiteral("negative-stock"));
    if (policy == QLatin1String("refuse"))
        options.negativeStock = NegativeStockPolicy::Refuse;
    else if (policy != QLatin1String("accept"))
        return failWith(
            Tr::tr("--negative-stock is \"accept\" or \"refuse\", not \"%1\".").arg(policy));
    const QString strategyName = parser.value(QStringLiteral("stock-strategy"));
    const std::optional<StockStrategy> strategy = stockStrategyFromString(strategyName);
    if (!strategy)
        return failWith(Tr::tr("--stock-strategy is \"group\", \"optimistic\", "
                               "\"pessimistic\", \"advisory\" or \"delta\", not \"%1\".")
                            .arg(strategyName));
    bool ok = false;
    const int writers = parser.value(QStringLiteral("writers")).toInt(&ok);
    if (!ok || writers < 1 || writers > 64)
        return failWith(Tr::tr("--writers takes a number from 1 to 64."));
    // A reader on the embedded store runs SQLite on its own thread: more than the cores only
    // contend. On PostgreSQL a reader mostly waits for the server's answer, so more of them
    // keep its processes busy (mixed/32: query p99 22 ms with 2, 8-9 ms with 8).
    const QString readersText = parser.value(QStringLiteral("readers"));
    const int readers = readersText.isEmpty()
                            ? (Database::isPostgresUrl(parser.value(QStringLiteral("db"))) ? 8 : 2)
                            : readersText.toInt(&ok);
    if ((!readersText.isEmpty() && !ok) || readers < 0 || readers > 64)
        return failWith(Tr::tr("--readers takes a number from 0 to 64."));
    options.heartbeatMs = parser.value(QStringLiteral("heartbeat-ms")).toInt(&ok);
    if (!ok || options.heartbeatMs < 100)
        return failWith(Tr::tr("--heartbeat-ms takes a number of milliseconds, at least 100."));
    options.helloTimeoutMs = parser.value(QStringLiteral("hello-timeout-ms")).toInt(&ok);
    if (!ok || options.helloTimeoutMs < 100)
        return failWith(Tr::tr("--hello-timeout-ms takes a number of milliseconds, at least 100."));
    options.maxMessage = parser.value(QStringLiteral("max-message")).toLongLong(&ok);
    if (!ok || options.maxMessage < Sync::minMaxMessage || options.maxMessage > Sync::maxMaxMessage)
        return failWith(Tr::tr("--max-message takes a number of bytes from %1 to %2.")
                            .arg(Sync::minMaxMessage)
                            .arg(Sync::maxMaxMessage));
    options.connections.total = parser.value(QStringLiteral("max-connections")).toInt(&ok);
    if (!ok || options.connections.total < 1 || options.connections.total > 1'000'000)
        return failWith(Tr::tr("--max-connections takes a number from 1 to 1000000."));
    options.connections.perAddress = parser.value(QStringLiteral("max-connections-per-address"))
                                         .toInt(&ok);
    if (!ok || options.connections.perAddress < 1
        || options.connections.perAddress > options.connections.total)
        return failWith(Tr::tr("--max-connections-per-address takes a number from 1 to "
                               "--max-connections."));
    Sync::ConnectionGuard::Caps httpConnections = options.connections;
    httpConnections.idleMs = parser.value(QStringLiteral("http-idle-ms")).toInt(&ok);
    if (!ok || httpConnections.idleMs < 100)
        return failWith(Tr::tr("--http-idle-ms takes a number of milliseconds, at least 100."));
    const int httpRequestMs = parser.value(QStringLiteral("http-request-ms")).toInt(&ok);
    if (!ok || httpRequestMs < 100)
        return failWith(Tr::tr("--http-request-ms takes a number of milliseconds, at least 100."));
    const int checkpointSeconds = parser.value(QStringLiteral("checkpoint-seconds")).toInt(&ok);
    if (!ok || checkpointSeconds < 1 || checkpointSeconds > 86400)
        return failWith(Tr::tr("--checkpoint-seconds takes a number from 1 to 86400."));
    std::optional<Sync::SigningKey> signingKey;
    if (parser.isSet(QStringLiteral("signing-key"))) {
        auto loaded = Sync::SigningKey::load(parser.value(QStringLiteral("signing-key")));
        if (!loaded)
            return failWith(loaded.error().message);
        signingKey.emplace(std::move(*loaded));
        options.signingKey = signingKey->publicKey();
    }
    auto address = listenAddress(parser.value(QStringLiteral("listen")));
    if (!address)
        return failWith(address.error().message);
    std::optional<std::pair<QHostAddress, quint16>> httpAddress;
    if (parser.isSet(QStringLiteral("http"))) {
        auto http = listenAddress(parser.value(QStringLiteral("http")));
        if (!http)
            return failWith(
                http.error().message.replace(QStringLiteral("--listen"), QStringLiteral("--http")));
        httpAddress = *http;
    }
    std::optional<QSslConfiguration> tls;
    const QString cert = parser.value(QStringLiteral("tls-cert"));
    const QString keyPath = parser.value(QStringLiteral("tls-key"));
    if (cert.isEmpty() != keyPath.isEmpty())
        return failWith(Tr::tr("Give both --tls-cert and --tls-key, or neither."));
    if (!cert.isEmpty()) {
        auto configuration = tlsConfiguration(cert, keyPath);
        if (!configuration)
            return failWith(configuration.error().message);
        tls = *configuration;
    }
    if (*strategy == StockStrategy::Advisory
        && !Database::isPostgresUrl(parser.value(QStringLiteral("db"))))
        return failWith(Tr::tr("--stock-strategy advisory needs a PostgreSQL database: its "
                               "locks are PostgreSQL's advisory locks."));
    QString passphrase;
    auto db = openDatabase(parser, &passphrase);
    if (!db)
        return failWith(db.error().message);
    // A damaged file can read as sound here and there, and would hand workstations what it
    // happens to read: the server does not serve one.
    auto problems = (*db)->integrityProblems(5);
    if (!problems)
        return failWith(problems.error().message);
    if (!problems->isEmpty())
        return failWith(Tr::tr("%1 fails its integrity check (%2). The server does not serve a "
                               "damaged database: restore it from a backup.")
                            .arg((*db)->path(), problems->join(QStringLiteral("; "))));
    if (auto set = (*db)->setCheckpointPages(Sync::ServerStore::checkpointPages); !set)
        return failWith(set.error().message);
    if (!(*db)->isPostgres()) {
        // One connection, one thread: each write alone, the strategy's statements on it.
        (*db)->setStockStrategy(*strategy);
    }

    SystemClock clock;
    Sync::EventLog log;
    Sync::Metrics metrics;
    log.info("open-files-limit", {{"files", qint64(raiseOpenFilesLimit())}});
    if (signingKey) {
        // The key must be the one that signed before: another would pass for the server's.
        auto newest = LedgerCheckpoints(**db).newest();
        if (!newest)
            return failWith(newest.error().message);
        if (newest->seq > 0 && newest->signer != signingKey->publicKey())
            return failWith(Tr::tr("The ledger's checkpoints were signed with another key (%1) "
                                   "than --signing-key's (%2). Give the server's own key.")
                                .arg(QString::fromLatin1(newest->signer.toBase64()),
                                     QString::fromLatin1(signingKey->publicKey().toBase64())));
        log.info("signing-key",
                 {{"public", QString::fromLatin1(signingKey->publicKey().toBase64())}});
    } else {
        log.warning("no-signing-key",
                    {{"reason",
                      QStringLiteral("no --signing-key: the ledger gets no signed checkpoints")}});
    }
    const auto signCheckpoint = [&] {
        if (!signingKey)
            return;
        auto signedNow = signingKey->signHead(**db, clock);
        if (!signedNow)
            log.error("checkpoint-failed", {{"reason", signedNow.error().message}});
        else if (*signedNow)
            log.info("checkpoint", {});
    };
    int exitCode = 0;
    {
        Sync::SyncServer server(**db, clock, log, metrics, options);
        if (auto listening = server.listen(address->first, address->second, tls); !listening)
            return failWith(listening.error().message);
        Sync::RestApi api(**db, clock, log, metrics, options.negativeStock);
        // Threads with more connections to the same database.
        const QString location = parser.value(QStringLiteral("db"));
        const auto startPool = [&](Sync::WorkerPool::Work work,
                                   int count) -> Result<std::unique_ptr<Sync::WorkerPool>> {
            auto pool = std::make_unique<Sync::WorkerPool>(
                work,
                [location, passphrase]() -> Result<std::unique_ptr<Database>> {
                    auto opened = Database::open(location, passphrase);
                    if (opened) {
                        if (auto set = (*opened)->setCheckpointPages(
                                Sync::ServerStore::checkpointPages);
                            !set)
                            return std::unexpected(set.error());
                    }
                    return opened;
                },
                count,
                *strategy,
                options.negativeStock,
                clock,
                log,
                metrics);
            if (auto started = pool->start(); !started)
                return std::unexpected(started.error());
            return pool;
        };
        // Sync pushes are applied on a thread of their own, with a connection of its own.
        auto pushWriter = startPool(Sync::WorkerPool::Work::Pushes, 1);
        if (!pushWriter)
            return failWith(pushWriter.error().message);
        server.setPushWriter(pushWriter->get());
        // Under group commit one writer thread applies each group while the HTTP thread
        // gathers the next and answers reads, on both backends: on the HTTP thread a group's
        // commit (its fsync) held up every request behind it. On PostgreSQL the other
        // strategies' writes also leave the HTTP thread, to run side by side.
        std::unique_ptr<Sync::WorkerPool> writerPool;
        if (httpAddress && ((*db)->isPostgres() || *strategy == StockStrategy::Group)) {
            auto started = startPool(Sync::WorkerPool::Work::Writes,
                                     *strategy == StockStrategy::Group ? 1 : writers);
            if (!started)
                return failWith(started.error().message);
            writerPool = std::move(*started);
            QObject::connect(writerPool.get(),
                             &Sync::WorkerPool::changed,
                             &server,
                             &Sync::SyncServer::notifyChanged);
        }
        // Reads beside the writer, so that a stock query never waits for a group's commit.
        std::unique_ptr<Sync::WorkerPool> readerPool;
        if (httpAddress && readers > 0) {
            auto started = startPool(Sync::WorkerPool::Work::Reads, readers);
            if (!started)
                return failWith(started.error().message);
            readerPool = std::move(*started);
        }
        Sync::RestServer http(api, log, metrics);
        http.setStockStrategy(*strategy, writerPool.get());
        http.setReaders(readerPool.get());
        QObject::connect(&api, &Sync::RestApi::changed, &server, &Sync::SyncServer::notifyChanged);
        // Other instances on the same PostgreSQL database.
        Sync::ChangeNotices notices(**db, log);
        QObject::connect(&notices,
                         &Sync::ChangeNotices::changed,
                         &server,
                         &Sync::SyncServer::notifyChanged);
        if (httpAddress) {
            http.setConnectionCaps(httpConnections);
            http.setRequestDeadline(httpRequestMs);
            if (auto listening = http.listen(httpAddress->first, httpAddress->second, tls);
                !listening)
                return failWith(listening.error().message);
        }
        // Drain: stop accepting, answer what was received (REST requests, pushes), then
        // exit; within a bound, whatever a peer does.
        bool syncDone = false;
        bool httpDone = !httpAddress;
        const auto quitWhenDone = [&] {
            if (syncDone && httpDone)
                QCoreApplication::quit();
        };
        QObject::connect(&http, &Sync::RestServer::finished, &server, [&] {
            httpDone = true;
            quitWhenDone();
        });
        QObject::connect(
            &server,
            &Sync::SyncServer::shutDown,
            &server,
            [&] {
                syncDone = true;
                quitWhenDone();
            },
            Qt::QueuedConnection);
        // Checkpoints while the ledger grows, and one of the last line before exit.
        QTimer checkpoints;
        QObject::connect(&checkpoints, &QTimer::timeout, &server, signCheckpoint);
        checkpoints.start(checkpointSeconds * 1000);
        signCheckpoint();
        ShutdownSignals shutdownSignals;
        QObject::connect(&shutdownSignals, &ShutdownSignals::requested, &server, [&](int number) {
            log.info("signal", {{"number", number}});
            http.drain();
            server.shutdown();
            QTimer::singleShot(shutdownBoundMs,
                               QCoreApplication::instance(),
                               &QCoreApplication::quit);
        });
        exitCode = QCoreApplication::exec();
        signCheckpoint();
    }
    log.info("stopped", {});
    return exitCode;
}

} // namespace Stockroom::Server
