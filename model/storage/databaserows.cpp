// Database's helpers for statements over many rows or many values: multi-row writes, IN
// lists and PostgreSQL array parameters.
#include "database.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>

#include <algorithm>

namespace Stockroom {

Result<qint64> Database::runRows(const std::function<QString(int rows)> &sqlFor,
                                 const QList<QVariantList> &rows) const
{
    constexpr int most = rowsPerStatement;
    qint64 changed = 0;
    qsizetype next = 0;
    while (next < rows.size()) {
        const int count = int(std::min<qsizetype>(rows.size() - next, most));
        QVariantList values;
        values.reserve(count * rows.at(next).size());
        for (int i = 0; i < count; ++i)
            values += rows.at(next + i);
        auto query = run(sqlFor(count), values);
        if (!query)
            return std::unexpected(query.error());
        changed += std::max(0, (*query)->numRowsAffected());
        (*query)->finish();
        next += count;
    }
    return changed;
}

Result<QList<qint64>> Database::runTogether(const QList<RowsWrite> &writes) const
{
    QString with;
    QStringList counts;
    for (const RowsWrite &write : writes) {
        if (write.rows.isEmpty())
            continue;
        QVariantList values;
        for (const QVariantList &row : write.rows)
            values += row;
        const QString part = QStringLiteral("w%1").arg(counts.size());
        with += (with.isEmpty() ? QStringLiteral("WITH ") : QStringLiteral(", ")) + part
                + QStringLiteral(" AS (")
                + withLiterals(write.sqlFor(int(write.rows.size())), values)
                + QStringLiteral(" RETURNING 1)");
        counts << QStringLiteral("(SELECT count(*) FROM %1)").arg(part);
    }
    if (counts.isEmpty())
        return QList<qint64>(writes.size(), 0);
    // Every part is named in the final SELECT, which says how many rows each wrote. The
    // statement is sent as it is, not prepared: its shape changes with every group's row
    // counts, and a cache of each shape would grow without end.
    QSqlQuery query = newQuery();
    if (!query.exec(with + QStringLiteral(" SELECT ") + counts.join(QStringLiteral(", "))))
        return std::unexpected(queryError(query));
    if (!query.next())
        return fail(ErrorCode::Database, QStringLiteral("A combined write answered nothing."));
    QList<qint64> written;
    int column = 0;
    for (const RowsWrite &write : writes)
        written.append(write.rows.isEmpty() ? 0 : query.value(column++).toLongLong());
    return written;
}

QString Database::withLiterals(const QString &sql, const QVariantList &values) const
{
    // Each ? outside a quoted string becomes its value, quoted and escaped by the driver as
    // it does for the values of a prepared statement's EXECUTE.
    const QSqlDriver *driver = connection().driver();
    QString out;
    out.reserve(sql.size() + values.size() * 12);
    qsizetype next = 0;
    bool quoted = false;
    for (const QChar c : sql) {
        if (c == QLatin1Char('\''))
            quoted = !quoted;
        if (c != QLatin1Char('?') || quoted) {
            out += c;
            continue;
        }
        Q_ASSERT(next < values.size());
        const QVariant value = portable(values.value(next++));
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        out += driver->formatValue(field);
    }
    Q_ASSERT(next == values.size());
    return out;
}

QString Database::repeatRows(QStringView row, int rows)
{
    QString values;
    values.reserve((row.size() + 2) * rows);
    for (int i = 0; i < rows; ++i) {
        if (i > 0)
            values += QLatin1String(", ");
        values += row;
    }
    return values;
}

QString Database::inList(QVariantList &values)
{
    qsizetype padded = 1;
    while (padded < values.size())
        padded *= 2;
    while (!values.isEmpty() && values.size() < padded)
        values.append(values.constLast());
    return repeatRows(u"?", int(values.size()));
}

QString Database::arrayLiteral(const QStringList &values)
{
    QString array = QStringLiteral("{");
    for (QString value : values) {
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        value.replace(QLatin1Char('"'), QLatin1String("\\\""));
        if (array.size() > 1)
            array += QLatin1Char(',');
        array += QLatin1Char('"') + value + QLatin1Char('"');
    }
    return array + QLatin1Char('}');
}

} // namespace Stockroom
