#pragma once

// Analytics: the figures behind the dashboard and the period report, read from the daily
// totals the ledger keeps (daily_movements) and today's stock (stock_totals), never by
// scanning the ledger. A day is a calendar day in the database's time zone.
//
// Stock on a past day is worked backwards: today's stock minus what moved after that day.
// So a level, an opening and a closing always agree with the ledger, whatever the period.
// A scope narrows everything to one warehouse, one product, or both; 0 means all.

#include "model/domain/types.h"
#include "model/storage/database.h"

#include <QDate>

#include <array>

namespace Stockroom {

struct AnalyticsScope
{
    qint64 warehouseId = 0;
    qint64 productId = 0;

    friend bool operator==(const AnalyticsScope &, const AnalyticsScope &) = default;
};

// A period of whole days, both ends included.
struct Period
{
    QDate from;
    QDate to;

    bool isValid() const { return from.isValid() && to.isValid() && from <= to; }
    qint64 days() const { return from.daysTo(to) + 1; }
    friend bool operator==(const Period &, const Period &) = default;
};

inline constexpr int movementTypeCount = 5;

// Stock at the end of a day.
struct DayLevel
{
    QDate day;
    qint64 quantity = 0;
};

// Ledger lines per movement type on one day, indexed by MovementType. A transfer inside
// the scope has two lines, one out and one in.
struct DayMovements
{
    QDate day;
    std::array<qint64, movementTypeCount> lines{};

    qint64 total() const;
};

// A product ranked by the units issued (picked) in a period.
struct Mover
{
    qint64 productId = 0;
    QString sku;
    QString name;
    qint64 unitsIssued = 0;
    qint64 issueLines = 0;
};

// One product's movement over a period: opening + receipts - issues + transfers in
// - transfers out + adjustments = closing. Counts and reversals are adjustments.
struct PeriodLine
{
    qint64 productId = 0;
    QString sku;
    QString name;
    QString unit;
    qint64 opening = 0;
    qint64 receipts = 0;
    qint64 issues = 0;
    qint64 transfersIn = 0;
    qint64 transfersOut = 0;
    qint64 adjustments = 0;
    qint64 closing = 0;
};

class Analytics
{
public:
    explicit Analytics(const Database &db);

    // One level per day of the period, the last one being the stock at the end of period.to.
    Result<QList<DayLevel>> stockLevels(const AnalyticsScope &scope, const Period &period) const;
    // One entry per day of the period, days without movements included.
    Result<QList<DayMovements>> movementsPerDay(const AnalyticsScope &scope,
                                                const Period &period) const;
    Result<QList<Mover>> topMovers(const AnalyticsScope &scope,
                                   const Period &period,
                                   int limit = 10) const;
    // Every product that had stock or moved in the period, by SKU.
    Result<QList<PeriodLine>> periodReport(const AnalyticsScope &scope, const Period &period) const;

    static qint64 dayNumber(QDate date);
    static QDate dateOf(qint64 dayNumber);

private:
    const Database &m_db;
};

} // namespace Stockroom
