#include "alertmodel.h"

#include "model/domain/tr.h"
#include "model/ledger/stockledger.h"
#include "model/services/masterdataservice.h"

#include <algorithm>
#include <tuple>

namespace Stockroom {

AlertModel::AlertModel(const Database &db,
                       StockLedger &ledger,
                       MasterDataService &masterData,
                       AlertService &acknowledgments,
                       Today today,
                       QObject *parent)
    : QAbstractTableModel(parent)
    , m_queries(db)
    , m_catalog(db)
    , m_acknowledgments(acknowledgments)
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
    connect(&acknowledgments, &AlertService::acknowledged, this, &AlertModel::refresh);
    refresh();
}

void AlertModel::setExpiringWithinDays(int days)
{
    m_days = days;
    refresh();
}

namespace {

int severityRank(Alert::Kind kind)
{
    switch (kind) {
    case Alert::Kind::Negative:
        return 0;
    case Alert::Kind::Expired:
        return 1;
    case Alert::Kind::BelowMin:
        return 2;
    case Alert::Kind::Expiring:
        return 3;
    case Alert::Kind::AtReorderPoint:
        return 4;
    case Alert::Kind::AboveMax:
        return 5;
    }
    return 6;
}

} // namespace

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
    QSet<QString> keys;
    for (const Alert &alert : std::as_const(*alerts))
        keys.insert(AlertService::keyOf(alert));
    // An acknowledgment ends with its alert.
    auto acks = m_acknowledgments.lasting(keys);
    if (!acks) {
        Q_EMIT loadFailed(acks.error());
        return;
    }
    QList<Alert> arising;
    if (m_loaded) {
        for (const Alert &alert : std::as_const(*alerts)) {
            const QString key = AlertService::keyOf(alert);
            if (!m_keys.contains(key) && !acks->contains(key))
                arising.append(alert);
        }
    }
    for (const Acknowledgment &ack : std::as_const(*acks)) {
        if (!m_userNames.contains(ack.userId)) {
            auto user = m_catalog.user(ack.userId);
            m_userNames.insert(ack.userId, user ? user->username : QString());
        }
    }
    // The worst first: stock below zero, expired lots, below minimum, then the rest; within
    // a kind by SKU and warehouse.
    std::stable_sort(alerts->begin(), alerts->end(), [](const Alert &a, const Alert &b) {
        return std::tuple(severityRank(a.kind), a.sku, a.warehouseId)
               < std::tuple(severityRank(b.kind), b.sku, b.warehouseId);
    });
    beginResetModel();
    m_alerts = *alerts;
    m_acks = *acks;
    m_keys = keys;
    endResetModel();
    m_loaded = true;
    if (!arising.isEmpty())
        Q_EMIT arisen(arising);
}

bool AlertModel::isAcknowledged(int row) const
{
    return m_acks.contains(AlertService::keyOf(m_alerts.at(row)));
}

int AlertModel::unacknowledgedCount() const
{
    int count = 0;
    for (int row = 0; row < m_alerts.size(); ++row)
        count += isAcknowledged(row) ? 0 : 1;
    return count;
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
        case Acknowledged:
            if (auto ack = m_acks.constFind(AlertService::keyOf(alert)); ack != m_acks.cend()) {
                return tr("%1, %2").arg(m_userNames.value(ack->userId),
                                        ack->at.toLocalTime().toString(
                                            QStringLiteral("yyyy-MM-dd HH:mm")));
            }
            return QString();
        case ColumnCount:
            break;
        }
        break;
    case AcknowledgedRole:
        return m_acks.contains(AlertService::keyOf(alert));
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
    case Acknowledged:
        return tr("Acknowledged");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Stockroom
