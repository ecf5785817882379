#include "database.h"

#include "model/domain/tr.h"
#include "schema.h"
#include "sqlcipherdriver.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

namespace Stockroom {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("stockroom-%1").arg(counter.fetchAndAddRelaxed(1));
}

// Whether an error's native code is SQLite's for a damaged file: SQLITE_CORRUPT or
// SQLITE_NOTADB with any extension. PostgreSQL's codes are five-character SQLSTATEs.
bool isDamage(const QString &nativeCode)
{
    bool number = false;
    const int rc = nativeCode.toInt(&number);
    return number && nativeCode.size() < 5 && ((rc & 0xff) == 11 || (rc & 0xff) == 26);
}

QString notStockroom(const QString &path)
{
    return Tr::tr("%1 holds no Stockroom database. Create one with init, or restore the file "
                  "from a backup.")
        .arg(path);
}

QString unreadable(const QString &path, const QString &detail)
{
    return Tr::tr("%1 cannot be read: %2. The file may be damaged: restore it from a backup.")
        .arg(path, detail);
}

ErrorCode codeForOpenError(const QSqlError &error)
{
    const QString native = error.nativeErrorCode();
    if (native == QLatin1String(SqlCipherDriver::notEncryptedCode))
        return ErrorCode::NotEncrypted;
    if (native == QLatin1String(SqlCipherDriver::wrongKeyCode))
        return ErrorCode::WrongKey;
    if (native == QLatin1String(SqlCipherDriver::notADatabaseCode))
        return ErrorCode::NotADatabase;
    if (native == QLatin1String(SqlCipherDriver::missingFileCode))
        return ErrorCode::NotFound;
    if (isDamage(native))
        return ErrorCode::Corrupt;
    return ErrorCode::Database;
}

// What QPSQL needs from a postgresql:// URL: host, port, user, password and database, and
// libpq's own connection options from the query (sslmode=require, connect_timeout=5).
struct PostgresTarget
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options;
    QString shown; // the URL without its password
};

Result<PostgresTarget> parsePostgresUrl(const QString &location)
{
    const QUrl url(location, QUrl::StrictMode);
    PostgresTarget target;
    target.database = url.path().mid(1);
    if (!url.isValid() || url.host().isEmpty() || target.database.isEmpty()
        || target.database.contains(QLatin1Char('/'))) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("%1 is not a PostgreSQL URL of the form "
                           "postgresql://user@host:port/database.")
                        .arg(url.toString(QUrl::RemovePassword)));
    }
    target.host = url.host();
    target.port = url.port(5432);
    target.user = url.userName();
    target.password = url.password();
    QStringList options;
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        options << name + QLatin1Char('=') + value;
    target.options = options.join(QLatin1Char(';'));
    target.shown = url.toString(QUrl::RemovePassword);
    return target;
}

} // namespace

QVariant portable(const QVariant &value)
{
    if (value.typeId() == QMetaType::Bool)
        return QVariant(qint64(value.toBool()));
    // The embedded driver binds a null QString as '', as QVariant says it is not null;
    // QPSQL would bind NULL. NULL is bound as a QVariant without a value.
    if (value.typeId() == QMetaType::QString && value.toString().isNull())
        return QVariant(QString(QLatin1String("")));
    return value;
}

bool isUniqueViolation(const QSqlQuery &query)
{
    const QString code = query.lastError().nativeErrorCode();
    return code == QLatin1String("2067")      // SQLITE_CONSTRAINT_UNIQUE
           || code == QLatin1String("1555")   // SQLITE_CONSTRAINT_PRIMARYKEY
           || code == QLatin1String("23505"); // PostgreSQL's unique_violation
}

Error queryError(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    // PostgreSQL's deadlock and serialization failures: another writer got there first.
    const QString state = error.nativeErrorCode();
    if (state == QLatin1String("40P01") || state == QLatin1String("40001"))
        return Error{ErrorCode::Contended, text, std::nullopt};
    if (isDamage(state))
        return Error{ErrorCode::Corrupt,
                     Tr::tr("The database file is damaged (%1): restore it from a backup.").arg(text),
                     std::nullopt};
    // RAISE(ABORT, ...) messages from our triggers are meant for people as they are.
    return Error{ErrorCode::Database, text, std::nullopt};
}

