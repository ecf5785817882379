// Database's transactions: nesting, the writer lock, poisoning, commit with its pending
// work and after-commit work, and the Transaction guard.
#include "database.h"

#include "model/domain/tr.h"
#include "sqlcipherdriver.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Stockroom {

Status Database::begin()
{
    if (m_depth == 0) {
        ++m_writeEpoch;
        if (!connection().transaction()) {
            return fail(ErrorCode::Database,
                        Tr::tr("Cannot start a transaction: %1")
                            .arg(connection().lastError().databaseText()));
        }
        m_writerLocked = false;
        if (m_strategy == StockStrategy::Group) {
            if (auto locked = takeWriterLock(); !locked) {
                connection().rollback();
                return locked;
            }
        }
    } else {
        if (auto flushed = flushPendingWork(); !flushed)
            return flushed;
        if (auto done = execSavepoint(QStringLiteral("SAVEPOINT sp%1").arg(m_depth)); !done)
            return done;
        m_savepointMarks.push_back(m_afterCommit.size());
        ++m_writeEpoch;
    }
    ++m_depth;
    return {};
}

Status Database::lockWriter()
{
    if (m_depth == 0)
        return fail(ErrorCode::Database, Tr::tr("No transaction is open."));
    return takeWriterLock();
}

Status Database::takeWriterLock()
{
    if (!isPostgres() || m_writerLocked)
        return {};
    auto locked = execCached(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(writerLockKey));
    if (!locked)
        return locked;
    m_writerLocked = true;
    return {};
}

void Database::poison(const Error &error)
{
    if (m_depth > 0 && !m_poison)
        m_poison = error;
}

qint64 Database::totalChanges() const
{
    return m_driver ? m_driver->totalChanges() : 0;
}

Status Database::commit()
{
    if (m_depth == 0)
        return fail(ErrorCode::Database, Tr::tr("No transaction is open."));
    if (m_depth == 1 && !m_poison) {
        if (auto flushed = flushPendingWork(); !flushed)
            poison(flushed.error());
    }
    if (m_depth == 1 && m_poison) {
        Error error = *m_poison;
        rollback();
        error.message = Tr::tr("Nothing was saved: %1").arg(error.message);
        return std::unexpected(error);
    }
    if (m_depth > 1) {
        if (auto done = execSavepoint(QStringLiteral("RELEASE sp%1").arg(m_depth - 1)); !done)
            return done;
        m_savepointMarks.pop_back();
        --m_depth;
        ++m_writeEpoch;
        return {};
    }
    if (!connection().commit()) {
        const QString message = connection().lastError().databaseText();
        rollback();
        return fail(ErrorCode::Database, Tr::tr("Cannot commit: %1").arg(message));
    }
    m_depth = 0;
    ++m_writeEpoch;
    m_pending.clear();
    m_outboxAnnouncedAt.reset();
    auto work = std::move(m_afterCommit);
    m_afterCommit.clear();
    for (auto &[owner, job] : work) {
        if (owner)
            job();
    }
    return {};
}

void Database::rollback()
{
    if (m_depth == 0)
        return;
    ++m_writeEpoch;
    // Held work belongs to the innermost level: either it was flushed when this savepoint
    // began, or this is the outermost transaction.
    for (PendingWork *work : m_pending)
        work->discard();
    if (m_depth > 1) {
        const int savepoint = m_depth - 1;
        (void) execSavepoint(QStringLiteral("ROLLBACK TO sp%1").arg(savepoint));
        (void) execSavepoint(QStringLiteral("RELEASE sp%1").arg(savepoint));
        // Work registered inside the savepoint announced changes that are now undone.
        m_afterCommit.resize(m_savepointMarks.back());
        if (m_outboxAnnouncedAt && *m_outboxAnnouncedAt >= m_afterCommit.size())
            m_outboxAnnouncedAt.reset();
        m_savepointMarks.pop_back();
        --m_depth;
        return;
    }
    connection().rollback();
    m_depth = 0;
    m_pending.clear();
    m_poison.reset();
    m_afterCommit.clear();
    m_outboxAnnouncedAt.reset();
    m_savepointMarks.clear();
}

void Database::enlist(PendingWork *work)
{
    if (m_depth > 0 && std::find(m_pending.begin(), m_pending.end(), work) == m_pending.end())
        m_pending.push_back(work);
}

void Database::withdraw(PendingWork *work)
{
    std::erase(m_pending, work);
}

Status Database::flushPendingWork() const
{
    for (PendingWork *work : m_pending) {
        if (auto flushed = work->flush(); !flushed)
            return flushed;
    }
    return {};
}

void Database::afterCommit(const QObject *owner, std::function<void()> work)
{
    if (m_depth == 0)
        work();
    else
        m_afterCommit.emplace_back(const_cast<QObject *>(owner), std::move(work));
}

void Database::addOutboxListener(const QObject *owner, std::function<void()> listener)
{
    std::erase_if(m_outboxListeners, [](const auto &entry) { return entry.first.isNull(); });
    m_outboxListeners.emplace_back(const_cast<QObject *>(owner), std::move(listener));
}

void Database::outboxQueued()
{
    // Once per transaction is enough: a listener only needs to hear that something waits.
    if (m_depth > 0) {
        if (m_outboxAnnouncedAt)
            return;
        m_outboxAnnouncedAt = m_afterCommit.size();
    }
    for (const auto &[owner, listener] : m_outboxListeners) {
        if (owner)
            afterCommit(owner, listener);
    }
}

Result<Transaction> Transaction::begin(Database &db)
{
    if (auto started = db.begin(); !started)
        return std::unexpected(started.error());
    return Transaction(db, false);
}

Result<Transaction> Transaction::atomic(Database &db)
{
    if (db.isPoisoned()) {
        return fail(ErrorCode::Database,
                    Tr::tr("An earlier step of this transaction failed; it will be rolled back."));
    }
    if (db.inTransaction())
        return Transaction(db, true);
    return begin(db);
}

Transaction::Transaction(Database &db, bool joined)
    : m_db(&db)
    , m_joined(joined)
    , m_changesAtStart(joined ? db.totalChanges() : 0)
{}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(other.m_db)
    , m_open(std::exchange(other.m_open, false))
    , m_joined(other.m_joined)
    , m_changesAtStart(other.m_changesAtStart)
{}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    if (!m_joined) {
        m_db->rollback();
        return;
    }
    // A joined step that gave up: harmless if it wrote nothing, fatal to the
    // transaction if it did. PostgreSQL cannot tell, and a failed statement has spoilt
    // its transaction anyway.
    if (m_db->isPostgres() || m_db->totalChanges() != m_changesAtStart) {
        m_db->poison(Error{ErrorCode::Database,
                           Tr::tr("a step failed after it had started writing"),
                           std::nullopt});
    }
}

Status Transaction::commit()
{
    if (!m_open)
        return fail(ErrorCode::Database, Tr::tr("The transaction is already closed."));
    m_open = false;
    return m_joined ? Status() : m_db->commit();
}

} // namespace Stockroom
