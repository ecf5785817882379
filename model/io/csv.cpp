#include "csv.h"

#include "model/domain/tr.h"

namespace Stockroom {

namespace {

// A spreadsheet runs a cell that starts with one of these as a formula: text a clerk
// typed (a reason, a reference, a product name) could run as one on a manager's machine.
bool startsLikeAFormula(QStringView field)
{
    return !field.isEmpty() && QStringView(u"=+-@\t\r").contains(field.front());
}

// "-5", "+3", "-2.50": numbers, which a spreadsheet reads as numbers and runs nothing.
bool isNumber(QStringView field)
{
    qsizetype i = field.startsWith(u'-') || field.startsWith(u'+') ? 1 : 0;
    bool digits = false;
    bool point = false;
    for (; i < field.size(); ++i) {
        const QChar c = field.at(i);
        if (c.isDigit() && c.unicode() < 128) {
            digits = true;
        } else if (c == u'.' && !point) {
            point = true;
        } else {
            return false;
        }
    }
    return digits;
}

bool needsFormulaGuard(QStringView field)
{
    return startsLikeAFormula(field) && !isNumber(field);
}

} // namespace

Result<QList<CsvRecord>> Csv::parse(const QString &text)
{
    QList<CsvRecord> records;
    CsvRecord record{1, {}};
    QString field;
    bool quoted = false;     // inside a quoted field
    bool afterQuote = false; // a quoted field just closed
    bool recordHasData = false;
    int line = 1;
    int quoteLine = 0;

    const auto endField = [&] {
        if (field.startsWith(u'\'') && needsFormulaGuard(QStringView(field).mid(1)))
            field.remove(0, 1); // the guard formatRecord() wrote
        record.fields.append(field);
        field.clear();
        afterQuote = false;
    };
    const auto endRecord = [&] {
        if (recordHasData || !record.fields.isEmpty() || !field.isEmpty()) {
            endField();
            records.append(record);
        }
        record = CsvRecord{line, {}};
        field.clear();
        recordHasData = false;
        afterQuote = false;
    };

    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(QLatin1Char('"'));
                    ++i;
                } else {
                    quoted = false;
                    afterQuote = true;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char(',')) {
            endField();
            recordHasData = true;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size()
                   && text.at(i + 1) == QLatin1Char('\n')) {
            continue; // the \n ends the record
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRecord();
        } else if (c == QLatin1Char('"') && field.isEmpty() && !afterQuote) {
            quoted = true;
            quoteLine = line;
            recordHasData = true;
        } else if (afterQuote) {
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Line %1, column %2: text after a closing quote.")
                            .arg(line)
                            .arg(record.fields.size() + 1));
        } else {
            field.append(c);
            recordHasData = true;
        }
    }
    if (quoted) {
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("Line %1: a quoted field is never closed.").arg(quoteLine));
    }
    endRecord();
    return records;
}

QString Csv::quoted(const QString &field)
{
    const bool needsQuotes = field.contains(QLatin1Char(',')) || field.contains(QLatin1Char('"'))
                             || field.contains(QLatin1Char('\n'))
                             || field.contains(QLatin1Char('\r'))
                             || field.startsWith(QLatin1Char(' '))
                             || field.endsWith(QLatin1Char(' '));
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString Csv::formatRecord(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &field : fields)
        out.append(quoted(needsFormulaGuard(field) ? QLatin1Char('\'') + field : field));
    // A record of one empty field is written "" rather than as an empty line, which a
    // reader skips: found by the CSV fuzz harness.
    if (fields.size() == 1 && fields.front().isEmpty())
        out.front() = QStringLiteral("\"\"");
    return out.join(QLatin1Char(',')) + QLatin1String("\r\n");
}

} // namespace Stockroom
