// stockroom-load: drives a real stockroom-server over REST on 127.0.0.1 with many concurrent
// clients, and checks afterwards that stock is exact.
//
// It builds a server database (the demo catalogue: 1,000 products, one warehouse of 100
// bins) in a temporary file, or in the empty PostgreSQL database that --db names, starts
// stockroom-server on it with --negative-stock refuse (--instances of them side by side on
// PostgreSQL, the clients spread over them), seeds the stock the
// scenario starts from, and runs one scenario until it has sent --requests requests or
// --seconds have passed, whichever comes first:
//   hot-spot  every client issues one unit of the same product in the same bin;
//   bulk      receipts and issues of up to 500 units across 200 products;
//   mixed     80% stock queries and 20% receipts and issues across 200 products.
// With --transport websocket, hot-spot and bulk are pushed instead by sync devices, each
// a WebSocket workstation pushing batches of --batch movements; --requests counts movements.
// It prints throughput, latency percentiles, errors by kind, and the accuracy check:
// every item's final stock must equal its initial stock plus the deltas the server
// accepted, and no stock may end below zero. A difference exits with status 2; a server that
// stops during the run, or answers still missing a minute after it, with status 3.

#include "httpconnection.h"
#include "syncconnection.h"

#include "bench/benchsupport.h"
#include "model/domain/ids.h"
#include "model/storage/database.h"
#include "sync/protocol/movementmessage.h"
#include "sync/protocol/protocol.h"
#include "sync/server/eventloop.h"
#include "sync/server/tokens.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>

using namespace Stockroom;
using Bench::die;
using Bench::need;
using Bench::percentile;
using Load::HttpAnswer;
using Load::HttpConnection;

namespace {

// How long after --seconds the run waits for the answers still missing.
constexpr int answerGraceSeconds = 60;

const QString key = QStringLiteral("load test key");

struct Item
{
    QByteArray sku;
    QByteArray location;
    QString productUuid; // for sync pushes
    QString locationUuid;
};

struct Tally
{
    QHash<int, qint64> accepted; // item index -> sum of accepted deltas
    qint64 acceptedWrites = 0;
    qint64 refusedWrites = 0; // insufficient stock: the policy working, not an error
    qint64 reads = 0;
    std::vector<double> writeSeconds;
    std::vector<double> readSeconds;
    QMap<QString, int> errors; // "503 unavailable" -> count
};

QByteArray itemQuery(const Item &item)
{
    return "/api/v1/stock?product=" + item.sku + "&location=" + item.location;
}

// One request on its own, waited for: for setting up and checking, not for load.
HttpAnswer call(HttpConnection &connection,
                const QByteArray &method,
                const QByteArray &path,
                const QByteArray &body = {},
                const QByteArray &idempotencyKey = {})
{
    QEventLoop loop;
    HttpAnswer answer;
    connection.send(method, path, body, idempotencyKey, [&](const HttpAnswer &a) {
        answer = a;
        loop.quit();
    });
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    return answer;
}

qint64 stockOf(HttpConnection &connection, const Item &item)
{
    const HttpAnswer answer = call(connection, "GET", itemQuery(item));
    if (answer.status != 200)
        die(QStringLiteral("reading stock failed: %1 %2")
                .arg(answer.status)
                .arg(QString::fromUtf8(answer.body)));
    qint64 total = 0;
    const QJsonArray rows
        = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("items")).toArray();
    for (const QJsonValue &row : rows)
        total += row.toObject().value(QStringLiteral("quantity")).toInteger();
    return total;
}

QByteArray movementBody(const Item &item, qint64 quantity)
{
    return "{\"product\":\"" + item.sku + "\",\"location\":\"" + item.location
           + "\",\"quantity\":" + QByteArray::number(quantity) + '}';
}

QString problemCode(const HttpAnswer &answer)
{
    const QString type
        = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("type")).toString();
    return QStringLiteral("%1 %2")
        .arg(answer.status)
        .arg(type.isEmpty() ? QString::fromUtf8(answer.body.left(60))
                            : type.section(QLatin1Char(':'), -1));
}

