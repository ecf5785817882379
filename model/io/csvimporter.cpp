#include "csvimporter.h"

#include "csv.h"
#include "model/domain/tr.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/storage/database.h"

#include <QHash>

namespace Stockroom {

namespace {

constexpr int maxProblemsListed = 50;

// A row of the file with its fields looked up by column name.
class Row
{
public:
    Row(const CsvRecord &record, const QHash<QString, int> &index)
        : m_record(record)
        , m_index(index)
    {}
    int line() const { return m_record.line; }
    QString value(const QString &column) const
    {
        const int i = m_index.value(column, -1);
        return i >= 0 && i < m_record.fields.size() ? m_record.fields.at(i).trimmed() : QString();
    }

private:
    const CsvRecord &m_record;
    const QHash<QString, int> &m_index;
};

struct Problem
{
    QString column;
    QString message;
};

using RowResult = std::expected<void, Problem>;

std::unexpected<Problem> problem(const char *column, const QString &message)
{
    return std::unexpected(Problem{QString::fromLatin1(column), message});
}

std::optional<bool> parseBool(const QString &text)
{
    const QString t = text.toLower();
    if (t.isEmpty() || t == QLatin1String("no") || t == QLatin1String("false")
        || t == QLatin1String("0"))
        return false;
    if (t == QLatin1String("yes") || t == QLatin1String("true") || t == QLatin1String("1"))
        return true;
    return std::nullopt;
}

RowResult required(const Row &row, const char *column)
{
    if (row.value(QString::fromLatin1(column)).isEmpty())
        return problem(column, Tr::tr("a value is needed"));
    return {};
}

RowResult importProduct(const Actor &actor,
                        MasterDataService &service,
                        const Catalog &catalog,
                        const Row &row)
{
    for (const char *column : {"sku", "name"}) {
        if (auto present = required(row, column); !present)
            return present;
    }
    const QString sku = row.value(QStringLiteral("sku"));
    if (auto free = catalog.checkNewSku(sku); !free)
        return problem("sku", free.error().message);
    const auto lotTracked = parseBool(row.value(QStringLiteral("lot_tracked")));
    if (!lotTracked)
        return problem("lot_tracked", Tr::tr("write yes or no"));
    const QStringList barcodes = row.value(QStringLiteral("barcodes"))
                                     .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &code : barcodes) {
        if (auto checked = catalog.checkNewBarcode(code); !checked)
            return problem("barcodes", checked.error().message);
    }
    QString unit = row.value(QStringLiteral("unit"));
    if (unit.isEmpty())
        unit = QStringLiteral("EA");
    auto created = service.createProduct(actor,
                                         {sku,
                                          row.value(QStringLiteral("name")),
                                          row.value(QStringLiteral("local_name")),
                                          unit,
                                          *lotTracked,
                                          barcodes});
    if (!created)
        return std::unexpected(Problem{QString(), created.error().message});
    return {};
}

RowResult importLocation(const Actor &actor,
                         MasterDataService &service,
                         const Catalog &catalog,
                         const Row &row)
{
    for (const char *column : {"code", "name", "kind"}) {
        if (auto present = required(row, column); !present)
            return present;
    }
    const auto kind = locationKindFromString(row.value(QStringLiteral("kind")).toLower());
    if (!kind)
        return problem("kind", Tr::tr("write warehouse, zone or bin"));
    const QString code = row.value(QStringLiteral("code"));
    if (catalog.findLocation(code))
        return problem("code", Tr::tr("the location code %1 is already in use").arg(code));
    qint64 parentId = 0;
    const QString parentCode = row.value(QStringLiteral("parent"));
    if (*kind == LocationKind::Warehouse && !parentCode.isEmpty())
        return problem("parent", Tr::tr("a warehouse has no parent"));
    if (*kind != LocationKind::Warehouse) {
        if (parentCode.isEmpty())
            return problem("parent", Tr::tr("a zone or bin needs a parent"));
        auto parent = catalog.findLocation(parentCode);
        if (!parent)
            return problem("parent", parent.error().message);
        parentId = parent->id;
    }
    const QString barcode = row.value(QStringLiteral("barcode"));
    if (!barcode.isEmpty()) {
        if (auto checked = catalog.checkNewBarcode(barcode); !checked)
            return problem("barcode", checked.error().message);
    }
    auto created = service.createLocation(actor,
                                          {parentId,
                                           *kind,
                                           code,
                                           row.value(QStringLiteral("name")),
                                           barcode});
    if (!created)
        return problem("parent", created.error().message); // what is left is the tree rule
    return {};
}

RowResult importStock(const Actor &actor,
                      MovementService &movements,
                      const Catalog &catalog,
                      const Row &row)
{
    for (const char *column : {"sku", "location", "quantity"}) {
        if (auto present = required(row, column); !present)
            return present;
    }
    auto product = catalog.findProduct(row.value(QStringLiteral("sku")));
    if (!product)
        return problem("sku", product.error().message);
    auto location = catalog.findLocation(row.value(QStringLiteral("location")));
    if (!location)
        return problem("location", location.error().message);
    const QString lot = row.value(QStringLiteral("lot"));
    if (product->lotTracked && lot.isEmpty())
        return problem("lot", Tr::tr("%1 is tracked by lot: give the lot").arg(product->sku));
    if (!product->lotTracked && !lot.isEmpty())
        return problem("lot", Tr::tr("%1 is not tracked by lot").arg(product->sku));
    QDate expiry;
    if (const QString text = row.value(QStringLiteral("expiry")); !text.isEmpty()) {
        expiry = QDate::fromString(text, Qt::ISODate);
        if (!expiry.isValid())
            return problem("expiry", Tr::tr("write the date as YYYY-MM-DD, not %1").arg(text));
        if (auto existing = catalog.lot(product->id, lot);
            existing && *existing && (*existing)->expiry != expiry)
            return problem("expiry",
                           Tr::tr("lot %1 already expires on %2")
                               .arg(lot, (*existing)->expiry.toString(Qt::ISODate)));
    }
    bool ok = false;
    const qint64 quantity = row.value(QStringLiteral("quantity")).toLongLong(&ok);
    if (!ok || quantity <= 0 || quantity > MovementService::maxQuantity)
        return problem("quantity",
                       Tr::tr("a whole number greater than zero is needed, not \"%1\"")
                           .arg(row.value(QStringLiteral("quantity"))));
    auto posted = movements.post(actor,
                                 ReceiveStock{product->id,
                                              location->id,
                                              lot,
                                              expiry,
                                              quantity,
                                              Tr::tr("opening stock"),
                                              QStringLiteral("import")});
    if (!posted)
        return std::unexpected(Problem{QString(), posted.error().message});
    return {};
}

} // namespace

