#include "alertmodel.h"

#include "masterdataservice.h"
#include "stockledger.h"
#include "tr.h"

namespace Stockroom {

AlertModel::AlertModel(const Database &db,
                       StockLedger &ledger,
                       MasterDataService &masterData,
                       Today today,
                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(db)
    , m_catalog(db)
    , m_today(std::move(today))
{
    m_refreshSoon.setSingleShot(true);
    m_refreshSoon.setInterval(250);
    connect(&m_refreshSoon, &QTimer::timeout, this, &AlertModel::refresh);
    connect(&ledger, &StockLedger::stockChanged, &m_refreshSoon, qOverload<>(&QTimer::start));
    connect(&masterData,
            &MasterDataService::thresholdChanged,
            &m_refreshSoon,
            qOverload<>(&QTimer::start));
    connect(&masterData,
            &MasterDataService::productChanged,
            &m_refreshSoon,
            qOverload<>(&QTimer::start));
    refresh();
}

void AlertModel::setExpiringWithinDays(int days)
{
    m_days = days;
    refresh();
}

void AlertModel::refresh()
{
    m_refreshSoon.stop();
    auto alerts = m_queries.alerts(m_today(), m_days);
    if (!alerts) {
        Q_EMIT loadFailed(alerts.error());
        return;
    }
    if (auto warehouses = m_catalog.warehouses()) {
        m_warehouseCodes.clear();
        for (const Location &warehouse : *warehouses)
            m_warehouseCodes.insert(warehouse.id, warehouse.code);
    }
    beginResetModel();
    m_alerts = *alerts;
    endResetModel();
}

QString AlertModel::describe(Alert::Kind kind)
{
    switch (kind) {
    case Alert::Kind::BelowMin:
        return tr("Below min");
    case Alert::Kind::AboveMax:
        return tr("Above max");
    case Alert::Kind::AtReorderPoint:
        return tr("Reorder");
    case Alert::Kind::Negative:
        return tr("Negative stock");
    case Alert::Kind::Expiring:
        return tr("Expiring");
    case Alert::Kind::Expired:
        return tr("Expired");
    }
    return QString();
}

int AlertModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Alert &alert = m_alerts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Kind:
            return describe(alert.kind);
        case Sku:
            return alert.sku;
        case Product:
            return alert.name;
        case Warehouse:
            return alert.warehouseId ? m_warehouseCodes.value(alert.warehouseId) : tr("All");
        case Quantity:
            return alert.quantity;
        case Limit:
            return alert.limit ? QVariant(*alert.limit) : QVariant();
        case Lot:
            return alert.lotCode;
        case Expiry:
            return alert.expiry.isValid() ? alert.expiry.toString(Qt::ISODate) : QString();
        case ColumnCount:
            break;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Quantity || index.column() == Limit)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        break;
    case KindRole:
        return int(alert.kind);
    case ProductIdRole:
        return alert.productId;
    default:
        break;
    }
    return {};
}

QVariant AlertModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Kind:
        return tr("Alert");
    case Sku:
        return tr("SKU");
    case Product:
        return tr("Product");
    case Warehouse:
        return tr("Warehouse");
    case Quantity:
        return tr("Quantity");
    case Limit:
        return tr("Limit");
    case Lot:
        return tr("Lot");
    case Expiry:
        return tr("Expiry");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Stockroom