Database::Database(QString connectionName, QString path, Backend backend)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
    , m_backend(backend)
{}

Database::~Database()
{
    m_statements.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen()) {
            while (m_depth > 0)
                rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::create(const QString &path,
                                                   const QString &passphrase,
                                                   int schemaVersion)
{
    if (isPostgresUrl(path))
        return connectPostgres(path, true, schemaVersion);
    if (QFileInfo::exists(path))
        return fail(ErrorCode::Duplicate, Tr::tr("%1 already exists.").arg(path));
    return connect(path, passphrase, true, schemaVersion);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const QString &passphrase)
{
    if (isPostgresUrl(path))
        return connectPostgres(path, false, -1);
    return connect(path, passphrase, false, -1);
}

bool Database::isPostgresUrl(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"))
           || location.startsWith(QLatin1String("postgres://"));
}

Result<std::unique_ptr<Database>> Database::connectPostgres(const QString &url,
                                                            bool create,
                                                            int schemaVersion)
{
    auto target = parsePostgresUrl(url);
    if (!target)
        return std::unexpected(target.error());
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        return fail(ErrorCode::Database,
                    Tr::tr("Qt's PostgreSQL driver (QPSQL) is not installed; on Debian it is "
                           "the package libqt6sql6-psql."));
    }
    std::unique_ptr<Database> database(
        new Database(nextConnectionName(), target->shown, Backend::PostgreSql));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"),
                                                    database->m_connectionName);
        db.setHostName(target->host);
        db.setPort(target->port);
        db.setUserName(target->user);
        db.setPassword(target->password);
        db.setDatabaseName(target->database);
        db.setConnectOptions(target->options);
        if (!db.open()) {
            return fail(ErrorCode::Database,
                        Tr::tr("Cannot connect to %1: %2")
                            .arg(target->shown, db.lastError().databaseText().trimmed()));
        }
        db.setPassword(QString());
    }
    if (auto configured = database->configure(); !configured)
        return std::unexpected(configured.error());
    auto existing = Schema::currentVersion(*database);
    if (!existing)
        return std::unexpected(existing.error());
    if (create && *existing > 0) {
        return fail(ErrorCode::Duplicate,
                    Tr::tr("%1 already holds a Stockroom database.").arg(target->shown));
    }
    return finishOpening(std::move(database), schemaVersion);
}

Result<std::unique_ptr<Database>> Database::connect(const QString &path,
                                                    const QString &passphrase,
                                                    bool create,
                                                    int schemaVersion)
{
    SqlCipherDriver::registerDriver();
    if (!create && QFileInfo(path).isFile() && QFileInfo(path).size() == 0)
        return fail(ErrorCode::NotADatabase, notStockroom(path));
    std::unique_ptr<Database> database(new Database(nextConnectionName(), path, Backend::SqlCipher));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::name),
                                                    database->m_connectionName);
        db.setDatabaseName(path);
        db.setPassword(passphrase);
        if (create)
            db.setConnectOptions(QStringLiteral("SQLCIPHER_CREATE"));
        if (!db.open())
            return fail(codeForOpenError(db.lastError()), db.lastError().driverText());
        // Forget the passphrase as soon as it has been used.
        db.setPassword(QString());
        database->m_driver = qobject_cast<SqlCipherDriver *>(db.driver());
    }
    if (!create) {
        // Only init creates: an existing file must already be Stockroom's. Checked before
        // anything is written to it.
        auto ours = Schema::hasVersionTable(*database);
        if (!ours)
            return fail(ErrorCode::Corrupt, unreadable(path, ours.error().message));
        if (!*ours)
            return fail(ErrorCode::NotADatabase, notStockroom(path));
    }
    if (auto configured = database->configure(); !configured)
        return std::unexpected(configured.error());
    auto read = Schema::currentVersion(*database);
    if (!read)
        return fail(ErrorCode::Corrupt, unreadable(path, read.error().message));
    const int before = *read;
    auto opened = finishOpening(std::move(database), schemaVersion);
    if (!opened || before == 0 || before >= Schema::lastTableRewrite
        || (*opened)->schemaVersion() < Schema::lastTableRewrite)
        return opened;
    // A migration edited a table's recorded definition, which this connection read before:
    // open again, so that it works with what the file now says.
    opened->reset();
    return connect(path, passphrase, false, schemaVersion);
}

