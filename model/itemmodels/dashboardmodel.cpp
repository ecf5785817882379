#include "dashboardmodel.h"

#include "model/ledger/stockledger.h"

namespace Stockroom {

DashboardModel::DashboardModel(const Database &db, StockLedger &ledger, Today today, QObject *parent)
    : QObject(parent)
    , m_analytics(db)
    , m_today(std::move(today))
{
    m_reloadSoon.setSingleShot(true);
    m_reloadSoon.setInterval(300);
    connect(&m_reloadSoon, &QTimer::timeout, this, &DashboardModel::reload);
    connect(&ledger, &StockLedger::movementRecorded, this, [this] {
        if (m_watched)
            m_reloadSoon.start();
        else
            m_stale = true;
    });
}

void DashboardModel::setWatched(bool watched)
{
    m_watched = watched;
    if (watched && m_stale)
        reload();
}

void DashboardModel::setDays(int days)
{
    m_days = qMax(1, days);
    reload();
}

void DashboardModel::setScope(const AnalyticsScope &scope)
{
    m_scope = scope;
    reload();
}

Period DashboardModel::period() const
{
    const QDate today = m_today();
    return {today.addDays(1 - m_days), today};
}

void DashboardModel::reload()
{
    m_reloadSoon.stop();
    m_stale = false;
    const Period span = period();
    auto levels = m_analytics.stockLevels(m_scope, span);
    auto movements = levels ? m_analytics.movementsPerDay(m_scope, span)
                            : Result<QList<DayMovements>>(std::unexpected(levels.error()));
    auto movers = movements ? m_analytics.topMovers(m_scope, span)
                            : Result<QList<Mover>>(std::unexpected(movements.error()));
    if (!movers) {
        Q_EMIT loadFailed(movers.error());
        return;
    }
    m_levels = *levels;
    m_movements = *movements;
    m_movers = *movers;
    Q_EMIT changed();
}

} // namespace Stockroom
