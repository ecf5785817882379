#pragma once

// WorkerPool: threads, each with its own database connection and its own RestApi, that
// apply stock writes side by side (writers) or answer reads off the HTTP thread (readers).
//
// Readers: stockroom-server hands every authenticated GET to one of its --readers, so that
// a stock query never waits behind the group commit that the HTTP thread is applying (on
// the embedded store, WAL lets them read while the writer writes). A reader sees what was
// committed when its query began, which includes every write already answered.
//
// Under group commit, stockroom-server hands each REST group to one writer, so that the
// HTTP thread reads the next group's requests, and answers reads, while the writer applies
// this one and waits for its commit.
//
// Writers: under a --stock-strategy other than group, stockroom-server on PostgreSQL hands
// every receipt, issue, transfer and adjustment that arrives over REST to one of its
// writers, which applies the write alone in one transaction (RestApi::handleAlone) and
// guards the stock row the strategy's way. The writes of all writers (and of all
// instances) overlap until the ledger's append, which takes the writer lock (see
// Database::lockWriter).
//
// Pushes: the sync server applies each group of pushes on a thread of its own (a pool of
// one), so that it goes on reading, decoding and queueing the pushes of every workstation
// while the database works, and the next group takes all that queued meanwhile.
//
// On PostgreSQL each writer numbers its writes as a device of its own, a lane: it claims the
// lowest free lane number with a session-level advisory lock, so two writers, on this
// instance or any other, never share one. On the embedded store transactions never overlap,
// and the writer numbers its writes as the main connection does. The reply is handed back
// on the pool's thread.
//
// Handing over: work goes to a worker, and its reply comes back, through queues of the
// pool's own, guarded by std::mutex; an eventfd that the pool's thread watches wakes it to
// take the replies. Qt's cross-thread calls would hand the data over, and post to the pool
// thread's event queue, under Qt's futex-based locks, which ThreadSanitizer cannot see: it
// could check neither that handover nor anything near it.

#include "restapi.h"
#include "serverstore.h"

#include "model/storage/database.h"

#include <QObject>
#include <QSocketNotifier>

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Stockroom::Sync {

class EventLog;
class Metrics;

class WorkerPool : public QObject
{
    Q_OBJECT

public:
    using Opener = std::function<Result<std::unique_ptr<Database>>()>;
    using Done = std::function<void(const HttpReply &)>;
    enum class Work { Writes, Reads, Pushes };

    // open makes one connection per worker; the clock, log and metrics must outlive the pool.
    WorkerPool(Work work,
               Opener open,
               int workers,
               StockStrategy strategy,
               NegativeStockPolicy negativeStock,
               const Clock &clock,
               EventLog &log,
               Metrics &metrics,
               QObject *parent = nullptr);
    // Lets every worker finish what was handed to it, then stops them.
    ~WorkerPool() override;

    // Opens the workers' connections and claims the writers' lanes.
    Status start();
    // Answers call on the next worker (a stock write alone, or a read); done runs on this
    // object's thread with its reply.
    void submit(const RestApi::RoutedCall &call, Done done);
    using GroupDone = std::function<void(const QList<HttpReply> &)>;
    // Applies calls as one group (RestApi::handleAll) on the next writer; done runs on this
    // object's thread with the replies, in order.
    void submitGroup(const QList<RestApi::RoutedCall> &calls, GroupDone done);

    using PushesDone = std::function<void(const PushGroupOutcome &)>;
    // Applies a group of sync pushes (ServerStore::pushGroup) on the next worker of a
    // Work::Pushes pool; done runs on this object's thread.
    void submitPushes(const QList<PushRequest> &pushes, PushesDone done);

Q_SIGNALS:
    // A writer's write committed (as RestApi::changed).
    void changed(const QSet<qint64> &warehouses, bool masterData);

private:
    class Worker;

    static QString threadName(Work work);
    // Runs work on the next worker's thread; done gets its result on this object's thread.
    template<typename Reply>
    void runOnNext(std::function<Reply(Worker &)> work, std::function<void(const Reply &)> done);
    // On a worker's thread: queues a reply for this object's thread, and wakes it.
    void handBack(std::function<void()> reply);
    // On this object's thread: runs every reply handed back so far, in order.
    void takeReplies();

    Work m_work;
    Opener m_open;
    int m_count;
    StockStrategy m_strategy;
    NegativeStockPolicy m_negativeStock;
    const Clock &m_clock;
    EventLog &m_log;
    Metrics &m_metrics;
    std::vector<std::unique_ptr<Worker>> m_workers;
    size_t m_next = 0;
    std::mutex m_repliesMutex;
    std::vector<std::function<void()>> m_replies; // guarded by m_repliesMutex
    int m_wakeUp = -1;                            // an eventfd, written when replies wait
    QSocketNotifier *m_wakeUpNotifier = nullptr;
};

} // namespace Stockroom::Sync
