#pragma once

// Workstation: everything a signed-in user works with on one open database: the model's
// services and item models, the sync worker when the database has joined a server, the
// scanner filter and the window. main() opens the database and signs the user in; this
// wires the rest, in one place that the start-up benchmark builds the same way.
// The database and the clock must outlive it.

#include "model/domain/actor.h"
#include "model/io/csvimporter.h"
#include "model/itemmodels/alertmodel.h"
#include "model/itemmodels/conflictmodel.h"
#include "model/itemmodels/dashboardmodel.h"
#include "model/itemmodels/movementmodel.h"
#include "model/itemmodels/periodreportmodel.h"
#include "model/itemmodels/productmodel.h"
#include "model/itemmodels/stockmodel.h"
#include "model/ledger/stockledger.h"
#include "model/services/alertservice.h"
#include "model/services/catalog.h"
#include "model/services/conflictservice.h"
#include "model/services/masterdataservice.h"
#include "model/services/movementservice.h"
#include "model/services/scansession.h"
#include "model/services/stocktake.h"
#include "model/services/userservice.h"
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
