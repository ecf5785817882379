#include "sqlcipherresult.h"

#include "sqlcipherdriver.h"

#include <QSqlError>
#include <QSqlField>

#include <sqlcipher/sqlite3.h>

namespace Stockroom {

namespace {

QMetaType metaTypeOfColumn(sqlite3_stmt *stmt, int column)
{
    const char *declared = sqlite3_column_decltype(stmt, column);
    const QByteArray type = QByteArray(declared ? declared : "").toLower();
    if (type.contains("int"))
        return QMetaType(QMetaType::LongLong);
    if (type.contains("real") || type.contains("floa") || type.contains("doub"))
        return QMetaType(QMetaType::Double);
    if (type.contains("blob"))
        return QMetaType(QMetaType::QByteArray);
    return QMetaType(QMetaType::QString);
}

} // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver *driver)
    : QSqlResult(driver)
    , m_db(driver->connection())
{}

SqlCipherResult::~SqlCipherResult()
{
    finalize();
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(reinterpret_cast<quintptr>(m_stmt));
}

void SqlCipherResult::finalize()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    m_boundBytes.clear();
    m_rowPending = false;
    m_row.clear();
    m_rows.clear();
    m_record.clear();
}

void SqlCipherResult::setStatementError(const QString &what, int rc)
{
    setLastError(QSqlError(what,
                           QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc)),
                           QSqlError::StatementError,
                           QString::number(rc)));
}

bool SqlCipherResult::prepare(const QString &query)
{
    finalize();
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    if (!m_db || !driver() || !driver()->isOpen()) {
        setLastError(QSqlError(QStringLiteral("The database is not open"),
                               QString(),
                               QSqlError::ConnectionError));
        return false;
    }

    const QByteArray sql = query.toUtf8();
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setStatementError(QStringLiteral("Cannot prepare the statement"), rc);
        finalize();
        return false;
    }
    if (tail && !QByteArray(tail).trimmed().isEmpty()) {
        setLastError(QSqlError(QStringLiteral("Cannot prepare the statement"),
                               QStringLiteral("Only one statement can run at a time"),
                               QSqlError::StatementError));
        finalize();
        return false;
    }

    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i) {
        const char *name = sqlite3_column_name(m_stmt, i);
        m_record.append(QSqlField(QString::fromUtf8(name ? name : ""), metaTypeOfColumn(m_stmt, i)));
    }
    setSelect(columns > 0);
    return true;
}

void SqlCipherResult::bindValue(int pos, const QVariant &value, QSql::ParamType)
{
    // QSqlResult's version also formats a ":N" name for every value, which only
    // boundValueName() reads; on the ledger's path that was one allocation per value.
    // SQLite has input parameters only, so the type needs no record either.
    QList<QVariant> &values = boundValues();
    if (values.size() <= pos)
        values.resize(pos + 1);
    values[pos] = value;
}

bool SqlCipherResult::bindAll()
{
    const QVariantList &values = boundValues();
    const int expected = sqlite3_bind_parameter_count(m_stmt);
    if (values.size() != expected) {
        setLastError(QSqlError(QStringLiteral("Cannot bind the parameters"),
                               QStringLiteral("The statement takes %1 values, %2 were bound")
                                   .arg(expected)
                                   .arg(values.size()),
                               QSqlError::StatementError));
        return false;
    }
    m_boundBytes.clear(); // the statement was reset and its bindings cleared before this
    m_boundBytes.reserve(values.size());
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        const int index = i + 1;
        int rc = SQLITE_OK;
        if (value.isNull()) {
            rc = sqlite3_bind_null(m_stmt, index);
        } else {
            switch (value.typeId()) {
            case QMetaType::Bool:
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Long:
            case QMetaType::LongLong:
            case QMetaType::Char:
            case QMetaType::SChar:
            case QMetaType::UChar:
                rc = sqlite3_bind_int64(m_stmt, index, value.toLongLong());
                break;
            case QMetaType::ULong:
            case QMetaType::ULongLong:
                rc = sqlite3_bind_int64(m_stmt, index, qint64(value.toULongLong()));
                break;
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_stmt, index, value.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray &bytes = m_boundBytes.emplace_back(value.toByteArray());
                rc = sqlite3_bind_blob(m_stmt,
                                       index,
                                       bytes.constData(),
                                       int(bytes.size()),
                                       SQLITE_STATIC);
                break;
            }
            default: {
                const QByteArray &text = m_boundBytes.emplace_back(value.toString().toUtf8());
                rc = sqlite3_bind_text(m_stmt,
                                       index,
                                       text.constData(),
                                       int(text.size()),
                                       SQLITE_STATIC);
                break;
            }
            }
        }
        if (rc != SQLITE_OK) {
            setStatementError(QStringLiteral("Cannot bind parameter %1").arg(index), rc);
            return false;
        }
    }
    return true;
}

