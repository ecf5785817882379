#include "workerpool.h"

#include "eventlog.h"

#include <QSqlQuery>
#include <QThread>

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <optional>

namespace Stockroom::Sync {

namespace {

// The advisory locks (laneLockBase + lane) that writers hold for as long as they are
// connected. They are one-number keys: the advisory strategy's item locks take the
// two-number key space (product, location), which PostgreSQL keeps apart.
constexpr qint64 laneLockBase = qint64(0x4c616e65) << 32; // "Lane"
constexpr int maxLanes = 10000;

} // namespace

// A thread with its own connection, that runs the tasks posted to it in order.
class WorkerPool::Worker : public QThread
{
public:
    using Task = std::function<void(Worker &)>;

    explicit Worker(const WorkerPool &pool)
        : m_pool(pool)
    {}

    // Starts the thread, which opens the worker's connection, and waits for the outcome.
    // On success, the worker then runs what is posted to it until finish().
    Status startAndOpen()
    {
        start();
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return m_opened.has_value(); });
        return *m_opened;
    }

    // Any thread: runs task on this worker's thread, after every task posted before it.
    void post(Task task)
    {
        {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        }
        m_changed.notify_all();
    }

    // Lets the worker run every task posted so far, closes its connection on its thread,
    // and waits for the thread to end.
    void finish()
    {
        std::unique_lock lock(m_mutex);
        m_stopping = true;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return m_closed; });
        lock.unlock();
        wait();
    }

    // Set on the worker's thread before startAndOpen() returns, then never changed.
    RestApi *api() const { return m_api.get(); }

    // The tasks' work, on the worker's thread.
    PushGroupOutcome applyPushes(const QList<PushRequest> &pushes)
    {
        return m_store->pushGroup(pushes);
    }
    HttpReply apply(const RestApi::RoutedCall &call)
    {
        return call.changesStock() ? m_api->handleAlone(call) : m_api->handle(call);
    }
    QList<HttpReply> applyGroup(const QList<RestApi::RoutedCall> &calls)
    {
        QList<const RestApi::RoutedCall *> pointers;
        pointers.reserve(calls.size());
        for (const RestApi::RoutedCall &call : calls)
            pointers.append(&call);
        return m_api->handleAll(pointers);
    }

protected:
    void run() override
    {
        const Status opened = open();
        {
            std::lock_guard lock(m_mutex);
            m_opened = opened;
        }
        m_changed.notify_all();
        while (opened) {
            Task task;
            {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_stopping || !m_tasks.empty(); });
                if (m_tasks.empty())
                    break;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task(*this);
        }
        // The connection belongs to this thread, and is closed on it.
        m_store.reset();
        m_api.reset();
        m_db.reset();
        // Notified under the lock: finish() can see m_closed, and go on to destroy this
        // object, only once this thread is done with it.
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_changed.notify_all();
    }

private:
    Status open()
    {
        auto db = m_pool.m_open();
        if (!db)
            return std::unexpected(db.error());
        m_db = std::move(*db);
        if (m_pool.m_work == Work::Pushes) {
            m_db->setStockStrategy(m_pool.m_strategy);
            m_store = std::make_unique<ServerStore>(*m_db, m_pool.m_clock, m_pool.m_negativeStock);
            return {};
        }
        m_api = std::make_unique<RestApi>(*m_db,
                                          m_pool.m_clock,
                                          m_pool.m_log,
                                          m_pool.m_metrics,
                                          m_pool.m_negativeStock);
        if (m_pool.m_work == Work::Writes) {
            m_db->setStockStrategy(m_pool.m_strategy);
            // The embedded store has one writer at a time: its writes share the main
            // connection's device, which each transaction reads afresh.
            if (!m_db->isPostgres())
                return {};
            auto lane = claimLane();
            if (!lane)
                return std::unexpected(lane.error());
            m_api->setWriterLane(*lane);
        }
        return {};
    }

    Result<int> claimLane()
    {
        for (int lane = 0; lane < maxLanes; ++lane) {
            auto claimed = m_db->run(QStringLiteral("SELECT pg_try_advisory_lock(?)"),
                                     {laneLockBase + lane});
            if (!claimed)
                return std::unexpected(claimed.error());
            const bool mine = (*claimed)->next() && (*claimed)->value(0).toBool();
            (*claimed)->finish();
            if (mine)
                return lane;
        }
        return fail(ErrorCode::Database,
                    QStringLiteral("All %1 writer lanes are taken by other connections.")
                        .arg(maxLanes));
    }

    const WorkerPool &m_pool;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Task> m_tasks;       // guarded by m_mutex
    bool m_stopping = false;        // guarded by m_mutex
    bool m_closed = false;          // guarded by m_mutex
    std::optional<Status> m_opened; // guarded by m_mutex
    std::unique_ptr<Database> m_db; // on the worker's thread, as m_api and m_store
    std::unique_ptr<RestApi> m_api;
    std::unique_ptr<ServerStore> m_store; // Work::Pushes
};

