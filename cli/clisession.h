#pragma once

// CliSession: one open database with its services, for the length of one CLI command.
//
// The database key is the CLI's credential: whoever holds it can read and write the file
// with any SQLCipher tool. --user (or STOCKROOM_USER) picks whose name and role the
// records carry, so a clerk's script still cannot adjust stock.

#include "model/domain/actor.h"
#include "model/domain/clock.h"
#include "model/ledger/stockledger.h"
#include "model/services/catalog.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/services/userservice.h"

#include <QCommandLineParser>

#include <memory>

namespace Stockroom::Cli {

class CliSession
{
public:
    // Adds --db, --key-file and --user to a parser.
    static void addOptions(QCommandLineParser &parser);
    static Result<std::unique_ptr<CliSession>> open(const QCommandLineParser &parser);

    Database &db() { return *m_db; }
    StockLedger &ledger() { return *m_ledger; }
    MovementService &movements() { return *m_movements; }
    MasterDataService &masterData() { return *m_masterData; }
    Catalog &catalog() { return *m_catalog; }
    const Actor &actor() const { return m_actor; }
    const Clock &clock() const { return m_clock; }

    ~CliSession();

private:
    CliSession() = default;

    SystemClock m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<StockLedger> m_ledger;
    std::unique_ptr<MovementService> m_movements;
    std::unique_ptr<MasterDataService> m_masterData;
    std::unique_ptr<Catalog> m_catalog;
    Actor m_actor;
};

} // namespace Stockroom::Cli
