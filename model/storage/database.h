#pragma once

// Database: one open, encrypted Stockroom database and its Qt SQL connection.
//
// create() makes a new encrypted file; open() opens an existing one and migrates its schema
// forward. Both refuse plaintext: a build without SQLCipher, a wrong key and a file that is
// not an encrypted Stockroom database each fail with their own ErrorCode.
//
// The server may keep its data in PostgreSQL instead: given a postgresql:// URL, create()
// and open() connect through Qt's QPSQL driver and migrate the database's own schema (see
// Schema). Everything above this class runs the same SQL on both, except where sql()
// picks one text per backend. On PostgreSQL every write transaction takes one advisory lock
// (writerLockKey) before it writes the ledger, so writers on all server instances take turns
// as they do on the one-writer embedded store: the ledger's hash chain and the change feed's
// cursors rely on it. Under the group strategy the lock is taken as the transaction
// begins. A failed statement spoils a PostgreSQL transaction, so there a failed step always
// poisons the transaction it joined.
//
// Transactions come in two kinds. Transaction::begin() nests with savepoints, so a failed
// step rolls back only itself; CSV import uses that to check every row. Transaction::atomic()
// is for hot paths: inside an open transaction it joins it instead of opening a savepoint
// (SQLCipher encrypts every page a savepoint journals, which costs five times the write
// itself). A joined operation that fails before writing leaves nothing behind; one that
// fails after writing poisons the transaction, whose commit then rolls everything back.
// Either way nothing half-done is ever committed.
//
// Work registered with afterCommit() runs once the outermost transaction commits, and
// never after a rollback; that is how change signals are only emitted for data that is
// really stored.
//
// A Database belongs to the thread that opened it. Everything that runs queries on it
// (services, item models) must be destroyed before it.

#include "model/domain/error.h"
#include "stockstrategy.h"

#include <QPointer>
#include <QSqlDatabase>
#include <QString>
#include <QTimeZone>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

class QSqlQuery;

namespace Stockroom {

class SqlCipherDriver;

// Work that a participant keeps in memory during a write transaction and writes before it
// ends: flush() before the commit and before any savepoint begins, so that held work never
// spans a savepoint; discard() when what it holds was rolled back.
class PendingWork
{
public:
    virtual ~PendingWork() = default;
    virtual Status flush() = 0;
    virtual void discard() = 0;
};

// The head of the movement ledger's hash chain as last written on a connection, valid
// while Database::writeEpoch() still equals epoch. It lives with the connection so that
// every StockLedger on it shares one view of the chain.
struct LedgerHead
{
    quint64 epoch = 0;
    QString lastHash;
    QString deviceId; // whose next sequence number is known; empty when none is
    qint64 nextDeviceSeq = 0;
};

class Database
{
public:
    enum class Backend {
        SqlCipher,  // an encrypted file (the default)
        PostgreSql, // a PostgreSQL database, for servers side by side
    };
    // The advisory lock every PostgreSQL write transaction takes first.
    static constexpr qint64 writerLockKey = 0x53746f636b; // "Stock"

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Creates a new encrypted database at path. Fails if the file exists. Tests of a
    // migration pass the schema version before it; everyone else takes the latest.
    static Result<std::unique_ptr<Database>> create(const QString &path,
                                                    const QString &passphrase,
                                                    int schemaVersion = -1);
    // Opens an existing database and applies any pending migrations.
    static Result<std::unique_ptr<Database>> open(const QString &path, const QString &passphrase);
    // Whether a --db value names a PostgreSQL database (postgresql:// or postgres://)
    // rather than a file. Such a database needs no key: the URL or libpq's environment
    // (PGPASSWORD, ~/.pgpass) carries the password.
    static bool isPostgresUrl(const QString &location);

    QSqlDatabase connection() const;
    Backend backend() const { return m_backend; }
    bool isPostgres() const { return m_backend == Backend::PostgreSql; }
    // One statement's text for each backend, where their dialects differ.
    QString sql(const char *sqlite, const char *postgres) const
    {
        return QString::fromLatin1(isPostgres() ? postgres : sqlite);
    }
    // The file, or the PostgreSQL URL without its password: for messages and logs.
    QString path() const { return m_path; }
    QString cipherVersion() const;
    QString deviceId() const { return m_deviceId; }
    int schemaVersion() const;

    // What SQLite's integrity check finds wrong with the file (empty: nothing), at most
    // limit problems. A PostgreSQL database has none to run here: its server checks its
    // pages, and the list is empty.
    Result<QStringList> integrityProblems(int limit = 20) const;