QString WorkerPool::threadName(Work work)
{
    switch (work) {
    case Work::Writes:
        return QStringLiteral("writer-%1");
    case Work::Reads:
        return QStringLiteral("reader-%1");
    case Work::Pushes:
        break;
    }
    return QStringLiteral("pushes-%1");
}

WorkerPool::WorkerPool(Work work,
                       Opener open,
                       int workers,
                       StockStrategy strategy,
                       NegativeStockPolicy negativeStock,
                       const Clock &clock,
                       EventLog &log,
                       Metrics &metrics,
                       QObject *parent)
    : QObject(parent)
    , m_work(work)
    , m_open(std::move(open))
    , m_count(workers)
    , m_strategy(strategy)
    , m_negativeStock(negativeStock)
    , m_clock(clock)
    , m_log(log)
    , m_metrics(metrics)
    , m_wakeUp(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    if (m_wakeUp < 0)
        return; // start() says so
    m_wakeUpNotifier = new QSocketNotifier(qintptr(m_wakeUp), QSocketNotifier::Read, this);
    connect(m_wakeUpNotifier, &QSocketNotifier::activated, this, &WorkerPool::takeReplies);
}

WorkerPool::~WorkerPool()
{
    // Each worker first finishes what was handed to it. Replies not yet taken are dropped
    // with the pool, as the wake-up that would have taken them.
    for (const std::unique_ptr<Worker> &worker : m_workers)
        worker->finish();
    delete m_wakeUpNotifier;
    if (m_wakeUp >= 0)
        ::close(m_wakeUp);
}

Status WorkerPool::start()
{
    if (m_wakeUp < 0) {
        return fail(ErrorCode::Io,
                    QStringLiteral("Cannot make the worker threads' wake-up (eventfd): %1")
                        .arg(QString::fromLocal8Bit(std::strerror(errno))));
    }
    for (int i = 0; i < m_count; ++i) {
        auto worker = std::make_unique<Worker>(*this);
        worker->setObjectName(threadName(m_work).arg(i));
        const Status opened = worker->startAndOpen();
        Worker &started = *worker;
        m_workers.push_back(std::move(worker));
        if (!opened)
            return opened; // the destructor stops the workers started so far
        // A worker's changes come back as its replies do, in the order they were made.
        if (started.api()) {
            connect(
                started.api(),
                &RestApi::changed,
                started.api(),
                [this](const QSet<qint64> &warehouses, bool masterData) {
                    handBack(
                        [this, warehouses, masterData] { Q_EMIT changed(warehouses, masterData); });
                },
                Qt::DirectConnection);
        }
    }
    switch (m_work) {
    case Work::Writes:
        m_log.info("writers-started", {{"writers", m_count}, {"strategy", toString(m_strategy)}});
        break;
    case Work::Reads:
        m_log.info("readers-started", {{"readers", m_count}});
        break;
    case Work::Pushes:
        m_log.info("push-writer-started", {{"strategy", toString(m_strategy)}});
        break;
    }
    return {};
}

template<typename Reply>
void WorkerPool::runOnNext(std::function<Reply(Worker &)> work,
                           std::function<void(const Reply &)> done)
{
    Worker &worker = *m_workers.at(m_next);
    m_next = (m_next + 1) % m_workers.size();
    worker.post([this, work = std::move(work), done = std::move(done)](Worker &self) mutable {
        handBack([reply = work(self), done = std::move(done)] { done(reply); });
    });
}

void WorkerPool::handBack(std::function<void()> reply)
{
    bool wake = false;
    {
        std::lock_guard lock(m_repliesMutex);
        wake = m_replies.empty(); // otherwise a wake-up is already on its way
        m_replies.push_back(std::move(reply));
    }
    if (wake)
        eventfd_write(m_wakeUp, 1); // a system call: no memory shared with the pool's thread
}

void WorkerPool::takeReplies()
{
    // Read before taking: a reply handed back after this read wakes the thread again.
    eventfd_t count = 0;
    eventfd_read(m_wakeUp, &count);
    std::vector<std::function<void()>> replies;
    {
        std::lock_guard lock(m_repliesMutex);
        replies.swap(m_replies);
    }
    for (const std::function<void()> &reply : replies)
        reply();
}

void WorkerPool::submit(const RestApi::RoutedCall &call, Done done)
{
    runOnNext<HttpReply>([call](Worker &worker) { return worker.apply(call); }, std::move(done));
}

void WorkerPool::submitPushes(const QList<PushRequest> &pushes, PushesDone done)
{
    runOnNext<PushGroupOutcome>([pushes](Worker &worker) { return worker.applyPushes(pushes); },
                                std::move(done));
}

void WorkerPool::submitGroup(const QList<RestApi::RoutedCall> &calls, GroupDone done)
{
    runOnNext<QList<HttpReply>>([calls](Worker &worker) { return worker.applyGroup(calls); },
                                std::move(done));
}

} // namespace Stockroom::Sync
