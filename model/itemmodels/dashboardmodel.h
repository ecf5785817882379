#pragma once

// DashboardModel: what the manager's dashboard shows for one scope and period: stock level
// per day, ledger lines per day by type, and the top movers. It reads through Analytics.
// While someone watches (setWatched), it reads again shortly after movements are recorded,
// so the charts follow the ledger live, and a burst of movements costs one reload; while
// nobody does, a movement only marks it stale, so scanning never pays for charts nobody
// sees. changed() follows every reload.

#include "model/services/analytics.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace Stockroom {

class StockLedger;

class DashboardModel : public QObject
{
    Q_OBJECT

public:
    using Today = std::function<QDate()>;

    DashboardModel(const Database &db, StockLedger &ledger, Today today, QObject *parent = nullptr);

    // The last `days` days up to and including today.
    void setDays(int days);
    int days() const { return m_days; }
    void setScope(const AnalyticsScope &scope);
    AnalyticsScope scope() const { return m_scope; }
    Period period() const;

    void reload();
    // Whether the dashboard is on screen; becoming watched reloads what went stale.
    void setWatched(bool watched);
    bool isWatched() const { return m_watched; }

    const QList<DayLevel> &levels() const { return m_levels; }
    const QList<DayMovements> &movementsPerDay() const { return m_movements; }
    const QList<Mover> &topMovers() const { return m_movers; }

Q_SIGNALS:
    void changed();
    void loadFailed(const Stockroom::Error &error);

private:
    Analytics m_analytics;
    Today m_today;
    AnalyticsScope m_scope;
    int m_days = 30;
    QList<DayLevel> m_levels;
    QList<DayMovements> m_movements;
    QList<Mover> m_movers;
    QTimer m_reloadSoon;
    bool m_watched = false;
    bool m_stale = true;
};

} // namespace Stockroom