    // Re-encrypts the database under a new passphrase.
    Status changeKey(const QString &newPassphrase);

    // Settings stored in the database itself (policies, device id, time zone).
    QString setting(const QString &key, const QString &fallback = QString()) const;
    Status setSetting(const QString &key, const QString &value);
    // The zone this database counts its days in (the setting "time_zone", which init and
    // join write): daily sums, and what "today" is for expiry. UTC when it has none, or
    // one this system does not know.
    QTimeZone dayZone() const;
    // Whether this database has joined a sync server (the setting "sync.server").
    bool syncs() const { return m_syncs; }

    // How this connection's write transactions change stock. Under Group (the default)
    // every PostgreSQL write transaction takes the writer lock as it begins. Under the
    // others the transaction runs alongside other writers until lockWriter(): the stock row
    // is read and checked the strategy's way first, and only the ledger's append (its hash
    // chain and the change feed's order) waits for the lock.
    void setStockStrategy(StockStrategy strategy) { m_strategy = strategy; }
    StockStrategy stockStrategy() const { return m_strategy; }
    // Takes the writer lock for the rest of the open transaction on PostgreSQL, once; a
    // no-op on the embedded store, whose one connection writes alone.
    Status lockWriter();
    // On the embedded store: after how many pages in the write-ahead log a commit on this
    // connection copies them into the database file (SQLite's default is 1,000). Pages
    // written again before then are copied once. Nothing on PostgreSQL.
    Status setCheckpointPages(int pages);

    // Transactions. Prefer the Transaction guard below.
    Status begin();
    Status commit();
    void rollback();
    // Registers held work for the rest of the outermost transaction. The participant must
    // outlive it, or call withdraw() in its destructor.
    void enlist(PendingWork *work);
    void withdraw(PendingWork *work);
    // Writes all held work now, for readers inside the transaction.
    Status flushPendingWork() const;
    // Marks the open transaction as failed half-way: its commit will roll back.
    void poison(const Error &error);
    bool isPoisoned() const { return m_poison.has_value(); }
    // Rows changed on this connection since it opened (to tell whether a step wrote).
    qint64 totalChanges() const;
    bool inTransaction() const { return m_depth > 0; }
    // Runs work once the outermost transaction commits (at once outside one), unless owner
    // is gone by then: a service or ledger may be destroyed before its caller commits.
    void afterCommit(const QObject *owner, std::function<void()> work);
    // A call for operations queued for the server, run once after the commit of each
    // transaction that queued any (Outbox): the sync client's, so that every local change, not only a
    // movement, starts a sync. A listener lasts as long as its owner.
    void addOutboxListener(const QObject *owner, std::function<void()> listener);
    // Outbox: an operation was queued in the open transaction.
    void outboxQueued();
    // Changes whenever a transaction or savepoint begins, commits or rolls back. Values read
    // inside a write transaction stay true while this is unchanged: no other connection can
    // write until the transaction ends, and every change on this one that does not go
    // through the caching service itself (master data edits) runs in a savepoint.
    quint64 writeEpoch() const { return m_writeEpoch; }
    LedgerHead &ledgerHead() { return m_ledgerHead; }

