#include "workstation.h"

#include "sync/client/syncclient.h"

#include <QApplication>

namespace Stockroom {

Workstation::Workstation(Database &db, const Clock &clock, const Actor &actor)
    : m_ledger(db)
    , m_catalog(db)
    , m_stock(db, m_ledger, [&clock, zone = db.dayZone()] { return clock.today(zone); })
    , m_movements(db, m_ledger, clock)
    , m_scanning(db, m_catalog, m_movements)
    , m_conflicts(db)
    , m_decisions(db, clock)
    , m_history(db, m_ledger)
    , m_masterData(db, clock)
    , m_dashboard(db, m_ledger, [&clock, zone = db.dayZone()] { return clock.today(zone); })
    , m_acknowledgments(db, clock)
    , m_alerts(db,
               m_ledger,
               m_masterData,
               m_acknowledgments,
               [&clock, zone = db.dayZone()] { return clock.today(zone); })
    , m_report(db)
    , m_products(db, m_masterData)
    , m_stocktake(db, m_catalog, m_movements, clock)
    , m_importer(db, m_masterData, m_movements)
    , m_users(db, clock)
{
    // Times and days as the warehouse counts them (the database's zone), wherever the
    // workstation's own clock is set.
    m_history.setTimeZone(db.dayZone());
    if (db.syncs()) {
        Sync::ClientOptions options;
        options.server = QUrl(db.setting(QStringLiteral("sync.server")));
        options.token = db.setting(QStringLiteral("sync.token"));
        m_sync = std::make_unique<Sync::SyncClient>(db, m_ledger, clock, options);
        connectSync();
        m_sync->start();
    }
    m_window = std::make_unique<Views::MainWindow>(actor,
                                                   Views::MainWindow::Parts{m_catalog,
                                                                            m_stock,
                                                                            m_history,
                                                                            m_movements,
                                                                            m_conflicts,
                                                                            m_decisions,
                                                                            m_scanning,
                                                                            m_dashboard,
                                                                            m_alerts,
                                                                            m_acknowledgments,
                                                                            m_report,
                                                                            m_masterData,
                                                                            m_products,
                                                                            m_stocktake,
                                                                            m_importer,
                                                                            m_users,
                                                                            clock,
                                                                            m_sync.get()});
    // Scans from anywhere in the window go to its scan pipeline, but for a scan into a
    // text field, which fills that field.
    m_scanner.setWindow(m_window.get());
    qApp->installEventFilter(&m_scanner);
    QObject::connect(&m_scanner,
                     &Views::ScanFilter::scanned,
                     m_window.get(),
                     &Views::MainWindow::handleScan);
}

Workstation::~Workstation()
{
    qApp->removeEventFilter(&m_scanner);
    m_window.reset();
    if (m_sync)
        m_sync->stop();
}

void Workstation::connectSync()
{
    Sync::SyncClient *sync = m_sync.get();
    // Movements arrive through the ledger's own signals; new products and thresholds need
    // the grid, the conflicts and the alerts read again.
    QObject::connect(sync, &Sync::SyncClient::replicaChanged, &m_stock, [this] {
        m_stock.setFilter(m_stock.filter());
    });
    QObject::connect(sync, &Sync::SyncClient::replicaChanged, &m_conflicts, [this] {
        m_conflicts.reload();
    });
    QObject::connect(sync, &Sync::SyncClient::replicaChanged, &m_alerts, &AlertModel::refresh);
    // Answered operations are no longer "not yet synced" in the grid, and refusals land in
    // the inbox.
    QObject::connect(sync, &Sync::SyncClient::answered, &m_stock, &StockModel::refreshPending);
    QObject::connect(sync, &Sync::SyncClient::answered, &m_conflicts, [this] {
        m_conflicts.reload();
    });
    // What is queued for the server goes at once when online: SyncClient listens to the
    // database's outbox itself.
}

} // namespace Stockroom
