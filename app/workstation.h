#pragma once

// Workstation: everything a signed-in user works with on one open database: the model's
// services and item models, the sync worker when the database has joined a server, the
// scanner filter and the window. main() opens the database and signs the user in; this
// wires the rest, in one place that the start-up benchmark builds the same way.
// The database and the clock must outlive it.

#include "model/actor.h"
#include "model/alertmodel.h"
#include "model/alertservice.h"
#include "model/catalog.h"
#include "model/conflictmodel.h"
#include "model/conflictservice.h"
#include "model/csvimporter.h"
#include "model/dashboardmodel.h"
#include "model/masterdataservice.h"
#include "model/movementmodel.h"
#include "model/movementservice.h"
#include "model/periodreportmodel.h"
#include "model/productmodel.h"
#include "model/scansession.h"
#include "model/stockledger.h"
#include "model/stockmodel.h"
#include "model/stocktake.h"
#include "model/userservice.h"
#include "views/mainwindow.h"
#include "views/scanfilter.h"

#include <memory>

namespace Stockroom {

namespace Sync {
class SyncClient;
}

class Workstation
{
public:
    Workstation(Database &db, const Clock &clock, const Actor &actor);
    ~Workstation();

    Views::MainWindow &window() { return *m_window; }
    Views::ScanFilter &scanner() { return m_scanner; }
    StockLedger &ledger() { return m_ledger; }
    // Null when the database has not joined a server.
    Sync::SyncClient *sync() { return m_sync.get(); }

private:
    void connectSync();

    StockLedger m_ledger;
    Catalog m_catalog;
    StockModel m_stock;
    std::unique_ptr<Sync::SyncClient> m_sync;
    MovementService m_movements;
    ScanSession m_scanning;
    ConflictModel m_conflicts;
    ConflictService m_decisions;
    MovementModel m_history;
    MasterDataService m_masterData;
    DashboardModel m_dashboard;
    AlertService m_acknowledgments;
    AlertModel m_alerts;
    PeriodReportModel m_report;
    ProductModel m_products;
    Stocktake m_stocktake;
    CsvImporter m_importer;
    UserService m_users;
    Views::ScanFilter m_scanner;
    std::unique_ptr<Views::MainWindow> m_window;
};

} // namespace Stockroom
