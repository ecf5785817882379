#include "periodreportmodel.h"

#include "model/domain/tr.h"
#include "model/io/csv.h"

#include <QIODevice>

namespace Stockroom {

PeriodReportModel::PeriodReportModel(const Database &db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_analytics(db)
{}

Status PeriodReportModel::load(const AnalyticsScope &scope, const Period &period)
{
    auto report = m_analytics.periodReport(scope, period);
    if (!report)
        return std::unexpected(report.error());
    PeriodLine totals;
    totals.sku = tr("Total");
    for (const PeriodLine &line : std::as_const(*report)) {
        totals.opening += line.opening;
        totals.receipts += line.receipts;
        totals.issues += line.issues;
        totals.transfersIn += line.transfersIn;
        totals.transfersOut += line.transfersOut;
        totals.adjustments += line.adjustments;
        totals.closing += line.closing;
    }
    beginResetModel();
    m_scope = scope;
    m_period = period;
    m_lines = *report;
    m_totals = totals;
    endResetModel();
    return {};
}

qint64 PeriodReportModel::figure(const PeriodLine &line, Column column)
{
    switch (column) {
    case Opening:
        return line.opening;
    case Receipts:
        return line.receipts;
    case Issues:
        return line.issues;
    case TransfersIn:
        return line.transfersIn;
    case TransfersOut:
        return line.transfersOut;
    case Adjustments:
        return line.adjustments;
    case Closing:
        return line.closing;
    case Sku:
    case Product:
    case Unit:
    case ColumnCount:
        break;
    }
    return 0;
}

int PeriodReportModel::rowCount(const QModelIndex &parent) const
{
    // The totals row follows the products, once there is a report.
    return parent.isValid() || !m_period.isValid() ? 0 : int(m_lines.size()) + 1;
}

int PeriodReportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PeriodReportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const bool total = index.row() == m_lines.size();
    const PeriodLine &line = total ? m_totals : m_lines.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case Sku:
            return line.sku;
        case Product:
            return line.name;
        case Unit:
            return line.unit;
        case ColumnCount:
            return {};
        default:
            return figure(line, column);
        }
    case Qt::TextAlignmentRole:
        if (column >= Opening)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case ProductIdRole:
        return line.productId;
    case TotalRole:
        return total;
    default:
        break;
    }
    return {};
}

QVariant PeriodReportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Sku:
        return tr("SKU");
    case Product:
        return tr("Product");
    case Unit:
        return tr("Unit");
    case Opening:
        return tr("Opening");
    case Receipts:
        return tr("Receipts");
    case Issues:
        return tr("Issues");
    case TransfersIn:
        return tr("Transfers in");
    case TransfersOut:
        return tr("Transfers out");
    case Adjustments:
        return tr("Adjustments");
    case Closing:
        return tr("Closing");
    case ColumnCount:
        break;
    }
    return {};
}

Status PeriodReportModel::writeCsv(QIODevice &out) const
{
    const auto write = [&out](const QStringList &fields) -> Status {
        const QByteArray bytes = Csv::formatRecord(fields).toUtf8();
        if (out.write(bytes) != bytes.size()) {
            return fail(ErrorCode::Io,
                        Tr::tr("The report could not be written: %1").arg(out.errorString()));
        }
        return {};
    };
    QStringList header;
    for (int column = 0; column < ColumnCount; ++column)
        header.append(headerData(column, Qt::Horizontal).toString());
    if (auto done = write(header); !done)
        return done;
    for (int row = 0; row < rowCount(); ++row) {
        QStringList fields;
        for (int column = 0; column < ColumnCount; ++column)
            fields.append(index(row, column).data().toString());
        if (auto done = write(fields); !done)
            return done;
    }
    return {};
}

} // namespace Stockroom
