// sync_bench: sync over loopback with a real stockroom-server process.
//
// 1. Push: N movements recorded offline on a workstation, pushed and acknowledged into
//    the server's encrypted store; movements per second from the first push to the last
//    answer. Then the rest of that round (a pull, which finds nothing new).
// 2. Pull: a second workstation joins and pulls those N movements.
// 3. No-op re-sync: nothing to push or pull, by a new connection and by a live one.
// 4. Visibility: the time from a movement posted on one live workstation until another
//    live workstation has it, through the server's notification.
//
// Before 1, the same pushes are applied in this process by a ServerStore on a copy of the
// server's database, on one thread and in groups as the server forms them: the writer's own
// cost per movement, without the client and the network sharing the two cores.

#include "benchsupport.h"

#include "model/io/demodata.h"
#include "model/services/movementservice.h"
#include "model/services/userservice.h"
#include "sync/client/clientstore.h"
#include "sync/client/syncclient.h"
#include "sync/protocol/historychain.h"
#include "sync/server/historyanchor.h"
#include "sync/server/serverstore.h"
#include "sync/server/tokens.h"

#include <QCborValue>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <ctime>

using namespace Stockroom;
using Bench::die;
using Bench::need;
using Bench::percentile;

namespace {

const QString key = QStringLiteral("sync-bench-key");
constexpr int waitLimitMs = 600000;

// Runs the event loop until done() or the limit.
template<typename Done>
void runUntil(Done done, int limitMs = waitLimitMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > limitMs)
            die(QStringLiteral("gave up waiting after %1 ms").arg(limitMs));
        QEventLoop loop;
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::WaitForMoreEvents);
    }
}

struct Station
{
    std::unique_ptr<Database> db;
    std::unique_ptr<StockLedger> ledger;
    SystemClock clock;

    Station(const QString &path, const QString &url, const QString &token)
    {
        db = need(Database::create(path, key), "workstation");
        need(db->setSetting(QStringLiteral("sync.server"), url), "server");
        need(db->setSetting(QStringLiteral("sync.token"), token), "token");
        ledger = std::make_unique<StockLedger>(*db);
    }
    ~Station() { ledger.reset(); }

    std::unique_ptr<Sync::SyncClient> client()
    {
        Sync::ClientOptions options;
        options.server = QUrl(db->setting(QStringLiteral("sync.server")));
        options.token = db->setting(QStringLiteral("sync.token"));
        options.pullLimit = Sync::maxPullLimit;
        return std::make_unique<Sync::SyncClient>(*db, *ledger, clock, options);
    }

    // One whole round on a new connection; its milliseconds.
    double syncOnce()
    {
        auto sync = client();
        bool done = false;
        QObject::connect(sync.get(), &Sync::SyncClient::synced, [&] { done = true; });
        QElapsedTimer timer;
        timer.start();
        sync->start();
        runUntil([&] { return done || sync->state() == Sync::SyncClient::State::Refused; });
        if (!done)
            die(QStringLiteral("sync refused: %1").arg(sync->lastError()));
        return double(timer.nsecsElapsed()) / 1e6;
    }
};