    // A query on this connection. It reads forward only on SQLite; on PostgreSQL it holds its
    // whole result, because QPSQL streams a forward-only result over the connection, and any
    // other query run before it is read to the end would silently drop its remaining rows
    // (SQLite steps any number of statements side by side; code here relies on that).
    QSqlQuery newQuery() const;
    // Prepares sql on this connection, or fails with the driver's message.
    Result<QSqlQuery> prepare(const QString &sql) const;
    // Reads: writes any held work first (so the read sees this transaction's own changes),
    // then prepares sql forward-only, binds values in order and runs it.
    Result<QSqlQuery> select(const QString &sql, const QVariantList &values = {}) const;
    // The same, prepared once per connection and reused: for the statements that run on
    // every movement. The caller reads the result to the end or calls finish() before the
    // same SQL is used again, and never keeps the pointer.
    Result<QSqlQuery *> cached(const QString &sql) const;
    // Binds values to the cached statement for sql and runs it.
    Result<QSqlQuery *> run(const QString &sql, const QVariantList &values = {}) const;
    // Writes many rows with a statement made for n of them: sqlFor(n) for n rows, given
    // each row's values in order, in statements of at most 64 rows (each size prepared
    // once and cached). Returns how many rows the statements changed.
    Result<qint64> runRows(const std::function<QString(int rows)> &sqlFor,
                           const QList<QVariantList> &rows) const;
    static constexpr int rowsPerStatement = 64;
    // The most rows one write may have to go in runTogether().
    static constexpr int rowsTogether = 1024;
    // A write over rows as runRows() takes it.
    struct RowsWrite
    {
        std::function<QString(int rows)> sqlFor;
        QList<QVariantList> rows;
    };
    // PostgreSQL: the writes in one round trip, as the data-modifying parts of one WITH
    // statement; how many rows each wrote. Every part sees the database as it was before
    // the statement, so no two may write the same row; each is an INSERT or UPDATE without
    // RETURNING of its own, of at most rowsTogether rows (more go through runRows()).
    Result<QList<qint64>> runTogether(const QList<RowsWrite> &writes) const;
    // row repeated rows times, separated by commas: the VALUES list of runRows' statements.
    static QString repeatRows(QStringView row, int rows);
    // The placeholders of an IN list for values, which it pads to a power of two by
    // repeating the last one: a handful of cached statements serve every length.
    static QString inList(QVariantList &values);
    // A PostgreSQL array literal of these values, each quoted: one parameter for a list of
    // any length (CAST(? AS text[]), or bigint[]).
    static QString arrayLiteral(const QStringList &values);
    // sql with its placeholders replaced by values as SQL literals.
    QString withLiterals(const QString &sql, const QVariantList &values) const;
    // Runs a prepared query, or fails with the driver's message.
    static Status exec(QSqlQuery &query);
    // An INSERT whose new key insertedId() reads back: on PostgreSQL it gains a RETURNING
    // clause (lastval() there would answer with the change feed's sequence, which the
    // tables' triggers advance); on SQLite the key is the rowid. insertedId() is 0 when the
    // INSERT wrote no row (one that ignores conflicts).
    QString returningKey(const QString &insert, const char *key = "id") const;
    qint64 insertedId(QSqlQuery &query) const;
    // Prepares and runs a statement that takes no parameters.
    Status exec(const QString &sql) const;

private:
    explicit Database(QString connectionName, QString path, Backend backend);
    static Result<std::unique_ptr<Database>> connect(const QString &path,
                                                     const QString &passphrase,
                                                     bool create,
                                                     int schemaVersion);
    static Result<std::unique_ptr<Database>> connectPostgres(const QString &url,
                                                             bool create,
                                                             int schemaVersion);
    // Migrates the schema and reads or makes the device id.
    static Result<std::unique_ptr<Database>> finishOpening(std::unique_ptr<Database> database,
                                                           int schemaVersion);
    Status configure();
    Status execCached(const QString &sql) const;
    Status execSavepoint(const QString &sql) const;
    Status takeWriterLock();

    QString m_connectionName;
    QString m_path;
    Backend m_backend = Backend::SqlCipher;
    SqlCipherDriver *m_driver = nullptr; // owned by the Qt connection; valid while it is open
    QString m_deviceId;
    bool m_syncs = false;
    int m_depth = 0;
    StockStrategy m_strategy = StockStrategy::Group;
    bool m_writerLocked = false;
    std::optional<Error> m_poison;
    quint64 m_writeEpoch = 0;
    LedgerHead m_ledgerHead;
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> m_afterCommit;
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> m_outboxListeners;
    std::vector<size_t> m_savepointMarks;         // m_afterCommit's size when each savepoint began
    std::optional<size_t> m_outboxAnnouncedAt;    // where this transaction's outbox call was queued
    mutable std::vector<PendingWork *> m_pending; // flushing writes, but changes no state here
    mutable std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

// Rolls back on scope exit unless commit() was called.
//     auto tx = Transaction::begin(db);
//     if (!tx) return std::unexpected(tx.error());
//     ... work ...
//     return tx->commit();
class Transaction
{
public:
    // A transaction, or a savepoint inside an open one.
    static Result<Transaction> begin(Database &db);
    // A transaction, or a share of the open one (see Database).
    static Result<Transaction> atomic(Database &db);
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status commit();

private:
    Transaction(Database &db, bool joined);

    Database *m_db;
    bool m_open = true;
    bool m_joined = false;
    qint64 m_changesAtStart = 0;
};

// Builds an Error from a failed query, for messages shown to people and logs.
Error queryError(const QSqlQuery &query);
// A value to bind on either backend: flags are stored as 0 or 1 (PostgreSQL does not turn a
// boolean into a number by itself), and a null QString is '' (as the embedded driver binds it).
QVariant portable(const QVariant &value);
// Runs a prepared query whose values were bound one by one, making them portable first.
bool execPortable(QSqlQuery &query);
// Whether a query failed on a UNIQUE or PRIMARY KEY constraint, on either backend.
bool isUniqueViolation(const QSqlQuery &query);

} // namespace Stockroom
