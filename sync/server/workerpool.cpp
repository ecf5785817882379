#include "workerpool.h"

#include "eventlog.h"

#include <QSqlQuery>

namespace Stockroom::Sync {

namespace {

// The advisory locks (laneLockBase + lane) that writers hold for as long as they are
// connected. They are one-number keys: the advisory strategy's item locks take the
// two-number key space (product, location), which PostgreSQL keeps apart.
constexpr qint64 laneLockBase = qint64(0x4c616e65) << 32; // "Lane"
constexpr int maxLanes = 10000;

} // namespace

class WorkerPool::Worker : public QObject
{
public:
    Worker(const Clock &clock, EventLog &log, Metrics &metrics)
        : m_clock(clock)
        , m_log(log)
        , m_metrics(metrics)
    {}

    // On the worker's thread, which the connection belongs to.
    void close()
    {
        m_store.reset();
        m_api.reset();
        m_db.reset();
    }

    Status open(const Opener &open,
                Work work,
                StockStrategy strategy,
                NegativeStockPolicy negativeStock)
    {
        auto db = open();
        if (!db)
            return std::unexpected(db.error());
        m_db = std::move(*db);
        if (work == Work::Pushes) {
            m_db->setStockStrategy(strategy);
            m_store = std::make_unique<ServerStore>(*m_db, m_clock, negativeStock);
            return {};
        }
        m_api = std::make_unique<RestApi>(*m_db, m_clock, m_log, m_metrics, negativeStock);
        if (work == Work::Writes) {
            m_db->setStockStrategy(strategy);
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

    RestApi *api() const { return m_api.get(); }
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

private:
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

    const Clock &m_clock;
    EventLog &m_log;
    Metrics &m_metrics;
    std::unique_ptr<Database> m_db;
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
{}

WorkerPool::~WorkerPool()
{
    // Each worker first finishes what was handed to it (the stop is queued behind it).
    for (const std::unique_ptr<Slot> &slot : m_workers) {
        Worker *worker = slot->worker;
        QThread *thread = &slot->thread;
        QMetaObject::invokeMethod(
            worker,
            [worker, thread] {
                worker->close();
                thread->quit();
            },
            Qt::QueuedConnection);
    }
    for (const std::unique_ptr<Slot> &slot : m_workers) {
        slot->thread.wait();
        delete slot->worker;
    }
}

Status WorkerPool::start()
{
    for (int i = 0; i < m_count; ++i) {
        auto slot = std::make_unique<Slot>();
        slot->worker = new Worker(m_clock, m_log, m_metrics);
        slot->worker->moveToThread(&slot->thread);
        slot->thread.setObjectName(threadName(m_work).arg(i));
        slot->thread.start();
        Status opened;
        QMetaObject::invokeMethod(
            slot->worker,
            [&] { opened = slot->worker->open(m_open, m_work, m_strategy, m_negativeStock); },
            Qt::BlockingQueuedConnection);
        Worker *worker = slot->worker;
        m_workers.push_back(std::move(slot));
        if (!opened)
            return opened; // the destructor stops the workers started so far
        if (worker->api())
            connect(worker->api(), &RestApi::changed, this, &WorkerPool::changed);
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
void WorkerPool::runOnNext(std::function<Reply(Worker *)> work,
                           std::function<void(const Reply &)> done)
{
    Worker *worker = m_workers.at(m_next)->worker;
    m_next = (m_next + 1) % m_workers.size();
    QMetaObject::invokeMethod(
        worker,
        [this, worker, work = std::move(work), done = std::move(done)]() mutable {
            const Reply reply = work(worker);
            QMetaObject::invokeMethod(
                this, [reply, done = std::move(done)] { done(reply); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void WorkerPool::submit(const RestApi::RoutedCall &call, Done done)
{
    runOnNext<HttpReply>([call](Worker *worker) { return worker->apply(call); }, std::move(done));
}

void WorkerPool::submitPushes(const QList<PushRequest> &pushes, PushesDone done)
{
    runOnNext<PushGroupOutcome>([pushes](Worker *worker) { return worker->applyPushes(pushes); },
                                std::move(done));
}

void WorkerPool::submitGroup(const QList<RestApi::RoutedCall> &calls, GroupDone done)
{
    runOnNext<QList<HttpReply>>([calls](Worker *worker) { return worker->applyGroup(calls); },
                                std::move(done));
}

} // namespace Stockroom::Sync