Result<std::unique_ptr<Database>> Database::finishOpening(std::unique_ptr<Database> database,
                                                          int schemaVersion)
{
    if (auto migrated = Schema::migrate(*database, schemaVersion); !migrated)
        return std::unexpected(migrated.error());
    if (database->schemaVersion() == 0)
        return database; // only migration tests stop before the meta table exists

    database->m_deviceId = database->setting(QStringLiteral("device_id"));
    database->m_syncs = !database->setting(QStringLiteral("sync.server")).isEmpty();
    if (database->m_deviceId.isEmpty()) {
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (auto stored = database->setSetting(QStringLiteral("device_id"), id); !stored)
            return std::unexpected(stored.error());
        database->m_deviceId = id;
    }
    return database;
}

Status Database::configure()
{
    if (isPostgres()) {
        // Times are stored as UTC milliseconds, so the session's zone matters to nothing;
        // NOTICEs (an IF NOT EXISTS that found its table) are not for the log.
        if (auto done = exec(QStringLiteral("SET client_min_messages = warning")); !done)
            return done;
        return {};
    }
    // WAL lets readers (the item models) work while a movement is written.
    // synchronous=FULL syncs the WAL on every commit: a movement a clerk saw posted
    // survives a power cut, not only a crash. The README gives the measured cost.
    const char *const pragmas[] = {
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA busy_timeout = 5000",
        // 64 MiB of decrypted pages: index inserts into a large ledger stay in memory.
        "PRAGMA cache_size = -65536",
        // Savepoint journals and sorts stay in memory: nothing temporary reaches the
        // disk, and SQLCipher does not encrypt what never leaves memory.
        "PRAGMA temp_store = MEMORY",
    };
    for (const char *pragma : pragmas) {
        if (auto done = exec(QString::fromLatin1(pragma)); !done)
            return done;
    }
    return {};
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Database::cipherVersion() const
{
    const auto *driver = qobject_cast<const SqlCipherDriver *>(connection().driver());
    return driver ? driver->cipherVersion() : QString();
}

Result<QStringList> Database::integrityProblems(int limit) const
{
    if (isPostgres())
        return QStringList();
    QSqlQuery query = newQuery();
    if (!query.exec(QStringLiteral("PRAGMA integrity_check(%1)").arg(limit)))
        return fail(ErrorCode::Corrupt, unreadable(m_path, query.lastError().text()));
    QStringList problems;
    while (query.next()) {
        const QString line = query.value(0).toString();
        if (line != QLatin1String("ok"))
            problems.append(line);
    }
    if (query.lastError().isValid())
        return fail(ErrorCode::Corrupt, unreadable(m_path, query.lastError().text()));
    return problems;
}

int Database::schemaVersion() const
{
    // Read when it was opened; an error now is not a version, but the open database has
    // one, and the statement that fails next reports the error.
    return Schema::currentVersion(*this).value_or(-1);
}

Status Database::changeKey(const QString &newPassphrase)
{
    if (isPostgres()) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("A PostgreSQL database has no Stockroom key; its server encrypts "
                           "and authenticates."));
    }
    if (newPassphrase.isEmpty())
        return fail(ErrorCode::InvalidInput, Tr::tr("The new key must not be empty."));
    if (m_depth > 0)
        return fail(ErrorCode::Database, Tr::tr("Cannot change the key inside a transaction."));
    auto *driver = qobject_cast<SqlCipherDriver *>(connection().driver());
    if (!driver)
        return fail(ErrorCode::Database, Tr::tr("The database is not open."));
    // SQLCipher re-encrypts through the rollback journal; leave WAL mode while it does.
    if (auto done = exec(QStringLiteral("PRAGMA journal_mode = DELETE")); !done)
        return done;
    const bool changed = driver->changeKey(newPassphrase.toUtf8());
    const QString message = driver->lastError().databaseText();
    if (auto done = exec(QStringLiteral("PRAGMA journal_mode = WAL")); !done)
        return done;
    if (!changed)
        return fail(ErrorCode::Database, Tr::tr("Cannot change the key: %1").arg(message));
    return {};
}

