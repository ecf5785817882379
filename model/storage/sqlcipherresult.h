#pragma once

// SqlCipherResult: one prepared SQLCipher statement behind a QSqlQuery.
//
// Forward-only queries keep only the current row. Other queries cache the rows read so
// far so that QSqlQuery::seek() and previous() work; they never read ahead more than one
// row. The statement is reset as soon as its last row is read, which releases its read
// lock. Owned by the QSqlQuery that created it through SqlCipherDriver::createResult().

#include <QList>
#include <QSqlRecord>
#include <QSqlResult>
#include <QVariant>

struct sqlite3;
struct sqlite3_stmt;

namespace Stockroom {

class SqlCipherDriver;

class SqlCipherResult final : public QSqlResult
{
public:
    explicit SqlCipherResult(const SqlCipherDriver *driver);
    ~SqlCipherResult() override;

    QVariant handle() const override;

protected:
    bool prepare(const QString &query) override;
    void bindValue(int pos, const QVariant &value, QSql::ParamType type) override;
    using QSqlResult::bindValue;
    bool exec() override;
    bool reset(const QString &query) override;
    QVariant data(int field) override;
    bool isNull(int field) override;
    bool fetch(int index) override;
    bool fetchNext() override;
    bool fetchFirst() override;
    bool fetchLast() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    void detachFromResultSet() override;

private:
    void finalize();
    bool bindAll();
    bool step();
    bool readPendingRow();
    const QVariantList *currentRow() const;
    void setStatementError(const QString &what, int rc);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QSqlRecord m_record;
    bool m_rowPending = false; // sqlite3_step() returned a row we have not read yet
    QVariantList m_row;        // the current row of a forward-only query
    QList<QVariantList> m_rows;
    // The bytes of bound text and blobs: bound without a copy (SQLITE_STATIC), so they stay
    // here until the statement is reset for its next execution or finalized.
    QList<QByteArray> m_boundBytes;
    int m_rowsAffected = 0;
    qint64 m_lastInsertId = 0;
};

} // namespace Stockroom
