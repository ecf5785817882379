// Database's helpers for statements over many rows or many values: multi-row writes, IN
// lists and PostgreSQL array parameters.
#include "database.h"

#include <QSqlQuery>

#include <algorithm>

namespace Stockroom {

Result<qint64> Database::runRows(const std::function<QString(int rows)> &sqlFor,
                                 const QList<QVariantList> &rows) const
{
    constexpr int most = 64;
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
