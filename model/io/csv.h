#pragma once

// Csv: RFC 4180 reading and writing.
//
// Fields may be quoted; a quote inside a quoted field is doubled; quoted fields may hold
// commas and line breaks. Lines end in CRLF or LF. Each record remembers the line it
// starts on, so errors can name it. Written files use CRLF and quote only where needed.
//
// Against formula injection (a cell a spreadsheet would run: text starting with =, +, -,
// @, a tab or a carriage return, other than a number such as -5), a written field gets a
// leading apostrophe, which spreadsheets show as text; reading takes such an apostrophe
// off again, so that an export imports as it was.

#include "model/domain/error.h"

#include <QList>
#include <QStringList>

namespace Stockroom {

struct CsvRecord
{
    int line = 0; // 1-based line the record starts on
    QStringList fields;
};

class Csv
{
public:
    // Parses a whole document. Fails on an unterminated quote or text after a closing quote.
    static Result<QList<CsvRecord>> parse(const QString &text);
    static QString formatRecord(const QStringList &fields);
    static QString quoted(const QString &field);
};

} // namespace Stockroom
