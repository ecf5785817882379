#pragma once

// How a server's write transactions change a stock row when several of them may run at once
// (stockroom-server --stock-strategy; docs/concurrency.md compares them).

#include <QString>

#include <optional>

namespace Stockroom {

enum class StockStrategy {
    // One writer applies the queued writes of many clients in one transaction (group
    // commit); every write transaction takes the writer lock first. The default.
    Group,
    // Each write alone: read the row, check, write it back only if its version is unchanged;
    // a lost race rolls back and is retried.
    Optimistic,
    // Each write alone: SELECT ... FOR UPDATE holds the row until the commit.
    Pessimistic,
    // Each write alone: a PostgreSQL advisory transaction lock per product and location,
    // which every server instance on the database shares.
    Advisory,
    // Each write alone: one UPDATE adds the delta and checks that stock stays at or above
    // zero in the same statement.
    Delta,
};

inline QString toString(StockStrategy strategy)
{
    switch (strategy) {
    case StockStrategy::Group:
        return QStringLiteral("group");
    case StockStrategy::Optimistic:
        return QStringLiteral("optimistic");
    case StockStrategy::Pessimistic:
        return QStringLiteral("pessimistic");
    case StockStrategy::Advisory:
        return QStringLiteral("advisory");
    case StockStrategy::Delta:
        return QStringLiteral("delta");
    }
    return QString();
}

inline std::optional<StockStrategy> stockStrategyFromString(const QString &name)
{
    for (StockStrategy strategy : {StockStrategy::Group,
                                   StockStrategy::Optimistic,
                                   StockStrategy::Pessimistic,
                                   StockStrategy::Advisory,
                                   StockStrategy::Delta}) {
        if (name == toString(strategy))
            return strategy;
    }
    return std::nullopt;
}

} // namespace Stockroom