// Advances the statement by one row and records whether a row is waiting to be read.
bool SqlCipherResult::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_rowPending = true;
        return true;
    }
    m_rowPending = false;
    sqlite3_reset(m_stmt); // releases the statement's locks as soon as it is done
    if (rc == SQLITE_DONE)
        return true;
    setStatementError(QStringLiteral("Cannot execute the statement"), rc);
    return false;
}

bool SqlCipherResult::exec()
{
    if (!m_stmt) {
        setLastError(QSqlError(QStringLiteral("No statement is prepared"),
                               QString(),
                               QSqlError::StatementError));
        return false;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_row.clear();
    m_rows.clear();
    m_rowPending = false;
    setAt(QSql::BeforeFirstRow);
    setActive(false);

    if (!bindAll() || !step())
        return false;

    m_rowsAffected = isSelect() ? 0 : sqlite3_changes(m_db);
    m_lastInsertId = sqlite3_last_insert_rowid(m_db);
    setActive(true);
    return true;
}

bool SqlCipherResult::reset(const QString &query)
{
    return prepare(query) && exec();
}

// Moves the waiting row into the buffer and steps past it.
bool SqlCipherResult::readPendingRow()
{
    if (!m_rowPending)
        return false;
    const int columns = sqlite3_column_count(m_stmt);
    QVariantList row;
    row.reserve(columns);
    for (int i = 0; i < columns; ++i) {
        switch (sqlite3_column_type(m_stmt, i)) {
        case SQLITE_INTEGER:
            row.append(QVariant(qlonglong(sqlite3_column_int64(m_stmt, i))));
            break;
        case SQLITE_FLOAT:
            row.append(QVariant(sqlite3_column_double(m_stmt, i)));
            break;
        case SQLITE_BLOB: {
            const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, i));
            row.append(QVariant(QByteArray(data, sqlite3_column_bytes(m_stmt, i))));
            break;
        }
        case SQLITE_NULL:
            row.append(QVariant(m_record.field(i).metaType()));
            break;
        default: {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, i));
            row.append(QVariant(QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, i))));
            break;
        }
        }
    }
    if (isForwardOnly())
        m_row = std::move(row);
    else
        m_rows.append(std::move(row));
    if (!step()) {
        setActive(false);
        return false;
    }
    return true;
}

const QVariantList *SqlCipherResult::currentRow() const
{
    if (isForwardOnly())
        return at() >= 0 ? &m_row : nullptr;
    const int index = at();
    return index >= 0 && index < m_rows.size() ? &m_rows.at(index) : nullptr;
}

QVariant SqlCipherResult::data(int field)
{
    const QVariantList *row = currentRow();
    if (!row || field < 0 || field >= row->size())
        return QVariant();
    return row->at(field);
}

bool SqlCipherResult::isNull(int field)
{
    const QVariantList *row = currentRow();
    return !row || field < 0 || field >= row->size() || row->at(field).isNull();
}

bool SqlCipherResult::fetchNext()
{
    if (isForwardOnly()) {
        if (!readPendingRow())
            return false;
        setAt(at() < 0 ? 0 : at() + 1);
        return true;
    }
    return fetch(at() < 0 ? 0 : at() + 1);
}

bool SqlCipherResult::fetch(int index)
{
    if (index < 0)
        return false;
    if (isForwardOnly()) {
        // A forward-only query can only move ahead.
        if (index < at())
            return false;
        while (at() < index) {
            if (!fetchNext())
                return false;
        }
        return true;
    }
    while (m_rows.size() <= index) {
        if (!readPendingRow())
            return false;
    }
    setAt(index);
    return true;
}

bool SqlCipherResult::fetchFirst()
{
    if (isForwardOnly() && at() != QSql::BeforeFirstRow)
        return false;
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (isForwardOnly()) {
        if (!fetchNext())
            return false;
        while (m_rowPending)
            fetchNext();
        return true;
    }
    while (readPendingRow()) {
    }
    if (m_rows.isEmpty())
        return false;
    setAt(int(m_rows.size()) - 1);
    return true;
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_rowsAffected;
}

QSqlRecord SqlCipherResult::record() const
{
    return isActive() && isSelect() ? m_record : QSqlRecord();
}

QVariant SqlCipherResult::lastInsertId() const
{
    return isActive() ? QVariant(m_lastInsertId) : QVariant();
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_rowPending = false;
}

} // namespace Stockroom
