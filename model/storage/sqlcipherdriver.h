#pragma once

// SqlCipherDriver: a Qt SQL driver for SQLCipher, registered as "QSQLCIPHER".
//
// Qt ships no SQLCipher driver, and its QSQLITE plugin loads the system libsqlite3, which
// would silently ignore the key. This driver talks to the statically linked SQLCipher.
//
// open() takes the passphrase as the password. It refuses to open when SQLCipher's codec
// does not answer (a plaintext build), when the key is wrong, or when the file is not an
// encrypted database. Those failures carry a stable native error code (nativeErrorCodes
// below) so that callers can tell them apart without parsing text.
//
// Connect options (semicolon separated): SQLCIPHER_CREATE to create a missing file.
// Transactions begin IMMEDIATE: every transaction in Stockroom writes, and taking the
// write lock up front avoids a deadlock between two upgrading readers.

#include <QSqlDriver>

struct sqlite3;

namespace Stockroom {

class SqlCipherDriver final : public QSqlDriver
{
    Q_OBJECT

public:
    static constexpr auto name = "QSQLCIPHER";

    // Native error codes set on lastError() when open() fails.
    static constexpr auto notEncryptedCode = "not-encrypted";
    static constexpr auto wrongKeyCode = "wrong-key";
    static constexpr auto notADatabaseCode = "not-a-database";
    static constexpr auto missingFileCode = "missing-file";

    explicit SqlCipherDriver(QObject *parent = nullptr);
    ~SqlCipherDriver() override;

    // Makes "QSQLCIPHER" known to QSqlDatabase::addDatabase(). Safe to call repeatedly.
    static void registerDriver();

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString &db,
              const QString &user,
              const QString &password,
              const QString &host,
              int port,
              const QString &connectOptions) override;
    void close() override;
    QSqlResult *createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlRecord record(const QString &tableName) const override;
    QSqlIndex primaryIndex(const QString &tableName) const override;
    QString escapeIdentifier(const QString &identifier, IdentifierType type) const override;

    // Re-encrypts the whole database with a new passphrase (SQLCipher's rekey).
    bool changeKey(const QByteArray &newPassphrase);

    // The SQLCipher version string the codec reports, empty when not open.
    QString cipherVersion() const { return m_cipherVersion; }

    sqlite3 *connection() const { return m_db; }
    // Rows inserted, updated or deleted on this connection since it opened.
    qint64 totalChanges() const;

private:
    bool execSimple(const char *sql, const QString &what);
    void failOpen(const QString &message, const QString &nativeCode);
    // Opens db with key and pages of the given size and reads the schema: SQLITE_OK and
    // open, or SQLite's error (after failOpen() when it was not about the key).
    int openKeyed(const QString &db, int flags, const QByteArray &key, int pages);

    sqlite3 *m_db = nullptr;
    QString m_cipherVersion;
};

} // namespace Stockroom