CsvImporter::CsvImporter(Database &db, MasterDataService &masterData, MovementService &movements)
    : m_db(db)
    , m_masterData(masterData)
    , m_movements(movements)
{}

QStringList CsvImporter::columns(CsvTable table)
{
    switch (table) {
    case CsvTable::Products:
        return {QStringLiteral("sku"),
                QStringLiteral("name"),
                QStringLiteral("local_name"),
                QStringLiteral("unit"),
                QStringLiteral("lot_tracked"),
                QStringLiteral("barcodes")};
    case CsvTable::Locations:
        return {QStringLiteral("code"),
                QStringLiteral("name"),
                QStringLiteral("kind"),
                QStringLiteral("parent"),
                QStringLiteral("barcode")};
    case CsvTable::Stock:
        return {QStringLiteral("sku"),
                QStringLiteral("location"),
                QStringLiteral("lot"),
                QStringLiteral("expiry"),
                QStringLiteral("quantity")};
    }
    return {};
}

std::optional<CsvTable> CsvImporter::tableFromName(const QString &name)
{
    if (name == QLatin1String("products"))
        return CsvTable::Products;
    if (name == QLatin1String("locations"))
        return CsvTable::Locations;
    if (name == QLatin1String("stock"))
        return CsvTable::Stock;
    return std::nullopt;
}