QString Database::setting(const QString &key, const QString &fallback) const
{
    auto query = run(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    if (!query || !(*query)->next())
        return fallback;
    const QString value = (*query)->value(0).toString();
    (*query)->finish();
    return value;
}

QTimeZone Database::dayZone() const
{
    const QByteArray id = setting(QStringLiteral("time_zone")).toUtf8();
    const QTimeZone zone = id.isEmpty() ? QTimeZone::utc() : QTimeZone(id);
    return zone.isValid() ? zone : QTimeZone::utc();
}

Status Database::setSetting(const QString &key, const QString &value)
{
    auto query = prepare(sql("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             "INSERT INTO meta (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    if (!query)
        return std::unexpected(query.error());
    query->addBindValue(key);
    query->addBindValue(value);
    if (auto done = exec(*query); !done)
        return done;
    if (key == QLatin1String("sync.server"))
        m_syncs = !value.isEmpty();
    return {};
}

QSqlQuery Database::newQuery() const
{
    QSqlQuery query(connection());
    query.setForwardOnly(!isPostgres());
    return query;
}

Result<QSqlQuery> Database::prepare(const QString &sql) const
{
    QSqlQuery query = newQuery();
    if (!query.prepare(sql))
        return std::unexpected(queryError(query));
    return query;
}

Result<QSqlQuery *> Database::cached(const QString &sql) const
{
    auto found = m_statements.find(sql);
    if (found != m_statements.end())
        return found->second.get();
    auto query = std::make_unique<QSqlQuery>(newQuery());
    if (!query->prepare(sql))
        return std::unexpected(queryError(*query));
    return m_statements.emplace(sql, std::move(query)).first->second.get();
}

Result<QSqlQuery *> Database::run(const QString &sql, const QVariantList &values) const
{
    auto query = cached(sql);
    if (!query)
        return query;
    for (int i = 0; i < values.size(); ++i)
        (*query)->bindValue(i, portable(values.at(i)));
    if (!(*query)->exec())
        return std::unexpected(queryError(**query));
    return query;
}

Result<QSqlQuery> Database::select(const QString &sql, const QVariantList &values) const
{
    if (auto flushed = flushPendingWork(); !flushed)
        return std::unexpected(flushed.error());
    auto query = prepare(sql);
    if (!query)
        return query;
    for (const QVariant &value : values)
        query->addBindValue(portable(value));
    if (auto done = exec(*query); !done)
        return std::unexpected(done.error());
    return query;
}

QString Database::returningKey(const QString &insert, const char *key) const
{
    if (!isPostgres())
        return insert;
    return insert + QLatin1String(" RETURNING ") + QLatin1String(key);
}

qint64 Database::insertedId(QSqlQuery &query) const
{
    if (!isPostgres())
        return query.numRowsAffected() > 0 ? query.lastInsertId().toLongLong() : 0;
    // The RETURNING row, if any, says whether the INSERT wrote one.
    const qint64 id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

bool execPortable(QSqlQuery &query)
{
    if (query.driver() && query.driver()->dbmsType() == QSqlDriver::PostgreSQL) {
        const QVariantList values = query.boundValues();
        for (int i = 0; i < values.size(); ++i) {
            const QVariant &value = values.at(i);
            if (value.typeId() == QMetaType::Bool
                || (value.typeId() == QMetaType::QString && value.toString().isNull()))
                query.bindValue(i, portable(value));
        }
    }
    return query.exec();
}

Status Database::exec(QSqlQuery &query)
{
    if (!execPortable(query))
        return std::unexpected(queryError(query));
    return {};
}

Status Database::execSavepoint(const QString &sql) const
{
    // PostgreSQL cannot PREPARE a savepoint statement.
    return isPostgres() ? exec(sql) : execCached(sql);
}

Status Database::execCached(const QString &sql) const
{
    auto query = cached(sql);
    if (!query)
        return std::unexpected(query.error());
    return exec(**query);
}

Status Database::setCheckpointPages(int pages)
{
    if (isPostgres())
        return {};
    return exec(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(pages));
}

Status Database::exec(const QString &sql) const
{
    QSqlQuery query = newQuery();
    if (!query.exec(sql))
        return std::unexpected(queryError(query));
    return {};
}

} // namespace Stockroom
