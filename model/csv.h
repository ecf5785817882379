#pragma once

// Csv: RFC 4180 reading and writing.
//
// Fields may be quoted; a quote inside a quoted field is doubled; quoted fields may hold
// commas and line breaks. Lines end in CRLF or LF. Each record remembers the line it
// starts on, so errors can name it. Written files use CRLF and quote only where needed.

#include "error.h"

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
