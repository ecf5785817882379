#pragma once

// CsvImporter: products, locations and opening stock from RFC 4180 files.
//
// The first record names the columns, in any order and case. Each row goes through the
// same commands a person would use. The whole file is one transaction: if any row is
// wrong, nothing is imported, and the error names the line and column of the first
// problem and how many more there are. Opening stock is posted as receipts.

#include "model/domain/actor.h"
#include "model/domain/error.h"

#include <functional>

namespace Stockroom {

class Catalog;
class Database;
class MasterDataService;
class MovementService;

enum class CsvTable { Products, Locations, Stock };

struct CsvProblem
{
    int line = 0;
    QString column;
    QString message;
};

class CsvImporter
{
public:
    // Called every few hundred rows; returning false cancels: nothing is imported.
    using Progress = std::function<bool(int done, int total)>;

    CsvImporter(Database &db, MasterDataService &masterData, MovementService &movements);

    // Imports text and returns the number of rows imported.
    Result<int> import(const Actor &actor,
                       CsvTable table,
                       const QString &text,
                       const Progress &progress = {});

    static QStringList columns(CsvTable table);
    static std::optional<CsvTable> tableFromName(const QString &name);

private:
    Database &m_db;
    MasterDataService &m_masterData;
    MovementService &m_movements;
};

} // namespace Stockroom
