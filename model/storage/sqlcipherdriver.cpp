#include "sqlcipherdriver.h"

#include "sqlcipherresult.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>

#include <sqlcipher/sqlite3.h>

namespace Stockroom {

namespace {

// SQLCipher encrypts and authenticates page by page, so larger pages cost less per byte
// written: 4 KiB pages (SQLCipher 4's default, and the OS page) made the sync server apply
// pushes about 30% faster than 3.4's default of 1 KiB. SQLCipher 3 does not record the page
// size in the file; files made with 1 KiB pages are opened with that size.
constexpr int pageSize = 4096;
constexpr int legacyPageSize = 1024;

// Runs a one-row, one-column statement and returns its text, or a null string.
QString queryText(sqlite3 *db, const char *sql, int *rcOut = nullptr)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    QString value;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
            value = text ? QString::fromUtf8(text) : QString();
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(stmt);
    if (rcOut)
        *rcOut = rc;
    return value;
}

bool looksLikePlainSqlite(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(16) == QByteArray("SQLite format 3", 16);
}

QMetaType typeFromDeclaration(const QString &declared)
{
    const QString type = declared.toLower();
    if (type.contains(QLatin1String("int")))
        return QMetaType(QMetaType::LongLong);
    if (type.contains(QLatin1String("real")) || type.contains(QLatin1String("floa"))
        || type.contains(QLatin1String("doub")))
        return QMetaType(QMetaType::Double);
    if (type.contains(QLatin1String("blob")))
        return QMetaType(QMetaType::QByteArray);
    return QMetaType(QMetaType::QString);
}

} // namespace

SqlCipherDriver::SqlCipherDriver(QObject *parent)
    : QSqlDriver(parent)
{}

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

void SqlCipherDriver::registerDriver()
{
    if (!QSqlDatabase::isDriverAvailable(QLatin1String(name)))
        QSqlDatabase::registerSqlDriver(QLatin1String(name), new QSqlDriverCreator<SqlCipherDriver>);
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case PreparedQueries:
    case PositionalPlaceholders:
    case LastInsertId:
    case BLOB:
    case Unicode:
    case SimpleLocking:
    case LowPrecisionNumbers:
        return true;
    // Qt rewrites :named placeholders to positional ones for us.
    case NamedPlaceholders:
    case QuerySize:
    case BatchOperations:
    case EventNotifications:
    case FinishQuery:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

void SqlCipherDriver::failOpen(const QString &message, const QString &nativeCode)
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    m_cipherVersion.clear();
    setLastError(QSqlError(message, QString(), QSqlError::ConnectionError, nativeCode));
    setOpenError(true);
}

bool SqlCipherDriver::open(const QString &db,
                           const QString &,
                           const QString &password,
                           const QString &,
                           int,
                           const QString &connectOptions)
{
    if (isOpen())
        close();

    const bool create = connectOptions.split(QLatin1Char(';'), Qt::SkipEmptyParts)
                            .contains(QLatin1String("SQLCIPHER_CREATE"));
    if (!create && !QFileInfo::exists(db)) {
        failOpen(tr("The database file %1 does not exist.").arg(db), QLatin1String(missingFileCode));
        return false;
    }

    if (password.isEmpty()) {
        failOpen(tr("No key was given for %1.").arg(db), QLatin1String(wrongKeyCode));
        return false;
    }
    const QByteArray key = password.toUtf8();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                      | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = openKeyed(db, flags, key, pageSize);
    if ((rc & 0xff) == SQLITE_NOTADB && !create) {
        // A file made before pages were 4 KiB, or a wrong key: the older size tells which.
        rc = openKeyed(db, flags, key, legacyPageSize);
    }
    if (rc == SQLITE_OK)
        return true;
    if (m_db && !m_cipherVersion.isEmpty()) {
        if (looksLikePlainSqlite(db)) {
            failOpen(tr("%1 is an unencrypted SQLite database, not a Stockroom database.").arg(db),
                     QLatin1String(notADatabaseCode));
        } else if ((rc & 0xff) == SQLITE_NOTADB) {
            failOpen(tr("Wrong key or not a Stockroom database: %1").arg(db),
                     QLatin1String(wrongKeyCode));
        } else {
            failOpen(tr("Cannot read %1: %2").arg(db, QString::fromUtf8(sqlite3_errstr(rc))),
                     QString::number(rc));
        }
    }
    return false;
}

