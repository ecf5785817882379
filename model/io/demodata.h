#pragma once

// DemoData: a deterministic, realistic data set for demos, tests and benchmarks.
//
// Two warehouses of zones and bins, products with valid EAN-13 codes and English and
// Korean names, lots with expiries, thresholds, users of each role, and movements spread
// over working hours of the period. Everything goes through the same commands a clerk
// uses, so the result verifies clean. The same options give the same products, stock
// and movements; only the device id differs between runs.

#include "model/domain/clock.h"
#include "model/domain/error.h"

#include <QDate>

#include <functional>

namespace Stockroom {

class Database;

struct DemoOptions
{
    quint64 seed = 20260301;
    int products = 5000;
    int movements = 200000;
    int days = 180;
    QDate lastDay; // default: the last day whose working hours are over by the clock
    int warehouses = 2;
    int zonesPerWarehouse = 8;
    int binsPerZone = 25;
    int homeBinsPerProduct = 1; // per warehouse; more bins give more stock rows
};

struct DemoSummary
{
    int products = 0;
    int locations = 0;
    int movements = 0; // ledger lines
    int users = 0;
};

class DemoData
{
public:
    using Progress = std::function<void(const QString &stage, qint64 done, qint64 total)>;

    // Demo sign-ins, printed by the CLI.
    static constexpr auto adminName = "admin";
    static constexpr auto managerName = "mina";
    static constexpr auto clerkName = "kim";
    static constexpr auto password = "stockroom-demo";

    // The clock gives today, when options name no last day; the movements' times are the
    // generator's own, spread over the period.
    static Result<DemoSummary> generate(Database &db,
                                        const DemoOptions &options,
                                        const Clock &clock,
                                        const Progress &progress = {});
};

} // namespace Stockroom