// The CPU time this thread has used, in milliseconds.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// Applies the station's outbox to the database at path, as the server's writer would.
void applyAlone(const QString &path, const QString &token, Station &station, int movements)
{
    // The operations as the server receives them: read, encoded and decoded, untimed.
    Sync::ClientStore outbox(*station.db, *station.ledger, station.clock);
    QList<QByteArray> frames;
    QElapsedTimer clientTimer;
    clientTimer.start();
    for (qint64 after = 0;;) {
        const auto ops = need(outbox.encodedOperations(after,
                                                       Sync::defaultMaxBatch,
                                                       Sync::defaultMaxMessage
                                                           - Sync::pushMessageOverhead),
                              "outbox");
        if (ops.count == 0)
            break;
        after = ops.lastSeq;
        frames.append(Sync::pushMessage(qint64(frames.size()) + 1, ops));
    }
    const double clientMs = double(clientTimer.nsecsElapsed()) / 1e6;
    std::printf("outbox: the workstation reads and encodes the %d movements in %.0f ms: %.1f us "
                "a movement\n",
                movements,
                clientMs,
                clientMs * 1000.0 / movements);
    QList<QCborArray> pushes;
    QList<QCborMap> chains;
    for (const QByteArray &frame : std::as_const(frames)) {
        const auto message = Sync::decode(frame, Sync::defaultMaxMessage);
        if (!message)
            die(message.error().message);
        pushes.append(message->value(Sync::key("ops")).toArray());
        chains.append(message->value(Sync::key("chain")).toMap());
    }

    // The history chain's share (docs/security.md): what following it costs the server,
    // and what making it costs the workstation (SHA-256 over what it sends).
    {
        QElapsedTimer followTimer;
        followTimer.start();
        Sync::HistoryAnchor anchor;
        qint64 acked = 0;
        for (qsizetype i = 0; i < pushes.size(); ++i) {
            auto next = anchor.follow(acked, pushes.at(i), chains.at(i));
            if (!next)
                die(next.error().message);
            anchor = *next;
            acked = anchor.seq;
        }
        const double followMs = double(followTimer.nsecsElapsed()) / 1e6;
        QElapsedTimer hashTimer;
        hashTimer.start();
        QByteArray link = Sync::HistoryChain::start();
        for (const QByteArray &frame : std::as_const(frames))
            link = Sync::HistoryChain::next(link, frame);
        const double hashMs = double(hashTimer.nsecsElapsed()) / 1e6;
        std::printf("history chain: the server follows it at %.2f us a movement; the "
                    "workstation hashes what it sends at %.2f us a movement\n",
                    followMs * 1000.0 / movements,
                    hashMs * 1000.0 / movements);
    }

    auto db = need(Database::open(path, key), "copy of the server database");
    need(db->setCheckpointPages(Sync::ServerStore::checkpointPages), "checkpoint interval");
    SystemClock clock;
    const auto grant = Sync::TokenStore(*db).authenticate(token, clock.now());
    if (!grant)
        die(grant.error().message);
    Sync::SyncSession session;
    session.deviceId = station.db->deviceId();
    session.token = *grant;
    Sync::ServerStore store(*db, clock);
    constexpr int groupPushes = Sync::defaultPushGroupOps / Sync::defaultMaxBatch;
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuMs();
    for (qsizetype first = 0; first < pushes.size(); first += groupPushes) {
        QList<Sync::PushRequest> group;
        for (qsizetype i = first; i < std::min(first + groupPushes, pushes.size()); ++i)
            group.append({session, pushes.at(i), chains.at(i)});
        const Sync::PushGroupOutcome outcome = store.pushGroup(group);
        if (outcome.groupError)
            die(outcome.groupError->message);
        for (const auto &push : outcome.pushes) {
            if (!push)
                die(push.error().message);
            if (push->refusal)
                die(push->refusal->message);
        }
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    const double cpuMs = threadCpuMs() - cpuStart;
    std::printf("apply: the server's writer alone applies the %d movements in %.0f ms: %.0f "
                "movements/s on one thread; %.1f us of CPU a movement\n",
                movements,
                ms,
                movements / (ms / 1000.0),
                cpuMs * 1000.0 / movements);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const qsizetype movementsAt = arguments.indexOf(QStringLiteral("--movements"));
    const int movements = movementsAt > 0 ? arguments.value(movementsAt + 1).toInt() : 100000;
    if (movements <= 0)
        die(QStringLiteral("--movements takes a positive number"));
    constexpr int rounds = 30;

    QTemporaryDir dir;
    const QString serverPath = dir.filePath(QStringLiteral("server.db"));
    QString token;
    {
        auto db = need(Database::create(serverPath, key), "server database");
        need(DemoData::generate(*db, Bench::smallCatalogue(), SystemClock()), "demo");
        token = need(Sync::TokenStore(*db)
                         .issue(QStringLiteral("bench"), Role::Manager, {}, {}, SystemClock().now()),
                     "token");
    }
    const QString applyPath = dir.filePath(QStringLiteral("apply.db"));
    if (!QFile::copy(serverPath, applyPath))
        die(QStringLiteral("cannot copy the server database"));

    QProcess server;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STOCKROOM_DB_KEY"), key);
    server.setProcessEnvironment(environment);
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.start(QStringLiteral(STOCKROOM_SERVER_EXECUTABLE),
                 {QStringLiteral("serve"),
                  QStringLiteral("--db"),
                  serverPath,
                  QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0")});
    QByteArray log;
    log.reserve(1 << 16);
    static const QRegularExpression listening(QStringLiteral("event=listening .*port=(\\d+)"));
    QString url;
    runUntil(
        [&] {
            server.waitForReadyRead(100);
            log += server.readAllStandardError();
            const auto match = listening.match(QString::fromUtf8(log));
            if (match.hasMatch())
                url = QStringLiteral("ws://127.0.0.1:%1").arg(match.captured(1));
            if (server.state() == QProcess::NotRunning)
                die(QStringLiteral("the server did not start: %1").arg(QString::fromUtf8(log)));
            return !url.isEmpty();
        },
        30000);
    // The server logs a line per push: how long the transaction it was applied in took,
    // and how many pushes shared that transaction.
    static const QRegularExpression pushLine(
        QStringLiteral("event=push .* ms=(\\d+) group=(\\d+)"));
    double serverPushMs = 0;
    double serverGroups = 0; // each push counts 1/group of its transaction
    QObject::connect(&server, &QProcess::readyReadStandardError, [&] {
        log += server.readAllStandardError();
        qsizetype end = log.lastIndexOf('\n');
        if (end < 0)
            return;
        const QList<QByteArray> lines = log.left(end).split('\n');
        log.remove(0, end + 1);
        for (const QByteArray &line : lines) {
            const auto match = pushLine.match(QString::fromUtf8(line));
            if (match.hasMatch()) {
                serverPushMs += match.captured(1).toDouble() / match.captured(2).toDouble();
                serverGroups += 1.0 / match.captured(2).toDouble();
            }
        }
    });

    // 1. Push.
    Station one(dir.filePath(QStringLiteral("one.db")), url, token);
    one.syncOnce(); // master data
    {
        MovementService service(*one.db, *one.ledger, one.clock);
        const Actor clerk = need(UserService(*one.db, one.clock)
                                     .actorFor(QString::fromLatin1(DemoData::clerkName)),
                                 "clerk");
        QList<qint64> products;
        QList<qint64> bins;
        auto ids = need(one.db->run(QStringLiteral(
                            "SELECT id FROM products WHERE lot_tracked = 0 ORDER BY id")),
                        "products");
        while (ids->next())
            products << ids->value(0).toLongLong();
        auto locations = need(one.db->run(
                                  QStringLiteral("SELECT id FROM locations WHERE kind = 'bin'")),
                              "bins");
        while (locations->next())
            bins << locations->value(0).toLongLong();
        for (int done = 0; done < movements;) {
            auto tx = need(Transaction::begin(*one.db), "transaction");
            for (int i = 0; i < 10000 && done < movements; ++i, ++done) {
                need(service.post(clerk,
                                  ReceiveStock{products.at(done % products.size()),
                                               bins.at((done / 7) % bins.size()),
                                               {},
                                               {},
                                               5,
                                               {},
                                               {}}),
                     "receipt");
            }
            need(tx.commit(), "commit");
        }
    }
    applyAlone(applyPath, token, one, movements);
    {
        auto sync = one.client();
        qint64 answered = 0;
        bool done = false;
        QElapsedTimer timer;
        double pushedMs = 0;
        QObject::connect(sync.get(),
                         &Sync::SyncClient::answered,
                         [&](const RecordedAnswers &results) {
                             answered += results.applied + results.rejected;
                             if (answered >= movements && pushedMs == 0)
                                 pushedMs = double(timer.nsecsElapsed()) / 1e6;
                         });
        QObject::connect(sync.get(), &Sync::SyncClient::synced, [&] { done = true; });
        timer.start();
        sync->start();
        runUntil([&] { return done; });
        const double roundMs = double(timer.nsecsElapsed()) / 1e6;
        std::printf("push: %d movements acknowledged in %.0f ms: %.0f movements/s "
                    "(target >= 30,000/s)\n",
                    movements,
                    pushedMs,
                    movements / (pushedMs / 1000.0));
        std::printf(
            "      of which the server applying the batches: %.0f ms in %.0f transactions\n",
            serverPushMs,
            serverGroups);
        std::printf("      the whole round, with the pull after the push: %.0f ms\n", roundMs);
    }

    // 2. Pull.
    Station two(dir.filePath(QStringLiteral("two.db")), url, token);
    const double joinMs = two.syncOnce();
    std::printf("pull: a new workstation pulls the %d movements in %.0f ms: %.0f movements/s\n",
                movements,
                joinMs,
                movements / (joinMs / 1000.0));

    // 3. No-op re-sync.
    std::vector<double> fresh;
    for (int i = 0; i < rounds; ++i)
        fresh.push_back(two.syncOnce());
    auto live = two.client();
    bool online = false;
    QObject::connect(live.get(), &Sync::SyncClient::synced, [&] { online = true; });
    live->start();
    runUntil([&] { return online; });
    std::vector<double> warm;
    for (int i = 0; i < rounds; ++i) {
        online = false;
        QElapsedTimer timer;
        timer.start();
        live->syncNow();
        runUntil([&] { return online; });
        warm.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("no-op re-sync (target < 50 ms): new connection median %.2f ms, p95 %.2f ms; "
                "live connection median %.2f ms, p95 %.2f ms (%d rounds each)\n",
                percentile(fresh, 50),
                percentile(fresh, 95),
                percentile(warm, 50),
                percentile(warm, 95),
                rounds);

    // 4. Visibility: one posts, the other (live, notified) has it.
    auto sender = one.client();
    bool senderOnline = false;
    QObject::connect(sender.get(), &Sync::SyncClient::synced, [&] { senderOnline = true; });
    sender->start();
    runUntil([&] { return senderOnline; });
    bool arrived = false;
    QObject::connect(live.get(), &Sync::SyncClient::replicaChanged, [&] { arrived = true; });
    MovementService service(*one.db, *one.ledger, one.clock);
    const Actor clerk
        = need(UserService(*one.db, one.clock).actorFor(QString::fromLatin1(DemoData::clerkName)),
               "clerk");
    auto first = need(one.db->run(QStringLiteral("SELECT product_id, location_id FROM stock "
                                                 "LIMIT 1")),
                      "stock");
    first->next();
    const qint64 productId = first->value(0).toLongLong();
    const qint64 binId = first->value(1).toLongLong();
    first->finish();
    std::vector<double> visible;
    for (int i = 0; i < rounds; ++i) {
        arrived = false;
        QElapsedTimer timer;
        timer.start();
        need(service.post(clerk, ReceiveStock{productId, binId, {}, {}, 1, {}, {}}), "post");
        sender->syncNow();
        runUntil([&] { return arrived; }, 10000);
        visible.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("visibility (target < 200 ms): another live workstation has a new movement "
                "after median %.1f ms, p95 %.1f ms, max %.1f ms (%d movements)\n",
                percentile(visible, 50),
                percentile(visible, 95),
                percentile(visible, 100),
                rounds);

    sender.reset();
    live.reset();
    server.terminate();
    server.waitForFinished();
    return 0;
}