Result<int> CsvImporter::import(const Actor &actor,
                                CsvTable table,
                                const QString &text,
                                const Progress &progress)
{
    auto records = Csv::parse(text);
    if (!records)
        return std::unexpected(records.error());
    if (records->isEmpty())
        return fail(ErrorCode::InvalidInput,
                    Tr::tr("The file is empty: line 1 must name the columns."));

    const QStringList known = columns(table);
    QHash<QString, int> index;
    const CsvRecord &header = records->first();
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString name = header.fields.at(i).trimmed().toLower();
        if (!known.contains(name)) {
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Line 1, column %1: unknown column \"%2\"; the columns are %3.")
                            .arg(i + 1)
                            .arg(header.fields.at(i), known.join(QStringLiteral(", "))));
        }
        index.insert(name, i);
    }
    const QStringList required = table == CsvTable::Products
                                     ? QStringList{QStringLiteral("sku"), QStringLiteral("name")}
                                 : table == CsvTable::Locations
                                     ? QStringList{QStringLiteral("code"),
                                                   QStringLiteral("name"),
                                                   QStringLiteral("kind")}
                                     : QStringList{QStringLiteral("sku"),
                                                   QStringLiteral("location"),
                                                   QStringLiteral("quantity")};
    for (const QString &column : required) {
        if (!index.contains(column))
            return fail(ErrorCode::InvalidInput,
                        Tr::tr("Line 1: the column \"%1\" is missing.").arg(column));
    }

    Catalog catalog(m_db);
    auto tx = Transaction::begin(m_db);
    if (!tx)
        return std::unexpected(tx.error());

    QList<CsvProblem> problems;
    const int total = int(records->size()) - 1;
    for (int i = 1; i < records->size(); ++i) {
        const CsvRecord &record = records->at(i);
        const Row row(record, index);
        if (record.fields.size() != header.fields.size()) {
            problems.append({record.line,
                             QString(),
                             Tr::tr("%1 fields where the header has %2")
                                 .arg(record.fields.size())
                                 .arg(header.fields.size())});
        } else {
            // Each row in its own savepoint: a failed row leaves no trace, and the rows
            // after it are still checked so that every problem is reported at once.
            auto rowTx = Transaction::begin(m_db);
            if (!rowTx)
                return std::unexpected(rowTx.error());
            RowResult result = table == CsvTable::Products
                                   ? importProduct(actor, m_masterData, catalog, row)
                               : table == CsvTable::Locations
                                   ? importLocation(actor, m_masterData, catalog, row)
                                   : importStock(actor, m_movements, catalog, row);
            if (result) {
                if (auto committed = rowTx->commit(); !committed)
                    return std::unexpected(committed.error());
            } else {
                problems.append({record.line, result.error().column, result.error().message});
            }
        }
        if (problems.size() >= maxProblemsListed)
            break;
        if (progress && (i % 500 == 0 || i == total) && !progress(i, total))
            return fail(ErrorCode::Cancelled,
                        Tr::tr("The import was cancelled; nothing was imported."));
    }

    if (!problems.isEmpty()) {
        const CsvProblem &first = problems.first();
        QString message = first.column.isEmpty()
                              ? Tr::tr("Line %1: %2").arg(first.line).arg(first.message)
                              : Tr::tr("Line %1, column %2: %3")
                                    .arg(first.line)
                                    .arg(first.column, first.message);
        if (problems.size() > 1)
            message += Tr::tr(" (and %1 more; nothing was imported)").arg(problems.size() - 1);
        else
            message += Tr::tr(" (nothing was imported)");
        return fail(ErrorCode::InvalidInput, message);
    }
    if (auto committed = tx->commit(); !committed)
        return std::unexpected(committed.error());
    return total;
}

} // namespace Stockroom
