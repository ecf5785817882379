#pragma once

// CsvExporter: writes products, locations or stock on hand as RFC 4180 CSV, with the
// same columns CsvImporter reads, so that an export imports into another database.
// Rows are streamed to the device as they are read.

#include "csvimporter.h"

class QIODevice;

namespace Stockroom {

class CsvExporter
{
public:
    explicit CsvExporter(const Database &db);

    // Returns the number of data rows written.
    Result<int> write(CsvTable table, QIODevice &out) const;

private:
    const Database &m_db;
};

} // namespace Stockroom