int SqlCipherDriver::openKeyed(const QString &db, int flags, const QByteArray &key, int pages)
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
    int rc = sqlite3_open_v2(QFile::encodeName(db).constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                                    : QString::fromUtf8(sqlite3_errstr(rc));
        failOpen(tr("Cannot open %1: %2").arg(db, detail), QString::number(rc));
        return rc;
    }
    sqlite3_extended_result_codes(m_db, 1);

    // A library without the codec accepts PRAGMA key and then writes plaintext.
    // Only SQLCipher answers cipher_version, so its answer is the proof.
    m_cipherVersion = queryText(m_db, "PRAGMA cipher_version;");
    if (m_cipherVersion.isEmpty()) {
        failOpen(tr("This build does not encrypt databases (SQLCipher is not linked). "
                    "Refusing to open %1.")
                     .arg(db),
                 QLatin1String(notEncryptedCode));
        return SQLITE_ERROR;
    }
    rc = sqlite3_key(m_db, key.constData(), int(key.size()));
    if (rc != SQLITE_OK) {
        failOpen(tr("Cannot set the key: %1").arg(QString::fromUtf8(sqlite3_errstr(rc))),
                 QLatin1String(wrongKeyCode));
        return rc;
    }
    const QByteArray pageSizePragma = "PRAGMA cipher_page_size = " + QByteArray::number(pages)
                                      + ';';
    queryText(m_db, pageSizePragma.constData(), &rc);
    if (rc != SQLITE_OK)
        return rc;
    // The key is only checked when the first page is read.
    queryText(m_db, "SELECT count(*) FROM sqlite_master;", &rc);
    if (rc != SQLITE_OK)
        return rc;
    setOpen(true);
    setOpenError(false);
    return SQLITE_OK;
}

void SqlCipherDriver::close()
{
    if (!m_db)
        return;
    // Results finalize their statements when their QSqlQuery dies; close_v2 defers
    // the close until the last one is gone instead of failing with SQLITE_BUSY.
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    m_cipherVersion.clear();
    setOpen(false);
    setOpenError(false);
}

QSqlResult *SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

bool SqlCipherDriver::execSimple(const char *sql, const QString &what)
{
    if (!m_db)
        return false;
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        setLastError(QSqlError(what,
                               QString::fromUtf8(message ? message : sqlite3_errstr(rc)),
                               QSqlError::TransactionError,
                               QString::number(rc)));
        sqlite3_free(message);
        return false;
    }
    return true;
}

bool SqlCipherDriver::beginTransaction()
{
    return execSimple("BEGIN IMMEDIATE;", tr("Cannot start a transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    return execSimple("COMMIT;", tr("Cannot commit the transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    return execSimple("ROLLBACK;", tr("Cannot roll back the transaction"));
}

bool SqlCipherDriver::changeKey(const QByteArray &newPassphrase)
{
    if (!m_db || newPassphrase.isEmpty())
        return false;
    const int rc = sqlite3_rekey(m_db, newPassphrase.constData(), int(newPassphrase.size()));
    if (rc != SQLITE_OK) {
        setLastError(QSqlError(tr("Cannot change the key"),
                               QString::fromUtf8(sqlite3_errmsg(m_db)),
                               QSqlError::StatementError,
                               QString::number(rc)));
        return false;
    }
    return true;
}

qint64 SqlCipherDriver::totalChanges() const
{
    return m_db ? sqlite3_total_changes(m_db) : 0;
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList names;
    if (!isOpen())
        return names;
    QString sql;
    if (type & QSql::Tables)
        sql = QStringLiteral("type = 'table' AND name NOT LIKE 'sqlite_%'");
    if (type & QSql::Views)
        sql += (sql.isEmpty() ? QString() : QStringLiteral(" OR "))
               + QStringLiteral("type = 'view'");
    if (type & QSql::SystemTables)
        names << QStringLiteral("sqlite_master");
    if (sql.isEmpty())
        return names;

    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE ") + sql
                   + QStringLiteral(" ORDER BY name"))) {
        while (query.next())
            names << query.value(0).toString();
    }
    return names;
}

QSqlRecord SqlCipherDriver::record(const QString &tableName) const
{
    QSqlRecord result;
    if (!isOpen())
        return result;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName))))
        return result;
    // cid, name, type, notnull, dflt_value, pk
    while (query.next()) {
        QSqlField field(query.value(1).toString(),
                        typeFromDeclaration(query.value(2).toString()),
                        tableName);
        field.setRequiredStatus(query.value(3).toInt() ? QSqlField::Required : QSqlField::Optional);
        field.setDefaultValue(query.value(4));
        field.setAutoValue(
            query.value(5).toInt() == 1
            && query.value(2).toString().compare(QLatin1String("integer"), Qt::CaseInsensitive)
                   == 0);
        result.append(field);
    }
    return result;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString &tableName) const
{
    QSqlIndex index(tableName);
    if (!isOpen())
        return index;
    QSqlQuery query(createResult());
    query.setForwardOnly(true);
    if (!query.exec(
            QStringLiteral("PRAGMA table_info(%1)").arg(escapeIdentifier(tableName, TableName))))
        return index;
    while (query.next()) {
        if (query.value(5).toInt() > 0)
            index.append(QSqlField(query.value(1).toString(),
                                   typeFromDeclaration(query.value(2).toString()),
                                   tableName));
    }
    return index;
}

QString SqlCipherDriver::escapeIdentifier(const QString &identifier, IdentifierType) const
{
    if (identifier.startsWith(QLatin1Char('"')) && identifier.endsWith(QLatin1Char('"'))
        && identifier.size() > 1)
        return identifier;
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

} // namespace Stockroom
