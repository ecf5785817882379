#include "csvexporter.h"

#include "csv.h"
#include "model/domain/tr.h"
#include "model/storage/database.h"

#include <QIODevice>
#include <QSqlQuery>

namespace Stockroom {

namespace {

QString selectFor(CsvTable table)
{
    switch (table) {
    case CsvTable::Products:
        return QStringLiteral(
            "SELECT p.sku, p.name, p.local_name, p.unit, CASE p.lot_tracked WHEN 1 THEN 'yes' ELSE "
            "'no' END, "
            "coalesce((SELECT group_concat(code, ' ') FROM (SELECT code FROM product_barcodes b "
            "WHERE b.product_id = p.id ORDER BY code)), '') FROM products p ORDER BY p.sku");
    case CsvTable::Locations:
        // Parents before children, so that the file imports in order.
        return QStringLiteral(
            "SELECT l.code, l.name, l.kind, coalesce(parent.code, ''), coalesce(l.barcode, '') "
            "FROM locations l LEFT JOIN locations parent ON parent.id = l.parent_id "
            "ORDER BY CASE l.kind WHEN 'warehouse' THEN 0 WHEN 'zone' THEN 1 ELSE 2 END, l.code");
    case CsvTable::Stock:
        return QStringLiteral(
            "SELECT p.sku, l.code, coalesce(lots.code, ''), coalesce(lots.expiry, ''), s.quantity "
            "FROM stock s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = "
            "s.location_id "
            "LEFT JOIN lots ON lots.id = s.lot_id WHERE s.quantity > 0 ORDER BY p.sku, l.code, "
            "lots.code");
    }
    return QString();
}

} // namespace

CsvExporter::CsvExporter(const Database &db)
    : m_db(db)
{}

Result<int> CsvExporter::write(CsvTable table, QIODevice &out) const
{
    auto query = m_db.prepare(selectFor(table));
    if (!query)
        return std::unexpected(query.error());
    if (auto done = Database::exec(*query); !done)
        return std::unexpected(done.error());

    const auto writeRecord = [&out](const QStringList &fields) {
        return out.write(Csv::formatRecord(fields).toUtf8()) >= 0;
    };
    const QStringList columns = CsvImporter::columns(table);
    if (!writeRecord(columns))
        return fail(ErrorCode::Io, Tr::tr("Cannot write the CSV file: %1").arg(out.errorString()));
    int rows = 0;
    while (query->next()) {
        QStringList fields;
        for (int i = 0; i < columns.size(); ++i)
            fields << query->value(i).toString();
        if (!writeRecord(fields))
            return fail(ErrorCode::Io,
                        Tr::tr("Cannot write the CSV file: %1").arg(out.errorString()));
        ++rows;
    }
    return rows;
}

} // namespace Stockroom
