#include "analytics.h"

#include "model/domain/tr.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <map>

namespace Stockroom {

namespace {

const qint64 julianDayOfEpoch = QDate(1970, 1, 1).toJulianDay();

// The scope's conditions, to follow a WHERE clause, and their values.
struct ScopeTerms
{
    QString sql;
    QVariantList values;
};

ScopeTerms termsFor(const AnalyticsScope &scope, const QString &table)
{
    ScopeTerms terms;
    if (scope.warehouseId) {
        terms.sql += QStringLiteral(" AND %1.warehouse_id = ?").arg(table);
        terms.values.append(scope.warehouseId);
    }
    if (scope.productId) {
        terms.sql += QStringLiteral(" AND %1.product_id = ?").arg(table);
        terms.values.append(scope.productId);
    }
    return terms;
}

Status requireValid(const Period &period)
{
    if (period.isValid())
        return {};
    return fail(ErrorCode::InvalidInput,
                Tr::tr("The period is not valid: it must start on or before the day it ends."));
}

// Stock in the scope today, over every location and lot.
Result<qint64> stockNow(const Database &db, const AnalyticsScope &scope)
{
    const ScopeTerms terms = termsFor(scope, QStringLiteral("t"));
    auto query = db.select(QStringLiteral("SELECT coalesce(sum(t.quantity), 0) FROM stock_totals t "
                                          "WHERE 1 = 1")
                               + terms.sql,
                           terms.values);
    if (!query)
        return std::unexpected(query.error());
    return query->next() ? query->value(0).toLongLong() : 0;
}

} // namespace

qint64 DayMovements::total() const
{
    qint64 sum = 0;
    for (qint64 count : lines)
        sum += count;
    return sum;
}

Analytics::Analytics(const Database &db)
    : m_db(db)
{}

qint64 Analytics::dayNumber(QDate date)
{
    return date.toJulianDay() - julianDayOfEpoch;
}

QDate Analytics::dateOf(qint64 dayNumber)
{
    return QDate::fromJulianDay(dayNumber + julianDayOfEpoch);
}

Result<QList<DayLevel>> Analytics::stockLevels(const AnalyticsScope &scope,
                                               const Period &period) const
{
    if (auto valid = requireValid(period); !valid)
        return std::unexpected(valid.error());
    auto now = stockNow(m_db, scope);
    if (!now)
        return std::unexpected(now.error());
    const ScopeTerms terms = termsFor(scope, QStringLiteral("d"));
    auto query = m_db.select(QStringLiteral("SELECT d.day, sum(d.quantity_in - d.quantity_out) "
                                            "FROM daily_movements d WHERE d.day > ?")
                                 + terms.sql + QStringLiteral(" GROUP BY d.day"),
                             QVariantList{dayNumber(period.from)} + terms.values);
    if (!query)
        return std::unexpected(query.error());
    std::map<qint64, qint64> netByDay;
    qint64 afterPeriod = 0;
    const qint64 last = dayNumber(period.to);
    while (query->next()) {
        const qint64 day = query->value(0).toLongLong();
        const qint64 net = query->value(1).toLongLong();
        if (day > last)
            afterPeriod += net;
        else
            netByDay[day] = net;
    }
    // Walk back from the end of the period: yesterday's closing is today's minus today's net.
    QList<DayLevel> levels(period.days());
    qint64 level = *now - afterPeriod;
    for (qint64 i = levels.size() - 1; i >= 0; --i) {
        const QDate day = period.from.addDays(i);
        levels[i] = {day, level};
        if (auto net = netByDay.find(dayNumber(day)); net != netByDay.end())
            level -= net->second;
    }
    return levels;
}

Result<QList<DayMovements>> Analytics::movementsPerDay(const AnalyticsScope &scope,
                                                       const Period &period) const
{
    if (auto valid = requireValid(period); !valid)
        return std::unexpected(valid.error());
    const ScopeTerms terms = termsFor(scope, QStringLiteral("d"));
    auto query = m_db.select(QStringLiteral(
                                 "SELECT d.day, d.type, sum(d.lines) FROM daily_movements d "
                                 "WHERE d.day BETWEEN ? AND ?")
                                 + terms.sql + QStringLiteral(" GROUP BY d.day, d.type"),
                             QVariantList{dayNumber(period.from), dayNumber(period.to)}
                                 + terms.values);
    if (!query)
        return std::unexpected(query.error());
    QList<DayMovements> days(period.days());
    for (qint64 i = 0; i < days.size(); ++i)
        days[i].day = period.from.addDays(i);
    const qint64 first = dayNumber(period.from);
    while (query->next()) {
        const auto type = movementTypeFromString(query->value(1).toString());
        if (!type)
            continue;
        days[query->value(0).toLongLong() - first].lines[size_t(*type)] += query->value(2)
                                                                               .toLongLong();
    }
    return days;
}

Result<QList<Mover>> Analytics::topMovers(const AnalyticsScope &scope,
                                          const Period &period,
                                          int limit) const
{
    if (auto valid = requireValid(period); !valid)
        return std::unexpected(valid.error());
    const ScopeTerms terms = termsFor(scope, QStringLiteral("d"));
    auto query = m_db.select(QStringLiteral(
                                 "SELECT d.product_id, p.sku, p.name, sum(d.quantity_out), "
                                 "sum(d.lines) FROM daily_movements d "
                                 "JOIN products p ON p.id = d.product_id "
                                 "WHERE d.type = 'issue' AND d.day BETWEEN ? AND ?")
                                 + terms.sql
                                 + QStringLiteral(
                                     " GROUP BY d.product_id "
                                     "ORDER BY sum(d.quantity_out) DESC, p.sku LIMIT ?"),
                             QVariantList{dayNumber(period.from), dayNumber(period.to)}
                                 + terms.values + QVariantList{limit});
    if (!query)
        return std::unexpected(query.error());
    QList<Mover> movers;
    while (query->next()) {
        movers.append({query->value(0).toLongLong(),
                       query->value(1).toString(),
                       query->value(2).toString(),
                       query->value(3).toLongLong(),
                       query->value(4).toLongLong()});
    }
    return movers;
}

Result<QList<PeriodLine>> Analytics::periodReport(const AnalyticsScope &scope,
                                                  const Period &period) const
{
    if (auto valid = requireValid(period); !valid)
        return std::unexpected(valid.error());
    QHash<qint64, PeriodLine> lines;

    // Today's stock, then everything that moved since the period began: what happened in
    // the period fills the columns, what happened after it leads back to its closing.
    const ScopeTerms totals = termsFor(scope, QStringLiteral("t"));
    auto now = m_db.select(QStringLiteral(
                               "SELECT t.product_id, sum(t.quantity) FROM stock_totals t "
                               "WHERE 1 = 1")
                               + totals.sql + QStringLiteral(" GROUP BY t.product_id"),
                           totals.values);
    if (!now)
        return std::unexpected(now.error());
    while (now->next()) {
        PeriodLine &line = lines[now->value(0).toLongLong()];
        line.closing = now->value(1).toLongLong();
    }

    const ScopeTerms terms = termsFor(scope, QStringLiteral("d"));
    auto moved = m_db.select(QStringLiteral(
                                 "SELECT d.product_id, d.type, d.day > ?, sum(d.quantity_in), "
                                 "sum(d.quantity_out) FROM daily_movements d WHERE d.day >= ?")
                                 + terms.sql
                                 + QStringLiteral(" GROUP BY d.product_id, d.type, d.day > ?"),
                             QVariantList{dayNumber(period.to), dayNumber(period.from)}
                                 + terms.values + QVariantList{dayNumber(period.to)});
    if (!moved)
        return std::unexpected(moved.error());
    while (moved->next()) {
        PeriodLine &line = lines[moved->value(0).toLongLong()];
        const auto type = movementTypeFromString(moved->value(1).toString());
        const bool afterPeriod = moved->value(2).toBool();
        const qint64 in = moved->value(3).toLongLong();
        const qint64 out = moved->value(4).toLongLong();
        if (afterPeriod) {
            line.closing -= in - out;
            continue;
        }
        switch (type.value_or(MovementType::Adjustment)) {
        case MovementType::Receipt:
            line.receipts += in - out;
            break;
        case MovementType::Issue:
            line.issues += out - in;
            break;
        case MovementType::Transfer:
            line.transfersIn += in;
            line.transfersOut += out;
            break;
        case MovementType::Adjustment:
        case MovementType::Count:
            line.adjustments += in - out;
            break;
        }
    }

    auto products = m_db.select(QStringLiteral(
                                    "SELECT id, sku, name, unit FROM products ORDER BY sku"),
                                {});
    if (!products)
        return std::unexpected(products.error());
    QList<PeriodLine> report;
    while (products->next()) {
        auto found = lines.find(products->value(0).toLongLong());
        if (found == lines.end())
            continue;
        PeriodLine line = *found;
        line.opening = line.closing - line.receipts + line.issues - line.transfersIn
                       + line.transfersOut - line.adjustments;
        const bool moved = line.receipts || line.issues || line.transfersIn || line.transfersOut
                           || line.adjustments;
        if (!moved && line.opening == 0 && line.closing == 0)
            continue;
        line.productId = found.key();
        line.sku = products->value(1).toString();
        line.name = products->value(2).toString();
        line.unit = products->value(3).toString();
        report.append(line);
    }
    return report;
}

} // namespace Stockroom
