#pragma once

// AlertModel: the current alerts (thresholds crossed, negative stock, lots expiring within
// N days) as a table. Alerts are derived, so the model recomputes them: on refresh(), and
// shortly after stock or thresholds change; a burst of changes costs one recomputation.
// Each row says whether a manager has acknowledged it (AlertService). arisen() names the
// alerts that are new since the previous recomputation and not acknowledged: what a
// desktop notification announces. The first computation announces nothing.

#include "model/services/alertservice.h"
#include "model/services/catalog.h"
#include "model/services/stockqueries.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <functional>

namespace Stockroom {

class MasterDataService;
class StockLedger;

class AlertModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Kind,
        Sku,
        Product,
        Warehouse,
        Quantity,
        Limit,
        Lot,
        Expiry,
        Acknowledged,
        ColumnCount
    };
    enum Role { KindRole = Qt::UserRole + 1, ProductIdRole, AcknowledgedRole };

    using Today = std::function<QDate()>;

    AlertModel(const Database &db,
               StockLedger &ledger,
               MasterDataService &masterData,
               AlertService &acknowledgments,
               Today today,
               QObject *parent = nullptr);

    void setExpiringWithinDays(int days);
    int expiringWithinDays() const { return m_days; }
    void refresh();

    const Alert &alertAt(int row) const { return m_alerts.at(row); }
    bool isAcknowledged(int row) const;
    int unacknowledgedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section,
                        Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString describe(Alert::Kind kind);

Q_SIGNALS:
    void loadFailed(const Stockroom::Error &error);
    void arisen(const QList<Stockroom::Alert> &alerts);

private:
    StockQueries m_queries;
    Catalog m_catalog;
    AlertService &m_acknowledgments;
    QHash<QString, Acknowledgment> m_acks;
    QSet<QString> m_keys; // of the alerts shown
    bool m_loaded = false;
    QHash<qint64, QString> m_userNames;
    Today m_today;
    int m_days = 30;
    QList<Alert> m_alerts;
    QHash<qint64, QString> m_warehouseCodes;
    QTimer m_refreshSoon;
};

} // namespace Stockroom
