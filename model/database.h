#pragma once

// Database: one open, encrypted Stockroom database and its Qt SQL connection.
//
// create() makes a new encrypted file; open() opens an existing one and migrates its schema
// forward. Both refuse plaintext: a build without SQLCipher, a wrong key and a file that is
// not an encrypted Stockroom database each fail with their own ErrorCode.
//
// Transactions nest: the outermost begin() is BEGIN IMMEDIATE, inner ones are savepoints,
// so one failed command inside a batch rolls back only itself. Work registered with
// afterCommit() runs once the outermost transaction commits, and never after a rollback;
// that is how change signals are only emitted for data that is really stored.
//
// A Database belongs to the thread that opened it. Everything that runs queries on it
// (services, item models) must be destroyed before it.

#include "error.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

class QSqlQuery;

namespace Stockroom {

class Database
{
public:
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

    QSqlDatabase connection() const;
    QString path() const { return m_path; }
    QString cipherVersion() const;
    QString deviceId() const { return m_deviceId; }
    int schemaVersion() const;

    // Re-encrypts the database under a new passphrase.
    Status changeKey(const QString &newPassphrase);

    // Settings stored in the database itself (policies, device id, time zone).
    QString setting(const QString &key, const QString &fallback = QString()) const;
    Status setSetting(const QString &key, const QString &value);

    // Transactions. Prefer the Transaction guard below.
    Status begin();
    Status commit();
    void rollback();
    bool inTransaction() const { return m_depth > 0; }
    void afterCommit(std::function<void()> work);

    // Prepares sql on this connection, or fails with the driver's message.
    Result<QSqlQuery> prepare(const QString &sql) const;
    // The same, prepared once per connection and reused: for the statements that run on
    // every movement. The caller reads the result to the end or calls finish() before the
    // same SQL is used again, and never keeps the pointer.
    Result<QSqlQuery *> cached(const QString &sql) const;
    // Binds values to the cached statement for sql and runs it.
    Result<QSqlQuery *> run(const QString &sql, const QVariantList &values = {}) const;
    // Runs a prepared query, or fails with the driver's message.
    static Status exec(QSqlQuery &query);
    // Prepares and runs a statement that takes no parameters.
    Status exec(const QString &sql) const;

private:
    explicit Database(QString connectionName, QString path);
    static Result<std::unique_ptr<Database>> connect(const QString &path,
                                                     const QString &passphrase,
                                                     bool create,
                                                     int schemaVersion);
    Status configure();
    Status execCached(const QString &sql) const;

    QString m_connectionName;
    QString m_path;
    QString m_deviceId;
    int m_depth = 0;
    std::vector<std::function<void()>> m_afterCommit;
    std::vector<size_t> m_savepointMarks; // m_afterCommit's size when each savepoint began
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
    static Result<Transaction> begin(Database &db);
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status commit();

private:
    explicit Transaction(Database &db);

    Database *m_db;
    bool m_open = true;
};

// Builds an Error from a failed query, for messages shown to people and logs.
Error queryError(const QSqlQuery &query);

} // namespace Stockroom
