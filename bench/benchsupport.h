#pragma once

// What the benchmark programs share: percentiles, and stopping with a message when a step
// that must work does not.

#include "model/domain/error.h"
#include "model/io/demodata.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace Stockroom::Bench {

inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p / 100.0 * double(values.size())));
    return values[index];
}

// The catalogue the write benchmarks run on: one warehouse of 100 bins, 1,000 products,
// no movements.
inline DemoOptions smallCatalogue()
{
    DemoOptions options;
    options.products = 1000;
    options.movements = 0;
    options.warehouses = 1;
    options.zonesPerWarehouse = 4;
    options.binsPerZone = 25;
    return options;
}

[[noreturn]] inline void die(const QString &what)
{
    std::fprintf(stderr,
                 "%s: %s\n",
                 qPrintable(QCoreApplication::applicationName()),
                 qPrintable(what));
    std::exit(1);
}

template<typename T>
T need(Result<T> result, const char *what)
{
    if (!result)
        die(QStringLiteral("%1: %2").arg(QString::fromLatin1(what), result.error().message));
    return std::move(*result);
}

inline void need(const Status &status, const char *what)
{
    if (!status)
        die(QStringLiteral("%1: %2").arg(QString::fromLatin1(what), status.error().message));
}

} // namespace Stockroom::Bench