// The servers this program started and has not stopped yet: an early exit (die) stops them
// too, and the run notices one that stops by itself.
std::vector<QProcess *> &runningServers()
{
    static std::vector<QProcess *> running;
    return running;
}

void stopRunningServers()
{
    for (QProcess *process : runningServers()) {
        process->terminate();
        if (!process->waitForFinished(10000))
            process->kill();
    }
    runningServers().clear();
}

class Server
{
public:
    Server(const QString &executable,
           const QString &dbPath,
           const QString &label,
           const QStringList &extra)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("STOCKROOM_DB_KEY"), key);
        m_process.setProcessEnvironment(environment);
        m_process.start(executable,
                        QStringList{QStringLiteral("serve"),
                                    QStringLiteral("--db"),
                                    dbPath,
                                    QStringLiteral("--listen"),
                                    QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--http"),
                                    QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--negative-stock"),
                                    QStringLiteral("refuse")}
                            + extra);
        static const QRegularExpression listening(
            QStringLiteral("event=http-listening .*port=(\\d+)"));
        static const QRegularExpression syncListening(
            QStringLiteral("event=listening .*port=(\\d+)"));
        QByteArray log;
        QElapsedTimer waited;
        waited.start();
        while (m_port == 0 && waited.elapsed() < 30000) {
            m_process.waitForReadyRead(100);
            log += m_process.readAllStandardError();
            if (const auto match = listening.match(QString::fromUtf8(log)); match.hasMatch())
                m_port = quint16(match.captured(1).toUInt());
            if (const auto match = syncListening.match(QString::fromUtf8(log)); match.hasMatch())
                m_syncPort = quint16(match.captured(1).toUInt());
            if (m_process.state() == QProcess::NotRunning)
                break;
        }
        if (m_port == 0)
            die(QStringLiteral("stockroom-server %1 did not start: %2")
                    .arg(label, QString::fromUtf8(log)));
        runningServers().push_back(&m_process);
        // Reading its log keeps the pipe from filling up; the end of it is kept, to say why
        // the server stopped if it stops during the run.
        m_log = log.right(logTail);
        QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] {
            m_log = (m_log + m_process.readAllStandardError()).right(logTail);
        });
        QObject::connect(&m_process,
                         &QProcess::finished,
                         [this, label](int code, QProcess::ExitStatus status) {
                             m_log += m_process.readAllStandardError();
                             std::fprintf(stderr,
                                          "stockroom-load: stockroom-server %s stopped during "
                                          "the run (%s %d); its log ends:\n%s\n",
                                          qPrintable(label),
                                          status == QProcess::NormalExit ? "exit code" : "signal",
                                          code,
                                          m_log.right(logTail).constData());
                             m_stopped = true;
                         });
    }
    ~Server()
    {
        std::erase(runningServers(), &m_process);
        QObject::disconnect(&m_process, &QProcess::finished, nullptr, nullptr);
        m_process.terminate(); // only the process this program started
        if (!m_process.waitForFinished(10000))
            m_process.kill();
    }
    quint16 port() const { return m_port; }
    QUrl syncUrl() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_syncPort)); }
    // Whether it stopped before this program stopped it.
    bool stopped() const { return m_stopped; }

private:
    static constexpr qsizetype logTail = 16 * 1024;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    quint16 m_syncPort = 0;
    bool m_stopped = false;
};

} // namespace

int main(int argc, char *argv[])
{
    std::atexit(stopRunningServers);
    // Fewer system calls for each request it sends, as for the server (see eventloop.h).
    Sync::useQtEventLoop();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stockroom-load"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Load scenarios against a real stockroom-server."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("scenario"),
                      QStringLiteral("hot-spot, bulk or mixed."),
                      QStringLiteral("name"),
                      QStringLiteral("hot-spot")});
    parser.addOption({QStringLiteral("clients"),
                      QStringLiteral("Concurrent clients, each on its own connection."),
                      QStringLiteral("n"),
                      QStringLiteral("100")});
    parser.addOption({QStringLiteral("requests"),
                      QStringLiteral("Requests to send in all (a bound)."),
                      QStringLiteral("n"),
                      QStringLiteral("20000")});
    parser.addOption({QStringLiteral("seconds"),
                      QStringLiteral("Stop sending after this long (a bound)."),
                      QStringLiteral("s"),
                      QStringLiteral("60")});
    parser.addOption({QStringLiteral("transport"),
                      QStringLiteral("rest, or websocket (sync devices pushing batches; "
                                     "hot-spot and bulk)."),
                      QStringLiteral("name"),
                      QStringLiteral("rest")});
    parser.addOption({QStringLiteral("batch"),
                      QStringLiteral("Movements per push, with --transport websocket."),
                      QStringLiteral("n"),
                      QStringLiteral("100")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("An empty PostgreSQL database (postgresql://...) to serve "
                                     "from, instead of a new embedded store."),
                      QStringLiteral("url")});
    parser.addOption({QStringLiteral("instances"),
                      QStringLiteral("Server instances on the PostgreSQL database; clients are "
                                     "spread over them."),
                      QStringLiteral("n"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("stock-strategy"),
                      QStringLiteral("The servers' --stock-strategy: group, optimistic, "
                                     "pessimistic, advisory or delta."),
                      QStringLiteral("name"),
                      QStringLiteral("group")});
    parser.addOption({QStringLiteral("writers"),
                      QStringLiteral("The servers' --writers (PostgreSQL, strategies other than "
                                     "group)."),
                      QStringLiteral("n"),
                      QStringLiteral("8")});
    parser.addOption({QStringLiteral("readers"),
                      QStringLiteral("The servers' --readers (threads answering reads); their "
                                     "default when not given."),
                      QStringLiteral("n")});
    parser.addOption({QStringLiteral("server"),
                      QStringLiteral("The stockroom-server executable."),
                      QStringLiteral("path"),
                      QStringLiteral(STOCKROOM_SERVER_EXECUTABLE)});
    parser.process(app);
    const QString scenario = parser.value(QStringLiteral("scenario"));
    const int clients = parser.value(QStringLiteral("clients")).toInt();
    const qint64 requests = parser.value(QStringLiteral("requests")).toLongLong();
    const int seconds = parser.value(QStringLiteral("seconds")).toInt();
    const int instances = parser.value(QStringLiteral("instances")).toInt();
    const bool websocket = parser.value(QStringLiteral("transport")) == QLatin1String("websocket");
    const int batch = parser.value(QStringLiteral("batch")).toInt();
    const QString givenDb = parser.value(QStringLiteral("db"));
    if (scenario != QLatin1String("hot-spot") && scenario != QLatin1String("bulk")
        && scenario != QLatin1String("mixed"))
        die(QStringLiteral("--scenario is hot-spot, bulk or mixed, not \"%1\"").arg(scenario));
    if (clients < 1 || clients > 1000 || requests < 1 || seconds < 1 || seconds > 3600)
        die(QStringLiteral(
            "--clients takes 1 to 1000, --requests at least 1, --seconds 1 to 3600"));
    if (!websocket && parser.value(QStringLiteral("transport")) != QLatin1String("rest"))
        die(QStringLiteral("--transport is rest or websocket"));
    if (websocket && (scenario == QLatin1String("mixed") || batch < 1 || batch > 2000))
        die(QStringLiteral("--transport websocket runs hot-spot and bulk, with --batch 1 to 2000"));
    if (!givenDb.isEmpty() && !Database::isPostgresUrl(givenDb))
        die(QStringLiteral("--db takes a postgresql:// URL; without it the run uses a new "
                           "embedded store"));
    if (instances < 1 || instances > 16 || (instances > 1 && givenDb.isEmpty()))
        die(QStringLiteral("--instances takes 1 to 16, and more than one needs --db (PostgreSQL)"));

    // The server's database: the demo catalogue and a manager token of every warehouse.
    QTemporaryDir dir;
    const QString dbPath = givenDb.isEmpty() ? dir.filePath(QStringLiteral("server.db")) : givenDb;
    QByteArray token;
    QList<Item> items;
    QString userUuid; // the manager the sync devices record as
    qint64 schemaVersion = 0;
    {
        auto db = need(Database::create(dbPath, key), "server database");
        need(DemoData::generate(*db, Bench::smallCatalogue(), SystemClock()), "catalogue");
        token = need(Sync::TokenStore(*db)
                         .issue(QStringLiteral("load"), Role::Manager, {}, {}, SystemClock().now()),
                     "token")
                    .toLatin1();
        QSqlQuery bins = need(db->select(QStringLiteral("SELECT code, uuid FROM locations WHERE "
                                                        "kind = 'bin' ORDER BY id LIMIT 1")),
                              "bins");
        if (!bins.next())
            die(QStringLiteral("the catalogue has no bins"));
        const QByteArray bin = bins.value(0).toString().toUtf8();
        const QString binUuid = bins.value(1).toString();
        QSqlQuery skus = need(db->select(QStringLiteral("SELECT sku, uuid FROM products WHERE "
                                                        "lot_tracked = 0 ORDER BY id LIMIT 200")),
                              "products");
        while (skus.next())
            items.append(
                {skus.value(0).toString().toUtf8(), bin, skus.value(1).toString(), binUuid});
        QSqlQuery manager = need(db->select(QStringLiteral("SELECT uuid FROM users WHERE role = "
                                                           "'manager' ORDER BY id LIMIT 1")),
                                 "users");
        if (!manager.next())
            die(QStringLiteral("the catalogue has no manager"));
        userUuid = manager.value(0).toString();
        schemaVersion = db->schemaVersion();
    }
    if (scenario == QLatin1String("hot-spot"))
        items = items.mid(0, 1);
    std::vector<std::unique_ptr<Server>> servers;
    const QString strategy = parser.value(QStringLiteral("stock-strategy"));
    QStringList serverOptions{QStringLiteral("--stock-strategy"),
                              strategy,
                              QStringLiteral("--writers"),
                              parser.value(QStringLiteral("writers"))};
    if (parser.isSet(QStringLiteral("readers")))
        serverOptions += {QStringLiteral("--readers"), parser.value(QStringLiteral("readers"))};
    for (int i = 0; i < instances; ++i)
        servers.push_back(std::make_unique<Server>(parser.value(QStringLiteral("server")),
                                                   dbPath,
                                                   QString::number(i + 1),
                                                   serverOptions));
    HttpConnection setup(QStringLiteral("127.0.0.1"), servers.front()->port(), token);

    // The starting stock: for the hot spot, 90% of the requests, so that the last ones
    // meet an empty bin and must be refused; otherwise 1,000 per item.
    const qint64 startingStock = scenario == QLatin1String("hot-spot")
                                     ? std::max<qint64>(1, requests * 9 / 10)
                                     : 1000;
    QList<qint64> initial;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const HttpAnswer seeded = call(setup,
                                       "POST",
                                       "/api/v1/receipts",
                                       movementBody(items.at(i), startingStock),
                                       "seed-" + QByteArray::number(i));
        if (seeded.status != 201)
            die(QStringLiteral("seeding failed: %1").arg(problemCode(seeded)));
        initial.append(stockOf(setup, items.at(i)));
    }

    // The run.
    Tally tally;
    qint64 sent = 0;
    int finished = 0;
    QElapsedTimer clock;
    QEventLoop loop;
    std::vector<std::unique_ptr<HttpConnection>> connections;
    std::function<void(int)> next = [&](int client) {
        if (sent >= requests || clock.elapsed() > qint64(seconds) * 1000) {
            if (++finished == clients)
                loop.quit();
            return;
        }
        const qint64 number = sent++;
        QRandomGenerator random(quint32(number * 2654435761u + 17));
        const int index = int(random.bounded(qint64(items.size())));
        const Item &item = items.at(index);
        HttpConnection &connection = *connections[size_t(client)];
        const bool read = scenario == QLatin1String("mixed") && random.bounded(100) < 80;
        if (read) {
            connection.send("GET", itemQuery(item), {}, {}, [&, client](const HttpAnswer &answer) {
                tally.readSeconds.push_back(answer.seconds);
                if (answer.status == 200)
                    ++tally.reads;
                else
                    ++tally.errors[problemCode(answer)];
                next(client);
            });
            return;
        }
        const bool issue = scenario == QLatin1String("hot-spot") || random.bounded(2) == 0;
        const qint64 quantity = scenario == QLatin1String("hot-spot") ? 1
                                : scenario == QLatin1String("bulk")   ? 1 + random.bounded(500)
                                                                      : 1 + random.bounded(10);
        const QByteArray path = issue ? "/api/v1/issues" : "/api/v1/receipts";
        connection.send("POST",
                        path,
                        movementBody(item, quantity),
                        "load-" + QByteArray::number(number),
                        [&, client, index, issue, quantity](const HttpAnswer &answer) {
                            tally.writeSeconds.push_back(answer.seconds);
                            if (answer.status == 201) {
                                ++tally.acceptedWrites;
                                tally.accepted[index] += issue ? -quantity : quantity;
                            } else if (answer.status == 409) {
                                ++tally.refusedWrites;
                            } else {
                                ++tally.errors[problemCode(answer)];
                            }
                            next(client);
                        });
    };
    // Sync devices: each push a batch of movements, each answered one by one.
    std::vector<std::unique_ptr<Load::SyncConnection>> devices;
    std::function<void(int)> nextPush = [&](int client) {
        if (sent >= requests || clock.elapsed() > qint64(seconds) * 1000) {
            if (++finished == clients)
                loop.quit();
            return;
        }
        Load::SyncConnection &device = *devices[size_t(client)];
        QCborArray ops;
        QList<std::pair<int, qint64>> deltas; // per operation: item and delta
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int n = 0; n < batch && sent < requests; ++n) {
            const qint64 number = sent++;
            QRandomGenerator random(quint32(number * 2654435761u + 17));
            const int index = int(random.bounded(qint64(items.size())));
            const bool issue = scenario == QLatin1String("hot-spot") || random.bounded(2) == 0;
            const qint64 quantity = scenario == QLatin1String("hot-spot") ? 1
                                                                          : 1 + random.bounded(500);
            const qint64 delta = issue ? -quantity : quantity;
            const qint64 seq = device.nextSeq();
            using Sync::key;
            Sync::MovementMessage movement;
            movement.id = Ids::create(now);
            movement.type = issue ? MovementType::Issue : MovementType::Receipt;
            movement.deviceSeq = seq;
            movement.at = now;
            movement.lines = {{0,
                               items.at(index).productUuid,
                               items.at(index).locationUuid,
                               delta,
                               {},
                               {},
                               std::nullopt,
                               0}};
            ops.append(
                QCborMap{{key("seq"), seq},
                         {key("kind"), QStringLiteral("movement")},
                         {key("base"), Sync::Cursor{}.toBytes()},
                         {key("user"), userUuid},
                         {key("body"), movement.toCbor(Sync::MovementMessage::Form::Pushed)}});
            deltas.append({index, delta});
        }
        device.push(ops, [&, client, deltas](const Load::PushAnswer &answer) {
            tally.writeSeconds.push_back(answer.seconds);
            if (!answer.error.isEmpty()) {
                ++tally.errors[QStringLiteral("push %1").arg(answer.error)];
                if (++finished == clients)
                    loop.quit();
                return; // a device whose push failed stops; the accuracy check still runs
            }
            for (qsizetype i = 0; i < answer.results.size() && i < deltas.size(); ++i) {
                const QCborMap result = answer.results.at(i).toMap();
                const QString outcome = result.value(Sync::key("outcome")).toString();
                if (outcome == QLatin1String("applied") || outcome == QLatin1String("rebased")) {
                    ++tally.acceptedWrites;
                    tally.accepted[deltas.at(i).first] += deltas.at(i).second;
                } else if (result.value(Sync::key("reason")).toString()
                           == QLatin1String("insufficient-stock")) {
                    ++tally.refusedWrites;
                } else {
                    ++tally.errors[QStringLiteral("%1 %2")
                                       .arg(outcome, result.value(Sync::key("reason")).toString())];
                }
            }
            nextPush(client);
        });
    };
    for (int i = 0; i < clients; ++i) {
        if (websocket) {
            devices.push_back(
                std::make_unique<Load::SyncConnection>(servers.at(size_t(i % instances))->syncUrl(),
                                                       QString::fromLatin1(token),
                                                       Ids::create(
                                                           QDateTime::currentMSecsSinceEpoch()),
                                                       schemaVersion));
        } else {
            connections.push_back(
                std::make_unique<HttpConnection>(QStringLiteral("127.0.0.1"),
                                                 servers.at(size_t(i % instances))->port(),
                                                 token));
        }
    }
    clock.start();
    for (int i = 0; i < clients; ++i)
        websocket ? nextPush(i) : next(i);
    // Every request is answered or fails, so the run ends by itself; this bound is for a
    // server that stops answering without closing its connections.
    bool timedOut = false;
    QTimer::singleShot(std::chrono::seconds(seconds + answerGraceSeconds), &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    loop.exec();
    const double elapsed = double(clock.nsecsElapsed()) / 1e9;
    const auto stopped = std::ranges::count_if(servers, [](const auto &server) {
        return server->stopped();
    });
    if (timedOut || stopped > 0) {
        std::printf("stockroom-load %s: %s; stock cannot be checked\n",
                    qPrintable(scenario),
                    stopped > 0 ? qPrintable(QStringLiteral("%1 of %2 servers stopped during "
                                                            "the run")
                                                 .arg(stopped)
                                                 .arg(instances))
                                : qPrintable(QStringLiteral("%1 of %2 clients were still "
                                                            "waiting for an answer %3 s after "
                                                            "the run's end")
                                                 .arg(clients - finished)
                                                 .arg(clients)
                                                 .arg(answerGraceSeconds)));
        return 3;
    }

    // The report.
    const QString backend = givenDb.isEmpty() ? QStringLiteral("embedded store")
                                              : QStringLiteral("PostgreSQL, %1 instance%2")
                                                    .arg(instances)
                                                    .arg(QLatin1String(instances > 1 ? "s" : ""));
    std::printf("stockroom-load %s%s: %d clients, %lld %s in %.2f s (server: %s, "
                "--negative-stock refuse, --stock-strategy %s)\n",
                qPrintable(scenario),
                websocket ? " over WebSocket sync" : "",
                clients,
                static_cast<long long>(sent),
                websocket ? qPrintable(QStringLiteral("movements in batches of %1").arg(batch))
                          : "requests",
                elapsed,
                qPrintable(backend),
                qPrintable(strategy));
    const qint64 writes = tally.acceptedWrites + tally.refusedWrites;
    if (writes > 0) {
        std::printf(websocket ? "  movements: %lld accepted (%.0f/s), %lld refused for "
                                "insufficient stock; push latency p50 %.2f ms, p95 %.2f ms, "
                                "p99 %.2f ms\n"
                              : "  writes: %lld accepted (%.0f/s), %lld refused for insufficient "
                                "stock; latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
                    static_cast<long long>(tally.acceptedWrites),
                    double(tally.acceptedWrites) / elapsed,
                    static_cast<long long>(tally.refusedWrites),
                    percentile(tally.writeSeconds, 50) * 1e3,
                    percentile(tally.writeSeconds, 95) * 1e3,
                    percentile(tally.writeSeconds, 99) * 1e3);
    }
    if (!tally.readSeconds.empty()) {
        std::printf(
            "  stock queries: %lld (%.0f/s); latency p50 %.2f ms, p95 %.2f ms, p99 %.2f ms\n",
            static_cast<long long>(tally.reads),
            double(tally.reads) / elapsed,
            percentile(tally.readSeconds, 50) * 1e3,
            percentile(tally.readSeconds, 95) * 1e3,
            percentile(tally.readSeconds, 99) * 1e3);
    }
    if (tally.errors.isEmpty())
        std::printf("  errors: none\n");
    for (auto it = tally.errors.cbegin(); it != tally.errors.cend(); ++it)
        std::printf("  errors: %s x %d\n", qPrintable(it.key()), it.value());
    static const QRegularExpression groupSum(
        QStringLiteral("stockroom_http_write_group_size_sum (\\S+)"));
    static const QRegularExpression groupCount(
        QStringLiteral("stockroom_http_write_group_size_count (\\S+)"));
    static const QRegularExpression attempts(QStringLiteral(
        "stockroom_stock_write_attempts_total\\{[^}]*result=\"([a-z-]+)\"[^}]*\\} (\\S+)"));
    double groups = 0;
    double grouped = 0;
    QMap<QString, double> attemptsBy; // applied, retried, gave-up
    for (const auto &server : servers) {
        HttpConnection probe(QStringLiteral("127.0.0.1"), server->port(), token);
        const QString metricsText = QString::fromUtf8(call(probe, "GET", "/metrics").body);
        groups += groupCount.match(metricsText).captured(1).toDouble();
        grouped += groupSum.match(metricsText).captured(1).toDouble();
        for (auto match = attempts.globalMatch(metricsText); match.hasNext();) {
            const auto found = match.next();
            attemptsBy[found.captured(1)] += found.captured(2).toDouble();
        }
    }
    if (groups > 0 && !websocket)
        std::printf("  group commit: %.0f transactions, %.1f writes each on average\n",
                    groups,
                    grouped / groups);
    if (!attemptsBy.isEmpty()) {
        const double done = attemptsBy.value(QStringLiteral("applied"))
                            + attemptsBy.value(QStringLiteral("gave-up"));
        std::printf("  writes alone: %.0f retried (%.2f retries per write), %.0f gave up after "
                    "every retry\n",
                    attemptsBy.value(QStringLiteral("retried")),
                    done > 0 ? attemptsBy.value(QStringLiteral("retried")) / done : 0.0,
                    attemptsBy.value(QStringLiteral("gave-up")));
    }

    // The accuracy check.
    int wrong = 0;
    int oversold = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const qint64 expected = initial.at(i) + tally.accepted.value(int(i));
        const qint64 final = stockOf(setup, items.at(i));
        if (final != expected) {
            ++wrong;
            std::printf("  MISMATCH %s at %s: final %lld, initial %lld + accepted %lld = %lld\n",
                        items.at(i).sku.constData(),
                        items.at(i).location.constData(),
                        static_cast<long long>(final),
                        static_cast<long long>(initial.at(i)),
                        static_cast<long long>(tally.accepted.value(int(i))),
                        static_cast<long long>(expected));
        }
        if (final < 0)
            ++oversold;
    }
    std::printf(
        "  accuracy: %lld items, final = initial + accepted deltas for %lld, oversold %d: %s\n",
        static_cast<long long>(items.size()),
        static_cast<long long>(items.size() - wrong),
        oversold,
        wrong == 0 && oversold == 0 ? "exact" : "WRONG");
    std::fflush(stdout);
    return wrong == 0 && oversold == 0 ? 0 : 2;
}
